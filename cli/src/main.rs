//! `cxkpi`: the KPI report of a contact-centre log, and the entry point of
//! the external subcommands (`cxkpi sql` runs `cxkpi-sql`).

mod args;
mod external;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use cxkpi::ShortAbandons;
use cxkpi_cli::kpis::SHORT_ABANDONS;
use cxkpi_cli::{
    Format, Input, InputTime, Mapping, StaffingGoal, TimeBasis, html, json, run_report, text, tidy,
};

use args::{Cli, Command, Dataset, InputTimeArg, LogFormat, ReportArgs};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Report(args) => match report(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(Failure::Usage(message)) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
            Err(Failure::Input(message)) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
        Command::External(args) => external::run(&args),
    }
}

/// Why `report` failed: the arguments (exit 2) or the data or output (exit 1).
enum Failure {
    Usage(String),
    Input(String),
}

/// The input the arguments name.
fn input(args: &ReportArgs) -> Result<Input, Failure> {
    let mut input = match (&args.log, args.dataset) {
        (None, Dataset::Bank) => Input::bundled_bank(),
        (None, Dataset::Pwc) => Input::bundled_pwc(),
        (Some(path), _) => {
            let format = match (args.format, args.columns.is_empty()) {
                (Some(LogFormat::Bank), true) => Format::Bank,
                (Some(LogFormat::Pwc), true) => Format::Mapped {
                    mapping: Box::new(Mapping::pwc()),
                    delimiter: b',',
                },
                (Some(LogFormat::Bank | LogFormat::Pwc), false) => {
                    return Err(Failure::Usage(
                        "--column maps a `mapped` log; drop --format or the --column options"
                            .into(),
                    ));
                }
                (Some(LogFormat::Mapped) | None, false) => {
                    let mut mapping = Mapping::default();
                    for pair in &args.columns {
                        mapping.set(pair).map_err(Failure::Usage)?;
                    }
                    Format::Mapped {
                        mapping: Box::new(mapping),
                        delimiter: delimiter(&args.delimiter)?,
                    }
                }
                (Some(LogFormat::Mapped) | None, true) => {
                    return Err(Failure::Usage(
                        "--log needs --format bank|pwc, or --column FIELD=COLUMN mappings (see `cxkpi report --help`)".into(),
                    ));
                }
            };
            Input::file(path, format)
        }
    };
    if let Some(title) = &args.title {
        input.title.clone_from(title);
    }
    Ok(input)
}

/// The delimiter argument as one byte.
fn delimiter(text: &str) -> Result<u8, Failure> {
    match text {
        "\\t" | "\t" | "tab" => Ok(b'\t'),
        t if t.len() == 1 && t.is_ascii() => Ok(t.as_bytes()[0]),
        t => Err(Failure::Usage(format!(
            "--delimiter {t:?}: one ASCII character, or \\t for tab"
        ))),
    }
}

fn report(args: &ReportArgs) -> Result<(), Failure> {
    let input = input(args)?;
    let zone = args
        .tz
        .as_deref()
        .map(|name| {
            name.parse::<chrono_tz::Tz>().map_err(|_| {
                Failure::Usage(format!(
                    "--tz {name:?} is not an IANA time zone name (such as Europe/Paris or UTC)"
                ))
            })
        })
        .transpose()?;
    let input_time = match args.input_time {
        InputTimeArg::Local => InputTime::Local,
        InputTimeArg::Utc => InputTime::Utc,
    };
    if !(args.sl_goal > 0.0 && args.sl_goal < 100.0) {
        return Err(Failure::Usage(format!(
            "--sl-goal {}: a percentage strictly between 0 and 100",
            args.sl_goal
        )));
    }
    let goal = StaffingGoal {
        pct: args.sl_goal,
        within: Duration::from_secs(20),
    };
    let short = short_abandons(args)?;
    let basis = TimeBasis::new(zone, input_time);
    let report =
        run_report(&input, &basis, goal, short).map_err(|e| Failure::Input(e.to_string()))?;
    let doc = json::document(&report);
    if let Some(path) = &args.html {
        let page = html::page(&report, &doc);
        write_to(path, |out| out.write_all(page.as_bytes()))?;
    }
    if let Some(path) = &args.csv {
        write_to(path, |out| {
            tidy::write(&report, out).map_err(std::io::Error::other)
        })?;
    }
    if !args.quiet {
        let out = if args.json {
            serde_json::to_string_pretty(&doc).map_err(|e| Failure::Input(e.to_string()))? + "\n"
        } else {
            text::text(&doc)
        };
        write_to(Path::new("-"), |w| w.write_all(out.as_bytes()))?;
    }
    Ok(())
}

/// The short-abandon rule the arguments name.
fn short_abandons(args: &ReportArgs) -> Result<ShortAbandons, Failure> {
    let (option, rule) = match (args.short_abandon_below, args.short_abandon_at_most) {
        (Some(secs), _) => ("below", ShortAbandons::below_secs(secs).map_err(|_| secs)),
        (None, Some(secs)) => (
            "at-most",
            ShortAbandons::at_most_secs(secs).map_err(|_| secs),
        ),
        (None, None) => return Ok(SHORT_ABANDONS),
    };
    rule.map_err(|secs| {
        Failure::Usage(format!(
            "--short-abandon-{option} {secs}: seconds, zero or more (such as 5 or 2.5)"
        ))
    })
}

/// Writes to `path`, or to stdout for `-`.
fn write_to(
    path: &Path,
    body: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let fail = |e: std::io::Error| Failure::Input(format!("{}: cannot write: {e}", path.display()));
    if path == Path::new("-") {
        let stdout = std::io::stdout();
        let mut lock = stdout.lock();
        return match body(&mut lock).and_then(|()| lock.flush()) {
            // A closed pipe (`cxkpi report | head`) is the reader's choice, not an error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(fail),
        };
    }
    let file = File::create(path).map_err(fail)?;
    let mut out = BufWriter::new(file);
    body(&mut out).and_then(|()| out.flush()).map_err(fail)
}
