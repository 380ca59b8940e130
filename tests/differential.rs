//! The Rust validators and the JSON Schemas in `schemas/` agree: on valid
//! payloads of every kind, on mutations that break exactly one constraint
//! (which must also report the expected rule code), on random damage, and
//! on the edge cases of hostnames, scope characters and lengths, and
//! timeouts. The only disagreements are the documented inexpressible ones
//! (duplicate keys, timeouts written 30.0 or 3e1), asserted at the end.

mod common;

use std::collections::BTreeSet;
use std::sync::{LazyLock, Mutex};
use std::time::Instant;

use common::strategies::{self as st, Mutated};
use mfalint::{Kind, Options, Report, Severity};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Value};

/// Cases per kind and strategy; 5 kinds x (valid + mutated + havoc).
const VALID_CASES: u32 = 800;
const MUTATED_CASES: u32 = 1500;
const HAVOC_CASES: u32 = 1500;

fn validator(kind: Kind) -> &'static jsonschema::Validator {
    static VALIDATORS: LazyLock<Vec<jsonschema::Validator>> = LazyLock::new(|| {
        Kind::ALL
            .iter()
            .map(|k| {
                let schema: Value = serde_json::from_str(mfalint::schema(*k)).unwrap();
                jsonschema::draft202012::new(&schema)
                    .unwrap_or_else(|e| panic!("{k} schema does not compile: {e}"))
            })
            .collect()
    });
    let i = Kind::ALL.iter().position(|k| *k == kind).unwrap();
    &VALIDATORS[i]
}

/// Option sets besides the default under which the verdict alone
/// (`is_valid_*`) must equal the report's: every rule on and an error
/// (SASE's softened warnings included, as pinned severities), export mode,
/// and the MFA04x rules off.
static OPTION_SETS: LazyLock<Vec<Options>> = LazyLock::new(|| {
    let mut strict = Options::default();
    strict.rules.set_severity("ALL", Severity::Error).unwrap();
    let export = Options {
        mode: mfalint::Mode::Export,
        ..Options::default()
    };
    let mut fewer = Options::default();
    fewer.rules.ignore("MFA04").unwrap();
    vec![Options::default(), strict, export, fewer]
});

/// The Rust report, via the text parser and via `validate_value`, which
/// must agree; the verdict alone (`is_valid_str`, `is_valid_bytes`) must
/// agree with the report's under every option set.
fn report(kind: Kind, v: &Value) -> Report {
    let opts = Options::default();
    let text = serde_json::to_string_pretty(v).unwrap();
    let from_text = mfalint::validate_str(&text, Some(kind), &opts).unwrap();
    let from_value = mfalint::validate_value(v, Some(kind), &opts).unwrap();
    // The text's findings also know their place in it; what they say is
    // the same.
    assert_eq!(
        serde_json::to_value(&from_text).unwrap(),
        serde_json::to_value(&from_value).unwrap(),
        "validate_str vs validate_value"
    );
    for opts in OPTION_SETS.iter() {
        let verdict = mfalint::validate_str(&text, Some(kind), opts)
            .unwrap()
            .is_valid();
        let alone = mfalint::is_valid_str(&text, Some(kind), opts).unwrap();
        assert_eq!(alone, verdict, "is_valid_str vs the report, {opts:?}");
        let bytes = mfalint::is_valid_bytes(text.as_bytes(), Some(kind), opts).unwrap();
        assert_eq!(bytes, verdict, "is_valid_bytes vs the report, {opts:?}");
    }
    from_text
}

