//! How fast can any Rust JSON parser read the benchmark corpus? Issue 5 asks
//! mfalint to be 5x faster than `jsonschema` (serde_json parse + `is_valid`
//! over the corpus, parse + `iter_errors` over its invalid payloads). This
//! sets each 5x budget beside the bare syntax pass of serde_json and of the
//! SIMD parsers simd-json and sonic-rs, in one interleaved run, fastest pass
//! of each.
//!
//! ```text
//! mfalint-bench-ceiling CORPUS.json [PASSES]
//! ```
//!
//! CORPUS.json is `cargo bench --bench dump_corpus -- --json FILE`'s output.

use std::time::{Duration, Instant};

use serde::de::IgnoredAny;

#[derive(serde::Deserialize)]
struct Corpus {
    payloads: Vec<Payload>,
}

#[derive(serde::Deserialize)]
struct Payload {
    kind: String,
    text: String,
    valid: bool,
}

#[derive(Clone, Copy)]
enum Harness {
    SerdeSyntax,
    SimdJsonTape,
    SonicSyntax,
    MfalintParse,
    MfalintIsValid,
    MfalintValidate,
    JsonschemaIsValid,
    JsonschemaIterErrors,
}

const HARNESSES: &[(Harness, &str)] = &[
    (Harness::SerdeSyntax, "serde_json-syntax"),
    (Harness::SimdJsonTape, "simd_json-tape"),
    (Harness::SonicSyntax, "sonic_rs-syntax"),
    (Harness::MfalintParse, "mfalint-parse"),
    (Harness::MfalintIsValid, "mfalint-is_valid"),
    (Harness::MfalintValidate, "mfalint-validate"),
    (Harness::JsonschemaIsValid, "jsonschema-is_valid"),
    (Harness::JsonschemaIterErrors, "jsonschema-iter_errors"),
];

/// A group of payloads, each with its kind's compiled schema.
struct Group<'a> {
    name: &'static str,
    texts: Vec<&'a str>,
    kinds: Vec<mfalint::Kind>,
    validators: Vec<&'a jsonschema::Validator>,
    /// simd-json parses in place: each pass copies the text in first (a
    /// memcpy of the group, counted against simd-json).
    scratch: Vec<Vec<u8>>,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| usage());
    let passes: usize = match args.next() {
        Some(n) => n.parse().unwrap_or_else(|_| usage()),
        None => 200,
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| fail(&format!("{path}: {e}")));
    let corpus: Corpus =
        serde_json::from_str(&text).unwrap_or_else(|e| fail(&format!("{path}: {e}")));
    // One compiled validator per kind, as a caller keeps them.
    let compiled: Vec<jsonschema::Validator> = mfalint::Kind::ALL
        .iter()
        .map(|k| {
            let schema: serde_json::Value =
                serde_json::from_str(mfalint::schema(*k)).expect("schemas are JSON");
            jsonschema::draft202012::new(&schema).expect("schemas compile")
        })
        .collect();
    let group = |name, keep: fn(&Payload) -> bool| {
        let payloads: Vec<&Payload> = corpus.payloads.iter().filter(|p| keep(p)).collect();
        let kinds: Vec<mfalint::Kind> = payloads
            .iter()
            .map(|p| mfalint::Kind::from_id(&p.kind).unwrap_or_else(|| fail(&p.kind)))
            .collect();
        Group {
            name,
            texts: payloads.iter().map(|p| p.text.as_str()).collect(),
            validators: kinds.iter().map(|k| &compiled[kind_index(*k)]).collect(),
            kinds,
            scratch: payloads
                .iter()
                .map(|p| p.text.as_bytes().to_vec())
                .collect(),
        }
    };
    let mut groups = [group("all", |_| true), group("invalid", |p| !p.valid)];
    for g in &mut groups {
        report(g, passes);
    }
}

