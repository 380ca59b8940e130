//! The JSON Schemas in `schemas/`: they compile under the `jsonschema` crate
//! (draft 2020-12, both regex engines), `mfalint::schema` serves them, they
//! say what spec.rs says (required lists, minimum lengths, defaults,
//! hostname and secret fields, enums), and the upstream examples get the
//! same verdict from them as from the Rust validators. ajv strict mode is
//! checked by `scripts/test-schemas.sh`; agreement on generated payloads by
//! `tests/differential.rs`.

use std::collections::BTreeSet;
use std::path::Path;

use mfalint::spec::{self, FieldType, Vendor};
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

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
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

/// A field's schema agrees with its spec.rs row (SCM: constraints are errors).
fn check_scm_field(vendor: &Vendor, def: &Value) {
    let props = &def["properties"];
    let names: BTreeSet<String> = vendor.fields.iter().map(|f| f.name.to_string()).collect();
    assert_eq!(keys(props), names, "{}", vendor.key);
    let required: BTreeSet<String> = vendor
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name.to_string())
        .collect();
    assert_eq!(strings(&def["required"]), required, "{}", vendor.key);
    assert_eq!(def["type"], "object");
    for f in vendor.fields {
        let p = &props[f.name];
        let at = format!("{}.{}", vendor.key, f.name);
        match f.default {
            Some(spec::Default::Str(s)) => assert_eq!(p["default"], json!(s), "{at}"),
            Some(spec::Default::Int(n)) => assert_eq!(p["default"], json!(n), "{at}"),
            None => assert!(p.get("default").is_none(), "{at}"),
        }
        if f.ty == FieldType::Timeout {
            let branches = p["anyOf"].as_array().unwrap();
            assert_eq!(
                branches[0],
                json!({"type": "integer", "minimum": spec::TIMEOUT_MIN, "maximum": spec::TIMEOUT_MAX}),
                "{at}"
            );
            assert_eq!(branches[1]["type"], "string", "{at}");
            assert_eq!(branches.len(), 2, "{at}");
            // The string branch is exactly "5".."600" (numeric strings are a warning).
            let re = jsonschema::draft202012::new(&branches[1]).unwrap();
            for n in -1000..=1000 {
                assert_eq!(
                    re.is_valid(&json!(n.to_string())),
                    (spec::TIMEOUT_MIN..=spec::TIMEOUT_MAX).contains(&n),
                    "{at} {n}"
                );
            }
            for s in [
                "030",
                "+30",
                "30.0",
                " 30",
                "30 ",
                "",
                "3e1",
                "\u{663}\u{660}",
            ] {
                assert!(!re.is_valid(&json!(s)), "{at} {s:?}");
            }
            continue;
        }
        assert_eq!(p["type"], "string", "{at}");
        assert_eq!(
            p.get("minLength").and_then(Value::as_u64).unwrap_or(0),
            f.min_length,
            "{at}"
        );
        if f.hostname {
            assert_eq!(p["pattern"], spec::HOSTNAME_PATTERN, "{at}");
            assert_eq!(p["maxLength"], 253, "{at}");
        } else {
            assert!(
                p.get("pattern").is_none() && p.get("maxLength").is_none(),
                "{at}"
            );
        }
        check_secret(p, f.secret, &at);
    }
}

fn check_secret(p: &Value, secret: bool, at: &str) {
    if secret {
        assert_eq!(p["writeOnly"], true, "{at}");
        assert_eq!(
            p["not"],
            json!({"type": "string", "pattern": spec::MASKED_PATTERN}),
            "{at}"
        );
    } else {
        assert!(
            p.get("writeOnly").is_none() && p.get("not").is_none(),
            "{at}"
        );
    }
}

fn check_vendor_type(s: &Value) {
    let vt = &s["$defs"]["mfa_vendor_type"];
    assert_eq!(vt["type"], "object");
    assert!(vt["$comment"]
        .as_str()
        .unwrap()
        .contains("cannot be satisfied as written"));
    assert_eq!(keys(&vt["properties"]), set(spec::VENDOR_KEYS));
    let branches = vt["oneOf"].as_array().unwrap();
    assert_eq!(branches.len(), spec::VENDOR_KEYS.len());
    for (b, key) in branches.iter().zip(spec::VENDOR_KEYS) {
        assert_eq!(b["required"], json!([key]), "each branch requires its key");
        assert_eq!(b["title"], json!(key));
        assert_eq!(
            vt["properties"][key]["$ref"],
            json!(format!("#/$defs/{key}"))
        );
    }
}

