//! Customer retention and churn over a period.
//!
//! ```
//! let period = cxkpi::RetentionTally::from_counts(200, 220, 40)?;
//! assert_eq!((period.retention()?.percent(), period.churn()?.percent()), (90.0, 10.0));
//! # Ok::<(), cxkpi::Error>(())
//! ```

use crate::tally::{Fault, add_u64, tally};
use crate::{Error, Rate};

/// What became of one customer over the period, as retention counts it.
///
/// # Example
///
/// ```
/// use cxkpi::{CustomerStatus, RetentionTally};
///
/// let tally: RetentionTally =
///     [CustomerStatus::Retained, CustomerStatus::Retained, CustomerStatus::Churned, CustomerStatus::New]
///         .into_iter()
///         .collect();
/// assert_eq!(tally.customers_at_start()?, 3);
/// assert_eq!(tally.customers_at_end()?, 3);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CustomerStatus {
    /// A customer at the start and still at the end.
    Retained,
    /// A customer at the start who left during the period.
    Churned,
    /// A customer gained during the period, there at the end.
    New,
}

/// The retention accumulator: customers retained, churned and gained over a period.
///
/// # Formula
///
/// ```text
/// retention = (CE − CN) × 100 / CS      in [0, 100]
/// churn     = 100 − retention
/// CS: customers at the start, CE: customers at the end, CN: new customers in the period
/// ```
///
/// `CE − CN` is the customers kept from the start. Counts that contradict
/// each other (`CN > CE`, or more kept than there were at the start) are
/// errors, never a rate above 100%. Customers gained and lost within the
/// period count in neither. Source: the customer-retention-rate formula
/// ((CE − CN) / CS) × 100 of our source documents, as in most CRM literature.
///
/// # Example
///
/// ```
/// use cxkpi::RetentionTally;
///
/// let tally = RetentionTally::from_counts(200, 220, 40)?;
/// assert_eq!(tally.retention()?.percent(), 90.0);
/// assert_eq!(tally.churn()?.percent(), 10.0);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: contradictory counts
///
/// ```
/// use cxkpi::{ErrorKind, RetentionTally};
///
/// let err = RetentionTally::from_counts(10, 5, 6).unwrap_err();
/// assert_eq!(err.to_string(), "new customers (6) exceeds customers at end (5)");
/// let err = RetentionTally::from_counts(10, 30, 5).unwrap_err();
/// assert_eq!(err.to_string(), "customers kept, end − new (25) exceeds customers at start (10)");
/// assert_eq!(RetentionTally::from_counts(0, 5, 5)?.retention().unwrap_err().kind(), ErrorKind::Empty);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RetentionTally {
    // Invariants: retained + churned and retained + new fit u64.
    retained: u64,
    churned: u64,
    new: u64,
    fault: Fault,
}

