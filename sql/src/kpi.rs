//! One generic aggregate function over a core tally: the UDAF, its
//! row-at-a-time [`Accumulator`] and its [`GroupsAccumulator`], written once
//! for every KPI.

use std::fmt::Debug;
use std::hash::Hash;
use std::sync::Arc;

use cxkpi::Merge;
use datafusion::arrow::array::{
    Array, ArrayRef, BooleanArray, Float64Builder, StructArray, UInt64Builder,
};
use datafusion::arrow::buffer::NullBuffer;
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields};
use datafusion::common::{DataFusionError, Result, ScalarValue};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDFImpl, EmitTo, GroupsAccumulator, Signature, Volatility,
};
use datafusion::physical_expr::expressions::Literal;

use crate::args::Arg;
use crate::state::{ArrowState, core_error};

/// A KPI as an aggregate: its parameters (the literal arguments) and how a
/// row becomes an observation of its tally.
pub(crate) trait Kpi: Debug + Clone + Send + Sync + 'static {
    /// The core tally behind the function.
    type Tally: ArrowState + Merge + Clone + Debug + Send + Sync + 'static;
    /// One row, validated.
    type Obs: Copy;

    /// The SQL name.
    const NAME: &'static str;
    /// The arguments: columns first, then literals.
    const ARGS: &'static [Arg];

    /// The function with the literal arguments of a call (`None` for the
    /// column arguments; a missing optional literal is absent).
    fn from_literals(literals: &[Option<ScalarValue>]) -> Result<Self>;

    /// The empty tally.
    fn empty(&self) -> Self::Tally;

    /// Calls `f(row, observation)` for every row of `columns` without a null
    /// (the one null policy: a row with a null input is skipped).
    ///
    /// # Errors
    ///
    /// An invalid value (out of scale, negative, NaN), naming the function.
    fn observe<F: FnMut(usize, Self::Obs) -> Result<()>>(
        &self,
        columns: &[ArrayRef],
        f: F,
    ) -> Result<()>;

    /// Records one observation.
    ///
    /// # Errors
    ///
    /// An overflow or the tally's fault.
    fn record(tally: &mut Self::Tally, obs: Self::Obs) -> Result<(), cxkpi::Error>;

    /// The fields of the result struct.
    fn output_fields() -> Vec<Field>;

    /// The result's values, or `None` when the tally is empty (a `NULL`
    /// result, never 0).
    ///
    /// # Errors
    ///
    /// The tally's fault.
    fn output(&self, tally: &Self::Tally) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error>;

    /// Whether the accumulator for many groups is offered.
    const GROUPS: bool = true;

    /// Every group's tally of a batch without nulls, through the core's
    /// columnar grouped path ([`cxkpi::grouped::ByCode`]): row `i` belongs
    /// to group `codes[i]`, below `groups`.
    ///
    /// `None` when the KPI has no such path or a value does not fit it (a
    /// score off the scale, a fractional wait): the rows are then recorded
    /// one by one, which gives the same tallies and words any error as the
    /// row path does.
    fn by_code(
        &self,
        _columns: &[ArrayRef],
        _groups: usize,
        _codes: &[u32],
    ) -> Option<Vec<Self::Tally>> {
        None
    }

    /// An accumulator of many groups of the KPI's own, faster than
    /// [`KpiGroups`] (the counting tallies' [`crate::counts::CountGroups`]);
    /// `None` for [`KpiGroups`].
    fn groups_accumulator(&self) -> Option<Box<dyn GroupsAccumulator>> {
        None
    }
}

/// The SQL function of a [`Kpi`].
#[derive(Debug)]
pub(crate) struct KpiUdaf<K> {
    signature: Signature,
    kpi: std::marker::PhantomData<K>,
}

impl<K> PartialEq for KpiUdaf<K> {
    fn eq(&self, other: &Self) -> bool {
        self.signature == other.signature
    }
}

impl<K> Eq for KpiUdaf<K> {}

impl<K> Hash for KpiUdaf<K> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.signature.hash(state);
    }
}

