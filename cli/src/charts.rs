//! The report's charts, drawn with plotters on its SVG backend and embedded
//! inline in the HTML page. Colours are the Okabe–Ito palette, told apart
//! with every common colour-vision deficiency (Okabe & Ito 2008).

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::figure::value;
use crate::report::Report;

/// Okabe–Ito blue: the main series.
const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe–Ito orange: the second series.
const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
/// Okabe–Ito vermillion: thresholds and marks.
const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Okabe–Ito sky blue: a third series.
const SKY: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
/// Okabe–Ito bluish green.
const GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// Axis and text grey.
const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);

/// The size of every chart, in CSS pixels: two fit an A4 page's height and
/// one its width (the page scales them to the column).
const SIZE: (u32, u32) = (760, 300);

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Drawn = Result<(), Box<dyn std::error::Error>>;

/// An SVG chart drawn by `draw`; a drawing failure becomes a note in place
/// of the chart rather than a missing page.
fn svg(draw: impl FnOnce(&Area<'_>) -> Drawn) -> String {
    let mut out = String::new();
    let result = {
        let root = SVGBackend::with_string(&mut out, SIZE).into_drawing_area();
        root.fill(&WHITE)
            .map_err(Into::into)
            .and_then(|()| draw(&root))
            .and_then(|()| root.present().map_err(Into::into))
    };
    match result {
        Ok(()) => out,
        Err(e) => format!("<p class=\"note\">chart unavailable: {e}</p>"),
    }
}

fn font(size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&INK)
}

/// The upper end of an axis showing `max`, with headroom for the legend.
fn top(max: f64) -> f64 {
    if max > 0.0 { max * 1.3 } else { 1.0 }
}

/// Calls offered per half hour of the mean day (bars, left axis) and the
/// agents they need under Erlang C (line, right axis).
pub fn arrivals(report: &Report) -> String {
    let s = &report.staffing;
    let (Some(first), Some(last)) = (s.half_hours.first(), s.half_hours.last()) else {
        return String::new();
    };
    let index = |start: &str| -> f64 {
        let (h, m) = start.split_once(':').unwrap_or(("0", "0"));
        h.parse::<f64>().unwrap_or(0.0) * 2.0 + m.parse::<f64>().unwrap_or(0.0) / 30.0
    };
    let (x0, x1) = (index(&first.start), index(&last.start) + 1.0);
    let max_calls = s.half_hours.iter().map(|h| h.per_day).fold(0.0, f64::max);
    let max_agents = s
        .half_hours
        .iter()
        .filter_map(|h| h.agents)
        .max()
        .unwrap_or(1);
    svg(|root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(56)
            .right_y_label_area_size(56)
            .build_cartesian_2d(x0..x1, 0.0..top(max_calls))?
            .set_secondary_coord(x0..x1, 0.0..top(f64::from(max_agents)));
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(12)
            .x_label_formatter(&|x| clock_label(*x))
            .x_desc("start of the half hour (local time)")
            .y_desc("calls offered per 30 min (mean day)")
            .label_style(font(12))
            .axis_desc_style(font(13))
            .y_label_formatter(&|y: &f64| format!("{y:.0}"))
            .light_line_style(TRANSPARENT)
            .draw()?;
        chart
            .configure_secondary_axes()
            .y_label_formatter(&|y: &f64| format!("{y:.0}"))
            .y_desc("agents required (Erlang C)")
            .label_style(font(12))
            .axis_desc_style(font(13))
            .draw()?;
        chart
            .draw_series(s.half_hours.iter().map(|h| {
                let x = index(&h.start);
                Rectangle::new([(x + 0.08, 0.0), (x + 0.92, h.per_day)], SKY.filled())
            }))?
            .label("calls offered per 30 min")
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 16, y + 5)], SKY.filled()));
        let agents: Vec<(f64, f64)> = s
            .half_hours
            .iter()
            .filter_map(|h| h.agents.map(|a| (index(&h.start) + 0.5, f64::from(a))))
            .collect();
        chart
            .draw_secondary_series(LineSeries::new(agents.clone(), BLUE.stroke_width(3)))?
            .label(format!(
                "agents required for {} % within {} s",
                s.goal.pct,
                s.goal.within.as_secs()
            ))
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], BLUE.stroke_width(3)));
        chart.draw_secondary_series(agents.iter().map(|&p| Circle::new(p, 3, BLUE.filled())))?;
        legend(&mut chart, SeriesLabelPosition::UpperLeft)
    })
}

