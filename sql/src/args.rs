//! The arguments of the functions: their kinds, the coercion of SQL types to
//! them, and the readers of literal parameters and input columns.

use std::borrow::Cow;

use cxkpi::Money;
use datafusion::arrow::array::{Array, ArrayRef, AsArray, BooleanArray, Float64Array, Int64Array};
use datafusion::arrow::datatypes::{DataType, Float64Type, Int64Type, UInt64Type};
use datafusion::common::{DataFusionError, Result, ScalarValue};
use rust_decimal::Decimal;

/// What an argument holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An integer (a score, a count): any SQL integer, read as `BIGINT`.
    Int,
    /// Seconds or a number: any SQL number, read as `DOUBLE`.
    Float,
    /// `BOOLEAN`.
    Bool,
    /// Text: a name.
    Text,
    /// Money, exact: `DECIMAL`, an integer, or decimal text; never a float.
    Money,
}

/// One argument of a function.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Arg {
    /// Its name, for messages and docs.
    pub name: &'static str,
    /// Its kind.
    pub kind: Kind,
    /// Whether it must be a literal (a parameter) rather than a column.
    pub literal: bool,
    /// Whether it may be left out (only the last ones).
    pub optional: bool,
}

impl Arg {
    /// A column argument.
    pub(crate) const fn column(name: &'static str, kind: Kind) -> Arg {
        Arg {
            name,
            kind,
            literal: false,
            optional: false,
        }
    }

    /// A literal parameter.
    pub(crate) const fn literal(name: &'static str, kind: Kind) -> Arg {
        Arg {
            name,
            kind,
            literal: true,
            optional: false,
        }
    }

    /// An optional column argument (only the last ones).
    pub(crate) const fn optional_column(name: &'static str, kind: Kind) -> Arg {
        Arg {
            name,
            kind,
            literal: false,
            optional: true,
        }
    }

    /// An optional literal parameter.
    pub(crate) const fn optional(name: &'static str, kind: Kind) -> Arg {
        Arg {
            name,
            kind,
            literal: true,
            optional: true,
        }
    }
}

/// The signature of `name` with `args`, as text: `csat(score, scale_min, ..)`.
pub(crate) fn usage(name: &str, args: &[Arg]) -> String {
    let list: Vec<String> = args
        .iter()
        .map(|a| {
            if a.optional {
                format!("[{}]", a.name)
            } else {
                a.name.to_owned()
            }
        })
        .collect();
    format!("{name}({})", list.join(", "))
}

/// The types the arguments are cast to, or a plan error naming the function
/// and the argument.
pub(crate) fn coerce(name: &str, args: &[Arg], types: &[DataType]) -> Result<Vec<DataType>> {
    let required = args.iter().filter(|a| !a.optional).count();
    if types.len() < required || types.len() > args.len() {
        return Err(DataFusionError::Plan(format!(
            "{name} takes {}; got {} argument(s)",
            usage(name, args),
            types.len()
        )));
    }
    args.iter()
        .zip(types)
        .map(|(arg, t)| {
            let target = match (arg.kind, t) {
                (_, DataType::Null) => match arg.kind {
                    Kind::Int => Some(DataType::Int64),
                    Kind::Float => Some(DataType::Float64),
                    Kind::Bool => Some(DataType::Boolean),
                    Kind::Text | Kind::Money => Some(DataType::Utf8),
                },
                // A `UInt64` column is read as it is: a cast to `BIGINT`
                // would fail beyond 2⁶³ − 1 with a message that names no
                // function (`ints` and `money` name it).
                (Kind::Int, DataType::UInt64) if !arg.literal => Some(DataType::UInt64),
                (Kind::Money, DataType::UInt64) => Some(DataType::Decimal128(20, 0)),
                (Kind::Int | Kind::Money, t) if t.is_integer() => Some(DataType::Int64),
                (Kind::Float, t) if t.is_numeric() => Some(DataType::Float64),
                (Kind::Bool, DataType::Boolean) => Some(DataType::Boolean),
                (
                    Kind::Text | Kind::Money,
                    DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View,
                ) => Some(DataType::Utf8),
                (Kind::Money, DataType::Decimal128(p, s)) => Some(DataType::Decimal128(*p, *s)),
                _ => None,
            };
            target.ok_or_else(|| {
                let wanted = match arg.kind {
                    Kind::Int => "an integer",
                    Kind::Float => "a number",
                    Kind::Bool => "a boolean",
                    Kind::Text => "text",
                    Kind::Money => {
                        "an exact amount (DECIMAL, integer or decimal text; not a float)"
                    }
                };
                DataFusionError::Plan(format!(
                    "{name}: argument `{}` must be {wanted}, got {t}; usage: {}",
                    arg.name,
                    usage(name, args)
                ))
            })
        })
        .collect()
}

