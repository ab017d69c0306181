//! The one place where a core tally becomes Arrow columns and back.
//!
//! An aggregate's intermediate state *is* its tally's public state
//! ([`Tally::state`]), field for field, in the Arrow types of the tally
//! contract: `u64` counts as `UInt64`, `u128` sums as `Decimal128(38, 0)` (a
//! sum of 10³⁸ or more is an overflow error naming the field), durations and
//! thresholds as `UInt64` nanoseconds, money as `Utf8` exact decimal text,
//! `f64` as `Float64`, `Vec<u64>` as `List<UInt64>`. Reading a state rebuilds
//! the tally through [`Tally::from_state`], which validates every invariant,
//! so a corrupt partial state from another process is an error, never a
//! figure.

use std::sync::Arc;
use std::time::Duration;

use cxkpi::{
    AbandonmentState, AbandonmentTally, AhtState, AhtTally, CesState, CesTally, CostState,
    CostTally, CsatRule, CsatState, CsatTally, DurationSample, DurationSampleState, DurationSketch,
    DurationSketchState, EscalationState, EscalationTally, FcrState, FcrTally, Money, NpsState,
    NpsTally, RetentionState, RetentionTally, Scale, ServiceLevelState, ServiceLevelTally,
    ShortAbandons, Tally, WaitState, WaitTally,
};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, Decimal128Array, Float64Array, Int32Array, ListArray, StringArray,
    StructArray, UInt8Array, UInt32Array, UInt64Array,
};
use datafusion::arrow::buffer::OffsetBuffer;
use datafusion::arrow::datatypes::{
    DataType, Decimal128Type, Field, Fields, Float64Type, Int32Type, UInt8Type, UInt32Type,
    UInt64Type,
};
use datafusion::common::{DataFusionError, Result};

/// `ArrowState` for a tally whose state is only `u64` counts: one `UInt64`
/// column per field, in the order given (the state's order).
macro_rules! counts_state {
    ($tally:ty, $state:ident { $($field:ident),+ $(,)? }) => {
        impl ArrowState for $tally {
            fn fields() -> Vec<Field> {
                vec![$(u64_field(stringify!($field))),+]
            }

            fn columns(tallies: &[Self]) -> Result<Vec<ArrayRef>> {
                let s = states(tallies)?;
                Ok(vec![$(u64s(s.iter().map(|s| s.$field))),+])
            }

            fn read(c: &[ArrayRef], row: usize) -> Result<Self> {
                let mut column = 0;
                let mut next = || {
                    column += 1;
                    get_u64(c, column - 1, row)
                };
                // Fields are initialised in the order written: column by column.
                rebuild($state { $($field: next()?),+ })
            }
        }
    };
}

mod outreach;
mod tickets;
mod workforce;

/// A tally whose state maps to Arrow columns.
pub trait ArrowState: Sized {
    /// The state's fields, in order: names and Arrow types.
    fn fields() -> Vec<Field>;

    /// The states of `tallies` as one column per field.
    ///
    /// # Errors
    ///
    /// A tally's fault, or a sum too wide for `Decimal128(38, 0)`.
    fn columns(tallies: &[Self]) -> Result<Vec<ArrayRef>>;

    /// The tally whose state is row `row` of `columns`.
    ///
    /// # Errors
    ///
    /// A null, a negative sum, or a state the core rejects (inconsistent
    /// counts, a bad parameter): an error naming the field.
    fn read(columns: &[ArrayRef], row: usize) -> Result<Self>;
}

/// A core error as a query error.
pub(crate) fn core_error(function: &str, error: &cxkpi::Error) -> DataFusionError {
    DataFusionError::Execution(format!("{function}: {error}"))
}

/// An overflow of `field` in the aggregate state, built by the core.
fn overflow(field: &'static str, limit: &'static str) -> DataFusionError {
    state_error(&cxkpi::Error::overflow(field, limit))
}

fn state_error(error: &cxkpi::Error) -> DataFusionError {
    core_error("aggregate state", error)
}

