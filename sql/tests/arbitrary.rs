//! Every function on arbitrary Arrow arrays, the SQL counterpart of the fuzz
//! targets: random lengths (0 included), nulls, several Arrow types per
//! argument, NaN, ±∞, negative, huge and off-scale values, split into
//! several partitions of several batches, with and without `GROUP BY`.
//!
//! Each result is either a query error that carries the message of the core
//! for one of the offending rows (prefixed with the function's name), or the
//! figure and `n` the core computes on the same rows, nulls skipped. A panic
//! anywhere fails the test.

use std::sync::Arc;
use std::time::Duration;

use cxkpi::time::Quantile;
use cxkpi::{
    AbandonTreatment, AbandonmentTally, AhtTally, Attempts, BacklogAgeing, CesTally, CostTally,
    CsatRule, CsatTally, CustomerStatus, Deadline, DeadlineKind, DeadlineTally, Decimal,
    EscalationTally, FcrTally, HandleTime, Handling, MessagesBeforeReply, MessagesBeforeReplyTally,
    Money, NpsRating, NpsTally, Outcome, Rate, ReachabilityTally, ReopenTally, Reopens, Resolution,
    RetentionTally, Scale, ServiceLevelTally, ShortAbandons, SurveyOutcome, SurveyResponseTally,
    Tally, Tenure, TurnoverTally, WaitTally, Waited, try_seconds,
};
use cxkpi::{
    AgeBuckets, AgentState, AgentTime, DurationSample, DurationSketch, RelativeAccuracy, StateSpan,
};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Decimal128Array, Float64Array, Int32Array, Int64Array,
    LargeStringArray, RecordBatch, StringArray, StringViewArray, UInt64Array,
};
use datafusion::arrow::datatypes::{DataType, Field, Float64Type, Int64Type, Schema, UInt64Type};
use datafusion::datasource::MemTable;
use datafusion::prelude::{SessionConfig, SessionContext};
use proptest::collection::vec;
use proptest::prelude::*;

/// A cell as the function reads it, after SQL's coercion.
#[derive(Clone, Debug)]
enum Cell {
    Int(i64),
    /// A `UInt64` beyond `BIGINT`.
    BigUnsigned(u64),
    Float(f64),
    Bool(bool),
    Text(String),
    /// A `DECIMAL(12, 2)` amount, in cents.
    Cents(i64),
}

/// One column of the table: its Arrow array and its cells (`None` = null).
struct Column {
    name: &'static str,
    array: ArrayRef,
    cells: Vec<Option<Cell>>,
}

/// The Arrow type a column is written in.
#[derive(Clone, Copy, Debug)]
enum IntType {
    I64,
    I32,
    U64,
}

fn int_column(name: &'static str, t: IntType, values: &[Option<i64>]) -> Column {
    match t {
        IntType::I64 => Column {
            name,
            array: Arc::new(values.iter().copied().collect::<Int64Array>()),
            cells: values.iter().map(|v| v.map(Cell::Int)).collect(),
        },
        IntType::I32 => {
            let v: Vec<Option<i32>> = values
                .iter()
                .map(|v| v.map(|v| i32::try_from(v).unwrap_or(i32::MIN)))
                .collect();
            Column {
                name,
                array: Arc::new(v.iter().copied().collect::<Int32Array>()),
                cells: v
                    .iter()
                    .map(|v| v.map(|v| Cell::Int(i64::from(v))))
                    .collect(),
            }
        }
        IntType::U64 => {
            // A negative value becomes its two's complement: a huge u64.
            let v: Vec<Option<u64>> = values.iter().map(|v| v.map(i64::cast_unsigned)).collect();
            Column {
                name,
                array: Arc::new(v.iter().copied().collect::<UInt64Array>()),
                cells: v
                    .iter()
                    .map(|v| {
                        v.map(|v| match i64::try_from(v) {
                            Ok(i) => Cell::Int(i),
                            Err(_) => Cell::BigUnsigned(v),
                        })
                    })
                    .collect(),
            }
        }
    }
}

fn float_column(name: &'static str, as_int: bool, values: &[Option<f64>]) -> Column {
    if as_int {
        // An integer column where the function takes seconds: cast to DOUBLE.
        #[allow(clippy::cast_possible_truncation)]
        let v: Vec<Option<i64>> = values.iter().map(|v| v.map(|v| v as i64)).collect();
        return Column {
            name,
            array: Arc::new(v.iter().copied().collect::<Int64Array>()),
            cells: v.iter().map(|v| v.map(|v| Cell::Float(v as f64))).collect(),
        };
    }
    Column {
        name,
        array: Arc::new(values.iter().copied().collect::<Float64Array>()),
        cells: values.iter().map(|v| v.map(Cell::Float)).collect(),
    }
}

fn bool_column(name: &'static str, values: &[Option<bool>]) -> Column {
    Column {
        name,
        array: Arc::new(values.iter().copied().collect::<BooleanArray>()),
        cells: values.iter().map(|v| v.map(Cell::Bool)).collect(),
    }
}

fn text_column(name: &'static str, kind: u8, values: &[Option<String>]) -> Column {
    let array: ArrayRef = match kind % 3 {
        0 => Arc::new(values.iter().map(Option::as_deref).collect::<StringArray>()),
        1 => Arc::new(
            values
                .iter()
                .map(Option::as_deref)
                .collect::<LargeStringArray>(),
        ),
        _ => Arc::new(
            values
                .iter()
                .map(Option::as_deref)
                .collect::<StringViewArray>(),
        ),
    };
    Column {
        name,
        array,
        cells: values.iter().map(|v| v.clone().map(Cell::Text)).collect(),
    }
}

