//! Money, and cost per conversation, per resolved ticket and per handled minute.
//!
//! ```
//! use core::time::Duration;
//! use cxkpi::{CostTally, cost_per_minute};
//!
//! let month = CostTally::from_counts("10000".parse()?, 25)?;
//! assert_eq!(month.cost_per_unit()?.to_string(), "400");
//! let per_minute = cost_per_minute("96.00".parse()?, Duration::from_secs(3_600))?;
//! assert_eq!(per_minute.to_string(), "1.6");
//! # Ok::<(), cxkpi::Error>(())
//! ```

use core::fmt;
use core::str::FromStr;
use core::time::Duration;

use rust_decimal::Decimal;

use crate::tally::{Fault, add_u64, tally};
use crate::{Domain, Error};

/// An amount of money of zero or more, as an exact decimal.
///
/// No float ever touches an amount: build it from a [`Decimal`], an integer
/// or a decimal string. It carries no currency; keep amounts in one currency
/// per tally.
///
/// # Example
///
/// ```
/// use cxkpi::Money;
///
/// let cost: Money = "1556.00".parse()?;
/// assert_eq!(cost.to_string(), "1556.00");
/// assert_eq!(Money::from(25_u64).to_string(), "25");
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: negative or malformed
///
/// ```
/// use cxkpi::{ErrorKind, Money};
///
/// let err = "-5".parse::<Money>().unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::OutOfRange);
/// assert_eq!(err.to_string(), "amount -5 is out of range: it must be an amount of 0 or more");
/// assert_eq!("12,50".parse::<Money>().unwrap_err().kind(), ErrorKind::OutOfRange);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(Decimal);

impl Money {
    /// Zero.
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// The amount `amount`.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] when `amount` is negative.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Decimal, Money};
    ///
    /// let cost = Money::new(Decimal::new(1556, 2))?;
    /// assert_eq!(cost.to_string(), "15.56");
    /// assert!(Money::new(Decimal::new(-1, 0)).is_err());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(amount: Decimal) -> Result<Money, Error> {
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(Error::out_of_range(
                "amount",
                amount,
                Domain::NonNegativeMoney,
            ));
        }
        // Normalise -0 to 0.
        Ok(Money(amount.abs()))
    }

    /// The amount as a [`Decimal`].
    ///
    /// # Example
    ///
    /// ```
    /// let cost: cxkpi::Money = "15.56".parse()?;
    /// assert_eq!(cost.get(), cxkpi::Decimal::new(1556, 2));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn get(self) -> Decimal {
        self.0
    }

    /// `self + other`.
    ///
    /// # Errors
    ///
    /// [`Error::overflow`] beyond `Decimal::MAX` (about 7.9 × 10²⁸).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Money;
    ///
    /// let total = "12.50".parse::<Money>()?.checked_add("0.75".parse()?)?;
    /// assert_eq!(total.to_string(), "13.25");
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn checked_add(self, other: Money) -> Result<Money, Error> {
        self.0
            .checked_add(other.0)
            .map(Money)
            .ok_or_else(|| Error::overflow("total cost", "Decimal"))
    }

    /// `self / units`, rounded by `Decimal` to 28 significant digits.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when `units` is 0.
    fn per(self, units: u64, metric: &'static str, reason: &'static str) -> Result<Money, Error> {
        if units == 0 {
            return Err(Error::empty(metric, reason));
        }
        // Dividing by a whole number of at least 1 cannot overflow.
        Ok(Money(
            self.0.checked_div(Decimal::from(units)).unwrap_or_default(),
        ))
    }
}

impl From<u64> for Money {
    fn from(amount: u64) -> Money {
        Money(Decimal::from(amount))
    }
}

impl TryFrom<Decimal> for Money {
    type Error = Error;
    fn try_from(amount: Decimal) -> Result<Money, Error> {
        Money::new(amount)
    }
}

impl From<Money> for Decimal {
    fn from(money: Money) -> Decimal {
        money.0
    }
}

impl FromStr for Money {
    type Err = Error;

