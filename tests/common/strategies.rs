//! Proptest strategies for every payload kind: valid payloads ([`valid`]),
//! mutations that break exactly one constraint ([`mutated`]), and random
//! damage for differential testing ([`havoc`]). [`sample`] draws payloads
//! from a fixed seed, for benchmarks:
//!
//! ```ignore
//! #[path = "../tests/common/strategies.rs"]
//! mod strategies;
//! let bodies = strategies::sample(mfalint::Kind::ScmMfaServer, 1000, 42);
//! ```
//!
//! Payloads are `serde_json::Value`s, so they have no duplicate keys, and no
//! number is written with a fraction or exponent unless a mutation means it
//! (both are outside what JSON Schema can see; see the schemas' descriptions).
#![allow(dead_code)]

use super::vendors::{self as spec_tables, Field, FieldType, Vendor};
use mfalint::spec;
use mfalint::Kind;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::strategy::ValueTree;
use proptest::string::string_regex;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{json, Map, Value};

/// Which Palo Alto API a body is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Scm,
    Sase,
}

impl Flavor {
    pub fn vendors(self) -> &'static [Vendor] {
        match self {
            Flavor::Scm => spec_tables::scm(),
            Flavor::Sase => spec_tables::sase(),
        }
    }
}

fn regex(re: &str) -> BoxedStrategy<String> {
    string_regex(re)
        .unwrap_or_else(|e| panic!("bad strategy regex {re}: {e}"))
        .boxed()
}

/// A masked secret or SCM ciphertext echo, as `spec::MASKED_PATTERN` reads it.
pub fn looks_masked(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    (chars.len() == 8 && chars[1..7].iter().all(|c| *c == '*'))
        || (chars.len() >= 3 && chars.iter().all(|c| *c == '*'))
        || s.starts_with("-AQ==")
}

/// Any text of `min..=min+max_extra` code points (Unicode, no control chars).
pub fn text(min: usize, max_extra: usize) -> BoxedStrategy<String> {
    regex(&format!("\\PC{{{min},{}}}", min + max_extra))
}

/// A valid hostname of at least `min` characters (RFC 1123 labels).
pub fn hostname(min: usize) -> BoxedStrategy<String> {
    let first = min.saturating_sub(2).min(40);
    regex(&format!(
        "[a-zA-Z0-9][a-zA-Z0-9-]{{{first},40}}[a-zA-Z0-9](\\.[a-zA-Z0-9]([a-zA-Z0-9-]{{0,20}}[a-zA-Z0-9])?){{0,3}}"
    ))
}

/// A plaintext secret of at least `min` characters: never a mask or a
/// ciphertext echo.
pub fn secret(min: usize) -> BoxedStrategy<String> {
    regex(&format!("[A-Za-z0-9+/=_.-]{{{},48}}", min.max(1)))
        .prop_filter("not a ciphertext echo", |s| !looks_masked(s))
        .boxed()
}

/// Random alphanumeric secrets, 8..64 characters.
pub fn alnum_secret() -> BoxedStrategy<String> {
    regex("[A-Za-z0-9]{8,64}")
}

/// A valid SCM scope name: 1..64 of `[A-Za-z0-9_. -]`.
pub fn scope_value() -> BoxedStrategy<String> {
    regex("[A-Za-z0-9_. -]{1,64}")
}

/// A valid SCM timeout: an integer 5..600, or (a warning) the same as a string.
pub fn scm_timeout() -> BoxedStrategy<Value> {
    prop_oneof![
        4 => (spec::TIMEOUT_MIN..=spec::TIMEOUT_MAX).prop_map(|n| json!(n)),
        1 => (spec::TIMEOUT_MIN..=spec::TIMEOUT_MAX).prop_map(|n| json!(n.to_string())),
    ]
    .boxed()
}

/// A legacy SASE vendor string: anything, since the SCM constraints are
/// warnings there, except a masked secret, which is an error.
fn sase_string(secret_field: bool) -> BoxedStrategy<Value> {
    let any = prop_oneof![
        text(0, 30),
        hostname(1),
        (0i64..1000).prop_map(|n| n.to_string()),
        select(vec![
            "",
            "30",
            "030",
            "30s",
            "https://x.example.com",
            "a..b"
        ])
        .prop_map(String::from),
    ];
    if secret_field {
        any.prop_filter("not masked", |s| !looks_masked(s))
            .prop_map(Value::from)
            .boxed()
    } else {
        any.prop_map(Value::from).boxed()
    }
}

