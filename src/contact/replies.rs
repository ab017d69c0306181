//! Customer messages before the first agent reply: their mean and
//! distribution.

use alloc::vec::Vec;

use crate::contact::histogram::Counts;
use crate::tally::{Fault, tally};
use crate::{Domain, Error, Rate, Tally};

/// The messages a customer sent before the first agent reply: 1 or more
/// (the message that opened the conversation counts).
///
/// # Example
///
/// ```
/// use cxkpi::MessagesBeforeReply;
///
/// assert_eq!(MessagesBeforeReply::new(2)?.get(), 2);
/// assert!(MessagesBeforeReply::new(0).is_err());
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MessagesBeforeReply(u32);

impl MessagesBeforeReply {
    /// `messages` customer messages before the first reply.
    ///
    /// # Errors
    ///
    /// An `out_of_range` error for 0: a conversation the agent opened has
    /// no first reply to wait for.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(cxkpi::MessagesBeforeReply::new(1).is_ok());
    /// ```
    pub fn new(messages: u32) -> Result<MessagesBeforeReply, Error> {
        if messages == 0 {
            return Err(Error::out_of_range(
                "customer messages before the first reply",
                messages,
                Domain::AtLeast(1),
            ));
        }
        Ok(MessagesBeforeReply(messages))
    }

    /// The number of messages.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::MessagesBeforeReply::new(3)?.get(), 3);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for MessagesBeforeReply {
    type Error = Error;

    fn try_from(messages: u32) -> Result<MessagesBeforeReply, Error> {
        MessagesBeforeReply::new(messages)
    }
}

/// The accumulator of customer messages before the first agent reply, per
/// conversation: their mean and their distribution, exactly.
///
/// # Formula
///
/// ```text
/// mean          = Σ messages / conversations                  ≥ 1
/// share with m  = #{ conversations with m messages } / conversations
/// ```
///
/// Source: our source documents report that "customers send 1.15 messages
/// on average before getting a reply"; more than one means the customer
/// chased. Variants: the mean, or the share of conversations with exactly
/// (or at most) m messages.
///
/// # Example
///
/// ```
/// use cxkpi::{MessagesBeforeReply, MessagesBeforeReplyTally};
///
/// let counts = [1, 1, 1, 2, 1, 1, 3, 1, 1, 1];
/// let t = MessagesBeforeReplyTally::from_messages(&counts)?;
/// assert_eq!(t.mean()?, 1.3);
/// assert_eq!(t.share_at_most(1)?.to_string(), "80.0% (n = 10)");
/// let shares: Vec<_> = t.distribution()?.into_iter().map(|(m, r)| (m, r.part())).collect();
/// assert_eq!(shares, [(1, 8), (2, 1), (3, 1)]);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: empty
///
/// ```
/// use cxkpi::{ErrorKind, MessagesBeforeReplyTally};
///
/// assert_eq!(MessagesBeforeReplyTally::new().mean().unwrap_err().kind(), ErrorKind::Empty);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MessagesBeforeReplyTally {
    counts: Counts,
    conversations: u64,
    fault: Fault,
}

/// The state of a [`MessagesBeforeReplyTally`]: conversations per number of
/// messages.
///
/// Invariants, checked by [`from_state`](crate::Tally::from_state): message
/// counts strictly increase from 1, every count is above 0, and the counts
/// sum to at most `u64::MAX`.
///
/// # Example
///
/// ```
/// use cxkpi::{MessagesBeforeReplyState, MessagesBeforeReplyTally, Tally};
///
/// let state = MessagesBeforeReplyState { conversations_by_messages: vec![(1, 85), (2, 15)] };
/// assert_eq!(MessagesBeforeReplyTally::from_state(state)?.mean()?, 1.15);
/// let zero = MessagesBeforeReplyState { conversations_by_messages: vec![(0, 1)] };
/// assert!(MessagesBeforeReplyTally::from_state(zero).is_err());
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MessagesBeforeReplyState {
    /// `(messages, conversations)` pairs, by number of messages.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::count_pairs"))]
    pub conversations_by_messages: Vec<(u32, u64)>,
}

