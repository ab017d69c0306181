//! Ticket volume per customer: tickets, distinct customers and their ratio.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::fmt;

use crate::Error;
use crate::tally::{Fault, add_u64, tally};

/// Tickets counted per customer: the total, the distinct customers, and
/// tickets per customer.
///
/// Generic over the customer key (`&str`, `String`, `u64`…, anything
/// `Ord + Clone`); memory grows with the distinct customers, not the tickets.
/// Merging adds the counts per customer, so a customer seen in two chunks is
/// counted once.
///
/// # Formula
///
/// ```text
/// tickets per customer = tickets / distinct customers       in [1, ∞)
/// ```
///
/// Source: our source documents' "ticket volume per customer", which tracks
/// how often customers need help (lower is better once products are
/// self-explanatory).
///
/// # Example
///
/// ```
/// use cxkpi::TicketVolume;
///
/// let volume: TicketVolume<&str> = ["a", "b", "a", "c", "a"].into_iter().collect();
/// assert_eq!((volume.tickets()?, volume.customers()?), (5, 3));
/// assert_eq!(format!("{:.2}", volume.tickets_per_customer()?), "1.67");
/// assert_eq!(volume.tickets_of(&"a")?, 3);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: empty
///
/// ```
/// use cxkpi::{ErrorKind, TicketVolume};
///
/// let volume = TicketVolume::<u64>::new();
/// assert_eq!(volume.tickets_per_customer().unwrap_err().kind(), ErrorKind::Empty);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct TicketVolume<K> {
    per_customer: BTreeMap<K, u64>,
    tickets: u64,
    fault: Fault,
}

impl<K> Default for TicketVolume<K> {
    fn default() -> TicketVolume<K> {
        TicketVolume {
            per_customer: BTreeMap::new(),
            tickets: 0,
            fault: Fault::default(),
        }
    }
}

impl<K: Ord + Clone> TicketVolume<K> {
    /// No tickets yet.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::TicketVolume::<String>::new().tickets()?, 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new() -> TicketVolume<K> {
        TicketVolume::default()
    }

    /// Tickets counted.
    ///
    /// # Errors
    ///
    /// The tally's fault: a faulted tally reports no count.
    ///
    /// # Example
    ///
    /// ```
    /// let volume: cxkpi::TicketVolume<u8> = [1, 2, 1].into_iter().collect();
    /// assert_eq!(volume.tickets()?, 3);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn tickets(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.tickets)
    }

    /// Distinct customers.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// let volume: cxkpi::TicketVolume<u8> = [1, 2, 1].into_iter().collect();
    /// assert_eq!(volume.customers()?, 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn customers(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.per_customer.len() as u64)
    }

    /// The tickets of one customer (0 for an unknown one).
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// let volume: cxkpi::TicketVolume<u8> = [1, 2, 1].into_iter().collect();
    /// assert_eq!((volume.tickets_of(&1)?, volume.tickets_of(&9)?), (2, 0));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn tickets_of(&self, customer: &K) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.per_customer.get(customer).copied().unwrap_or(0))
    }

    /// Customers and their tickets, in key order.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// let volume: cxkpi::TicketVolume<u8> = [2, 1, 2].into_iter().collect();
    /// assert_eq!(volume.per_customer()?.collect::<Vec<_>>(), [(&1, 1), (&2, 2)]);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn per_customer(&self) -> Result<impl Iterator<Item = (&K, u64)>, Error> {
        self.fault.check()?;
        Ok(self.per_customer.iter().map(|(k, &n)| (k, n)))
    }

    /// Tickets per distinct customer.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] without tickets, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// let volume: cxkpi::TicketVolume<u8> = [1, 2, 1, 3].into_iter().collect();
    /// assert_eq!(volume.tickets_per_customer()?, 4.0 / 3.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn tickets_per_customer(&self) -> Result<f64, Error> {
        self.fault.check()?;
        if self.tickets == 0 {
            return Err(Error::empty("tickets per customer", "no tickets"));
        }
        Ok(self.tickets as f64 / self.per_customer.len() as f64)
    }

    /// Adds one ticket of `customer`: atomic.
    fn add_one(&mut self, customer: K) -> Result<(), Error> {
        self.tickets = add_u64(self.tickets, 1, "tickets")?;
        // A customer's count is at most the total, which fits.
        *self.per_customer.entry(customer).or_insert(0) += 1;
        Ok(())
    }

    /// Adds the tickets of `other`: the total is checked first, so that the
    /// merge is all or nothing.
    fn merge_counts(&mut self, other: &TicketVolume<K>) -> Result<(), Error> {
        self.tickets = add_u64(self.tickets, other.tickets, "tickets")?;
        for (customer, &n) in &other.per_customer {
            *self.per_customer.entry(customer.clone()).or_insert(0) += n;
        }
        Ok(())
    }

    const fn observations(&self) -> u64 {
        self.tickets
    }

    fn to_state(&self) -> TicketVolumeState<K> {
        TicketVolumeState {
            per_customer: self
                .per_customer
                .iter()
                .map(|(k, &n)| (k.clone(), n))
                .collect(),
        }
    }

    /// Keys sorted and unique (one entry per customer), every count at
    /// least 1 (recording never keeps a customer without a ticket), and the
    /// total within `u64`.
    fn check_state(state: TicketVolumeState<K>) -> Result<TicketVolume<K>, Error> {
        let mut tickets = 0_u64;
        for (i, pair) in state.per_customer.iter().enumerate() {
            if pair.1 == 0 {
                return Err(Error::out_of_range(
                    "per_customer ticket count",
                    0_u64,
                    crate::Domain::AtLeast(1),
                )
                .at(i));
            }
            if i > 0 && state.per_customer[i - 1].0 >= pair.0 {
                return Err(Error::malformed(
                    "per_customer",
                    "customers in ascending order, each once",
                )
                .at(i));
            }
            tickets = add_u64(tickets, pair.1, "tickets (the sum of per_customer)")?;
        }
        // The keys are checked ascending and unique: entering them one by
        // one, as `record` does, builds the same map without
        // `BTreeMap::from_iter`'s stable sort, which would add 4.6 KB of
        // code to the WebAssembly package for nothing.
        let mut per_customer = BTreeMap::new();
        for (customer, n) in state.per_customer {
            per_customer.entry(customer).or_insert(n);
        }
        Ok(TicketVolume {
            per_customer,
            tickets,
            fault: Fault::default(),
        })
    }
}