fn agree(kind: Kind, v: &Value) -> Result<Report, TestCaseError> {
    let r = report(kind, v);
    // A template placeholder (`$a`, `${X}`) stands for a value mfalint does
    // not judge; the schema can only judge the literal text. The verdicts
    // differ there by design (docs/rulings.md#placeholders), so such
    // payloads are not compared.
    let text = serde_json::to_string(v).unwrap();
    let checked = mfalint::check_text(&text, Some(kind), &Options::default());
    prop_assume!(checked.placeholders.is_empty());
    let schema_valid = validator(kind).is_valid(v);
    prop_assert_eq!(
        r.is_valid(),
        schema_valid,
        "{}: Rust says {}, the schema says {}\npayload: {}\nreport:\n{}",
        kind,
        if r.is_valid() { "valid" } else { "invalid" },
        if schema_valid { "valid" } else { "invalid" },
        serde_json::to_string_pretty(v).unwrap(),
        r
    );
    Ok(r)
}

fn run<S: Strategy>(
    name: &str,
    kind: Kind,
    strategy: S,
    cases: u32,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let start = Instant::now();
    if let Err(e) = runner.run(&strategy, test) {
        panic!("{name} {kind}: {e}");
    }
    eprintln!("{name} {kind}: {cases} cases in {:?}", start.elapsed());
}

#[test]
fn valid_payloads_have_no_error_and_the_schema_accepts_them() {
    for kind in Kind::ALL {
        run("valid", kind, st::valid(kind), VALID_CASES, |v| {
            let r = agree(kind, &v)?;
            prop_assert!(r.is_valid(), "{kind} valid payload has errors:\n{r}");
            Ok(())
        });
    }
}

/// The codes each kind's mutations must reach (error, warning-only).
fn expected_codes(kind: Kind) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        Kind::ScmMfaServer => (
            &[
                "MFA002", "MFA010", "MFA020", "MFA021", "MFA022", "MFA030", "MFA040", "MFA041",
                "MFA050", "MFA052", "MFA080",
            ],
            &["MFA003", "MFA004", "MFA031", "MFA051"],
        ),
        Kind::SaseMfaServer => (
            &["MFA002", "MFA010", "MFA030", "MFA070", "MFA080"],
            &[
                "MFA003", "MFA004", "MFA010", "MFA031", "MFA040", "MFA041", "MFA050", "MFA052",
            ],
        ),
        Kind::SailpointOktaConfig | Kind::SailpointDuoConfig => {
            (&["MFA002", "MFA060", "MFA080"], &["MFA003", "MFA061"])
        }
        Kind::SailpointTestResult => (&["MFA002", "MFA070"], &["MFA003"]),
    }
}

#[test]
fn each_mutation_reports_its_code_and_the_schema_agrees() {
    for kind in Kind::ALL {
        let hit = Mutex::new((BTreeSet::new(), BTreeSet::new()));
        run(
            "mutated",
            kind,
            st::mutated(kind),
            MUTATED_CASES,
            |m: Mutated| {
                let r = agree(kind, &m.value)?;
                let errors: Vec<&str> = r.errors().map(|f| f.code()).collect();
                if m.error {
                    prop_assert!(
                        !errors.is_empty() && errors.iter().all(|c| *c == m.code),
                        "{kind} mutation `{}` must give only {} errors, got {errors:?}\n{r}",
                        m.what,
                        m.code
                    );
                    hit.lock().unwrap().0.insert(m.code);
                } else {
                    prop_assert!(
                        errors.is_empty(),
                        "{kind} mutation `{}` must stay valid:\n{r}",
                        m.what
                    );
                    prop_assert!(
                        r.findings
                            .iter()
                            .any(|f| f.code() == m.code && f.severity == Severity::Warning),
                        "{kind} mutation `{}` must warn {}:\n{r}",
                        m.what,
                        m.code
                    );
                    hit.lock().unwrap().1.insert(m.code);
                }
                Ok(())
            },
        );
        let (errors, warnings) = hit.into_inner().unwrap();
        let (want_errors, want_warnings) = expected_codes(kind);
        assert_eq!(
            errors,
            want_errors.iter().copied().collect::<BTreeSet<_>>(),
            "{kind}: error codes the mutations reached"
        );
        assert_eq!(
            warnings,
            want_warnings.iter().copied().collect::<BTreeSet<_>>(),
            "{kind}: warning codes the mutations reached"
        );
    }
}

