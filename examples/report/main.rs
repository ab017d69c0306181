//! The KPI report of a real call-centre log: every KPI the data supports,
//! overall and by call type, agent, day and hour.
//!
//! ```text
//! cargo run --release --example report                         # Anonymous Bank, Feb 1999
//! cargo run --release --example report -- --json               # the same figures as JSON
//! cargo run --release --example report -- --dataset pwc --json # the PwC "PhoneNow" case
//! cargo run --release --example report -- --format bank PATH   # another log in a known format
//! cargo run --release --example report -- --csv PATH --column date=Date --column time=Time \
//!     --column answered=Answered --column wait=Wait ...         # any CSV log, see mapped.rs
//! ```
//!
//! Each quirk of the data (PHANTOM rows, negative and midnight-crossing
//! durations, served calls without an agent, blanks) is handled by a policy
//! stated in `calls.rs` and counted in the report.

mod calls;
mod kpis;
mod mapped;
mod render;

use std::path::PathBuf;
use std::process::ExitCode;

use cxkpi::Breakdown;
use serde_json::{Map, Value, json};

use calls::{Call, Quirks, load_bank, load_pwc};
use kpis::CallKpis;
use mapped::{Mapping, load_mapped};

/// The bundled datasets.
const BANK: &str = "examples/data/anonymous-bank-feb1999/data_anonymous_bank_february.txt";
const PWC: &str = "examples/data/pwc-call-centre/call_centre.csv";

/// Command-line options.
struct Options {
    json: bool,
    format: Format,
    path: PathBuf,
}

#[derive(Clone)]
enum Format {
    Bank,
    Pwc,
    Mapped(Box<Mapping>),
}

fn usage() -> String {
    "usage: report [--json] [--dataset bank|pwc] [--format bank|pwc PATH] \
     [--csv PATH --column FIELD=COLUMN...]"
        .to_owned()
}

fn parse_args() -> Result<Options, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut options = Options {
        json: false,
        format: Format::Bank,
        path: root.join(BANK),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => options.json = true,
            "--dataset" => match args.next().as_deref() {
                Some("bank") => (options.format, options.path) = (Format::Bank, root.join(BANK)),
                Some("pwc") => (options.format, options.path) = (Format::Pwc, root.join(PWC)),
                other => return Err(format!("unknown dataset {other:?}; {}", usage())),
            },
            "--format" => {
                options.format = match args.next().as_deref() {
                    Some("bank") => Format::Bank,
                    Some("pwc") => Format::Pwc,
                    other => return Err(format!("unknown format {other:?}; {}", usage())),
                };
                options.path = args.next().ok_or_else(usage)?.into();
            }
            "--csv" => {
                options.path = args.next().ok_or_else(usage)?.into();
                if !matches!(options.format, Format::Mapped(_)) {
                    options.format = Format::Mapped(Box::default());
                }
            }
            "--column" => {
                let pair = args.next().ok_or_else(usage)?;
                match &mut options.format {
                    Format::Mapped(mapping) => mapping.set(&pair)?,
                    _ => return Err(format!("--column goes after --csv PATH; {}", usage())),
                }
            }
            "-h" | "--help" => return Err(usage()),
            other => return Err(format!("unknown argument {other:?}; {}", usage())),
        }
    }
    Ok(options)
}

/// The whole report as JSON: overall figures at the top level, breakdowns nested.
pub fn report(title: &str, calls: &[Call], quirks: &Quirks) -> Value {
    let mut overall = CallKpis::default();
    overall.extend(calls);
    let by = |key: fn(&Call) -> Option<String>| -> Value {
        let mut groups = Breakdown::<String, CallKpis>::default();
        for call in calls {
            if let Some(key) = key(call) {
                groups.record(key, call);
            }
        }
        Value::Object(
            groups
                .iter()
                .map(|(k, kpis)| (k.clone(), kpis.figures()))
                .collect(),
        )
    };
    let peak: Vec<Value> = overall
        .hours()
        .busiest(3)
        .into_iter()
        .filter(|&(_, n)| n > 0)
        .map(|(hour, n)| {
            let share = overall
                .hours()
                .share(hour)
                .map_or(0.0, cxkpi::Rate::percent);
            json!({ "hour": hour.to_string(), "calls": n, "share_pct": share })
        })
        .collect();
    let policies: Map<String, Value> = quirks
        .notes
        .iter()
        .map(|(quirk, (n, policy))| ((*quirk).to_owned(), json!({ "rows": n, "policy": policy })))
        .collect();
    let mut doc = json!({
        "dataset": title,
        "rows": quirks.rows,
        "quirks": policies,
        "short_abandon_below_s": kpis::SHORT_ABANDON.as_secs(),
    });
    if let (Value::Object(doc), Value::Object(figures)) = (&mut doc, overall.figures()) {
        doc.extend(figures);
        doc.insert("peak_hours".to_owned(), Value::Array(peak));
        doc.insert("by_type".to_owned(), by(|c| Some(c.kind.clone())));
        // Agents answer calls: abandoned calls have no agent to group by.
        doc.insert(
            "by_agent".to_owned(),
            by(|c| match (&c.agent, c.ending) {
                (Some(agent), _) => Some(agent.clone()),
                (None, calls::Ending::Answered) => Some("(no agent)".to_owned()),
                (None, calls::Ending::Abandoned) => None,
            }),
        );
        doc.insert("by_day".to_owned(), by(|c| Some(c.day.clone())));
        doc.insert(
            "by_hour".to_owned(),
            by(|c| Some(format!("{:02}:00", c.hour))),
        );
    }
    doc
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let path_title = options.path.display().to_string();
    let (title, loaded) = match &options.format {
        Format::Bank => (
            "Anonymous Bank call centre, February 1999",
            load_bank(&options.path),
        ),
        Format::Pwc => ("PwC PhoneNow call centre, Q1 2021", load_pwc(&options.path)),
        Format::Mapped(mapping) => (path_title.as_str(), load_mapped(&options.path, mapping)),
    };
    let (calls, quirks) = match loaded {
        Ok(loaded) => loaded,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let doc = report(title, &calls, &quirks);
    if options.json {
        match serde_json::to_string_pretty(&doc) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", render::text(&doc));
    }
    ExitCode::SUCCESS
}