fn field_value(field: &'static Field, flavor: Flavor) -> BoxedStrategy<Value> {
    let min = field.min_length as usize;
    match (flavor, field.ty) {
        (Flavor::Sase, _) => sase_string(field.secret),
        (Flavor::Scm, FieldType::Timeout) => scm_timeout(),
        (Flavor::Scm, FieldType::String) if field.hostname => {
            hostname(min).prop_map(Value::from).boxed()
        }
        (Flavor::Scm, FieldType::String) if field.secret => {
            secret(min).prop_map(Value::from).boxed()
        }
        (Flavor::Scm, FieldType::String) => text(min, 20).prop_map(Value::from).boxed(),
    }
}

/// Builds an object from optional members, in a shuffled order.
fn object(members: Vec<BoxedStrategy<Option<(String, Value)>>>) -> BoxedStrategy<Value> {
    members
        .prop_map(|m| m.into_iter().flatten().collect::<Vec<_>>())
        .prop_shuffle()
        .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>()))
        .boxed()
}

fn member(
    key: &'static str,
    value: BoxedStrategy<Value>,
) -> BoxedStrategy<Option<(String, Value)>> {
    value.prop_map(move |v| Some((key.to_string(), v))).boxed()
}

fn optional(
    key: &'static str,
    value: BoxedStrategy<Value>,
) -> BoxedStrategy<Option<(String, Value)>> {
    prop::option::of(value.prop_map(move |v| (key.to_string(), v))).boxed()
}

/// An unknown key (a warning only), sometimes a near miss of a real one.
fn unknown_member() -> BoxedStrategy<Option<(String, Value)>> {
    prop::option::weighted(
        0.2,
        (
            select(vec![
                "x_note",
                "okta_api_hostname",
                "Name",
                "comment",
                "duo_secret",
            ]),
            text(0, 10),
        )
            .prop_map(|(k, v)| (k.to_string(), Value::from(v))),
    )
    .boxed()
}

/// A valid vendor object (SCM: every constraint met; legacy SASE: strings).
pub fn vendor_object(vendor: &'static Vendor, flavor: Flavor) -> BoxedStrategy<Value> {
    let mut members: Vec<_> = vendor
        .fields
        .iter()
        .map(|f| {
            let v = field_value(f, flavor);
            if f.required && flavor == Flavor::Scm {
                member(f.name, v)
            } else {
                optional(f.name, v)
            }
        })
        .collect();
    members.push(unknown_member());
    object(members)
}

fn mfa_vendor_type(flavor: Flavor) -> BoxedStrategy<Value> {
    let vendors: Vec<BoxedStrategy<Value>> = flavor
        .vendors()
        .iter()
        .map(|v| {
            let key = v.key;
            (vendor_object(v, flavor), prop::bool::weighted(0.1))
                .prop_map(move |(obj, extra)| {
                    let mut m = Map::new();
                    m.insert(key.to_string(), obj);
                    if extra {
                        m.insert("other_vendor_v9".into(), json!({}));
                    }
                    Value::Object(m)
                })
                .boxed()
        })
        .collect();
    proptest::strategy::Union::new(vendors).boxed()
}

fn schema_member(kind: Kind) -> BoxedStrategy<Option<(String, Value)>> {
    optional(
        "$schema",
        Just(Value::from(mfalint::schema_id(kind))).boxed(),
    )
}

/// A valid SCM body: every error-level rule passes (warnings may not).
pub fn scm_body() -> BoxedStrategy<Value> {
    let scope = (select(spec_tables::SCOPE_KEYS.to_vec()), scope_value())
        .prop_map(|(k, v)| Some((k.to_string(), Value::from(v))))
        .boxed();
    object(vec![
        member("name", text(1, 20).prop_map(Value::from).boxed()),
        member(
            "mfa_cert_profile",
            text(1, 20).prop_map(Value::from).boxed(),
        ),
        scope,
        prop::option::weighted(
            0.9,
            mfa_vendor_type(Flavor::Scm).prop_map(|v| ("mfa_vendor_type".to_string(), v)),
        )
        .boxed(),
        optional(
            "id",
            Just(json!("123e4567-e89b-12d3-a456-426655440000")).boxed(),
        ),
        schema_member(Kind::ScmMfaServer),
        unknown_member(),
    ])
}