fn u64_field(name: &str) -> Field {
    Field::new(name, DataType::UInt64, false)
}

fn u128_field(name: &str) -> Field {
    Field::new(name, DataType::Decimal128(38, 0), false)
}

fn u8_field(name: &str) -> Field {
    Field::new(name, DataType::UInt8, false)
}

fn u64s(values: impl Iterator<Item = u64>) -> ArrayRef {
    Arc::new(values.collect::<UInt64Array>())
}

fn u8s(values: impl Iterator<Item = u8>) -> ArrayRef {
    Arc::new(values.collect::<UInt8Array>())
}

/// The largest value `Decimal128(38, 0)` holds.
const DECIMAL_38_MAX: u128 = 10u128.pow(38) - 1;

fn u128s(field: &'static str, values: impl Iterator<Item = u128>) -> Result<ArrayRef> {
    let values = values
        .map(|v| {
            if v > DECIMAL_38_MAX {
                return Err(overflow(field, "Decimal128(38, 0)"));
            }
            i128::try_from(v).map_err(|_| overflow(field, "i128"))
        })
        .collect::<Result<Vec<i128>>>()?;
    Ok(Arc::new(
        Decimal128Array::from(values).with_precision_and_scale(38, 0)?,
    ))
}

fn present(columns: &[ArrayRef], i: usize, row: usize) -> Result<&ArrayRef> {
    let column = columns
        .get(i)
        .ok_or_else(|| DataFusionError::Internal(format!("aggregate state: missing column {i}")))?;
    if column.is_null(row) {
        return Err(DataFusionError::Execution(format!(
            "aggregate state: column {i} is null at row {row}"
        )));
    }
    Ok(column)
}

fn get_u64(columns: &[ArrayRef], i: usize, row: usize) -> Result<u64> {
    Ok(present(columns, i, row)?
        .as_primitive_opt::<UInt64Type>()
        .ok_or_else(|| {
            DataFusionError::Internal(format!("aggregate state: column {i} is not UInt64"))
        })?
        .value(row))
}

fn get_u8(columns: &[ArrayRef], i: usize, row: usize) -> Result<u8> {
    Ok(present(columns, i, row)?
        .as_primitive_opt::<UInt8Type>()
        .ok_or_else(|| {
            DataFusionError::Internal(format!("aggregate state: column {i} is not UInt8"))
        })?
        .value(row))
}

fn get_u128(columns: &[ArrayRef], i: usize, row: usize, field: &'static str) -> Result<u128> {
    let v = present(columns, i, row)?
        .as_primitive_opt::<Decimal128Type>()
        .ok_or_else(|| {
            DataFusionError::Internal(format!("aggregate state: column {i} is not Decimal128"))
        })?
        .value(row);
    let v = u128::try_from(v).map_err(|_| {
        DataFusionError::Execution(format!(
            "aggregate state: {field} is {v}; allowed: 0 to 10^38 - 1"
        ))
    })?;
    if v > DECIMAL_38_MAX {
        return Err(overflow(field, "Decimal128(38, 0)"));
    }
    Ok(v)
}

fn nanos(d: Duration) -> Result<u64> {
    u64::try_from(d.as_nanos()).map_err(|_| overflow("duration in nanoseconds", "u64"))
}

/// The states of `tallies`; a faulted tally has none (its fault is the error).
fn states<T: Tally>(tallies: &[T]) -> Result<Vec<T::State>> {
    tallies
        .iter()
        .map(|t| t.state().map_err(|e| state_error(&e)))
        .collect()
}

/// The tally of `state`, validated by the core.
fn rebuild<T: Tally>(state: T::State) -> Result<T> {
    T::from_state(state).map_err(|e| state_error(&e))
}

counts_state!(
    NpsTally,
    NpsState {
        promoters,
        passives,
        detractors
    }
);

fn scale_of(c: &[ArrayRef], i: usize, row: usize) -> Result<Scale> {
    Scale::new(get_u8(c, i, row)?, get_u8(c, i + 1, row)?).map_err(|e| state_error(&e))
}

