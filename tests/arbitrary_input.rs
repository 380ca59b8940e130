//! Property tests over arbitrary input (issue 6, items 1 and 3):
//!
//! * arbitrary bytes never panic and satisfy the fuzz targets' invariants
//!   (fuzz/src/invariants.rs: findings locate, no secret in any output,
//!   lossless writer, normalize/redact round trips);
//! * arbitrary JSON text (a recursive strategy with random whitespace,
//!   escapes, duplicate keys and odd numbers), and random damage to it: our
//!   parser accepts exactly what serde_json accepts and reads the same
//!   values, with the exceptions explained in `agrees_with_serde_json`;
//! * `Debug` of every typed payload masks its secrets.

#[allow(dead_code)]
#[path = "../fuzz/src/invariants.rs"]
mod invariants;

use mfalint::json::{Node, Value as V};
use mfalint::typed::{
    ConfigProperties, Duo, DuoConfig, MfaVendorType, Okta, OktaConfig, Ping, Rsa, SaseMfaServer,
    ScmMfaServer, Scope, Secret, Timeout,
};
use mfalint::{Kind, Options};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::string::string_regex;
use serde_json::Value as J;

fn regex(re: &str) -> BoxedStrategy<String> {
    string_regex(re).expect("valid regex").boxed()
}

// ------------------------------------------------------------ generators

fn ws() -> impl Strategy<Value = &'static str> {
    select(vec!["", "", " ", "\n", "\r\n", "\t", "  \n  "])
}

/// Numbers as JSON writes them, including `-0`, `30.0`, exponents that
/// overflow f64 (`1e400`) and integers past u64.
fn number() -> BoxedStrategy<String> {
    prop_oneof![
        regex("-?(0|[1-9][0-9]{0,3})"),
        regex("-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,6})?([eE][+-]?[0-9]{1,3})?"),
        select(vec![
            "-0",
            "30.0",
            "1e400",
            "-1e400",
            "1E-400",
            "0.0e0",
            "18446744073709551616"
        ])
        .prop_map(str::to_string),
    ]
    .boxed()
}

/// A JSON string literal for `s`, each character written raw, as a short
/// escape or as `\uXXXX` (a surrogate pair above U+FFFF), at random.
fn string_literal() -> BoxedStrategy<String> {
    let chars = prop_oneof![
        4 => any::<char>(),
        2 => select(vec!['"', '\\', '/', '\n', '\r', '\t', '\u{8}', '\u{c}', '\0', '\u{1f}', '\u{7f}', '\u{feff}', '\u{1f600}', 'é']),
        4 => proptest::char::range('a', 'z'),
    ];
    prop::collection::vec((chars, 0u8..4, any::<bool>()), 0..10)
        .prop_map(|cs| {
            let mut out = String::from("\"");
            for (c, how, upper) in cs {
                let hex = |out: &mut String, u: u32| {
                    if upper {
                        out.push_str(&format!("\\u{u:04X}"));
                    } else {
                        out.push_str(&format!("\\u{u:04x}"));
                    }
                };
                let short = match c {
                    '"' => Some("\\\""),
                    '\\' => Some("\\\\"),
                    '/' => Some("\\/"),
                    '\n' => Some("\\n"),
                    '\r' => Some("\\r"),
                    '\t' => Some("\\t"),
                    '\u{8}' => Some("\\b"),
                    '\u{c}' => Some("\\f"),
                    _ => None,
                };
                let must_escape = c == '"' || c == '\\' || (c as u32) < 0x20;
                match (how, short) {
                    (0, Some(s)) => out.push_str(s),
                    (1, _) | (0, None) if must_escape || how == 1 => {
                        let mut buf = [0u16; 2];
                        for unit in c.encode_utf16(&mut buf) {
                            hex(&mut out, u32::from(*unit));
                        }
                    }
                    (_, Some(s)) if must_escape => out.push_str(s),
                    _ if must_escape => hex(&mut out, c as u32),
                    _ => out.push(c),
                }
            }
            out.push('"');
            out
        })
        .boxed()
}