#[test]
fn random_damage_gets_the_same_verdict() {
    for kind in Kind::ALL {
        run("havoc", kind, st::havoc(kind), HAVOC_CASES, |v| {
            agree(kind, &v).map(drop)
        });
    }
}

// ---------------------------------------------------------------------------
// Edge cases, deterministic.

fn scm(vendor: Value) -> Value {
    json!({"name": "n", "mfa_cert_profile": "c", "folder": "Shared", "mfa_vendor_type": vendor})
}

fn okta(field: &str, value: Value) -> Value {
    let mut okta = json!({"okta_api_host": "acme.okta.com", "okta_baseuri": "/api/v1",
        "okta_token": "00aBcDeFgHiJ", "okta_org": "acme", "okta_timeout": 30});
    okta[field] = value;
    scm(json!({ "okta_adaptive_v1": okta }))
}

fn codes(r: &Report) -> Vec<&'static str> {
    r.errors().map(|f| f.code()).collect()
}

fn check(kind: Kind, v: &Value) -> Report {
    agree(kind, v).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn hostname_edge_cases() {
    let l63 = "a".repeat(63);
    let valid = [
        format!("{l63}.com"),
        format!("{l63}.{l63}.{l63}.{}", "b".repeat(61)), // 253
        "1234567890123456".to_string(),
        "a-b-c-d-e-f-g-h.io".to_string(),
        "xn--mnchen-3ya.example.com".to_string(),
        "ACME.OKTA.COM.EXAMPLE".to_string(),
        "1.2.3.4.5.6.7.8.9.0".to_string(),
        "a.b.c.d.e.f.g.h.i".to_string(),
    ];
    let invalid = [
        format!("{}.com", "a".repeat(64)),
        format!("{l63}.{l63}.{l63}.{}", "b".repeat(62)), // 254
        "acme.okta-example.com.".to_string(),
        ".acme.okta-example.com".to_string(),
        "acme..okta-example.com".to_string(),
        "-acme.okta-example.com".to_string(),
        "acme-.okta-example.com".to_string(),
        "acme.okta-example.com-".to_string(),
        "acme_okta.example.com".to_string(),
        "acme okta.example.com".to_string(),
        "acme.okta-example.com\n".to_string(),
        "\u{ff41}cme.okta-example.com".to_string(),
        "m\u{fc}nchen.example.com".to_string(),
        "acme.okta-example.com:8443".to_string(),
        "https://acme.okta-example.com".to_string(),
        "acme.okta-example.com/api".to_string(),
        "[::1]:443.example.com".to_string(),
    ];
    for (host, ok) in valid
        .iter()
        .map(|h| (h, true))
        .chain(invalid.iter().map(|h| (h, false)))
    {
        for (vendor, field) in [
            ("okta_adaptive_v1", "okta_api_host"),
            ("ping_identity_v1", "ping_api_host"),
            ("rsa_securid_access_v1", "rsa_api_host"),
            ("duo_security_v2", "duo_api_host"),
        ] {
            let v = scm(json!({ vendor: { field: host } }));
            let r = check(Kind::ScmMfaServer, &v);
            let has = r.findings.iter().any(|f| f.code() == "MFA041");
            assert_eq!(has, !ok, "{field} = {host:?}:\n{r}");
        }
    }
}

proptest! {
    /// Host-like strings (labels of letters, digits and the separators a
    /// hostname check is about, some past 63 or 253 characters): MFA041
    /// fires exactly when the schema's hostname pattern rejects the value.
    #[test]
    fn hostnames_agree_with_the_schema_pattern(
        labels in proptest::collection::vec("[a-z0-9-]{0,4}|[a-z]{60,66}|[-_:/ é]", 0..6),
        dots in proptest::collection::vec(prop_oneof![Just("."), Just(""), Just("..")], 6),
        repeat in 1usize..70,
    ) {
        let mut host: String = labels
            .iter()
            .zip(&dots)
            .flat_map(|(l, d)| [l.as_str(), d])
            .collect();
        if repeat > 60 {
            host = host.repeat(repeat - 60);
        }
        static HOSTNAME: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
            let schema = json!({"type": "string", "maxLength": 253, "pattern": mfalint::spec::HOSTNAME_PATTERN});
            jsonschema::validator_for(&schema).unwrap()
        });
        let r = agree(Kind::ScmMfaServer, &okta("okta_api_host", json!(host)))?;
        let pattern_ok = HOSTNAME.is_valid(&json!(host));
        prop_assert_eq!(codes(&r).contains(&"MFA041"), !pattern_ok, "{:?}", host);
    }
}