impl ArrowState for CsatTally {
    fn fields() -> Vec<Field> {
        vec![
            u8_field("scale_min"),
            u8_field("scale_max"),
            u8_field("satisfied_from"),
            u64_field("satisfied"),
            u64_field("responses"),
        ]
    }

    fn columns(tallies: &[Self]) -> Result<Vec<ArrayRef>> {
        let s = states(tallies)?;
        Ok(vec![
            u8s(s.iter().map(|s| s.rule.scale().min())),
            u8s(s.iter().map(|s| s.rule.scale().max())),
            u8s(s.iter().map(|s| s.rule.satisfied_from())),
            u64s(s.iter().map(|s| s.satisfied)),
            u64s(s.iter().map(|s| s.responses)),
        ])
    }

    fn read(c: &[ArrayRef], row: usize) -> Result<Self> {
        let rule =
            CsatRule::new(scale_of(c, 0, row)?, get_u8(c, 2, row)?).map_err(|e| state_error(&e))?;
        rebuild(CsatState {
            rule,
            satisfied: get_u64(c, 3, row)?,
            responses: get_u64(c, 4, row)?,
        })
    }
}

impl ArrowState for CesTally {
    fn fields() -> Vec<Field> {
        vec![
            u8_field("scale_min"),
            u8_field("scale_max"),
            u128_field("sum"),
            u64_field("responses"),
        ]
    }

    fn columns(tallies: &[Self]) -> Result<Vec<ArrayRef>> {
        let s = states(tallies)?;
        Ok(vec![
            u8s(s.iter().map(|s| s.scale.min())),
            u8s(s.iter().map(|s| s.scale.max())),
            u128s("sum", s.iter().map(|s| s.sum))?,
            u64s(s.iter().map(|s| s.responses)),
        ])
    }

    fn read(c: &[ArrayRef], row: usize) -> Result<Self> {
        rebuild(CesState {
            scale: scale_of(c, 0, row)?,
            sum: get_u128(c, 2, row, "sum")?,
            responses: get_u64(c, 3, row)?,
        })
    }
}

counts_state!(
    RetentionTally,
    RetentionState {
        customers_at_start,
        customers_at_end,
        new_customers
    }
);

counts_state!(
    AbandonmentTally,
    AbandonmentState {
        offered,
        abandoned,
        short_abandoned
    }
);

counts_state!(
    FcrTally,
    FcrState {
        resolved_on_first_contact,
        resolved
    }
);

counts_state!(
    EscalationTally,
    EscalationState {
        contacts,
        escalated
    }
);

impl ArrowState for AhtTally {
    fn fields() -> Vec<Field> {
        vec![
            u64_field("handled"),
            u128_field("talk_ns"),
            u128_field("hold_ns"),
            u128_field("wrap_ns"),
        ]
    }

    fn columns(tallies: &[Self]) -> Result<Vec<ArrayRef>> {
        let s = states(tallies)?;
        Ok(vec![
            u64s(s.iter().map(|s| s.handled)),
            u128s("talk_ns", s.iter().map(|s| s.talk_ns))?,
            u128s("hold_ns", s.iter().map(|s| s.hold_ns))?,
            u128s("wrap_ns", s.iter().map(|s| s.wrap_ns))?,
        ])
    }

    fn read(c: &[ArrayRef], row: usize) -> Result<Self> {
        rebuild(AhtState {
            handled: get_u64(c, 0, row)?,
            talk_ns: get_u128(c, 1, row, "talk_ns")?,
            hold_ns: get_u128(c, 2, row, "hold_ns")?,
            wrap_ns: get_u128(c, 3, row, "wrap_ns")?,
        })
    }
}

impl ArrowState for WaitTally {
    fn fields() -> Vec<Field> {
        vec![
            u64_field("answered"),
            u128_field("answered_wait_ns"),
            u64_field("abandoned"),
            u128_field("abandoned_wait_ns"),
        ]
    }