impl<K: Kpi> KpiUdaf<K> {
    pub(crate) fn new() -> Self {
        KpiUdaf {
            signature: Signature::user_defined(Volatility::Immutable),
            kpi: std::marker::PhantomData,
        }
    }

    fn kpi(args: &AccumulatorArgs) -> Result<K> {
        let literals = args
            .exprs
            .iter()
            .zip(K::ARGS.iter())
            .map(|(expr, arg)| {
                if !arg.literal {
                    return Ok(None);
                }
                match expr.downcast_ref::<Literal>() {
                    Some(lit) => Ok(Some(lit.value().clone())),
                    None => Err(DataFusionError::Plan(format!(
                        "{}: argument `{}` must be a literal",
                        K::NAME,
                        arg.name
                    ))),
                }
            })
            .collect::<Result<Vec<_>>>()?;
        K::from_literals(&literals)
    }
}

fn return_type<K: Kpi>() -> DataType {
    DataType::Struct(Fields::from(K::output_fields()))
}

impl<K: Kpi> AggregateUDFImpl for KpiUdaf<K> {
    fn name(&self) -> &str {
        K::NAME
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        crate::args::coerce(K::NAME, K::ARGS, arg_types)
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(return_type::<K>())
    }

    fn is_nullable(&self) -> bool {
        true
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(K::Tally::fields()
            .into_iter()
            .map(|f| {
                let name = format!("{}[{}]", args.name, f.name());
                Arc::new(f.with_name(name))
            })
            .collect())
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let kpi = Self::kpi(&args)?;
        Ok(Box::new(KpiAccumulator {
            tally: kpi.empty(),
            kpi,
        }))
    }

    fn groups_accumulator_supported(&self, _args: AccumulatorArgs) -> bool {
        K::GROUPS
    }

    fn create_groups_accumulator(
        &self,
        args: AccumulatorArgs,
    ) -> Result<Box<dyn GroupsAccumulator>> {
        let kpi = Self::kpi(&args)?;
        if let Some(groups) = kpi.groups_accumulator() {
            return Ok(groups);
        }
        Ok(Box::new(KpiGroups {
            kpi,
            tallies: Vec::new(),
            local: Vec::new(),
        }))
    }
}

/// One field of a result column, built as it is filled: numbers straight
/// into Arrow buffers (one group's figures are a few numbers; at 10⁵ groups
/// a column of `ScalarValue`s per field cost more than the figures), any
/// other type through `ScalarValue`s.
enum ResultColumn {
    F64(Float64Builder),
    U64(UInt64Builder),
    Other(DataType, Vec<ScalarValue>),
}

impl ResultColumn {
    fn new(data_type: &DataType, capacity: usize) -> ResultColumn {
        match data_type {
            DataType::Float64 => ResultColumn::F64(Float64Builder::with_capacity(capacity)),
            DataType::UInt64 => ResultColumn::U64(UInt64Builder::with_capacity(capacity)),
            other => ResultColumn::Other(other.clone(), Vec::with_capacity(capacity)),
        }
    }

    fn push(&mut self, value: ScalarValue) -> Result<()> {
        match (self, value) {
            (ResultColumn::F64(b), ScalarValue::Float64(v)) => b.append_option(v),
            (ResultColumn::U64(b), ScalarValue::UInt64(v)) => b.append_option(v),
            (ResultColumn::Other(_, values), v) => values.push(v),
            (_, v) => {
                return Err(DataFusionError::Internal(format!(
                    "result value {v:?} of another type than its field"
                )));
            }
        }
        Ok(())
    }