/// Money as text, as an integer or as `DECIMAL(12, 2)`.
fn money_column(name: &'static str, kind: u8, values: &[Option<(i64, String)>]) -> Column {
    match kind % 3 {
        0 => text_column(
            name,
            0,
            &values
                .iter()
                .map(|v| v.as_ref().map(|(_, t)| t.clone()))
                .collect::<Vec<_>>(),
        ),
        1 => int_column(
            name,
            IntType::I64,
            &values
                .iter()
                .map(|v| v.as_ref().map(|(c, _)| c / 100))
                .collect::<Vec<_>>(),
        ),
        _ => {
            let cents: Vec<Option<i64>> =
                values.iter().map(|v| v.as_ref().map(|(c, _)| *c)).collect();
            Column {
                name,
                array: Arc::new(
                    cents
                        .iter()
                        .map(|c| c.map(i128::from))
                        .collect::<Decimal128Array>()
                        .with_precision_and_scale(12, 2)
                        .unwrap(),
                ),
                cells: cents.iter().map(|c| c.map(Cell::Cents)).collect(),
            }
        }
    }
}

/// Values mostly in range, a share of wild ones when `wild`, nulls when
/// `nulls`: `(tame, wild, dice)` per row.
fn pick<T: Clone>(wild: bool, nulls: bool, (tame, odd, dice): &(T, T, u8)) -> Option<T> {
    if nulls && *dice < 12 {
        None
    } else if wild && *dice >= 240 {
        Some(odd.clone())
    } else {
        Some(tame.clone())
    }
}

fn ints(tame: std::ops::RangeInclusive<i64>) -> impl Strategy<Value = (i64, i64, u8)> {
    let odd = prop_oneof![
        Just(-1_i64),
        Just(0),
        Just(11),
        Just(i64::MIN),
        Just(i64::MAX),
        Just(i64::from(u32::MAX) + 1),
        any::<i64>(),
    ];
    (tame, odd, any::<u8>())
}

fn floats() -> impl Strategy<Value = (f64, f64, u8)> {
    let odd = prop_oneof![
        Just(-1.0),
        Just(-0.0),
        Just(0.0),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(1e300),
        Just(1.8e19),
        Just(1e15),
        Just(5e-324),
        Just(f64::MAX),
        any::<f64>(),
    ];
    (
        (1_u32..2000).prop_map(|k| f64::from(k) * 0.25),
        odd,
        any::<u8>(),
    )
}

fn texts(names: &'static [&'static str]) -> impl Strategy<Value = (String, String, u8)> {
    let odd = prop_oneof![
        Just(String::new()),
        Just("Retained".to_owned()),
        Just("handling ".to_owned()),
        Just("logged out".to_owned()),
        Just("ünïcödé".to_owned()),
        "[a-z_]{0,12}",
    ];
    (
        proptest::sample::select(names).prop_map(str::to_owned),
        odd,
        any::<u8>(),
    )
}

/// An amount in cents and as text.
type Amount = (i64, String);

fn amounts() -> impl Strategy<Value = (Amount, Amount, u8)> {
    let tame = (0_i64..10_000_000).prop_map(|c| (c, format!("{}.{:02}", c / 100, c % 100)));
    let odd = prop_oneof![
        Just((-150, "-1.50".to_owned())),
        Just((0, "abc".to_owned())),
        Just((0, String::new())),
        Just((100, " 1.00 ".to_owned())),
        Just((0, "1e3".to_owned())),
        Just((0, "0.001".to_owned())),
        Just((9_999_999_999, "99999999999999999999".to_owned())),
    ];
    (tame, odd, any::<u8>())
}

const STATUSES: &[&str] = &["retained", "churned", "new"];
const AGENT_STATES: &[&str] = &["handling", "available", "away", "logged_out"];
const TENURES: &[&str] = &["stayed", "joined", "left", "joined_and_left"];

/// One generated case: the table and how the engine splits it.
#[derive(Debug)]
struct Case {
    rows: usize,
    /// `i`: 0 to 10 when tame (NPS); `k`: 1 to 5 (scores, counts).
    ints: [Vec<(i64, i64, u8)>; 2],
    floats: [Vec<(f64, f64, u8)>; 3],
    bools: [Vec<(bool, bool, u8)>; 2],
    texts: [Vec<(String, String, u8)>; 3],
    amounts: Vec<(Amount, Amount, u8)>,
    groups: Vec<i64>,
    /// Per column: wild values, nulls, and the Arrow type.
    flags: Vec<(bool, bool, u8)>,
    partitions: usize,
    batch: usize,
    grouped: bool,
    skip_partial: bool,
    /// Whole seconds where a value is tame: the grouped paths of the core
    /// take such batches (without nulls, eight rows or more per group).
    whole: bool,
}

