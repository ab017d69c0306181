//! The command line, declared with clap's derive: every option documented
//! here is what `--help` prints.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Customer-service KPIs of contact-centre logs.
///
/// `cxkpi X ARGS…` for a command it does not have runs `cxkpi-X ARGS…`, found
/// next to this executable or else on PATH (so `cxkpi sql …` runs `cxkpi-sql`).
///
/// Exit status: 0 success, 1 unreadable input or unwritable output (one line on
/// stderr naming the file, line and column), 2 bad arguments or an unknown
/// command.
#[derive(Debug, Parser)]
#[command(name = "cxkpi", version, allow_external_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The KPI report of a call log: text (or JSON) on stdout, and optionally
    /// an HTML page with charts and a tidy CSV table.
    Report(ReportArgs),
    /// Any other command: runs `cxkpi-<command>`.
    #[command(external_subcommand)]
    External(Vec<OsString>),
}

/// The bundled data sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Dataset {
    /// Anonymous Bank call centre, February 1999 (Technion SEE project).
    Bank,
    /// PwC "PhoneNow" call-centre case, Q1 2021.
    Pwc,
}

/// The formats of `--log`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// The Anonymous Bank layout (tab-separated, its column names).
    Bank,
    /// The PwC case's CSV layout.
    Pwc,
    /// Any delimited file, through `--column` mappings.
    Mapped,
}

/// How to read the timestamps of the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputTimeArg {
    /// Wall-clock time in the `--tz` zone (as recorded when no zone is given).
    Local,
    /// UTC, converted to the `--tz` zone (UTC when no zone is given).
    Utc,
}

/// Options of `cxkpi report`.
#[derive(Debug, Args)]
#[command(after_help = "\
Fields of --column FIELD=COLUMN (date, time and answered are required):
  date      YYYY-MM-DD              the day of arrival
  time      H:MM:SS                 the time of arrival
  answered  Y/N, yes/no, true/false, 1/0
  wait      seconds or H:MM:SS      time in queue until answer or hang-up
  handle    seconds or H:MM:SS      talk time (or the whole handle time)
  hold      seconds or H:MM:SS      time on hold
  wrap      seconds or H:MM:SS      after-call work
  kind      text                    call type, topic or queue
  agent     text                    who answered
  resolved  as answered             resolved on this call
  rating    integer 1-5             post-call satisfaction
A blank cell is a missing value, never a zero.

Examples:
  cxkpi report --html report.html
  cxkpi report --dataset pwc --json
  cxkpi report --short-abandon-at-most 5
  cxkpi report --log calls.csv --column date=Date --column time=Time \\
      --column answered=Answered --column wait=Wait --tz Europe/Paris --input-time utc")]
pub struct ReportArgs {
    /// A bundled data set, used when no --log is given.
    #[arg(long, value_enum, default_value_t = Dataset::Bank)]
    pub dataset: Dataset,

    /// A log file to report on instead of the bundled data.
    #[arg(long, value_name = "PATH")]
    pub log: Option<PathBuf>,

    /// The format of --log; `mapped` is implied by --column.
    #[arg(long, value_enum, requires = "log")]
    pub format: Option<LogFormat>,

    /// Maps a field of the report to a column of a `mapped` log (repeatable).
    #[arg(long = "column", value_name = "FIELD=COLUMN", requires = "log")]
    pub columns: Vec<String>,

    /// The field delimiter of a mapped log (one ASCII character; `\t` for tab).
    #[arg(long, value_name = "CHAR", default_value = ",")]
    pub delimiter: String,

    /// Print the report as JSON on stdout instead of text.
    #[arg(long)]
    pub json: bool,

    /// Print nothing on stdout (with --html or --csv).
    #[arg(long, short)]
    pub quiet: bool,

    /// Write the report as one self-contained HTML page with charts (`-` for stdout).
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,

    /// Write every figure as one tidy CSV table (`-` for stdout):
    /// `kpi,group_by,group,period,value,unit,n,ci_low,ci_high`.
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,

    /// The IANA time zone of the interval, hour and day breakdowns (e.g.
    /// Europe/Paris); without it, times are taken as recorded.
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,

    /// How to read the timestamps of the log.
    #[arg(long, value_enum, default_value_t = InputTimeArg::Local)]
    pub input_time: InputTimeArg,

    /// The service-level goal the staffing chart's agents are computed for:
    /// this percentage of calls answered within 20 s, under Erlang C.
    #[arg(long, value_name = "PCT", default_value_t = 80.0)]
    pub sl_goal: f64,

    /// Short abandons are those strictly below SECS seconds (default: 5):
    /// a hang-up after exactly 5.0 s is not short.
    ///
    /// Short abandons are left out of `queue_offered_without_short`, counted
    /// as met by the `short_as_met` service level and left out of
    /// `exclude_short`, and counted in `calls.short_abandoned`; the other
    /// rates ignore them. The report names the rule it used
    /// (`short_abandon_below_s` in the JSON and the CSV).
    #[arg(long, value_name = "SECS", conflicts_with = "short_abandon_at_most")]
    pub short_abandon_below: Option<f64>,

    /// Short abandons are those of at most SECS seconds: a hang-up after
    /// exactly 5.0 s is short at 5, as ICMI and most ACD reports count
    /// "abandoned within 5 s".
    ///
    /// This is how a service level counts "answered within 20 s". On waits
    /// in whole seconds, `--short-abandon-at-most 4` is
    /// `--short-abandon-below 5`. The report names the rule it used
    /// (`short_abandon_at_most_s` in the JSON and the CSV).
    #[arg(long, value_name = "SECS")]
    pub short_abandon_at_most: Option<f64>,

    /// The report's title (default: the data set's, or the file name).
    #[arg(long)]
    pub title: Option<String>,
}
