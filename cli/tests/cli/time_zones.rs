//! `--tz` and `--input-time` on a small log across the Paris DST changes.

use std::fmt::Write;

use crate::common::{file, report_mapped, stderr};

/// One call every 30 minutes (UTC) over `days`.
fn log(days: &[&str]) -> String {
    let mut text = String::from("Date,Time,Answered,Wait,Rating\n");
    for day in days {
        for half in 0..48 {
            let _ = writeln!(text, "{day},{:02}:{:02}:00,Y,10,5", half / 2, half % 2 * 30);
        }
    }
    text
}

fn hours_of(doc: &serde_json::Value, day: &str) -> Vec<(String, u64)> {
    doc["by_day_hour"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| k.starts_with(day))
        .map(|(k, v)| (k.clone(), v["calls"]["offered"].as_u64().unwrap()))
        .collect()
}

#[test]
fn paris_dst_days_have_23_and_25_hourly_rows() {
    let text = log(&[
        "2021-03-27",
        "2021-03-28",
        "2021-03-29",
        "2021-10-30",
        "2021-10-31",
        "2021-11-01",
    ]);
    let path = file("dst", "calls.csv", text.as_bytes());
    let out = report_mapped(
        &path,
        &["--tz", "Europe/Paris", "--input-time", "utc", "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["time_zone"], "Europe/Paris");
    let spring = hours_of(&doc, "2021-03-28");
    assert_eq!(spring.len(), 23, "{spring:?}");
    assert!(
        spring.iter().all(|(k, _)| !k.starts_with("2021-03-28T02:")),
        "no 02:00 on the spring day"
    );
    assert!(
        spring.iter().all(|&(_, n)| n == 2),
        "two calls in every real hour: {spring:?}"
    );
    let autumn = hours_of(&doc, "2021-10-31");
    assert_eq!(autumn.len(), 25, "{autumn:?}");
    assert_eq!(autumn[2].0, "2021-10-31T02:00+02:00");
    assert_eq!(autumn[3].0, "2021-10-31T02:00+01:00");
    assert!(autumn.iter().all(|&(_, n)| n == 2), "{autumn:?}");
    assert_eq!(hours_of(&doc, "2021-03-29").len(), 24);
    // The local day 2021-03-28 holds 23 hours of calls, 2021-10-31 25.
    assert_eq!(doc["by_day"]["2021-03-28"]["calls"]["offered"], 46);
    assert_eq!(doc["by_day"]["2021-10-31"]["calls"]["offered"], 50);
}

#[test]
fn local_input_in_the_gap_and_the_repeated_hour_is_counted() {
    let text = "Date,Time,Answered,Wait,Rating\n2021-03-28,02:30:00,Y,10,5\n2021-10-31,02:30:00,Y,10,5\n2021-06-01,12:00:00,Y,10,5\n";
    let path = file("dst-local", "calls.csv", text.as_bytes());
    let out = report_mapped(&path, &["--tz", "Europe/Paris", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["quirks"]["local time skipped by a DST change"]["rows"],
        1
    );
    assert_eq!(
        doc["quirks"]["local time repeated by a DST change"]["rows"],
        1
    );
    assert_eq!(
        doc["by_day_hour"]["2021-03-28T03:00+02:00"]["calls"]["offered"],
        1
    );
    assert_eq!(
        doc["by_day_hour"]["2021-10-31T02:00+02:00"]["calls"]["offered"],
        1
    );
    assert_eq!(
        doc["by_day_hour"]["2021-06-01T12:00+02:00"]["calls"]["offered"],
        1
    );
}

#[test]
fn without_a_zone_times_are_as_recorded() {
    let text = log(&["2021-03-28"]);
    let path = file("no-zone", "calls.csv", text.as_bytes());
    let out = report_mapped(&path, &["--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["time_zone"], serde_json::Value::Null);
    assert_eq!(hours_of(&doc, "2021-03-28").len(), 24);
    assert!(doc["by_day_hour"].get("2021-03-28T02:00").is_some());
}
