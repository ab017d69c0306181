//! Every figure of the report as one tidy long table (`--csv`):
//! `kpi,group_by,group,period,value,unit,n,ci_low,ci_high`, one figure a
//! row, RFC 4180 quoting, blank for a figure the data cannot give.

use std::io::Write;

use crate::figure::{Amount, Figure};
use crate::kpis::short_abandon_rule;
use crate::report::Report;

/// The header of the table.
pub const HEADER: [&str; 9] = [
    "kpi", "group_by", "group", "period", "value", "unit", "n", "ci_low", "ci_high",
];

/// Writes the table of `report` to `out`: one plain loop per kind of figure.
///
/// # Errors
///
/// Writing fails.
#[allow(clippy::too_many_lines)]
pub fn write(report: &Report, out: impl Write) -> Result<(), csv::Error> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(HEADER)?;
    let mut row = |f: &Figure, group_by: &str, group: &str, period: &str| {
        let value = match f.value {
            Amount::Count(n) => n.to_string(),
            Amount::Real(x) if x.is_finite() => x.to_string(),
            Amount::Real(_) | Amount::Missing => String::new(),
        };
        let n = f.n.map(|n| n.to_string()).unwrap_or_default();
        let (low, high) = f.ci.map_or((String::new(), String::new()), |(l, h)| {
            (l.to_string(), h.to_string())
        });
        csv.write_record([
            f.path.as_str(),
            group_by,
            group,
            period,
            &value,
            f.unit,
            &n,
            &low,
            &high,
        ])
    };
    // The rule behind every short-abandon figure, named as in the JSON.
    if let Some((key, _, t)) = short_abandon_rule(report.short_abandons) {
        let rule = Figure::new(key, "s", Amount::Real(t.as_secs_f64()), None);
        row(&rule, "all", "all", &report.period)?;
    }
    for f in &report.overall {
        row(f, "all", "all", &report.period)?;
    }
    for grouping in &report.groupings {
        for (group, period, figures) in &grouping.groups {
            for f in figures {
                row(f, grouping.group_by, group, period)?;
            }
        }
    }
    for (hour, calls, share) in &report.peak_hours {
        row(
            &Figure::new("peak_hour.calls", "calls", Amount::Count(*calls), None),
            "hour_of_day",
            hour,
            &report.period,
        )?;
        row(
            &Figure::new(
                "peak_hour.share_pct",
                "%",
                Amount::Real(*share),
                Some(report.overall_offered()),
            ),
            "hour_of_day",
            hour,
            &report.period,
        )?;
    }
    let s = &report.staffing;
    for h in &s.half_hours {
        let agents = h
            .agents
            .map_or(Amount::Missing, |a| Amount::Count(u64::from(a)));
        row(
            &Figure::new("staffing.offered", "calls", Amount::Count(h.offered), None),
            "half_hour",
            &h.start,
            &report.period,
        )?;
        row(
            &Figure::new(
                "staffing.offered_per_day",
                "calls",
                Amount::Real(h.per_day),
                Some(s.days as u64),
            ),
            "half_hour",
            &h.start,
            &report.period,
        )?;
        row(
            &Figure::new("staffing.agents_required_erlang_c", "agents", agents, None),
            "half_hour",
            &h.start,
            &report.period,
        )?;
    }
    let width = report.waits.bin.as_secs();
    for (i, &n) in report.waits.counts.iter().enumerate() {
        let low = i as u64 * width;
        let group = if i + 1 == report.waits.counts.len() {
            format!("{low}+")
        } else {
            format!("{low}-{}", low + width)
        };
        row(
            &Figure::new(
                "answer_wait_histogram.calls",
                "calls",
                Amount::Count(n),
                None,
            ),
            "answer_wait_s",
            &group,
            &report.period,
        )?;
    }
    for (quirk, n, _) in &report.quirks {
        row(
            &Figure::new("quirk.rows", "rows", Amount::Count(*n), Some(report.rows)),
            "quirk",
            quirk,
            &report.period,
        )?;
    }
    csv.flush()?;
    Ok(())
}
