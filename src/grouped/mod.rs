//! Grouped batch paths: every group's tally from a key column and the value
//! columns beside it, in one pass.
//!
//! A breakdown ("NPS by channel and hour", "AHT by agent and day") as it
//! comes from a file or an engine is columns: a key per row and the values.
//! [`ByCode`] builds one tally per *code* of the key (a `u8`, `u16` or `u32`
//! per row: a channel, an hour, `channel × 24 + hour`, the keys of a
//! dictionary-encoded string column) in one pass over the columns: each row
//! adds one to a counter of its group and its value's bin, and the tallies
//! are read off the counters. Values are validated in the same pass, and a
//! bad value or code is reported with its row index, as the ungrouped batch
//! paths do.
//!
//! The result equals recording the rows one by one into a
//! [`Breakdown`] keyed by code ([`ByCode::into_breakdown`]) or by label
//! ([`ByCode::with_labels`]), and equals the ungrouped batch path over each
//! group's rows. Any other key (`Hash + Eq`: strings, tuples) is first
//! encoded into codes by [`KeyCodes`], as a dictionary encoder does.
//!
//! With the `rayon` feature, the `par_` paths split the rows across the
//! current pool and add the groups' counters: the same tallies, or the same
//! error, as the sequential path.
//!
//! | tally | grouped path | values |
//! | --- | --- | --- |
//! | [`NpsTally`](crate::NpsTally) | [`ByCode::<NpsTally>::from_scores`](ByCode#method.from_scores) | `u8` ratings 0–10 |
//! | [`CsatTally`](crate::CsatTally) | [`ByCode::<CsatTally>::from_scores`](ByCode#method.from_scores-1) | `u8` scores on the rule's scale |
//! | [`CesTally`](crate::CesTally) | [`ByCode::<CesTally>::from_scores`](ByCode#method.from_scores-2) | `u8` scores on the scale |
//! | [`ServiceLevelTally`](crate::ServiceLevelTally) | [`ByCode::<ServiceLevelTally>::from_whole_secs`](ByCode#method.from_whole_secs) | `u32` waits, answered and abandoned |
//! | [`AhtTally`](crate::AhtTally) | [`ByCode::<AhtTally>::from_whole_secs`](ByCode#method.from_whole_secs-1) | `u32` talk, hold, wrap seconds |
//! | [`FcrTally`](crate::FcrTally) | [`ByCode::<FcrTally>::from_contact_counts`](ByCode#method.from_contact_counts) | `u32` contacts per resolved request |
//!
//! # Example: NPS by channel and hour
//!
//! ```
//! use cxkpi::grouped::ByCode;
//! use cxkpi::{NpsTally, Tally};
//!
//! let channel = [0_u8, 1, 0, 1, 0];
//! let hour = [9_u8, 9, 9, 10, 10];
//! let scores = [10_u8, 3, 9, 8, 0];
//! // One code per (channel, hour): 2 channels × 24 hours.
//! let codes: Vec<u8> = channel.iter().zip(&hour).map(|(c, h)| c * 24 + h).collect();
//! let nps = ByCode::<NpsTally>::from_scores(48, &codes, &scores)?;
//! assert_eq!(nps.get(9).unwrap().nps()?.score(), 100.0); // channel 0 at 9
//! assert_eq!(nps.get(24 + 9).unwrap().nps()?.score(), -100.0); // channel 1 at 9
//! assert!(nps.get(5).unwrap().is_empty()?);
//! # Ok::<(), cxkpi::Error>(())
//! ```
//!
//! # Example: CSAT by a dictionary-encoded string column
//!
//! ```
//! use cxkpi::grouped::ByCode;
//! use cxkpi::{CsatRule, CsatTally};
//!
//! let labels = ["billing", "network", "sales"];
//! let codes = [1_u16, 0, 1, 2, 1];
//! let scores = [5_u8, 4, 2, 1, 4];
//! let csat = ByCode::<CsatTally>::from_scores(CsatRule::TOP_2_BOX_5, labels.len(), &codes, &scores)?
//!     .with_labels(&labels)?;
//! let network = csat.get(&"network").unwrap().csat()?;
//! assert_eq!((network.part(), network.whole()), (2, 3));
//! # Ok::<(), cxkpi::Error>(())
//! ```

use alloc::vec::Vec;
use core::hash::Hash;

use crate::hash::{Index, hash};
use crate::kernel::{GroupSums, Histogram};
use crate::{Breakdown, Domain, Error, Merge};

