//! No secret ever leaks: for random alphanumeric secrets (8..64 characters)
//! in every secret field of every kind, surrounded by payload errors
//! (wrong types, bad scope, bad hostname, bad timeout, several vendors,
//! missing fields, duplicate keys), no finding message, no `Report`
//! Display, no serialized report, no API error envelope and no `redact`
//! output contains the secret or any 4-character piece of it.
//!
//! The same holds for the files of `common::secret_cases`: secrets under
//! near misses of the secret keys (`okta_tokne`, `OKTA_TOKEN`, `sKey`, keys
//! written with escapes or after a stray backslash), secrets of every JSON
//! type (numbers, booleans, arrays, objects keyed by the secret), and
//! damaged files (truncated, unbalanced, stray backslashes and quotes,
//! invalid UTF-8). There every output of the library is checked: each
//! finding's message and pointer, the report's Display and JSON, the API
//! error envelope, the error of a file that cannot be validated, `redact`,
//! and `normalize`'s filled pointers and values and its errors.
//!
//! A 4-character piece can also occur by chance in text that has nothing to
//! do with the secret ("must", "okta"); each output is therefore also
//! rendered with a stand-in secret of the same length made of one character
//! the secret lacks, and a piece counts as leaked only when it appears with
//! the real secret and not with the stand-in.

mod common;