/// Keys: mostly real ones (so duplicates and rule paths are common).
fn key() -> BoxedStrategy<String> {
    prop_oneof![
        3 => select(vec![
            "name", "folder", "mfa_cert_profile", "mfa_vendor_type", "okta_adaptive_v1",
            "okta_token", "okta_timeout", "accessKey", "skey", "mfaMethod", "state", "a", "",
        ])
        .prop_map(|k| format!("\"{k}\"")),
        1 => string_literal(),
    ]
    .boxed()
}

/// JSON text, nested up to 5 levels.
fn json_text() -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        Just("false".to_string()),
        number(),
        string_literal(),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec((ws(), inner.clone(), ws()), 0..6).prop_map(|items| {
                let body: Vec<String> = items
                    .into_iter()
                    .map(|(a, v, b)| format!("{a}{v}{b}"))
                    .collect();
                format!("[{}]", body.join(","))
            }),
            prop::collection::vec((ws(), key(), ws(), inner, ws()), 0..6).prop_map(|members| {
                let body: Vec<String> = members
                    .into_iter()
                    .map(|(a, k, b, v, c)| format!("{a}{k}{b}:{c}{v}"))
                    .collect();
                format!("{{{}}}", body.join(","))
            }),
        ]
    })
    .prop_flat_map(|doc| (ws(), Just(doc), ws()).prop_map(|(a, d, b)| format!("{a}{d}{b}")))
    .boxed()
}

/// `text` with one random edit: a character deleted, inserted or replaced,
/// or the text cut short.
fn damaged() -> BoxedStrategy<String> {
    let piece = select(vec![
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\\udc00", "0", "-", ".", "e",
        "+", " ", "\n", "\0", "\u{feff}", "NaN", "tru", "nul", "é", "\u{1}", "01", "1e",
    ]);
    (json_text(), any::<prop::sample::Index>(), 0u8..4, piece)
        .prop_map(|(text, at, how, piece)| {
            let chars: Vec<char> = text.chars().collect();
            let i = at.index(chars.len() + 1);
            let mut out: String = chars[..i].iter().collect();
            match how {
                0 => out.extend(chars.iter().skip(i + 1)),
                1 => {
                    out.push_str(piece);
                    out.extend(chars.iter().skip(i));
                }
                2 => {
                    out.push_str(piece);
                    out.extend(chars.iter().skip(i + 1));
                }
                _ => {}
            }
            out
        })
        .boxed()
}

// ------------------------------------------------------------ comparison

/// Our tree as serde_json would read it: the last duplicate wins, numbers
/// through serde_json's own number parser.
fn to_serde(node: &Node) -> J {
    match &node.value {
        V::Null => J::Null,
        V::Bool(b) => J::Bool(*b),
        V::Number(raw) => serde_json::from_str(raw).expect("serde_json reads our number"),
        V::String(s) => J::String(s.to_string()),
        V::Array(items) => J::Array(items.iter().map(to_serde).collect()),
        V::Object(members) => {
            let mut map = serde_json::Map::new();
            for m in members {
                map.insert(m.key.to_string(), to_serde(&m.value));
            }
            J::Object(map)
        }
    }
}

