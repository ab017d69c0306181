//! The report's CSV reader and column mapping on arbitrary bytes: a report,
//! or an error that names the file and (past the file itself) the line and
//! the column — never a panic.

#![no_main]

use std::path::Path;

use cxkpi_cli::{InputTime, Mapping, TimeBasis, report_from_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the mapping and the time basis; the rest is the file.
    let (choice, bytes) = data.split_first().map_or((0, data), |(c, rest)| (*c, rest));
    let mut mapping = Mapping::default();
    let pairs: &[&str] = if choice & 1 == 0 {
        &["date=a", "time=b", "answered=c", "wait=d", "rating=e"]
    } else {
        &[
            "date=a",
            "time=b",
            "answered=c",
            "handle=d",
            "hold=e",
            "wrap=f",
            "kind=g",
            "agent=h",
            "resolved=i",
        ]
    };
    for pair in pairs {
        mapping.set(pair).expect("well-formed pairs");
    }
    let zone = (choice & 2 != 0).then_some(chrono_tz::Europe::Paris);
    let input = if choice & 4 == 0 {
        InputTime::Local
    } else {
        InputTime::Utc
    };
    let name = Path::new("fuzz.csv");
    match report_from_bytes(name, bytes.to_vec(), &mapping, &TimeBasis::new(zone, input)) {
        Ok(report) => {
            // Every output of a report renders.
            let doc = cxkpi_cli::json::document(&report);
            let _ = cxkpi_cli::html::page(&report, &doc);
            let _ = cxkpi_cli::text::text(&doc);
            cxkpi_cli::tidy::write(&report, std::io::sink()).expect("writing to a sink");
        }
        Err(e) => {
            assert_eq!(e.path(), name);
            let line = e.to_string();
            assert!(line.starts_with("fuzz.csv"), "{line}");
            assert!(!line.contains('\n'), "one line: {line}");
            if e.column_name().is_some() {
                assert!(
                    e.line_number().is_some(),
                    "a column error has its line: {line}"
                );
            }
        }
    }
});