/// A valid legacy SASE body (bare).
pub fn sase_body() -> BoxedStrategy<Value> {
    object(vec![
        member("name", text(0, 20).prop_map(Value::from).boxed()),
        member(
            "mfa_cert_profile",
            text(0, 20).prop_map(Value::from).boxed(),
        ),
        prop::option::weighted(
            0.9,
            mfa_vendor_type(Flavor::Sase).prop_map(|v| ("mfa_vendor_type".to_string(), v)),
        )
        .boxed(),
        optional("id", Just(json!("abcd-1234")).boxed()),
        optional("folder", Just(json!("Shared")).boxed()),
        unknown_member(),
    ])
}

/// A valid legacy SASE request: the bare body or the `{query, body}` envelope.
pub fn sase() -> BoxedStrategy<Value> {
    let envelope = (
        select(spec_tables::SASE_FOLDERS.to_vec()),
        select(spec_tables::POSITIONS.to_vec()),
        sase_body(),
        prop::option::of(Just(mfalint::schema_id(Kind::SaseMfaServer))),
        prop::bool::weighted(0.1),
    )
        .prop_map(|(folder, position, body, schema, extra)| {
            let mut m = Map::new();
            if let Some(s) = schema {
                m.insert("$schema".into(), json!(s));
            }
            m.insert(
                "query".into(),
                json!({"folder": folder, "position": position}),
            );
            m.insert("body".into(), body);
            if extra {
                m.insert("note".into(), json!("unknown, a warning"));
            }
            Value::Object(m)
        });
    prop_oneof![sase_body(), envelope].boxed()
}

fn nullable(s: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    prop_oneof![1 => Just(Value::Null), 4 => s].boxed()
}

/// A valid SailPoint okta-verify (`duo == false`) or duo-web config.
pub fn sailpoint_config(duo: bool) -> BoxedStrategy<Value> {
    let method = if duo { "duo-web" } else { "okta-verify" };
    let kind = if duo {
        Kind::SailpointDuoConfig
    } else {
        Kind::SailpointOktaConfig
    };
    let secret_or_empty = prop_oneof![4 => secret(1), 1 => Just(String::new())]
        .prop_map(Value::from)
        .boxed();
    let mut members = vec![
        optional("mfaMethod", nullable(Just(json!(method)).boxed())),
        optional("enabled", any::<bool>().prop_map(Value::from).boxed()),
        optional(
            "host",
            nullable(
                prop_oneof![hostname(1), text(0, 20)]
                    .prop_map(Value::from)
                    .boxed(),
            ),
        ),
        optional("accessKey", nullable(secret_or_empty)),
        optional(
            "identityAttribute",
            nullable(text(0, 12).prop_map(Value::from).boxed()),
        ),
        schema_member(kind),
        unknown_member(),
    ];
    if duo {
        let skey = prop_oneof![
            4 => secret(1).prop_map(Value::from),
            1 => Just(json!(null)),
            1 => Just(json!(42)),
            1 => Just(json!("")),
        ]
        .boxed();
        let props = object(vec![
            optional("skey", skey),
            optional("ikey", regex("[A-Z0-9]{20}").prop_map(Value::from).boxed()),
            optional("api_hostname", hostname(1).prop_map(Value::from).boxed()),
        ]);
        members.push(optional("configProperties", nullable(props)));
    }
    object(members)
}

/// A valid SailPoint test result.
pub fn test_result() -> BoxedStrategy<Value> {
    object(vec![
        optional(
            "state",
            select(spec_tables::TEST_STATES.to_vec())
                .prop_map(Value::from)
                .boxed(),
        ),
        optional("error", nullable(text(0, 30).prop_map(Value::from).boxed())),
        schema_member(Kind::SailpointTestResult),
        unknown_member(),
    ])
}

/// A valid payload of `kind`: the Rust validator reports no error.
pub fn valid(kind: Kind) -> BoxedStrategy<Value> {
    match kind {
        Kind::ScmMfaServer => scm_body(),
        Kind::SaseMfaServer => sase(),
        Kind::SailpointOktaConfig => sailpoint_config(false),
        Kind::SailpointDuoConfig => sailpoint_config(true),
        Kind::SailpointTestResult => test_result(),
    }
}

/// `n` valid payloads of `kind`, the same for the same seed (benchmarks).
pub fn sample(kind: Kind, n: usize, seed: u64) -> Vec<Value> {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let strategy = valid(kind);
    (0..n)
        .map(|_| strategy.new_tree(&mut runner).expect("strategy").current())
        .collect()
}

// ---------------------------------------------------------------------------
// Mutations: each breaks exactly one constraint.

