//! The conformance runner: every case of the language-neutral vectors in
//! `tests/vectors/*.json`, run against the public API.
//!
//! The vectors are data whose format and metric definitions live in their own
//! README. They are read as `serde_json::Value`, not through the crate's
//! `serde` feature, so that the runner works under the default features too.
//! Each case is run the way a user would call the crate: validated inputs,
//! the slice constructors for batches, the getters for the KPI; an expected
//! error must come from the library, with the kind the vector names.
//!
//! Nothing is skipped: a case whose metric, input shape or expect key the
//! runner does not know is a failure ("cannot run", "cannot check"), so that a
//! new vector file cannot pass by being ignored. Set `CXKPI_VECTORS` to a file
//! or a folder of `*.json` files to run other vectors.
//!
//! The vector files keep their own names (they are shared with other
//! implementations, byte for byte), and so do the runner's modules, one per
//! file. Their metrics belong to these families of the crate (see "Where
//! things are" in the crate docs):
//!
//! | vector file, runner | metrics | family of `src/` |
//! | --- | --- | --- |
//! | `core.json`, [`core`] | `nps`, `csat`, `ces` | survey |
//! | | `abandonment`, `fcr`, `aht` | contact |
//! | | `retention` | customers |
//! | | `cost_per_conversation` | cost |
//! | `operations.json`, [`operations`] | `service_level`, `asa` | contact |
//! | | `duration_stats` | time (`DurationSample`, at the root) |
//! | | `ticket_volume` | volume |
//! | `staffing.json`, [`staffing`] | `erlang_c`, `erlang_a`, `agents_required` | staffing |
//! | `statistics.json`, [`statistics`] | `rate_interval`, `nps_interval`, `mean_interval`, `two_rates_test`, `nps_difference_test`, `sample_size`, `nps_sample_size` | stats |

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::{env, fs};

use cxkpi::{Decimal, ErrorKind};
use serde_json::{Map, Value, json};

mod core;
mod operations;
mod staffing;
mod statistics;

/// The README's absolute tolerance for numbers, when a case names none.
const DEFAULT_TOLERANCE: f64 = 1e-9;

/// Runs every vector file and fails with one line per failing case.
#[test]
fn conformance_vectors() {
    let files = vector_files();
    assert!(!files.is_empty(), "conformance: no vector files found");
    let mut total = Run::default();
    for path in &files {
        let run = run_file(path);
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        total.cases += run.cases;
        total.passed += run.passed;
        total
            .failures
            .extend(run.failures.iter().map(|f| format!("{name}: {f}")));
    }
    println!(
        "conformance: {} cases, {} passed, {} failed",
        total.cases,
        total.passed,
        total.cases - total.passed
    );
    assert!(
        total.failures.is_empty(),
        "conformance: {} failures\n{}",
        total.failures.len(),
        total.failures.join("\n")
    );
}

/// The runner itself must not pass what it cannot run: an unknown metric, an
/// unknown or missing input field, a value of the wrong JSON type, an unknown
/// expect key and an empty `expect` are all failures, while a good case next
/// to them passes.
#[test]
fn conformance_runner_rejects_unknown_cases() {
    let doc = json!({
        "family": "runner",
        "cases": [
            {"id": "good", "metric": "nps", "source": "test",
             "input": {"scores": [9, 10, 8, 3]}, "expect": {"nps": 25.0, "responses": 4}},
            {"id": "unknown-metric", "metric": "happiness", "source": "test",
             "input": {"scores": [9]}, "expect": {"happiness": 1.0}},
            {"id": "unknown-input-field", "metric": "nps", "source": "test",
             "input": {"scores": [9], "weights": [2]}, "expect": {"nps": 100.0}},
            {"id": "missing-input-field", "metric": "fcr", "source": "test",
             "input": {"resolved": 4}, "expect": {"fcr_pct": 0.0}},
            {"id": "wrong-type", "metric": "nps", "source": "test",
             "input": {"scores": [9, "10"]}, "expect": {"nps": 100.0}},
            {"id": "unknown-expect-key", "metric": "nps", "source": "test",
             "input": {"scores": [9]}, "expect": {"nps": 100.0, "happiness": 1.0}},
            {"id": "empty-expect", "metric": "nps", "source": "test",
             "input": {"scores": [9]}, "expect": {}},
        ]
    });
    let run = run_document(&doc);
    assert_eq!((run.cases, run.passed), (7, 1), "{:#?}", run.failures);
    let expected = [
        ("unknown-metric", "cannot run: unknown metric `happiness`"),
        (
            "unknown-input-field",
            "cannot run: input has unknown field `weights`",
        ),
        (
            "missing-input-field",
            "cannot run: input lacks `resolved_on_first_contact`",
        ),
        (
            "wrong-type",
            "cannot run: input.scores[1] must be an integer",
        ),
        ("unknown-expect-key", "cannot check `happiness`"),
        ("empty-expect", "cannot check: `expect` is empty"),
    ];
    for (id, why) in expected {
        let prefix = format!("{id}: {why}");
        assert!(
            run.failures.iter().any(|f| f.starts_with(&prefix)),
            "no failure starting with {prefix:?} in {:#?}",
            run.failures
        );
    }
}