    fn columns(tallies: &[Self]) -> Result<Vec<ArrayRef>> {
        let s = states(tallies)?;
        Ok(vec![
            u64s(s.iter().map(|s| s.answered)),
            u128s("answered_wait_ns", s.iter().map(|s| s.answered_wait_ns))?,
            u64s(s.iter().map(|s| s.abandoned)),
            u128s("abandoned_wait_ns", s.iter().map(|s| s.abandoned_wait_ns))?,
        ])
    }

    fn read(c: &[ArrayRef], row: usize) -> Result<Self> {
        rebuild(WaitState {
            answered: get_u64(c, 0, row)?,
            answered_wait_ns: get_u128(c, 1, row, "answered_wait_ns")?,
            abandoned: get_u64(c, 2, row)?,
            abandoned_wait_ns: get_u128(c, 3, row, "abandoned_wait_ns")?,
        })
    }
}

/// A nullable `UInt64` column.
fn opt_u64_field(name: &str) -> Field {
    Field::new(name, DataType::UInt64, true)
}

/// Row `row` of the nullable nanosecond column `i`, `None` when null.
fn get_opt_nanos(c: &[ArrayRef], i: usize, row: usize) -> Result<Option<Duration>> {
    if c.get(i).is_some_and(|a| a.is_null(row)) {
        return Ok(None);
    }
    Ok(Some(Duration::from_nanos(get_u64(c, i, row)?)))
}

impl ArrowState for ServiceLevelTally {
    /// The short-abandon rule as the core's wire format writes it: the
    /// strictly-below threshold or the at-most threshold, each nullable, at
    /// most one of them set.
    fn fields() -> Vec<Field> {
        vec![
            u64_field("threshold_ns"),
            opt_u64_field("short_abandon_below_ns"),
            opt_u64_field("short_abandon_at_most_ns"),
            u64_field("answered"),
            u64_field("answered_within"),
            u64_field("abandoned"),
            u64_field("abandoned_within"),
            u64_field("short_abandoned"),
        ]
    }

    fn columns(tallies: &[Self]) -> Result<Vec<ArrayRef>> {
        let s = states(tallies)?;
        let rule = |at_most: bool| {
            s.iter()
                .map(|s| match s.short_abandons {
                    ShortAbandons::Below(d) if !at_most => nanos(d).map(Some),
                    ShortAbandons::AtMost(d) if at_most => nanos(d).map(Some),
                    _ => Ok(None),
                })
                .collect::<Result<UInt64Array>>()
        };
        Ok(vec![
            u64s(
                s.iter()
                    .map(|s| nanos(s.threshold))
                    .collect::<Result<Vec<_>>>()?
                    .into_iter(),
            ),
            Arc::new(rule(false)?),
            Arc::new(rule(true)?),
            u64s(s.iter().map(|s| s.answered)),
            u64s(s.iter().map(|s| s.answered_within)),
            u64s(s.iter().map(|s| s.abandoned)),
            u64s(s.iter().map(|s| s.abandoned_within)),
            u64s(s.iter().map(|s| s.short_abandoned)),
        ])
    }

    fn read(c: &[ArrayRef], row: usize) -> Result<Self> {
        let short_abandons = match (get_opt_nanos(c, 1, row)?, get_opt_nanos(c, 2, row)?) {
            (None, None) => ShortAbandons::None,
            (Some(below), None) => ShortAbandons::Below(below),
            (None, Some(at_most)) => ShortAbandons::AtMost(at_most),
            (Some(_), Some(_)) => {
                return Err(state_error(&cxkpi::Error::malformed(
                    "short-abandon rule",
                    "short_abandon_below_ns or short_abandon_at_most_ns, not both",
                )));
            }
        };
        rebuild(ServiceLevelState {
            threshold: Duration::from_nanos(get_u64(c, 0, row)?),
            short_abandons,
            answered: get_u64(c, 3, row)?,
            answered_within: get_u64(c, 4, row)?,
            abandoned: get_u64(c, 5, row)?,
            abandoned_within: get_u64(c, 6, row)?,
            short_abandoned: get_u64(c, 7, row)?,
        })
    }
}