/// `HH:MM` of a half-hour index.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn clock_label(x: f64) -> String {
    let half = x.round().max(0.0) as u32;
    format!("{:02}:{:02}", half / 2 % 24, half % 2 * 30)
}

fn legend<'a, DB: DrawingBackend + 'a, CT: CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
) -> Drawn
where
    DB::ErrorType: 'static,
{
    chart
        .configure_series_labels()
        .position(position)
        .background_style(WHITE.mix(0.85))
        .border_style(INK.mix(0.4))
        .label_font(font(12))
        .draw()?;
    Ok(())
}

/// The waits of answered calls in bins, with the first service-level
/// threshold marked.
pub fn waits(report: &Report, threshold_s: f64) -> String {
    let h = &report.waits;
    if h.counts.iter().all(|&n| n == 0) {
        return String::new();
    }
    let width = h.bin.as_secs_f64();
    let x1 = width * h.counts.len() as f64;
    let max = h.counts.iter().copied().max().unwrap_or(0) as f64;
    svg(|root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(64)
            .build_cartesian_2d(0.0..x1, 0.0..top(max))?;
        let last = x1 - width;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(12)
            .x_label_formatter(&|x| {
                if *x >= last {
                    format!("≥{x:.0}")
                } else {
                    format!("{x:.0}")
                }
            })
            .x_desc("wait before answer, seconds (last bar: that long or longer)")
            .y_desc("answered calls")
            .label_style(font(12))
            .axis_desc_style(font(13))
            .y_label_formatter(&|y: &f64| format!("{y:.0}"))
            .light_line_style(TRANSPARENT)
            .draw()?;
        chart.draw_series(h.counts.iter().enumerate().map(|(i, &n)| {
            let x = i as f64 * width;
            let colour = if x + width <= threshold_s { BLUE } else { SKY };
            Rectangle::new(
                [(x + width * 0.05, 0.0), (x + width * 0.95, n as f64)],
                colour.filled(),
            )
        }))?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(threshold_s, 0.0), (threshold_s, top(max))],
                VERMILLION.stroke_width(3),
            )))?
            .label(format!("service-level threshold {threshold_s} s"))
            .legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], VERMILLION.stroke_width(3))
            });
        legend(&mut chart, SeriesLabelPosition::UpperRight)
    })
}

/// Service level (20 s, abandons counted against) and abandonment
/// (queue-offered calls) by hour of the day.
pub fn by_hour(report: &Report) -> String {
    let Some(hours) = report.grouping("by_hour") else {
        return String::new();
    };
    let series = |path: &str| -> Vec<(f64, f64)> {
        hours
            .groups
            .iter()
            .filter_map(|(key, _, f)| {
                Some((key.get(0..2)?.parse::<f64>().ok()? + 0.5, value(f, path)?))
            })
            .collect()
    };
    let sl = series("service_level_pct.20s.count_against");
    let abandon = series("abandonment_pct.queue_offered");
    svg(|root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(56)
            .build_cartesian_2d(0.0..24.0, 0.0..100.0)?;
        chart
            .configure_mesh()
            .x_labels(13)
            .x_label_formatter(&|x: &f64| format!("{:02}:00", x.round()))
            .x_desc("hour of arrival (local time)")
            .y_desc("% of calls")
            .label_style(font(12))
            .axis_desc_style(font(13))
            .y_label_formatter(&|y: &f64| format!("{y:.0}"))
            .light_line_style(TRANSPARENT)
            .draw()?;
        for (points, colour, name) in [
            (
                &sl,
                BLUE,
                "service level: answered within 20 s (abandons count against)",
            ),
            (&abandon, VERMILLION, "abandonment of queue-offered calls"),
        ] {
            // One line per run of consecutive hours: no line across hours without calls.
            let runs = points.chunk_by(|a, b| b.0 - a.0 <= 1.0);
            for (i, run) in runs.enumerate() {
                let drawn = chart
                    .draw_series(LineSeries::new(run.iter().copied(), colour.stroke_width(3)))?;
                if i == 0 {
                    drawn.label(name).legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(3))
                    });
                }
            }
            chart.draw_series(points.iter().map(|&p| Circle::new(p, 3, colour.filled())))?;
        }
        legend(&mut chart, SeriesLabelPosition::UpperRight)
    })
}