impl MessagesBeforeReplyTally {
    /// The empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{MessagesBeforeReplyTally, Tally};
    ///
    /// assert_eq!(MessagesBeforeReplyTally::new().len()?, 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new() -> MessagesBeforeReplyTally {
        MessagesBeforeReplyTally::default()
    }

    /// The tally of a column of message counts, one per conversation.
    ///
    /// # Errors
    ///
    /// An `out_of_range` error naming the index of a 0.
    ///
    /// # Example
    ///
    /// ```
    /// let err = cxkpi::MessagesBeforeReplyTally::from_messages(&[1, 0]).unwrap_err();
    /// assert_eq!(err.to_string(), "customer messages before the first reply 0 at index 1 is out of range: it must be at least 1");
    /// ```
    pub fn from_messages(messages: &[u32]) -> Result<MessagesBeforeReplyTally, Error> {
        let mut tally = MessagesBeforeReplyTally::new();
        for (i, &m) in messages.iter().enumerate() {
            tally.try_record(MessagesBeforeReply::new(m).map_err(|e| e.at(i))?)?;
        }
        Ok(tally)
    }

    /// The mean number of messages before the first reply.
    ///
    /// # Errors
    ///
    /// An `empty` error without conversations, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::MessagesBeforeReplyTally::from_messages(&[1, 2])?.mean()?, 1.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn mean(&self) -> Result<f64, Error> {
        self.share_at_most(0)?;
        Ok(self.counts.weighted_sum() as f64 / self.conversations as f64)
    }

    /// The share of conversations with exactly `messages` messages.
    ///
    /// # Errors
    ///
    /// An `empty` error without conversations, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::MessagesBeforeReplyTally::from_messages(&[1, 2])?.share_with(2)?.percent(), 50.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn share_with(&self, messages: u32) -> Result<Rate, Error> {
        let n = self
            .counts
            .pairs()
            .iter()
            .find(|&&(m, _)| m == messages)
            .map_or(0, |&(_, c)| c);
        self.share(n)
    }

    /// The share of conversations with at most `messages` messages.
    ///
    /// # Errors
    ///
    /// An `empty` error without conversations, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::MessagesBeforeReplyTally::from_messages(&[1, 2, 4])?.share_at_most(2)?.part(), 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn share_at_most(&self, messages: u32) -> Result<Rate, Error> {
        self.share(self.counts.at_most(messages))
    }

    /// Each number of messages seen, with its share of conversations.
    ///
    /// # Errors
    ///
    /// An `empty` error without conversations, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// let t = cxkpi::MessagesBeforeReplyTally::from_messages(&[2, 1, 2, 2])?;
    /// let d: Vec<_> = t.distribution()?.into_iter().map(|(m, r)| (m, r.percent())).collect();
    /// assert_eq!(d, [(1, 25.0), (2, 75.0)]);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn distribution(&self) -> Result<Vec<(u32, Rate)>, Error> {
        self.share(0)?;
        self.counts
            .pairs()
            .iter()
            .map(|&(m, c)| Ok((m, self.share(c)?)))
            .collect()
    }

    fn share(&self, part: u64) -> Result<Rate, Error> {
        self.fault.check()?;
        Rate::of_tally(
            part,
            self.conversations,
            "messages before the first reply",
            "no conversations",
        )
    }

    fn merge_counts(&mut self, other: &MessagesBeforeReplyTally) -> Result<(), Error> {
        let counts = self.counts.merged(&other.counts, "conversations")?;
        let conversations =
            crate::tally::add_u64(self.conversations, other.conversations, "conversations")?;
        self.counts = counts;
        self.conversations = conversations;
        Ok(())
    }

    fn add_one(&mut self, messages: MessagesBeforeReply) -> Result<(), Error> {
        let conversations = crate::tally::add_u64(self.conversations, 1, "conversations")?;
        self.counts = self.counts.with(messages.0, 1, "conversations")?;
        self.conversations = conversations;
        Ok(())
    }

    const fn observations(&self) -> u64 {
        self.conversations
    }

    fn to_state(&self) -> MessagesBeforeReplyState {
        MessagesBeforeReplyState {
            conversations_by_messages: self.counts.pairs().to_vec(),
        }
    }

    fn check_state(s: MessagesBeforeReplyState) -> Result<MessagesBeforeReplyTally, Error> {
        let counts =
            Counts::from_pairs(s.conversations_by_messages, 1, "conversations_by_messages")?;
        let conversations = counts.total("conversations_by_messages counts")?;
        Ok(MessagesBeforeReplyTally {
            counts,
            conversations,
            fault: Fault::default(),
        })
    }
}

tally!(
    MessagesBeforeReplyTally,
    MessagesBeforeReply,
    MessagesBeforeReplyState,
    default
);
