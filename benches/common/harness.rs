//! What the benchmarks time: each function processes a whole set of
//! payloads (all of them, the invalid ones, or one kind's), the same work
//! for criterion (`validate.rs`, wall time) and for callgrind
//! (`instructions.rs`, instruction counts).

use std::hint::black_box;

use super::corpus::Payload;
use super::kind_index;
use mfalint::Options;

pub fn floor(set: &[&Payload]) -> usize {
    let mut n = 0;
    for p in set {
        let v: serde_json::Value = serde_json::from_str(&p.text).expect("corpus is JSON");
        n += usize::from(black_box(&v).is_object());
    }
    n
}

/// serde_json checking the syntax without building anything (`IgnoredAny`,
/// no allocation): the least any validator of JSON text must do.
pub fn syntax(set: &[&Payload]) -> usize {
    let mut n = 0;
    for p in set {
        let v: serde::de::IgnoredAny = serde_json::from_str(&p.text).expect("corpus is JSON");
        n += usize::from(black_box(&v) == &serde::de::IgnoredAny);
    }
    n
}

pub fn mfalint_parse(set: &[&Payload], opts: &Options) -> usize {
    let mut n = 0;
    for p in set {
        let node = mfalint::parse(&p.text, opts).expect("corpus is JSON");
        n += black_box(&node).span.end;
    }
    n
}

pub fn mfalint_validate(set: &[&Payload], opts: &Options) -> usize {
    let mut n = 0;
    for p in set {
        let report = mfalint::validate_str(&p.text, Some(p.kind), opts).expect("corpus parses");
        n += black_box(&report).findings.len();
    }
    n
}

/// The verdict alone, the same work as `jsonschema`'s `is_valid`.
pub fn mfalint_is_valid(set: &[&Payload], opts: &Options) -> usize {
    let mut n = 0;
    for p in set {
        n +=
            usize::from(mfalint::is_valid_str(&p.text, Some(p.kind), opts).expect("corpus parses"));
    }
    n
}

pub fn js_is_valid(set: &[&Payload], vs: &[jsonschema::Validator]) -> usize {
    let mut n = 0;
    for p in set {
        let v: serde_json::Value = serde_json::from_str(&p.text).expect("corpus is JSON");
        n += usize::from(vs[kind_index(p.kind)].is_valid(&v));
    }
    n
}

pub fn js_iter_errors(set: &[&Payload], vs: &[jsonschema::Validator]) -> usize {
    let mut n = 0;
    for p in set {
        let v: serde_json::Value = serde_json::from_str(&p.text).expect("corpus is JSON");
        let errors: Vec<_> = vs[kind_index(p.kind)].iter_errors(&v).collect();
        n += black_box(&errors).len();
    }
    n
}
