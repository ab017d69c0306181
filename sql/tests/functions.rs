//! Every function against the core's tallies on the same rows: identical
//! figures, through the two-phase path (partitions, repartition, state and
//! merge) and through the one-group accumulator.

use std::sync::Arc;
use std::time::Duration;

use cxkpi::time::Quantile;
use cxkpi::{
    AbandonTreatment, AbandonmentTally, AhtTally, CesTally, CostTally, CsatRule, CsatTally,
    CustomerStatus, EscalationTally, FcrTally, HandleTime, Handling, Merge, Money, NpsTally,
    Outcome, Resolution, RetentionTally, Scale, ServiceLevelTally, ShortAbandons, Tally, WaitTally,
    Waited,
};
use cxkpi::{DurationSample, DurationSketch, RelativeAccuracy};
use datafusion::arrow::array::{
    ArrayRef, AsArray, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema};

use crate::common::{ctx, f64_at, i64s, query, register, u64_at};

const GROUPS: i64 = 7;

/// One contact of the test table.
#[derive(Clone)]
struct Row {
    g: i64,
    score: i64,
    csat: i64,
    wait: f64,
    answered: bool,
    talk: f64,
    hold: f64,
    acw: f64,
    contacts: i64,
    escalated: bool,
    cost: String,
    status: &'static str,
}

fn rows(n: usize) -> Vec<Row> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % m
    };
    (0..n)
        .map(|_| Row {
            g: i64::try_from(next(7)).unwrap(),
            score: i64::try_from(next(11)).unwrap(),
            csat: i64::try_from(next(5) + 1).unwrap(),
            wait: next(240) as f64 * 0.5,
            answered: next(10) < 8,
            talk: next(600) as f64 + 0.25,
            hold: next(60) as f64,
            acw: next(90) as f64 * 0.5,
            contacts: i64::try_from(next(3) + 1).unwrap(),
            escalated: next(10) == 0,
            cost: format!("{}.{:02}", next(40), next(100)),
            status: ["retained", "retained", "churned", "new"][usize::try_from(next(4)).unwrap()],
        })
        .collect()
}

fn batch(rows: &[Row]) -> RecordBatch {
    let schema = Schema::new(vec![
        Field::new("g", DataType::Int64, false),
        Field::new("score", DataType::Int64, false),
        Field::new("csat", DataType::Int64, false),
        Field::new("wait", DataType::Float64, false),
        Field::new("answered", DataType::Boolean, false),
        Field::new("talk", DataType::Float64, false),
        Field::new("hold", DataType::Float64, false),
        Field::new("acw", DataType::Float64, false),
        Field::new("contacts", DataType::Int64, false),
        Field::new("escalated", DataType::Boolean, false),
        Field::new("cost", DataType::Utf8, false),
        Field::new("status", DataType::Utf8, false),
    ]);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(rows.iter().map(|r| r.g).collect::<Int64Array>()),
        Arc::new(rows.iter().map(|r| r.score).collect::<Int64Array>()),
        Arc::new(rows.iter().map(|r| r.csat).collect::<Int64Array>()),
        Arc::new(rows.iter().map(|r| r.wait).collect::<Float64Array>()),
        Arc::new(
            rows.iter()
                .map(|r| Some(r.answered))
                .collect::<BooleanArray>(),
        ),
        Arc::new(rows.iter().map(|r| r.talk).collect::<Float64Array>()),
        Arc::new(rows.iter().map(|r| r.hold).collect::<Float64Array>()),
        Arc::new(rows.iter().map(|r| r.acw).collect::<Float64Array>()),
        Arc::new(rows.iter().map(|r| r.contacts).collect::<Int64Array>()),
        Arc::new(
            rows.iter()
                .map(|r| Some(r.escalated))
                .collect::<BooleanArray>(),
        ),
        Arc::new(
            rows.iter()
                .map(|r| Some(r.cost.as_str()))
                .collect::<StringArray>(),
        ),
        Arc::new(rows.iter().map(|r| Some(r.status)).collect::<StringArray>()),
    ];
    RecordBatch::try_new(Arc::new(schema), columns).unwrap()
}