fn missing(function: &str, arg: &str) -> DataFusionError {
    DataFusionError::Plan(format!(
        "{function}: argument `{arg}` must be a non-null literal"
    ))
}

/// Literal `i` as an integer.
pub(crate) fn lit_i64(
    function: &str,
    literals: &[Option<ScalarValue>],
    i: usize,
    arg: &str,
) -> Result<i64> {
    match literals.get(i) {
        Some(Some(ScalarValue::Int64(Some(v)))) => Ok(*v),
        _ => Err(missing(function, arg)),
    }
}

/// Literal `i` as an integer, or `None` when it was left out.
pub(crate) fn lit_i64_opt(
    function: &str,
    literals: &[Option<ScalarValue>],
    i: usize,
    arg: &str,
) -> Result<Option<i64>> {
    match literals.get(i) {
        None => Ok(None),
        Some(Some(ScalarValue::Int64(Some(v)))) => Ok(Some(*v)),
        Some(_) => Err(missing(function, arg)),
    }
}

/// Literal `i` as text, or `None` when it was left out.
pub(crate) fn lit_str_opt<'a>(
    function: &str,
    literals: &'a [Option<ScalarValue>],
    i: usize,
    arg: &str,
) -> Result<Option<&'a str>> {
    match literals.get(i) {
        None => Ok(None),
        Some(Some(ScalarValue::Utf8(Some(v)))) => Ok(Some(v)),
        Some(_) => Err(missing(function, arg)),
    }
}

/// Literal `i` as a number, or `None` when it was left out.
pub(crate) fn lit_f64_opt(
    function: &str,
    literals: &[Option<ScalarValue>],
    i: usize,
    arg: &str,
) -> Result<Option<f64>> {
    match literals.get(i) {
        None => Ok(None),
        Some(Some(ScalarValue::Float64(Some(v)))) => Ok(Some(*v)),
        Some(_) => Err(missing(function, arg)),
    }
}

/// Literal `i` as a number.
pub(crate) fn lit_f64(
    function: &str,
    literals: &[Option<ScalarValue>],
    i: usize,
    arg: &str,
) -> Result<f64> {
    lit_f64_opt(function, literals, i, arg)?.ok_or_else(|| missing(function, arg))
}

/// Literal `i` as text.
pub(crate) fn lit_str<'a>(
    function: &str,
    literals: &'a [Option<ScalarValue>],
    i: usize,
    arg: &str,
) -> Result<&'a str> {
    match literals.get(i) {
        Some(Some(ScalarValue::Utf8(Some(v)))) => Ok(v),
        _ => Err(missing(function, arg)),
    }
}

fn column<'a>(function: &str, columns: &'a [ArrayRef], i: usize) -> Result<&'a ArrayRef> {
    columns
        .get(i)
        .ok_or_else(|| DataFusionError::Internal(format!("{function}: missing argument {i}")))
}

fn wrong(function: &str, i: usize, t: &DataType) -> DataFusionError {
    DataFusionError::Internal(format!("{function}: argument {i} has type {t}"))
}

