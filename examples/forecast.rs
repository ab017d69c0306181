//! Forecasting a real week: the "Anonymous Bank" call centre, February 1999.
//!
//! Run with `cargo run --release --example forecast` (`-- --json` for JSON).
//!
//! The log (`examples/data/anonymous-bank-feb1999/`, see its `SOURCE.md`)
//! covers 1–28 February 1999, all 28 days: four whole weeks, Monday 1 to
//! Sunday 28 (1 February 1999 was a Monday). The example counts the calls
//! offered to the agents per hour of the week — every answered call, and
//! every call that hung up after joining the agent queue (`q_start` not
//! `0:00:00`), by the hour it entered the voice response unit
//! (`vru_entry`); PHANTOM rows and callers who hung up in the VRU are left
//! out, as in `examples/staffing.rs`. Times are the centre's local clock.
//!
//! Each method is fitted on the three weeks 1–21 February and forecasts
//! the holdout week 22–28 February hour by hour; its WAPE, MASE and the
//! coverage of its 95 % prediction intervals are printed. The method with
//! the lowest WAPE then forecasts the same week again (from the same three
//! weeks), and the forecast is staffed with Erlang C for 80 % of calls
//! answered within 20 s, at the mean handle time (`ser_time`, talk only)
//! of the training weeks' answered calls. Only `std` reads the file.

use core::time::Duration;
use std::error::Error;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use cxkpi::History;
use cxkpi::Percent;
use cxkpi::forecast::{Backtest, HoltWinters, Method, backtest};
use cxkpi::staffing::{Model, StaffingTarget};
use cxkpi::stats::Confidence;
use cxkpi::time::{DayOfWeek, IntervalLength, WeekInterval};

const LOG: &str = "examples/data/anonymous-bank-feb1999/data_anonymous_bank_february.txt";

/// The columns the example reads, by their header names.
const COLUMNS: [&str; 5] = ["date", "vru_entry", "q_start", "outcome", "ser_time"];

/// Monday 1 February 1999 in the numbering of `Arrival::week` (weeks
/// since Monday 1970-01-05): 10 619 days later, 1 517 weeks.
const FIRST_WEEK: i32 = 1517;

fn main() -> Result<(), Box<dyn Error>> {
    let json = std::env::args().skip(1).any(|a| a == "--json");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(LOG);
    let (history, train_talk_secs, train_answered) = read(&fs::read_to_string(&path)?)?;
    let confidence = Confidence::NINETY_FIVE;

    let methods = [
        Method::SeasonalNaive,
        Method::HistoricalAverage { weeks: 2 },
        Method::HistoricalAverage { weeks: 3 },
        Method::HoltWinters(HoltWinters::fitted()),
    ];
    let scored: Vec<(Method, Backtest)> = methods
        .into_iter()
        .map(|m| Ok((m, backtest(&history, m, 1, confidence)?)))
        .collect::<Result<_, cxkpi::Error>>()?;
    let (best_method, best) = scored
        .iter()
        .min_by(|a, b| a.1.wape_pct().total_cmp(&b.1.wape_pct()))
        .ok_or("no method")?;

    let aht = Duration::from_secs_f64(train_talk_secs as f64 / train_answered as f64);
    let target =
        StaffingTarget::new().service_level(Percent::new(80.0)?, Duration::from_secs(20))?;
    let plan = best.forecast().plan(aht, &target, Model::ErlangC)?;
    let agents: Vec<u32> = plan
        .intervals()
        .iter()
        .map(|i| i.performance().agents())
        .collect();
    let outcome = Outcome {
        weeks: history.weeks(),
        scored: &scored,
        best_method: *best_method,
        best,
        aht,
        agent_hours: plan.agent_hours(),
        peak: plan.peak_agents(),
        agents: &agents,
    };
    if json {
        println!("{}", outcome.json()?);
    } else {
        outcome.print()?;
    }
    Ok(())
}

/// What the example found, for printing.
struct Outcome<'a> {
    weeks: u32,
    scored: &'a [(Method, Backtest)],
    best_method: Method,
    best: &'a Backtest,
    aht: Duration,
    agent_hours: f64,
    peak: u32,
    agents: &'a [u32],
}

