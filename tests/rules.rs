//! One fixture per rule, Ruff style: `tests/fixtures/rules/<CODE>.<kind>.json`
//! is validated with every rule on, must report its rule, and the report is
//! an insta snapshot (`tests/snapshots/rules/`).

use std::path::PathBuf;

use mfalint::{validate_str, Kind, Options, RULES};

fn all_rules() -> Options {
    let mut opts = Options::default();
    opts.rules.select("ALL").unwrap();
    opts
}

/// `(fixture name, kind, text)` for every fixture, sorted.
fn fixtures() -> Vec<(String, Kind, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|path| {
            let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
            let (name, kind) = stem.split_once('.').unwrap();
            let kind = Kind::from_id(kind).unwrap_or_else(|| panic!("bad kind in {stem}"));
            (
                name.to_string(),
                kind,
                std::fs::read_to_string(&path).unwrap(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn snapshot(name: &str, body: String) {
    insta::with_settings!({snapshot_path => "snapshots/rules", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!(name, body);
    });
}

#[test]
fn each_fixture_reports_its_rule_and_matches_its_snapshot() {
    let opts = all_rules();
    for (name, kind, text) in fixtures() {
        let report = validate_str(&text, Some(kind), &opts).unwrap();
        if name.starts_with("MFA") {
            assert!(
                report.findings.iter().any(|f| f.code == name),
                "{name} fixture does not report {name}:\n{report}"
            );
        }
        let json = serde_json::to_string_pretty(&report).unwrap();
        snapshot(&name, format!("{report}\n{json}"));
    }
}

#[test]
fn every_rule_has_a_fixture_or_a_parameter_test() {
    let names: Vec<String> = fixtures().into_iter().map(|f| f.0).collect();
    for rule in RULES {
        // MFA071 checks a path parameter, not a body: see `parameters` below.
        assert!(
            names.iter().any(|n| n == rule.code) || rule.code == "MFA071",
            "no fixture for {}",
            rule.code
        );
    }
}

#[test]
fn every_rule_can_be_switched_off() {
    for (name, kind, text) in fixtures().into_iter().filter(|f| f.0.starts_with("MFA")) {
        let mut opts = all_rules();
        opts.rules.ignore(&name).unwrap();
        let report = validate_str(&text, Some(kind), &opts).unwrap();
        assert!(
            report.findings.iter().all(|f| f.code != name),
            "{name} still reported after --ignore {name}"
        );
    }
}

#[test]
fn severity_overrides_apply_and_beat_legacy_softening() {
    let (_, kind, text) = fixtures()
        .into_iter()
        .find(|f| f.0 == "sase-borrowed-warnings")
        .unwrap();
    let report = validate_str(&text, Some(kind), &Options::default()).unwrap();
    let min_length = report.findings.iter().find(|f| f.code == "MFA040").unwrap();
    assert_eq!(min_length.severity, mfalint::Severity::Warning);
    assert!(
        report.is_valid(),
        "SASE borrowed constraints are warnings:\n{report}"
    );

    let mut opts = Options::default();
    opts.rules
        .set_severity("min-length", mfalint::Severity::Error)
        .unwrap();
    let report = validate_str(&text, Some(kind), &opts).unwrap();
    assert!(report.errors().any(|f| f.code == "MFA040"));
}

#[test]
fn parameters() {
    let opts = Options::default();
    let mut findings = mfalint::params::check_id("abcd-1234", &opts);
    findings.extend(mfalint::params::check_method("kba", &opts));
    findings.extend(mfalint::params::check_sase_query(
        None,
        Some("middle"),
        &opts,
    ));
    assert_eq!(
        findings.iter().map(|f| f.code).collect::<Vec<_>>(),
        ["MFA071", "MFA070", "MFA010", "MFA070"]
    );
    assert!(mfalint::params::check_id("123E4567-e89b-12d3-a456-426655440000", &opts).is_empty());
    assert!(mfalint::params::check_method("duo-web", &opts).is_empty());
    assert!(mfalint::params::check_sase_query(Some("Shared"), Some("pre"), &opts).is_empty());
    snapshot(
        "parameters",
        serde_json::to_string_pretty(&findings).unwrap(),
    );
}

#[test]
fn rule_metadata_is_complete_and_stable() {
    let mut codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    let sorted = {
        let mut c = codes.clone();
        c.sort();
        c
    };
    assert_eq!(codes, sorted, "RULES is in code order");
    codes.dedup();
    assert_eq!(codes.len(), RULES.len(), "codes are unique");
    for r in RULES {
        assert!(
            r.code.len() == 6
                && r.code.starts_with("MFA")
                && r.code[3..].bytes().all(|b| b.is_ascii_digit())
        );
        assert!(
            r.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{}",
            r.name
        );
        assert!(!r.summary.is_empty() && !r.doc.is_empty() && !r.source.is_empty());
        assert_eq!(mfalint::rule(r.name).map(|x| x.code), Some(r.code));
    }
}
