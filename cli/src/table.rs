//! A delimited text file read one row at a time (memory bounded whatever
//! its length), with every fault named by file, line and column.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use csv::ByteRecord;

use crate::calls::Quirks;
use crate::error::InputError;

/// The header of a log, and its reader positioned on the first data row.
pub struct Table {
    path: PathBuf,
    reader: csv::Reader<Box<dyn Read>>,
    header: Vec<String>,
}

impl Table {
    /// Opens `path`, delimited by `delimiter`, and reads its header.
    ///
    /// # Errors
    ///
    /// The file cannot be opened or read, is empty, or its header is not UTF-8.
    pub fn open(path: &Path, delimiter: u8, quirks: &mut Quirks) -> Result<Table, InputError> {
        let file =
            File::open(path).map_err(|e| InputError::file(path, format!("cannot open: {e}")))?;
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(InputError::file(path, "is a directory, not a log file"));
        }
        Table::from_reader(path, Box::new(BufReader::new(file)), delimiter, quirks)
    }

    /// Reads a log from `input`; `path` names it in errors.
    ///
    /// # Errors
    ///
    /// As [`Table::open`].
    pub fn from_reader(
        path: &Path,
        input: Box<dyn Read>,
        delimiter: u8,
        quirks: &mut Quirks,
    ) -> Result<Table, InputError> {
        // A UTF-8 byte-order mark before the header is no part of its first name.
        let mut input = BufReader::new(input);
        let head = input
            .fill_buf()
            .map_err(|e| InputError::file(path, format!("cannot read: {e}")))?;
        if head.starts_with(b"\xEF\xBB\xBF") {
            input.consume(3);
            quirks.note("UTF-8 byte-order mark", "ignored");
        }
        let input: Box<dyn Read> = Box::new(input);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            // Short rows are reported by this reader, naming the column.
            .flexible(true)
            .from_reader(input);
        let mut record = ByteRecord::new();
        let found = reader
            .read_byte_record(&mut record)
            .map_err(|e| read_error(path, &e))?;
        if !found {
            return Err(InputError::file(path, "empty file: no header row"));
        }
        let mut header = Vec::with_capacity(record.len());
        for (i, name) in record.iter().enumerate() {
            let name = std::str::from_utf8(name).map_err(|e| {
                InputError::line(
                    path,
                    1,
                    format!(
                        "header field {} is not UTF-8 (byte {} of it)",
                        i + 1,
                        e.valid_up_to() + 1
                    ),
                )
            })?;
            header.push(name.trim().to_owned());
        }
        Ok(Table {
            path: path.to_path_buf(),
            reader,
            header,
        })
    }

    /// The file's name as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The position of column `name` in the header.
    ///
    /// # Errors
    ///
    /// No such column: the message lists the header.
    pub fn column(&self, name: &str) -> Result<usize, InputError> {
        self.header.iter().position(|h| h == name).ok_or_else(|| {
            let mut known = self.header.join(", ");
            if known.len() > 200 {
                let cut = (0..=200)
                    .rev()
                    .find(|&i| known.is_char_boundary(i))
                    .unwrap_or(0);
                known.truncate(cut);
                known.push('…');
            }
            InputError::column(
                &self.path,
                name,
                format!("no such column in the header (it has: {known})"),
            )
        })
    }

    /// Calls `each` on every data row, in order; stops at the first error.
    ///
    /// # Errors
    ///
    /// A row that cannot be read, or the first error of `each`.
    pub fn rows(
        mut self,
        mut each: impl FnMut(&Row<'_>) -> Result<(), InputError>,
    ) -> Result<(), InputError> {
        let mut record = ByteRecord::new();
        loop {
            let found = self
                .reader
                .read_byte_record(&mut record)
                .map_err(|e| read_error(&self.path, &e))?;
            if !found {
                return Ok(());
            }
            // A blank line (or one of only delimiters' worth of nothing) is no row.
            if record.len() == 1 && record[0].iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let line = record.position().map_or(0, csv::Position::line);
            each(&Row {
                table: &self,
                record: &record,
                line,
            })?;
        }
    }
}

/// A csv error as an input error, with its line when it has one.
fn read_error(path: &Path, error: &csv::Error) -> InputError {
    let message = match error.kind() {
        csv::ErrorKind::Io(e) => format!("cannot read: {e}"),
        _ => error.to_string(),
    };
    match error.position() {
        Some(p) => InputError::line(path, p.line(), message),
        None => InputError::file(path, message),
    }
}

/// One data row.
pub struct Row<'a> {
    table: &'a Table,
    record: &'a ByteRecord,
    line: u64,
}

impl Row<'_> {
    /// The row's line in the file (the header is line 1).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The name of column `i`.
    fn name(&self, i: usize) -> &str {
        self.table.header.get(i).map_or("?", String::as_str)
    }

    /// An error at column `i` of this row.
    pub fn error(&self, i: usize, message: impl Into<String>) -> InputError {
        InputError::cell(&self.table.path, self.line, self.name(i), message)
    }

    /// The text of column `i`, trimmed.
    ///
    /// # Errors
    ///
    /// The row is too short for it, or the cell is not UTF-8.
    pub fn text(&self, i: usize) -> Result<&str, InputError> {
        let bytes = self.record.get(i).ok_or_else(|| {
            self.error(
                i,
                format!(
                    "missing: the row has {} fields, the header {}",
                    self.record.len(),
                    self.table.header.len()
                ),
            )
        })?;
        std::str::from_utf8(bytes).map(str::trim).map_err(|e| {
            self.error(
                i,
                format!(
                    "not UTF-8 (invalid byte 0x{:02X} at byte {} of the cell)",
                    bytes[e.valid_up_to()],
                    e.valid_up_to() + 1
                ),
            )
        })
    }

    /// The text of column `i`, `None` when the cell is blank.
    ///
    /// # Errors
    ///
    /// As [`Row::text`].
    pub fn cell(&self, i: usize) -> Result<Option<&str>, InputError> {
        self.text(i).map(|t| (!t.is_empty()).then_some(t))
    }
}