/// A mutated payload and the one finding it must produce.
#[derive(Debug, Clone)]
pub struct Mutated {
    pub value: Value,
    /// The rule code the mutation must trigger.
    pub code: &'static str,
    /// Error (the payload is now invalid) or a warning only (still valid).
    pub error: bool,
    pub what: String,
}

/// Random ingredients a mutation draws from.
#[derive(Debug, Clone)]
pub struct Ingredients {
    pub pick: Index,
    pub pick2: Index,
    pub n: u32,
    pub text: String,
    pub long_scope: String,
}

fn ingredients() -> BoxedStrategy<Ingredients> {
    (
        any::<Index>(),
        any::<Index>(),
        any::<u32>(),
        text(0, 8),
        regex("[A-Za-z0-9_. -]{65,100}"),
    )
        .prop_map(|(pick, pick2, n, text, long_scope)| Ingredients {
            pick,
            pick2,
            n,
            text,
            long_scope,
        })
        .boxed()
}

/// JSON types a field can wrongly hold.
#[derive(Clone, Copy, PartialEq)]
enum Want {
    String,
    NullableString,
    Boolean,
    Object,
    NullableObject,
    /// SCM timeouts: numbers and strings have their own rules.
    Timeout,
}

fn wrong_value(want: Want, ing: &Ingredients) -> Value {
    let n = i64::from(ing.n % 1000);
    let candidates = [
        Value::Null,
        json!(ing.n.is_multiple_of(2)),
        json!(n),
        json!(ing.text),
        json!([ing.text]),
        json!({"k": n}),
    ];
    let ok: Vec<&Value> = candidates
        .iter()
        .filter(|v| match want {
            Want::String => !v.is_string(),
            Want::NullableString => !v.is_string() && !v.is_null(),
            Want::Boolean => !v.is_boolean(),
            Want::Object => !v.is_object(),
            Want::NullableObject => !v.is_object() && !v.is_null(),
            Want::Timeout => !v.is_string() && !v.is_number(),
        })
        .collect();
    (*ing.pick2.get(&ok)).clone()
}

const BAD_SCOPE_CHARS: &[char] = &[
    '\u{663}', // ARABIC-INDIC DIGIT THREE: `\d` in some engines
    '\u{6f5}',
    '\u{7c0}',
    '\u{ff11}',
    '\u{e9}',
    '/',
    '\t',
    '*',
    ':',
    '\u{a0}',
    '\u{1d7d8}',
    '@',
];

/// A valid string of exactly `len` code points for `field` (all ASCII
/// letters and digits: a valid hostname, never a masked secret).
fn short_value(len: usize, ing: &Ingredients) -> String {
    let alphabet = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    (0..len)
        .map(|i| alphabet[(ing.n as usize + i * 7) % alphabet.len()] as char)
        .collect()
}

fn bad_hostname(valid: &str, ing: &Ingredients) -> String {
    let label63 = "a".repeat(63);
    match ing.n % 11 {
        0 => format!("https://{valid}"),
        1 => format!("{valid}:443"),
        2 => format!("{valid}/api"),
        3 => format!("-{valid}"),
        4 => format!("{valid}-"),
        5 => format!("{valid}."),
        6 => format!("under_score.{valid}"),
        7 => format!("{}.{valid}", "b".repeat(64)),
        8 => format!("{label63}.{label63}.{label63}.{label63}.{valid}"),
        9 => format!("{valid}..com"),
        _ => format!("m\u{fc}nchen.{valid}"),
    }
}

fn masked_value(min: u64, ing: &Ingredients) -> String {
    let tail = short_value(16, ing);
    if min <= 8 {
        match ing.n % 4 {
            0 => format!("{}******{}", &tail[..1], &tail[1..2]),
            1 => "********".into(),
            2 => "*".repeat(8 + (ing.n as usize % 20)),
            _ => format!("-AQ=={tail}="),
        }
    } else {
        match ing.n % 2 {
            0 => "*".repeat(min as usize + (ing.n as usize % 20)),
            _ => format!("-AQ=={tail}="),
        }
    }
}

