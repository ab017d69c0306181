//! The one error type of the crate, and the values it reports.

use core::fmt;

use rust_decimal::Decimal;

/// Everything that can go wrong when computing a KPI.
///
/// Each variant maps onto one of the error kinds of the conformance vectors
/// (see [`Error::kind`]). Messages are lowercase, name the input, the offending
/// value and what is allowed.
///
/// # Example
///
/// ```
/// use cxkpi::{ErrorKind, NpsRating};
///
/// let err = NpsRating::new(11).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::OutOfRange);
/// assert_eq!(err.to_string(), "NPS rating 11 is out of range: it must be between 0 and 10");
/// ```
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Nothing to compute over: no observations, or a denominator of zero.
    #[error("{metric} is undefined: {reason}")]
    Empty {
        /// The KPI that could not be computed, e.g. `"NPS"`.
        metric: &'static str,
        /// Why, e.g. `"no responses"`.
        reason: &'static str,
    },
    /// One observation lies outside its scale or domain.
    #[error("{input} {value}{index} is out of range: it must be {allowed}", index = At(*index))]
    OutOfRange {
        /// What the value is, e.g. `"NPS rating"`.
        input: &'static str,
        /// The offending value.
        value: Value,
        /// Where it was found in a batch, when it came from one.
        index: Option<usize>,
        /// What is allowed.
        allowed: Domain,
    },
    /// A text that does not parse as the value it should hold.
    #[error("{input} is malformed: it must be {expected}")]
    Malformed {
        /// What the text should be, e.g. `"amount"`.
        input: &'static str,
        /// The expected form.
        expected: &'static str,
    },
    /// Inputs that contradict each other: a part larger than its whole.
    #[error("{part} ({part_value}) exceeds {whole} ({whole_value})")]
    Inconsistent {
        /// The part, e.g. `"abandoned"`.
        part: &'static str,
        /// Its value.
        part_value: u64,
        /// The whole it must not exceed, e.g. `"offered"`.
        whole: &'static str,
        /// Its value.
        whole_value: u64,
    },
    /// An impossible parameter, such as a scale whose minimum is not below its maximum.
    #[error("{parameter} {value} is invalid: it must be {allowed}")]
    InvalidParameter {
        /// The parameter, e.g. `"CSAT satisfied-from score"`.
        parameter: &'static str,
        /// The offending value.
        value: Value,
        /// What is allowed.
        allowed: Domain,
    },
    /// A computation that needs a parameter which was not given, such as a
    /// short-abandon treatment without a short-abandon threshold.
    #[error("{needed_by} needs {parameter}")]
    MissingParameter {
        /// The missing parameter, e.g. `"a short-abandon threshold"`.
        parameter: &'static str,
        /// What needs it, e.g. `"the exclude_short service level"`.
        needed_by: &'static str,
    },
    /// Two tallies built with different parameters cannot be merged.
    #[error("cannot merge tallies with different {parameter}: {left} and {right}")]
    Mismatch {
        /// The parameter that differs, e.g. `"CSAT scales"`.
        parameter: &'static str,
        /// The receiving tally's value.
        left: Value,
        /// The other tally's value.
        right: Value,
    },
    /// A queue whose offered traffic meets or exceeds its capacity, so that
    /// it has no steady state: waits grow without bound.
    #[error(
        "the queue is overloaded: {traffic_erlangs} Erlangs of traffic need more than {agents} agents"
    )]
    Overloaded {
        /// The offered traffic, in Erlangs (calls × handle time / interval).
        traffic_erlangs: f64,
        /// The agents, no more than the traffic.
        agents: u64,
    },
    /// Columns of one batch whose lengths differ: row `i` of each must
    /// describe the same observation.
    #[error(
        "{first} ({first_len} values) and {second} ({second_len} values) must have the same length"
    )]
    LengthMismatch {
        /// The first column, e.g. `"talk times"`.
        first: &'static str,
        /// Its length.
        first_len: u64,
        /// The column whose length differs, e.g. `"hold times"`.
        second: &'static str,
        /// Its length.
        second_len: u64,
    },
    /// A count or a sum that does not fit its integer or decimal type.
    #[error("{quantity} overflows {limit}")]
    Overflow {
        /// What overflowed, e.g. `"NPS responses"`.
        quantity: &'static str,
        /// The type's limit, e.g. `"u64"`.
        limit: &'static str,
    },
}

impl Error {
    /// The conformance-vector error kind of this error.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{ErrorKind, NpsTally};
    ///
    /// let err = NpsTally::new().nps().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Empty);
    /// assert_eq!(err.kind().as_str(), "empty");
    /// ```
    pub const fn kind(&self) -> ErrorKind {
        match self {
            Error::Empty { .. } => ErrorKind::Empty,
            Error::OutOfRange { .. } | Error::Malformed { .. } => ErrorKind::OutOfRange,
            Error::Inconsistent { .. } | Error::LengthMismatch { .. } => ErrorKind::Inconsistent,
            Error::InvalidParameter { .. }
            | Error::MissingParameter { .. }
            | Error::Mismatch { .. } => ErrorKind::InvalidParameter,
            Error::Overflow { .. } => ErrorKind::Overflow,
            Error::Overloaded { .. } => ErrorKind::Overloaded,
        }
    }

