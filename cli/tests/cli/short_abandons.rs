//! Which abandons are short (issue 18): strictly below the threshold (the
//! default, 5 s) or at most it, as ICMI's treatments and most ACD reports
//! count "abandoned within 5 s"; every output says which rule it used.

use serde_json::Value;

use crate::common::{json, run, scratch, stderr, stdout};

/// The two short-abandon treatments at 20 s, to three decimals.
fn short_treatments(doc: &Value) -> (String, String) {
    let sl = &doc["service_level_pct"]["20s"];
    let pct = |t: &str| format!("{:.3}", sl[t].as_f64().unwrap());
    (pct("short_as_met"), pct("exclude_short"))
}

#[test]
fn below_five_seconds_is_the_default() {
    let default = json(&["report"]);
    assert_eq!(json(&["report", "--short-abandon-below", "5"]), default);
    assert_eq!(default["short_abandon_below_s"], 5);
    assert!(default.get("short_abandon_at_most_s").is_none());
    assert_eq!(default["calls"]["short_abandoned"], 219);
    assert_eq!(
        short_treatments(&default),
        ("52.781".to_owned(), "52.446".to_owned())
    );
}

#[test]
fn at_most_five_seconds_counts_the_five_second_hang_ups() {
    let below = json(&["report"]);
    let at_most = json(&["report", "--short-abandon-at-most", "5"]);
    assert_eq!(at_most["short_abandon_at_most_s"], 5);
    assert!(at_most.get("short_abandon_below_s").is_none());
    // 55 callers hung up after exactly 5 s in the queue.
    assert_eq!(at_most["calls"]["short_abandoned"], 219 + 55);
    assert_eq!(
        short_treatments(&at_most),
        ("52.957".to_owned(), "52.540".to_owned())
    );
    // The treatments that ignore short abandons do not move.
    for t in ["count_against", "ignore", "within_threshold_as_met"] {
        assert_eq!(
            at_most["service_level_pct"]["20s"][t], below["service_level_pct"]["20s"][t],
            "{t}"
        );
    }
    assert!(
        at_most["abandonment_pct"]["queue_offered_without_short"].as_f64()
            < below["abandonment_pct"]["queue_offered_without_short"].as_f64()
    );
}

#[test]
fn on_whole_seconds_below_five_is_at_most_four() {
    let mut below = json(&["report", "--short-abandon-below", "5"]);
    let mut at_most = json(&["report", "--short-abandon-at-most", "4"]);
    let below_s = below
        .as_object_mut()
        .unwrap()
        .remove("short_abandon_below_s");
    let at_most_s = at_most
        .as_object_mut()
        .unwrap()
        .remove("short_abandon_at_most_s");
    assert_eq!((below_s, at_most_s), (Some(5.into()), Some(4.into())));
    assert_eq!(below, at_most);
}

#[test]
fn every_output_names_the_rule() {
    let text = stdout(&run(&["report", "--short-abandon-at-most", "5"]));
    assert!(
        text.contains("(1941 before the queue, 274 short at most 5 s)"),
        "{text}"
    );
    let text = stdout(&run(&["report"]));
    assert!(
        text.contains("(1941 before the queue, 219 short below 5 s)"),
        "{text}"
    );
    let dir = scratch("short-rule");
    let (csv, html) = (dir.join("r.csv"), dir.join("r.html"));
    let out = run(&[
        "report",
        "--quiet",
        "--short-abandon-at-most",
        "2.5",
        "--csv",
        csv.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = std::fs::read_to_string(csv).unwrap();
    assert!(
        csv.contains("\nshort_abandon_at_most_s,all,all,1999-02-01/1999-02-28,2.5,s,,,\n"),
        "{}",
        &csv[..300]
    );
    let html = std::fs::read_to_string(html).unwrap();
    assert!(
        html.contains(
            "Short abandons: waits at most <span class=\"num\" data-json=\"/short_abandon_at_most_s\" data-digits=\"1\">2.5</span> s"
        ),
        "no rule in the page"
    );
    let doc = json(&["report", "--short-abandon-at-most", "2.5"]);
    assert_eq!(doc["short_abandon_at_most_s"], 2.5);
}

#[test]
fn bad_rules_are_usage_errors() {
    let both = run(&[
        "report",
        "--short-abandon-below",
        "5",
        "--short-abandon-at-most",
        "5",
    ]);
    assert_eq!(both.status.code(), Some(2));
    assert!(
        stderr(&both).contains("cannot be used with"),
        "{}",
        stderr(&both)
    );
    for bad in ["-1", "nan", "inf", "1e30", "five"] {
        let arg = format!("--short-abandon-below={bad}");
        let out = run(&["report", &arg]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("short-abandon-below"),
            "{bad}: {}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty(), "{bad}");
    }
}

#[test]
fn help_explains_the_difference() {
    let help = stdout(&run(&["report", "--help"]));
    assert!(help.contains("--short-abandon-below <SECS>"), "{help}");
    assert!(help.contains("--short-abandon-at-most <SECS>"), "{help}");
    assert!(help.contains("strictly below"), "{help}");
}