fn case() -> impl Strategy<Value = Case> {
    prop_oneof![Just(0_usize), 1_usize..80].prop_flat_map(|n| {
        (
            (
                [vec(ints(0..=10), n), vec(ints(1..=5), n)],
                [vec(floats(), n), vec(floats(), n), vec(floats(), n)],
                [
                    vec((any::<bool>(), any::<bool>(), any::<u8>()), n),
                    vec((any::<bool>(), any::<bool>(), any::<u8>()), n),
                ],
                [
                    vec(texts(STATUSES), n),
                    vec(texts(AGENT_STATES), n),
                    vec(texts(TENURES), n),
                ],
                vec(amounts(), n),
                vec(0_i64..3, n),
            ),
            vec((any::<bool>(), any::<bool>(), any::<u8>()), 11),
            (
                1_usize..4,
                prop_oneof![1_usize..8, 8_usize..64],
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
            ),
        )
            .prop_map(
                move |(
                    (ints, floats, bools, texts, amounts, groups),
                    flags,
                    (partitions, batch, grouped, skip_partial, whole),
                )| Case {
                    rows: n,
                    ints,
                    floats,
                    bools,
                    texts,
                    amounts,
                    groups,
                    flags,
                    partitions,
                    batch,
                    grouped,
                    skip_partial,
                    whole,
                },
            )
    })
}

fn columns(c: &Case) -> Vec<Column> {
    let f = &c.flags;
    let mut columns = vec![int_column(
        "g",
        IntType::I64,
        &c.groups.iter().map(|&g| Some(g)).collect::<Vec<_>>(),
    )];
    for (k, name) in ["i", "k"].into_iter().enumerate() {
        let (wild, nulls, t) = f[9 + k];
        let int_type = [IntType::I64, IntType::I32, IntType::U64][usize::from(t % 3)];
        let values: Vec<Option<i64>> = c.ints[k].iter().map(|v| pick(wild, nulls, v)).collect();
        columns.push(int_column(name, int_type, &values));
    }
    for (k, name) in ["f1", "f2", "f3"].into_iter().enumerate() {
        let (wild, nulls, t) = f[1 + k];
        let values: Vec<Option<f64>> = c.floats[k]
            .iter()
            .map(|&(tame, odd, dice)| {
                let tame = if c.whole { tame.floor() } else { tame };
                pick(wild, nulls, &(tame, odd, dice))
            })
            .collect();
        columns.push(float_column(name, t % 4 == 0, &values));
    }
    for (k, name) in ["b1", "b2"].into_iter().enumerate() {
        let (_, nulls, _) = f[4 + k];
        let values: Vec<Option<bool>> = c.bools[k].iter().map(|v| pick(false, nulls, v)).collect();
        columns.push(bool_column(name, &values));
    }
    for (k, name) in ["s_status", "s_agent", "s_tenure"].into_iter().enumerate() {
        let (wild, nulls, t) = f[6 + k];
        let values: Vec<Option<String>> = c.texts[k].iter().map(|v| pick(wild, nulls, v)).collect();
        columns.push(text_column(name, t, &values));
    }
    let (wild, nulls, t) = f[0];
    let values: Vec<Option<(i64, String)>> =
        c.amounts.iter().map(|v| pick(wild, nulls, v)).collect();
    columns.push(money_column("m", t, &values));
    columns
}

/// A figure: a number, or exact decimal text.
#[derive(Clone, Debug, PartialEq)]
enum Figure {
    Number(f64),
    Text(String),
}

/// What a function gives on some rows: `Ok(None)` for `NULL`, `Err` with the
/// messages of every offending row.
type Outcome_ = Result<Option<(Figure, u64)>, Vec<String>>;

/// The figure of a tally: `None` for `NULL`.
type CoreFigure = Result<Option<(Figure, u64)>, cxkpi::Error>;

/// The arguments of a row, by column name.
struct Row<'a> {
    columns: &'a [Column],
    row: usize,
}

impl Row<'_> {
    fn cell(&self, name: &str) -> Option<&Cell> {
        self.columns
            .iter()
            .find(|c| c.name == name)
            .and_then(|c| c.cells[self.row].as_ref())
    }
}

/// A core error as the function words it.
fn says(function: &str, e: &cxkpi::Error) -> String {
    format!("{function}: {e}")
}

/// An integer cell as the function reads it, or the error for a `UInt64`
/// beyond `BIGINT`.
fn int(function: &str, cell: &Cell) -> Result<i64, String> {
    match cell {
        Cell::Int(v) => Ok(*v),
        Cell::BigUnsigned(v) => Err(format!("{function}: integer {v} is out of range")),
        other => panic!("not an integer: {other:?}"),
    }
}

fn float(cell: &Cell) -> f64 {
    match cell {
        Cell::Float(v) => *v,
        other => panic!("not a number: {other:?}"),
    }
}

fn boolean(cell: &Cell) -> bool {
    match cell {
        Cell::Bool(v) => *v,
        other => panic!("not a boolean: {other:?}"),
    }
}

fn text(cell: &Cell) -> &str {
    match cell {
        Cell::Text(v) => v,
        other => panic!("not text: {other:?}"),
    }
}

fn secs(function: &str, cell: &Cell) -> Result<Duration, String> {
    try_seconds(float(cell)).map_err(|e| says(function, &e))
}

fn u32_count(function: &str, input: &'static str, v: i64, min: i64) -> Result<u32, String> {
    u32::try_from(v).map_err(|_| {
        says(
            function,
            &cxkpi::Error::out_of_range(
                input,
                v,
                cxkpi::Domain::Between {
                    min,
                    max: i64::from(u32::MAX),
                },
            ),
        )
    })
}

fn money(function: &str, cell: &Cell) -> Result<Money, String> {
    let money = match cell {
        Cell::Text(t) => t.trim().parse::<Money>(),
        Cell::Int(n) => Money::new(Decimal::from(*n)),
        Cell::Cents(c) => Money::new(Decimal::new(*c, 2)),
        other => panic!("not money: {other:?}"),
    };
    money.map_err(|e| says(function, &e))
}

