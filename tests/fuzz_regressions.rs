//! Replays every input the fuzzers found (tests/data/fuzz/<target>/) through
//! the fuzz targets' own invariants (fuzz/src/invariants.rs), in the normal
//! test suite, without nightly or cargo-fuzz. Every input goes through all
//! three targets' checks, not only the one that found it.

#[allow(dead_code)]
#[path = "../fuzz/src/invariants.rs"]
mod invariants;

use std::path::PathBuf;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz")
        .join(target);
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn replay(target: &str) {
    let inputs = inputs(target);
    assert!(!inputs.is_empty(), "no inputs for {target}");
    for (name, data) in inputs {
        for (check, f) in [
            ("report", invariants::check_report as fn(&[u8])),
            ("located", invariants::check_located),
            ("roundtrip", invariants::check_roundtrip),
        ] {
            let ok = std::panic::catch_unwind(|| f(&data)).is_ok();
            assert!(ok, "{target}/{name} fails the {check} invariants");
        }
    }
}

#[test]
fn report_inputs() {
    replay("report");
}

#[test]
fn located_inputs() {
    replay("located");
}

#[test]
fn roundtrip_inputs() {
    replay("roundtrip");
}

/// roundtrip/redact-not-idempotent-on-masks.json: redacting an already
/// masked secret (`f******e`) turned it into `********`, so redact was not
/// idempotent. Masks are now left as they are.
#[test]
fn redact_keeps_existing_masks() {
    let opts = mfalint::Options::default();
    let text =
        r#"{"accessKey": "f******e", "skey": "********", "okta_token": "fuzzseedsecretvalue"}"#;
    let once = mfalint::redact(text, &opts).unwrap();
    assert!(once.contains(r#""accessKey": "f******e""#));
    assert!(once.contains(r#""skey": "********""#));
    assert!(once.contains(r#""okta_token": "f******e""#));
    assert_eq!(mfalint::redact(&once, &opts).unwrap(), once);
}

/// The leak check's premise: every secret string, and nothing else, is
/// replaced by the marker (so a report of the marked document that shows
/// the marker would have shown the secret).
#[test]
fn marking_replaces_exactly_the_secrets() {
    let text =
        r#"{"okta_token": "tok-123", "x": [{"skey": "s"}], "host": "tok-123", "accessKey": 5}"#;
    let root = mfalint::parse(text, &mfalint::Options::default()).unwrap();
    let marker = invariants::marker_for(text);
    let marked = invariants::with_marked_secrets(&root, marker);
    let m = |n: usize| std::iter::repeat_n(marker, n).collect::<String>();
    let expected = format!(
        r#"{{"okta_token": "{}", "x": [{{"skey": "{}"}}], "host": "tok-123", "accessKey": 5}}"#,
        m(7),
        m(1)
    );
    let expected = mfalint::parse(&expected, &mfalint::Options::default()).unwrap();
    assert!(invariants::same(&marked, &expected));
    assert_eq!(invariants::secrets(&root), ["tok-123", "s", "5"]);
}