/// Numbers kept exactly as written, and typed as serde_json types them
/// (integer vs float), except where serde_json cannot keep the text.
fn check_numbers(text: &str, node: &Node) {
    match &node.value {
        V::Number(raw) => {
            assert_eq!(&text[node.span.start..node.span.end], raw.as_ref());
            let n: serde_json::Number = serde_json::from_str(raw).unwrap();
            let ours_integer = node.type_name() == "integer";
            let serde_integer = n.is_i64() || n.is_u64();
            // Exceptions, where we keep the text and serde_json does not:
            // `-0` (serde_json reads -0.0, a float) and integers past u64
            // (serde_json falls back to f64). Both are integer literals to
            // us, as the API's integer type sees them.
            let exception = raw.as_ref() == "-0" || (ours_integer && n.is_f64());
            if !exception {
                assert_eq!(ours_integer, serde_integer, "{raw}");
            }
        }
        V::Array(items) => items.iter().for_each(|i| check_numbers(text, i)),
        V::Object(members) => members.iter().for_each(|m| check_numbers(text, &m.value)),
        _ => {}
    }
}

/// Accept/reject agreement and equal values. The one rejection we do not
/// share: numbers outside f64's range (`1e400`), which serde_json rejects
/// ("number out of range") and we keep as written, since the rules read
/// numbers as text (a timeout of 1e400 is a finding, not a parse error).
fn agrees_with_serde_json(text: &str) -> Result<(), TestCaseError> {
    let ours = mfalint::parse(text, &Options::default());
    let theirs: Result<J, _> = serde_json::from_str(text);
    match (ours, theirs) {
        (Ok(node), Ok(value)) => {
            prop_assert_eq!(to_serde(&node), value);
            check_numbers(text, &node);
        }
        (Err(e), Err(_)) => {
            let mfalint::Error::Parse { error, .. } = e else {
                panic!("parse returned a non-parse error");
            };
            prop_assert!(error.offset <= text.len());
        }
        (Ok(_), Err(e)) => prop_assert!(
            e.to_string().starts_with("number out of range"),
            "we accept, serde_json rejects: {}",
            e
        ),
        (Err(e), Ok(_)) => prop_assert!(false, "we reject, serde_json accepts: {}", e),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_keep_every_invariant(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        invariants::check_report(&bytes);
        invariants::check_located(&bytes);
        invariants::check_roundtrip(&bytes);
    }

    #[test]
    fn arbitrary_json_keeps_every_invariant(text in json_text()) {
        invariants::check_report(text.as_bytes());
        invariants::check_located(text.as_bytes());
        invariants::check_roundtrip(text.as_bytes());
    }

    #[test]
    fn arbitrary_json_reads_as_serde_json_reads_it(text in json_text()) {
        agrees_with_serde_json(&text)?;
    }

    /// `validate_str` skips the duplicate-key walk when the parser met no
    /// key twice; `validate_node` always walks. (The keys come from a small
    /// set, so many objects here repeat one.)
    #[test]
    fn text_and_tree_get_the_same_report(text in json_text(), kind in select(Kind::ALL.to_vec())) {
        let opts = Options::default();
        let tree = mfalint::parse(&text, &opts).expect("the strategy writes JSON");
        prop_assert_eq!(
            mfalint::validate_str(&text, Some(kind), &opts).unwrap(),
            mfalint::validate_node(&tree, Some(kind), &opts).unwrap()
        );
        prop_assert_eq!(
            mfalint::is_valid_str(&text, Some(kind), &opts).unwrap(),
            mfalint::is_valid_node(&tree, Some(kind), &opts).unwrap()
        );
    }

    #[test]
    fn damaged_json_is_rejected_when_serde_json_rejects_it(text in damaged()) {
        agrees_with_serde_json(&text)?;
        invariants::check_report(text.as_bytes());
    }
}

#[test]
fn serde_json_exceptions_are_as_documented() {
    // The cases `agrees_with_serde_json` excuses, pinned.
    assert!(serde_json::from_str::<J>("1e400").is_err());
    assert!(mfalint::parse("1e400", &Options::default()).is_ok());
    let minus_zero: serde_json::Number = serde_json::from_str("-0").unwrap();
    assert!(minus_zero.is_f64());
    let big: serde_json::Number = serde_json::from_str("18446744073709551616").unwrap();
    assert!(big.is_f64());
}

// ------------------------------------------------------------ typed Debug

/// Secrets with no `*` (a mask is all `*` in the middle) and no lowercase
/// letter, so no 4-character window of one can occur in a struct or field
/// name of the Debug output by chance.
fn secret() -> BoxedStrategy<String> {
    regex("[A-Z0-9+/=_.-]{0,40}")
}

/// Every 4-character substring (the issue's bar: no 4+ character piece of
/// a secret may show; shorter secrets are masked whole).
fn windows(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    chars.windows(4).map(|w| w.iter().collect()).collect()
}

fn assert_masked(debug: &str, secrets: &[&String]) -> Result<(), TestCaseError> {
    for s in secrets {
        for w in windows(s) {
            prop_assert!(!debug.contains(&w), "Debug shows part of a secret");
        }
    }
    Ok(())
}

fn scm(vendor: MfaVendorType) -> ScmMfaServer {
    ScmMfaServer {
        id: Some("id".into()),
        name: "n".into(),
        mfa_cert_profile: "c".into(),
        scope: Scope::Folder("f".into()),
        mfa_vendor_type: Some(vendor),
    }
}

proptest! {
    #[test]
    fn debug_of_every_typed_payload_masks_secrets(
        a in secret(), b in secret(), c in secret(), d in secret(), e in secret(), f in secret(),
        g in secret()
    ) {
        let vendors = [
            MfaVendorType::OktaAdaptiveV1(Okta {
                okta_token: Some(Secret::new(a.clone())),
                okta_timeout: Some(Timeout::Seconds(30)),
                ..Okta::default()
            }),
            MfaVendorType::PingIdentityV1(Ping {
                ping_use_base64_key: Some(Secret::new(b.clone())),
                ping_token: Some(Secret::new(c.clone())),
                ping_timeout: Some(Timeout::Text("30".into())),
                ..Ping::default()
            }),
            MfaVendorType::RsaSecuridAccessV1(Rsa {
                rsa_accesskey: Some(Secret::new(d.clone())),
                ..Rsa::default()
            }),
            MfaVendorType::DuoSecurityV2(Duo {
                duo_secret_key: Some(Secret::new(e.clone())),
                ..Duo::default()
            }),
        ];
        let all = [&a, &b, &c, &d, &e, &f, &g];
        let mut outputs = Vec::new();
        for v in vendors {
            outputs.push(format!("{:?}", scm(v.clone())));
            outputs.push(format!("{:#?}", SaseMfaServer {
                id: None,
                name: "n".into(),
                mfa_cert_profile: "c".into(),
                mfa_vendor_type: Some(v),
            }));
        }
        outputs.push(format!("{:?}", OktaConfig {
            mfa_method: Some("okta-verify".into()),
            enabled: true,
            host: Some("h".into()),
            access_key: Some(Secret::new(f.clone())),
            identity_attribute: None,
        }));
        outputs.push(format!("{:#?}", DuoConfig {
            mfa_method: Some("duo-web".into()),
            access_key: Some(Secret::new(f.clone())),
            config_properties: Some(ConfigProperties {
                skey: Some(Secret::new(g.clone())),
                ikey: Some("ikey".into()),
                other: serde_json::Map::new(),
            }),
            ..DuoConfig::default()
        }));
        outputs.push(format!("{:?}", Secret::new(a.clone())));
        // Deserialized payloads too (the way callers get them).
        let json = serde_json::json!({
            "mfaMethod": "duo-web", "enabled": true, "host": "h", "accessKey": f,
            "configProperties": {"skey": g, "ikey": "i"}
        });
        let duo: DuoConfig = serde_json::from_value(json).unwrap();
        outputs.push(format!("{duo:?}"));
        for out in &outputs {
            assert_masked(out, &all)?;
        }
        // The plaintext is still there for whoever asks for it.
        prop_assert_eq!(duo.access_key.as_ref().map(Secret::expose), Some(f.as_str()));
    }
}
