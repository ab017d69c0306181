//! The report as one self-contained HTML page (`--html`): tables and inline
//! SVG charts, no script, no external font, image or style sheet, so that it
//! opens from a file or an e-mail attachment; its Content-Security-Policy
//! forbids any load, and its print styles lay it out on A4.
//!
//! Every figure printed carries `data-json` (a JSON Pointer into `--json`'s
//! document) and `data-digits` (the decimals shown), so that a test can check
//! the page against the JSON.

use std::fmt::Write;

use serde_json::Value;

use crate::charts;
use crate::figure::{Figure, value};
use crate::json::pointer;
use crate::kpis::{THRESHOLDS, short_abandon_rule};
use crate::report::Report;

/// Text safe inside HTML elements and quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The JSON value at `ptr` printed with `digits` decimals, `–` when null.
pub fn format_value(value: &Value, digits: usize) -> String {
    match value {
        Value::Number(n) if digits == 0 && n.is_u64() => n.to_string(),
        Value::Number(n) => n
            .as_f64()
            .map_or_else(|| "–".to_owned(), |x| format!("{x:.digits$}")),
        _ => "–".to_owned(),
    }
}

/// Builds the page; every number is read from `doc` at its pointer.
struct Page<'a> {
    doc: &'a Value,
    out: String,
}

impl Page<'_> {
    /// A figure as a `<span>` tagged with its pointer.
    fn num(&self, ptr: &str, digits: usize) -> String {
        let shown = format_value(self.doc.pointer(ptr).unwrap_or(&Value::Null), digits);
        format!(
            "<span class=\"num\" data-json=\"{}\" data-digits=\"{digits}\">{shown}</span>",
            escape(ptr)
        )
    }

    /// A table cell holding the figure at `ptr`.
    fn cell(&self, ptr: &str, digits: usize) -> String {
        let shown = format_value(self.doc.pointer(ptr).unwrap_or(&Value::Null), digits);
        format!(
            "<td data-json=\"{}\" data-digits=\"{digits}\">{shown}</td>",
            escape(ptr)
        )
    }

    fn push(&mut self, text: &str) {
        self.out.push_str(text);
    }
}

/// The columns of a breakdown table: header, figure path, decimals.
const COLUMNS: [(&str, &str, usize); 10] = [
    ("offered", "calls.offered", 0),
    ("answered", "calls.answered", 0),
    ("abandoned %", "abandonment_pct.queue_offered", 1),
    ("ASA s", "asa_s", 1),
    ("p90 wait s", "answer_wait_s.p90", 0),
    ("SL 20 s %", "service_level_pct.20s.count_against", 1),
    ("AHT s", "aht_s", 1),
    ("resolved %", "resolution_pct", 1),
    ("CSAT %", "csat_pct", 1),
    ("mean rating", "mean_rating", 2),
];

/// The page of `report`, whose JSON document is `doc`.
#[allow(clippy::too_many_lines)]
pub fn page(report: &Report, doc: &Value) -> String {
    let mut p = Page {
        doc,
        out: String::new(),
    };
    let title = escape(&report.source.title);
    let _ = write!(
        p.out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>KPI report: {title}</title><style>{STYLE}</style></head><body>\n<header><h1>{title}</h1>\
<p class=\"meta\">Contact-centre KPI report · {} · {} data rows · {} · source <code>{}</code></p></header>\n",
        escape(&report.period),
        report.rows,
        escape(&report.source.basis.describe()),
        escape(&report.source.path),
    );
    cards(&mut p, report);
    charts_section(&mut p, report);
    service_levels(&mut p, report);
    for (name, heading, key) in [
        ("by_type", "By call type", "type"),
        ("by_hour", "By hour of the day", "hour"),
        ("by_week", "By week", "week from"),
        ("by_day", "By day", "day"),
        ("by_agent", "By agent (answered calls)", "agent"),
    ] {
        breakdown(&mut p, report, name, heading, key);
    }
    quality(&mut p, report);
    p.push(
        "<footer><p>Figures: abandonment is of queue-offered calls unless stated; service level at 20 s \
counts abandons against it; AHT is talk + hold + wrap-up over handled calls; CSAT is the share of ratings \
4–5 of 5, with Wilson 95 % intervals. The hour-by-hour rows of every day (23 or 25 on a daylight-saving day) \
are in the JSON (<code>--json</code>) and the CSV table (<code>--csv</code>). Made by <code>cxkpi report</code>.</p></footer>\n",
    );
    p.push("</body></html>\n");
    p.out
}

