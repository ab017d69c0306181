//! The one error of reading a log: where it is (file, line, column) and what
//! is wrong, printed as one line on stderr.

use std::fmt;
use std::path::{Path, PathBuf};

/// Why a log could not be read, with the place of the fault.
///
/// Displayed as `FILE:LINE: column NAME: MESSAGE`, leaving out what is
/// unknown (a missing file has no line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    file: PathBuf,
    line: Option<u64>,
    column: Option<String>,
    message: String,
}

impl InputError {
    /// An error about the whole file (cannot open it, no header).
    pub fn file(file: &Path, message: impl Into<String>) -> InputError {
        InputError {
            file: file.to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// An error at one line of the file.
    pub fn line(file: &Path, line: u64, message: impl Into<String>) -> InputError {
        InputError {
            line: Some(line),
            ..InputError::file(file, message)
        }
    }

    /// An error at one cell: line and column.
    pub fn cell(file: &Path, line: u64, column: &str, message: impl Into<String>) -> InputError {
        InputError {
            column: Some(column.to_owned()),
            ..InputError::line(file, line, message)
        }
    }

    /// An error about a column of the header (line 1).
    pub fn column(file: &Path, column: &str, message: impl Into<String>) -> InputError {
        InputError::cell(file, 1, column, message)
    }

    /// The file the error is in.
    pub fn path(&self) -> &Path {
        &self.file
    }

    /// The line (1-based, the header is line 1), when the error has one.
    pub fn line_number(&self) -> Option<u64> {
        self.line
    }

    /// The column's name in the header, when the error has one.
    pub fn column_name(&self) -> Option<&str> {
        self.column.as_deref()
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ": column {column:?}")?;
        }
        // One line on stderr, whatever the message quotes from the file.
        write!(f, ": {}", self.message.replace(['\n', '\r'], " "))
    }
}

impl std::error::Error for InputError {}