/// A valid object for `vendor`, built from the table (for "two vendors").
pub fn fixed_vendor(vendor: &'static Vendor, flavor: Flavor) -> Value {
    let mut m = Map::new();
    for f in vendor.fields.iter().filter(|f| f.required) {
        let v = match (f.ty, flavor) {
            (FieldType::Timeout, Flavor::Scm) => json!(30),
            (FieldType::Timeout, Flavor::Sase) => json!("30"),
            _ if f.hostname => json!("mfa-server-0001.example.com"),
            _ if f.secret => json!("S3cretValue0123456789"),
            _ => json!("abcdefghijklmnopqrstuvwxyz"[..(f.min_length as usize).max(2)]),
        };
        m.insert(f.name.to_string(), v);
    }
    Value::Object(m)
}

fn present_vendor(body: &Value, flavor: Flavor) -> Option<&'static Vendor> {
    let vt = body.get("mfa_vendor_type")?;
    flavor.vendors().iter().find(|v| vt.get(v.key).is_some())
}

fn err(value: Value, code: &'static str, what: impl Into<String>) -> Mutated {
    Mutated {
        value,
        code,
        error: true,
        what: what.into(),
    }
}

fn warn(value: Value, code: &'static str, what: impl Into<String>) -> Mutated {
    Mutated {
        value,
        code,
        error: false,
        what: what.into(),
    }
}

type Mutation = Box<dyn Fn(Value, &Ingredients) -> Mutated>;

fn mk(f: impl Fn(Value, &Ingredients) -> Mutated + 'static) -> Mutation {
    Box::new(f)
}

fn set(mut v: Value, key: &str, value: Value) -> Value {
    v.as_object_mut().expect("object").insert(key.into(), value);
    v
}

fn remove(mut v: Value, key: &str) -> Value {
    v.as_object_mut().expect("object").remove(key);
    v
}

fn with_vendor_field(mut v: Value, vendor: &str, key: &str, value: Option<Value>) -> Value {
    let obj = v["mfa_vendor_type"][vendor]
        .as_object_mut()
        .expect("vendor object");
    match value {
        Some(x) => {
            obj.insert(key.into(), x);
        }
        None => {
            obj.remove(key);
        }
    }
    v
}