tally!(
    [K: Ord + Clone + fmt::Debug] TicketVolume<K>,
    K,
    TicketVolumeState<K>,
    default
);

/// The state of a [`TicketVolume`]: each customer with its tickets, in
/// ascending key order.
///
/// Wire format: `{"per_customer": [["a", "3"], ["b", "1"]]}` (each pair the
/// key as the key type serializes, then the count as a decimal string; a
/// JSON number is read too). Valid when the keys are ascending and unique,
/// every count is at least 1 and the counts sum within `u64`.
///
/// # Example
///
/// ```
/// use cxkpi::{Tally, TicketVolume, TicketVolumeState};
///
/// let state = TicketVolumeState { per_customer: vec![("a", 3), ("b", 1)] };
/// let volume = TicketVolume::from_state(state.clone())?;
/// assert_eq!(volume.tickets_per_customer()?, 2.0);
/// assert_eq!(volume.state()?, state);
/// let unsorted = TicketVolumeState { per_customer: vec![("b", 1), ("a", 3)] };
/// assert!(TicketVolume::from_state(unsorted).unwrap_err().to_string().contains("ascending"));
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        deny_unknown_fields,
        bound(
            serialize = "K: serde::Serialize",
            deserialize = "K: serde::Deserialize<'de>"
        )
    )
)]
pub struct TicketVolumeState<K> {
    /// Each customer and its tickets, keys ascending.
    #[cfg_attr(feature = "serde", serde(with = "keyed_counts"))]
    pub per_customer: Vec<(K, u64)>,
}

/// `#[serde(with)]` for `[(K, u64)]`: pairs of the key and the count as a
/// decimal string.
#[cfg(feature = "serde")]
pub(crate) mod keyed_counts {
    use alloc::vec::Vec;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::wire::ints::Text;

    pub(crate) fn serialize<K: Serialize, S: Serializer>(
        v: &[(K, u64)],
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|(k, n)| (k, Text(*n))))
    }

    pub(crate) fn deserialize<'de, K: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<(K, u64)>, D::Error> {
        let pairs = <Vec<(K, Text)>>::deserialize(d)?;
        Ok(pairs.into_iter().map(|(k, Text(n))| (k, n)).collect())
    }
}

impl<K> fmt::Display for TicketVolume<K> {
    /// `5 tickets from 3 customers (1.67 per customer)`, or the fault.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Err(error) = self.fault.check() {
            return write!(f, "no ticket volume: {error}");
        }
        let customers = self.per_customer.len();
        write!(f, "{} tickets from {customers} customers", self.tickets)?;
        if customers > 0 {
            write!(
                f,
                " ({:.2} per customer)",
                self.tickets as f64 / customers as f64
            )?;
        }
        Ok(())
    }
}