#[test]
fn scm_schema_says_what_spec_rs_says() {
    let s = schema(Kind::ScmMfaServer);
    assert_eq!(s["required"], json!(["name", "mfa_cert_profile"]));
    for key in ["name", "mfa_cert_profile"] {
        assert_eq!(s["properties"][key], {
            let mut p = json!({"type": "string", "minLength": 1});
            p["description"] = s["properties"][key]["description"].clone();
            p
        });
    }
    assert_eq!(s["properties"]["id"]["readOnly"], true);
    let scope = &s["$defs"]["scope"];
    assert_eq!(scope["type"], "string");
    assert_eq!(scope["pattern"], spec::SCOPE_PATTERN);
    assert_eq!(scope["maxLength"], spec::SCOPE_MAX_CHARS);
    assert_eq!(scope["minLength"], 1);
    let branches = s["oneOf"].as_array().unwrap();
    assert_eq!(branches.len(), spec::SCOPE_KEYS.len());
    for (b, key) in branches.iter().zip(spec::SCOPE_KEYS) {
        assert_eq!(b["required"], json!([key]));
        assert_eq!(s["properties"][key]["$ref"], "#/$defs/scope");
    }
    check_vendor_type(&s);
    for vendor in spec::SCM_VENDORS {
        check_scm_field(vendor, &s["$defs"][vendor.key]);
    }
}

#[test]
fn sase_schema_says_what_spec_rs_says() {
    let s = schema(Kind::SaseMfaServer);
    let body = &s["$defs"]["body"];
    assert_eq!(body["required"], json!(["name", "mfa_cert_profile"]));
    assert_eq!(
        keys(&body["properties"]),
        set(&[
            "$schema",
            "id",
            "name",
            "mfa_cert_profile",
            "mfa_vendor_type"
        ])
    );
    for key in ["name", "mfa_cert_profile"] {
        // A non-empty name is borrowed from SCM: a warning here.
        assert_eq!(body["properties"][key], json!({"type": "string"}));
    }
    let query = &s["$defs"]["query"];
    assert_eq!(query["required"], json!(["folder", "position"]));
    assert_eq!(
        query["properties"]["folder"]["enum"],
        json!(spec::SASE_FOLDERS)
    );
    assert_eq!(
        query["properties"]["position"]["enum"],
        json!(spec::POSITIONS)
    );
    // Envelope when both `query` and `body` are present, else the bare body.
    assert_eq!(s["if"]["required"], json!(["query", "body"]));
    assert_eq!(s["then"]["properties"]["body"]["$ref"], "#/$defs/body");
    assert_eq!(s["then"]["properties"]["query"]["$ref"], "#/$defs/query");
    assert_eq!(s["else"]["$ref"], "#/$defs/body");
    check_vendor_type(&s);
    for vendor in spec::SASE_VENDORS {
        let def = &s["$defs"][vendor.key];
        let names: BTreeSet<String> = vendor.fields.iter().map(|f| f.name.to_string()).collect();
        assert_eq!(keys(&def["properties"]), names, "{}", vendor.key);
        // Borrowed SCM constraints (required fields, lengths, hostnames,
        // timeout range) are warnings: not in the schema. No defaults.
        assert!(def.get("required").is_none(), "{}", vendor.key);
        for f in vendor.fields {
            let p = &def["properties"][f.name];
            let at = format!("{}.{}", vendor.key, f.name);
            assert_eq!(
                p["type"], "string",
                "{at}: legacy fields, timeouts too, are strings"
            );
            for k in ["minLength", "maxLength", "pattern", "default", "anyOf"] {
                assert!(p.get(k).is_none(), "{at} has {k}");
            }
            check_secret(p, f.secret, &at);
        }
    }
}

#[test]
fn sailpoint_schemas_say_what_the_rulings_say() {
    for (kind, method) in [
        (Kind::SailpointOktaConfig, "okta-verify"),
        (Kind::SailpointDuoConfig, "duo-web"),
    ] {
        let s = schema(kind);
        let p = &s["properties"];
        assert!(s.get("required").is_none(), "{kind}: nothing is required");
        assert_eq!(p["mfaMethod"]["type"], json!(["string", "null"]));
        assert_eq!(p["mfaMethod"]["enum"], json!([method, null]));
        assert!(spec::SAILPOINT_METHODS.contains(&method));
        assert_eq!(p["enabled"]["type"], "boolean", "enabled is not nullable");
        assert_eq!(p["enabled"]["default"], false);
        for key in ["host", "accessKey", "identityAttribute"] {
            assert_eq!(p[key]["type"], json!(["string", "null"]), "{kind}.{key}");
        }
        check_secret(&p["accessKey"], true, "accessKey");
        check_secret(&p["host"], false, "host");
        if kind == Kind::SailpointDuoConfig {
            let cp = &p["configProperties"];
            assert_eq!(cp["type"], json!(["object", "null"]));
            check_secret(&cp["properties"]["skey"], true, "configProperties.skey");
            assert!(
                cp["properties"].get("ikey").is_none(),
                "ikey is not a secret"
            );
        } else {
            assert!(p.get("configProperties").is_none());
        }
    }
    let s = schema(Kind::SailpointTestResult);
    assert_eq!(s["properties"]["state"]["type"], "string");
    assert_eq!(s["properties"]["state"]["enum"], json!(spec::TEST_STATES));
    assert_eq!(s["properties"]["error"]["type"], json!(["string", "null"]));
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
    let mut secrets: BTreeSet<String> = spec::SCM_VENDORS
        .iter()
        .chain(spec::SASE_VENDORS)
        .flat_map(|v| v.fields)
        .filter(|f| f.secret)
        .map(|f| f.name.to_string())
        .collect();
    secrets.extend(set(&["accessKey", "skey"]));
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
                report.errors().all(|f| f.code == "MFA080"),
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
