//! Instruction counts of the same harnesses as `validate.rs`, on the same
//! corpus: each run does one harness over one set, and callgrind counts
//! the instructions inside [`measure`] only (`scripts/bench-instructions.sh`
//! runs it and prints the ratios). Wall time on a shared two-core machine
//! moves by a third from one minute to the next; instruction counts do not,
//! so a before/after comparison of a few percent is only trustworthy here.
//! They are a proxy: they ignore cache misses and branch mispredictions,
//! which is why `validate.rs` stays the benchmark of record.
//!
//!   instructions <all | invalid | KIND> <HARNESS>

mod common;

use std::hint::black_box;

use common::corpus::{corpus, Payload, SEED};
use common::harness::{
    floor, js_is_valid, js_iter_errors, mfalint_is_valid, mfalint_parse, mfalint_validate, syntax,
};
use common::{per_kind, validators};
use mfalint::Options;

/// The harnesses, by the names `validate.rs` gives them.
const HARNESSES: &[&str] = &[
    "serde_json-floor",
    "serde_json-syntax",
    "mfalint-parse",
    "mfalint-validate",
    "mfalint-is_valid",
    "jsonschema-is_valid",
    "jsonschema-iter_errors",
];

fn main() {
    // `cargo bench` passes `--bench`; the rest are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let [group, harness] = args.as_slice() else {
        eprintln!("usage: instructions <all | invalid | KIND> <HARNESS>; harnesses: {HARNESSES:?}");
        // Run without arguments (`cargo bench`): nothing to measure.
        return;
    };
    assert!(
        HARNESSES.contains(&harness.as_str()),
        "unknown harness {harness}"
    );
    let all = corpus(per_kind(), SEED);
    let set: Vec<&Payload> = match group.as_str() {
        "all" => all.iter().collect(),
        "invalid" => all.iter().filter(|p| !p.valid).collect(),
        kind => all.iter().filter(|p| p.kind.id() == kind).collect(),
    };
    assert!(!set.is_empty(), "no payload in {group}");
    let vs = validators();
    let opts = Options::default();
    // Once outside the count: lazily built tables and the allocator's first
    // growth are not the harness's steady state.
    let warm = run(harness, &set, &opts, &vs);
    let n = measure(harness, &set, &opts, &vs);
    assert_eq!(warm, n);
    println!("{group} {harness}: {} payloads, result {n}", set.len());
}

/// The only function callgrind counts in.
#[inline(never)]
fn measure(harness: &str, set: &[&Payload], opts: &Options, vs: &[jsonschema::Validator]) -> usize {
    black_box(run(harness, set, opts, vs))
}

fn run(harness: &str, set: &[&Payload], opts: &Options, vs: &[jsonschema::Validator]) -> usize {
    match harness {
        "serde_json-floor" => floor(set),
        "serde_json-syntax" => syntax(set),
        "mfalint-parse" => mfalint_parse(set, opts),
        "mfalint-validate" => mfalint_validate(set, opts),
        "mfalint-is_valid" => mfalint_is_valid(set, opts),
        "jsonschema-is_valid" => js_is_valid(set, vs),
        "jsonschema-iter_errors" => js_iter_errors(set, vs),
        _ => unreachable!("checked in main"),
    }
}