fn rate(r: Result<Rate, cxkpi::Error>) -> Result<Option<(Figure, u64)>, cxkpi::Error> {
    match r {
        Ok(r) => Ok(Some((Figure::Number(r.percent()), r.whole()))),
        Err(e) if e.kind() == cxkpi::ErrorKind::Empty => Ok(None),
        Err(e) => Err(e),
    }
}

fn mean(
    r: Result<f64, cxkpi::Error>,
    n: Result<u64, cxkpi::Error>,
) -> Result<Option<(Figure, u64)>, cxkpi::Error> {
    match r {
        Ok(v) => Ok(Some((Figure::Number(v), n?))),
        Err(e) if e.kind() == cxkpi::ErrorKind::Empty => Ok(None),
        Err(e) => Err(e),
    }
}

/// A function: its SQL call, the columns it reads (a row with a null in
/// one is skipped), how a row is recorded, and the figure.
struct Function<T> {
    name: &'static str,
    call: &'static str,
    reads: &'static [&'static str],
    empty: fn() -> T,
    record: fn(&mut T, &Row) -> Result<(), String>,
    figure: fn(&T) -> CoreFigure,
}

impl<T> Function<T> {
    /// The core on `rows` of `columns`.
    fn core(&self, columns: &[Column], rows: &[usize]) -> Outcome_ {
        let mut tally = (self.empty)();
        let mut errors = Vec::new();
        for &row in rows {
            let row = Row { columns, row };
            if self.reads.iter().any(|c| row.cell(c).is_none()) {
                continue;
            }
            if let Err(e) = (self.record)(&mut tally, &row) {
                errors.push(e);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        (self.figure)(&tally).map_err(|e| vec![says(self.name, &e)])
    }
}

/// A [`Function`] of any tally, for one list.
trait Check {
    fn name(&self) -> &'static str;
    fn call(&self) -> &'static str;
    fn core(&self, columns: &[Column], rows: &[usize]) -> Outcome_;
}

impl<T> Check for Function<T> {
    fn name(&self) -> &'static str {
        self.name
    }
    fn call(&self) -> &'static str {
        self.call
    }
    fn core(&self, columns: &[Column], rows: &[usize]) -> Outcome_ {
        Function::core(self, columns, rows)
    }
}

fn waited(function: &str, r: &Row) -> Result<Waited, String> {
    let wait = secs(function, r.cell("f1").unwrap())?;
    Ok(if boolean(r.cell("b1").unwrap()) {
        Waited::Answered(wait)
    } else {
        Waited::Abandoned(wait)
    })
}

fn wait_mean(
    t: &WaitTally,
    m: Result<cxkpi::MeanDuration, cxkpi::Error>,
) -> Result<Option<(Figure, u64)>, cxkpi::Error> {
    let _ = t;
    match m {
        Ok(m) => Ok(Some((Figure::Number(m.secs()), m.count()))),
        Err(e) if e.kind() == cxkpi::ErrorKind::Empty => Ok(None),
        Err(e) => Err(e),
    }
}

fn five() -> ShortAbandons {
    ShortAbandons::below_secs(5.0).unwrap()
}

