//! Dumps what the Rust core says about every `.json` file under the given
//! directories (missing ones are skipped), for `tests/node/corpus.test.mjs`
//! to compare with the WASM package. Calls the core API directly, not this
//! crate's option handling, so the comparison is independent of it.
//!
//! `cargo run -p mfalint-wasm --example expected -- DIR... > expected.json`
//!
//! Output: `{"files": {"<path>": {"kind": "<id>"|null, "variants": {"<name>":
//! {"ok": Report}|{"error": "<message>"}}, "normalize": ..., "redact": ...,
//! "bytes": <validate_bytes, default options>}}}`; files that are not UTF-8
//! have `kind` and `bytes` only.

use std::path::{Path, PathBuf};

use mfalint::{Kind, Mode, Options, RuleSet, Severity};
use serde_json::{json, Map, Value};

/// Option sets, by name; `tests/node/corpus.test.mjs` has the same names
/// mapped to JavaScript options objects.
fn variants() -> Vec<(&'static str, Options)> {
    let mut all = RuleSet::default();
    all.select("ALL").unwrap();
    let mut custom = RuleSet::default();
    custom
        .select("MFA081")
        .unwrap()
        .ignore("MFA003")
        .unwrap()
        .set_severity("MFA04", Severity::Warning)
        .unwrap();
    vec![
        ("default", Options::default()),
        (
            "export",
            Options {
                mode: Mode::Export,
                ..Options::default()
            },
        ),
        (
            "all",
            Options {
                rules: all,
                ..Options::default()
            },
        ),
        (
            "custom",
            Options {
                rules: custom,
                ..Options::default()
            },
        ),
    ]
}

/// The kind a path names (`x.scm-mfa-server.json`, `scm-mfa-server/x.json`).
fn kind_of(path: &Path) -> Option<Kind> {
    let text = path.to_string_lossy();
    Kind::ALL.into_iter().find(|k| text.contains(k.id()))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

fn result<T: serde::Serialize>(r: Result<T, mfalint::Error>) -> Value {
    match r {
        Ok(v) => json!({ "ok": v }),
        Err(e) => json!({ "error": e.to_string() }),
    }
}

fn main() {
    let mut files = Vec::new();
    for dir in std::env::args().skip(1) {
        walk(Path::new(&dir), &mut files);
    }
    let mut out = Map::new();
    for path in files {
        let bytes = std::fs::read(&path).expect("readable file");
        let kind = kind_of(&path);
        let as_bytes = result(mfalint::validate_bytes(&bytes, kind, &Options::default()));
        let Ok(text) = String::from_utf8(bytes) else {
            // JavaScript strings cannot carry invalid UTF-8: bytes only.
            out.insert(
                path.to_string_lossy().into_owned(),
                json!({ "kind": kind.map(Kind::id), "bytes": as_bytes }),
            );
            continue;
        };
        let mut cases = Map::new();
        for (name, opts) in variants() {
            cases.insert(
                name.into(),
                result(mfalint::validate_str(&text, kind, &opts)),
            );
        }
        let opts = Options::default();
        out.insert(
            path.to_string_lossy().into_owned(),
            json!({
                "kind": kind.map(Kind::id),
                "variants": cases,
                "normalize": result(mfalint::normalize(&text, kind, &opts)),
                "redact": result(mfalint::redact(&text, &opts)),
                "bytes": as_bytes,
            }),
        );
    }
    println!("{}", json!({ "files": out }));
}
