//! Where a log comes from and in which format, and the one function that
//! turns it into a report.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use cxkpi::ShortAbandons;

use crate::calls::Quirks;
use crate::error::InputError;
use crate::kpis::SHORT_ABANDONS;
use crate::mapped::Mapping;
use crate::report::{Accumulator, Report, Source};
use crate::staffing::StaffingGoal;
use crate::table::Table;
use crate::zone::TimeBasis;
use crate::{bank, mapped};

/// The bundled logs, built into the binary so that an installed `cxkpi`
/// reports on them anywhere.
const BANK_LOG: &[u8] =
    include_bytes!("../../examples/data/anonymous-bank-feb1999/data_anonymous_bank_february.txt");
const BANK_PATH: &str = "examples/data/anonymous-bank-feb1999/data_anonymous_bank_february.txt";
const PWC_LOG: &[u8] = include_bytes!("../../examples/data/pwc-call-centre/call_centre.csv");
const PWC_PATH: &str = "examples/data/pwc-call-centre/call_centre.csv";

/// A log's format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Format {
    /// The Anonymous Bank log: tab-separated, its own columns.
    Bank,
    /// Any delimited log, through a column mapping (the PwC case is one).
    Mapped {
        /// Which column holds which field.
        mapping: Box<Mapping>,
        /// The field delimiter, `,` for CSV.
        delimiter: u8,
    },
}

/// A log to report on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The name in the report and in errors.
    pub path: PathBuf,
    /// The bytes, for a bundled log; `None` reads `path`.
    pub bytes: Option<&'static [u8]>,
    /// Its format.
    pub format: Format,
    /// The data set's title.
    pub title: String,
}

impl Input {
    /// The bundled Anonymous Bank log (February 1999).
    pub fn bundled_bank() -> Input {
        Input {
            path: BANK_PATH.into(),
            bytes: Some(BANK_LOG),
            format: Format::Bank,
            title: "Anonymous Bank call centre, February 1999".into(),
        }
    }

    /// The bundled PwC "PhoneNow" case (Q1 2021).
    pub fn bundled_pwc() -> Input {
        Input {
            path: PWC_PATH.into(),
            bytes: Some(PWC_LOG),
            format: Format::Mapped {
                mapping: Box::new(Mapping::pwc()),
                delimiter: b',',
            },
            title: "PwC PhoneNow call centre, Q1 2021".into(),
        }
    }

    /// A log file in `format`.
    pub fn file(path: &Path, format: Format) -> Input {
        Input {
            path: path.to_path_buf(),
            bytes: None,
            title: path.display().to_string(),
            format,
        }
    }
}

/// Reads `input` one row at a time and reports on it, with the abandons
/// that `short` names as short ([`SHORT_ABANDONS`] is the command's default).
///
/// # Errors
///
/// The first fault of the input, with its file, line and column.
pub fn run_report(
    input: &Input,
    basis: &TimeBasis,
    goal: StaffingGoal,
    short: ShortAbandons,
) -> Result<Report, InputError> {
    let mut quirks = Quirks::default();
    let delimiter = match &input.format {
        Format::Bank => b'\t',
        Format::Mapped { delimiter, .. } => *delimiter,
    };
    let table = match input.bytes {
        Some(bytes) => {
            let reader: Box<dyn Read> = Box::new(Cursor::new(bytes));
            Table::from_reader(&input.path, reader, delimiter, &mut quirks)?
        }
        None => Table::open(&input.path, delimiter, &mut quirks)?,
    };
    let mut acc = Accumulator::new(short);
    let mut sink = |call: crate::calls::Call| acc.record(&call);
    match &input.format {
        Format::Bank => bank::load(table, basis, &mut quirks, &mut sink)?,
        Format::Mapped { mapping, .. } => {
            mapped::load(table, mapping, basis, &mut quirks, &mut sink)?;
        }
    }
    if quirks.rows == 0 {
        return Err(InputError::line(
            &input.path,
            2,
            "no data rows after the header",
        ));
    }
    let source = Source {
        title: input.title.clone(),
        path: input.path.display().to_string(),
        basis: *basis,
    };
    Ok(acc.finish(source, &quirks, goal))
}

/// Reads a mapped log from `bytes` (the fuzz target's entry point), with the
/// default short abandons.
///
/// # Errors
///
/// As [`run_report`].
pub fn report_from_bytes(
    name: &Path,
    bytes: Vec<u8>,
    mapping: &Mapping,
    basis: &TimeBasis,
) -> Result<Report, InputError> {
    let mut quirks = Quirks::default();
    let table = Table::from_reader(name, Box::new(Cursor::new(bytes)), b',', &mut quirks)?;
    let mut acc = Accumulator::new(SHORT_ABANDONS);
    mapped::load(table, mapping, basis, &mut quirks, &mut |call| {
        acc.record(&call);
    })?;
    let source = Source {
        title: name.display().to_string(),
        path: name.display().to_string(),
        basis: *basis,
    };
    Ok(acc.finish(source, &quirks, StaffingGoal::default()))
}