/// Mutations of a Palo Alto body (SCM rules, or legacy SASE where the
/// borrowed SCM constraints are warnings).
fn pan_mutations(body: &Value, flavor: Flavor) -> Vec<Mutation> {
    let scm = flavor == Flavor::Scm;
    let mut out: Vec<Mutation> = Vec::new();
    for key in ["name", "mfa_cert_profile"] {
        out.push(mk(move |v, _| {
            err(remove(v, key), "MFA010", format!("drop {key}"))
        }));
        out.push(mk(move |v, i| {
            err(
                set(v, key, wrong_value(Want::String, i)),
                "MFA002",
                format!("{key} wrong type"),
            )
        }));
        out.push(mk(move |v, _| {
            let m = set(v, key, json!(""));
            if scm {
                err(m, "MFA040", format!("{key} empty"))
            } else {
                warn(m, "MFA040", format!("{key} empty"))
            }
        }));
    }
    out.push(mk(|_, i| {
        err(wrong_value(Want::Object, i), "MFA002", "root not an object")
    }));
    out.push(mk(|v, _| {
        warn(
            set(v, "okta_api_hostname", json!("x")),
            "MFA003",
            "unknown key",
        )
    }));
    out.push(mk(|v, _| {
        warn(set(v, "id", json!("x")), "MFA004", "id in body")
    }));
    out.push(mk(|v, _| {
        warn(remove(v, "mfa_vendor_type"), "MFA031", "no vendor")
    }));
    out.push(mk(|v, i| {
        err(
            set(v, "mfa_vendor_type", wrong_value(Want::Object, i)),
            "MFA002",
            "vendor type wrong type",
        )
    }));
    out.push(mk(|v, i| {
        let empty = if i.n % 2 == 0 {
            json!({})
        } else {
            json!({"okta": {}})
        };
        err(set(v, "mfa_vendor_type", empty), "MFA030", "no vendor key")
    }));
    if scm {
        let scope_key = spec_tables::SCOPE_KEYS
            .iter()
            .copied()
            .find(|k| body.get(k).is_some());
        if let Some(sk) = scope_key {
            out.push(mk(move |v, _| err(remove(v, sk), "MFA020", "drop scope")));
            out.push(mk(move |v, i| {
                let others: Vec<&str> = spec_tables::SCOPE_KEYS
                    .iter()
                    .copied()
                    .filter(|k| *k != sk)
                    .collect();
                let other = *i.pick2.get(&others);
                err(
                    set(v, other, json!("Shared")),
                    "MFA020",
                    format!("second scope {other}"),
                )
            }));
            out.push(mk(move |v, _| {
                err(set(v, sk, json!("")), "MFA021", "empty scope")
            }));
            out.push(mk(move |v, i| {
                err(set(v, sk, json!(i.long_scope)), "MFA021", "long scope")
            }));
            out.push(mk(move |v, i| {
                let old: Vec<char> = v[sk].as_str().expect("scope").chars().collect();
                let mut new = old.clone();
                let at = i.pick.index(new.len());
                new[at] = *i.pick2.get(BAD_SCOPE_CHARS);
                let s: String = new.into_iter().collect();
                err(set(v, sk, json!(s)), "MFA022", "bad scope char")
            }));
            out.push(mk(move |v, i| {
                err(
                    set(v, sk, wrong_value(Want::String, i)),
                    "MFA002",
                    "scope wrong type",
                )
            }));
        }
    }
    let Some(vendor) = present_vendor(body, flavor) else {
        return out;
    };
    let vk = vendor.key;
    out.push(mk(move |mut v, i| {
        let others: Vec<&'static Vendor> =
            flavor.vendors().iter().filter(|o| o.key != vk).collect();
        let other = *i.pick2.get(&others);
        v["mfa_vendor_type"][other.key] = fixed_vendor(other, flavor);
        err(v, "MFA030", format!("second vendor {}", other.key))
    }));
    out.push(mk(move |mut v, i| {
        v["mfa_vendor_type"][vk] = wrong_value(Want::Object, i);
        err(v, "MFA002", "vendor not an object")
    }));
    for f in vendor.fields.iter().copied() {
        let name = f.name;
        let borrowed = move |v: Value, code: &'static str, what: String| {
            if scm {
                err(v, code, what)
            } else {
                warn(v, code, what)
            }
        };
        if f.required {
            out.push(mk(move |v, _| {
                let m = with_vendor_field(v, vk, name, None);
                if scm {
                    err(m, "MFA010", format!("drop {name}"))
                } else {
                    warn(m, "MFA010", format!("drop {name}"))
                }
            }));
        }
        let want = if scm && f.ty == FieldType::Timeout {
            Want::Timeout
        } else {
            Want::String
        };
        out.push(mk(move |v, i| {
            err(
                with_vendor_field(v, vk, name, Some(wrong_value(want, i))),
                "MFA002",
                format!("{name} wrong type"),
            )
        }));
        if f.min_length > 0 {
            let min = f.min_length as usize;
            out.push(mk(move |v, i| {
                let short = short_value(min - 1, i);
                borrowed(
                    with_vendor_field(v, vk, name, Some(json!(short))),
                    "MFA040",
                    format!("{name} short"),
                )
            }));
        }
        if f.hostname {
            out.push(mk(move |v, i| {
                let bad = bad_hostname("mfa-server-0001.example.com", i);
                borrowed(
                    with_vendor_field(v, vk, name, Some(json!(bad))),
                    "MFA041",
                    format!("{name} bad host"),
                )
            }));
        }
        if f.secret {
            let min = if scm { f.min_length } else { 0 };
            out.push(mk(move |v, i| {
                let masked = masked_value(min, i);
                err(
                    with_vendor_field(v, vk, name, Some(json!(masked))),
                    "MFA080",
                    format!("{name} masked"),
                )
            }));
        }
        if f.ty == FieldType::Timeout {
            out.push(mk(move |v, i| {
                let n = if i.n % 2 == 0 {
                    -i64::from(i.n % 1000) + 4
                } else {
                    601 + i64::from(i.n % 100_000)
                };
                let value = if scm && i.pick.index(3) != 0 {
                    json!(n)
                } else {
                    json!(n.to_string())
                };
                borrowed(
                    with_vendor_field(v, vk, name, Some(value)),
                    "MFA050",
                    format!("{name} out of range"),
                )
            }));
            out.push(mk(move |v, i| {
                let bad = [
                    "30s",
                    "030",
                    "",
                    " 30",
                    "30 ",
                    "3.0",
                    "+30",
                    "1e2",
                    "thirty",
                    "\u{663}\u{660}",
                    "0x1e",
                ];
                let s = *i.pick2.get(&bad);
                borrowed(
                    with_vendor_field(v, vk, name, Some(json!(s))),
                    "MFA052",
                    format!("{name} = {s:?}"),
                )
            }));
            if scm {
                out.push(mk(move |v, i| {
                    let x = f64::from(5 + i.n % 595) + 0.5;
                    err(
                        with_vendor_field(v, vk, name, Some(json!(x))),
                        "MFA052",
                        format!("{name} fraction"),
                    )
                }));
                out.push(mk(move |v, i| {
                    let n = 5 + i.n % 596;
                    warn(
                        with_vendor_field(v, vk, name, Some(json!(n.to_string()))),
                        "MFA051",
                        format!("{name} numeric string"),
                    )
                }));
            }
        }
    }
    out
}