/// AHT by call type, stacked by component (talk, hold, wrap-up when the
/// data has them).
pub fn aht_by_type(report: &Report) -> String {
    let Some(types) = report.grouping("by_type") else {
        return String::new();
    };
    let rows: Vec<(&str, [f64; 3])> = types
        .groups
        .iter()
        .filter_map(|(key, _, f)| {
            value(f, "aht_s")?;
            let part = |p: &str| value(f, p).unwrap_or(0.0);
            Some((
                key.as_str(),
                [part("aht_talk_s"), part("aht_hold_s"), part("aht_wrap_s")],
            ))
        })
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    let max = rows
        .iter()
        .map(|(_, p)| p.iter().sum::<f64>())
        .fold(0.0, f64::max);
    let n = rows.len() as f64;
    let names: Vec<String> = rows.iter().map(|(k, _)| (*k).to_owned()).collect();
    svg(|root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(44)
            .y_label_area_size(56)
            .build_cartesian_2d(0.0..n, 0.0..top(max))?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(rows.len() * 2 + 1)
            .x_label_formatter(&|x| label_at(&names, *x))
            .x_desc("call type")
            .y_desc("average handle time, seconds")
            .label_style(font(12))
            .axis_desc_style(font(13))
            .y_label_formatter(&|y: &f64| format!("{y:.0}"))
            .light_line_style(TRANSPARENT)
            .draw()?;
        let components = [
            (0, BLUE, "talk"),
            (1, ORANGE, "hold"),
            (2, GREEN, "wrap-up"),
        ];
        for (c, colour, name) in components {
            if rows.iter().all(|(_, p)| p[c] == 0.0) {
                continue;
            }
            chart
                .draw_series(rows.iter().enumerate().map(|(i, (_, p))| {
                    let below: f64 = p[..c].iter().sum();
                    let x = i as f64;
                    Rectangle::new(
                        [(x + 0.15, below), (x + 0.85, below + p[c])],
                        colour.filled(),
                    )
                }))?
                .label(name)
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 16, y + 5)], colour.filled())
                });
        }
        legend(&mut chart, SeriesLabelPosition::UpperRight)
    })
}

/// The name of the category whose bar is centred at `x`, blank between bars.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn label_at(names: &[String], x: f64) -> String {
    let i = x.floor();
    if i < 0.0 || (x - i - 0.5).abs() > 0.01 {
        return String::new();
    }
    names.get(i as usize).cloned().unwrap_or_default()
}

