//! Staffing a real day: the "Anonymous Bank" call centre, February 1999.
//!
//! Run with `cargo run --example staffing`.
//!
//! The log (`examples/data/anonymous-bank-feb1999/`, see its `SOURCE.md`) is
//! the call-by-call record of an Israeli bank's call centre, the data of
//! Brown et al., "Statistical Analysis of a Telephone Call Center", JASA
//! 2005. From the weekdays (Sunday to Thursday, the Israeli working week) it
//! derives, for each hour of the day:
//!
//! - the mean calls offered to the agents: every call that was answered or
//!   hung up in the agents' queue, by the hour it entered the voice response
//!   unit (`vru_entry`); PHANTOM rows and callers who hung up in the VRU are
//!   left out;
//! - the mean handle time: `ser_time` of the answered calls (talk only; the
//!   log has no wrap-up time).
//!
//! The callers' mean patience θ is estimated once for all weekdays, by
//! maximum likelihood for an exponential patience: every queued caller was
//! at risk of hanging up for as long as they waited, and an answered caller's
//! patience is only known to exceed their wait (censored), so
//!
//! ```text
//! θ = Σ queue waits of all queued callers / number who hung up in queue
//! ```
//!
//! The mean wait of those who hung up alone (Σ their waits / their number)
//! is printed next to it: it ignores the censored patience of the answered
//! callers and so underestimates θ.
//!
//! Each hour is then staffed for 80 % of calls answered within 20 s, with
//! Erlang C and with Erlang A side by side. Only `std` reads the file.

use core::time::Duration;
use std::error::Error;
use std::fs;
use std::path::Path;

use cxkpi::Percent;
use cxkpi::staffing::{Model, Plan, Shrinkage, StaffingTarget, Workload};

const LOG: &str = "examples/data/anonymous-bank-feb1999/data_anonymous_bank_february.txt";

/// The columns the example reads, by their header names.
const COLUMNS: [&str; 5] = ["date", "vru_entry", "q_time", "outcome", "ser_time"];

/// Per-hour sums over the weekdays of the month.
#[derive(Clone, Copy, Default)]
struct Hour {
    offered: u64,
    answered: u64,
    talk_secs: u64,
}

/// What the month's weekdays add up to.
struct Month {
    weekdays: u64,
    hours: [Hour; 24],
    /// Queued callers who hung up, and their total wait.
    hung_up: u64,
    hung_up_wait_secs: u64,
    /// Total wait of every queued caller, answered or not.
    queued_wait_secs: u64,
    answered_within_20: u64,
}

fn main() -> Result<(), Box<dyn Error>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(LOG);
    let month = read(&fs::read_to_string(&path)?)?;
    let days = month.weekdays as f64;

    // Maximum-likelihood mean patience, censored by the answered callers' waits.
    let patience_secs = month.queued_wait_secs as f64 / month.hung_up as f64;
    let naive_secs = month.hung_up_wait_secs as f64 / month.hung_up as f64;
    let patience = Duration::from_secs_f64(patience_secs);

    let mut workloads = Vec::new();
    let total_talk: u64 = month.hours.iter().map(|h| h.talk_secs).sum();
    let total_answered: u64 = month.hours.iter().map(|h| h.answered).sum();
    let mean_aht = total_talk as f64 / total_answered as f64;
    for hour in &month.hours {
        // An hour without answered calls has no handle time of its own.
        let aht = if hour.answered > 0 {
            hour.talk_secs as f64 / hour.answered as f64
        } else {
            mean_aht
        };
        workloads.push(Workload::from_secs(
            hour.offered as f64 / days,
            3600.0,
            aht,
        )?);
    }

    let target =
        StaffingTarget::new().service_level(Percent::new(80.0)?, Duration::from_secs(20))?;
    let erlang_c = Plan::new(&workloads, &target, Model::ErlangC)?;
    let erlang_a = Plan::new(&workloads, &target, Model::ErlangA { patience })?;

    let offered: u64 = month.hours.iter().map(|h| h.offered).sum();
    println!(
        "Anonymous Bank, February 1999: {} weekdays (Sun–Thu), {offered} calls offered to agents",
        month.weekdays
    );
    println!(
        "as recorded: {:.1} % hung up in queue, {:.1} % answered within 20 s",
        month.hung_up as f64 * 100.0 / offered as f64,
        month.answered_within_20 as f64 * 100.0 / offered as f64,
    );
    println!(
        "mean patience (censored MLE): {patience_secs:.0} s; mean wait of those who hung up: {naive_secs:.0} s"
    );
    println!("target: 80 % answered within 20 s\n");
    println!(
        "{:>5} {:>7} {:>6} | {:>9} {:>6} {:>7} | {:>9} {:>6} {:>7} {:>7}",
        "hour",
        "calls",
        "AHT s",
        "Erlang C",
        "SL %",
        "ASA s",
        "Erlang A",
        "SL %",
        "ASA s",
        "aband %"
    );
    for (h, (c, a)) in erlang_c
        .intervals()
        .iter()
        .zip(erlang_a.intervals())
        .enumerate()
    {
        let load = c.workload();
        if load.calls() == 0.0 {
            continue;
        }
        let (pc, pa) = (c.performance(), a.performance());
        println!(
            "{h:>2}:00 {:>7.1} {:>6.0} | {:>9} {:>6.1} {:>7.1} | {:>9} {:>6.1} {:>7.1} {:>7.2}",
            load.calls(),
            load.aht().as_secs_f64(),
            pc.agents(),
            pc.service_level().map_or(f64::NAN, Percent::get),
            pc.asa_secs(),
            pa.agents(),
            pa.service_level().map_or(f64::NAN, Percent::get),
            pa.asa_secs(),
            pa.abandonment().get(),
        );
    }
    println!(
        "\nday   {:>7.1}        | {:>6.0} ah {:>6.1} {:>7.1} | {:>6.0} ah {:>6.1} {:>7.1} {:>7.2}",
        erlang_c.calls(),
        erlang_c.agent_hours(),
        erlang_c.service_level()?.get(),
        erlang_c.asa_secs()?,
        erlang_a.agent_hours(),
        erlang_a.service_level()?.get(),
        erlang_a.asa_secs()?,
        erlang_a.abandonment()?.get(),
    );
    print_fractional(&erlang_c);
    let shrinkage = Shrinkage::from_pct(30.0)?;
    println!(
        "peak agents: Erlang C {} and Erlang A {}; scheduled at 30 % shrinkage: {} and {}",
        erlang_c.peak_agents(),
        erlang_a.peak_agents(),
        shrinkage.scheduled(erlang_c.peak_agents())?,
        shrinkage.scheduled(erlang_a.peak_agents())?,
    );
    Ok(())
}

