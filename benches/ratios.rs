//! The Rust harnesses of `validate.rs`, interleaved: each round runs every
//! harness once, one after the other, over the same set, for many rounds.
//! Per harness it prints the fastest and the median pass; per comparison
//! with a peer, the median (and quartiles) of the ratios taken within each
//! round. A shared two-core machine's speed drifts by a third within
//! minutes; criterion times one harness after the other, so its ratios
//! drift with the machine, while two passes a moment apart see the same
//! machine. `scripts/bench-rust.sh` runs it after criterion; BENCHMARKS.md
//! quotes both. Also a profiling aid: run it under `perf record`.
//!
//!   cargo bench --bench ratios -- [ROUNDS] [--only HARNESS,...]

mod common;

use std::hint::black_box;
use std::time::Instant;

use common::corpus::{corpus, Payload, SEED};
use common::harness::{
    floor, js_is_valid, js_iter_errors, mfalint_is_valid, mfalint_parse, mfalint_validate, syntax,
};
use common::{per_kind, validators};
use mfalint::Options;

const HARNESSES: [&str; 7] = [
    "serde_json-floor",
    "serde_json-syntax",
    "mfalint-parse",
    "mfalint-validate",
    "mfalint-is_valid",
    "jsonschema-is_valid",
    "jsonschema-iter_errors",
];

/// Ours and the peer's, doing the same work.
const PAIRS: [(&str, &str); 2] = [
    ("mfalint-is_valid", "jsonschema-is_valid"),
    ("mfalint-validate", "jsonschema-iter_errors"),
];

fn main() {
    let mut rounds = 41usize;
    let mut only: Option<Vec<String>> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--bench" => {}
            "--only" => {
                only = args
                    .next()
                    .map(|v| v.split(',').map(String::from).collect())
            }
            n => rounds = n.parse().expect("ROUNDS is a number"),
        }
    }
    let names: Vec<&str> = HARNESSES
        .into_iter()
        .filter(|h| only.as_ref().is_none_or(|o| o.iter().any(|x| x == h)))
        .collect();
    let all = corpus(per_kind(), SEED);
    let vs = validators();
    let opts = Options::default();
    let everything: Vec<&Payload> = all.iter().collect();
    let invalid: Vec<&Payload> = all.iter().filter(|p| !p.valid).collect();
    for (group, set) in [("all", &everything), ("invalid", &invalid)] {
        let run = |name: &str| match name {
            "serde_json-floor" => floor(set),
            "serde_json-syntax" => syntax(set),
            "mfalint-parse" => mfalint_parse(set, &opts),
            "mfalint-validate" => mfalint_validate(set, &opts),
            "mfalint-is_valid" => mfalint_is_valid(set, &opts),
            "jsonschema-is_valid" => js_is_valid(set, &vs),
            "jsonschema-iter_errors" => js_iter_errors(set, &vs),
            _ => unreachable!("a harness of HARNESSES"),
        };
        // Warm up, then `rounds` rounds of one pass each.
        for name in &names {
            black_box(run(name));
        }
        let times: Vec<Vec<f64>> = (0..rounds)
            .map(|_| names.iter().map(|name| time(|| run(name))).collect())
            .collect();
        println!("#### {group}: {} payloads, {rounds} rounds\n", set.len());
        println!("| harness | fastest pass ms | median pass ms |");
        println!("|---|---:|---:|");
        for (i, name) in names.iter().enumerate() {
            let mut t: Vec<f64> = times.iter().map(|r| r[i] * 1e3).collect();
            t.sort_by(f64::total_cmp);
            println!("| {name} | {:.3} | {:.3} |", t[0], t[t.len() / 2]);
        }
        println!();
        for (ours, peer) in PAIRS {
            let (Some(a), Some(b)) = (
                names.iter().position(|n| *n == ours),
                names.iter().position(|n| *n == peer),
            ) else {
                continue;
            };
            let mut r: Vec<f64> = times.iter().map(|t| t[b] / t[a]).collect();
            r.sort_by(f64::total_cmp);
            let q = |f: f64| r[((r.len() - 1) as f64 * f).round() as usize];
            println!(
                "- {group}: {ours} is {:.2}x faster than {peer} (median of the rounds' ratios; quartiles {:.2}x..{:.2}x)",
                q(0.5),
                q(0.25),
                q(0.75)
            );
        }
        println!();
    }
}

/// Seconds for one pass.
fn time(f: impl Fn() -> usize) -> f64 {
    let start = Instant::now();
    black_box(f());
    start.elapsed().as_secs_f64()
}