mod contact;
#[cfg(feature = "rayon")]
mod par;
mod survey;

mod sealed {
    pub trait Sealed {}
    impl Sealed for u8 {}
    impl Sealed for u16 {}
    impl Sealed for u32 {}
}

/// A group code: `u8`, `u16` or `u32`, read as a position `0..groups`.
///
/// # Example
///
/// ```
/// use cxkpi::grouped::Code;
///
/// assert_eq!(7_u16.index(), 7);
/// ```
pub trait Code: Copy + Send + Sync + sealed::Sealed {
    /// The code as a position.
    fn index(self) -> usize;
}

impl Code for u8 {
    #[inline]
    fn index(self) -> usize {
        usize::from(self)
    }
}

impl Code for u16 {
    #[inline]
    fn index(self) -> usize {
        usize::from(self)
    }
}

impl Code for u32 {
    #[inline]
    fn index(self) -> usize {
        // usize has at least 32 bits on every target the crate builds for.
        self as usize
    }
}

/// One tally per group code `0..groups`, built in one pass over a column
/// of codes and the value columns beside it (see the [module docs](self)).
///
/// Codes without rows keep the empty tally. The constructors are per tally
/// (`ByCode::<NpsTally>::from_scores`, …), parameters first, then the number
/// of groups, the codes and the values, as the ungrouped batch paths take
/// them.
///
/// # Example
///
/// ```
/// use cxkpi::grouped::ByCode;
/// use cxkpi::{AhtTally, Breakdown, Tally};
///
/// let agent = [0_u32, 1, 0];
/// let aht = ByCode::<AhtTally>::from_whole_secs(2, &agent, &[300, 120, 200], &[0, 0, 60], &[30, 20, 10])?;
/// assert_eq!(aht.get(0).unwrap().aht()?.secs(), 300.0);
/// assert_eq!(aht.total()?.len()?, 3);
/// let by_agent: Breakdown<usize, AhtTally> = aht.into_breakdown();
/// assert_eq!(by_agent.group_count(), 2);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ByCode<T> {
    template: T,
    tallies: Vec<T>,
    rows: Vec<u64>,
}

impl<T> ByCode<T> {
    /// The number of codes, `groups` as given.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{grouped::ByCode, NpsTally};
    ///
    /// assert_eq!(ByCode::<NpsTally>::from_scores(24, &[3_u8], &[9])?.groups(), 24);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn groups(&self) -> usize {
        self.tallies.len()
    }

    /// The tally of `code`, or `None` when `code >= groups`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{grouped::ByCode, NpsTally};
    ///
    /// let nps = ByCode::<NpsTally>::from_scores(4, &[3_u8, 3], &[9, 0])?;
    /// assert_eq!(nps.get(3).unwrap().nps()?.score(), 0.0);
    /// assert!(nps.get(4).is_none());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn get(&self, code: usize) -> Option<&T> {
        self.tallies.get(code)
    }

    /// The rows of `code` (0 when `code >= groups`).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{grouped::ByCode, NpsTally};
    ///
    /// let nps = ByCode::<NpsTally>::from_scores(4, &[3_u8, 3, 1], &[9, 0, 5])?;
    /// assert_eq!((nps.rows(3), nps.rows(0)), (2, 0));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn rows(&self, code: usize) -> u64 {
        self.rows.get(code).copied().unwrap_or(0)
    }

    /// Every code's tally, by code (empty tallies included).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{grouped::ByCode, NpsTally, Tally};
    ///
    /// let nps = ByCode::<NpsTally>::from_scores(2, &[1_u8], &[9])?;
    /// let counts = nps.tallies().iter().map(Tally::len).collect::<Result<Vec<_>, _>>()?;
    /// assert_eq!(counts, [0, 1]);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn tallies(&self) -> &[T] {
        &self.tallies
    }

    /// Every code's tally, by code, owned.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{grouped::ByCode, NpsTally};
    ///
    /// let nps: Vec<NpsTally> = ByCode::<NpsTally>::from_scores(2, &[1_u8], &[9])?.into_tallies();
    /// assert_eq!(nps[1].promoters()?, 1);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn into_tallies(self) -> Vec<T> {
        self.tallies
    }
}