    /// Parses a plain decimal such as `"1556.00"` or `"-5"` (then refused),
    /// exactly: a string with more digits than a `Decimal` holds is an error,
    /// never silently rounded.
    fn from_str(s: &str) -> Result<Money, Error> {
        let amount = Decimal::from_str_exact(s.trim())
            .map_err(|_| Error::malformed("amount", "a decimal number such as 1556.00"))?;
        Money::new(amount)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Money {
    /// As a decimal string, `"1556.00"`: JSON numbers are floats to most readers.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Money {
    /// From a decimal string or an integer; a float is refused, since it may
    /// already have lost the cents.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount of money as a decimal string, such as \"1556.00\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Money, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Money, E> {
                Ok(Money::from(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Money, E> {
                Money::new(Decimal::from(v)).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The cost accumulator: a total cost and the units it paid for.
///
/// The unit is the caller's: conversations for the cost per conversation,
/// resolved tickets for the cost per ticket. Amounts are exact decimals end
/// to end; only the final division rounds, to `Decimal`'s 28 significant
/// digits.
///
/// # Formula
///
/// ```text
/// cost per conversation   = total cost / conversations        in [0, ∞)
/// cost per resolved ticket = total cost / resolved tickets
/// cost per handled minute  = total cost / (handle time in minutes)   (see cost_per_minute)
/// ```
///
/// Source: our source documents (10 000 € for 25 conversations is 400 € per
/// conversation); MetricNet's benchmarks quote 15.56 $ per ticket and 1.60 $
/// per minute.
///
/// # Example
///
/// ```
/// use cxkpi::{CostTally, Money};
///
/// let tally = CostTally::from_counts("10000".parse()?, 25)?;
/// assert_eq!(tally.cost_per_unit()?, Money::from(400));
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: one conversation at a time
///
/// ```
/// use cxkpi::{CostTally, Tally};
///
/// let mut tally = CostTally::new();
/// tally.record("12.50".parse()?);
/// tally.record("3.10".parse()?);
/// assert_eq!(tally.cost_per_unit()?.to_string(), "7.80");
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: empty and overflow
///
/// ```
/// use cxkpi::{CostTally, ErrorKind, Money};
/// use rust_decimal::Decimal;
///
/// assert_eq!(CostTally::new().cost_per_unit().unwrap_err().kind(), ErrorKind::Empty);
/// let max = Money::new(Decimal::MAX)?;
/// let sum = CostTally::from_counts(max, 1)? + CostTally::from_counts(max, 1)?;
/// assert_eq!(sum.cost_per_unit().unwrap_err().kind(), ErrorKind::Overflow);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CostTally {
    total: Money,
    units: u64,
    fault: Fault,
}

impl CostTally {
    /// The empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Tally;
    ///
    /// let tally = cxkpi::CostTally::new();
    /// assert!(tally.is_empty()?);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new() -> CostTally {
        CostTally::default()
    }

    /// The tally of a known total cost over `units` units.
    ///
    /// # Errors
    ///
    /// None today: every `Money` and count is consistent (a cost over 0
    /// units is a fixed cost with nothing to divide it by, which
    /// [`cost_per_unit`](Self::cost_per_unit) reports as empty); kept
    /// fallible so that the surface matches every other tally.
    ///
    /// # Example
    ///
    /// ```
    /// // 1 556.00 spent on 100 resolved tickets: the cost per ticket.
    /// let tally = cxkpi::CostTally::from_counts("1556.00".parse()?, 100)?;
    /// assert_eq!(tally.cost_per_unit()?.to_string(), "15.56");
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_counts(total: Money, units: u64) -> Result<CostTally, Error> {
        Ok(CostTally {
            total,
            units,
            fault: Fault::default(),
        })
    }

    /// The total cost so far.
    ///
    /// # Errors
    ///
    /// The tally's fault: a faulted tally reports no number.
    ///
    /// # Example
    ///
    /// ```
    /// let tally = cxkpi::CostTally::from_counts("10000".parse()?, 25)?;
    /// assert_eq!(tally.total()?, cxkpi::Money::from(10_000));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn total(&self) -> Result<Money, Error> {
        self.fault.check()?;
        Ok(self.total)
    }

    /// The cost per unit: per conversation, or per resolved ticket.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] without units; the tally's fault if it has one.
    ///
    /// # Example
    ///
    /// ```
    /// let tally = cxkpi::CostTally::from_counts("100".parse()?, 3)?;
    /// assert_eq!(tally.cost_per_unit()?.to_string(), "33.333333333333333333333333333");
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn cost_per_unit(&self) -> Result<Money, Error> {
        self.fault.check()?;
        self.total.per(
            self.units,
            "cost per unit",
            "no units (conversations or tickets)",
        )
    }

    fn merge_counts(&mut self, other: &CostTally) -> Result<(), Error> {
        let total = self.total.checked_add(other.total)?;
        self.units = add_u64(self.units, other.units, "cost units")?;
        self.total = total;
        Ok(())
    }

    fn add_one(&mut self, cost: Money) -> Result<(), Error> {
        let one = CostTally {
            total: cost,
            units: 1,
            fault: Fault::default(),
        };
        self.merge_counts(&one)
    }

    const fn observations(&self) -> u64 {
        self.units
    }

    const fn to_state(&self) -> CostState {
        CostState {
            total_cost: self.total,
            units: self.units,
        }
    }

    fn check_state(state: CostState) -> Result<CostTally, Error> {
        CostTally::from_counts(state.total_cost, state.units)
    }
}

tally!(CostTally, Money, CostState, default);

/// The state of a [`CostTally`]: the exact total cost and the units it covers.
///
/// Wire format: `{"total_cost": "1556.00", "units": "100"}` (money as an exact
/// decimal string, the count as a decimal string; a JSON number is accepted
/// for the count). Every state is valid: a cost over 0 units (a fixed cost
/// with nothing to divide it by) is what `from_counts` builds too.
///
/// # Example
///
/// ```
/// use cxkpi::{CostState, CostTally, Money, Tally};
///
/// let state = CostState { total_cost: "1556.00".parse()?, units: 100 };
/// assert_eq!(CostTally::from_state(state)?.cost_per_unit()?.to_string(), "15.56");
/// assert!(CostTally::from_state(CostState { units: 0, ..state })?.cost_per_unit().is_err());
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CostState {
    /// The total cost of the units.
    pub total_cost: Money,
    /// Units: conversations, or resolved tickets.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub units: u64,
}

/// The cost per handled minute: `total / (handled in minutes)`.
///
/// # Formula
///
/// ```text
/// cost per minute = total cost × 60 / handled seconds
/// ```
///
/// # Errors
///
/// [`Error::empty`] when `handled` is zero; [`Error::overflow`] when the
/// result exceeds `Decimal` (a huge cost over a tiny duration).
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::{Money, cost_per_minute};
///
/// let per_minute = cost_per_minute("96.00".parse()?, Duration::from_secs(3600))?;
/// assert_eq!(per_minute, "1.60".parse::<Money>()?);
/// # Ok::<(), cxkpi::Error>(())
/// ```
pub fn cost_per_minute(total: Money, handled: Duration) -> Result<Money, Error> {
    if handled.is_zero() {
        return Err(Error::empty("cost per minute", "no handled time"));
    }
    let overflow = || Error::overflow("cost per minute", "Decimal");
    // Seconds with nanosecond precision: at most u64::MAX s, within Decimal's 96 bits.
    let secs =
        Decimal::from_i128_with_scale(handled.as_nanos().try_into().map_err(|_| overflow())?, 9);
    let sixty = Decimal::from(60);
    // Multiply first so that round figures stay round (96 over an hour is
    // 1.60, not 1.6000…0020); divide first only when the product overflows.
    let per_minute = match total.0.checked_mul(sixty) {
        Some(per_hour_of_seconds) => per_hour_of_seconds.checked_div(secs),
        None => total
            .0
            .checked_div(secs)
            .and_then(|per_second| per_second.checked_mul(sixty)),
    };
    per_minute.map(Money).ok_or_else(overflow)
}
