//! The JSON Schemas in `schemas/` (generated from `src/spec/`, kept current
//! by `tests/generated.rs`): they compile under the `jsonschema` crate
//! (draft 2020-12, both regex engines), `mfalint::schema` serves them, their
//! write-only fields are the secrets, and the upstream examples and edge
//! cases get the same verdict from them as from the Rust validators. ajv
//! strict mode is checked by `scripts/test-schemas.sh`; agreement on
//! generated payloads by `tests/differential.rs`.

use std::collections::BTreeSet;
use std::path::Path;

use mfalint::spec;
use mfalint::{Kind, Mode, Options};
use serde_json::{json, Value};

fn schema(kind: Kind) -> Value {
    serde_json::from_str(mfalint::schema(kind))
        .unwrap_or_else(|e| panic!("{kind} schema is not JSON: {e}"))
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// Every (parent key, subschema) pair in a schema document.
fn walk<'a>(v: &'a Value, key: &str, out: &mut Vec<(String, &'a Value)>) {
    match v {
        Value::Object(m) => {
            out.push((key.to_string(), v));
            for (k, child) in m {
                walk(child, k, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|c| walk(c, key, out)),
        _ => {}
    }
}

#[test]
fn one_schema_per_kind_served_by_the_library() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    let mut expected: Vec<String> = Kind::ALL
        .iter()
        .map(|k| format!("{}.schema.json", k.id()))
        .collect();
    expected.sort();
    assert_eq!(files, expected);
    for kind in Kind::ALL {
        let text = std::fs::read_to_string(dir.join(format!("{}.schema.json", kind.id()))).unwrap();
        assert_eq!(mfalint::schema(kind), text, "{kind}");
        let s = schema(kind);
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert_eq!(s["$id"], json!(mfalint::schema_id(kind)));
        assert_eq!(
            s["$id"],
            json!(format!(
                "https://mfalint.dev/schemas/{}.schema.json",
                kind.id()
            ))
        );
        assert!(s["title"].as_str().is_some_and(|t| !t.is_empty()), "{kind}");
        let description = s["description"].as_str().unwrap();
        assert!(
            description.contains("Not expressible") && description.contains("MFA001"),
            "{kind}: the description lists what the schema cannot express"
        );
        assert_eq!(s["type"], "object", "{kind}");
        // `$schema` is a known key of every kind.
        let props = if kind == Kind::SaseMfaServer {
            assert!(keys(&s["then"]["properties"]).contains("$schema"));
            &s["$defs"]["body"]["properties"]
        } else {
            &s["properties"]
        };
        assert!(keys(props).contains("$schema"), "{kind}");
    }
}

#[test]
fn every_schema_compiles_under_the_jsonschema_crate() {
    for kind in Kind::ALL {
        let s = schema(kind);
        assert!(
            jsonschema::meta::is_valid(&s),
            "{kind} is not a valid draft 2020-12 schema"
        );
        jsonschema::draft202012::new(&s).unwrap_or_else(|e| panic!("{kind}: {e}"));
        jsonschema::validator_for(&s).unwrap_or_else(|e| panic!("{kind}: {e}"));
        jsonschema::draft202012::options()
            .with_pattern_options(jsonschema::PatternOptions::regex())
            .build(&s)
            .unwrap_or_else(|e| panic!("{kind} (regex engine): {e}"));
        let mut all = Vec::new();
        walk(&s, "", &mut all);
        for (_, sub) in &all {
            assert!(
                sub.get("format").is_none(),
                "{kind}: no `format` (ajv strict mode rejects unknown formats)"
            );
            if let Some(p) = sub.get("pattern").and_then(Value::as_str) {
                assert!(!p.contains("\\d"), "{kind}: `\\d` is not portable: {p}");
            }
        }
    }
}

#[test]
fn write_only_fields_are_the_secrets_and_redact_masks_them() {
    let mut write_only = BTreeSet::new();
    for kind in Kind::ALL {
        let s = schema(kind);
        let mut all = Vec::new();
        walk(&s, "", &mut all);
        for (key, sub) in all {
            if sub.get("writeOnly") == Some(&json!(true)) {
                assert_eq!(sub["not"]["pattern"], spec::MASKED_PATTERN, "{kind}.{key}");
                write_only.insert(key);
            }
        }
    }
    let secrets: BTreeSet<String> = mfalint::secret_keys()
        .iter()
        .map(|k| k.to_string())
        .collect();
    assert_eq!(write_only, secrets);
    let value = "Zq7Wv3Xy9Kp2Lm4N";
    for key in &write_only {
        let text = json!({ key: value, "nested": [{ key: value }] }).to_string();
        let out = mfalint::redact(&text, &Options::default()).unwrap();
        assert!(!out.contains(value), "redact leaves {key}");
        assert!(out.contains("Z******N"), "{key}: {out}");
    }
}

#[test]
fn upstream_examples_get_the_same_verdict_from_both() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/upstream");
    let cases = [
        (
            "sailpoint-okta-verify-config.put-request.json",
            Kind::SailpointOktaConfig,
            true,
        ),
        (
            "sailpoint-okta-verify-config.get-response.masked.json",
            Kind::SailpointOktaConfig,
            false,
        ),
        (
            "sailpoint-duo-web-config.put-request.json",
            Kind::SailpointDuoConfig,
            true,
        ),
        (
            "sailpoint-duo-web-config.get-response.masked.json",
            Kind::SailpointDuoConfig,
            false,
        ),
        (
            "sailpoint-duo-web-config.put-response.masked.json",
            Kind::SailpointDuoConfig,
            false,
        ),
        (
            "sailpoint-mfa-config-test.response.json",
            Kind::SailpointTestResult,
            true,
        ),
    ];
    let export = Options {
        mode: Mode::Export,
        ..Options::default()
    };
    for (file, kind, valid) in cases {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let report = mfalint::validate_str(&text, Some(kind), &Options::default()).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        let validator = jsonschema::draft202012::new(&schema(kind)).unwrap();
        assert_eq!(report.is_valid(), valid, "{file}:\n{report}");
        assert_eq!(validator.is_valid(&value), valid, "{file}");
        if !valid {
            assert!(
                report.errors().all(|f| f.code() == "MFA080"),
                "{file}:\n{report}"
            );
        }
        assert_eq!(
            mfalint::detect(&mfalint::parse(&text, &export).unwrap()),
            Ok(kind)
        );
        let exported = mfalint::validate_str(&text, Some(kind), &export).unwrap();
        assert!(exported.is_valid(), "{file} in export mode:\n{exported}");
    }
}

/// `tests/fixtures/schema-cases/cases.json`: edge cases whose verdict
/// mfalint, the jsonschema crate (both regex engines) and ajv
/// (`scripts/test-schemas.sh`) must all give.
#[test]
fn edge_cases_get_the_same_verdict_from_every_engine() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-cases/cases.json");
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(cases.len() >= 50);
    for kind in Kind::ALL {
        let s = schema(kind);
        let fancy = jsonschema::draft202012::new(&s).unwrap();
        let plain = jsonschema::draft202012::options()
            .with_pattern_options(jsonschema::PatternOptions::regex())
            .build(&s)
            .unwrap();
        let mine: Vec<&Value> = cases.iter().filter(|c| c["kind"] == kind.id()).collect();
        assert!(!mine.is_empty(), "{kind} has edge cases");
        for c in mine {
            let (what, payload, valid) = (&c["what"], &c["payload"], c["valid"].as_bool().unwrap());
            let text = serde_json::to_string(payload).unwrap();
            let report = mfalint::validate_str(&text, Some(kind), &Options::default()).unwrap();
            assert_eq!(report.is_valid(), valid, "{kind} {what}: mfalint\n{report}");
            assert_eq!(
                fancy.is_valid(payload),
                valid,
                "{kind} {what}: jsonschema (fancy-regex)"
            );
            assert_eq!(
                plain.is_valid(payload),
                valid,
                "{kind} {what}: jsonschema (regex)"
            );
        }
    }
}