/// The outcome of running vector cases.
#[derive(Debug, Default)]
struct Run {
    cases: usize,
    passed: usize,
    /// One line per failing case (or unreadable document): the id and why.
    failures: Vec<String>,
}

/// The vector files to run: those `CXKPI_VECTORS` names (a file, or a folder
/// of `*.json` files) when it is set, else `tests/vectors/`.
fn vector_files() -> Vec<PathBuf> {
    let default = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let target = env::var_os("CXKPI_VECTORS")
        .filter(|v| !v.is_empty())
        .map_or(default, PathBuf::from);
    if target.is_dir() {
        json_files_in(&target)
    } else {
        // A missing file is reported by `run_file`, as a failure.
        vec![target]
    }
}

/// The `*.json` files directly in `dir`, sorted so that runs are reproducible.
fn json_files_in(dir: &Path) -> Vec<PathBuf> {
    let entries =
        fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
                .path()
        })
        .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

/// Runs one file; a file that cannot be read or parsed is one failure.
fn run_file(path: &Path) -> Run {
    let parsed = fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_json::from_str::<Value>(&text).map_err(|e| e.to_string()));
    match parsed {
        Ok(doc) => run_document(&doc),
        Err(e) => Run {
            failures: vec![format!("cannot read {}: {e}", path.display())],
            ..Run::default()
        },
    }
}

/// Runs every case of a parsed vector document: `{"family": …, "cases": […]}`.
///
/// A document of another shape is one failure, rather than zero cases run.
fn run_document(doc: &Value) -> Run {
    let mut run = Run::default();
    let Some(cases) = doc.get("cases").and_then(Value::as_array) else {
        run.failures
            .push("cannot run: the document has no `cases` array".to_owned());
        return run;
    };
    if let Some(fields) = doc.as_object() {
        let unknown = unknown_fields(fields, &["family", "cases"]);
        if !unknown.is_empty() {
            run.failures
                .push(format!("cannot run: the document has unknown {unknown}"));
        }
    }
    for (index, case) in cases.iter().enumerate() {
        run.cases += 1;
        match run_case(index, case) {
            Ok(()) => run.passed += 1,
            Err(failure) => run.failures.push(failure),
        }
    }
    run
}

/// Runs one case; a panic is caught and becomes that case's failure, so that
/// the run goes on and the case id is reported.
fn run_case(index: usize, case: &Value) -> Result<(), String> {
    let id = case
        .get("id")
        .and_then(Value::as_str)
        .map_or_else(|| format!("case #{index}"), str::to_owned);
    let problems = panic::catch_unwind(AssertUnwindSafe(|| case_problems(case)))
        .unwrap_or_else(|payload| vec![format!("panicked: {}", panic_message(&*payload))]);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{id}: {}", problems.join("; ")))
    }
}

/// The text of a panic payload (a `&str` or a `String` for `panic!`).
fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a non-text payload".to_owned())
}

/// Everything wrong with one case: empty when it passes.
fn case_problems(value: &Value) -> Vec<String> {
    match Case::parse(value) {
        Ok(case) => check(&case, compute(&case)),
        Err(why) => vec![format!("cannot run: {why}")],
    }
}

/// "`a`, `b`" for the keys of `fields` that are not in `known`, or "" when all are known.
fn unknown_fields(fields: &Map<String, Value>, known: &[&str]) -> String {
    let unknown: Vec<String> = fields
        .keys()
        .filter(|key| !known.contains(&key.as_str()))
        .map(|key| format!("`{key}`"))
        .collect();
    match unknown.len() {
        0 => String::new(),
        1 => format!("field {}", unknown[0]),
        _ => format!("fields {}", unknown.join(", ")),
    }
}