impl<T: Merge + Clone> ByCode<T> {
    /// The groups with rows, as a [`Breakdown`] keyed by code: what
    /// recording the rows one by one as `(code, observation)` gives.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{grouped::ByCode, Breakdown, NpsRating, NpsTally};
    ///
    /// let by_code = ByCode::<NpsTally>::from_scores(10, &[7_u8, 2, 7], &[10, 6, 9])?.into_breakdown();
    /// let mut by_row = Breakdown::<usize, NpsTally>::default();
    /// by_row.extend([(7, NpsRating::new(10)?), (2, NpsRating::new(6)?), (7, NpsRating::new(9)?)]);
    /// assert_eq!(by_code, by_row);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn into_breakdown(self) -> Breakdown<usize, T> {
        let mut breakdown = Breakdown::new(self.template);
        for (code, (tally, rows)) in self.tallies.into_iter().zip(self.rows).enumerate() {
            if rows > 0 {
                *breakdown.group(code) = tally;
            }
        }
        breakdown
    }

    /// The groups with rows, keyed by their labels: code `c` is `labels[c]`
    /// (a dictionary's values, an agent's name). Codes of one label merge.
    ///
    /// # Errors
    ///
    /// [`Error::length_mismatch`] when there are not `groups` labels, and the
    /// error of [`Merge::try_merge`] when codes of one label fail to merge.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{grouped::ByCode, NpsTally, Tally};
    ///
    /// let nps = ByCode::<NpsTally>::from_scores(3, &[0_u8, 2, 1], &[10, 0, 9])?;
    /// let by_name = nps.with_labels(&["Becky", "Dan", "Becky"])?;
    /// assert_eq!(by_name.get(&"Becky").unwrap().len()?, 2);
    /// assert_eq!(by_name.group_count(), 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn with_labels<L: Ord + Hash + Clone>(
        &self,
        labels: &[L],
    ) -> Result<Breakdown<L, T>, Error> {
        if labels.len() != self.groups() {
            return Err(Error::length_mismatch(
                "group labels",
                labels.len(),
                "groups",
                self.groups(),
            ));
        }
        let mut breakdown = Breakdown::new(self.template.clone());
        for ((label, tally), &rows) in labels.iter().zip(&self.tallies).zip(&self.rows) {
            if rows > 0 {
                breakdown.group(label.clone()).try_merge(tally)?;
            }
        }
        Ok(breakdown)
    }

    /// All groups merged into one tally: the overall figure.
    ///
    /// # Errors
    ///
    /// As [`Merge::try_merge`]: an overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{grouped::ByCode, NpsTally};
    ///
    /// let nps = ByCode::<NpsTally>::from_scores(3, &[0_u8, 2, 1], &[10, 0, 9])?;
    /// assert_eq!(nps.total()?, NpsTally::from_scores(&[10, 0, 9])?);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn total(&self) -> Result<T, Error> {
        let mut total = self.template.clone();
        for tally in &self.tallies {
            total.try_merge(tally)?;
        }
        Ok(total)
    }
}

/// A key column encoded as dense codes: the first key seen is code 0, the
/// next new one code 1, … (a dictionary encoding, as Arrow's), found through
/// a hash index, so that any `Hash + Eq` key takes the [`ByCode`] paths.
///
/// # Example: CSAT by agent name
///
/// ```
/// use cxkpi::grouped::{ByCode, KeyCodes};
/// use cxkpi::{CsatRule, CsatTally};
///
/// let agents = ["Jim", "Becky", "Jim", "Dan"];
/// let keys = KeyCodes::new(agents)?;
/// assert_eq!((keys.codes(), keys.labels()), (&[0, 1, 0, 2][..], &["Jim", "Becky", "Dan"][..]));
/// let csat = ByCode::<CsatTally>::from_scores(CsatRule::TOP_2_BOX_5, keys.groups(), keys.codes(), &[5, 1, 4, 4])?
///     .with_labels(keys.labels())?;
/// assert_eq!(csat.get(&"Jim").unwrap().csat()?.percent(), 100.0);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: two key columns at once
///
/// ```
/// use cxkpi::grouped::KeyCodes;
///
/// let channel = ["chat", "phone", "chat"];
/// let month = [1_u8, 1, 1];
/// let keys = KeyCodes::new(channel.into_iter().zip(month))?;
/// assert_eq!(keys.codes(), [0, 1, 0]);
/// assert_eq!(keys.labels()[1], ("phone", 1));
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyCodes<K> {
    labels: Vec<K>,
    codes: Vec<u32>,
}