impl ArrowState for CostTally {
    fn fields() -> Vec<Field> {
        vec![
            Field::new("total_cost", DataType::Utf8, false),
            u64_field("units"),
        ]
    }

    fn columns(tallies: &[Self]) -> Result<Vec<ArrayRef>> {
        let s = states(tallies)?;
        Ok(vec![
            Arc::new(
                s.iter()
                    .map(|s| Some(s.total_cost.to_string()))
                    .collect::<StringArray>(),
            ),
            u64s(s.iter().map(|s| s.units)),
        ])
    }

    fn read(c: &[ArrayRef], row: usize) -> Result<Self> {
        let text = present(c, 0, row)?
            .as_string_opt::<i32>()
            .ok_or_else(|| {
                DataFusionError::Internal("aggregate state: total_cost is not Utf8".into())
            })?
            .value(row);
        let total_cost: Money = text.parse().map_err(|e| state_error(&e))?;
        rebuild(CostState {
            total_cost,
            units: get_u64(c, 1, row)?,
        })
    }
}

fn nanos_list_field() -> Field {
    Field::new(
        "nanos",
        DataType::List(Arc::new(Field::new_list_field(DataType::UInt64, true))),
        false,
    )
}

fn nanos_list(lists: &[Vec<u64>]) -> Result<ArrayRef> {
    let values = UInt64Array::from_iter_values(lists.iter().flatten().copied());
    let offsets = OffsetBuffer::from_lengths(lists.iter().map(Vec::len));
    Ok(Arc::new(ListArray::try_new(
        Arc::new(Field::new_list_field(DataType::UInt64, true)),
        offsets,
        Arc::new(values),
        None,
    )?))
}

fn get_list(c: &[ArrayRef], i: usize, row: usize) -> Result<Vec<u64>> {
    let list = present(c, i, row)?
        .as_list_opt::<i32>()
        .ok_or_else(|| {
            DataFusionError::Internal(format!("aggregate state: column {i} is not a list"))
        })?
        .value(row);
    let values = list
        .as_primitive_opt::<UInt64Type>()
        .ok_or_else(|| DataFusionError::Internal("aggregate state: list is not UInt64".into()))?;
    if values.null_count() > 0 {
        return Err(DataFusionError::Execution(
            "aggregate state: null in nanos".into(),
        ));
    }
    Ok(values.values().to_vec())
}

impl ArrowState for DurationSample {
    fn fields() -> Vec<Field> {
        vec![nanos_list_field()]
    }

    fn columns(tallies: &[Self]) -> Result<Vec<ArrayRef>> {
        let lists: Vec<Vec<u64>> = states(tallies)?.into_iter().map(|s| s.nanos).collect();
        Ok(vec![nanos_list(&lists)?])
    }

    fn read(c: &[ArrayRef], row: usize) -> Result<Self> {
        rebuild(DurationSampleState {
            nanos: get_list(c, 0, row)?,
        })
    }
}

impl ArrowState for DurationSketch {
    fn fields() -> Vec<Field> {
        vec![
            Field::new("relative_accuracy", DataType::Float64, false),
            u64_field("zeros"),
            Field::new("offset", DataType::Int32, false),
            Field::new(
                "bins",
                DataType::List(Arc::new(Field::new_list_field(DataType::UInt64, true))),
                false,
            ),
            u128_field("total_ns"),
            u64_field("min_ns"),
            u64_field("max_ns"),
        ]
    }

    fn columns(tallies: &[Self]) -> Result<Vec<ArrayRef>> {
        let s = states(tallies)?;
        let bins: Vec<Vec<u64>> = s.iter().map(|s| s.bins.clone()).collect();
        Ok(vec![
            Arc::new(
                s.iter()
                    .map(|s| Some(s.relative_accuracy))
                    .collect::<Float64Array>(),
            ),
            u64s(s.iter().map(|s| s.zeros)),
            Arc::new(s.iter().map(|s| Some(s.offset)).collect::<Int32Array>()),
            nanos_list(&bins)?,
            u128s("total_ns", s.iter().map(|s| s.total_ns))?,
            u64s(s.iter().map(|s| s.min_ns)),
            u64s(s.iter().map(|s| s.max_ns)),
        ])
    }

