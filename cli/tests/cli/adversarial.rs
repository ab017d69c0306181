//! Bad input where it first meets the code: each case with its exact
//! message and exit status (issue 19, item 4).

use std::io::{BufWriter, Write};
use std::process::Stdio;
use std::time::Duration;

use crate::common::{MAPPING, file, json, report_mapped, run, scratch, stderr};

const HEADER: &str = "Date,Time,Answered,Wait,Rating";

/// Asserts that `out` failed with `status` and exactly `message` on stderr.
fn fails(out: &std::process::Output, status: i32, message: &str) {
    assert_eq!(stderr(out), message);
    assert_eq!(out.status.code(), Some(status), "stderr: {}", stderr(out));
    assert!(out.stdout.is_empty(), "nothing on stdout when failing");
}

#[test]
fn empty_file() {
    let path = file("empty", "calls.csv", b"");
    fails(
        &report_mapped(&path, &[]),
        1,
        &format!("error: {}: empty file: no header row\n", path.display()),
    );
}

#[test]
fn header_only() {
    let path = file("header", "calls.csv", format!("{HEADER}\n").as_bytes());
    fails(
        &report_mapped(&path, &[]),
        1,
        &format!(
            "error: {}:2: no data rows after the header\n",
            path.display()
        ),
    );
}

