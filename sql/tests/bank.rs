//! `cxkpi-sql` over the bundled bank log reproduces the report's figures.

use std::process::Command;
use std::time::Duration;

use cxkpi::{
    AbandonTreatment, AbandonmentTally, Outcome, ServiceLevelTally, ShortAbandons, Tally,
    WaitTally, Waited,
};
use datafusion::arrow::array::{Array, AsArray};
use datafusion::arrow::datatypes::Int64Type;

use crate::common::{f64_at, query, u64_at};

const SQL: &str = "SELECT asa(q_time, answered), \
    service_level(q_time, answered, 20, 'count_against', 5), \
    service_level(q_time, answered, 20, 'exclude_within_threshold', 5), \
    service_level(q_time, answered, 20, 'within_threshold_as_met', 5), \
    service_level(q_time, answered, 20, 'ignore', 5), \
    service_level(q_time, answered, 20, 'short_as_met', 5), \
    service_level(q_time, answered, 20, 'exclude_short', 5), \
    abandonment(answered, 0, 0), \
    abandonment(answered, q_time, 0), \
    abandonment(answered, q_time, 0) FILTER (WHERE queued), \
    abandonment(answered, q_time, 5) \
    FROM calls";

#[tokio::test]
async fn the_report_figures() {
    let options =
        cxkpi_datafusion::cli::parse(["--partitions", "4", SQL].map(String::from)).unwrap();
    let ctx = cxkpi_datafusion::cli::context(&options).await.unwrap();
    let r = query(&ctx, SQL).await.unwrap();
    // The report: ASA 40.774 s over 27 162 served calls.
    assert_eq!(u64_at(&r, 0, "n", 0), Some(27_162));
    assert_eq!(
        format!("{:.3}", f64_at(&r, 0, "value", 0).unwrap()),
        "40.774"
    );

    // The same rows through the core, with the report's policies.
    let batch = cxkpi_datafusion::bank::load(&cxkpi_datafusion::bank::default_path()).unwrap();
    let answered = batch
        .column_by_name("answered")
        .unwrap()
        .as_boolean()
        .clone();
    let queued = batch.column_by_name("queued").unwrap().as_boolean().clone();
    let q_time = batch
        .column_by_name("q_time")
        .unwrap()
        .as_primitive::<Int64Type>()
        .clone();
    let short = ShortAbandons::below_secs(5.0).unwrap();
    let mut waits = WaitTally::new();
    let mut sl = ServiceLevelTally::with_threshold_secs(20.0, short).unwrap();
    let (mut all, mut offered, mut in_queue) = (
        AbandonmentTally::new(),
        AbandonmentTally::new(),
        AbandonmentTally::new(),
    );
    for i in 0..batch.num_rows() {
        let a = answered.value(i);
        all.record(if a {
            Outcome::Answered
        } else {
            Outcome::Abandoned
        });
        if q_time.is_null(i) {
            continue;
        }
        let wait = Duration::from_secs(u64::try_from(q_time.value(i)).unwrap());
        let waited = if a {
            Waited::Answered(wait)
        } else {
            Waited::Abandoned(wait)
        };
        waits.record(waited);
        sl.record(waited);
        let outcome = if a {
            Outcome::Answered
        } else {
            Outcome::abandoned_after(wait, short)
        };
        offered.record(outcome);
        if queued.value(i) {
            in_queue.record(outcome);
        }
    }
    assert_eq!(f64_at(&r, 0, "value", 0), Some(waits.asa().unwrap().secs()));
    for (i, t) in AbandonTreatment::ALL.iter().enumerate() {
        let rate = sl.service_level(*t).unwrap();
        assert_eq!(f64_at(&r, 1 + i, "value", 0), Some(rate.percent()), "{t}");
        assert_eq!(u64_at(&r, 1 + i, "n", 0), Some(rate.whole()), "{t}");
    }
    assert_eq!(
        f64_at(&r, 7, "value", 0),
        Some(all.abandonment().unwrap().percent())
    );
    assert_eq!(u64_at(&r, 7, "n", 0), Some(33_066));
    assert_eq!(
        f64_at(&r, 8, "value", 0),
        Some(offered.abandonment_including_short().unwrap().percent())
    );
    assert_eq!(
        f64_at(&r, 9, "value", 0),
        Some(in_queue.abandonment_including_short().unwrap().percent())
    );
    assert_eq!(
        f64_at(&r, 10, "value", 0),
        Some(offered.abandonment().unwrap().percent())
    );
}

#[test]
fn the_issue_query_runs_on_a_fresh_checkout() {
    let out = Command::new(env!("CARGO_BIN_EXE_cxkpi-sql"))
        .args(["--format", "csv", "SELECT type, asa(q_time, outcome = 'AGENT') AS asa FROM calls GROUP BY type ORDER BY type"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "type,asa.value,asa.n");
    assert_eq!(lines.len(), 7, "{text}");
    let served: u64 = lines[1..]
        .iter()
        .map(|l| l.rsplit(',').next().unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(served, 27_162);
}

#[test]
fn errors_are_one_line_and_a_failure() {
    for args in [
        vec!["SELECT nope FROM calls"],
        vec!["SELECT nps(q_time) FROM calls"],
        vec!["--table", "x=/no/such/file.csv", "SELECT 1"],
        vec!["--format", "xml", "SELECT 1"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_cxkpi-sql"))
            .args(&args)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with("cxkpi-sql: "), "{err}");
        if args[0] != "--format" {
            assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        }
    }
}
