//! The counting group accumulator of `nps` and `service_level`: its columnar
//! kernel and its row path give the core's figures, at the nanosecond edges
//! of the thresholds too, and the core's errors.

use std::sync::Arc;

use cxkpi::{AbandonTreatment, ServiceLevelTally, ShortAbandons, Tally, Waited, try_seconds};
use datafusion::arrow::array::{ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field, Schema};

use crate::common::{ctx, error, query, register, u64_at};

/// Waits at and around 20 s and 5 s, below and above the nanosecond the
/// core rounds them to, and zero of both signs.
const EDGES: [f64; 12] = [
    20.0,
    20.000_000_000_4,
    20.000_000_000_6,
    20.000_000_001,
    19.999_999_999_6,
    5.0,
    4.999_999_999_6,
    4.999_999_999_4,
    5.000_000_000_4,
    0.0,
    -0.0,
    120.5,
];

/// Each edge answered and abandoned, in group 0 and (with a null wait and
/// a null answered among them) in group 1.
fn waits_table() -> RecordBatch {
    let mut g = Vec::new();
    let mut wait = Vec::new();
    let mut answered = Vec::new();
    for group in 0..2 {
        for &w in &EDGES {
            for a in [true, false] {
                g.push(group);
                wait.push(Some(w));
                answered.push(Some(a));
            }
        }
    }
    g.extend([1, 1]);
    wait.extend([None, Some(3.0)]);
    answered.extend([Some(true), None]);
    let schema = Schema::new(vec![
        Field::new("g", DataType::Int64, false),
        Field::new("wait", DataType::Float64, true),
        Field::new("answered", DataType::Boolean, true),
    ]);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Int64Array::from(g)),
        Arc::new(Float64Array::from(wait)),
        Arc::new(BooleanArray::from(answered)),
    ];
    RecordBatch::try_new(Arc::new(schema), columns).unwrap()
}

/// The core's tally of the edges, each answered and abandoned.
fn core_edges(short: ShortAbandons) -> ServiceLevelTally {
    let mut tally = ServiceLevelTally::with_threshold_secs(20.0, short).unwrap();
    for &w in &EDGES {
        let d = try_seconds(w).unwrap();
        tally.try_record(Waited::Answered(d)).unwrap();
        tally.try_record(Waited::Abandoned(d)).unwrap();
    }
    tally
}

#[tokio::test]
async fn waits_at_the_nanosecond_edges_count_as_the_core_counts_them() {
    for (short_sql, short) in [
        ("", ShortAbandons::None),
        (", 5", ShortAbandons::below_secs(5.0).unwrap()),
        (", 30", ShortAbandons::below_secs(30.0).unwrap()),
    ] {
        // 20.000_000_000_4 s rounds to 20 s, within; 20.000_000_000_6 s to
        // 20.000_000_001 s, beyond.
        assert_eq!(core_edges(short).counts().unwrap().answered_within(), 9);
        for partitions in [1, 2] {
            let ctx = ctx(partitions);
            register(&ctx, "t", &waits_table(), partitions).unwrap();
            for treatment in AbandonTreatment::ALL {
                if short == ShortAbandons::None
                    && matches!(
                        treatment,
                        AbandonTreatment::ShortAsMet | AbandonTreatment::ExcludeShort
                    )
                {
                    continue;
                }
                let rate = core_edges(short).service_level(treatment).unwrap();
                let name = treatment.as_str();
                // On two partitions, the first half of the rows (group 0)
                // has no nulls and takes the columnar kernel; a batch with
                // the nulls takes the row path, as FILTER always does.
                let sql = format!(
                    "SELECT g, service_level(wait, answered, 20, '{name}'{short_sql}), \
                     service_level(wait, answered, 20, '{name}'{short_sql}) FILTER (WHERE g >= 0) \
                     FROM t GROUP BY g ORDER BY g"
                );
                let result = query(&ctx, &sql).await.unwrap();
                for row in 0..2 {
                    for column in [1, 2] {
                        let at = |field| u64_at(&result, column, field, row);
                        assert_eq!(at("part"), Some(rate.part()), "{sql}, row {row}");
                        assert_eq!(at("n"), Some(rate.whole()), "{sql}, row {row}");
                    }
                }
            }
        }
    }
}

#[tokio::test]
async fn nps_by_group_through_both_paths_and_partitions() {
    // 10 000 rows of 0–10 in 3 groups, one null score in group 2.
    let scores: Vec<Option<i64>> = (0..10_000)
        .map(|i: i64| (i != 9_999).then_some((i * 7 + i / 11) % 11))
        .collect();
    let g: Vec<i64> = (0..10_000).map(|i| i % 3).collect();
    let schema = Schema::new(vec![
        Field::new("g", DataType::Int64, false),
        Field::new("s", DataType::Int64, true),
    ]);
    let batch = RecordBatch::try_new(
        Arc::new(schema),
        vec![
            Arc::new(Int64Array::from(g.clone())) as ArrayRef,
            Arc::new(Int64Array::from(scores.clone())),
        ],
    )
    .unwrap();
    for partitions in [1, 3] {
        let ctx = ctx(partitions);
        register(&ctx, "t", &batch, partitions).unwrap();
        let result = query(
            &ctx,
            "SELECT g, nps(s), nps(s) FILTER (WHERE s < 10) FROM t GROUP BY g ORDER BY g",
        )
        .await
        .unwrap();
        for group in 0..3 {
            let of = |keep: &dyn Fn(i64) -> bool| {
                let mut tally = cxkpi::NpsTally::new();
                let kept = g
                    .iter()
                    .zip(&scores)
                    .filter(|&(&k, _)| k == group)
                    .filter_map(|(_, &s)| s)
                    .filter(|&s| keep(s));
                for s in kept {
                    tally.try_record_score(s).unwrap();
                }
                tally.state().unwrap()
            };
            let row = usize::try_from(group).unwrap();
            for (column, state) in [(1, of(&|_| true)), (2, of(&|s| s < 10))] {
                let at = |field| u64_at(&result, column, field, row);
                assert_eq!(at("promoters"), Some(state.promoters));
                assert_eq!(at("passives"), Some(state.passives));
                assert_eq!(at("detractors"), Some(state.detractors));
            }
        }
    }
}

#[tokio::test]
async fn bad_values_by_group_are_the_row_path_errors() {
    let ctx = ctx(1);
    let e = error(
        &ctx,
        "SELECT g, nps(s) FROM (VALUES (0, 9), (1, 10), (0, 11)) AS t(g, s) GROUP BY g",
    )
    .await;
    assert!(
        e.contains("nps: ") && e.contains("11") && e.contains("between 0 and 10"),
        "{e}"
    );
    let e = error(
        &ctx,
        "SELECT g, service_level(w, true, 20, 'ignore') FROM (VALUES (0, 1.0), (1, -1.5)) AS t(g, w) GROUP BY g",
    )
    .await;
    assert!(
        e.contains("service_level: ") && e.contains("-1.5") && e.contains("0 or more"),
        "{e}"
    );
    let e = error(
        &ctx,
        "SELECT g, service_level(w, false, 20, 'ignore') FROM (VALUES (0, 1.0), (1, CAST('NaN' AS DOUBLE))) AS t(g, w) GROUP BY g",
    )
    .await;
    assert!(e.contains("service_level: ") && e.contains("NaN"), "{e}");
}