fn sase_mutations(v: &Value) -> Vec<Mutation> {
    let Some(body) = v.get("body").filter(|_| v.get("query").is_some()) else {
        return pan_mutations(v, Flavor::Sase);
    };
    // Envelope: the body's mutations, applied inside it, plus the query's.
    let mut out: Vec<Mutation> = pan_mutations(body, Flavor::Sase)
        .into_iter()
        .map(|m| {
            mk(move |mut v: Value, i: &Ingredients| {
                let body = v["body"].take();
                let mut r = m(body, i);
                v["body"] = r.value;
                r.value = v;
                r
            })
        })
        .collect();
    for key in ["folder", "position"] {
        out.push(mk(move |mut v, _| {
            v["query"].as_object_mut().expect("query").remove(key);
            err(v, "MFA010", format!("drop query {key}"))
        }));
        out.push(mk(move |mut v, i| {
            let bad = ["shared", "Mobile users", "", "pre ", "PRE", "Shared\u{a0}"];
            let s = if i.n % 2 == 0 {
                i.text.clone()
            } else {
                i.pick2.get(&bad).to_string()
            };
            if spec_tables::SASE_FOLDERS.contains(&s.as_str())
                || spec_tables::POSITIONS.contains(&s.as_str())
            {
                v["query"][key] = json!(format!("{s}!"));
            } else {
                v["query"][key] = json!(s);
            }
            err(v, "MFA070", format!("query {key} not in enum"))
        }));
        out.push(mk(move |mut v, i| {
            v["query"][key] = wrong_value(Want::String, i);
            err(v, "MFA002", format!("query {key} wrong type"))
        }));
    }
    out.push(mk(|mut v, i| {
        v["query"] = wrong_value(Want::Object, i);
        err(v, "MFA002", "query not an object")
    }));
    out
}

fn sailpoint_mutations(duo: bool) -> Vec<Mutation> {
    let method = if duo { "duo-web" } else { "okta-verify" };
    let other = if duo { "okta-verify" } else { "duo-web" };
    let mut out: Vec<Mutation> = vec![
        mk(|_, i| err(wrong_value(Want::Object, i), "MFA002", "root not an object")),
        mk(move |v, i| {
            let s = if i.n % 2 == 0 || i.text == method {
                other.to_string()
            } else {
                i.text.clone()
            };
            err(set(v, "mfaMethod", json!(s)), "MFA060", "method mismatch")
        }),
        mk(|v, i| {
            err(
                set(v, "enabled", wrong_value(Want::Boolean, i)),
                "MFA002",
                "enabled wrong type",
            )
        }),
        mk(|v, _| {
            let m = set(
                set(set(v, "enabled", json!(true)), "host", json!(null)),
                "accessKey",
                json!("S3cretValue0123456789"),
            );
            warn(m, "MFA061", "enabled without host")
        }),
        mk(|v, i| {
            err(
                set(v, "accessKey", json!(masked_value(8, i))),
                "MFA080",
                "accessKey masked",
            )
        }),
        mk(|v, _| warn(set(v, "hostname", json!("x")), "MFA003", "unknown key")),
    ];
    for key in ["mfaMethod", "host", "accessKey", "identityAttribute"] {
        out.push(mk(move |v, i| {
            err(
                set(v, key, wrong_value(Want::NullableString, i)),
                "MFA002",
                format!("{key} wrong type"),
            )
        }));
    }
    if duo {
        out.push(mk(|v, i| {
            err(
                set(v, "configProperties", wrong_value(Want::NullableObject, i)),
                "MFA002",
                "configProperties wrong type",
            )
        }));
        out.push(mk(|mut v, i| {
            let masked = json!(masked_value(8, i));
            match v.get_mut("configProperties").and_then(Value::as_object_mut) {
                Some(props) => {
                    props.insert("skey".into(), masked);
                }
                None => v = set(v, "configProperties", json!({ "skey": masked })),
            }
            err(v, "MFA080", "skey masked")
        }));
    }
    out
}

