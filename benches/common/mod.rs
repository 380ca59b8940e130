//! Shared by the bench targets (a directory, so cargo does not take it for
//! a bench target of its own).
#![allow(dead_code)]

pub mod corpus;
pub mod harness;

use mfalint::Kind;

/// Payloads per kind: 1,000 by default, `MFALINT_BENCH_PER_KIND` to change
/// it (the smoke run uses a handful).
pub fn per_kind() -> usize {
    std::env::var("MFALINT_BENCH_PER_KIND")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000)
}

/// One jsonschema validator per kind, in `Kind::ALL` order, built once.
pub fn validators() -> Vec<jsonschema::Validator> {
    Kind::ALL
        .iter()
        .map(|k| {
            let schema: serde_json::Value =
                serde_json::from_str(mfalint::schema(*k)).expect("schemas are JSON");
            jsonschema::draft202012::new(&schema)
                .unwrap_or_else(|e| panic!("{k}: schema does not compile: {e}"))
        })
        .collect()
}

pub fn kind_index(kind: Kind) -> usize {
    Kind::ALL
        .iter()
        .position(|k| *k == kind)
        .expect("a kind of Kind::ALL")
}