/// Column `i` as integers: a `BIGINT` column as it is, a `UInt64` one
/// converted (a value beyond `BIGINT` is an out-of-range error naming the
/// function: no integer argument takes one).
pub(crate) fn ints<'a>(
    function: &str,
    columns: &'a [ArrayRef],
    i: usize,
) -> Result<Cow<'a, Int64Array>> {
    let c = column(function, columns, i)?;
    if let Some(unsigned) = c.as_primitive_opt::<UInt64Type>() {
        let signed = unsigned
            .iter()
            .map(|v| {
                v.map(|v| {
                    i64::try_from(v).map_err(|_| {
                        crate::state::core_error(
                            function,
                            &cxkpi::Error::out_of_range(
                                "integer",
                                v,
                                cxkpi::Domain::Between {
                                    min: i64::MIN,
                                    max: i64::MAX,
                                },
                            ),
                        )
                    })
                })
                .transpose()
            })
            .collect::<Result<Int64Array>>()?;
        return Ok(Cow::Owned(signed));
    }
    c.as_primitive_opt::<Int64Type>()
        .map(Cow::Borrowed)
        .ok_or_else(|| wrong(function, i, c.data_type()))
}

/// Column `i` as numbers.
pub(crate) fn floats<'a>(
    function: &str,
    columns: &'a [ArrayRef],
    i: usize,
) -> Result<&'a Float64Array> {
    let c = column(function, columns, i)?;
    c.as_primitive_opt::<Float64Type>()
        .ok_or_else(|| wrong(function, i, c.data_type()))
}

/// Column `i` as booleans.
pub(crate) fn bools<'a>(
    function: &str,
    columns: &'a [ArrayRef],
    i: usize,
) -> Result<&'a BooleanArray> {
    let c = column(function, columns, i)?;
    c.as_boolean_opt()
        .ok_or_else(|| wrong(function, i, c.data_type()))
}

/// Column `i` as text.
pub(crate) fn texts<'a>(
    function: &str,
    columns: &'a [ArrayRef],
    i: usize,
) -> Result<&'a datafusion::arrow::array::StringArray> {
    let c = column(function, columns, i)?;
    c.as_string_opt::<i32>()
        .ok_or_else(|| wrong(function, i, c.data_type()))
}

/// The amounts of money column `i`, `None` where null.
pub(crate) fn money(function: &str, columns: &[ArrayRef], i: usize) -> Result<Vec<Option<Money>>> {
    let c = column(function, columns, i)?;
    let bad = |e: &cxkpi::Error| crate::state::core_error(function, e);
    match c.data_type() {
        DataType::Utf8 => c
            .as_string::<i32>()
            .iter()
            .map(|v| {
                v.map(|t| t.trim().parse::<Money>().map_err(|e| bad(&e)))
                    .transpose()
            })
            .collect(),
        DataType::Int64 => c
            .as_primitive::<Int64Type>()
            .iter()
            .map(|v| {
                v.map(|n| Money::new(Decimal::from(n)).map_err(|e| bad(&e)))
                    .transpose()
            })
            .collect(),
        DataType::Decimal128(_, scale) => {
            let scale = u32::try_from(*scale).map_err(|_| {
                DataFusionError::Plan(format!(
                    "{function}: a DECIMAL with a negative scale is not money"
                ))
            })?;
            c.as_primitive::<datafusion::arrow::datatypes::Decimal128Type>()
                .iter()
                .map(|v| {
                    v.map(|n| {
                        let amount = Decimal::try_from_i128_with_scale(n, scale).map_err(|_| {
                            DataFusionError::Execution(format!(
                                "{function}: amount {n}e-{scale} does not fit an exact decimal of 96 bits"
                            ))
                        })?;
                        Money::new(amount).map_err(|e| bad(&e))
                    })
                    .transpose()
                })
                .collect()
        }
        t => Err(wrong(function, i, t)),
    }
}

/// Whether row `row` is non-null in every one of `columns`.
pub(crate) fn all_valid(columns: &[&dyn Array], row: usize) -> bool {
    columns.iter().all(|c| c.is_valid(row))
}
