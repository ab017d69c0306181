//! The report as readable text tables, drawn from the same JSON document
//! that `--json` prints, so that the two always agree.

use std::fmt::Write;

use serde_json::Value;

use crate::kpis::THRESHOLDS;

/// A number with `digits` decimals, or `–` when the data gives none.
fn num(value: &Value, digits: usize) -> String {
    value
        .as_f64()
        .map_or_else(|| "–".to_owned(), |x| format!("{x:.digits$}"))
}

/// `doc[a][b]…`, or `null`.
fn at<'a>(doc: &'a Value, path: &[&str]) -> &'a Value {
    path.iter().fold(doc, |v, key| &v[*key])
}

/// The short-abandon rule of `doc`, as words: `below 5 s`, `at most 5 s`.
fn short_rule(doc: &Value) -> String {
    [
        ("short_abandon_below_s", "below"),
        ("short_abandon_at_most_s", "at most"),
    ]
    .into_iter()
    .find_map(|(key, words)| Some(format!("{words} {} s", doc.get(key)?)))
    .unwrap_or_else(|| "under no rule".to_owned())
}

/// The columns of a breakdown table: header, path into a group's figures, decimals.
const COLUMNS: [(&str, &[&str], usize); 9] = [
    ("offered", &["calls", "offered"], 0),
    ("answered", &["calls", "answered"], 0),
    ("aband %", &["abandonment_pct", "all_callers"], 1),
    ("ASA s", &["asa_s"], 1),
    ("p90 wait", &["answer_wait_s", "p90"], 1),
    ("SL20 %", &["service_level_pct", "20s", "count_against"], 1),
    ("AHT s", &["aht_s"], 1),
    ("resolved %", &["resolution_pct"], 1),
    ("CSAT %", &["csat_pct"], 1),
];

