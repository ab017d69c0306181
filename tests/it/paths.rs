//! One public path per item: the rule of the crate docs' "Where things are",
//! checked on the source text.
//!
//! - Only `src/lib.rs` declares `pub mod`: the family modules. Every other
//!   module is a file-private `mod` (or `pub(crate) mod`, so that the root
//!   can re-export a family's tally).
//! - Every public item defined in `src/` (a `pub struct`, `enum`, `trait`,
//!   `fn`, `const`, `type` at the top of its file) has exactly one public
//!   name: where it is defined, if that file is a family module, else one
//!   `pub use` at the root or in a family module. No glob re-exports, which
//!   would hide what they export.
//! - Every tally (a type given the tally surface by the `tally!` or
//!   `merge_surface!` macro) is at the root.
//!
//! The check reads text, not the compiler's view: it knows `pub use` lists
//! (nested braces, `as`), not macros that define items; the compiler checks
//! that the re-exports resolve.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let rel = path
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read_to_string(&path).unwrap())
        })
        .collect()
}

/// The source without its `#[cfg(test)] mod tests { … }` block, which ends
/// every file that has one.
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod tests")
        .map_or(text, |at| &text[..at])
}

/// The statements starting at column 0 with `prefix`, up to their `;`.
fn statements<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(prefix) {
        let at_line_start = at == 0 || rest.as_bytes()[at - 1] == b'\n';
        let tail = &rest[at + prefix.len()..];
        if at_line_start {
            let end = tail.find(';').unwrap();
            out.push(&tail[..end]);
        }
        rest = tail;
    }
    out
}

/// The names a `use` tree exports: the last segment of each leaf, or its alias.
fn leaves(tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let inner = &tree[open + 1..tree.rfind('}').unwrap()];
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    leaves(&inner[start..i], out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        leaves(&inner[start..], out);
    } else if !tree.is_empty() {
        let name = tree
            .rsplit(" as ")
            .next()
            .unwrap()
            .rsplit("::")
            .next()
            .unwrap()
            .trim();
        out.push(name.to_owned());
    }
}

/// Names defined as top-level public items of a file.
fn defined(text: &str) -> Vec<String> {
    const KINDS: [&str; 8] = [
        "pub struct ",
        "pub enum ",
        "pub trait ",
        "pub fn ",
        "pub const fn ",
        "pub const ",
        "pub type ",
        "pub static ",
    ];
    let mut out = Vec::new();
    for line in text.lines() {
        for kind in KINDS {
            if let Some(rest) = line.strip_prefix(kind) {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.push(name);
                break;
            }
        }
    }
    out
}

/// The file of a top-level module `name`.
fn module_file(name: &str) -> [String; 2] {
    [format!("{name}.rs"), format!("{name}/mod.rs")]
}

/// The names of a file's `pub use` statements, refusing globs.
fn reexported(source: &str, file: &str) -> Vec<String> {
    let mut names = Vec::new();
    for decl in statements(source, "pub use ") {
        assert!(
            !decl.contains('*'),
            "glob re-export `pub use {decl}` in src/{file}"
        );
        leaves(decl, &mut names);
    }
    names
}

/// The tallies: the first argument of each `tally!` and `merge_surface!` call.
fn tallies(files: &[(String, String)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (file, source) in files.iter().filter(|(file, _)| file != "tally.rs") {
        for call in ["tally!(", "merge_surface!("] {
            for (at, _) in source.match_indices(call) {
                let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
                if !source[line_start..at].trim().is_empty() {
                    continue;
                }
                let args = source[at + call.len()..].trim_start();
                let args = args
                    .strip_prefix('[')
                    .map_or(args, |a| &a[a.find(']').unwrap() + 1..]);
                let name: String = args
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.push((name, file.clone()));
            }
        }
    }
    out
}

#[test]
fn every_public_item_has_one_path() {
    let files = sources();
    let text = |rel: &str| {
        files
            .iter()
            .find(|(f, _)| f == rel)
            .map(|(_, t)| without_tests(t))
    };

    // Only the root declares public modules.
    let mut families = BTreeSet::new();
    for (file, source) in &files {
        for decl in statements(without_tests(source), "pub mod ") {
            assert_eq!(
                file, "lib.rs",
                "`pub mod {decl}` in src/{file}: a file module must be private, its items re-exported"
            );
            families.insert(decl.trim().to_owned());
        }
    }
    let family_files: BTreeMap<String, &str> = families
        .iter()
        .flat_map(|family| module_file(family).map(|file| (file, family.as_str())))
        .collect();

    // Each public name and where it is public.
    let mut paths: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for name in reexported(text("lib.rs").unwrap(), "lib.rs") {
        paths.entry(name).or_default().push("cxkpi".to_owned());
    }
    for (file, family) in &family_files {
        let Some(source) = text(file) else { continue };
        for name in reexported(source, file).into_iter().chain(defined(source)) {
            paths
                .entry(name)
                .or_default()
                .push(format!("cxkpi::{family}"));
        }
    }
    let duplicated: Vec<String> = paths
        .iter()
        .filter(|(_, at)| at.len() > 1)
        .map(|(name, at)| format!("{name}: {}", at.join(", ")))
        .collect();
    assert!(
        duplicated.is_empty(),
        "items public at more than one path:\n{}",
        duplicated.join("\n")
    );

    // Every public item defined anywhere is public somewhere.
    let mut unreachable = Vec::new();
    for (file, source) in &files {
        if family_files.contains_key(file) || file == "lib.rs" {
            continue;
        }
        for name in defined(without_tests(source)) {
            if !paths.contains_key(&name) {
                unreachable.push(format!("{name} (src/{file})"));
            }
        }
    }
    assert!(
        unreachable.is_empty(),
        "public items without a public path:\n{}",
        unreachable.join("\n")
    );

    // Every tally is at the root.
    let tallies = tallies(&files);
    assert!(
        tallies.len() >= 20,
        "the tally macros were not found: {tallies:?}"
    );
    for (name, file) in tallies {
        let at = paths.get(&name).map(Vec::as_slice).unwrap_or_default();
        assert_eq!(
            at,
            ["cxkpi"],
            "the tally {name} (src/{file}) must be at the root only"
        );
    }
}

#[test]
fn the_parser_reads_nested_lists() {
    let mut names = Vec::new();
    leaves("a::{B, c::{D as E, F}, g::H}", &mut names);
    assert_eq!(names, ["B", "E", "F", "H"]);
    assert_eq!(
        statements(
            "pub use a::B;\n    pub use c::D;\npub use e::{F,\n G};",
            "pub use "
        ),
        ["a::B", "e::{F,\n G}"]
    );
    assert_eq!(
        defined("pub struct A<T>;\n    pub fn b() {}\npub const fn c() {}\npub const D: u8 = 1;"),
        ["A", "c", "D"]
    );
}
