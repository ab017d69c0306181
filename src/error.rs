//! The one error type of the crate, and the values it reports.

use alloc::boxed::Box;
use core::fmt;

use rust_decimal::Decimal;

/// Everything that can go wrong when computing a KPI.
///
/// An opaque value, one pointer wide, so that a `Result<T, Error>` costs
/// little more than a `T`: what a program branches on is its
/// [`kind`](Error::kind), one of the conformance vectors' kinds
/// ([`ErrorKind`], the contract that the C statuses and the JavaScript `kind`
/// carry too); what a person reads is its message (`Display`), lowercase,
/// naming the input, the offending value and what is allowed. A batch path
/// adds the index of the offending element ([`index`](Error::index)).
///
/// Errors are built by the constructor functions below
/// ([`Error::out_of_range`], [`Error::invalid_parameter`], …), which a
/// binding or a column reader outside this crate calls too, so that its
/// messages read as the crate's own. The offending value is a [`Value`] and
/// what is allowed a [`Domain`]: both stay public for these constructors.
///
/// # Example
///
/// ```
/// use cxkpi::{ErrorKind, NpsRating};
///
/// let err = NpsRating::new(11).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::OutOfRange);
/// assert_eq!(err.to_string(), "NPS rating 11 is out of range: it must be between 0 and 10");
/// assert_eq!(size_of::<cxkpi::Error>(), size_of::<usize>());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Error(Box<Inner>);