    fn read(c: &[ArrayRef], row: usize) -> Result<Self> {
        rebuild(DurationSketchState {
            relative_accuracy: get_f64(c, 0, row)?,
            zeros: get_u64(c, 1, row)?,
            offset: get_i32(c, 2, row)?,
            bins: get_list(c, 3, row)?,
            total_ns: get_u128(c, 4, row, "total_ns")?,
            min_ns: get_u64(c, 5, row)?,
            max_ns: get_u64(c, 6, row)?,
        })
    }
}

fn get_f64(columns: &[ArrayRef], i: usize, row: usize) -> Result<f64> {
    Ok(present(columns, i, row)?
        .as_primitive_opt::<Float64Type>()
        .ok_or_else(|| {
            DataFusionError::Internal(format!("aggregate state: column {i} is not Float64"))
        })?
        .value(row))
}

fn get_i32(columns: &[ArrayRef], i: usize, row: usize) -> Result<i32> {
    Ok(present(columns, i, row)?
        .as_primitive_opt::<Int32Type>()
        .ok_or_else(|| {
            DataFusionError::Internal(format!("aggregate state: column {i} is not Int32"))
        })?
        .value(row))
}

/// The fields of a `(key, count)` pair of a histogram state.
fn pair_fields(key: &str) -> Fields {
    Fields::from(vec![
        Field::new(key, DataType::UInt32, false),
        Field::new("count", DataType::UInt64, false),
    ])
}

fn pair_item(key: &str) -> Arc<Field> {
    Arc::new(Field::new_list_field(
        DataType::Struct(pair_fields(key)),
        true,
    ))
}

/// A `Vec<(u32, u64)>` state field: a list of `{key, count}` structs.
fn pairs_field(name: &str, key: &str) -> Field {
    Field::new(name, DataType::List(pair_item(key)), false)
}

fn pairs_list(key: &str, lists: &[Vec<(u32, u64)>]) -> Result<ArrayRef> {
    let keys = UInt32Array::from_iter_values(lists.iter().flatten().map(|p| p.0));
    let counts = UInt64Array::from_iter_values(lists.iter().flatten().map(|p| p.1));
    let pairs = StructArray::try_new(
        pair_fields(key),
        vec![Arc::new(keys), Arc::new(counts)],
        None,
    )?;
    Ok(Arc::new(ListArray::try_new(
        pair_item(key),
        OffsetBuffer::from_lengths(lists.iter().map(Vec::len)),
        Arc::new(pairs),
        None,
    )?))
}

fn get_pairs(c: &[ArrayRef], i: usize, row: usize) -> Result<Vec<(u32, u64)>> {
    let list = present(c, i, row)?
        .as_list_opt::<i32>()
        .ok_or_else(|| {
            DataFusionError::Internal(format!("aggregate state: column {i} is not a list"))
        })?
        .value(row);
    let pairs = list.as_struct_opt().ok_or_else(|| {
        DataFusionError::Internal("aggregate state: list is not of structs".into())
    })?;
    let keys = pairs.column(0).as_primitive_opt::<UInt32Type>();
    let counts = pairs.column(1).as_primitive_opt::<UInt64Type>();
    let (Some(keys), Some(counts)) = (keys, counts) else {
        return Err(DataFusionError::Internal(
            "aggregate state: pairs are not (UInt32, UInt64)".into(),
        ));
    };
    if pairs.null_count() > 0 || keys.null_count() > 0 || counts.null_count() > 0 {
        return Err(DataFusionError::Execution(
            "aggregate state: null in a (key, count) pair".into(),
        ));
    }
    Ok(keys
        .values()
        .iter()
        .copied()
        .zip(counts.values().iter().copied())
        .collect())
}