impl<K: Hash + Eq> KeyCodes<K> {
    /// Encodes `keys`, one code per key.
    ///
    /// # Errors
    ///
    /// [`Error::overflow`] past 2³² distinct keys.
    ///
    /// # Example
    ///
    /// ```
    /// let keys = cxkpi::grouped::KeyCodes::new([9_u64, 9, 4])?;
    /// assert_eq!(keys.codes(), [0, 0, 1]);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new<I: IntoIterator<Item = K>>(keys: I) -> Result<KeyCodes<K>, Error> {
        let keys = keys.into_iter();
        let mut codes = Vec::with_capacity(keys.size_hint().0);
        let mut labels: Vec<K> = Vec::new();
        let mut index = Index::default();
        for key in keys {
            let h = hash(&key);
            let code = if let Some(p) = index.find(h, |p| labels[p] == key) {
                p
            } else {
                index.push(h);
                labels.push(key);
                labels.len() - 1
            };
            codes.push(u32::try_from(code).map_err(|_| Error::overflow("distinct keys", "u32"))?);
        }
        Ok(KeyCodes { labels, codes })
    }
}

impl<K> KeyCodes<K> {
    /// The code of each key, in row order.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::grouped::KeyCodes::new(["a", "b", "a"])?.codes(), [0, 1, 0]);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn codes(&self) -> &[u32] {
        &self.codes
    }

    /// The key of each code, in order of first appearance.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::grouped::KeyCodes::new(["b", "a", "b"])?.labels(), ["b", "a"]);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn labels(&self) -> &[K] {
        &self.labels
    }

    /// The number of distinct keys.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::grouped::KeyCodes::new(["b", "a", "b"])?.groups(), 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn groups(&self) -> usize {
        self.labels.len()
    }
}

/// Where a grouped path runs: on this thread, or split across rayon's pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Run {
    /// On the calling thread.
    Here,
    /// Split across rayon's current pool.
    #[cfg(feature = "rayon")]
    Pool,
}

/// The error of a code (named `input`) of `groups` or more at row `index`.
#[cold]
fn bad_code(input: &'static str, code: usize, groups: usize, index: usize) -> Error {
    let max = i64::try_from(groups).unwrap_or(i64::MAX) - 1;
    Error::out_of_range(input, code as u64, Domain::Between { min: 0, max }).at(index)
}

/// `Err` unless the codes and the values have one length.
fn same_length(codes: usize, name: &'static str, values: usize) -> Result<(), Error> {
    if codes == values {
        Ok(())
    } else {
        Err(Error::length_mismatch("group codes", codes, name, values))
    }
}

/// Counts the rows into `groups` × `bins`, value `v` in bin `bin(v)`.
fn histogram<C: Code, V: Copy + Sync>(
    run: Run,
    groups: usize,
    bins: usize,
    codes: &[C],
    values: &[V],
    bin: impl Fn(V) -> usize + Sync,
) -> Result<Histogram, Error> {
    match run {
        Run::Here => {
            let mut h = Histogram::new(groups, bins)?;
            h.add(codes, values, bin)?;
            Ok(h)
        }
        #[cfg(feature = "rayon")]
        Run::Pool => par::histogram(groups, bins, codes, values, bin),
    }
}

/// Rows and sums of three columns per group.
fn sums<C: Code>(
    run: Run,
    groups: usize,
    codes: &[C],
    columns: [&[u32]; 3],
) -> Result<GroupSums, Error> {
    match run {
        Run::Here => {
            let mut s = GroupSums::new(groups)?;
            s.add(codes, columns)?;
            Ok(s)
        }
        #[cfg(feature = "rayon")]
        Run::Pool => par::sums(groups, codes, columns),
    }
}

/// The first bad row, as an error: its code's if the code is `groups` or
/// more, else its value's from `bad_value(value, index)`.
#[cold]
fn first_error<C: Code, V: Copy>(
    groups: usize,
    codes: &[C],
    values: &[V],
    is_bad: impl Fn(V) -> bool,
    bad_value: impl Fn(V, usize) -> Error,
) -> Error {
    first_error_named("group code", groups, codes, values, is_bad, bad_value)
}

/// [`first_error`] with the codes named `input`.
#[cold]
fn first_error_named<C: Code, V: Copy>(
    input: &'static str,
    groups: usize,
    codes: &[C],
    values: &[V],
    is_bad: impl Fn(V) -> bool,
    bad_value: impl Fn(V, usize) -> Error,
) -> Error {
    match crate::kernel::first_bad_row(groups, codes, values, is_bad) {
        Some(i) if codes[i].index() >= groups => bad_code(input, codes[i].index(), groups, i),
        Some(i) => bad_value(values[i], i),
        // The counters saw a bad row that the search does not: impossible.
        None => Error::overflow("group counters", "the rows"),
    }
}