    /// The same error, located at `index` of a batch: what a wrapper that
    /// validates element by element (a binding, a column reader) returns, so
    /// that its messages name the element as the crate's batch paths do.
    /// Only [`Error::OutOfRange`] carries an index; any other error comes
    /// back unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// let waits = [12.0, -3.0];
    /// let err = waits
    ///     .iter()
    ///     .enumerate()
    ///     .map(|(i, &s)| cxkpi::try_seconds(s).map_err(|e| e.at(i)))
    ///     .collect::<Result<Vec<_>, _>>()
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "duration (s) -3 at index 1 is out of range: it must be a finite number of seconds, 0 or more"
    /// );
    /// ```
    #[must_use]
    pub fn at(self, at: usize) -> Error {
        match self {
            Error::OutOfRange {
                input,
                value,
                allowed,
                ..
            } => Error::OutOfRange {
                input,
                value,
                index: Some(at),
                allowed,
            },
            other => other,
        }
    }

    #[cold]
    pub(crate) fn out_of_range(
        input: &'static str,
        value: impl Into<Value>,
        allowed: Domain,
    ) -> Error {
        Error::OutOfRange {
            input,
            value: value.into(),
            index: None,
            allowed,
        }
    }

    #[cold]
    pub(crate) fn invalid_parameter(
        parameter: &'static str,
        value: impl Into<Value>,
        allowed: Domain,
    ) -> Error {
        Error::InvalidParameter {
            parameter,
            value: value.into(),
            allowed,
        }
    }

    #[cold]
    pub(crate) const fn inconsistent(
        part: &'static str,
        part_value: u64,
        whole: &'static str,
        whole_value: u64,
    ) -> Error {
        Error::Inconsistent {
            part,
            part_value,
            whole,
            whole_value,
        }
    }

    #[cold]
    pub(crate) const fn length_mismatch(
        first: &'static str,
        first_len: usize,
        second: &'static str,
        second_len: usize,
    ) -> Error {
        Error::LengthMismatch {
            first,
            // A slice length always fits u64.
            first_len: first_len as u64,
            second,
            second_len: second_len as u64,
        }
    }

    #[cold]
    pub(crate) const fn empty(metric: &'static str, reason: &'static str) -> Error {
        Error::Empty { metric, reason }
    }

    #[cold]
    pub(crate) const fn missing_parameter(
        parameter: &'static str,
        needed_by: &'static str,
    ) -> Error {
        Error::MissingParameter {
            parameter,
            needed_by,
        }
    }

    #[cold]
    pub(crate) const fn overloaded(traffic_erlangs: f64, agents: u64) -> Error {
        Error::Overloaded {
            traffic_erlangs,
            agents,
        }
    }

    #[cold]
    pub(crate) const fn overflow(quantity: &'static str, limit: &'static str) -> Error {
        Error::Overflow { quantity, limit }
    }

    #[cold]
    pub(crate) fn mismatch(
        parameter: &'static str,
        left: impl Into<Value>,
        right: impl Into<Value>,
    ) -> Error {
        Error::Mismatch {
            parameter,
            left: left.into(),
            right: right.into(),
        }
    }
}

/// The kinds of error that the conformance vectors name.
///
/// # Example
///
/// ```
/// use cxkpi::ErrorKind;
///
/// assert_eq!(ErrorKind::OutOfRange.as_str(), "out_of_range");
/// assert_eq!(ErrorKind::from_name("overflow"), Some(ErrorKind::Overflow));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ErrorKind {
    /// Nothing to compute over.
    Empty,
    /// An observation outside its scale or domain.
    OutOfRange,
    /// Inputs that contradict each other.
    Inconsistent,
    /// An impossible parameter.
    InvalidParameter,
    /// A count or sum that does not fit its type.
    Overflow,
    /// A queue with no steady state: traffic meets or exceeds capacity.
    Overloaded,
}

impl ErrorKind {
    /// Every kind, in the order of the vectors README.
    pub const ALL: [ErrorKind; 6] = [
        ErrorKind::Empty,
        ErrorKind::OutOfRange,
        ErrorKind::Inconsistent,
        ErrorKind::InvalidParameter,
        ErrorKind::Overflow,
        ErrorKind::Overloaded,
    ];