/// The core's tallies of one group.
#[derive(Default)]
struct Core {
    nps: NpsTally,
    csat: Option<CsatTally>,
    ces: Option<CesTally>,
    retention: RetentionTally,
    abandonment: AbandonmentTally,
    fcr: FcrTally,
    escalation: EscalationTally,
    aht: AhtTally,
    waits: WaitTally,
    sl: Option<ServiceLevelTally>,
    cost: CostTally,
    sample: DurationSample,
    sketch: Option<DurationSketch>,
}

fn core(rows: &[Row]) -> Core {
    let mut c = Core {
        csat: Some(CsatTally::new(
            CsatRule::new(Scale::ONE_TO_FIVE, 4).unwrap(),
        )),
        ces: Some(CesTally::new(Scale::ONE_TO_FIVE)),
        sl: Some(
            ServiceLevelTally::with_threshold_secs(20.0, ShortAbandons::below_secs(5.0).unwrap())
                .unwrap(),
        ),
        sketch: Some(DurationSketch::new(RelativeAccuracy::ONE_PERCENT)),
        ..Core::default()
    };
    let short = ShortAbandons::below_secs(5.0).unwrap();
    for r in rows {
        c.nps.try_record_score(r.score).unwrap();
        c.csat.as_mut().unwrap().try_record_score(r.csat).unwrap();
        c.ces.as_mut().unwrap().try_record_score(r.csat).unwrap();
        c.retention.record(match r.status {
            "retained" => CustomerStatus::Retained,
            "churned" => CustomerStatus::Churned,
            _ => CustomerStatus::New,
        });
        let wait = Duration::from_secs_f64(r.wait);
        c.abandonment.record(if r.answered {
            Outcome::Answered
        } else {
            Outcome::abandoned_after(wait, short)
        });
        c.fcr.record(Resolution::try_from(r.contacts).unwrap());
        c.escalation.record(if r.escalated {
            Handling::Escalated
        } else {
            Handling::Contained
        });
        c.aht
            .record(HandleTime::from_secs(r.talk, r.hold, r.acw).unwrap());
        let waited = if r.answered {
            Waited::Answered(wait)
        } else {
            Waited::Abandoned(wait)
        };
        c.waits.try_record(waited).unwrap();
        c.sl.as_mut().unwrap().try_record(waited).unwrap();
        c.cost.record(r.cost.parse::<Money>().unwrap());
        c.sample.try_record(wait).unwrap();
        c.sketch.as_mut().unwrap().try_record(wait).unwrap();
    }
    c
}

const SELECT: &str = "nps(score), csat(csat, 1, 5, 4), ces(csat, 1, 5), retention(status), \
     abandonment(answered, wait, 5), fcr(contacts), escalation(escalated), aht(talk, hold, acw), \
     asa(wait, answered), mean_wait(wait, answered), time_to_abandon(wait, answered), \
     service_level(wait, answered, 20, 'count_against', 5), \
     service_level(wait, answered, 20, 'exclude_within_threshold', 5), \
     service_level(wait, answered, 20, 'within_threshold_as_met', 5), \
     service_level(wait, answered, 20, 'ignore', 5), \
     service_level(wait, answered, 20, 'short_as_met', 5), \
     service_level(wait, answered, 20, 'exclude_short', 5), \
     cost_per_unit(cost), duration_quantile(wait, 0.9), duration_quantile_sketch(wait, 0.9)";