use common::secret_cases::{self, assume_placement, leaked_piece, show, stand_in};
use common::strategies::{alnum_secret, Flavor};
use common::vendors::{self as spec_tables, FieldType, Vendor};
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
        for f in vendor.fields.iter() {
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
            } else if f.ty == FieldType::Timeout {
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
            out.push((format!("{label} message {}", f.code()), f.message.clone()));
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
                spec_tables::sase()
            } else {
                spec_tables::scm()
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
            spec_tables::sase()
        } else {
            spec_tables::scm()
        };
        let all: Vec<&Vendor> = table.iter().collect();
        let text = payload(kind, &all, secret, Errors(0));
        for f in table.iter().flat_map(|v| &v.fields).filter(|f| f.secret) {
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

/// Every output of the library for a file (bytes, maybe not UTF-8 and maybe
/// not JSON), labelled; `kind` is the payload's, also passed explicitly.
fn library_outputs(bytes: &[u8], kind: Kind) -> Vec<(String, String)> {
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
        for k in [None, Some(kind)] {
            let label = match k {
                None => format!("{label} detected"),
                Some(k) => format!("{label} {k}"),
            };
            match mfalint::validate_bytes(bytes, k, &opts) {
                Ok(report) => {
                    for (i, f) in report.findings.iter().enumerate() {
                        out.push((
                            format!("{label} message {i} {}", f.code()),
                            f.message.clone(),
                        ));
                        out.push((
                            format!("{label} pointer {i} {}", f.code()),
                            f.pointer.clone(),
                        ));
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
                Err(e) => out.push((format!("{label} error"), e.to_string())),
            }
        }
    }
    let opts = Options::default();
    match mfalint::decode(bytes, &opts) {
        Ok(text) => {
            match mfalint::redact(text, &opts) {
                Ok(r) => out.push(("redact".into(), r)),
                Err(e) => out.push(("redact error".into(), e.to_string())),
            }
            for k in [None, Some(kind)] {
                match mfalint::normalize(text, k, &opts) {
                    Ok(n) => {
                        for f in &n.filled {
                            out.push((
                                format!("normalize {k:?} filled"),
                                format!("{} = {}", f.pointer, f.value),
                            ));
                        }
                    }
                    Err(e) => out.push((format!("normalize {k:?} error"), e.to_string())),
                }
            }
        }
        Err(e) => out.push(("decode error".into(), e.to_string())),
    }
    out
}

/// The chance-match rule over labelled outputs: a piece counts when the
/// output of the same label for the stand-in lacks it.
fn no_leak(
    secret: &str,
    real: &[(String, String)],
    baseline: &[(String, String)],
    file: &[u8],
) -> Result<(), TestCaseError> {
    for (label, out) in real {
        let base = baseline
            .iter()
            .find(|(l, _)| l == label)
            .map_or("", |(_, b)| b.as_str());
        prop_assert!(
            !out.contains(secret),
            "{label} contains the secret {secret:?}\nfile: {}\noutput: {out}",
            show(file)
        );
        if let Some(piece) = leaked_piece(secret, out, base) {
            prop_assert!(
                false,
                "{label} contains {piece:?}, a piece of the secret {secret:?}\nfile: {}\noutput: {out}",
                show(file)
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Near-miss keys, every type of value, escapes and damage: no output
    /// of the library shows the secret, a piece of it, or a boolean next to
    /// its key.
    #[test]
    fn no_output_shows_a_near_miss_any_type_or_a_damaged_secret((case, secret) in secret_cases::case()) {
        let written = case.write(&secret);
        assume_placement(&case, &written, &secret)?;
        let real = library_outputs(&written.bytes, case.kind());
        for (label, out) in &real {
            if let Some(shown) = case.bool_leak(&written, out) {
                prop_assert!(false, "{label} shows the boolean: {shown}\nfile: {}", show(&written.bytes));
            }
        }
        if real.iter().any(|(_, out)| leaked_piece(&secret, out, "").is_some()) {
            let baseline = library_outputs(&case.write(&stand_in(&secret)).bytes, case.kind());
            no_leak(&secret, &real, &baseline, &written.bytes)?;
        }
    }
}

/// Every named near miss and every generated one is secret-bearing for the
/// library (the rule the property relies on), and the fixed cases cover
/// what the strategy generates.
#[test]
fn near_misses_are_secret_bearing() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    for key in secret_cases::NAMED_NEAR_MISSES {
        assert!(mfalint::is_secret_bearing(key), "{key:?}");
    }
    let mut runner = TestRunner::deterministic();
    let keys = secret_cases::near_miss_key();
    for _ in 0..2000 {
        let key = keys.new_tree(&mut runner).unwrap().current();
        assert!(mfalint::is_secret_bearing(&key), "{key:?}");
    }
    let cases = secret_cases::fixed_cases();
    assert!(cases.len() > 60, "{}", cases.len());
    for (name, case) in &cases {
        // The file holds the secret (booleans aside): it differs from the
        // stand-in's.
        let secret = "8172635401827364";
        let differs = case.write(secret).bytes != case.write(&stand_in(secret)).bytes;
        assert_eq!(
            differs,
            !matches!(case.shape, secret_cases::Shape::Bool(_)),
            "{name}"
        );
        // And the check finds it where it is shown by design: `normalize`'s
        // text is the payload, secrets included.
        if case.shape == secret_cases::Shape::Str(None) && case.damage.is_empty() {
            let secret = "Zq7Wv3Xy9Kp2Lm4N";
            let text = |s: &str| {
                let bytes = case.write(s).bytes;
                let text = String::from_utf8(bytes).unwrap();
                mfalint::normalize(&text, Some(case.kind()), &Options::default())
                    .map_or_else(|e| e.to_string(), |n| n.text)
            };
            let parses = mfalint::parse(&case.write(secret).text(), &Options::default()).is_ok();
            assert_eq!(
                leaked_piece(secret, &text(secret), &text(&stand_in(secret))).is_some(),
                parses,
                "{name}"
            );
        }
    }
}

/// The library outputs of the fixed cases (the same files the CLI tests
/// run): a list of every case that shows its secret, so one run names them
/// all.
#[test]
fn fixed_cases_show_no_secret_in_the_library() {
    let mut failures = Vec::new();
    for (name, case) in secret_cases::fixed_cases() {
        let secret = if case.shape.digits() {
            "8172635401827364"
        } else {
            "Zq7Wv3Xy9Kp2Lm4N"
        };
        let written = case.write(secret);
        let real = library_outputs(&written.bytes, case.kind());
        let baseline = library_outputs(&case.write(&stand_in(secret)).bytes, case.kind());
        for (label, out) in &real {
            let base = baseline
                .iter()
                .find(|(l, _)| l == label)
                .map_or("", |(_, b)| b.as_str());
            if let Some(piece) = leaked_piece(secret, out, base) {
                failures.push(format!("{name}: {label} shows {piece:?}: {out}"));
            }
            if let Some(shown) = case.bool_leak(&written, out) {
                failures.push(format!("{name}: {label} shows {shown:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