    /// The kind's name in the conformance vectors, e.g. `"out_of_range"`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::ErrorKind::InvalidParameter.as_str(), "invalid_parameter");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Empty => "empty",
            ErrorKind::OutOfRange => "out_of_range",
            ErrorKind::Inconsistent => "inconsistent",
            ErrorKind::InvalidParameter => "invalid_parameter",
            ErrorKind::Overflow => "overflow",
            ErrorKind::Overloaded => "overloaded",
        }
    }

    /// The kind named `name` in the conformance vectors, if there is one.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::ErrorKind;
    ///
    /// assert_eq!(ErrorKind::from_name("empty"), Some(ErrorKind::Empty));
    /// assert_eq!(ErrorKind::from_name("boom"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<ErrorKind> {
        ErrorKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An offending value, as an error reports it.
///
/// # Example
///
/// ```
/// use cxkpi::Value;
///
/// assert_eq!(Value::from(-1_i64).to_string(), "-1");
/// assert_eq!(Value::from(f64::NAN).to_string(), "NaN");
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum Value {
    /// A signed integer.
    Int(i64),
    /// An unsigned integer.
    UInt(u64),
    /// A float (durations in seconds), possibly NaN or infinite.
    Float(f64),
    /// An exact decimal (money).
    Decimal(Decimal),
    /// An inclusive range, such as a rating scale.
    Range {
        /// The least value.
        min: i64,
        /// The greatest value.
        max: i64,
    },
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Int(v) => write!(f, "{v}"),
            Value::UInt(v) => write!(f, "{v}"),
            Value::Float(v) => write!(f, "{v}"),
            Value::Decimal(v) => write!(f, "{v}"),
            Value::Range { min, max } => write!(f, "{min}..={max}"),
        }
    }
}

macro_rules! value_from {
    ($($ty:ty => $variant:ident as $as:ty),* $(,)?) => {$(
        impl From<$ty> for Value {
            fn from(v: $ty) -> Value {
                Value::$variant(<$as>::from(v))
            }
        }
    )*};
}

value_from!(
    u8 => UInt as u64, u16 => UInt as u64, u32 => UInt as u64, u64 => UInt as u64,
    i8 => Int as i64, i16 => Int as i64, i32 => Int as i64, i64 => Int as i64,
    f32 => Float as f64, f64 => Float as f64, Decimal => Decimal as Decimal,
);

/// What an input or a parameter is allowed to be, as an error reports it.
///
/// It displays as the phrase that follows "it must be" in a message.
///
/// # Example
///
/// ```
/// use cxkpi::Domain;
///
/// assert_eq!(Domain::Between { min: 1, max: 5 }.to_string(), "between 1 and 5");
/// assert_eq!(Domain::AtLeast(1).to_string(), "at least 1");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Domain {
    /// An inclusive integer range.
    Between {
        /// The least allowed value.
        min: i64,
        /// The greatest allowed value.
        max: i64,
    },
    /// `n` or more.
    AtLeast(i64),
    /// Strictly more than `n`.
    Above(i64),
    /// Finite seconds, zero or more, that fit a `core::time::Duration`.
    Seconds,
    /// An amount of money of zero or more.
    NonNegativeMoney,
    /// A finite number strictly between 0 and 1, such as a confidence level.
    OpenUnitInterval,
    /// A number from 0 to 1, such as a quantile.
    UnitInterval,
    /// A sketch's relative accuracy: from 0.0001 (0.01%) to 0.5 (50%).
    RelativeAccuracy,
    /// A finite number from 0 to 100, such as a target percentage.
    Percent,
    /// A finite number strictly between 0 and 100, such as an expected share
    /// or a margin of error in points.
    OpenPercent,
    /// A finite number above 0.
    Positive,
    /// A finite number, 0 or more.
    NonNegative,
    /// Any finite number.
    Finite,
    /// Opening hours: a start before its end within one day, overlapping no
    /// other opening of that day.
    OpeningHours,
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Domain::Between { min, max } => write!(f, "between {min} and {max}"),
            Domain::AtLeast(n) => write!(f, "at least {n}"),
            Domain::Above(n) => write!(f, "more than {n}"),
            Domain::Seconds => f.write_str("a finite number of seconds, 0 or more"),
            Domain::NonNegativeMoney => f.write_str("an amount of 0 or more"),
            Domain::OpenUnitInterval => f.write_str("a number strictly between 0 and 1"),
            Domain::UnitInterval => f.write_str("a number from 0 to 1"),
            Domain::RelativeAccuracy => f.write_str("a number from 0.0001 to 0.5"),
            Domain::Percent => f.write_str("a number from 0 to 100"),
            Domain::OpenPercent => f.write_str("a number strictly between 0 and 100"),
            Domain::Positive => f.write_str("a finite number above 0"),
            Domain::NonNegative => f.write_str("a finite number, 0 or more"),
            Domain::Finite => f.write_str("a finite number"),
            Domain::OpeningHours => f.write_str(
                "a start before its end within one day, overlapping no other opening of that day",
            ),
        }
    }
}

/// Formats an optional batch index as `" at index 3"`.
struct At(Option<usize>);

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(i) => write!(f, " at index {i}"),
            None => Ok(()),
        }
    }
}
