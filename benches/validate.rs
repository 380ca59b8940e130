//! Bytes to report: mfalint vs the `jsonschema` crate on `schemas/` vs the
//! parse floor (`serde_json` into a `Value`) and serde_json's syntax check
//! alone (into `IgnoredAny`), on the same corpus
//! (`common::corpus`, fixed seed). Run with `scripts/bench-rust.sh`, which
//! also prints the ratio tables (bench/criterion-table.mjs).
//!
//! Every function below processes the whole group (all payloads, or the
//! invalid ones) per iteration; throughput is in corpus bytes.

mod common;

use std::time::Duration;

use common::corpus::{corpus, Payload, SEED};
use common::harness::{
    floor, js_is_valid, js_iter_errors, mfalint_is_valid, mfalint_parse, mfalint_validate, syntax,
};
use common::{kind_index, per_kind, validators};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use mfalint::{Kind, Options};

fn bytes(set: &[&Payload]) -> u64 {
    set.iter().map(|p| p.text.len() as u64).sum()
}

fn describe(all: &[Payload], vs: &[jsonschema::Validator]) {
    let invalid = all.iter().filter(|p| !p.valid).count();
    let agree = all
        .iter()
        .filter(|p| {
            let v: serde_json::Value = serde_json::from_str(&p.text).expect("corpus is JSON");
            vs[kind_index(p.kind)].is_valid(&v) == p.valid
        })
        .count();
    eprintln!(
        "corpus: seed {SEED:#x}, {} payloads ({} per kind), {} bytes, {} invalid per mfalint; \
         the JSON Schemas agree on {agree}",
        all.len(),
        per_kind(),
        bytes(&all.iter().collect::<Vec<_>>()),
        invalid,
    );
}

fn benches(c: &mut Criterion) {
    let all = corpus(per_kind(), SEED);
    let vs = validators();
    let opts = Options::default();
    describe(&all, &vs);

    let everything: Vec<&Payload> = all.iter().collect();
    let invalid: Vec<&Payload> = all.iter().filter(|p| !p.valid).collect();

    for (name, set) in [("all", &everything), ("invalid", &invalid)] {
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(bytes(set)));
        g.bench_function("serde_json-floor", |b| b.iter(|| floor(set)));
        g.bench_function("serde_json-syntax", |b| b.iter(|| syntax(set)));
        g.bench_function("mfalint-parse", |b| b.iter(|| mfalint_parse(set, &opts)));
        g.bench_function("mfalint-validate", |b| {
            b.iter(|| mfalint_validate(set, &opts))
        });
        g.bench_function("mfalint-is_valid", |b| {
            b.iter(|| mfalint_is_valid(set, &opts))
        });
        g.bench_function("jsonschema-is_valid", |b| b.iter(|| js_is_valid(set, &vs)));
        g.bench_function("jsonschema-iter_errors", |b| {
            b.iter(|| js_iter_errors(set, &vs))
        });
        g.finish();
    }

    for kind in Kind::ALL {
        let set: Vec<&Payload> = all.iter().filter(|p| p.kind == kind).collect();
        let mut g = c.benchmark_group(format!("kind/{kind}"));
        g.throughput(Throughput::Bytes(bytes(&set)));
        g.bench_function("serde_json-floor", |b| b.iter(|| floor(&set)));
        g.bench_function("mfalint-validate", |b| {
            b.iter(|| mfalint_validate(&set, &opts))
        });
        g.bench_function("mfalint-is_valid", |b| {
            b.iter(|| mfalint_is_valid(&set, &opts))
        });
        g.bench_function("jsonschema-is_valid", |b| b.iter(|| js_is_valid(&set, &vs)));
        g.finish();
    }
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
}

criterion_group! {
    name = group;
    config = config();
    targets = benches
}
criterion_main!(group);
