//! First-contact resolution from contact histories: the re-contact window
//! and the one-touch definitions.

use alloc::vec::Vec;
use core::time::Duration;

use crate::Tally;
use crate::{FcrTally, Resolution};

/// One contact of a customer about a matter, at a time.
///
/// `key` identifies the customer *and* the matter (for example a
/// `(customer_id, topic)` tuple): a customer calling back about something
/// else is a new request. `at` is the contact's time as an offset from any
/// fixed epoch (Unix time, say); only differences matter.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::Contact;
///
/// let call = Contact { key: ("c42", "billing"), at: Duration::from_secs(1_700_000_000) };
/// assert_eq!(call.key.1, "billing");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Contact<K> {
    /// The customer and the matter.
    pub key: K,
    /// When the contact happened, from a fixed epoch.
    pub at: Duration,
}

/// FCR under the **re-contact window** definition: a request is resolved on
/// first contact when the same customer does not come back on the same
/// matter within `window` of their previous contact.
///
/// Contacts of one key form requests: a contact less than or equal to
/// `window` after the previous one continues that request (a repeat
/// contact); a later one opens a new request. Each request then counts as a
/// [`Resolution`]: first contact when it has exactly one contact. A
/// reopened request shows up as a re-contact, so it is never counted
/// resolved on first contact. The input need not be sorted.
///
/// # Formula
///
/// ```text
/// FCR = requests with one contact / requests       in [0, 100] %
/// ```
///
/// Variants: the window is commonly 1 to 7 days (SQM Group measures
/// repeat calls within 30 days; many helpdesks use 24 or 72 hours). Source:
/// SQM Group's call-back definition of FCR, as our source documents
/// describe "Once & Done"; see also MetricNet's "net first contact
/// resolution".
///
/// More than `u64::MAX` requests would become the tally's fault.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::{Contact, fcr_by_recontact};
///
/// let day = |d: u64| Duration::from_secs(d * 86_400);
/// let contacts = [
///     Contact { key: ("ann", "billing"), at: day(0) },
///     Contact { key: ("ann", "billing"), at: day(2) },  // back within 7 days: repeat
///     Contact { key: ("bob", "billing"), at: day(1) },  // once and done
///     Contact { key: ("ann", "billing"), at: day(30) }, // a new request, once and done
///     Contact { key: ("ann", "network"), at: day(3) },  // another matter, once and done
/// ];
/// let fcr = fcr_by_recontact(&contacts, day(7)).fcr()?;
/// assert_eq!((fcr.part(), fcr.whole()), (3, 4));
/// # Ok::<(), cxkpi::Error>(())
/// ```
pub fn fcr_by_recontact<K: Ord>(contacts: &[Contact<K>], window: Duration) -> FcrTally {
    let mut order: Vec<&Contact<K>> = contacts.iter().collect();
    order.sort_by(|a, b| a.key.cmp(&b.key).then(a.at.cmp(&b.at)));
    let mut tally = FcrTally::new();
    let mut contacts_in_request = 0_u32;
    let mut previous: Option<&Contact<K>> = None;
    for contact in order {
        let continues = previous
            .is_some_and(|p| p.key == contact.key && contact.at.saturating_sub(p.at) <= window);
        if !continues && contacts_in_request > 0 {
            tally.record(resolution(contacts_in_request));
            contacts_in_request = 0;
        }
        contacts_in_request = contacts_in_request.saturating_add(1);
        previous = Some(contact);
    }
    if contacts_in_request > 0 {
        tally.record(resolution(contacts_in_request));
    }
    tally
}

/// The resolution of a request of `contacts >= 1` contacts.
const fn resolution(contacts: u32) -> Resolution {
    if contacts == 1 {
        Resolution::FirstContact
    } else {
        Resolution::RepeatContact
    }
}

/// Where a ticket stands, for the one-touch definition of FCR.
///
/// # Example
///
/// ```
/// use cxkpi::TicketStatus;
///
/// assert_ne!(TicketStatus::Resolved, TicketStatus::Reopened);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TicketStatus {
    /// Not resolved yet: counts in neither side of FCR.
    Open,
    /// Resolved, and never reopened.
    Resolved,
    /// Resolved, then reopened at least once (whether or not resolved
    /// again): never a first-contact resolution.
    Reopened,
}

/// The resolution of a ticket under the **one-touch** definition: resolved
/// with at most one agent reply, and never reopened.
///
/// Returns `None` for an open ticket, which is not (yet) a resolution.
///
/// # Formula
///
/// ```text
/// FCR = resolved tickets with ≤ 1 agent reply and no reopening / resolved tickets
/// ```
///
/// Source: the "one-touch resolution" of helpdesk products (Zendesk's
/// one-touch tickets, Freshdesk's FCR); reopened tickets are excluded from
/// the numerator as our source documents require.
///
/// # Example
///
/// ```
/// use cxkpi::{FcrTally, Resolution};
/// use cxkpi::{TicketStatus, one_touch};
///
/// assert_eq!(one_touch(1, TicketStatus::Resolved), Some(Resolution::FirstContact));
/// assert_eq!(one_touch(0, TicketStatus::Resolved), Some(Resolution::FirstContact));
/// assert_eq!(one_touch(3, TicketStatus::Resolved), Some(Resolution::RepeatContact));
/// assert_eq!(one_touch(1, TicketStatus::Reopened), Some(Resolution::RepeatContact));
/// assert_eq!(one_touch(1, TicketStatus::Open), None);
///
/// let tickets = [(1, TicketStatus::Resolved), (2, TicketStatus::Resolved), (1, TicketStatus::Open)];
/// let fcr: FcrTally = tickets.iter().filter_map(|&(r, s)| one_touch(r, s)).collect();
/// assert_eq!(fcr.fcr()?.percent(), 50.0);
/// # Ok::<(), cxkpi::Error>(())
/// ```
pub const fn one_touch(agent_replies: u32, status: TicketStatus) -> Option<Resolution> {
    match status {
        TicketStatus::Open => None,
        TicketStatus::Resolved if agent_replies <= 1 => Some(Resolution::FirstContact),
        // Reopened, or resolved only after several replies.
        TicketStatus::Resolved | TicketStatus::Reopened => Some(Resolution::RepeatContact),
    }
}