    fn push_null(&mut self) -> Result<()> {
        match self {
            ResultColumn::F64(b) => b.append_null(),
            ResultColumn::U64(b) => b.append_null(),
            ResultColumn::Other(data_type, values) => {
                values.push(ScalarValue::try_from(&*data_type)?);
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<ArrayRef> {
        Ok(match self {
            ResultColumn::F64(mut b) => Arc::new(b.finish()),
            ResultColumn::U64(mut b) => Arc::new(b.finish()),
            ResultColumn::Other(data_type, values) if values.is_empty() => {
                datafusion::arrow::array::new_empty_array(&data_type)
            }
            ResultColumn::Other(_, values) => ScalarValue::iter_to_array(values)?,
        })
    }
}

/// The result column of `tallies`: a struct per group, `NULL` where a group
/// is empty.
pub(crate) fn results<K: Kpi>(kpi: &K, tallies: &[K::Tally]) -> Result<ArrayRef> {
    let fields = K::output_fields();
    let mut columns: Vec<ResultColumn> = fields
        .iter()
        .map(|f| ResultColumn::new(f.data_type(), tallies.len()))
        .collect();
    let mut valid = Vec::with_capacity(tallies.len());
    for tally in tallies {
        let values = kpi.output(tally).map_err(|e| core_error(K::NAME, &e))?;
        valid.push(values.is_some());
        match values {
            Some(values) => {
                for (column, value) in columns.iter_mut().zip(values) {
                    column.push(value)?;
                }
            }
            None => {
                for column in &mut columns {
                    column.push_null()?;
                }
            }
        }
    }
    let arrays = columns
        .into_iter()
        .map(ResultColumn::finish)
        .collect::<Result<Vec<_>>>()?;
    let fields = Fields::from(
        fields
            .into_iter()
            .map(|f| f.with_nullable(true))
            .collect::<Vec<_>>(),
    );
    Ok(Arc::new(StructArray::try_new(
        fields,
        arrays,
        Some(NullBuffer::from(valid)),
    )?))
}

/// Merges the states in `columns` into `tally`, row `row`.
pub(crate) fn merge_row<T: ArrowState + Merge>(
    name: &str,
    tally: &mut T,
    columns: &[ArrayRef],
    row: usize,
) -> Result<()> {
    let other = T::read(columns, row)?;
    tally.try_merge(&other).map_err(|e| core_error(name, &e))
}

/// One group's accumulator.
#[derive(Debug)]
struct KpiAccumulator<K: Kpi> {
    kpi: K,
    tally: K::Tally,
}

impl<K: Kpi> Accumulator for KpiAccumulator<K> {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let tally = &mut self.tally;
        self.kpi.observe(values, |_, obs| {
            K::record(tally, obs).map_err(|e| core_error(K::NAME, &e))
        })
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let array = results(&self.kpi, std::slice::from_ref(&self.tally))?;
        ScalarValue::try_from_array(&array, 0)
    }

    fn size(&self) -> usize {
        size_of_val(self)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        K::Tally::columns(std::slice::from_ref(&self.tally))?
            .iter()
            .map(|column| ScalarValue::try_from_array(column, 0))
            .collect()
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let rows = states.first().map_or(0, Array::len);
        for row in 0..rows {
            merge_row(K::NAME, &mut self.tally, states, row)?;
        }
        Ok(())
    }
}

/// The accumulator of every group of a `GROUP BY`: one tally per group.
#[derive(Debug)]
struct KpiGroups<K: Kpi> {
    kpi: K,
    tallies: Vec<K::Tally>,
    /// The batch-local code of each group ([`UNSEEN`] outside a batch), so
    /// that a batch's grouped path costs its own groups, not every group of
    /// the query.
    local: Vec<u32>,
}

/// A group not seen in the current batch.
const UNSEEN: u32 = u32::MAX;

/// The fewest rows per group, on average over a batch, for which the
/// grouped path is taken.
const MIN_ROWS_PER_GROUP: usize = 8;

impl<K: Kpi> KpiGroups<K> {
    fn grow(&mut self, total: usize) {
        if self.tallies.len() < total {
            let empty = self.kpi.empty();
            self.tallies.resize(total, empty);
        }
    }

    /// The batch through [`Kpi::by_code`]; `false` when that path does not
    /// take it (nothing is recorded then).
    fn update_by_code(&mut self, values: &[ArrayRef], group_indices: &[usize]) -> Result<bool> {
        if u32::try_from(group_indices.len()).is_err() {
            return Ok(false);
        }
        if self.local.len() < self.tallies.len() {
            self.local.resize(self.tallies.len(), UNSEEN);
        }
        // Dense codes 0..touched.len() in order of first appearance.
        let mut touched: Vec<usize> = Vec::new();
        let mut codes = Vec::with_capacity(group_indices.len());
        for &group in group_indices {
            let local = &mut self.local[group];
            if *local == UNSEEN {
                // Below the row count, which fits a u32 (checked above).
                *local = u32::try_from(touched.len()).unwrap_or(UNSEEN);
                touched.push(group);
            }
            codes.push(*local);
        }
        for &group in &touched {
            self.local[group] = UNSEEN;
        }
        // The grouped path pays per group (a histogram row, a tally, a
        // merge); with few rows per group, recording row by row costs less.
        if touched.len().saturating_mul(MIN_ROWS_PER_GROUP) > group_indices.len() {
            return Ok(false);
        }
        let Some(batch) = self.kpi.by_code(values, touched.len(), &codes) else {
            return Ok(false);
        };
        for (&group, tally) in touched.iter().zip(&batch) {
            self.tallies[group]
                .try_merge(tally)
                .map_err(|e| core_error(K::NAME, &e))?;
        }
        Ok(true)
    }
}

/// The state of every row of `values` as its own group, for
/// `GroupsAccumulator::convert_to_state`: a row skipped (null or filtered)
/// is an empty tally, the identity of the merge.
pub(crate) fn rows_as_states<K: Kpi>(
    kpi: &K,
    values: &[ArrayRef],
    opt_filter: Option<&BooleanArray>,
) -> Result<Vec<ArrayRef>> {
    let rows = values.first().map_or(0, Array::len);
    let mut tallies = vec![kpi.empty(); rows];
    kpi.observe(values, |row, obs| {
        if kept(opt_filter, row) {
            K::record(&mut tallies[row], obs).map_err(|e| core_error(K::NAME, &e))?;
        }
        Ok(())
    })?;
    K::Tally::columns(&tallies)
}

pub(crate) fn kept(filter: Option<&BooleanArray>, row: usize) -> bool {
    filter.is_none_or(|f| f.is_valid(row) && f.value(row))
}

impl<K: Kpi> GroupsAccumulator for KpiGroups<K> {
    fn update_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        opt_filter: Option<&BooleanArray>,
        total_num_groups: usize,
    ) -> Result<()> {
        self.grow(total_num_groups);
        if opt_filter.is_none()
            && values.iter().all(|v| v.null_count() == 0)
            && self.update_by_code(values, group_indices)?
        {
            return Ok(());
        }
        let tallies = &mut self.tallies;
        self.kpi.observe(values, |row, obs| {
            if kept(opt_filter, row) {
                K::record(&mut tallies[group_indices[row]], obs)
                    .map_err(|e| core_error(K::NAME, &e))?;
            }
            Ok(())
        })
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> Result<ArrayRef> {
        let tallies = emit_to.take_needed(&mut self.tallies);
        results(&self.kpi, &tallies)
    }

    fn state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        let tallies = emit_to.take_needed(&mut self.tallies);
        K::Tally::columns(&tallies)
    }

    fn merge_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        total_num_groups: usize,
    ) -> Result<()> {
        self.grow(total_num_groups);
        for (row, &group) in group_indices.iter().enumerate() {
            merge_row(K::NAME, &mut self.tallies[group], values, row)?;
        }
        Ok(())
    }

    fn convert_to_state(
        &self,
        values: &[ArrayRef],
        opt_filter: Option<&BooleanArray>,
    ) -> Result<Vec<ArrayRef>> {
        rows_as_states(&self.kpi, values, opt_filter)
    }

    fn size(&self) -> usize {
        self.tallies.capacity() * size_of::<K::Tally>() + self.local.capacity() * size_of::<u32>()
    }
}