#[test]
fn scope_characters_are_ascii_only() {
    for bad in [
        "Folder \u{663}",   // ARABIC-INDIC DIGIT THREE
        "Folder \u{6f3}",   // EXTENDED ARABIC-INDIC DIGIT THREE
        "Folder \u{966}",   // DEVANAGARI DIGIT ZERO
        "Folder \u{ff11}",  // FULLWIDTH DIGIT ONE
        "Folder \u{1d7d8}", // MATHEMATICAL DOUBLE-STRUCK DIGIT ZERO
        "Folder \u{b3}",    // SUPERSCRIPT THREE
        "Folder \u{2163}",  // ROMAN NUMERAL FOUR
        "Caf\u{e9}",
        "a\u{a0}b",
        "tab\there",
        "new\nline",
        "slash/here",
        "back\\slash",
        "star*",
    ] {
        let v = json!({"name": "n", "mfa_cert_profile": "c", "folder": bad});
        let r = check(Kind::ScmMfaServer, &v);
        assert_eq!(codes(&r), ["MFA022"], "{bad:?}:\n{r}");
    }
    for good in ["Folder 3", "My Folder", "a-b_c.d", "0", " ", "..."] {
        let v = json!({"name": "n", "mfa_cert_profile": "c", "snippet": good});
        let r = check(Kind::ScmMfaServer, &v);
        assert!(r.is_valid(), "{good:?}:\n{r}");
    }
}

#[test]
fn scope_length_counts_code_points() {
    // The scope definition without its pattern: maxLength alone.
    let schema: Value = serde_json::from_str(mfalint::schema(Kind::ScmMfaServer)).unwrap();
    let mut length_only = schema["$defs"]["scope"].clone();
    length_only.as_object_mut().unwrap().remove("pattern");
    let length_only = jsonschema::draft202012::new(&length_only).unwrap();
    for unit in ["a", "\u{e9}", "\u{20ac}", "\u{1F600}", "\u{663}"] {
        for n in [1, 63, 64, 65, 66] {
            let s = unit.repeat(n);
            let v = json!({"name": "n", "mfa_cert_profile": "c", "device": s});
            let r = check(Kind::ScmMfaServer, &v);
            let too_long = r.findings.iter().any(|f| f.code() == "MFA021");
            assert_eq!(too_long, n > 64, "{n} x {unit:?}");
            assert_eq!(length_only.is_valid(&json!(s)), n <= 64, "{n} x {unit:?}");
        }
    }
}

