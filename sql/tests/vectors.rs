//! The conformance vectors that map to an aggregate (the ones given as rows,
//! not as counts), through SQL: `tests/vectors/*.json` of the repository.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch};
use datafusion::arrow::datatypes::{Field, Schema};
use serde_json::Value;

use crate::common::{ctx, f64_at, query, register, u64_at};

/// The case's tolerance, or the vectors' README default.
fn tolerance(case: &Value) -> f64 {
    case["tolerance"].as_f64().unwrap_or(1e-9)
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default()
}

fn ints(v: &Value) -> Vec<i64> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default()
}

/// A table of columns `(name, column)`.
fn table(columns: Vec<(&str, ArrayRef)>) -> RecordBatch {
    let schema = Schema::new(
        columns
            .iter()
            .map(|(n, c)| Field::new(*n, c.data_type().clone(), true))
            .collect::<Vec<_>>(),
    );
    RecordBatch::try_new(
        Arc::new(schema),
        columns.into_iter().map(|(_, c)| c).collect(),
    )
    .unwrap()
}

fn waits(answered: &[f64], abandoned: &[f64]) -> RecordBatch {
    let w: Vec<f64> = answered.iter().chain(abandoned).copied().collect();
    let a: Vec<bool> = answered
        .iter()
        .map(|_| true)
        .chain(abandoned.iter().map(|_| false))
        .collect();
    table(vec![
        ("w", Arc::new(Float64Array::from(w))),
        ("a", Arc::new(BooleanArray::from(a))),
    ])
}

/// The table and SQL of a row-level case, with the result field to read
/// and the expected key, or `None` for a case given as counts.
/// A case as SQL: the table, the query, and which result field holds which expected key.
type Case = (RecordBatch, String, Vec<(&'static str, &'static str)>);

#[expect(
    clippy::too_many_lines,
    reason = "one arm per metric, read side by side"
)]
fn sql_of(case: &Value) -> Option<Case> {
    let input = &case["input"];
    let metric = case["metric"].as_str()?;
    let scores = || {
        table(vec![(
            "s",
            Arc::new(Int64Array::from(ints(&input["scores"]))) as ArrayRef,
        )])
    };
    Some(match metric {
        "nps" if input.get("scores").is_some() => (
            scores(),
            "SELECT nps(s) FROM t".into(),
            vec![("value", "nps"), ("n", "responses")],
        ),
        "csat" => {
            let scale = ints(&input["scale"]);
            (
                scores(),
                format!(
                    "SELECT csat(s, {}, {}, {}) FROM t",
                    scale[0], scale[1], input["satisfied_from"]
                ),
                vec![("value", "csat"), ("n", "responses"), ("part", "satisfied")],
            )
        }
        "ces" => {
            let scale = ints(&input["scale"]);
            (
                scores(),
                format!("SELECT ces(s, {}, {}) FROM t", scale[0], scale[1]),
                vec![("value", "mean"), ("n", "responses")],
            )
        }
        "fcr" if input.get("contacts_per_resolved_request").is_some() => (
            table(vec![(
                "s",
                Arc::new(Int64Array::from(ints(
                    &input["contacts_per_resolved_request"],
                ))) as ArrayRef,
            )]),
            "SELECT fcr(s) FROM t".into(),
            vec![("value", "fcr_pct")],
        ),
        "aht" if input.get("contacts").is_some() => {
            let contacts = input["contacts"].as_array()?;
            let col = |k: &str| -> ArrayRef {
                Arc::new(
                    contacts
                        .iter()
                        .map(|c| c[k].as_f64())
                        .collect::<Float64Array>(),
                )
            };
            (
                table(vec![
                    ("talk", col("talk_s")),
                    ("hold", col("hold_s")),
                    ("wrap", col("wrap_s")),
                ]),
                "SELECT aht(talk, hold, wrap) FROM t".into(),
                vec![("value", "aht_s")],
            )
        }
        "abandonment" if input.get("abandon_waits_s").is_some() => {
            let answered = vec![0.0; usize::try_from(input["answered"].as_u64()?).ok()?];
            (
                waits(&answered, &numbers(&input["abandon_waits_s"])),
                format!(
                    "SELECT abandonment(a, w, {}) FROM t",
                    input["short_abandon_below_s"]
                ),
                vec![("value", "abandonment_pct")],
            )
        }
        "asa" => (
            waits(&numbers(&input["answer_waits_s"]), &[]),
            "SELECT asa(w, a) FROM t".into(),
            vec![("value", "asa_s")],
        ),
        "duration_stats" => (
            waits(&numbers(&input["durations_s"]), &[]),
            "SELECT duration_quantile(w, 0.5), duration_quantile(w, 0.9), mean_wait(w, a) FROM t"
                .into(),
            vec![
                ("value", "median_s"),
                ("value", "p90_s"),
                ("value", "mean_s"),
            ],
        ),
        "service_level" if input.get("answer_waits_s").is_some() => {
            let short = input
                .get("short_abandon_below_s")
                .map_or(String::new(), |s| format!(", {s}"));
            (
                waits(
                    &numbers(&input["answer_waits_s"]),
                    &numbers(&input["abandon_waits_s"]),
                ),
                format!(
                    "SELECT service_level(w, a, {}, '{}'{short}) FROM t",
                    input["threshold_s"],
                    input["abandons"].as_str()?
                ),
                vec![("value", "service_level_pct")],
            )
        }
        _ => return None,
    })
}

#[tokio::test]
async fn the_row_level_vectors_through_sql() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut ran = 0;
    for file in ["core.json", "operations.json"] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        let doc: Value = serde_json::from_str(&text).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            let Some((batch, sql, reads)) = sql_of(case) else {
                continue;
            };
            let id = case["id"].as_str().unwrap();
            let ctx = ctx(2);
            register(&ctx, "t", &batch, 2).unwrap();
            let expect = &case["expect"];
            ran += 1;
            match expect["error"].as_str() {
                Some("empty") => {
                    let r = query(&ctx, &sql).await.unwrap();
                    assert!(r.column(0).is_null(0), "{id}: an empty input is NULL");
                }
                Some(kind) => {
                    let result = match ctx.sql(&sql).await {
                        Ok(df) => df.collect().await.map(|_| ()),
                        Err(e) => Err(e),
                    };
                    assert!(result.is_err(), "{id}: expected a {kind} error");
                }
                None => {
                    let r = query(&ctx, &sql).await.unwrap();
                    for (column, (field, key)) in reads.iter().enumerate() {
                        // duration_stats reads one field from each of three columns.
                        let column = if reads.iter().all(|(f, _)| *f == "value") {
                            column
                        } else {
                            0
                        };
                        let want = &expect[*key];
                        if *field == "n" || *field == "part" {
                            assert_eq!(u64_at(&r, column, field, 0), want.as_u64(), "{id}: {key}");
                        } else {
                            let got = f64_at(&r, column, field, 0).unwrap();
                            let want = want.as_f64().unwrap();
                            assert!(
                                (got - want).abs() <= tolerance(case),
                                "{id}: {key} {got} != {want}"
                            );
                        }
                    }
                }
            }
        }
    }
    assert!(ran > 200, "only {ran} cases ran");
}