fn report(g: &mut Group, passes: usize) {
    let opts = mfalint::Options::default();
    let mut buffers = simd_json::Buffers::default();
    let mut fastest = vec![Duration::MAX; HARNESSES.len()];
    let mut sink = 0usize;
    for _ in 0..passes {
        for ((harness, _), best) in HARNESSES.iter().zip(&mut fastest) {
            let start = Instant::now();
            sink += run(*harness, g, &opts, &mut buffers);
            *best = (*best).min(start.elapsed());
        }
    }
    std::hint::black_box(sink);

    let ms = |h: Harness| fastest[h as usize].as_secs_f64() * 1e3;
    let verdict_budget = ms(Harness::JsonschemaIsValid) / 5.0;
    let report_budget = ms(Harness::JsonschemaIterErrors) / 5.0;
    println!(
        "\n{}: {} payloads, {} bytes; fastest of {passes} interleaved passes",
        g.name,
        g.texts.len(),
        g.texts.iter().map(|t| t.len()).sum::<usize>()
    );
    println!(
        "| harness | fastest pass ms | / 5x verdict budget ({verdict_budget:.2} ms) | \
         / 5x report budget ({report_budget:.2} ms) |"
    );
    println!("|---|---:|---:|---:|");
    for (harness, name) in HARNESSES {
        let t = ms(*harness);
        println!(
            "| {name} | {t:.2} | {:.2}x | {:.2}x |",
            t / verdict_budget,
            t / report_budget
        );
    }
}

/// One pass of `harness` over the group; returns something to keep alive.
fn run(
    harness: Harness,
    g: &mut Group,
    opts: &mfalint::Options,
    buffers: &mut simd_json::Buffers,
) -> usize {
    let texts = g.texts.iter();
    match harness {
        Harness::SerdeSyntax => texts
            .map(|t| serde_json::from_str::<IgnoredAny>(t).map_or(0, |_| 1))
            .sum(),
        Harness::SimdJsonTape => texts
            .zip(&mut g.scratch)
            .map(|(t, buf)| {
                buf.copy_from_slice(t.as_bytes());
                simd_json::to_tape_with_buffers(buf, buffers).map_or(0, |tape| tape.0.len())
            })
            .sum(),
        Harness::SonicSyntax => texts
            .map(|t| sonic_rs::from_str::<IgnoredAny>(t).map_or(0, |_| 1))
            .sum(),
        Harness::MfalintParse => texts
            .map(|t| mfalint::parse(t, opts).map_or(0, |n| n.span.end))
            .sum(),
        Harness::MfalintIsValid => texts
            .zip(&g.kinds)
            .map(|(t, k)| usize::from(mfalint::is_valid_str(t, Some(*k), opts) == Ok(true)))
            .sum(),
        Harness::MfalintValidate => texts
            .zip(&g.kinds)
            .map(|(t, k)| mfalint::validate_str(t, Some(*k), opts).map_or(0, |r| r.findings.len()))
            .sum(),
        Harness::JsonschemaIsValid => texts
            .zip(&g.validators)
            .map(|(t, v)| {
                let value: serde_json::Value = serde_json::from_str(t).expect("JSON");
                usize::from(v.is_valid(&value))
            })
            .sum(),
        Harness::JsonschemaIterErrors => texts
            .zip(&g.validators)
            .map(|(t, v)| {
                let value: serde_json::Value = serde_json::from_str(t).expect("JSON");
                // Collected, as benches/validate.rs does.
                let errors: Vec<_> = v.iter_errors(&value).collect();
                errors.len()
            })
            .sum(),
    }
}

fn kind_index(kind: mfalint::Kind) -> usize {
    mfalint::Kind::ALL
        .iter()
        .position(|k| *k == kind)
        .expect("a kind of Kind::ALL")
}

fn usage() -> ! {
    fail("usage: mfalint-bench-ceiling CORPUS.json [PASSES]")
}

fn fail(message: &str) -> ! {
    eprintln!("mfalint-bench-ceiling: {message}");
    std::process::exit(2)
}