#[allow(clippy::too_many_lines)]
fn counting() -> Vec<Box<dyn Check>> {
    vec![
        Box::new(Function {
            name: "nps",
            call: "nps(i)",
            reads: &["i"],
            empty: NpsTally::new,
            record: |t, r| {
                let v = int("nps", r.cell("i").unwrap())?;
                let rating = NpsRating::try_from(v).map_err(|e| says("nps", &e))?;
                t.try_record(rating).map_err(|e| says("nps", &e))
            },
            figure: |t| mean(t.nps().map(|n| n.score()), t.len()),
        }),
        Box::new(Function {
            name: "csat",
            call: "csat(k, 1, 5, 4)",
            reads: &["k"],
            empty: || CsatTally::new(CsatRule::new(Scale::ONE_TO_FIVE, 4).unwrap()),
            record: |t, r| {
                let v = int("csat", r.cell("k").unwrap())?;
                let s = Scale::ONE_TO_FIVE
                    .score_i64(v)
                    .map_err(|e| says("csat", &e))?;
                t.try_record(s).map_err(|e| says("csat", &e))
            },
            figure: |t| rate(t.csat()),
        }),
        Box::new(Function {
            name: "ces",
            call: "ces(k, 1, 7)",
            reads: &["k"],
            empty: || CesTally::new(Scale::from_i64(1, 7).unwrap()),
            record: |t, r| {
                let v = int("ces", r.cell("k").unwrap())?;
                let s = Scale::from_i64(1, 7)
                    .unwrap()
                    .score_i64(v)
                    .map_err(|e| says("ces", &e))?;
                t.try_record(s).map_err(|e| says("ces", &e))
            },
            figure: |t| mean(t.ces().map(|c| c.mean()), t.len()),
        }),
        Box::new(Function {
            name: "retention",
            call: "retention(s_status)",
            reads: &["s_status"],
            empty: RetentionTally::new,
            record: |t, r| {
                let status = match text(r.cell("s_status").unwrap()) {
                    "retained" => CustomerStatus::Retained,
                    "churned" => CustomerStatus::Churned,
                    "new" => CustomerStatus::New,
                    other => {
                        return Err(format!(
                            "retention: customer status {other:?} is out of range"
                        ));
                    }
                };
                t.try_record(status).map_err(|e| says("retention", &e))
            },
            figure: |t| rate(t.retention()),
        }),
        Box::new(Function {
            name: "abandonment",
            call: "abandonment(b1, f1, 5)",
            reads: &["b1", "f1"],
            empty: AbandonmentTally::new,
            record: |t, r| {
                let wait = secs("abandonment", r.cell("f1").unwrap())?;
                let outcome = if boolean(r.cell("b1").unwrap()) {
                    Outcome::Answered
                } else {
                    Outcome::abandoned_after(wait, five())
                };
                t.try_record(outcome).map_err(|e| says("abandonment", &e))
            },
            figure: |t| rate(t.abandonment()),
        }),
        Box::new(Function {
            name: "fcr",
            call: "fcr(k)",
            reads: &["k"],
            empty: FcrTally::new,
            record: |t, r| {
                let v = int("fcr", r.cell("k").unwrap())?;
                let res = Resolution::try_from(v).map_err(|e| says("fcr", &e))?;
                t.try_record(res).map_err(|e| says("fcr", &e))
            },
            figure: |t| rate(t.fcr()),
        }),
        Box::new(Function {
            name: "escalation",
            call: "escalation(b2)",
            reads: &["b2"],
            empty: EscalationTally::new,
            record: |t, r| {
                let h = if boolean(r.cell("b2").unwrap()) {
                    Handling::Escalated
                } else {
                    Handling::Contained
                };
                t.try_record(h).map_err(|e| says("escalation", &e))
            },
            figure: |t| rate(t.escalation()),
        }),
        Box::new(Function {
            name: "aht",
            call: "aht(f1, f2, f3)",
            reads: &["f1", "f2", "f3"],
            empty: AhtTally::new,
            record: |t, r| {
                let [a, b, c] = ["f1", "f2", "f3"].map(|n| float(r.cell(n).unwrap()));
                let h = HandleTime::from_secs(a, b, c).map_err(|e| says("aht", &e))?;
                t.try_record(h).map_err(|e| says("aht", &e))
            },
            figure: |t| mean(t.aht().map(|a| a.secs()), t.len()),
        }),
        Box::new(Function {
            name: "asa",
            call: "asa(f1, b1)",
            reads: &["f1", "b1"],
            empty: WaitTally::new,
            record: |t, r| t.try_record(waited("asa", r)?).map_err(|e| says("asa", &e)),
            figure: |t| wait_mean(t, t.asa()),
        }),
        Box::new(Function {
            name: "mean_wait",
            call: "mean_wait(f1, b1)",
            reads: &["f1", "b1"],
            empty: WaitTally::new,
            record: |t, r| {
                t.try_record(waited("mean_wait", r)?)
                    .map_err(|e| says("mean_wait", &e))
            },
            figure: |t| wait_mean(t, t.average_wait()),
        }),
        Box::new(Function {
            name: "time_to_abandon",
            call: "time_to_abandon(f1, b1)",
            reads: &["f1", "b1"],
            empty: WaitTally::new,
            record: |t, r| {
                t.try_record(waited("time_to_abandon", r)?)
                    .map_err(|e| says("time_to_abandon", &e))
            },
            figure: |t| wait_mean(t, t.time_to_abandon()),
        }),
        Box::new(Function {
            name: "service_level",
            call: "service_level(f1, b1, 20, 'count_against', 5)",
            reads: &["f1", "b1"],
            empty: || ServiceLevelTally::with_threshold_secs(20.0, five()).unwrap(),
            record: |t, r| {
                t.try_record(waited("service_level", r)?)
                    .map_err(|e| says("service_level", &e))
            },
            figure: |t| {
                if t.is_empty()? {
                    return Ok(None);
                }
                rate(t.service_level(AbandonTreatment::CountAgainst))
            },
        }),
        Box::new(Function {
            name: "cost_per_unit",
            call: "cost_per_unit(m)",
            reads: &["m"],
            empty: CostTally::new,
            record: |t, r| {
                let m = money("cost_per_unit", r.cell("m").unwrap())?;
                t.try_record(m).map_err(|e| says("cost_per_unit", &e))
            },
            figure: |t| match t.cost_per_unit() {
                Ok(c) => Ok(Some((Figure::Text(c.to_string()), t.len()?))),
                Err(e) if e.kind() == cxkpi::ErrorKind::Empty => Ok(None),
                Err(e) => Err(e),
            },
        }),
        Box::new(Function {
            name: "duration_quantile",
            call: "duration_quantile(f2, 0.5)",
            reads: &["f2"],
            empty: DurationSample::new,
            record: |t, r| {
                let d = secs("duration_quantile", r.cell("f2").unwrap())?;
                t.try_record(d).map_err(|e| says("duration_quantile", &e))
            },
            figure: |t| mean(t.quantile(Quantile::new(0.5).unwrap()), t.len()),
        }),
        Box::new(Function {
            name: "duration_quantile_sketch",
            call: "duration_quantile_sketch(f2, 0.9)",
            reads: &["f2"],
            empty: || DurationSketch::new(RelativeAccuracy::ONE_PERCENT),
            record: |t, r| {
                let d = secs("duration_quantile_sketch", r.cell("f2").unwrap())?;
                t.try_record(d)
                    .map_err(|e| says("duration_quantile_sketch", &e))
            },
            figure: |t| mean(t.quantile(Quantile::P90), t.len()),
        }),
    ]
}