impl RetentionTally {
    /// The empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Tally;
    ///
    /// let tally = cxkpi::RetentionTally::new();
    /// assert!(tally.is_empty()?);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new() -> RetentionTally {
        RetentionTally::default()
    }

    /// The tally of customers at the start (CS), at the end (CE) and new (CN).
    ///
    /// # Errors
    ///
    /// [`Error::inconsistent`] when `CN > CE` or `CE − CN > CS`;
    /// [`Error::overflow`] when `CS + CN` exceeds `u64::MAX`. An empty start
    /// is no error here: [`retention`](Self::retention) reports it.
    ///
    /// # Example
    ///
    /// ```
    /// let tally = cxkpi::RetentionTally::from_counts(980, 950, 20)?;
    /// assert_eq!(tally.retention()?.part(), 930);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_counts(at_start: u64, at_end: u64, new: u64) -> Result<RetentionTally, Error> {
        if new > at_end {
            return Err(Error::inconsistent(
                "new customers",
                new,
                "customers at end",
                at_end,
            ));
        }
        let retained = at_end - new;
        if retained > at_start {
            return Err(Error::inconsistent(
                "customers kept, end − new",
                retained,
                "customers at start",
                at_start,
            ));
        }
        // Every count the getters form must fit, as after any merge.
        add_u64(at_start, new, "customers")?;
        Ok(RetentionTally {
            retained,
            churned: at_start - retained,
            new,
            fault: Fault::default(),
        })
    }

    /// Customers at the start (CS).
    ///
    /// # Errors
    ///
    /// The tally's fault: a faulted tally reports no count.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::RetentionTally::from_counts(200, 220, 40)?.customers_at_start()?, 200);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn customers_at_start(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.retained + self.churned)
    }

    /// Customers at the end (CE).
    ///
    /// # Errors
    ///
    /// The tally's fault: a faulted tally reports no count.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::RetentionTally::from_counts(200, 220, 40)?.customers_at_end()?, 220);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn customers_at_end(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.retained + self.new)
    }

    /// New customers (CN).
    ///
    /// # Errors
    ///
    /// The tally's fault: a faulted tally reports no count.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::RetentionTally::from_counts(200, 220, 40)?.new_customers()?, 40);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new_customers(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.new)
    }

    /// The retention rate: customers kept / customers at the start.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] without customers at the start; the tally's fault if it has one.
    ///
    /// # Example
    ///
    /// ```
    /// let retention = cxkpi::RetentionTally::from_counts(200, 220, 40)?.retention()?;
    /// assert_eq!(retention.to_string(), "90.0% (n = 200)");
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn retention(&self) -> Result<Rate, Error> {
        self.fault.check()?;
        Rate::of_tally(
            self.retained,
            self.customers_at_start()?,
            "retention",
            "no customers at the start",
        )
    }

    /// The churn rate: customers lost / customers at the start, `100 − retention`.
    ///
    /// # Errors
    ///
    /// As [`retention`](Self::retention).
    ///
    /// # Example
    ///
    /// ```
    /// let churn = cxkpi::RetentionTally::from_counts(200, 220, 40)?.churn()?;
    /// assert_eq!((churn.part(), churn.percent()), (20, 10.0));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn churn(&self) -> Result<Rate, Error> {
        Ok(self.retention()?.complement())
    }

    fn merge_counts(&mut self, other: &RetentionTally) -> Result<(), Error> {
        const WHAT: &str = "customers";
        let retained = add_u64(self.retained, other.retained, WHAT)?;
        let churned = add_u64(self.churned, other.churned, WHAT)?;
        let new = add_u64(self.new, other.new, WHAT)?;
        // Every count the getters form must fit.
        add_u64(add_u64(retained, churned, WHAT)?, new, WHAT)?;
        self.retained = retained;
        self.churned = churned;
        self.new = new;
        Ok(())
    }

    fn add_one(&mut self, status: CustomerStatus) -> Result<(), Error> {
        // Every count the getters form is at most `count()`, which fits u64:
        // while it is below the limit, one more customer fits everywhere.
        if self.observations() == u64::MAX {
            return Err(Error::overflow("customers", "u64"));
        }
        match status {
            CustomerStatus::Retained => self.retained += 1,
            CustomerStatus::Churned => self.churned += 1,
            CustomerStatus::New => self.new += 1,
        }
        Ok(())
    }

    /// Customers counted: at the start plus new.
    const fn observations(&self) -> u64 {
        // Cannot overflow: the sum is checked on every change (see
        // `merge_counts` and `from_counts`).
        self.retained + self.churned + self.new
    }

    const fn to_state(&self) -> RetentionState {
        RetentionState {
            customers_at_start: self.retained + self.churned,
            customers_at_end: self.retained + self.new,
            new_customers: self.new,
        }
    }

    fn check_state(state: RetentionState) -> Result<RetentionTally, Error> {
        RetentionTally::from_counts(
            state.customers_at_start,
            state.customers_at_end,
            state.new_customers,
        )
    }
}

tally!(RetentionTally, CustomerStatus, RetentionState, default);

/// The state of a [`RetentionTally`]: customers at the start (CS), at the
/// end (CE) and new (CN).
///
/// Wire format: `{"customers_at_start": "200", "customers_at_end": "220",
/// "new_customers": "40"}` (decimal strings; a JSON number is accepted too).
/// Valid when `CN ≤ CE`, `CE − CN ≤ CS` and `CS + CN` fits a `u64`.
///
/// # Example
///
/// ```
/// use cxkpi::{RetentionState, RetentionTally, Tally};
///
/// let state = RetentionState { customers_at_start: 200, customers_at_end: 220, new_customers: 40 };
/// assert_eq!(RetentionTally::from_state(state)?.retention()?.percent(), 90.0);
/// let tampered = RetentionState { new_customers: 221, ..state };
/// assert_eq!(
///     RetentionTally::from_state(tampered).unwrap_err().to_string(),
///     "new customers (221) exceeds customers at end (220)"
/// );
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RetentionState {
    /// Customers at the start of the period (CS).
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub customers_at_start: u64,
    /// Customers at the end of the period (CE).
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub customers_at_end: u64,
    /// Customers gained during the period, there at the end (CN).
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub new_customers: u64,
}
