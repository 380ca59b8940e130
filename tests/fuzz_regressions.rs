//! Replays every input the fuzzers found (tests/data/fuzz/<target>/) through
//! the fuzz targets' own invariants (fuzz/src/invariants.rs), in the normal
//! test suite, without nightly or cargo-fuzz. Every input goes through all
//! four targets' checks, not only the one that found it.

#[allow(dead_code)]
#[path = "../fuzz/src/invariants.rs"]
mod invariants;

#[allow(dead_code)]
#[path = "../fuzz/src/faces.rs"]
mod faces;

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
            ("yaml", invariants::check_yaml),
            ("cli", faces::check_cli),
            ("cli --write", |d: &[u8]| {
                let dir = std::env::temp_dir().join(format!(
                    "mfalint-replay-{}-{:?}",
                    std::process::id(),
                    std::thread::current().id()
                ));
                std::fs::create_dir_all(&dir).unwrap();
                faces::check_writes(&dir, d);
            }),
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

#[test]
fn cli_inputs() {
    replay("cli");
}

#[test]
fn yaml_inputs() {
    replay("yaml");
}

/// The panic found by the mutation run over the release CLI: invalid UTF-8
/// right after a backslash in a string made the human format's excerpt
/// slice inside a character. Every format now reports MFA000 (exit 1).
#[test]
fn invalid_utf8_after_a_backslash_is_a_located_parse_error() {
    let data = b"{\"a\\\xff\": 1}";
    assert_eq!(data.len(), 10);
    let dir = std::env::temp_dir().join(format!("mfalint-repro-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("f.json");
    std::fs::write(&path, data).unwrap();
    let file = path.to_str().unwrap();
    for format in ["human", "json", "sarif", "github"] {
        let ran = faces::mfalint(&["check", "--format", format, file], b"");
        assert_eq!(
            ran.status,
            mfalint::cli::Status::Findings,
            "{format}: {}",
            ran.stderr
        );
        assert!(ran.stdout.contains("MFA000"), "{format}: {}", ran.stdout);
    }
    std::fs::remove_dir_all(&dir).unwrap();
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

/// Beneath a secret-bearing key (a near miss here), every key and string
/// is marked, and redact replaced the value whole.
#[test]
fn marking_covers_everything_beneath_a_near_miss() {
    let text = r#"{"okta_tokne": {"abc": ["de", 1]}, "host": "h"}"#;
    let root = mfalint::parse(text, &mfalint::Options::default()).unwrap();
    let marker = invariants::marker_for(text);
    let marked = invariants::with_marked_secrets(&root, marker);
    let m = |n: usize| std::iter::repeat_n(marker, n).collect::<String>();
    let expected = format!(
        r#"{{"okta_tokne": {{"{}": ["{}", 1]}}, "host": "h"}}"#,
        m(3),
        m(2)
    );
    let expected = mfalint::parse(&expected, &mfalint::Options::default()).unwrap();
    assert!(invariants::same(&marked, &expected));
    assert_eq!(invariants::secrets(&root), ["abc", "de", "1"]);
}
