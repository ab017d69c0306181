//! The functions of the tallies added after the first set (deadlines,
//! reopens, messages before reply, backlog ageing, survey response,
//! reachability, occupancy, utilisation, turnover) against the core on the
//! same rows, through the two-phase path and the one-group accumulator; their
//! empty groups and their errors.

use std::sync::Arc;

use cxkpi::{AgeBuckets, AgentState, AgentTime, StateSpan};
use cxkpi::{
    Attempts, BacklogAgeing, Deadline, DeadlineKind, DeadlineTally, Lateness, MessagesBeforeReply,
    MessagesBeforeReplyTally, Rate, ReachabilityTally, ReopenTally, Reopens, SurveyOutcome,
    SurveyResponseTally, Tally, Tenure, TurnoverTally, try_seconds,
};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema, UInt64Type};

use crate::common::{ctx, error, f64_at, i64s, query, register, structs, u64_at};

const GROUPS: i64 = 5;

/// One row of the test table: every function's columns.
#[derive(Clone)]
struct Row {
    g: i64,
    elapsed: f64,
    target: f64,
    open: bool,
    reopens: i64,
    messages: i64,
    age: f64,
    answered: bool,
    reached: bool,
    attempts: i64,
    state: &'static str,
    secs: f64,
    tenure: &'static str,
}

fn rows(n: usize) -> Vec<Row> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % m
    };
    (0..n)
        .map(|_| Row {
            g: i64::try_from(next(5)).unwrap(),
            elapsed: next(20_000) as f64 * 0.5,
            target: [3600.0, 1800.0, 7200.0][usize::try_from(next(3)).unwrap()],
            open: next(5) == 0,
            reopens: i64::try_from(next(8).saturating_sub(5)).unwrap(),
            messages: i64::try_from(next(4) + 1).unwrap(),
            age: next(40 * 86_400) as f64 + 0.25,
            answered: next(3) == 0,
            reached: next(4) != 0,
            attempts: i64::try_from(next(4) + 1).unwrap(),
            state: ["handling", "available", "away", "logged_out"]
                [usize::try_from(next(4)).unwrap()],
            secs: next(3600) as f64 * 0.25,
            tenure: ["stayed", "stayed", "joined", "left", "joined_and_left"]
                [usize::try_from(next(5)).unwrap()],
        })
        .collect()
}

fn batch(rows: &[Row]) -> RecordBatch {
    let f = |name: &str, t: DataType| Field::new(name, t, false);
    let schema = Schema::new(vec![
        f("g", DataType::Int64),
        f("elapsed", DataType::Float64),
        f("target", DataType::Float64),
        f("open", DataType::Boolean),
        f("reopens", DataType::Int64),
        f("messages", DataType::Int64),
        f("age", DataType::Float64),
        f("answered", DataType::Boolean),
        f("reached", DataType::Boolean),
        f("attempts", DataType::Int64),
        f("state", DataType::Utf8),
        f("secs", DataType::Float64),
        f("tenure", DataType::Utf8),
    ]);
    let ints =
        |v: fn(&Row) -> i64| -> ArrayRef { Arc::new(rows.iter().map(v).collect::<Int64Array>()) };
    let floats =
        |v: fn(&Row) -> f64| -> ArrayRef { Arc::new(rows.iter().map(v).collect::<Float64Array>()) };
    let bools = |v: fn(&Row) -> bool| -> ArrayRef {
        Arc::new(rows.iter().map(|r| Some(v(r))).collect::<BooleanArray>())
    };
    let texts = |v: fn(&Row) -> &'static str| -> ArrayRef {
        Arc::new(rows.iter().map(|r| Some(v(r))).collect::<StringArray>())
    };
    let columns = vec![
        ints(|r| r.g),
        floats(|r| r.elapsed),
        floats(|r| r.target),
        bools(|r| r.open),
        ints(|r| r.reopens),
        ints(|r| r.messages),
        floats(|r| r.age),
        bools(|r| r.answered),
        bools(|r| r.reached),
        ints(|r| r.attempts),
        texts(|r| r.state),
        floats(|r| r.secs),
        texts(|r| r.tenure),
    ];
    RecordBatch::try_new(Arc::new(schema), columns).unwrap()
}

/// The core's tallies of one group.
struct Core {
    deadlines: DeadlineTally,
    reopens: ReopenTally,
    messages: MessagesBeforeReplyTally,
    ageing: BacklogAgeing,
    surveys: SurveyResponseTally,
    reach: ReachabilityTally,
    agents: AgentTime,
    turnover: TurnoverTally,
}

