//! No secret ever leaks: for random alphanumeric secrets (8..64 characters)
//! in every secret field of every kind, surrounded by payload errors
//! (wrong types, bad scope, bad hostname, bad timeout, several vendors,
//! missing fields, duplicate keys), no finding message, no `Report`
//! Display, no serialized report, no API error envelope and no `redact`
//! output contains the secret or any 4-character piece of it.
//!
//! A 4-character piece can also occur by chance in text that has nothing to
//! do with the secret ("must", "okta"); each output is therefore also
//! rendered with a stand-in secret of the same length made of one character
//! the secret lacks, and a piece counts as leaked only when it appears with
//! the real secret and not with the stand-in.

mod common;

use common::strategies::{alnum_secret, Flavor};
use mfalint::spec::{self, Vendor};
use mfalint::{envelope, Kind, Mode, Options};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Which errors surround the secrets (one bit each).
#[derive(Debug, Clone, Copy)]
struct Errors(u32);

impl Errors {
    fn has(self, bit: u32) -> bool {
        self.0 & (1 << bit) != 0
    }
}

const DUP: &str = "__duplicate_secret__";

/// A Palo Alto body with `secret` in every secret field of the chosen
/// vendors (several vendors is itself an error).
fn pan_body(flavor: Flavor, vendors: &[&'static Vendor], secret: &str, e: Errors) -> Value {
    let mut vt = Map::new();
    for (i, vendor) in vendors.iter().enumerate() {
        let mut obj = Map::new();
        if i == 0 && e.has(0) {
            obj.insert(DUP.into(), json!(0));
        }
        for f in vendor.fields {
            let value = if f.secret {
                json!(secret)
            } else if e.has(1) && f.required {
                continue; // missing required fields
            } else if f.hostname {
                json!(if e.has(2) {
                    "https://bad_host:443/x"
                } else {
                    "mfa-server-0001.example.com"
                })
            } else if f.ty == spec::FieldType::Timeout {
                match (flavor, e.has(3)) {
                    (Flavor::Scm, false) => json!(30),
                    (Flavor::Scm, true) => json!("30s"),
                    (Flavor::Sase, false) => json!("30"),
                    (Flavor::Sase, true) => json!(30),
                }
            } else if e.has(4) {
                json!(["wrong", "type"])
            } else {
                json!("abcdefghijklmnopqrstuvwxyz")
            };
            obj.insert(f.name.into(), value);
        }
        // Secret-named keys the vendor does not define (unknown keys).
        if e.has(5) {
            obj.insert("ping_use_base64_key".into(), json!(secret));
            obj.insert("accessKey".into(), json!(secret));
        }
        vt.insert(vendor.key.into(), Value::Object(obj));
    }
    let mut body = json!({
        "name": if e.has(6) { json!(12) } else { json!("profile") },
        "mfa_vendor_type": vt,
    });
    if !e.has(7) {
        body["mfa_cert_profile"] = json!("cert");
    }
    if flavor == Flavor::Scm {
        body["folder"] = json!(if e.has(8) { "bad/\u{663}" } else { "Shared" });
        if e.has(9) {
            body["device"] = json!("fw-1");
        }
    }
    body
}

fn sailpoint(duo: bool, secret: &str, e: Errors) -> Value {
    let mut v = json!({
        "mfaMethod": if e.has(0) { "okta-verify" } else { "duo-web" },
        "enabled": if e.has(1) { json!("yes") } else { json!(true) },
        "host": if e.has(2) { json!(443) } else { json!(null) },
        "accessKey": secret,
        "identityAttribute": if e.has(3) { json!([]) } else { json!("email") },
        "configProperties": {"skey": secret, "ikey": "Q123WE45R6TY7890ZXCV"},
    });
    if !duo {
        v["mfaMethod"] = json!(if e.has(0) { "duo-web" } else { "okta-verify" });
    }
    if e.has(4) {
        v.as_object_mut().unwrap().insert(DUP.into(), json!(0));
    }
    if e.has(5) {
        v["configProperties"]["nested"] = json!({"skey": secret, "accessKey": secret});
    }
    v
}

fn payload(kind: Kind, vendors: &[&'static Vendor], secret: &str, e: Errors) -> String {
    let (value, dup_key) = match kind {
        Kind::ScmMfaServer => (
            pan_body(Flavor::Scm, vendors, secret, e),
            vendors[0].fields.iter().find(|f| f.secret).unwrap().name,
        ),
        Kind::SaseMfaServer => {
            let body = pan_body(Flavor::Sase, vendors, secret, e);
            let key = vendors[0].fields.iter().find(|f| f.secret).unwrap().name;
            if e.has(10) {
                let folder = if e.has(11) { "Nowhere" } else { "Shared" };
                (
                    json!({"query": {"folder": folder, "position": "pre"}, "body": body}),
                    key,
                )
            } else {
                (body, key)
            }
        }
        Kind::SailpointOktaConfig => (sailpoint(false, secret, e), "accessKey"),
        Kind::SailpointDuoConfig => (sailpoint(true, secret, e), "accessKey"),
        Kind::SailpointTestResult => (
            json!({"state": if e.has(0) { "BROKEN" } else { "FAILED" },
                   "error": if e.has(1) { json!(5) } else { json!("MFA Method is disabled.") },
                   "accessKey": secret,
                   DUP: 0}),
            "accessKey",
        ),
    };
    serde_json::to_string(&value).unwrap().replace(
        &format!("\"{DUP}\":0"),
        &format!("\"{dup_key}\":{}", json!(secret)),
    )
}

/// Everything mfalint renders for `text`, one string per output.
fn outputs(kind: Kind, text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut all_rules = Options::default();
    all_rules.rules.select("ALL").unwrap();
    let export = Options {
        mode: Mode::Export,
        ..Options::default()
    };
    for (label, opts) in [
        ("default", Options::default()),
        ("export", export),
        ("all rules", all_rules),
    ] {
        let report = mfalint::validate_str(text, Some(kind), &opts).unwrap();
        for f in &report.findings {
            out.push((format!("{label} message {}", f.code), f.message.clone()));
        }
        out.push((format!("{label} Display"), report.to_string()));
        out.push((
            format!("{label} JSON"),
            serde_json::to_string(&report).unwrap(),
        ));
        if let Some(body) = envelope::api_error(&report, Some("req-0001")) {
            out.push((
                format!("{label} api_error"),
                serde_json::to_string(&body).unwrap(),
            ));
        }
    }
    out.push((
        "redact".into(),
        mfalint::redact(text, &Options::default()).unwrap(),
    ));
    out
}

fn case() -> impl Strategy<Value = (Kind, Vec<&'static Vendor>, String, Errors)> {
    (
        proptest::sample::select(Kind::ALL.to_vec()),
        proptest::sample::subsequence((0..4).collect::<Vec<usize>>(), 1..=4),
        alnum_secret(),
        any::<u32>(),
    )
        .prop_map(|(kind, picked, secret, bits)| {
            let table = if kind == Kind::SaseMfaServer {
                spec::SASE_VENDORS
            } else {
                spec::SCM_VENDORS
            };
            // Mostly one vendor (so the vendor's own rules run cleanly),
            // sometimes several.
            let n = if bits & (1 << 20) != 0 {
                picked.len()
            } else {
                1
            };
            let vendors = picked[..n].iter().map(|i| &table[*i]).collect();
            (kind, vendors, secret, Errors(bits))
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_output_contains_a_secret_or_a_piece_of_it((kind, vendors, secret, errors) in case()) {
        let text = payload(kind, &vendors, &secret, errors);
        prop_assert!(text.contains(&secret));
        let filler = ('a'..='z').chain('A'..='Z').chain('0'..='9').find(|c| !secret.contains(*c)).unwrap();
        let stand_in: String = std::iter::repeat_n(filler, secret.len()).collect();
        let baseline_text = text.replace(&secret, &stand_in);
        let real = outputs(kind, &text);
        let baseline = outputs(kind, &baseline_text);
        prop_assert_eq!(real.len(), baseline.len());
        let mut errors_seen = false;
        for ((label, out), (_, base)) in real.iter().zip(&baseline) {
            prop_assert!(!out.contains(&secret), "{kind} {label} contains the secret");
            let chars: Vec<char> = secret.chars().collect();
            for piece in chars.windows(4) {
                let piece: String = piece.iter().collect();
                prop_assert!(
                    !out.contains(&piece) || base.contains(&piece),
                    "{kind} {label} contains {piece:?}, a piece of the secret"
                );
            }
            errors_seen |= label == "default api_error";
        }
        // The payloads are meant to have errors around the secrets.
        let report = mfalint::validate_str(&text, Some(kind), &Options::default()).unwrap();
        prop_assert_eq!(!report.is_valid(), errors_seen);
    }
}

/// The property can fail: a rendering that echoed the value would be caught.
#[test]
fn the_check_catches_a_leak() {
    let secret = "Zq7Wv3Xy9Kp2Lm4N";
    let leaky = format!("`okta_token` is {secret}");
    let pieces: Vec<String> = secret
        .chars()
        .collect::<Vec<_>>()
        .windows(4)
        .map(|w| w.iter().collect())
        .collect();
    assert!(pieces.iter().any(|p| leaky.contains(p.as_str())));
    let partial = format!("`okta_token` starts with {}", &secret[..5]);
    assert!(pieces.iter().any(|p| partial.contains(p.as_str())));
    // And every secret field is in the payloads this test builds.
    for kind in [Kind::ScmMfaServer, Kind::SaseMfaServer] {
        let table = if kind == Kind::SaseMfaServer {
            spec::SASE_VENDORS
        } else {
            spec::SCM_VENDORS
        };
        let all: Vec<&Vendor> = table.iter().collect();
        let text = payload(kind, &all, secret, Errors(0));
        for f in table.iter().flat_map(|v| v.fields).filter(|f| f.secret) {
            assert!(
                text.contains(&format!("\"{}\":\"{secret}\"", f.name)),
                "{kind} {}",
                f.name
            );
        }
    }
    let duo = payload(Kind::SailpointDuoConfig, &[], secret, Errors(0));
    assert!(duo.contains(&format!("\"accessKey\":\"{secret}\"")));
    assert!(duo.contains(&format!("\"skey\":\"{secret}\"")));
}