impl Outcome<'_> {
    fn totals(&self) -> (u64, f64) {
        (
            self.best.actual().iter().sum(),
            self.best.forecast().estimates().iter().sum(),
        )
    }

    fn json(&self) -> Result<String, std::fmt::Error> {
        let (actual_week, forecast_week) = self.totals();
        let (scored, best_method, aht, agents) =
            (self.scored, self.best_method, self.aht, self.agents);
        let mut out = String::from("{\"data\":\"Anonymous Bank, 1999-02-01..1999-02-28\",");
        write!(
            out,
            "\"training\":\"1999-02-01..1999-02-21 (3 weeks)\",\"holdout\":\"1999-02-22..1999-02-28\",\"interval_min\":60,\"confidence\":0.95,\"holdout_calls\":{actual_week},\"methods\":["
        )?;
        for (i, (method, b)) in scored.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write!(
                out,
                "{{\"method\":\"{}\",\"label\":\"{method}\",\"wape_pct\":{:.3},\"mase\":{:.4},\"mae\":{:.3},\"coverage_pct\":{:.2}",
                method.name(),
                b.wape_pct(),
                b.mase(),
                b.mae(),
                b.coverage().percent()
            )?;
            if let Some((a, be, g)) = b.forecast().smoothing() {
                write!(out, ",\"alpha\":{a},\"beta\":{be},\"gamma\":{g}")?;
            }
            out.push('}');
        }
        write!(
            out,
            "],\"best\":\"{best_method}\",\"plan\":{{\"model\":\"erlang_c\",\"service_level_pct\":80,\"answer_within_s\":20,\"aht_s\":{:.1},\"forecast_calls\":{forecast_week:.1},\"agent_hours\":{:.0},\"peak_agents\":{},\"agents_per_hour\":{{",
            aht.as_secs_f64(),
            self.agent_hours,
            self.peak
        )?;
        for (d, day) in DayOfWeek::ALL.iter().enumerate() {
            let hours: Vec<String> = agents[d * 24..(d + 1) * 24]
                .iter()
                .map(u32::to_string)
                .collect();
            if d > 0 {
                out.push(',');
            }
            write!(out, "\"{day}\":[{}]", hours.join(","))?;
        }
        out.push_str("}}}");
        Ok(out)
    }

    fn print(&self) -> Result<(), std::fmt::Error> {
        let (actual_week, forecast_week) = self.totals();
        let (scored, best_method, aht, agents) =
            (self.scored, self.best_method, self.aht, self.agents);

        println!(
            "Anonymous Bank, February 1999: calls offered to agents per hour, {} weeks from Monday 1 February",
            self.weeks
        );
        println!(
            "trained on 1–21 February (3 weeks), scored on 22–28 February ({actual_week} calls), 95 % intervals\n"
        );
        println!(
            "{:<28} {:>8} {:>7} {:>8} {:>10}",
            "method", "WAPE %", "MASE", "MAE", "coverage %"
        );
        for (method, b) in scored {
            let mut label = method.to_string();
            if let Some((a, be, g)) = b.forecast().smoothing() {
                write!(label, " α={a} β={be} γ={g}")?;
            }
            println!(
                "{label:<28} {:>8.2} {:>7.3} {:>8.2} {:>10.1}",
                b.wape_pct(),
                b.mase(),
                b.mae(),
                b.coverage().percent()
            );
        }
        println!(
            "\nbest by WAPE: {best_method}; its forecast staffed with Erlang C, 80 % within 20 s, AHT {:.0} s",
            aht.as_secs_f64()
        );
        println!(
            "forecast {forecast_week:.0} calls (actual {actual_week}); {:.0} agent-hours, peak {} agents\n",
            self.agent_hours, self.peak
        );
        print!("agents");
        for h in 0..24 {
            print!(" {h:>2}");
        }
        println!();
        for (d, day) in DayOfWeek::ALL.iter().enumerate() {
            print!("{day:<6}");
            for a in &agents[d * 24..(d + 1) * 24] {
                print!(" {a:>2}");
            }
            println!();
        }
        Ok(())
    }
}

/// The hourly history of the four weeks, and the training weeks' total talk
/// time and answered calls.
fn read(text: &str) -> Result<(History, u64, u64), Box<dyn Error>> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().ok_or("empty log")?.split('\t').collect();
    let mut at = [0; COLUMNS.len()];
    for (slot, name) in at.iter_mut().zip(COLUMNS) {
        *slot = header
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| format!("no column {name}"))?;
    }
    let [date, vru_entry, q_start, outcome, ser_time] = at;
    let hour = IntervalLength::Hour;
    let mut history = History::new(hour);
    let (mut talk, mut answered) = (0_u64, 0_u64);
    for (n, line) in lines.enumerate() {
        // `lines` leaves the CR of CRLF on the last field.
        let fields: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
        let field = |i: usize| {
            fields
                .get(i)
                .copied()
                .ok_or_else(|| format!("line {}: too few fields", n + 2))
        };
        let offered = match field(outcome)? {
            "AGENT" => true,
            // A caller who hung up before the queue never reached the agents.
            "HANG" => field(q_start)? != "0:00:00",
            _ => false, // PHANTOM: a virtual call
        };
        if !offered {
            continue;
        }
        // YYMMDD in February 1999, whose 1st was a Monday.
        let day: u16 = field(date)?.get(4..6).ok_or("bad date")?.parse()?;
        if !(1..=28).contains(&day) {
            return Err(format!("line {}: day {day} outside February 1999", n + 2).into());
        }
        let h: u16 = field(vru_entry)?
            .split(':')
            .next()
            .ok_or("bad time")?
            .parse()?;
        let slot = WeekInterval::from_index(hour, (day - 1) % 7 * 24 + h)?;
        let week = FIRST_WEEK + i32::from((day - 1) / 7);
        history.record_count(week, slot, 1)?;
        if field(outcome)? == "AGENT" && day <= 21 {
            talk += field(ser_time)?.parse::<u64>()?;
            answered += 1;
        }
    }
    Ok((history, talk, answered))
}