/// The headline figures.
fn cards(p: &mut Page<'_>, report: &Report) {
    let has = |path: &str| value(&report.overall, path).is_some();
    let mut cards = vec![
        ("Calls offered", p.num("/calls/offered", 0), String::new()),
        ("Answered", p.num("/answered_pct", 1), " %".to_owned()),
        (
            "Abandoned (queue)",
            p.num("/abandonment_pct/queue_offered", 1),
            " %".to_owned(),
        ),
        ("ASA", p.num("/asa_s", 1), " s".to_owned()),
        (
            "Service level 20 s",
            p.num("/service_level_pct/20s/count_against", 1),
            " %".to_owned(),
        ),
        ("AHT", p.num("/aht_s", 1), " s".to_owned()),
    ];
    if has("csat_pct") {
        cards.push(("CSAT (4–5 of 5)", p.num("/csat_pct", 1), " %".to_owned()));
    }
    if has("resolution_pct") {
        cards.push((
            "Resolved on the call",
            p.num("/resolution_pct", 1),
            " %".to_owned(),
        ));
    }
    p.push("<section class=\"cards\">");
    for (label, number, unit) in cards {
        let _ = write!(
            p.out,
            "<div class=\"card\"><div class=\"label\">{label}</div><div class=\"value\">{number}{unit}</div></div>"
        );
    }
    p.push("</section>\n");
}

/// One chart with its title, the figure it illustrates and the SVG.
fn chart(p: &mut Page<'_>, id: &str, title: &str, note: &str, svg: &str) {
    let _ = writeln!(
        p.out,
        "<figure class=\"chart\" data-chart=\"{id}\"><h2>{title}</h2><p class=\"figure-note\">{note}</p>{svg}</figure>"
    );
}