fn core(rows: &[Row]) -> Core {
    let mut c = Core {
        deadlines: DeadlineTally::new(DeadlineKind::FirstResponse),
        reopens: ReopenTally::new(),
        messages: MessagesBeforeReplyTally::new(),
        ageing: BacklogAgeing::new(AgeBuckets::standard()),
        surveys: SurveyResponseTally::new(),
        reach: ReachabilityTally::new(),
        agents: AgentTime::new(),
        turnover: TurnoverTally::new(),
    };
    for r in rows {
        let (target, elapsed) = (
            try_seconds(r.target).unwrap(),
            try_seconds(r.elapsed).unwrap(),
        );
        let deadline = if r.open {
            Deadline::open(target, elapsed)
        } else {
            Deadline::new(target, elapsed)
        };
        c.deadlines.try_record(deadline.unwrap()).unwrap();
        c.reopens
            .try_record(Reopens::new(u32::try_from(r.reopens).unwrap()))
            .unwrap();
        c.messages
            .try_record(MessagesBeforeReply::new(u32::try_from(r.messages).unwrap()).unwrap())
            .unwrap();
        c.ageing.try_record(try_seconds(r.age).unwrap()).unwrap();
        c.surveys
            .try_record(if r.answered {
                SurveyOutcome::Answered
            } else {
                SurveyOutcome::Unanswered
            })
            .unwrap();
        let made = u32::try_from(r.attempts).unwrap();
        c.reach
            .try_record(if r.reached {
                Attempts::reached_on(made).unwrap()
            } else {
                Attempts::unreached(made).unwrap()
            })
            .unwrap();
        let state = AgentState::ALL
            .into_iter()
            .find(|s| s.as_str() == r.state)
            .unwrap();
        c.agents
            .try_record(StateSpan::new(state, try_seconds(r.secs).unwrap()))
            .unwrap();
        c.turnover
            .try_record(match r.tenure {
                "stayed" => Tenure::Stayed,
                "joined" => Tenure::Joined,
                "left" => Tenure::Left,
                _ => Tenure::JoinedAndLeft,
            })
            .unwrap();
    }
    c
}

const SELECT: &str = "deadline_met(elapsed, target, 'first_response', open), \
     reopen_rate(reopens), messages_before_reply(messages), backlog_ageing(age), \
     survey_response_rate(answered), reachability(reached, attempts, 2), \
     occupancy(state, secs), utilisation(state, secs), turnover(tenure), \
     deadline_met(elapsed, target, 'resolution'), backlog_ageing(age, '1, 7')";

fn rate(batch: &RecordBatch, column: usize, row: usize, r: Rate) {
    assert_eq!(
        f64_at(batch, column, "value", row),
        Some(r.percent()),
        "column {column}"
    );
    assert_eq!(
        u64_at(batch, column, "part", row),
        Some(r.part()),
        "column {column}"
    );
    assert_eq!(
        u64_at(batch, column, "n", row),
        Some(r.whole()),
        "column {column}"
    );
}

fn counts(batch: &RecordBatch, column: usize, row: usize) -> Vec<u64> {
    let list = structs(batch, column)
        .column_by_name("counts")
        .unwrap()
        .as_list::<i32>();
    list.value(row)
        .as_primitive::<UInt64Type>()
        .values()
        .to_vec()
}

