//! Running the binary, and scratch files.

use std::path::PathBuf;
use std::process::{Command, Output};

/// The binary under test.
pub fn cxkpi() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cxkpi"))
}

/// Runs `cxkpi ARGS`.
pub fn run(args: &[&str]) -> Output {
    cxkpi().args(args).output().expect("the cxkpi binary runs")
}

/// Stdout as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The JSON report of `args` (with `--json` added).
pub fn json(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.push("--json");
    let out = run(&all);
    assert!(
        out.status.success(),
        "cxkpi {all:?} failed: {}",
        stderr(&out)
    );
    serde_json::from_slice(&out.stdout).expect("--json prints JSON")
}

/// A fresh scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cxkpi-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Writes `bytes` to `name` in a scratch directory and returns its path.
pub fn file(test: &str, name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch(test).join(name);
    std::fs::write(&path, bytes).expect("write scratch file");
    path
}

/// The mapping arguments of the small logs of these tests.
pub const MAPPING: [&str; 10] = [
    "--column",
    "date=Date",
    "--column",
    "time=Time",
    "--column",
    "answered=Answered",
    "--column",
    "wait=Wait",
    "--column",
    "rating=Rating",
];

/// `cxkpi report --log PATH` with [`MAPPING`] and `extra`.
pub fn report_mapped(path: &std::path::Path, extra: &[&str]) -> Output {
    let path = path.to_str().expect("utf-8 temp path");
    let mut args = vec!["report", "--log", path];
    args.extend(MAPPING);
    args.extend(extra);
    run(&args)
}
