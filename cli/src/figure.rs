//! One figure of the report: the unit every output (JSON, text, CSV, HTML)
//! is drawn from, so that they cannot disagree.

use serde_json::{Map, Value, json};

/// A figure's value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Amount {
    /// A count, exact.
    Count(u64),
    /// A measured real number (a share, seconds, a mean).
    Real(f64),
    /// The data cannot give this figure (no calls, no waits recorded…).
    Missing,
}

impl Amount {
    /// The value as JSON: an integer, a number or `null`.
    pub fn json(self) -> Value {
        match self {
            Amount::Count(n) => json!(n),
            Amount::Real(x) if x.is_finite() => json!(x),
            Amount::Real(_) | Amount::Missing => Value::Null,
        }
    }
}

/// One figure: its name (a dotted path, the JSON nesting), unit, value,
/// the number of observations it rests on and its 95 % interval.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// `calls.offered`, `service_level_pct.20s.count_against`, …
    pub path: String,
    /// `calls`, `%`, `s`, `rating 1-5`, `agents`.
    pub unit: &'static str,
    /// The value.
    pub value: Amount,
    /// The observations behind it (a rate's denominator, a mean's count).
    pub n: Option<u64>,
    /// The 95 % confidence interval, where the report gives one.
    pub ci: Option<(f64, f64)>,
}

impl Figure {
    /// A figure without an interval.
    pub fn new(
        path: impl Into<String>,
        unit: &'static str,
        value: Amount,
        n: Option<u64>,
    ) -> Figure {
        Figure {
            path: path.into(),
            unit,
            value,
            n,
            ci: None,
        }
    }
}

/// The figures as nested JSON: `a.b.c` becomes `{"a": {"b": {"c": …}}}`;
/// the 95 % intervals form a tree of their own beside them, under `ci95`
/// (`{"ci95": {"a": {"b": {"c": [low, high]}}}}`), so that a figure's
/// siblings stay figures of one kind.
pub fn to_json(figures: &[Figure]) -> Map<String, Value> {
    let mut root = Map::new();
    for figure in figures {
        let keys: Vec<&str> = figure.path.split('.').collect();
        insert(&mut root, &keys, figure.value.json());
        if let Some((low, high)) = figure.ci {
            let keys: Vec<&str> = std::iter::once("ci95")
                .chain(keys.iter().copied())
                .collect();
            insert(&mut root, &keys, json!([low, high]));
        }
    }
    root
}

/// Puts `value` at `keys` under `node`, making the objects on the way.
fn insert(node: &mut Map<String, Value>, keys: &[&str], value: Value) {
    match keys {
        [] => {}
        [leaf] => {
            node.insert((*leaf).to_owned(), value);
        }
        [key, rest @ ..] => {
            let entry = node
                .entry((*key).to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            if let Value::Object(next) = entry {
                insert(next, rest, value);
            }
        }
    }
}

impl Amount {
    /// The value as a float, `None` when missing.
    pub fn as_f64(self) -> Option<f64> {
        match self {
            Amount::Count(n) => Some(n as f64),
            Amount::Real(x) if x.is_finite() => Some(x),
            Amount::Real(_) | Amount::Missing => None,
        }
    }
}

/// The figure at `path` among `figures`.
pub fn find<'a>(figures: &'a [Figure], path: &str) -> Option<&'a Figure> {
    figures.iter().find(|f| f.path == path)
}

/// The value at `path` among `figures`, `None` when absent or missing.
pub fn value(figures: &[Figure], path: &str) -> Option<f64> {
    find(figures, path).and_then(|f| f.value.as_f64())
}