#[allow(clippy::too_many_lines)]
fn later() -> Vec<Box<dyn Check>> {
    vec![
        Box::new(Function {
            name: "deadline_met",
            call: "deadline_met(f1, f2, 'resolution', b2)",
            reads: &["f1", "f2", "b2"],
            empty: || DeadlineTally::new(DeadlineKind::Resolution),
            record: |t, r| {
                let e = secs("deadline_met", r.cell("f1").unwrap())?;
                let target = secs("deadline_met", r.cell("f2").unwrap())?;
                let d = if boolean(r.cell("b2").unwrap()) {
                    Deadline::open(target, e)
                } else {
                    Deadline::new(target, e)
                };
                let d = d.map_err(|e| says("deadline_met", &e))?;
                t.try_record(d).map_err(|e| says("deadline_met", &e))
            },
            figure: |t| rate(t.share_met()),
        }),
        Box::new(Function {
            name: "reopen_rate",
            call: "reopen_rate(k)",
            reads: &["k"],
            empty: ReopenTally::new,
            record: |t, r| {
                let v = int("reopen_rate", r.cell("k").unwrap())?;
                let n = u32_count("reopen_rate", "reopenings of a ticket", v, 0)?;
                t.try_record(Reopens::new(n))
                    .map_err(|e| says("reopen_rate", &e))
            },
            figure: |t| rate(t.reopen_rate()),
        }),
        Box::new(Function {
            name: "messages_before_reply",
            call: "messages_before_reply(k)",
            reads: &["k"],
            empty: MessagesBeforeReplyTally::new,
            record: |t, r| {
                let f = "messages_before_reply";
                let v = int(f, r.cell("k").unwrap())?;
                let n = u32_count(f, "customer messages before the first reply", v, 1)?;
                let m = MessagesBeforeReply::new(n).map_err(|e| says(f, &e))?;
                t.try_record(m).map_err(|e| says(f, &e))
            },
            figure: |t| mean(t.mean(), t.len()),
        }),
        Box::new(Function {
            name: "backlog_ageing",
            call: "backlog_ageing(f3)",
            reads: &["f3"],
            empty: || BacklogAgeing::new(AgeBuckets::standard()),
            record: |t, r| {
                let d = secs("backlog_ageing", r.cell("f3").unwrap())?;
                t.try_record(d).map_err(|e| says("backlog_ageing", &e))
            },
            figure: |t| {
                Ok(t.oldest()?
                    .map(|o| (Figure::Number(o.as_secs_f64()), t.len().unwrap_or(0))))
            },
        }),
        Box::new(Function {
            name: "survey_response_rate",
            call: "survey_response_rate(b1)",
            reads: &["b1"],
            empty: SurveyResponseTally::new,
            record: |t, r| {
                let o = if boolean(r.cell("b1").unwrap()) {
                    SurveyOutcome::Answered
                } else {
                    SurveyOutcome::Unanswered
                };
                t.try_record(o)
                    .map_err(|e| says("survey_response_rate", &e))
            },
            figure: |t| rate(t.response_rate()),
        }),
        Box::new(Function {
            name: "reachability",
            call: "reachability(b2, k, 2)",
            reads: &["b2", "k"],
            empty: ReachabilityTally::new,
            record: |t, r| {
                let f = "reachability";
                let v = int(f, r.cell("k").unwrap())?;
                let made = u32_count(f, "attempts made", v, 1)?;
                let a = if boolean(r.cell("b2").unwrap()) {
                    Attempts::reached_on(made)
                } else {
                    Attempts::unreached(made)
                };
                t.try_record(a.map_err(|e| says(f, &e))?)
                    .map_err(|e| says(f, &e))
            },
            figure: |t| rate(t.reached_within(2)),
        }),
        Box::new(Function {
            name: "occupancy",
            call: "occupancy(s_agent, f3)",
            reads: &["s_agent", "f3"],
            empty: AgentTime::new,
            record: |t, r| span("occupancy", t, r),
            figure: |t| time_share(t.occupancy(), t.len()),
        }),
        Box::new(Function {
            name: "utilisation",
            call: "utilisation(s_agent, f3)",
            reads: &["s_agent", "f3"],
            empty: AgentTime::new,
            record: |t, r| span("utilisation", t, r),
            figure: |t| time_share(t.utilisation(), t.len()),
        }),
        Box::new(Function {
            name: "turnover",
            call: "turnover(s_tenure)",
            reads: &["s_tenure"],
            empty: TurnoverTally::new,
            record: |t, r| {
                let tenure = match text(r.cell("s_tenure").unwrap()) {
                    "stayed" => Tenure::Stayed,
                    "joined" => Tenure::Joined,
                    "left" => Tenure::Left,
                    "joined_and_left" => Tenure::JoinedAndLeft,
                    other => return Err(format!("turnover: tenure {other:?} is unknown")),
                };
                t.try_record(tenure).map_err(|e| says("turnover", &e))
            },
            figure: |t| match t.turnover() {
                Ok(x) => Ok(Some((Figure::Number(x.percent()), t.len()?))),
                Err(e) if e.kind() == cxkpi::ErrorKind::Empty => Ok(None),
                Err(e) => Err(e),
            },
        }),
    ]
}

fn span(function: &str, t: &mut AgentTime, r: &Row) -> Result<(), String> {
    let name = text(r.cell("s_agent").unwrap());
    let Some(state) = AgentState::ALL.into_iter().find(|s| s.as_str() == name) else {
        return Err(format!("{function}: agent state {name:?} is unknown"));
    };
    let d = secs(function, r.cell("f3").unwrap())?;
    t.try_record(StateSpan::new(state, d))
        .map_err(|e| says(function, &e))
}