#[test]
fn timeout_strings_and_integers() {
    let mut strings: Vec<String> = (-20..=700).map(|n: i32| n.to_string()).collect();
    strings.extend(
        [
            "",
            " 30",
            "30 ",
            "030",
            "0030",
            "+30",
            "30.0",
            "3e1",
            "1e2",
            "0x1e",
            "thirty",
            "\u{663}\u{660}",
            "\u{ff13}\u{ff10}",
            "-0",
            "600\n",
            "5\u{0}",
            "99999999999999999999999",
        ]
        .map(String::from),
    );
    for s in &strings {
        let r = check(Kind::ScmMfaServer, &okta("okta_timeout", json!(s)));
        let in_range = s
            .parse::<i64>()
            .is_ok_and(|n| (5..=600).contains(&n) && *s == n.to_string());
        assert_eq!(r.is_valid(), in_range, "{s:?}:\n{r}");
        // Legacy SASE: any string is valid (range and format are warnings).
        let body = json!({"name": "n", "mfa_cert_profile": "c",
            "mfa_vendor_type": {"okta_adaptive_v1": {"okta_timeout": s}}});
        assert!(check(Kind::SaseMfaServer, &body).is_valid(), "{s:?}");
    }
    for n in (-20i64..=700).chain([i64::MIN, i64::MAX, 1 << 53]) {
        let r = check(Kind::ScmMfaServer, &okta("okta_timeout", json!(n)));
        assert_eq!(r.is_valid(), (5..=600).contains(&n), "{n}");
        let body = json!({"name": "n", "mfa_cert_profile": "c",
            "mfa_vendor_type": {"duo_security_v2": {"duo_timeout": n}}});
        assert_eq!(codes(&check(Kind::SaseMfaServer, &body)), ["MFA002"], "{n}");
    }
    for x in [5.5, 30.25, 599.9, -1.5, 1e300] {
        let r = check(Kind::ScmMfaServer, &okta("okta_timeout", json!(x)));
        assert!(!r.is_valid(), "{x}");
    }
}

#[test]
fn sase_forms_envelope_and_bare() {
    let body = json!({"name": "n", "mfa_cert_profile": "c"});
    let cases = [
        (
            json!({"query": {"folder": "Shared", "position": "pre"}, "body": body}),
            true,
        ),
        (
            json!({"query": {"folder": "Shared", "position": "pre"}, "body": {}}),
            false,
        ),
        (json!({"query": {"folder": "Shared"}, "body": body}), false),
        (json!({"query": null, "body": body}), false),
        (
            json!({"query": {"folder": "Shared", "position": "pre"}, "body": null}),
            false,
        ),
        (
            json!({"query": {"folder": "Shared", "position": "pre"}, "body": body, "x": 1}),
            true,
        ),
        // Only one of the two keys: the document is a bare body.
        (
            json!({"query": {"folder": "Shared", "position": "pre"}, "name": "n", "mfa_cert_profile": "c"}),
            true,
        ),
        (json!({"body": body}), false),
        (
            json!({"name": "n", "mfa_cert_profile": "c", "folder": 7}),
            true,
        ),
        (json!([body]), false),
        (json!("body"), false),
    ];
    for (v, valid) in cases {
        let r = check(Kind::SaseMfaServer, &v);
        assert_eq!(r.is_valid(), valid, "{v}:\n{r}");
    }
}

