//! `cxkpi X` runs `cxkpi-X`, next to the binary or on PATH.

use crate::common::{cxkpi, run, scratch, stderr, stdout};

#[test]
fn a_missing_subcommand_is_one_clear_line() {
    let out = cxkpi()
        .arg("nosuchthing")
        .env("PATH", scratch("empty-path"))
        .output()
        .unwrap();
    assert_eq!(
        stderr(&out),
        "cxkpi: no such command `nosuchthing`: no executable cxkpi-nosuchthing next to cxkpi or on PATH; see `cxkpi --help`\n"
    );
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn a_subcommand_on_path_runs_with_its_arguments_and_status() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("path-subcommand");
    let script = dir.join("cxkpi-hello");
    std::fs::write(&script, "#!/bin/sh\necho \"hello $*\"\nexit 3\n").unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = cxkpi()
        .args(["hello", "a", "--b"])
        .env("PATH", &dir)
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "hello a --b\n");
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn help_documents_every_option() {
    let out = run(&["--help"]);
    assert!(out.status.success());
    let text = stdout(&out);
    for word in ["report", "cxkpi-X", "Exit status"] {
        assert!(text.contains(word), "`cxkpi --help` lacks {word}:\n{text}");
    }
    let out = run(&["report", "--help"]);
    let text = stdout(&out);
    for option in [
        "--dataset",
        "--log",
        "--format",
        "--column",
        "--delimiter",
        "--json",
        "--quiet",
        "--html",
        "--csv",
        "--tz",
        "--input-time",
        "--sl-goal",
        "--title",
        "answered  Y/N",
    ] {
        assert!(
            text.contains(option),
            "`cxkpi report --help` lacks {option}:\n{text}"
        );
    }
}