/// Checks row `row` of `batch` (columns from `first`) against the core.
fn check(batch: &RecordBatch, row: usize, first: usize, rows: &[Row]) {
    let c = core(rows);
    let d = &c.deadlines;
    rate(batch, first, row, d.share_met().unwrap());
    assert_eq!(
        u64_at(batch, first, "missed", row),
        Some(d.missed().unwrap())
    );
    assert_eq!(
        u64_at(batch, first, "missed_open", row),
        Some(d.missed_open().unwrap())
    );
    assert_eq!(
        u64_at(batch, first, "pending", row),
        Some(d.pending().unwrap())
    );
    assert_eq!(
        u64_at(batch, first, "late_over_100_percent", row),
        Some(d.missed_by(Lateness::Over100Percent).unwrap())
    );
    assert_eq!(
        u64_at(batch, first, "late_up_to_10_percent", row),
        Some(d.missed_by(Lateness::UpTo10Percent).unwrap())
    );
    rate(batch, first + 1, row, c.reopens.reopen_rate().unwrap());
    assert_eq!(
        u64_at(batch, first + 1, "reopenings", row),
        Some(c.reopens.reopenings().unwrap())
    );
    assert_eq!(
        f64_at(batch, first + 1, "reopenings_per_resolved", row),
        Some(c.reopens.reopenings_per_resolved().unwrap())
    );
    assert_eq!(
        f64_at(batch, first + 2, "value", row),
        Some(c.messages.mean().unwrap())
    );
    assert_eq!(
        u64_at(batch, first + 2, "n", row),
        Some(c.messages.len().unwrap())
    );
    assert_eq!(
        f64_at(batch, first + 3, "value", row),
        Some(c.ageing.oldest().unwrap().unwrap().as_secs_f64())
    );
    assert_eq!(
        u64_at(batch, first + 3, "n", row),
        Some(c.ageing.len().unwrap())
    );
    assert_eq!(counts(batch, first + 3, row), c.ageing.counts().unwrap());
    rate(batch, first + 4, row, c.surveys.response_rate().unwrap());
    rate(batch, first + 5, row, c.reach.reached_within(2).unwrap());
    assert_eq!(
        u64_at(batch, first + 5, "attempts", row),
        Some(c.reach.attempts().unwrap())
    );
    assert_eq!(
        f64_at(batch, first + 5, "attempts_per_target", row),
        Some(c.reach.attempts_per_target().unwrap())
    );
    let occupancy = c.agents.occupancy().unwrap();
    assert_eq!(
        f64_at(batch, first + 6, "value", row),
        Some(occupancy.percent())
    );
    assert_eq!(
        u64_at(batch, first + 6, "n", row),
        Some(c.agents.len().unwrap())
    );
    assert_eq!(
        f64_at(batch, first + 6, "whole", row),
        Some(occupancy.whole_ns() as f64 / 1e9)
    );
    let utilisation = c.agents.utilisation().unwrap();
    assert_eq!(
        f64_at(batch, first + 7, "value", row),
        Some(utilisation.percent())
    );
    assert_eq!(
        f64_at(batch, first + 7, "part", row),
        Some(utilisation.part_ns() as f64 / 1e9)
    );
    let turnover = c.turnover.turnover().unwrap();
    assert_eq!(
        f64_at(batch, first + 8, "value", row),
        Some(turnover.percent())
    );
    assert_eq!(
        u64_at(batch, first + 8, "leavers", row),
        Some(turnover.leavers())
    );
    assert_eq!(
        u64_at(batch, first + 8, "n", row),
        Some(c.turnover.len().unwrap())
    );
    assert_eq!(
        f64_at(batch, first + 8, "average_headcount", row),
        Some(turnover.average_headcount())
    );
    check_variants(batch, row, first, rows);
}

/// The variants of the query: deadlines without the `open` column (every
/// one done), other age buckets.
fn check_variants(batch: &RecordBatch, row: usize, first: usize, rows: &[Row]) {
    let mut done = DeadlineTally::new(DeadlineKind::Resolution);
    let mut ageing = BacklogAgeing::new(AgeBuckets::days(&[1, 7]).unwrap());
    for r in rows {
        let (target, elapsed) = (
            try_seconds(r.target).unwrap(),
            try_seconds(r.elapsed).unwrap(),
        );
        done.try_record(Deadline::new(target, elapsed).unwrap())
            .unwrap();
        ageing.try_record(try_seconds(r.age).unwrap()).unwrap();
    }
    rate(batch, first + 9, row, done.share_met().unwrap());
    assert_eq!(u64_at(batch, first + 9, "pending", row), Some(0));
    assert_eq!(counts(batch, first + 10, row), ageing.counts().unwrap());
}

#[tokio::test]
async fn group_by_equals_the_core_through_partial_states() {
    let rows = rows(4000);
    let ctx = ctx(4);
    register(&ctx, "t", &batch(&rows), 5).unwrap();
    let plan = query(
        &ctx,
        &format!("EXPLAIN SELECT g, {SELECT} FROM t GROUP BY g"),
    )
    .await
    .unwrap();
    let text = datafusion::arrow::util::pretty::pretty_format_batches(&[plan])
        .unwrap()
        .to_string();
    assert!(text.contains("mode=Partial"), "{text}");
    assert!(
        text.contains("RepartitionExec: partitioning=Hash"),
        "{text}"
    );
    let result = query(
        &ctx,
        &format!("SELECT g, {SELECT} FROM t GROUP BY g ORDER BY g"),
    )
    .await
    .unwrap();
    assert_eq!(i64s(&result, 0), (0..GROUPS).collect::<Vec<_>>());
    for g in 0..GROUPS {
        let group: Vec<Row> = rows.iter().filter(|r| r.g == g).cloned().collect();
        check(&result, usize::try_from(g).unwrap(), 1, &group);
    }
}

