//! Writes the benchmark corpus for the harnesses outside Rust (not a
//! benchmark; `harness = false`):
//!
//! ```text
//! cargo bench --bench dump_corpus -- --json bench/corpus.json
//!     the criterion corpus (MFALINT_BENCH_PER_KIND per kind, default 1,000)
//!     as [{"kind", "text", "valid", "mutation"}]
//! cargo bench --bench dump_corpus -- --files DIR --count 10000
//!     COUNT files, COUNT/5 per kind, in DIR/<kind-id>/NNNNN.json, each
//!     directory with an mfalint.toml naming its kind (so one
//!     `mfalint check DIR` does the per-kind work of check-jsonschema)
//! cargo bench --bench dump_corpus -- --big DIR --mb 50
//!     DIR/big-string.json (an SCM body whose okta_org is MB megabytes) and
//!     DIR/big-array.json (an SCM body with an unknown key holding an
//!     array of small objects totalling MB megabytes)
//! ```
//!
//! The harnesses themselves are timed by `validate.rs` (criterion),
//! `ratios.rs` (interleaved) and `instructions.rs` (callgrind).

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::corpus::{corpus, Rng, SEED};
use common::per_kind;
use mfalint::Kind;
use serde_json::json;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut json_out: Option<PathBuf> = None;
    let mut files_out: Option<PathBuf> = None;
    let mut big_out: Option<PathBuf> = None;
    let mut count = 10_000usize;
    let mut mb = 50usize;
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{a} needs a value")))
        };
        match a.as_str() {
            "--json" => json_out = Some(value().into()),
            "--files" => files_out = Some(value().into()),
            "--big" => big_out = Some(value().into()),
            "--count" => count = value().parse().unwrap_or_else(|_| usage("bad --count")),
            "--mb" => mb = value().parse().unwrap_or_else(|_| usage("bad --mb")),
            // cargo bench passes --bench to every bench binary.
            "--bench" => {}
            other => usage(&format!("unknown argument {other}")),
        }
    }
    if json_out.is_none() && files_out.is_none() && big_out.is_none() {
        usage("nothing to do");
    }
    if let Some(path) = json_out {
        write_json(&path);
    }
    if let Some(dir) = files_out {
        write_files(&dir, count);
    }
    if let Some(dir) = big_out {
        write_big(&dir, mb);
    }
}

fn usage(problem: &str) -> ! {
    eprintln!(
        "dump_corpus: {problem}\nusage: cargo bench --bench dump_corpus -- \
         [--json FILE] [--files DIR [--count N]] [--big DIR [--mb MB]]"
    );
    std::process::exit(2)
}

fn write_json(path: &Path) {
    let all = corpus(per_kind(), SEED);
    let entries: Vec<_> = all
        .iter()
        .map(|p| {
            json!({
                "kind": p.kind.id(),
                "text": p.text,
                "valid": p.valid,
                "mutation": p.mutation,
            })
        })
        .collect();
    let out =
        serde_json::to_string(&json!({ "seed": SEED, "payloads": entries })).expect("serializes");
    fs::write(path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    eprintln!(
        "dump_corpus: {} payloads ({} invalid) -> {}",
        all.len(),
        all.iter().filter(|p| !p.valid).count(),
        path.display()
    );
}

fn write_files(dir: &Path, count: usize) {
    let per = count.div_ceil(Kind::ALL.len());
    let all = corpus(per, SEED);
    if dir.exists() {
        fs::remove_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    for kind in Kind::ALL {
        let sub = dir.join(kind.id());
        fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{}: {e}", sub.display()));
        fs::write(
            sub.join("mfalint.toml"),
            format!("kind = \"{}\"\n", kind.id()),
        )
        .expect("write mfalint.toml");
        for (i, p) in all.iter().filter(|p| p.kind == kind).enumerate() {
            fs::write(sub.join(format!("{i:05}.json")), &p.text).expect("write payload");
        }
    }
    let bytes: usize = all.iter().map(|p| p.text.len()).sum();
    eprintln!(
        "dump_corpus: {} files ({} per kind, {} invalid, {bytes} bytes) -> {}",
        all.len(),
        per,
        all.iter().filter(|p| !p.valid).count(),
        dir.display()
    );
}

fn write_big(dir: &Path, mb: usize) {
    fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let target = mb * 1_000_000;
    let mut rng = Rng::new(SEED);
    let head = |org: &str, extra: &str| {
        format!(
            "{{\"name\": \"big\", \"mfa_cert_profile\": \"cp\", \"folder\": \"Shared\",{extra} \
             \"mfa_vendor_type\": {{\"okta_adaptive_v1\": {{\"okta_api_host\": \"acme.okta.com\", \
             \"okta_baseuri\": \"/api/v1\", \"okta_token\": \"EXAMPLE-token-not-real\", \
             \"okta_org\": \"{org}\", \"okta_timeout\": 30}}}}}}\n"
        )
    };
    let org = rng.chars(b"abcdefghijklmnopqrstuvwxyz0123456789 -", target);
    let path = dir.join("big-string.json");
    fs::write(&path, head(&org, "")).expect("write big-string.json");
    eprintln!(
        "dump_corpus: {} -> {} bytes",
        path.display(),
        fs::metadata(&path).map_or(0, |m| m.len())
    );

    let mut items = String::with_capacity(target + 64);
    let mut i = 0u64;
    while items.len() < target {
        if i > 0 {
            items.push(',');
        }
        items.push_str(&format!("{{\"id\":{i},\"on\":true}}"));
        i += 1;
    }
    let path = dir.join("big-array.json");
    fs::write(&path, head("acme", &format!(" \"items\": [{items}],")))
        .expect("write big-array.json");
    eprintln!(
        "dump_corpus: {} -> {} bytes ({i} array items)",
        path.display(),
        fs::metadata(&path).map_or(0, |m| m.len())
    );
}