/// The report as text: one linear layout, top to bottom.
#[allow(clippy::too_many_lines)]
pub fn text(doc: &Value) -> String {
    let mut out = String::new();
    let n = |path: &[&str], digits| num(at(doc, path), digits);
    let _ = writeln!(
        out,
        "KPI report: {}",
        doc["dataset"].as_str().unwrap_or("?")
    );
    let _ = writeln!(
        out,
        "{} rows read, {}; {}\n",
        doc["rows"],
        doc["period"].as_str().unwrap_or("?"),
        doc["time_basis"].as_str().unwrap_or("?")
    );

    let _ = writeln!(out, "Calls");
    let _ = writeln!(
        out,
        "  offered {}, answered {} ({}%), abandoned {} ({} before the queue, {} short {})",
        n(&["calls", "offered"], 0),
        n(&["calls", "answered"], 0),
        n(&["answered_pct"], 1),
        n(&["calls", "abandoned"], 0),
        n(&["calls", "abandoned_before_queue"], 0),
        n(&["calls", "short_abandoned"], 0),
        short_rule(doc),
    );
    let _ = writeln!(out, "Abandonment rate");
    for (label, key) in [
        ("all callers", "all_callers"),
        ("queue-offered calls", "queue_offered"),
        ("queued calls", "queued"),
        (
            "queue-offered, short abandons excluded",
            "queue_offered_without_short",
        ),
    ] {
        let _ = writeln!(out, "  {label:<40} {:>6}%", n(&["abandonment_pct", key], 2));
    }
    let _ = writeln!(out, "Waiting");
    let _ = writeln!(
        out,
        "  ASA (answered calls)                     {:>6} s",
        n(&["asa_s"], 2)
    );
    let _ = writeln!(
        out,
        "  average wait (all queue calls)           {:>6} s",
        n(&["average_wait_s"], 2)
    );
    let _ = writeln!(
        out,
        "  answer wait: median {} s, p90 {} s, p95 {} s, max {} s",
        n(&["answer_wait_s", "median"], 1),
        n(&["answer_wait_s", "p90"], 1),
        n(&["answer_wait_s", "p95"], 1),
        n(&["answer_wait_s", "max"], 1),
    );
    let _ = writeln!(
        out,
        "  time to abandon: mean {} s, median {} s, p90 {} s",
        n(&["time_to_abandon_s", "mean"], 1),
        n(&["time_to_abandon_s", "median"], 1),
        n(&["time_to_abandon_s", "p90"], 1),
    );
    let _ = writeln!(
        out,
        "Service level (% of calls answered within the threshold), by treatment of abandons"
    );
    let _ = write!(out, "  {:<26}", "treatment");
    for t in THRESHOLDS {
        let _ = write!(out, "{:>9}", format!("{t} s"));
    }
    let _ = writeln!(out);
    if let Some(treatments) = at(doc, &["service_level_pct", "20s"]).as_object() {
        for treatment in treatments.keys() {
            let _ = write!(out, "  {treatment:<26}");
            for t in THRESHOLDS {
                let _ = write!(
                    out,
                    "{:>9}",
                    n(&["service_level_pct", &format!("{t}s"), treatment], 2)
                );
            }
            let _ = writeln!(out);
        }
    }
    let _ = writeln!(out, "Handling");
    let _ = writeln!(
        out,
        "  AHT {} s (talk {} s, hold {} s, wrap-up {} s); handle time median {} s, p90 {} s",
        n(&["aht_s"], 1),
        n(&["aht_talk_s"], 1),
        n(&["aht_hold_s"], 1),
        n(&["aht_wrap_s"], 1),
        n(&["handle_s", "median"], 1),
        n(&["handle_s", "p90"], 1),
    );
    if !doc["resolution_pct"].is_null() || !doc["csat_pct"].is_null() {
        let _ = writeln!(
            out,
            "  resolved on the call {}%, CSAT (4–5 of 5) {}%, mean rating {}",
            n(&["resolution_pct"], 2),
            n(&["csat_pct"], 2),
            n(&["mean_rating"], 2),
        );
    }
    let _ = writeln!(out, "Peak hours");
    for peak in doc["peak_hours"].as_array().into_iter().flatten() {
        let _ = writeln!(
            out,
            "  {} {} calls ({}% of the day's volume)",
            peak["hour"].as_str().unwrap_or("?"),
            peak["calls"],
            num(&peak["share_pct"], 1),
        );
    }
    for (title, key) in [
        ("By call type", "by_type"),
        ("By agent", "by_agent"),
        ("By day", "by_day"),
        ("By hour", "by_hour"),
        ("By week", "by_week"),
    ] {
        table(&mut out, title, &doc[key]);
    }
    let _ = writeln!(
        out,
        "\n(By day and hour, and the staffing per half hour: in --json, --csv and --html.)"
    );
    let _ = writeln!(out, "\nData quirks and the policy applied");
    if let Some(quirks) = doc["quirks"].as_object() {
        for (quirk, note) in quirks {
            let _ = writeln!(
                out,
                "  {quirk:<34} {:>6} rows: {}",
                note["rows"],
                note["policy"].as_str().unwrap_or("")
            );
        }
    }
    out
}

/// One breakdown as a table; columns that no group has are left out.
fn table(out: &mut String, title: &str, groups: &Value) {
    let Some(groups) = groups.as_object() else {
        return;
    };
    let columns: Vec<_> = COLUMNS
        .iter()
        .filter(|(_, path, _)| groups.values().any(|g| !at(g, path).is_null()))
        .collect();
    let width = groups.keys().map(String::len).max().unwrap_or(0).max(5);
    let _ = write!(out, "\n{title}\n  {:<width$}", "");
    for (header, _, _) in &columns {
        let _ = write!(out, "{header:>11}");
    }
    let _ = writeln!(out);
    for (key, figures) in groups {
        let _ = write!(out, "  {key:<width$}");
        for (_, path, digits) in &columns {
            let _ = write!(out, "{:>11}", num(at(figures, path), *digits));
        }
        let _ = writeln!(out);
    }
}