#[tokio::test]
async fn one_group_equals_the_core_through_merged_partitions() {
    let rows = rows(2500);
    let ctx = ctx(3);
    register(&ctx, "t", &batch(&rows), 4).unwrap();
    let result = query(&ctx, &format!("SELECT {SELECT} FROM t"))
        .await
        .unwrap();
    check(&result, 0, 0, &rows);
}

#[tokio::test]
async fn empty_groups_and_undefined_figures_are_null() {
    let ctx = ctx(2);
    let r = query(
        &ctx,
        &format!(
            "SELECT {SELECT} FROM (VALUES (0, 1.0, 2.0, false, 0, 1, 1.0, true, true, 1, \
             'away', 1.0, 'stayed')) AS t(g, elapsed, target, open, reopens, messages, age, \
             answered, reached, attempts, state, secs, tenure) WHERE g > 0"
        ),
    )
    .await
    .unwrap();
    assert_eq!(r.num_rows(), 1);
    for c in 0..r.num_columns() {
        assert!(r.column(c).is_null(0), "column {c}");
    }
    // Rows, but no denominator: only pending deadlines, only away time,
    // only people who joined and left.
    let r = query(
        &ctx,
        "SELECT deadline_met(e, 60, 'next_reply', true), occupancy('away', e), \
         utilisation('logged_out', e), turnover('joined_and_left') \
         FROM (VALUES (10.0), (20.0)) AS t(e)",
    )
    .await
    .unwrap();
    for c in 0..4 {
        assert!(r.column(c).is_null(0), "column {c}");
    }
    // Null rows are skipped: n counts the rest.
    let r = query(
        &ctx,
        "SELECT reopen_rate(x), survey_response_rate(x > 0), messages_before_reply(x + 1) \
         FROM (VALUES (1), (NULL), (0)) AS t(x)",
    )
    .await
    .unwrap();
    assert_eq!(u64_at(&r, 0, "n", 0), Some(2));
    assert_eq!(f64_at(&r, 0, "value", 0), Some(50.0));
    assert_eq!(u64_at(&r, 1, "n", 0), Some(2));
    assert_eq!(f64_at(&r, 2, "value", 0), Some(1.5));
}

#[tokio::test]
async fn bad_values_are_errors_with_the_cores_message() {
    let ctx = ctx(2);
    let cases: [(&str, String); 12] = [
        (
            "SELECT deadline_met(5, 0, 'first_response')",
            format!("deadline_met: {}", Deadline::new(std::time::Duration::ZERO, std::time::Duration::ZERO).unwrap_err()),
        ),
        (
            "SELECT deadline_met(-1, 10, 'resolution')",
            format!("deadline_met: {}", try_seconds(-1.0).unwrap_err()),
        ),
        (
            "SELECT deadline_met(1, 10, 'first reply')",
            "deadline kind \"first reply\" is unknown; allowed: first_response, next_reply, resolution".into(),
        ),
        (
            "SELECT reopen_rate(-1)",
            "reopen_rate: reopenings of a ticket -1 is out of range: it must be between 0 and 4294967295".into(),
        ),
        (
            "SELECT messages_before_reply(0)",
            format!("messages_before_reply: {}", MessagesBeforeReply::new(0).unwrap_err()),
        ),
        (
            "SELECT backlog_ageing(CAST('NaN' AS DOUBLE))",
            format!("backlog_ageing: {}", try_seconds(f64::NAN).unwrap_err()),
        ),
        (
            "SELECT backlog_ageing(1, '5, 2')",
            format!("backlog_ageing: {}", AgeBuckets::days(&[5, 2]).unwrap_err()),
        ),
        (
            "SELECT reachability(true, 0)",
            format!("reachability: {}", Attempts::reached_on(0).unwrap_err()),
        ),
        (
            "SELECT reachability(false, 0)",
            format!("reachability: {}", Attempts::unreached(0).unwrap_err()),
        ),
        (
            "SELECT occupancy('lunch', 60)",
            "occupancy: agent state \"lunch\" is unknown; allowed: handling, available, away, logged_out".into(),
        ),
        (
            "SELECT utilisation('away', -0.5)",
            format!("utilisation: {}", try_seconds(-0.5).unwrap_err()),
        ),
        (
            "SELECT turnover('retired')",
            "turnover: tenure \"retired\" is unknown; allowed: stayed, joined, left, joined_and_left".into(),
        ),
    ];
    for (sql, message) in cases {
        let e = error(&ctx, sql).await;
        assert!(e.contains(&message), "{sql}: {e} lacks {message}");
    }
}