#[test]
fn sailpoint_nullability_and_types() {
    let cases = [
        (Kind::SailpointOktaConfig, json!({}), true),
        (
            Kind::SailpointOktaConfig,
            json!({"mfaMethod": null, "host": null, "accessKey": null, "identityAttribute": null}),
            true,
        ),
        (Kind::SailpointOktaConfig, json!({"enabled": null}), false),
        (Kind::SailpointOktaConfig, json!({"enabled": "true"}), false),
        (
            Kind::SailpointOktaConfig,
            json!({"mfaMethod": "duo-web"}),
            false,
        ),
        (Kind::SailpointOktaConfig, json!({"accessKey": ""}), true),
        (Kind::SailpointOktaConfig, json!({"accessKey": "**"}), true),
        (
            Kind::SailpointOktaConfig,
            json!({"accessKey": "***"}),
            false,
        ),
        (
            Kind::SailpointOktaConfig,
            json!({"accessKey": "d******Y"}),
            false,
        ),
        (
            Kind::SailpointOktaConfig,
            json!({"accessKey": "dd******Y"}),
            true,
        ),
        (
            Kind::SailpointOktaConfig,
            json!({"accessKey": "-AQ==abc"}),
            false,
        ),
        (
            Kind::SailpointOktaConfig,
            json!({"accessKey": "x-AQ==abc"}),
            true,
        ),
        (
            Kind::SailpointOktaConfig,
            json!({"configProperties": {"skey": "d******Y"}}),
            true,
        ),
        (
            Kind::SailpointDuoConfig,
            json!({"configProperties": null}),
            true,
        ),
        (
            Kind::SailpointDuoConfig,
            json!({"configProperties": []}),
            false,
        ),
        (
            Kind::SailpointDuoConfig,
            json!({"configProperties": {"skey": 5}}),
            true,
        ),
        (
            Kind::SailpointDuoConfig,
            json!({"configProperties": {"skey": null}}),
            true,
        ),
        (
            Kind::SailpointDuoConfig,
            json!({"configProperties": {"skey": "1******B"}}),
            false,
        ),
        (
            Kind::SailpointDuoConfig,
            json!({"configProperties": {"skey": "\u{1F600}******\u{1F600}"}}),
            false,
        ),
        (
            Kind::SailpointDuoConfig,
            json!({"configProperties": {"ikey": "1******B"}}),
            true,
        ),
        (
            Kind::SailpointDuoConfig,
            json!({"mfaMethod": "okta-verify"}),
            false,
        ),
        (
            Kind::SailpointTestResult,
            json!({"state": "SUCCESS", "error": null}),
            true,
        ),
        (Kind::SailpointTestResult, json!({"state": null}), false),
        (
            Kind::SailpointTestResult,
            json!({"state": "success"}),
            false,
        ),
        (Kind::SailpointTestResult, json!({"error": 5}), false),
        (Kind::SailpointTestResult, json!({}), true),
    ];
    for (kind, v, valid) in cases {
        let r = check(kind, &v);
        assert_eq!(r.is_valid(), valid, "{kind} {v}:\n{r}");
    }
}

/// The documented disagreements: only these may differ.
#[test]
fn inexpressible_rules_are_the_documented_ones() {
    let opts = Options::default();
    let scm_schema: Value = serde_json::from_str(mfalint::schema(Kind::ScmMfaServer)).unwrap();
    let description = scm_schema["description"].as_str().unwrap();
    assert!(
        description.contains("MFA001")
            && description.contains("MFA052")
            && description.contains("30.0")
    );
    for raw in ["30.0", "3e1", "3E1", "300e-1", "5.0", "6.00e2"] {
        let text = serde_json::to_string(&okta("okta_timeout", json!(0)))
            .unwrap()
            .replace("\"okta_timeout\":0", &format!("\"okta_timeout\":{raw}"));
        let r = mfalint::validate_str(&text, Some(Kind::ScmMfaServer), &opts).unwrap();
        assert_eq!(codes(&r), ["MFA052"], "{raw}");
        let parsed: Value = serde_json::from_str(&text).unwrap();
        assert!(
            validator(Kind::ScmMfaServer).is_valid(&parsed),
            "{raw}: JSON Schema sees an integer"
        );
    }
    for kind in Kind::ALL {
        let schema: Value = serde_json::from_str(mfalint::schema(kind)).unwrap();
        assert!(
            schema["description"].as_str().unwrap().contains("MFA001"),
            "{kind}"
        );
    }
    let dup = r#"{"state": "SUCCESS", "state": "FAILED"}"#;
    let r = mfalint::validate_str(dup, Some(Kind::SailpointTestResult), &opts).unwrap();
    assert_eq!(codes(&r), ["MFA001"]);
    let parsed: Value = serde_json::from_str(dup).unwrap();
    assert!(validator(Kind::SailpointTestResult).is_valid(&parsed));
}