/// Calls per day, answered and abandoned stacked.
pub fn per_day(report: &Report) -> String {
    let Some(days) = report.grouping("by_day") else {
        return String::new();
    };
    let rows: Vec<(&str, f64, f64)> = days
        .groups
        .iter()
        .map(|(key, _, f)| {
            (
                key.as_str(),
                value(f, "calls.answered").unwrap_or(0.0),
                value(f, "calls.abandoned").unwrap_or(0.0),
            )
        })
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    let max = rows.iter().map(|(_, a, b)| a + b).fold(0.0, f64::max);
    let names: Vec<String> = rows
        .iter()
        .map(|(k, _, _)| k.get(5..).unwrap_or(k).to_owned())
        .collect();
    let step = (rows.len() / 14).max(1);
    svg(|root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(64)
            .build_cartesian_2d(0.0..rows.len() as f64, 0.0..top(max))?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(rows.len() * 2 + 1)
            .x_label_formatter(&|x| {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let i = x.floor().max(0.0) as usize;
                if i % step == 0 {
                    label_at(&names, *x)
                } else {
                    String::new()
                }
            })
            .x_desc("day (month-day, local time)")
            .y_desc("calls offered")
            .label_style(font(11))
            .axis_desc_style(font(13))
            .y_label_formatter(&|y: &f64| format!("{y:.0}"))
            .light_line_style(TRANSPARENT)
            .draw()?;
        chart
            .draw_series(rows.iter().enumerate().map(|(i, (_, answered, _))| {
                Rectangle::new(
                    [(i as f64 + 0.1, 0.0), (i as f64 + 0.9, *answered)],
                    BLUE.filled(),
                )
            }))?
            .label("answered")
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 16, y + 5)], BLUE.filled()));
        chart
            .draw_series(
                rows.iter()
                    .enumerate()
                    .map(|(i, (_, answered, abandoned))| {
                        Rectangle::new(
                            [
                                (i as f64 + 0.1, *answered),
                                (i as f64 + 0.9, answered + abandoned),
                            ],
                            ORANGE.filled(),
                        )
                    }),
            )?
            .label("abandoned")
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 16, y + 5)], ORANGE.filled()));
        legend(&mut chart, SeriesLabelPosition::UpperRight)
    })
}

/// CSAT per week with its 95 % Wilson interval.
pub fn csat_by_week(report: &Report) -> String {
    let Some(weeks) = report.grouping("by_week") else {
        return String::new();
    };
    let rows: Vec<(&str, f64, (f64, f64))> = weeks
        .groups
        .iter()
        .filter_map(|(key, _, f)| {
            let figure = crate::figure::find(f, "csat_pct")?;
            Some((key.as_str(), figure.value.as_f64()?, figure.ci?))
        })
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    let low = rows.iter().map(|r| r.2.0).fold(100.0, f64::min);
    let high = rows.iter().map(|r| r.2.1).fold(0.0, f64::max);
    let (y0, y1) = (
        ((low - 5.0) / 10.0).floor().max(0.0) * 10.0,
        (((high + 5.0) / 10.0).ceil() * 10.0).min(100.0),
    );
    let names: Vec<String> = rows
        .iter()
        .map(|(k, _, _)| k.get(5..).unwrap_or(k).to_owned())
        .collect();
    svg(|root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(56)
            .build_cartesian_2d(0.0..rows.len() as f64, y0..y1)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(rows.len() * 2 + 1)
            .x_label_formatter(&|x| label_at(&names, *x))
            .x_desc("week starting Monday (month-day)")
            .y_desc("CSAT, % rating 4-5 of 5")
            .label_style(font(12))
            .axis_desc_style(font(13))
            .y_label_formatter(&|y: &f64| format!("{y:.0}"))
            .light_line_style(TRANSPARENT)
            .draw()?;
        chart
            .draw_series(rows.iter().enumerate().map(|(i, (_, _, (lo, hi)))| {
                let x = i as f64 + 0.5;
                PathElement::new(vec![(x, *lo), (x, *hi)], SKY.stroke_width(3))
            }))?
            .label("95 % interval (Wilson)")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], SKY.stroke_width(3)));
        chart
            .draw_series(
                rows.iter().enumerate().map(|(i, (_, csat, _))| {
                    Circle::new((i as f64 + 0.5, *csat), 4, BLUE.filled())
                }),
            )?
            .label("CSAT of the week")
            .legend(|(x, y)| Circle::new((x + 8, y), 4, BLUE.filled()));
        legend(&mut chart, SeriesLabelPosition::UpperRight)
    })
}
