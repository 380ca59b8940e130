//! Per-rule tests, Ruff style, each run with only its rule on so that no
//! other rule's findings are in the way:
//!
//! - every rule's documented example (`RuleDocs::example`) fails and its
//!   fix passes;
//! - `tests/fixtures/rules/<CODE>/fail-<case>.<kind>.json` reports the rule
//!   and `pass-<case>.<kind>.json` does not (`<kind>` is a kind id, or
//!   `detect` to let mfalint tell the kind); the failing cases' reports are
//!   the rule's insta snapshot (`tests/snapshots/rules/<CODE>.snap`);
//! - every configurable rule can be switched off.

use std::path::PathBuf;

use mfalint::rules::Input;
use mfalint::{check_bytes, check_text, params, Kind, Options, RuleId, Severity};

/// Options with only `rule` on (the two rules about documents that cannot
/// be checked are always on).
fn only(rule: RuleId) -> Options {
    let mut opts = Options::default();
    if rule.meta().configurable {
        opts.rules.only(&[rule.code()]).unwrap();
    } else {
        opts.rules.only(&[]).unwrap();
    }
    opts
}

struct Case {
    name: String,
    pass: bool,
    kind: Option<Kind>,
    /// The file's bytes, as the command line reads them.
    bytes: Vec<u8>,
}

/// The fixture cases of `rule`, sorted by name.
fn cases(rule: RuleId) -> Vec<Case> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(rule.code());
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<Case> = entries
        .map(|e| e.unwrap().path())
        .map(|path| {
            let file = path.file_name().unwrap().to_str().unwrap().to_string();
            let stem = file
                .strip_suffix(".json")
                .expect("fixtures are .json files");
            let (name, kind) = stem.rsplit_once('.').expect("<case>.<kind>.json");
            let kind = match kind {
                "detect" => None,
                id => Some(Kind::from_id(id).unwrap_or_else(|| panic!("bad kind in {file}"))),
            };
            let pass = match name.split_once('-') {
                Some(("pass", _)) => true,
                Some(("fail", _)) => false,
                _ => panic!("{file}: a case is named fail-... or pass-..."),
            };
            Case {
                name: name.to_string(),
                pass,
                kind,
                bytes: std::fs::read(&path).unwrap(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn reports(rule: RuleId, case: &Case, opts: &Options) -> bool {
    check_bytes(&case.bytes, case.kind, opts)
        .findings
        .iter()
        .any(|f| f.rule == rule)
}

#[test]
fn every_documented_example_fails_and_its_fix_passes() {
    for rule in RuleId::ALL {
        let example = &rule.docs().example;
        let opts = only(rule);
        let found = |text: &str| -> bool {
            match example.input {
                Input::Body(kind) | Input::Collection(kind) => {
                    // The unknown-kind example is about detection.
                    let kind = (rule != RuleId::UnknownKind).then_some(kind);
                    check_text(text, kind, &opts)
                        .findings
                        .iter()
                        .any(|f| f.rule == rule)
                }
                Input::IdParameter => params::check_id(text, &opts).iter().any(|f| f.rule == rule),
            }
        };
        assert!(found(example.fails), "{rule}: the failing example passes");
        assert!(!found(example.fixed), "{rule}: the fixed example fails");
    }
}

#[test]
fn every_fixture_reports_its_rule_or_not_and_matches_the_snapshot() {
    for rule in RuleId::ALL {
        let opts = only(rule);
        let mut body = String::new();
        for case in cases(rule) {
            let checked = check_bytes(&case.bytes, case.kind, &opts);
            let found = checked.findings.iter().any(|f| f.rule == rule);
            assert_eq!(
                found,
                !case.pass,
                "{rule}/{}: {} report it",
                case.name,
                if case.pass { "should not" } else { "should" }
            );
            assert!(
                checked.findings.iter().all(|f| f.rule == rule
                    || matches!(f.rule, RuleId::ParseError | RuleId::UnknownKind)),
                "{rule}/{}: another rule reported with only this one on",
                case.name
            );
            if !case.pass {
                let report = mfalint::Report {
                    kind: checked.kind.unwrap_or(Kind::ScmMfaServer),
                    findings: checked.findings,
                };
                body.push_str(&format!(
                    "--- {}\n{report}{}\n",
                    case.name,
                    serde_json::to_string_pretty(&report.findings).unwrap()
                ));
            }
        }
        if body.is_empty() {
            continue;
        }
        insta::with_settings!({snapshot_path => "snapshots/rules", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(rule.code(), body);
        });
    }
}

#[test]
fn every_rule_has_a_failing_fixture() {
    for rule in RuleId::ALL {
        // A path parameter is not a payload file: `parameters` below.
        if rule == RuleId::UuidFormat {
            continue;
        }
        assert!(
            cases(rule).iter().any(|c| !c.pass),
            "no fail-*.json fixture for {rule}"
        );
    }
}

#[test]
fn every_configurable_rule_can_be_switched_off() {
    for rule in RuleId::ALL.into_iter().filter(|r| r.meta().configurable) {
        for case in cases(rule).iter().filter(|c| !c.pass) {
            let mut opts = Options::default();
            opts.rules.select("ALL").unwrap();
            assert!(reports(rule, case, &opts), "{rule}/{}", case.name);
            opts.rules.ignore(rule.code()).unwrap();
            assert!(
                !reports(rule, case, &opts),
                "{rule}/{} still reported after ignoring it",
                case.name
            );
        }
    }
}

#[test]
fn severities_can_be_changed_and_sase_softening_respects_them() {
    let case = cases(RuleId::MinLength)
        .into_iter()
        .find(|c| c.name == "fail-sase-inherited-warnings")
        .unwrap();
    let opts = only(RuleId::MinLength);
    let findings = check_bytes(&case.bytes, case.kind, &opts).findings;
    assert!(findings.iter().all(|f| f.severity == Severity::Warning));
    let mut pinned = opts.clone();
    pinned
        .rules
        .set_severity("MFA040", Severity::Error)
        .unwrap();
    let findings = check_bytes(&case.bytes, case.kind, &pinned).findings;
    assert!(!findings.is_empty());
    assert!(findings.iter().all(|f| f.severity == Severity::Error));
}

#[test]
fn parameters() {
    let opts = Options::default();
    let mut body = String::new();
    for (what, findings) in [
        ("id 42", params::check_id("42", &opts)),
        (
            "id uuid",
            params::check_id("0f8fad5b-d9cb-469f-a165-70867728950e", &opts),
        ),
        ("method sms", params::check_method("sms", &opts)),
        ("method duo-web", params::check_method("duo-web", &opts)),
        ("query none", params::check_sase_query(None, None, &opts)),
        (
            "query bad",
            params::check_sase_query(Some("Mobile"), Some("first"), &opts),
        ),
        (
            "query ok",
            params::check_sase_query(Some("Shared"), Some("pre"), &opts),
        ),
    ] {
        body.push_str(&format!(
            "--- {what}\n{}\n",
            serde_json::to_string_pretty(&findings).unwrap()
        ));
    }
    insta::with_settings!({snapshot_path => "snapshots/rules", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("parameters", body);
    });
}