/// One case of a vector file, its fields checked.
struct Case<'a> {
    metric: &'a str,
    input: &'a Value,
    expect: &'a Map<String, Value>,
    /// A number for numeric outputs, a decimal string for money.
    tolerance: Option<&'a Value>,
}

impl<'a> Case<'a> {
    /// The fields a case may have; any other could change its meaning, so it
    /// stops the case.
    const FIELDS: [&'static str; 6] = ["id", "metric", "source", "input", "expect", "tolerance"];

    fn parse(value: &'a Value) -> Result<Case<'a>, String> {
        let fields = value.as_object().ok_or("the case is not an object")?;
        let unknown = unknown_fields(fields, &Case::FIELDS);
        if !unknown.is_empty() {
            return Err(format!("the case has unknown {unknown}"));
        }
        if !fields.get("id").is_some_and(Value::is_string) {
            return Err("the case has no string `id`".to_owned());
        }
        Ok(Case {
            metric: fields
                .get("metric")
                .and_then(Value::as_str)
                .ok_or("the case has no string `metric`")?,
            input: fields.get("input").ok_or("the case has no `input`")?,
            expect: fields
                .get("expect")
                .and_then(Value::as_object)
                .ok_or("the case has no `expect` object")?,
            tolerance: fields.get("tolerance"),
        })
    }
}

/// A computed output, typed as the README compares it.
#[derive(Clone, Copy, Debug)]
enum Actual {
    /// Compared with an absolute tolerance.
    Number(f64),
    /// Compared exactly.
    Count(u64),
    /// Compared as an exact decimal, or within a decimal tolerance.
    Money(Decimal),
}

/// The named outputs of one metric.
type Outputs = Vec<(&'static str, Actual)>;

/// Why a case produced no outputs.
#[derive(Debug)]
enum Stop {
    /// The computation failed, as `{"error": kind}` expects: from the library,
    /// or from the runner where no library constructor takes the input's type.
    Refused { kind: ErrorKind, message: String },
    /// The runner does not know the metric or the input's shape.
    CannotRun(String),
}

impl From<cxkpi::Error> for Stop {
    fn from(error: cxkpi::Error) -> Stop {
        Stop::Refused {
            kind: error.kind(),
            message: error.to_string(),
        }
    }
}

/// Runs the case's metric on its input.
fn compute(case: &Case<'_>) -> Result<Outputs, Stop> {
    let input = Input::new("input".to_owned(), case.input)?;
    run_metric(case.metric, input)
}

/// A metric's computation over one input form.
type Runner = fn(Input<'_>) -> Result<Outputs, Stop>;

/// Finds the runner of the case's metric in each family's module; where a
/// metric has two input forms, the family picks one by the field that only
/// that form has, and each form checks the other fields.
fn run_metric(metric: &str, input: Input<'_>) -> Result<Outputs, Stop> {
    let families: [fn(&str, &Input<'_>) -> Option<Runner>; 4] = [
        core::runner,
        operations::runner,
        staffing::runner,
        statistics::runner,
    ];
    match families.iter().find_map(|family| family(metric, &input)) {
        Some(run) => run(input),
        None => Err(Stop::CannotRun(format!("unknown metric `{metric}`"))),
    }
}

/// The problems of a case's result against its `expect`.
fn check(case: &Case<'_>, result: Result<Outputs, Stop>) -> Vec<String> {
    // An empty `expect` would pass without checking anything.
    if case.expect.is_empty() {
        return vec!["cannot check: `expect` is empty".to_owned()];
    }
    match (case.expect.get("error"), result) {
        (_, Err(Stop::CannotRun(why))) => vec![format!("cannot run: {why}")],
        (Some(kind), result) => check_error(case, kind, result).err().into_iter().collect(),
        (None, Err(Stop::Refused { kind, message })) => {
            vec![format!("expected outputs, got error {kind}: {message}")]
        }
        (None, Ok(outputs)) => case
            .expect
            .iter()
            .filter_map(|(key, expected)| {
                check_output(key, expected, &outputs, case.tolerance).err()
            })
            .collect(),
    }
}

/// `{"error": KIND}`: the computation must have failed with that kind.
fn check_error(case: &Case<'_>, kind: &Value, result: Result<Outputs, Stop>) -> Result<(), String> {
    if case.expect.len() > 1 {
        return Err("cannot check: `error` must be the only expect key".to_owned());
    }
    let kind = kind
        .as_str()
        .ok_or_else(|| format!("cannot check `error`: {kind} is not a string"))?;
    match result {
        Err(Stop::Refused { kind: actual, .. }) if actual.as_str() == kind => Ok(()),
        Err(Stop::Refused {
            kind: actual,
            message,
        }) => Err(format!("error: expected {kind}, got {actual} ({message})")),
        Err(Stop::CannotRun(why)) => Err(format!("cannot run: {why}")),
        Ok(outputs) => Err(format!("error: expected {kind}, got no error: {outputs:?}")),
    }
}

/// One expected output against the computed one.
fn check_output(
    key: &str,
    expected: &Value,
    outputs: &Outputs,
    tolerance: Option<&Value>,
) -> Result<(), String> {
    let actual = outputs
        .iter()
        .find(|(name, _)| *name == key)
        .map(|&(_, actual)| actual)
        .ok_or_else(|| format!("cannot check `{key}`: not an output of this metric"))?;
    match actual {
        Actual::Number(actual) => check_number(key, expected, actual, tolerance),
        Actual::Count(actual) => check_count(key, expected, actual),
        Actual::Money(actual) => check_money(key, expected, actual, tolerance),
    }
}

/// A number, within the case's tolerance or the README's 1e-9.
fn check_number(
    key: &str,
    expected: &Value,
    actual: f64,
    tolerance: Option<&Value>,
) -> Result<(), String> {
    let expected = expected
        .as_f64()
        .ok_or_else(|| format!("cannot check `{key}`: {expected} is not a number"))?;
    let tolerance = match tolerance {
        None => DEFAULT_TOLERANCE,
        Some(t) => t
            .as_f64()
            .filter(|t| t.is_finite() && *t >= 0.0)
            .ok_or_else(|| format!("cannot check `{key}`: tolerance {t} is not a number ≥ 0"))?,
    };
    // Written so that a NaN on either side fails.
    if (actual - expected).abs() <= tolerance {
        Ok(())
    } else {
        Err(format!(
            "{key}: expected {expected:?}, got {actual:?} (tolerance {tolerance:e})"
        ))
    }
}

/// A count, exactly.
fn check_count(key: &str, expected: &Value, actual: u64) -> Result<(), String> {
    let expected = expected
        .as_u64()
        .ok_or_else(|| format!("cannot check `{key}`: {expected} is not an unsigned integer"))?;
    if actual == expected {
        Ok(())
    } else {
        Err(format!("{key}: expected {expected}, got {actual}"))
    }
}

/// Money, as an exact decimal (`"400"` equals `"400.00"`), or within the
/// case's decimal-string tolerance.
fn check_money(
    key: &str,
    expected: &Value,
    actual: Decimal,
    tolerance: Option<&Value>,
) -> Result<(), String> {
    let expected = expected
        .as_str()
        .and_then(|s| Decimal::from_str_exact(s).ok())
        .ok_or_else(|| {
            format!("cannot check `{key}`: {expected} is not an exact decimal string")
        })?;
    let tolerance = match tolerance {
        None => Decimal::ZERO,
        Some(t) => t
            .as_str()
            .and_then(|s| Decimal::from_str_exact(s).ok())
            .filter(|t| !t.is_sign_negative())
            .ok_or_else(|| {
                format!("cannot check `{key}`: tolerance {t} is not a decimal string ≥ 0")
            })?,
    };
    let within = actual
        .checked_sub(expected)
        .is_some_and(|difference| difference.abs() <= tolerance);
    if within {
        Ok(())
    } else {
        Err(format!(
            "{key}: expected {expected}, got {actual} (tolerance {tolerance})"
        ))
    }
}

/// The JSON type a field must have: what it is called in messages, and how
/// to read it.
struct Shape<T> {
    what: &'static str,
    read: fn(&Value) -> Option<T>,
}

/// A count: the library takes counts as `u64`, so a negative count has no
/// library entry point and is a shape error.
const COUNT: Shape<u64> = Shape {
    what: "an unsigned integer",
    read: Value::as_u64,
};

/// A score or a scale bound: any integer, so that the library reports one
/// off the scale as an error.
const INTEGER: Shape<i64> = Shape {
    what: "an integer",
    read: integer,
};

/// Seconds, possibly fractional or negative: `try_seconds` and
/// `HandleTime::from_secs` validate them.
const SECONDS: Shape<f64> = Shape {
    what: "a number of seconds",
    read: Value::as_f64,
};

/// A scale, `[min, max]`.
const SCALE: Shape<(i64, i64)> = Shape {
    what: "[min, max], two integers",
    read: scale_bounds,
};

/// An integer as `i64`; one beyond `i64::MAX` saturates, since it lies off
/// every scale just the same.
fn integer(value: &Value) -> Option<i64> {
    value.as_i64().or_else(|| value.as_u64().map(|_| i64::MAX))
}

/// `[min, max]`, exactly two integers.
fn scale_bounds(value: &Value) -> Option<(i64, i64)> {
    match value.as_array()?.as_slice() {
        [min, max] => Some((integer(min)?, integer(max)?)),
        _ => None,
    }
}

/// The fields of an `input` object, read one by one: the fields left unread
/// at the end — unknown to the form, or misspelt — stop the case, instead of
/// being ignored.
struct Input<'a> {
    /// Where the object is, for messages: `input`, `input.contacts[2]`.
    path: String,
    fields: &'a Map<String, Value>,
    read: Vec<&'a str>,
}

impl<'a> Input<'a> {
    fn new(path: String, value: &'a Value) -> Result<Input<'a>, Stop> {
        let fields = value
            .as_object()
            .ok_or_else(|| Stop::CannotRun(format!("{path} is not an object")))?;
        Ok(Input {
            path,
            fields,
            read: Vec::new(),
        })
    }

    fn has(&self, name: &str) -> bool {
        self.fields.contains_key(name)
    }

    /// The field `name`, if present, marked as read.
    fn optional_field(&mut self, name: &str) -> Option<&'a Value> {
        let (key, value) = self.fields.get_key_value(name)?;
        self.read.push(key.as_str());
        Some(value)
    }

    /// The required field `name`, marked as read.
    fn field(&mut self, name: &str) -> Result<&'a Value, Stop> {
        self.optional_field(name)
            .ok_or_else(|| Stop::CannotRun(format!("{} lacks `{name}`", self.path)))
    }

    /// `value`, found at `path`, read as `shape`.
    fn read<T>(path: &str, value: &Value, shape: &Shape<T>) -> Result<T, Stop> {
        (shape.read)(value)
            .ok_or_else(|| Stop::CannotRun(format!("{path} must be {}, got {value}", shape.what)))
    }

    /// The required field `name`, of `shape`.
    fn get<T>(&mut self, name: &str, shape: &Shape<T>) -> Result<T, Stop> {
        let value = self.field(name)?;
        Input::read(&format!("{}.{name}", self.path), value, shape)
    }

    /// The optional field `name`, of `shape`.
    fn get_optional<T>(&mut self, name: &str, shape: &Shape<T>) -> Result<Option<T>, Stop> {
        self.optional_field(name)
            .map(|value| Input::read(&format!("{}.{name}", self.path), value, shape))
            .transpose()
    }

    /// The required array `name`, each item of `shape`.
    fn list<T>(&mut self, name: &str, shape: &Shape<T>) -> Result<Vec<T>, Stop> {
        self.array(name)?
            .iter()
            .enumerate()
            .map(|(i, item)| Input::read(&format!("{}.{name}[{i}]", self.path), item, shape))
            .collect()
    }

    /// The required array `name`, each item an object read as an `Input`.
    fn objects(&mut self, name: &str) -> Result<Vec<Input<'a>>, Stop> {
        let path = format!("{}.{name}", self.path);
        self.array(name)?
            .iter()
            .enumerate()
            .map(|(i, item)| Input::new(format!("{path}[{i}]"), item))
            .collect()
    }

    /// The required array `name`.
    fn array(&mut self, name: &str) -> Result<&'a Vec<Value>, Stop> {
        let value = self.field(name)?;
        value.as_array().ok_or_else(|| {
            Stop::CannotRun(format!(
                "{}.{name} must be an array, got {value}",
                self.path
            ))
        })
    }

    /// The required string field `name`.
    fn text(&mut self, name: &str) -> Result<&'a str, Stop> {
        let value = self.field(name)?;
        value.as_str().ok_or_else(|| {
            Stop::CannotRun(format!(
                "{}.{name} must be a string, got {value}",
                self.path
            ))
        })
    }

    /// Ends the reading: a field left unread is unknown to this input form.
    fn finish(self) -> Result<(), Stop> {
        let unknown = unknown_fields(self.fields, &self.read);
        if unknown.is_empty() {
            Ok(())
        } else {
            Err(Stop::CannotRun(format!(
                "{} has unknown {unknown}",
                self.path
            )))
        }
    }
}