#[test]
fn byte_order_mark_is_ignored_and_counted() {
    let path = file(
        "bom",
        "calls.csv",
        format!("\u{FEFF}{HEADER}\n2021-01-04,09:00:00,Y,12,5\n").as_bytes(),
    );
    let out = report_mapped(&path, &["--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["quirks"]["UTF-8 byte-order mark"]["rows"], 1);
    assert_eq!(doc["asa_s"], 12.0);
}

#[test]
fn crlf_and_lf_give_the_same_figures() {
    let rows = [
        "2021-01-04,09:00:00,Y,12,5",
        "2021-01-04,09:10:00,N,40,",
        "2021-01-04,10:00:00,Y,3,2",
    ];
    let lf = format!("{HEADER}\n{}\n", rows.join("\n"));
    let crlf = format!("{HEADER}\r\n{}\r\n", rows.join("\r\n"));
    let figures = |text: &str, name: &str| {
        let path = file(name, "calls.csv", text.as_bytes());
        let out = report_mapped(&path, &["--json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let mut doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["source"] = serde_json::Value::Null;
        doc["dataset"] = serde_json::Value::Null;
        doc
    };
    let (a, b) = (figures(&lf, "lf"), figures(&crlf, "crlf"));
    assert_eq!(a, b);
    assert_eq!(a["calls"]["offered"], 3);
    assert_eq!(a["asa_s"], 7.5);
}

#[test]
fn missing_column() {
    let path = file(
        "missing",
        "calls.csv",
        "Date,Time,Answered,Rating\n2021-01-04,09:00:00,Y,5\n"
            .to_string()
            .as_bytes(),
    );
    fails(
        &report_mapped(&path, &[]),
        1,
        &format!(
            "error: {}:1: column \"Wait\": no such column in the header (it has: Date, Time, Answered, Rating)\n",
            path.display()
        ),
    );
}

#[test]
fn short_row_names_the_missing_cell() {
    let path = file(
        "short",
        "calls.csv",
        format!("{HEADER}\n2021-01-04,09:00:00,Y\n").as_bytes(),
    );
    fails(
        &report_mapped(&path, &[]),
        1,
        &format!(
            "error: {}:2: column \"Wait\": missing: the row has 3 fields, the header 5\n",
            path.display()
        ),
    );
}

#[test]
fn non_utf8_byte() {
    let mut bytes =
        format!("{HEADER}\n2021-01-04,09:00:00,Y,12,5\n2021-01-04,09:01:00,Y,1").into_bytes();
    bytes.extend([0xFF, b',', b'4', b'\n']);
    let path = file("utf8", "calls.csv", &bytes);
    fails(
        &report_mapped(&path, &[]),
        1,
        &format!(
            "error: {}:3: column \"Wait\": not UTF-8 (invalid byte 0xFF at byte 2 of the cell)\n",
            path.display()
        ),
    );
}

#[test]
fn negative_duration() {
    let path = file(
        "negative",
        "calls.csv",
        format!("{HEADER}\n2021-01-04,09:00:00,Y,12,5\n2021-01-04,09:01:00,Y,-5,4\n").as_bytes(),
    );
    fails(
        &report_mapped(&path, &[]),
        1,
        &format!(
            "error: {}:3: column \"Wait\": negative wait \"-5\": a duration is 0 or more\n",
            path.display()
        ),
    );
}

#[test]
fn a_duration_past_24_hours_is_a_duration() {
    let path = file(
        "long",
        "calls.csv",
        format!("{HEADER}\n2021-01-04,09:00:00,Y,24:00:10,5\n").as_bytes(),
    );
    let out = report_mapped(&path, &["--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["asa_s"], 86_410.0);
}

/// The bank log's header and one row with a queue wait across midnight.
const BANK_HEADER: &str = "vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver";

#[test]
fn bank_waits_across_midnight_use_the_recorded_time() {
    let text = format!(
        "{BANK_HEADER}\r\nAA0101\t1\t0\t0\tPS\t990201\t23:59:40\t23:59:50\t10\t23:59:50\t0:00:10\t20\tAGENT\t0:00:10\t0:01:00\t50\tDORIT\r\n"
    );
    let path = file("midnight", "bank.txt", text.as_bytes());
    let doc = json(&[
        "report",
        "--log",
        path.to_str().unwrap(),
        "--format",
        "bank",
    ]);
    assert_eq!(doc["quirks"]["queue wait across midnight"]["rows"], 1);
    assert_eq!(doc["asa_s"], 20.0);
    assert_eq!(doc["aht_s"], 50.0);
}

#[test]
fn bank_negative_queue_time() {
    let text = format!(
        "{BANK_HEADER}\nAA0101\t1\t0\t0\tPS\t990201\t9:00:00\t9:00:10\t10\t9:00:10\t9:00:30\t-20\tAGENT\t9:00:30\t9:01:00\t30\tDORIT\n"
    );
    let path = file("bank-negative", "bank.txt", text.as_bytes());
    fails(
        &run(&[
            "report",
            "--log",
            path.to_str().unwrap(),
            "--format",
            "bank",
        ]),
        1,
        &format!(
            "error: {}:2: column \"q_time\": negative duration -20 s: a duration is 0 or more\n",
            path.display()
        ),
    );
}

#[test]
fn a_rating_of_11() {
    let path = file(
        "eleven",
        "calls.csv",
        format!("{HEADER}\n2021-01-04,09:00:00,Y,12,11\n").as_bytes(),
    );
    fails(
        &report_mapped(&path, &[]),
        1,
        &format!(
            "error: {}:2: column \"Rating\": rating \"11\" is outside the scale 1..=5\n",
            path.display()
        ),
    );
}

#[test]
fn bad_path() {
    let path = scratch("nofile").join("nowhere.csv");
    fails(
        &report_mapped(&path, &[]),
        1,
        &format!(
            "error: {}: cannot open: No such file or directory (os error 2)\n",
            path.display()
        ),
    );
}

#[test]
fn bad_arguments_exit_2() {
    let path = file("args", "calls.csv", format!("{HEADER}\n").as_bytes());
    let p = path.to_str().unwrap();
    fails(
        &run(&["report", "--log", p, "--column", "colour=Date"]),
        2,
        "error: unknown field \"colour\" in --column \"colour=Date\": one of date, time, answered, wait, handle, hold, wrap, kind, agent, resolved, rating\n",
    );
    fails(
        &run(&["report", "--log", p]),
        2,
        "error: --log needs --format bank|pwc, or --column FIELD=COLUMN mappings (see `cxkpi report --help`)\n",
    );
    fails(
        &run(&["report", "--tz", "Mars/Olympus"]),
        2,
        "error: --tz \"Mars/Olympus\" is not an IANA time zone name (such as Europe/Paris or UTC)\n",
    );
    let out = run(&["report", "--dataset", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("invalid value 'nope' for '--dataset <DATASET>'"),
        "{}",
        stderr(&out)
    );
}

/// Peak resident memory of a child, read from `/proc` while it runs
/// (`VmHWM`, the high-water mark), in KiB.
fn peak_rss_kib(mut child: std::process::Child) -> (std::process::ExitStatus, u64) {
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status_file) {
            if let Some(kib) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak = peak.max(kib);
            }
        }
        if let Some(status) = child.try_wait().expect("wait for cxkpi") {
            return (status, peak);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A log of `rows` calls over ten days, generated here, read in one stream:
/// the peak memory stays that of a small log. 10⁶ rows by default (about
/// 20 s in a debug build); `CXKPI_TEST_ROWS=10000000` for the 10⁷ case.
#[test]
fn a_long_log_streams_in_bounded_memory() {
    let rows: u64 = std::env::var("CXKPI_TEST_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let path = scratch("long-log").join("calls.csv");
    {
        let mut out = BufWriter::new(std::fs::File::create(&path).unwrap());
        writeln!(out, "{HEADER}").unwrap();
        for i in 0..rows {
            let day = 4 + i % 10;
            let secs = i * 7 % 86_400;
            let answered = if i % 5 == 0 { "N" } else { "Y" };
            writeln!(
                out,
                "2021-01-{day:02},{}:{:02}:{:02},{answered},{},{}",
                secs / 3600,
                secs / 60 % 60,
                secs % 60,
                i % 600,
                1 + i % 5
            )
            .unwrap();
        }
    }
    let mut args = vec!["report", "--log", path.to_str().unwrap(), "--json"];
    args.extend(MAPPING);
    let child = crate::common::cxkpi()
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (status, peak) = peak_rss_kib_with_output(child);
    let _ = std::fs::remove_file(&path);
    let (status, out) = status;
    assert!(status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["calls"]["offered"], rows);
    eprintln!("peak RSS of `cxkpi report` on {rows} rows: {peak} KiB");
    assert!(peak < 64 * 1024, "peak RSS {peak} KiB on {rows} rows");
}

/// As [`peak_rss_kib`], reading the child's stdout meanwhile (so that a
/// full pipe cannot stall it).
fn peak_rss_kib_with_output(
    mut child: std::process::Child,
) -> ((std::process::ExitStatus, Vec<u8>), u64) {
    use std::io::Read;
    let mut pipe = child.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        pipe.read_to_end(&mut out).map(|_| out)
    });
    let (status, peak) = peak_rss_kib(child);
    let out = reader.join().expect("reader thread").expect("read stdout");
    ((status, out), peak)
}