#[allow(clippy::too_many_lines)]
fn charts_section(p: &mut Page<'_>, report: &Report) {
    let s = &report.staffing;
    if let Some((i, peak)) = s
        .half_hours
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.offered.cmp(&b.1.offered))
    {
        let base = format!("/staffing/half_hours/{i}");
        let note = format!(
            "Busiest half hour {}: {} calls on a mean day of the {} days with calls, needing {} agents \
for {} of calls answered within {} s (Erlang C, at the log's AHT of {} s).",
            escape(&peak.start),
            p.num(&format!("{base}/offered_per_day"), 1),
            p.num("/staffing/days", 0),
            p.num(&format!("{base}/agents_required"), 0),
            format_args!("{} %", p.num("/staffing/goal_pct", 0)),
            p.num("/staffing/goal_within_s", 0),
            p.num("/staffing/aht_s", 1),
        );
        chart(
            p,
            "arrivals",
            "Calls offered per half hour, and the agents they need",
            &note,
            &charts::arrivals(report),
        );
    }
    let threshold = THRESHOLDS[0];
    let note = format!(
        "{} % of answered calls were answered within {threshold} s (abandons left out; {} % counting them against). \
ASA {} s over {} answered calls; median wait {} s, 90th percentile {} s.",
        p.num(&format!("/service_level_pct/{threshold}s/ignore"), 2),
        p.num(&format!("/service_level_pct/{threshold}s/count_against"), 2),
        p.num("/asa_s", 3),
        p.num("/answer_wait_s/count", 0),
        p.num("/answer_wait_s/median", 1),
        p.num("/answer_wait_s/p90", 1),
    );
    chart(
        p,
        "waits",
        "How long answered calls waited",
        &note,
        &charts::waits(report, threshold as f64),
    );
    let mut note = format!(
        "Over the whole period: service level {} % (20 s, abandons count against), abandonment {} % of queue-offered calls.",
        p.num("/service_level_pct/20s/count_against", 1),
        p.num("/abandonment_pct/queue_offered", 1),
    );
    if let Some(hours) = report.grouping("by_hour") {
        // Hours with at least 2 % of the calls: a night hour of a few calls says little.
        let enough = value(&report.overall, "calls.offered").unwrap_or(0.0) * 0.02;
        let worst = hours
            .groups
            .iter()
            .filter(|(_, _, f)| value(f, "calls.offered").unwrap_or(0.0) >= enough)
            .filter_map(|(k, _, f)| Some((k, value(f, "service_level_pct.20s.count_against")?)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((hour, _)) = worst {
            let ptr = pointer(&["by_hour", hour, "service_level_pct", "20s", "count_against"]);
            let _ = write!(
                note,
                " Lowest service level (hours with 2 % of the calls or more): {} at {} %.",
                escape(hour),
                p.num(&ptr, 1)
            );
        }
    }
    chart(
        p,
        "by-hour",
        "Service level and abandonment by hour of the day",
        &note,
        &charts::by_hour(report),
    );
    let mut note = format!("AHT over all handled calls: {} s.", p.num("/aht_s", 1));
    if let Some(types) = report.grouping("by_type") {
        if let Some((kind, _)) = types
            .groups
            .iter()
            .filter_map(|(k, _, f)| Some((k, value(f, "aht_s")?)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
        {
            let ptr = pointer(&["by_type", kind, "aht_s"]);
            let _ = write!(note, " Longest: {} at {} s.", escape(kind), p.num(&ptr, 1));
        }
    }
    chart(
        p,
        "aht",
        "Average handle time by call type",
        &note,
        &charts::aht_by_type(report),
    );
    let mut note = format!(
        "{} calls offered in {}.",
        p.num("/calls/offered", 0),
        escape(&report.period)
    );
    if let Some(days) = report.grouping("by_day") {
        if let Some((day, _)) = days
            .groups
            .iter()
            .filter_map(|(k, _, f)| Some((k, value(f, "calls.offered")?)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
        {
            let ptr = pointer(&["by_day", day, "calls", "offered"]);
            let _ = write!(
                note,
                " Busiest day: {} with {} calls.",
                escape(day),
                p.num(&ptr, 0)
            );
        }
    }
    chart(
        p,
        "per-day",
        "Calls per day",
        &note,
        &charts::per_day(report),
    );
    if report.grouping("by_week").is_some() {
        let note = format!(
            "CSAT over the period {} % (95 % interval {}–{} %); mean rating {} of 5.",
            p.num("/csat_pct", 1),
            p.num("/ci95/csat_pct/0", 1),
            p.num("/ci95/csat_pct/1", 1),
            p.num("/mean_rating", 2),
        );
        chart(
            p,
            "csat",
            "CSAT by week, with its 95 % interval",
            &note,
            &charts::csat_by_week(report),
        );
    }
}

/// The service level under each treatment of abandons, at each threshold.
fn service_levels(p: &mut Page<'_>, report: &Report) {
    p.push("<section><h2>Service level by treatment of abandoned calls</h2>");
    if let Some((key, words, t)) = short_abandon_rule(report.short_abandons) {
        // As many decimals as the threshold has, up to the millisecond.
        let digits = (0..3)
            .find(|&d| (t.subsec_nanos() % 10u32.pow(9 - d)) == 0)
            .unwrap_or(3) as usize;
        let _ = write!(
            p.out,
            "<p class=\"figure-note\">Short abandons: waits {words} {} s ({} calls); \
<i>short as met</i> counts them as answered in time, <i>exclude short</i> leaves them out.</p>",
            p.num(&pointer(&[key]), digits),
            p.num("/calls/short_abandoned", 0),
        );
    }
    p.push("<table><thead><tr><th>treatment</th>");
    for t in THRESHOLDS {
        let _ = write!(p.out, "<th>{t} s, %</th>");
    }
    p.push("</tr></thead><tbody>");
    for treatment in cxkpi::AbandonTreatment::ALL {
        let name = treatment.as_str();
        let _ = write!(p.out, "<tr><th>{}</th>", name.replace('_', " "));
        for t in THRESHOLDS {
            let cell = p.cell(&pointer(&["service_level_pct", &format!("{t}s"), name]), 2);
            p.push(&cell);
        }
        p.push("</tr>");
    }
    p.push("</tbody></table></section>\n");
}

/// One breakdown as a table; columns no group has are left out.
fn breakdown(p: &mut Page<'_>, report: &Report, name: &str, heading: &str, key: &str) {
    let Some(grouping) = report.grouping(name) else {
        return;
    };
    let has = |path: &str| {
        grouping
            .groups
            .iter()
            .any(|(_, _, f): &(String, String, Vec<Figure>)| value(f, path).is_some())
    };
    let columns: Vec<_> = COLUMNS.iter().filter(|(_, path, _)| has(path)).collect();
    let _ = write!(
        p.out,
        "<section><h2>{heading}</h2><table class=\"breakdown\"><thead><tr><th>{key}</th>"
    );
    for (header, _, _) in &columns {
        let _ = write!(p.out, "<th>{header}</th>");
    }
    p.push("</tr></thead><tbody>");
    for (group, _, _) in &grouping.groups {
        let _ = write!(p.out, "<tr><th>{}</th>", escape(group));
        for (_, path, digits) in &columns {
            let segments: Vec<&str> = std::iter::once(name)
                .chain(std::iter::once(group.as_str()))
                .chain(path.split('.'))
                .collect();
            let cell = p.cell(&pointer(&segments), *digits);
            p.push(&cell);
        }
        p.push("</tr>");
    }
    p.push("</tbody></table></section>\n");
}

/// The data-quality panel: each quirk, its rows and the policy applied.
fn quality(p: &mut Page<'_>, report: &Report) {
    let _ = write!(
        p.out,
        "<section class=\"quality\" data-chart=\"quality\"><h2>Data quality: what the log holds and what the report did</h2>\
<p class=\"figure-note\">{} data rows read.</p><table><thead><tr><th>quirk</th><th>rows</th><th>policy applied</th></tr></thead><tbody>",
        p.num("/rows", 0)
    );
    if report.quirks.is_empty() {
        p.push("<tr><td colspan=\"3\">none met</td></tr>");
    }
    for (quirk, _, policy) in &report.quirks {
        let cell = p.cell(&pointer(&["quirks", quirk, "rows"]), 0);
        let _ = write!(
            p.out,
            "<tr><th>{}</th>{cell}<td>{}</td></tr>",
            escape(quirk),
            escape(policy)
        );
    }
    p.push("</tbody></table></section>\n");
}

/// The page's styles: screen and A4 print.
const STYLE: &str = "\
:root{--ink:#222;--muted:#555;--rule:#d0d0d0;--blue:#0072B2;--sky:#56B4E9}\
*{box-sizing:border-box}\
body{font-family:'Helvetica Neue',Arial,'Liberation Sans',sans-serif;color:var(--ink);max-width:1020px;margin:0 auto;padding:24px 28px;line-height:1.4;background:#fff}\
h1{font-size:26px;margin:0 0 4px}h2{font-size:17px;margin:0 0 4px}\
.meta{color:var(--muted);margin:0 0 18px;font-size:13px}\
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin:0 0 22px}\
.card{border:1px solid var(--rule);border-left:5px solid var(--blue);border-radius:4px;padding:8px 12px}\
.card .label{font-size:12px;color:var(--muted);letter-spacing:.01em}\
.card .value{font-size:24px;font-weight:600}\
figure.chart{margin:0 0 26px;padding:12px 14px;border:1px solid var(--rule);border-radius:4px}\
figure.chart svg{width:100%;height:auto;display:block}\
.figure-note{margin:0 0 8px;font-size:13.5px;color:#333}\
.figure-note .num{font-weight:600}\
section{margin:0 0 26px}\
table{border-collapse:collapse;font-size:12.5px;width:100%}\
th,td{padding:3px 8px;border-bottom:1px solid #e6e6e6;text-align:right;font-variant-numeric:tabular-nums}\
th:first-child{text-align:left}thead th{border-bottom:2px solid #999;font-weight:600}\
tbody th{font-weight:500}\
.quality td:last-child{text-align:left}\
footer{color:var(--muted);font-size:12px;border-top:1px solid var(--rule);padding-top:8px}\
@media print{@page{size:A4;margin:12mm}body{max-width:none;padding:0;font-size:10pt}\
figure.chart,section,tr{break-inside:avoid}.cards{grid-template-columns:repeat(4,1fr)}\
figure.chart{border:none;padding:0}}";