/// Erlang C's continuous extension: the agents each hour needs exactly,
/// summed before any rounding (intervals of one hour each).
fn print_fractional(plan: &Plan) {
    let fractional: f64 = plan
        .intervals()
        .iter()
        .filter_map(|i| i.performance().fractional_agents())
        .sum();
    println!(
        "Erlang C agent-hours before rounding: {fractional:.1} (each hour rounded up: {:.0})",
        plan.agent_hours()
    );
}

/// Sums the log's weekday rows.
fn read(text: &str) -> Result<Month, Box<dyn Error>> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().ok_or("empty log")?.split('\t').collect();
    let mut at = [0; COLUMNS.len()];
    for (slot, name) in at.iter_mut().zip(COLUMNS) {
        *slot = header
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| format!("no column {name}"))?;
    }
    let [date, vru_entry, q_time, outcome, ser_time] = at;
    let mut month = Month {
        weekdays: 0,
        hours: [Hour::default(); 24],
        hung_up: 0,
        hung_up_wait_secs: 0,
        queued_wait_secs: 0,
        answered_within_20: 0,
    };
    let mut days_seen = [false; 32];
    for (n, line) in lines.enumerate() {
        // `lines` leaves the CR of CRLF on the last field.
        let fields: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
        let field = |i: usize| {
            fields
                .get(i)
                .copied()
                .ok_or_else(|| format!("line {}: too few fields", n + 2))
        };
        let outcome = field(outcome)?;
        if outcome == "PHANTOM" {
            continue;
        }
        // YYMMDD in February 1999, whose 1st was a Monday: day % 7 is 0 on
        // Sundays, 5 on Fridays and 6 on Saturdays.
        let day: usize = field(date)?.get(4..6).ok_or("bad date")?.parse()?;
        if day % 7 >= 5 {
            continue;
        }
        days_seen[day] = true;
        let hour: usize = field(vru_entry)?
            .split(':')
            .next()
            .ok_or("bad time")?
            .parse()?;
        let slot = month.hours.get_mut(hour).ok_or("hour beyond 23")?;
        let wait: u64 = field(q_time)?.parse()?;
        match outcome {
            "AGENT" => {
                slot.offered += 1;
                slot.answered += 1;
                slot.talk_secs += field(ser_time)?.parse::<u64>()?;
                month.queued_wait_secs += wait;
                if wait <= 20 {
                    month.answered_within_20 += 1;
                }
            }
            // A caller who hung up before the queue never reached the agents.
            "HANG" if wait > 0 => {
                slot.offered += 1;
                month.hung_up += 1;
                month.hung_up_wait_secs += wait;
                month.queued_wait_secs += wait;
            }
            _ => {}
        }
    }
    month.weekdays = days_seen.iter().filter(|&&d| d).count() as u64;
    Ok(month)
}
