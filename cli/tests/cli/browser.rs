//! The HTML report in a real browser (headless Chromium): it renders without
//! a console message, has every chart, loads nothing from outside, and every
//! figure it prints is the figure of `--json`.
//!
//! Chromium is Debian's `chromium` package (`/usr/bin/chromium`, or the
//! binary named by `CXKPI_CHROMIUM`). Without it the test fails when `CI` is
//! set, and is skipped with a message otherwise.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{json, run, scratch, stderr};

/// The Chromium binary, if there is one.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CXKPI_CHROMIUM") {
        return Some(path.into());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/bin")])
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|p| p.is_file())
}

/// Chromium, or `None` after saying why the test is skipped.
fn chromium_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but Chromium is missing: apt-get install -y chromium (or set CXKPI_CHROMIUM)"
        );
        eprintln!("skipped: no Chromium (apt-get install -y chromium); CI would fail here");
    }
    found
}

/// Headless Chromium with a fresh profile, no network services.
fn headless(chromium: &Path, profile: &Path) -> Command {
    let mut command = Command::new(chromium);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// Undoes the five escapes of HTML text and attributes.
fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every `(pointer, digits, text)` printed in the DOM.
fn printed_figures(dom: &str) -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    let mut rest = dom;
    while let Some(at) = rest.find("data-json=\"") {
        rest = &rest[at + 11..];
        let (ptr, after) = rest.split_once('"').expect("closed attribute");
        let after = after
            .trim_start()
            .strip_prefix("data-digits=\"")
            .expect("data-digits follows data-json");
        let (digits, after) = after.split_once('"').expect("closed attribute");
        let after = after
            .strip_prefix('>')
            .expect("the tag ends after data-digits");
        let (text, _) = after.split_once('<').expect("text then a tag");
        out.push((
            unescape(ptr),
            digits.parse().expect("digits"),
            unescape(text),
        ));
        rest = after;
    }
    out
}

/// The JSON value as the page should print it: `–` for null.
fn expected(value: Option<&serde_json::Value>, digits: usize) -> String {
    match value {
        Some(serde_json::Value::Number(n)) if digits == 0 && n.is_u64() => n.to_string(),
        Some(serde_json::Value::Number(n)) => format!("{:.digits$}", n.as_f64().unwrap()),
        _ => "–".to_owned(),
    }
}

#[allow(clippy::too_many_lines)]
fn check_page(dataset: &str, charts: &[&str]) {
    let Some(chromium) = chromium_or_skip() else {
        return;
    };
    let dir = scratch(&format!("browser-{dataset}"));
    let page = dir.join("report.html");
    let out = run(&[
        "report",
        "--dataset",
        dataset,
        "--quiet",
        "--html",
        page.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = json(&["report", "--dataset", dataset]);
    let html = std::fs::read_to_string(&page).unwrap();
    // Nothing to load: no src or href, no URL but the SVG namespace.
    assert!(
        !html.contains(" src=") && !html.contains(" href="),
        "the page links out"
    );
    let urls = html.matches("http://").count() + html.matches("https://").count();
    assert_eq!(
        urls,
        html.matches("http://www.w3.org/2000/svg").count(),
        "a URL other than the SVG namespace"
    );

    let output = headless(&chromium, &dir.join("profile"))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let log = String::from_utf8_lossy(&output.stderr);
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    let dom = String::from_utf8(output.stdout).expect("the DOM is UTF-8");

    for chart in charts {
        let start = dom
            .find(&format!("data-chart=\"{chart}\""))
            .unwrap_or_else(|| panic!("no chart {chart}"));
        let figure = &dom[start..];
        let end = figure
            .find("</figure>")
            .or_else(|| figure.find("</section>"))
            .unwrap();
        let figure = &figure[..end];
        assert!(figure.contains("<h2>"), "chart {chart} has no title");
        assert!(
            figure.contains("class=\"figure-note\""),
            "chart {chart} states no figure"
        );
        if *chart != "quality" {
            assert!(
                figure.contains("<svg") && figure.contains("<text"),
                "chart {chart} has no drawn SVG with labels"
            );
        }
    }
    let figures = printed_figures(&dom);
    assert!(
        figures.len() > 300,
        "only {} figures found in the page",
        figures.len()
    );
    for (ptr, digits, text) in &figures {
        assert_eq!(
            text,
            &expected(doc.pointer(ptr), *digits),
            "the page prints {text} at {ptr}"
        );
    }
    // The figures, as the page shows them.
    if dataset == "bank" {
        let shown = |p: &str| {
            figures
                .iter()
                .find(|(q, _, _)| q == p)
                .map(|(_, _, t)| t.as_str())
        };
        assert_eq!(shown("/asa_s"), Some("40.8"));
        assert!(
            figures
                .iter()
                .any(|(p, _, t)| p == "/asa_s" && t == "40.774")
        );
        assert_eq!(shown("/answer_wait_s/count"), Some("27162"));
        for treatment in [
            "count_against",
            "exclude_short",
            "exclude_within_threshold",
            "ignore",
            "short_as_met",
            "within_threshold_as_met",
        ] {
            assert!(
                shown(&format!("/service_level_pct/20s/{treatment}")).is_some(),
                "{treatment}"
            );
        }
    }
}

#[test]
fn bank_report_in_chromium() {
    check_page(
        "bank",
        &["arrivals", "waits", "by-hour", "aht", "per-day", "quality"],
    );
}

#[test]
fn pwc_report_in_chromium_has_the_csat_chart() {
    check_page(
        "pwc",
        &[
            "arrivals", "waits", "by-hour", "aht", "per-day", "csat", "quality",
        ],
    );
}
