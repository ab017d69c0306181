//! The report as one JSON document (`--json`); the text and HTML outputs
//! print its figures, and the tests compare them to it.

use serde_json::{Map, Value, json};

use crate::figure::to_json;
use crate::kpis::short_abandon_rule;
use crate::report::Report;

/// A JSON Pointer (RFC 6901) to `segments`.
pub fn pointer(segments: &[&str]) -> String {
    let mut out = String::new();
    for s in segments {
        out.push('/');
        out.push_str(&s.replace('~', "~0").replace('/', "~1"));
    }
    out
}

/// The whole report: overall figures at the top level, breakdowns nested.
pub fn document(report: &Report) -> Value {
    let mut doc = Map::new();
    let source = &report.source;
    doc.insert("dataset".into(), json!(source.title));
    doc.insert("source".into(), json!(source.path));
    doc.insert("time_zone".into(), json!(source.basis.zone_name()));
    doc.insert("time_basis".into(), json!(source.basis.describe()));
    doc.insert("period".into(), json!(report.period));
    doc.insert("rows".into(), json!(report.rows));
    doc.insert(
        "quirks".into(),
        Value::Object(
            report
                .quirks
                .iter()
                .map(|(q, n, p)| (q.clone(), json!({ "rows": n, "policy": p })))
                .collect(),
        ),
    );
    // Whole seconds print as integers (`5`), as they always have.
    if let Some((key, _, t)) = short_abandon_rule(report.short_abandons) {
        let secs = if t.subsec_nanos() == 0 {
            json!(t.as_secs())
        } else {
            json!(t.as_secs_f64())
        };
        doc.insert(key.into(), secs);
    }
    doc.extend(to_json(&report.overall));
    doc.insert(
        "peak_hours".into(),
        report
            .peak_hours
            .iter()
            .map(|(hour, n, share)| json!({ "hour": hour, "calls": n, "share_pct": share }))
            .collect(),
    );
    for grouping in &report.groupings {
        let groups: Map<String, Value> = grouping
            .groups
            .iter()
            .map(|(key, _, figures)| (key.clone(), Value::Object(to_json(figures))))
            .collect();
        doc.insert(grouping.name.into(), Value::Object(groups));
    }
    let s = &report.staffing;
    doc.insert(
        "staffing".into(),
        json!({
            "model": "Erlang C",
            "goal_pct": s.goal.pct,
            "goal_within_s": s.goal.within.as_secs_f64(),
            "aht_s": s.aht_s,
            "days": s.days,
            "half_hours": s.half_hours.iter().map(|h| json!({
                "start": h.start,
                "offered": h.offered,
                "offered_per_day": h.per_day,
                "agents_required": h.agents,
            })).collect::<Vec<_>>(),
        }),
    );
    doc.insert(
        "answer_wait_histogram".into(),
        json!({ "bin_s": report.waits.bin.as_secs_f64(), "calls": report.waits.counts }),
    );
    Value::Object(doc)
}