/// Checks row `row` of `batch` (columns from `first`) against the core's tallies.
fn check(batch: &RecordBatch, row: usize, first: usize, c: &Core) {
    let nps = c.nps.nps().unwrap();
    assert_eq!(f64_at(batch, first, "value", row), Some(nps.score()));
    assert_eq!(u64_at(batch, first, "n", row), Some(nps.responses()));
    assert_eq!(
        u64_at(batch, first, "promoters", row),
        Some(nps.promoters())
    );
    assert_eq!(
        u64_at(batch, first, "detractors", row),
        Some(nps.detractors())
    );
    let rate = |col: usize, r: cxkpi::Rate| {
        assert_eq!(
            f64_at(batch, first + col, "value", row),
            Some(r.percent()),
            "column {col}"
        );
        assert_eq!(
            u64_at(batch, first + col, "n", row),
            Some(r.whole()),
            "column {col}"
        );
        assert_eq!(
            u64_at(batch, first + col, "part", row),
            Some(r.part()),
            "column {col}"
        );
    };
    rate(1, c.csat.as_ref().unwrap().csat().unwrap());
    let ces = c.ces.as_ref().unwrap().ces().unwrap();
    assert_eq!(f64_at(batch, first + 2, "value", row), Some(ces.mean()));
    rate(3, c.retention.retention().unwrap());
    rate(4, c.abandonment.abandonment().unwrap());
    rate(5, c.fcr.fcr().unwrap());
    rate(6, c.escalation.escalation().unwrap());
    let aht = c.aht.aht().unwrap();
    assert_eq!(f64_at(batch, first + 7, "value", row), Some(aht.secs()));
    assert_eq!(f64_at(batch, first + 7, "hold", row), Some(aht.hold_secs()));
    assert_eq!(u64_at(batch, first + 7, "n", row), Some(aht.handled()));
    assert_eq!(
        f64_at(batch, first + 8, "value", row),
        Some(c.waits.asa().unwrap().secs())
    );
    assert_eq!(
        f64_at(batch, first + 9, "value", row),
        Some(c.waits.average_wait().unwrap().secs())
    );
    assert_eq!(
        f64_at(batch, first + 10, "value", row),
        Some(c.waits.time_to_abandon().unwrap().secs())
    );
    for (i, treatment) in AbandonTreatment::ALL.iter().enumerate() {
        rate(
            11 + i,
            c.sl.as_ref().unwrap().service_level(*treatment).unwrap(),
        );
    }
    let cost = batch.column(first + 17).as_struct();
    let value = cost
        .column_by_name("value")
        .unwrap()
        .as_string::<i32>()
        .value(row);
    assert_eq!(value, c.cost.cost_per_unit().unwrap().to_string());
    assert_eq!(
        f64_at(batch, first + 18, "value", row),
        Some(c.sample.quantile(Quantile::P90).unwrap())
    );
    assert_eq!(
        f64_at(batch, first + 19, "value", row),
        Some(c.sketch.as_ref().unwrap().quantile(Quantile::P90).unwrap())
    );
}

#[tokio::test]
async fn group_by_equals_the_core_through_partial_states() {
    let rows = rows(6000);
    let ctx = ctx(4);
    register(&ctx, "t", &batch(&rows), 5).unwrap();
    // Partial aggregates per partition, a hash repartition, and a final
    // merge of the states: the path that exercises state and merge_batch.
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
        check(&result, usize::try_from(g).unwrap(), 1, &core(&group));
    }
}

#[tokio::test]
async fn group_by_over_whole_second_waits_equals_the_core() {
    // Whole-second waits and no nulls: the batches take the core's grouped
    // path for the service level as well as for NPS and CSAT.
    let mut rows = rows(5000);
    for r in &mut rows {
        r.wait = r.wait.floor();
    }
    let ctx = ctx(2);
    register(&ctx, "t", &batch(&rows), 3).unwrap();
    let result = query(
        &ctx,
        &format!("SELECT g, {SELECT} FROM t GROUP BY g ORDER BY g"),
    )
    .await
    .unwrap();
    assert_eq!(i64s(&result, 0), (0..GROUPS).collect::<Vec<_>>());
    for g in 0..GROUPS {
        let group: Vec<Row> = rows.iter().filter(|r| r.g == g).cloned().collect();
        check(&result, usize::try_from(g).unwrap(), 1, &core(&group));
    }
}

#[tokio::test]
async fn one_group_equals_the_core_through_merged_partitions() {
    let rows = rows(3000);
    let ctx = ctx(3);
    register(&ctx, "t", &batch(&rows), 4).unwrap();
    let result = query(&ctx, &format!("SELECT {SELECT} FROM t"))
        .await
        .unwrap();
    check(&result, 0, 0, &core(&rows));
}

#[tokio::test]
async fn merged_per_chunk_tallies_equal_one_pass() {
    // The law the engine relies on: per-partition tallies merged equal one
    // tally over every row (checked here on the core, once, for NPS).
    let rows = rows(1000);
    let mut merged = NpsTally::new();
    for chunk in rows.chunks(333) {
        merged.try_merge(&core(chunk).nps).unwrap();
    }
    assert_eq!(merged, core(&rows).nps);
}