fn test_result_mutations() -> Vec<Mutation> {
    vec![
        mk(|_, i| err(wrong_value(Want::Object, i), "MFA002", "root not an object")),
        mk(|v, i| {
            let s = if spec_tables::TEST_STATES.contains(&i.text.as_str()) {
                "success".to_string()
            } else {
                i.text.clone()
            };
            err(set(v, "state", json!(s)), "MFA070", "state not in enum")
        }),
        mk(|v, i| {
            err(
                set(v, "state", wrong_value(Want::String, i)),
                "MFA002",
                "state wrong type",
            )
        }),
        mk(|v, i| {
            err(
                set(v, "error", wrong_value(Want::NullableString, i)),
                "MFA002",
                "error wrong type",
            )
        }),
        mk(|v, _| warn(set(v, "message", json!("x")), "MFA003", "unknown key")),
    ]
}

fn mutations_of(kind: Kind, v: &Value) -> Vec<Mutation> {
    match kind {
        Kind::ScmMfaServer => pan_mutations(v, Flavor::Scm),
        Kind::SaseMfaServer => sase_mutations(v),
        Kind::SailpointOktaConfig => sailpoint_mutations(false),
        Kind::SailpointDuoConfig => sailpoint_mutations(true),
        Kind::SailpointTestResult => test_result_mutations(),
    }
}

/// A valid payload of `kind` with one constraint broken.
pub fn mutated(kind: Kind) -> BoxedStrategy<Mutated> {
    (valid(kind), any::<Index>(), ingredients())
        .prop_map(move |(v, pick, ing)| {
            let all = mutations_of(kind, &v);
            let m = pick.get(&all);
            m(v, &ing)
        })
        .boxed()
}

// ---------------------------------------------------------------------------
// Havoc: random damage anywhere, for the differential test only.

/// Interesting JSON values: boundary strings, masks, numbers near limits.
pub fn junk() -> BoxedStrategy<Value> {
    let strings = select(vec![
        "",
        " ",
        "a",
        "30",
        "5",
        "4",
        "600",
        "601",
        "030",
        "-5",
        "3.0",
        "********",
        "a******b",
        "ab******c",
        "***",
        "**",
        "-AQ==abc",
        "Shared",
        "pre",
        "post",
        "SUCCESS",
        "FAILED",
        "okta-verify",
        "duo-web",
        "acme.okta.com",
        "-acme.com",
        "acme..com",
        "https://acme.okta.com",
        "\u{663}",
        "My Folder",
        "a_b",
        "idpxny3lm.pingidentity.com",
        "\u{1F600}",
    ])
    .prop_map(Value::from);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-1000i64..100_000).prop_map(Value::from),
        (-1000i32..1000).prop_map(|n| json!(f64::from(n) + 0.25)),
        strings,
        text(0, 70).prop_map(Value::from),
        hostname(1).prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::from),
            prop::collection::vec(
                (select(vec!["skey", "okta_api_host", "folder", "x"]), inner),
                0..3
            )
            .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
    .boxed()
}

fn paths(v: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    if let Value::Object(m) = v {
        for (k, child) in m {
            at.push(k.clone());
            out.push(at.clone());
            paths(child, at, out);
            at.pop();
        }
    }
}

/// A valid payload with a random member replaced by junk, removed, or a
/// junk member added next to it (or the root replaced).
pub fn havoc(kind: Kind) -> BoxedStrategy<Value> {
    (
        valid(kind),
        any::<Index>(),
        0u8..4,
        junk(),
        select(vec![
            "folder",
            "snippet",
            "x",
            "okta_timeout",
            "skey",
            "ping_org",
            "query",
            "body",
            "mfa_vendor_type",
            "rsa_securid_access_v1",
            "$schema",
            "name",
        ]),
    )
        .prop_map(|(mut v, pick, op, junk, new_key)| {
            let mut all = Vec::new();
            paths(&v, &mut Vec::new(), &mut all);
            if all.is_empty() || op == 3 && pick.index(8) == 0 {
                return junk;
            }
            let path = pick.get(&all).clone();
            let (last, parents) = path.split_last().expect("non-empty path");
            let mut parent = &mut v;
            for p in parents {
                parent = &mut parent[p.as_str()];
            }
            let obj = parent.as_object_mut().expect("parent object");
            match op {
                0 | 1 => {
                    obj.insert(last.clone(), junk);
                }
                2 => {
                    obj.remove(last);
                }
                _ => {
                    obj.insert(new_key.to_string(), junk);
                }
            }
            v
        })
        .boxed()
}