/// The error's data; private, so that it can grow without a breaking change.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
enum Inner {
    #[error("{metric} is undefined: {reason}")]
    Empty {
        metric: &'static str,
        reason: &'static str,
    },
    #[error("{input} {value}{index} is out of range: it must be {allowed}", index = At(*index))]
    OutOfRange {
        input: &'static str,
        value: Value,
        index: Option<usize>,
        allowed: Domain,
    },
    #[error("{input} is malformed: it must be {expected}")]
    Malformed {
        input: &'static str,
        expected: &'static str,
    },
    #[error("{part} ({part_value}) exceeds {whole} ({whole_value})")]
    Inconsistent {
        part: &'static str,
        part_value: u64,
        whole: &'static str,
        whole_value: u64,
    },
    #[error("{parameter} {value} is invalid: it must be {allowed}")]
    InvalidParameter {
        parameter: &'static str,
        value: Value,
        allowed: Domain,
    },
    #[error("{needed_by} needs {parameter}")]
    MissingParameter {
        parameter: &'static str,
        needed_by: &'static str,
    },
    #[error("cannot merge tallies with different {parameter}: {left} and {right}")]
    Mismatch {
        parameter: &'static str,
        left: Value,
        right: Value,
    },
    #[error(
        "the queue is overloaded: {traffic_erlangs} Erlangs of traffic need more than {agents} agents"
    )]
    Overloaded { traffic_erlangs: f64, agents: u64 },
    #[error(
        "{first} ({first_len} values) and {second} ({second_len} values) must have the same length"
    )]
    LengthMismatch {
        first: &'static str,
        first_len: u64,
        second: &'static str,
        second_len: u64,
    },
    #[error("{quantity} overflows {limit}")]
    Overflow {
        quantity: &'static str,
        limit: &'static str,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl core::error::Error for Error {}

impl Error {
    #[cold]
    fn new(inner: Inner) -> Error {
        Error(Box::new(inner))
    }

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
    pub fn kind(&self) -> ErrorKind {
        match *self.0 {
            Inner::Empty { .. } => ErrorKind::Empty,
            Inner::OutOfRange { .. } | Inner::Malformed { .. } => ErrorKind::OutOfRange,
            Inner::Inconsistent { .. } | Inner::LengthMismatch { .. } => ErrorKind::Inconsistent,
            Inner::InvalidParameter { .. }
            | Inner::MissingParameter { .. }
            | Inner::Mismatch { .. } => ErrorKind::InvalidParameter,
            Inner::Overflow { .. } => ErrorKind::Overflow,
            Inner::Overloaded { .. } => ErrorKind::Overloaded,
        }
    }

    /// The index in a batch of the element this error is about, when it
    /// came from one (see [`at`](Error::at)).
    ///
    /// # Example
    ///
    /// ```
    /// let err = cxkpi::NpsTally::from_scores(&[9, 10, 11]).unwrap_err();
    /// assert_eq!(err.index(), Some(2));
    /// assert_eq!(cxkpi::NpsTally::new().nps().unwrap_err().index(), None);
    /// ```
    pub fn index(&self) -> Option<usize> {
        match *self.0 {
            Inner::OutOfRange { index, .. } => index,
            _ => None,
        }
    }

    /// The same error, located at `index` of a batch: what a wrapper that
    /// validates element by element (a binding, a column reader) returns, so
    /// that its messages name the element as the crate's batch paths do.
    /// Only an out-of-range value (built by [`Error::out_of_range`]) carries
    /// an index; any other error comes back unchanged.
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
    /// assert_eq!(err.index(), Some(1));
    /// ```
    #[must_use]
    pub fn at(mut self, at: usize) -> Error {
        if let Inner::OutOfRange { index, .. } = &mut *self.0 {
            *index = Some(at);
        }
        self
    }

    /// One observation lies outside its scale or domain ([`ErrorKind::OutOfRange`]).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Domain, Error, ErrorKind};
    ///
    /// let err = Error::out_of_range("NPS rating", 11_u8, Domain::Between { min: 0, max: 10 });
    /// assert_eq!(err.kind(), ErrorKind::OutOfRange);
    /// assert_eq!(err.to_string(), "NPS rating 11 is out of range: it must be between 0 and 10");
    /// ```
    #[cold]
    pub fn out_of_range(input: &'static str, value: impl Into<Value>, allowed: Domain) -> Error {
        Error::new(Inner::OutOfRange {
            input,
            value: value.into(),
            index: None,
            allowed,
        })
    }

    /// An impossible parameter, such as a scale whose minimum is not below
    /// its maximum ([`ErrorKind::InvalidParameter`]).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Domain, Error, ErrorKind};
    ///
    /// let err = Error::invalid_parameter("agents", 0_u32, Domain::AtLeast(1));
    /// assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    /// assert_eq!(err.to_string(), "agents 0 is invalid: it must be at least 1");
    /// ```
    #[cold]
    pub fn invalid_parameter(
        parameter: &'static str,
        value: impl Into<Value>,
        allowed: Domain,
    ) -> Error {
        Error::new(Inner::InvalidParameter {
            parameter,
            value: value.into(),
            allowed,
        })
    }

    /// A text that does not parse as the value it should hold
    /// ([`ErrorKind::OutOfRange`]).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Error, ErrorKind};
    ///
    /// let err = Error::malformed("amount", "a decimal number such as 12.50");
    /// assert_eq!(err.kind(), ErrorKind::OutOfRange);
    /// assert_eq!(err.to_string(), "amount is malformed: it must be a decimal number such as 12.50");
    /// ```
    #[cold]
    pub fn malformed(input: &'static str, expected: &'static str) -> Error {
        Error::new(Inner::Malformed { input, expected })
    }

    /// Inputs that contradict each other: a part larger than its whole
    /// ([`ErrorKind::Inconsistent`]).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Error, ErrorKind};
    ///
    /// let err = Error::inconsistent("abandoned", 12, "offered", 10);
    /// assert_eq!(err.kind(), ErrorKind::Inconsistent);
    /// assert_eq!(err.to_string(), "abandoned (12) exceeds offered (10)");
    /// ```
    #[cold]
    pub fn inconsistent(
        part: &'static str,
        part_value: u64,
        whole: &'static str,
        whole_value: u64,
    ) -> Error {
        Error::new(Inner::Inconsistent {
            part,
            part_value,
            whole,
            whole_value,
        })
    }

    /// Columns of one batch whose lengths differ: row `i` of each must
    /// describe the same observation ([`ErrorKind::Inconsistent`]).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Error, ErrorKind};
    ///
    /// let err = Error::length_mismatch("talk times", 3, "hold times", 2);
    /// assert_eq!(err.kind(), ErrorKind::Inconsistent);
    /// assert_eq!(
    ///     err.to_string(),
    ///     "talk times (3 values) and hold times (2 values) must have the same length"
    /// );
    /// ```
    #[cold]
    pub fn length_mismatch(
        first: &'static str,
        first_len: usize,
        second: &'static str,
        second_len: usize,
    ) -> Error {
        Error::new(Inner::LengthMismatch {
            first,
            // A slice length always fits u64.
            first_len: first_len as u64,
            second,
            second_len: second_len as u64,
        })
    }

    /// Nothing to compute over: no observations, or a denominator of zero
    /// ([`ErrorKind::Empty`]).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Error, ErrorKind};
    ///
    /// let err = Error::empty("NPS", "no responses");
    /// assert_eq!(err.kind(), ErrorKind::Empty);
    /// assert_eq!(err.to_string(), "NPS is undefined: no responses");
    /// ```
    #[cold]
    pub fn empty(metric: &'static str, reason: &'static str) -> Error {
        Error::new(Inner::Empty { metric, reason })
    }

    /// A computation that needs a parameter which was not given, such as a
    /// short-abandon treatment without a short-abandon threshold
    /// ([`ErrorKind::InvalidParameter`]).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Error, ErrorKind};
    ///
    /// let err = Error::missing_parameter("a short-abandon threshold", "the exclude_short service level");
    /// assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    /// assert_eq!(err.to_string(), "the exclude_short service level needs a short-abandon threshold");
    /// ```
    #[cold]
    pub fn missing_parameter(parameter: &'static str, needed_by: &'static str) -> Error {
        Error::new(Inner::MissingParameter {
            parameter,
            needed_by,
        })
    }

    /// A queue whose offered traffic meets or exceeds its capacity, so that
    /// it has no steady state: waits grow without bound
    /// ([`ErrorKind::Overloaded`]).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Error, ErrorKind};
    ///
    /// let err = Error::overloaded(10.0, 10);
    /// assert_eq!(err.kind(), ErrorKind::Overloaded);
    /// assert_eq!(err.to_string(), "the queue is overloaded: 10 Erlangs of traffic need more than 10 agents");
    /// ```
    #[cold]
    pub fn overloaded(traffic_erlangs: f64, agents: u64) -> Error {
        Error::new(Inner::Overloaded {
            traffic_erlangs,
            agents,
        })
    }

    /// A count or a sum that does not fit its integer or decimal type
    /// ([`ErrorKind::Overflow`]).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Error, ErrorKind};
    ///
    /// let err = Error::overflow("NPS responses", "u64");
    /// assert_eq!(err.kind(), ErrorKind::Overflow);
    /// assert_eq!(err.to_string(), "NPS responses overflows u64");
    /// ```
    #[cold]
    pub fn overflow(quantity: &'static str, limit: &'static str) -> Error {
        Error::new(Inner::Overflow { quantity, limit })
    }

    /// Two tallies built with different parameters cannot be merged
    /// ([`ErrorKind::InvalidParameter`]).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Error, ErrorKind};
    ///
    /// let err = Error::mismatch("service-level thresholds (s)", 20_u32, 30_u32);
    /// assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    /// assert_eq!(
    ///     err.to_string(),
    ///     "cannot merge tallies with different service-level thresholds (s): 20 and 30"
    /// );
    /// ```
    #[cold]
    pub fn mismatch(
        parameter: &'static str,
        left: impl Into<Value>,
        right: impl Into<Value>,
    ) -> Error {
        Error::new(Inner::Mismatch {
            parameter,
            left: left.into(),
            right: right.into(),
        })
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
    /// Finite seconds above zero, that fit a `core::time::Duration`.
    PositiveSeconds,
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
            Domain::PositiveSeconds => f.write_str("a finite number of seconds above 0"),
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