fn time_share(
    share: Result<cxkpi::TimeShare, cxkpi::Error>,
    n: Result<u64, cxkpi::Error>,
) -> Result<Option<(Figure, u64)>, cxkpi::Error> {
    match share {
        Ok(s) => Ok(Some((Figure::Number(s.percent()), n?))),
        Err(e) if e.kind() == cxkpi::ErrorKind::Empty => Ok(None),
        Err(e) => Err(e),
    }
}

/// The table of `columns`, in `partitions` partitions of batches of `batch` rows.
fn table(ctx: &SessionContext, columns: &[Column], partitions: usize, batch: usize) {
    let schema = Arc::new(Schema::new(
        columns
            .iter()
            .map(|c| Field::new(c.name, c.array.data_type().clone(), true))
            .collect::<Vec<_>>(),
    ));
    let all = RecordBatch::try_new(
        schema.clone(),
        columns.iter().map(|c| c.array.clone()).collect(),
    )
    .unwrap();
    let rows = all.num_rows();
    let per = rows.div_ceil(partitions).max(1);
    let parts: Vec<Vec<RecordBatch>> = (0..partitions)
        .map(|p| {
            let (start, end) = ((p * per).min(rows), ((p + 1) * per).min(rows));
            (start..end)
                .step_by(batch)
                .map(|s| all.slice(s, batch.min(end - s)))
                .collect()
        })
        .collect();
    ctx.register_table("t", Arc::new(MemTable::try_new(schema, parts).unwrap()))
        .unwrap();
}

/// The figure and `n` of the struct in column `column`, row `row`.
fn sql_figure(batch: &RecordBatch, column: usize, row: usize) -> Option<(Figure, u64)> {
    let s = batch.column(column).as_struct();
    if s.is_null(row) {
        return None;
    }
    let value = s.column_by_name("value").unwrap();
    let figure = match value.data_type() {
        DataType::Utf8 => Figure::Text(value.as_string::<i32>().value(row).to_owned()),
        _ => Figure::Number(value.as_primitive::<Float64Type>().value(row)),
    };
    let n = s
        .column_by_name("n")
        .unwrap()
        .as_primitive::<UInt64Type>()
        .value(row);
    Some((figure, n))
}

async fn run(ctx: &SessionContext, sql: &str) -> Result<RecordBatch, String> {
    let df = ctx.sql(sql).await.map_err(|e| e.to_string())?;
    let batches = df.collect().await.map_err(|e| e.to_string())?;
    let schema = batches
        .first()
        .map_or_else(|| Arc::new(Schema::empty()), RecordBatch::schema);
    Ok(datafusion::arrow::compute::concat_batches(&schema, &batches).unwrap())
}

/// The core's outcome of `function` on the case's rows: one per group (or
/// one for the table), with its group.
fn expected(case: &Case, columns: &[Column], function: &dyn Check) -> Vec<(i64, Outcome_)> {
    let all: Vec<usize> = (0..case.rows).collect();
    if !case.grouped {
        return vec![(0, function.core(columns, &all))];
    }
    let mut groups: Vec<i64> = case.groups.clone();
    groups.sort_unstable();
    groups.dedup();
    groups
        .iter()
        .map(|&g| {
            let rows: Vec<usize> = all
                .iter()
                .copied()
                .filter(|&r| case.groups[r] == g)
                .collect();
            (g, function.core(columns, &rows))
        })
        .collect()
}

/// The query of `calls` on the case's table.
fn select(case: &Case, calls: &[&str]) -> String {
    if case.grouped {
        format!(
            "SELECT g, {} FROM t GROUP BY g ORDER BY g",
            calls.join(", ")
        )
    } else {
        format!("SELECT {} FROM t", calls.join(", "))
    }
}

/// Checks every function on the case's table: those the core computes in one
/// query, each against the core's figures; each of the others alone, a query
/// error that carries one of the core's messages.
async fn check(
    ctx: &SessionContext,
    case: &Case,
    columns: &[Column],
    functions: &[Box<dyn Check>],
) {
    let outcomes: Vec<Vec<(i64, Outcome_)>> = functions
        .iter()
        .map(|f| expected(case, columns, f.as_ref()))
        .collect();
    let mut computed = Vec::new();
    for (function, outcome) in functions.iter().zip(&outcomes) {
        let errors: Vec<String> = outcome
            .iter()
            .filter_map(|(_, e)| e.as_ref().err())
            .flatten()
            .cloned()
            .collect();
        if errors.is_empty() {
            computed.push((function, outcome));
            continue;
        }
        let sql = select(case, &[function.call()]);
        match run(ctx, &sql).await {
            Err(message) => assert!(
                errors.iter().any(|e| message.contains(e.as_str())),
                "{sql}: error {message:?}, the core gave {errors:?}"
            ),
            Ok(_) => panic!("{sql}: no error, the core gave {errors:?}"),
        }
    }
    if computed.is_empty() {
        return;
    }
    let calls: Vec<&str> = computed.iter().map(|(f, _)| f.call()).collect();
    let sql = select(case, &calls);
    let batch = match run(ctx, &sql).await {
        Ok(batch) => batch,
        Err(message) => panic!("{sql}: error {message:?}, the core gave figures"),
    };
    let first = usize::from(case.grouped);
    for (column, (function, outcome)) in computed.iter().enumerate() {
        assert_eq!(batch.num_rows(), outcome.len(), "{sql}");
        for (row, (g, want)) in outcome.iter().enumerate() {
            if case.grouped {
                assert_eq!(batch.column(0).as_primitive::<Int64Type>().value(row), *g);
            }
            let want = want.as_ref().unwrap();
            let got = sql_figure(&batch, first + column, row);
            let same = match (&got, want) {
                (Some((Figure::Number(value), n)), Some((Figure::Number(core), core_n))) => {
                    value.to_bits() == core.to_bits() && n == core_n
                }
                _ => got == *want,
            };
            assert!(
                same,
                "{}, group {g}: {got:?}, the core {want:?}",
                function.call()
            );
        }
    }
}

