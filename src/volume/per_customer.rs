//! Ticket volume per customer: tickets, distinct customers and their ratio.

use alloc::collections::BTreeMap;
use core::fmt;

use crate::Error;
use crate::tally::add_u64;

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
/// assert_eq!((volume.tickets(), volume.customers()), (5, 3));
/// assert_eq!(format!("{:.2}", volume.tickets_per_customer()?), "1.67");
/// assert_eq!(volume.tickets_of(&"a"), 3);
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketVolume<K> {
    per_customer: BTreeMap<K, u64>,
    tickets: u64,
    overflowed: bool,
}

impl<K> Default for TicketVolume<K> {
    fn default() -> TicketVolume<K> {
        TicketVolume {
            per_customer: BTreeMap::new(),
            tickets: 0,
            overflowed: false,
        }
    }
}

impl<K: Ord + Clone> TicketVolume<K> {
    /// No tickets yet.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::TicketVolume::<String>::new().tickets(), 0);
    /// ```
    pub fn new() -> TicketVolume<K> {
        TicketVolume::default()
    }

    /// Counts one ticket of `customer`; an overflowing count becomes the
    /// tally's fault, which every getter then reports.
    ///
    /// # Example
    ///
    /// ```
    /// let mut volume = cxkpi::TicketVolume::new();
    /// volume.record(42_u64);
    /// volume.record(42_u64);
    /// assert_eq!(volume.customers(), 1);
    /// ```
    pub fn record(&mut self, customer: K) {
        self.add(customer, 1);
    }

    fn add(&mut self, customer: K, n: u64) {
        match add_u64(self.tickets, n, "tickets") {
            Ok(tickets) => {
                self.tickets = tickets;
                // A customer's count is at most the total, which fits.
                *self.per_customer.entry(customer).or_insert(0) += n;
            }
            Err(_) => self.overflowed = true,
        }
    }

    /// Tickets counted.
    ///
    /// # Example
    ///
    /// ```
    /// let volume: cxkpi::TicketVolume<u8> = [1, 2, 1].into_iter().collect();
    /// assert_eq!(volume.tickets(), 3);
    /// ```
    pub fn tickets(&self) -> u64 {
        self.tickets
    }

    /// Distinct customers.
    ///
    /// # Example
    ///
    /// ```
    /// let volume: cxkpi::TicketVolume<u8> = [1, 2, 1].into_iter().collect();
    /// assert_eq!(volume.customers(), 2);
    /// ```
    pub fn customers(&self) -> u64 {
        self.per_customer.len() as u64
    }

    /// The tickets of one customer (0 for an unknown one).
    ///
    /// # Example
    ///
    /// ```
    /// let volume: cxkpi::TicketVolume<u8> = [1, 2, 1].into_iter().collect();
    /// assert_eq!((volume.tickets_of(&1), volume.tickets_of(&9)), (2, 0));
    /// ```
    pub fn tickets_of(&self, customer: &K) -> u64 {
        self.per_customer.get(customer).copied().unwrap_or(0)
    }

    /// Customers and their tickets, in key order.
    ///
    /// # Example
    ///
    /// ```
    /// let volume: cxkpi::TicketVolume<u8> = [2, 1, 2].into_iter().collect();
    /// assert_eq!(volume.iter().collect::<Vec<_>>(), [(&1, 1), (&2, 2)]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&K, u64)> {
        self.per_customer.iter().map(|(k, &n)| (k, n))
    }

    /// Tickets per distinct customer.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] without tickets; [`Error::overflow`] when a count
    /// overflowed.
    ///
    /// # Example
    ///
    /// ```
    /// let volume: cxkpi::TicketVolume<u8> = [1, 2, 1, 3].into_iter().collect();
    /// assert_eq!(volume.tickets_per_customer()?, 4.0 / 3.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn tickets_per_customer(&self) -> Result<f64, Error> {
        if self.overflowed {
            return Err(Error::overflow("tickets", "u64"));
        }
        if self.tickets == 0 {
            return Err(Error::empty("tickets per customer", "no tickets"));
        }
        Ok(self.tickets as f64 / self.per_customer.len() as f64)
    }

    /// Adds the tickets of `other`.
    ///
    /// # Errors
    ///
    /// [`Error::overflow`] when the total would pass `u64::MAX`; `self` is
    /// then unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// let mut monday: cxkpi::TicketVolume<u8> = [1, 2].into_iter().collect();
    /// let tuesday: cxkpi::TicketVolume<u8> = [2, 3].into_iter().collect();
    /// monday.try_merge(&tuesday)?;
    /// assert_eq!((monday.tickets(), monday.customers()), (4, 3));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn try_merge(&mut self, other: &TicketVolume<K>) -> Result<(), Error> {
        if self.overflowed || other.overflowed {
            return Err(Error::overflow("tickets", "u64"));
        }
        add_u64(self.tickets, other.tickets, "tickets")?;
        for (customer, &n) in &other.per_customer {
            self.add(customer.clone(), n);
        }
        Ok(())
    }
}

impl<K: Ord + Clone> Extend<K> for TicketVolume<K> {
    fn extend<I: IntoIterator<Item = K>>(&mut self, iter: I) {
        for customer in iter {
            self.record(customer);
        }
    }
}

impl<K: Ord + Clone> FromIterator<K> for TicketVolume<K> {
    fn from_iter<I: IntoIterator<Item = K>>(iter: I) -> TicketVolume<K> {
        let mut volume = TicketVolume::new();
        volume.extend(iter);
        volume
    }
}

impl<K: Ord + Clone> core::ops::AddAssign<&TicketVolume<K>> for TicketVolume<K> {
    /// Merges `rhs`; an overflow becomes the tally's fault.
    fn add_assign(&mut self, rhs: &TicketVolume<K>) {
        if self.try_merge(rhs).is_err() {
            self.overflowed = true;
        }
    }
}

impl<K: Ord + Clone> core::ops::Add for TicketVolume<K> {
    type Output = TicketVolume<K>;
    fn add(mut self, rhs: TicketVolume<K>) -> TicketVolume<K> {
        self += &rhs;
        self
    }
}

impl<K: Ord + Clone> core::iter::Sum for TicketVolume<K> {
    fn sum<I: Iterator<Item = TicketVolume<K>>>(iter: I) -> TicketVolume<K> {
        let mut acc = TicketVolume::new();
        for v in iter {
            acc += &v;
        }
        acc
    }
}

impl<K> fmt::Display for TicketVolume<K> {
    /// `5 tickets from 3 customers (1.67 per customer)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