fn session(c: &Case) -> SessionContext {
    let mut config = SessionConfig::new()
        .with_target_partitions(c.partitions)
        .with_batch_size(c.batch.max(2));
    if c.skip_partial {
        // Partial aggregation given up at once: rows go straight to states
        // (`convert_to_state`).
        let options = config.options_mut();
        options
            .execution
            .skip_partial_aggregation_probe_rows_threshold = 1;
        options
            .execution
            .skip_partial_aggregation_probe_ratio_threshold = 0.0;
    }
    let ctx = SessionContext::new_with_config(config);
    cxkpi_datafusion::register_all(&ctx);
    ctx
}

proptest! {
    // No regression file: a finding becomes a named test of its own.
    #![proptest_config(ProptestConfig {
        // 48 cases by default (about 20 s in a debug build); more with
        // PROPTEST_CASES=n for a longer search.
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(48),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_function_on_arbitrary_arrays_is_the_core_or_its_error(c in case()) {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let columns = columns(&c);
        let ctx = session(&c);
        table(&ctx, &columns, c.partitions, c.batch);
        let functions: Vec<Box<dyn Check>> = counting().into_iter().chain(later()).collect();
        // Every function of the crate is checked here.
        let mut names: Vec<&str> = functions.iter().map(|f| f.name()).collect();
        names.sort_unstable();
        let mut registered: Vec<String> =
            cxkpi_datafusion::udafs().iter().map(|u| u.name().to_owned()).collect();
        registered.sort_unstable();
        prop_assert_eq!(names, registered.iter().map(String::as_str).collect::<Vec<_>>());
        runtime.block_on(check(&ctx, &c, &columns, &functions));
    }
}

/// A number as a SQL literal: non-finite ones through a cast of text.
fn float_literal(x: f64) -> String {
    if x.is_finite() {
        format!("{x:?}")
    } else {
        format!("CAST('{x}' AS DOUBLE)")
    }
}

fn literal_floats() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(-1.0),
        Just(0.5),
        Just(20.0),
        Just(1.0),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(1e300),
        Just(5e-324),
        any::<f64>(),
    ]
}

fn literal_ints() -> impl Strategy<Value = i64> {
    prop_oneof![
        -3_i64..12,
        Just(255),
        Just(256),
        Just(i64::from(i32::MAX)),
        Just(i64::from(u32::MAX) + 1),
        Just(i64::MAX),
        Just(i64::MIN + 1),
    ]
}

fn literal_names() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("count_against".to_owned()),
        Just("short_as_met".to_owned()),
        Just("resolution".to_owned()),
        Just("next_reply".to_owned()),
        Just("2,5,10,30".to_owned()),
        Just("1, 7".to_owned()),
        Just("5,2".to_owned()),
        Just(String::new()),
        Just("0".to_owned()),
        Just("4294967296".to_owned()),
        "[a-z_, 0-9]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(32),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// The literal parameters, arbitrary: a figure, or an error naming the
    /// function (at planning or execution), never a panic.
    #[test]
    fn arbitrary_parameters_are_a_figure_or_an_error_naming_the_function(
        ints in vec(literal_ints(), 3),
        floats in vec(literal_floats(), 2),
        names in vec(literal_names(), 2),
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(2));
        cxkpi_datafusion::register_all(&ctx);
        let (a, b, c) = (ints[0], ints[1], ints[2]);
        let (x, y) = (float_literal(floats[0]), float_literal(floats[1]));
        let (name, text) = (&names[0], &names[1]);
        let calls = [
            ("csat", format!("csat(k, {a}, {b}, {c})")),
            ("ces", format!("ces(k, {a}, {b})")),
            ("abandonment", format!("abandonment(b, f, {x})")),
            ("service_level", format!("service_level(f, b, {x}, '{name}', {y})")),
            ("service_level", format!("service_level(f, b, {y}, '{text}')")),
            ("duration_quantile", format!("duration_quantile(f, {x})")),
            ("duration_quantile_sketch", format!("duration_quantile_sketch(f, {x}, {y})")),
            ("deadline_met", format!("deadline_met(f, f + 1, '{name}', b)")),
            ("backlog_ageing", format!("backlog_ageing(f, '{text}')")),
            ("reachability", format!("reachability(b, k, {a})")),
        ];
        runtime.block_on(async {
            for (function, call) in &calls {
                let sql = format!(
                    "SELECT g, {call} FROM (VALUES (1, 3, 2.5, true), (2, 4, 30.0, false), \
                     (1, 5, 0.0, false)) AS t(g, k, f, b) GROUP BY g"
                );
                if let Err(message) = run(&ctx, &sql).await {
                    let named = message.contains(&format!("{function}: "))
                        || message.contains(&format!("{function} takes"));
                    assert!(named, "{sql}: {message}");
                    assert!(!message.contains("panicked"), "{sql}: {message}");
                }
            }
        });
    }
}
