//! The benchmark corpus: payloads of every kind, valid and invalid, drawn
//! from a fixed seed by a small self-contained PRNG (no proptest at bench
//! time), so every run and every harness (criterion, `bench/wasm.mjs`, the
//! CLI benchmark) sees the same bytes.
//!
//! Valid payloads follow the field tables in `mfalint::spec`; every other
//! payload gets one mutation that breaks a documented constraint (some of
//! them, e.g. unknown keys or legacy SASE borrowed constraints, only give
//! warnings, so the payload stays valid). Whether a payload is valid is
//! mfalint's verdict (`Payload::valid`); the harnesses print how often the
//! JSON Schemas agree.

#[path = "../../tests/common/vendors.rs"]
mod vendors;

use mfalint::{Kind, Options};
use serde_json::{json, Map, Value};
use vendors::{self as spec, FieldType, Vendor};

/// The corpus seed: every figure in BENCHMARKS.md uses it.
pub const SEED: u64 = 0x6d66_616c_696e_7421;

/// SplitMix64: tiny, fast and good enough to draw test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0; the modulo bias is irrelevant here).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `len` characters drawn from `alphabet` (ASCII).
    pub fn chars(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len).map(|_| char::from(*self.pick(alphabet))).collect()
    }
}

const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const LOWER_DIGITS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
const SECRET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_.-";
const SCOPE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_. -";
const WORDS: &[&str] = &[
    "okta", "duo", "ping", "rsa", "prod", "staging", "emea", "apac", "corp", "mfa", "gateway",
    "vpn", "zürich", "東京",
];
const DOMAINS: &[&str] = &[
    "okta.com",
    "oktapreview.com",
    "duosecurity.com",
    "pingidentity.com",
    "securid.example.net",
    "example.org",
];

/// One corpus entry.
pub struct Payload {
    pub kind: Kind,
    /// The JSON text (compact or pretty-printed, as files come).
    pub text: String,
    /// `"none"` for a payload generated valid, else the mutation applied.
    pub mutation: &'static str,
    /// mfalint's verdict with default options: no error finding.
    pub valid: bool,
}

/// `per_kind` payloads of each kind (about 45% mutated), in kind order.
pub fn corpus(per_kind: usize, seed: u64) -> Vec<Payload> {
    let mut rng = Rng::new(seed);
    let opts = Options::default();
    let mut out = Vec::with_capacity(per_kind * Kind::ALL.len());
    for kind in Kind::ALL {
        for _ in 0..per_kind {
            let mut value = generate(&mut rng, kind);
            let mutation = if rng.chance(45) {
                mutate(&mut rng, kind, &mut value)
            } else {
                "none"
            };
            let text = if rng.chance(50) {
                serde_json::to_string_pretty(&value)
            } else {
                serde_json::to_string(&value)
            }
            .expect("a Value serializes");
            let valid = mfalint::validate_str(&text, Some(kind), &opts)
                .expect("generated payloads parse")
                .is_valid();
            out.push(Payload {
                kind,
                text,
                mutation,
                valid,
            });
        }
    }
    out
}

/// A valid payload of `kind`.
pub fn generate(rng: &mut Rng, kind: Kind) -> Value {
    match kind {
        Kind::ScmMfaServer => pan_body(rng, Flavor::Scm),
        Kind::SaseMfaServer => {
            let body = pan_body(rng, Flavor::Sase);
            if rng.chance(50) {
                json!({
                    "query": {
                        "folder": rng.pick(spec::SASE_FOLDERS),
                        "position": rng.pick(spec::POSITIONS),
                    },
                    "body": body,
                })
            } else {
                body
            }
        }
        Kind::SailpointOktaConfig => sailpoint_config(rng, false),
        Kind::SailpointDuoConfig => sailpoint_config(rng, true),
        Kind::SailpointTestResult => {
            let failed = rng.chance(40);
            let mut m = Map::new();
            m.insert(
                "state".into(),
                (if failed { "FAILED" } else { "SUCCESS" }).into(),
            );
            m.insert(
                "error".into(),
                if failed {
                    format!(
                        "Unable to reach the {} host: connection timed out after {} s",
                        rng.pick(WORDS),
                        rng.range(5, 600)
                    )
                    .into()
                } else {
                    Value::Null
                },
            );
            Value::Object(m)
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavor {
    Scm,
    Sase,
}

/// Free text of at least `min` code points, sometimes non-ASCII.
fn text(rng: &mut Rng, min: usize) -> String {
    let mut s = rng.pick(WORDS).to_string();
    while s.chars().count() < min.max(1) || rng.chance(40) {
        s.push(*rng.pick(&['-', '_', ' ', '.']));
        let word = *rng.pick(WORDS);
        s.push_str(word);
    }
    s
}

/// An RFC 1123 hostname of at least `min` characters.
fn hostname(rng: &mut Rng, min: usize) -> String {
    let domain = rng.pick(DOMAINS);
    let first = min.saturating_sub(domain.len() + 1).max(1) + rng.below(12);
    let mut label = rng.chars(LOWER_DIGITS, first.min(63));
    if label.len() > 2 && rng.chance(30) {
        label.replace_range(1..2, "-");
    }
    format!("{label}.{domain}")
}

/// A plaintext secret of at least `min` characters, never a mask or an SCM
/// ciphertext echo.
fn secret(rng: &mut Rng, min: usize) -> String {
    loop {
        let len = rng.range(min.max(8), 48.max(min));
        let s = rng.chars(SECRET, len);
        if !s.starts_with("-AQ==") {
            return s;
        }
    }
}

fn scope_name(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => "Shared".into(),
        1 => "Mobile Users".into(),
        _ => {
            let len = rng.range(1, 40);
            let mut s = rng.chars(SCOPE, len);
            if s.trim().is_empty() {
                s = "Shared".into();
            }
            s
        }
    }
}

fn vendor_object(rng: &mut Rng, vendor: &Vendor, flavor: Flavor) -> Value {
    let mut m = Map::new();
    for f in vendor.fields.iter() {
        if !f.required && rng.chance(40) {
            continue;
        }
        let min = f.min_length as usize;
        let v: Value = match f.ty {
            FieldType::Timeout => {
                let n = rng.range(5, 600);
                match flavor {
                    Flavor::Scm => n.into(),
                    Flavor::Sase => n.to_string().into(),
                }
            }
            FieldType::String if f.hostname => hostname(rng, min).into(),
            FieldType::String if f.secret => secret(rng, min).into(),
            FieldType::String if f.name.ends_with("baseuri") => match f.default {
                Some(spec::Default::Str(d)) if rng.chance(70) => d.into(),
                _ => format!("/{}/v{}", rng.chars(LOWER_DIGITS, 4), rng.range(1, 4)).into(),
            },
            FieldType::String if min >= 8 => {
                let len = rng.range(min, min + 24);
                rng.chars(ALNUM, len).into()
            }
            FieldType::String => text(rng, min).into(),
        };
        m.insert(f.name.into(), v);
    }
    Value::Object(m)
}

fn vendors(flavor: Flavor) -> &'static [Vendor] {
    match flavor {
        Flavor::Scm => spec::scm(),
        Flavor::Sase => spec::sase(),
    }
}

fn pan_body(rng: &mut Rng, flavor: Flavor) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), text(rng, 1).into());
    m.insert(
        "mfa_cert_profile".into(),
        format!("{}-ca-profile", rng.pick(WORDS)).into(),
    );
    if flavor == Flavor::Scm {
        let scope = rng.pick(spec::SCOPE_KEYS);
        m.insert((*scope).into(), scope_name(rng).into());
    }
    let vendor = rng.pick(vendors(flavor));
    let mut vt = Map::new();
    vt.insert(vendor.key.into(), vendor_object(rng, vendor, flavor));
    m.insert("mfa_vendor_type".into(), Value::Object(vt));
    Value::Object(m)
}

fn sailpoint_config(rng: &mut Rng, duo: bool) -> Value {
    let mut m = Map::new();
    m.insert(
        "mfaMethod".into(),
        (if duo { "duo-web" } else { "okta-verify" }).into(),
    );
    m.insert("enabled".into(), rng.chance(70).into());
    m.insert("host".into(), hostname(rng, 10).into());
    m.insert("accessKey".into(), secret(rng, 16).into());
    m.insert(
        "identityAttribute".into(),
        (*rng.pick(&["email", "uid", "employeeNumber", "login"])).into(),
    );
    if duo {
        m.insert(
            "configProperties".into(),
            json!({
                "skey": secret(rng, 40),
                "ikey": format!("DI{}", rng.chars(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 18)),
            }),
        );
    }
    Value::Object(m)
}

/// The object holding `name`, `mfa_vendor_type`, ... (the `body` of a
/// wrapped legacy SASE request).
fn pan_body_mut(v: &mut Value) -> &mut Map<String, Value> {
    let v = if v.get("body").is_some() {
        &mut v["body"]
    } else {
        v
    };
    v.as_object_mut().expect("generated bodies are objects")
}

/// Breaks one constraint of a valid payload; returns what it did.
fn mutate(rng: &mut Rng, kind: Kind, v: &mut Value) -> &'static str {
    match kind {
        Kind::ScmMfaServer | Kind::SaseMfaServer => {
            let flavor = if kind == Kind::ScmMfaServer {
                Flavor::Scm
            } else {
                Flavor::Sase
            };
            mutate_pan(rng, flavor, v)
        }
        Kind::SailpointOktaConfig | Kind::SailpointDuoConfig => {
            let m = v.as_object_mut().expect("object");
            match rng.below(8) {
                0 => {
                    let other = if kind == Kind::SailpointOktaConfig {
                        "duo-web"
                    } else {
                        "okta-verify"
                    };
                    m.insert("mfaMethod".into(), other.into());
                    "method-mismatch"
                }
                1 => {
                    m.insert("enabled".into(), "yes".into());
                    "enabled-type"
                }
                2 => {
                    m.insert("host".into(), 443.into());
                    "host-type"
                }
                3 => {
                    m.insert("accessKey".into(), "a******z".into());
                    "masked-secret"
                }
                4 => {
                    let key = m.remove("accessKey").unwrap_or(Value::Null);
                    m.insert("acessKey".into(), key);
                    "unknown-key (warning)"
                }
                5 => {
                    m.insert("enabled".into(), true.into());
                    m.insert("host".into(), "".into());
                    "enabled-without-credentials (warning)"
                }
                6 => {
                    if kind == Kind::SailpointDuoConfig {
                        m.insert("configProperties".into(), "skey=abc".into());
                    } else {
                        m.insert("identityAttribute".into(), json!(["email"]));
                    }
                    "nested-type"
                }
                _ => {
                    m.insert(
                        "accessKey".into(),
                        format!("-AQ=={}", rng.chars(SECRET, 40)).into(),
                    );
                    "ciphertext-echo"
                }
            }
        }
        Kind::SailpointTestResult => {
            let m = v.as_object_mut().expect("object");
            match rng.below(4) {
                0 => {
                    m.insert("state".into(), "PENDING".into());
                    "state-enum"
                }
                1 => {
                    m.insert("error".into(), 500.into());
                    "error-type"
                }
                2 => {
                    m.insert("state".into(), 1.into());
                    "state-type"
                }
                _ => {
                    m.insert("errors".into(), json!([]));
                    "unknown-key (warning)"
                }
            }
        }
    }
}

fn mutate_pan(rng: &mut Rng, flavor: Flavor, v: &mut Value) -> &'static str {
    let choice = rng.below(14);
    if choice == 10 && flavor == Flavor::Sase {
        if let Some(q) = v.get_mut("query").and_then(Value::as_object_mut) {
            q.insert("position".into(), "middle".into());
            return "query-enum";
        }
    }
    let body = pan_body_mut(v);
    let (vendor_key, vendor_obj) = {
        let vt = body["mfa_vendor_type"]
            .as_object_mut()
            .expect("generated vendor types are objects");
        let (k, o) = vt.iter_mut().next().expect("one vendor");
        (k.clone(), o.as_object_mut().expect("vendor object"))
    };
    let vendor = vendors(flavor)
        .iter()
        .find(|x| x.key == vendor_key)
        .expect("known vendor");
    let field_where = |pred: &dyn Fn(&spec::Field) -> bool| {
        vendor.fields.iter().find(|f| pred(f)).map(|f| f.name)
    };
    match choice {
        0 => {
            body.remove("name");
            "missing-name"
        }
        1 => {
            body.insert("name".into(), 42.into());
            "name-type"
        }
        2 => {
            body.insert("mfa_cert_profile".into(), "".into());
            "empty-cert-profile"
        }
        3 => {
            let other = vendors(flavor)
                .iter()
                .find(|x| x.key != vendor_key)
                .expect("four vendors");
            let obj = vendor_object(rng, other, flavor);
            body["mfa_vendor_type"][other.key] = obj;
            "vendor-count"
        }
        4 => match field_where(&|f| f.required) {
            Some(name) => {
                vendor_obj.remove(name);
                "vendor-missing-required"
            }
            None => {
                vendor_obj.insert("rsa_timeout".into(), json!({"seconds": 30}));
                "timeout-type"
            }
        },
        5 => match field_where(&|f| f.secret) {
            Some(name) => {
                vendor_obj.insert(name.into(), "abc".into());
                "short-secret"
            }
            None => {
                body.remove("mfa_cert_profile");
                "missing-cert-profile"
            }
        },
        6 => {
            let name = field_where(&|f| f.hostname).expect("every vendor has a host");
            let host = hostname(rng, 16);
            vendor_obj.insert(name.into(), format!("https://{host}:443/").into());
            "bad-hostname"
        }
        7 | 8 => {
            let name = field_where(&|f| f.ty == FieldType::Timeout).expect("timeout");
            let bad: Value = match (choice, flavor) {
                (7, Flavor::Scm) => 1000.into(),
                (7, Flavor::Sase) => "1000".into(),
                (_, Flavor::Scm) => "30s".into(),
                (_, Flavor::Sase) => 30.into(),
            };
            vendor_obj.insert(name.into(), bad);
            if choice == 7 {
                "timeout-range"
            } else {
                "timeout-format"
            }
        }
        9 => match field_where(&|f| f.secret) {
            Some(name) => {
                vendor_obj.insert(name.into(), "s******t".into());
                "masked-secret"
            }
            None => {
                body.insert("mfa_vendor_type".into(), json!([]));
                "vendor-type-type"
            }
        },
        10 => {
            body.insert("folder".into(), "Shared/../etc".into());
            if flavor == Flavor::Scm {
                for k in ["snippet", "device"] {
                    body.remove(k);
                }
                "scope-pattern"
            } else {
                "unknown-key (warning)"
            }
        }
        11 => {
            if flavor == Flavor::Scm {
                body.insert("snippet".into(), "predefined-snippet".into());
                body.insert("folder".into(), "Shared".into());
                "scope-count"
            } else {
                body.insert("name".into(), Value::Null);
                "name-null"
            }
        }
        12 => {
            let typo = format!(
                "{}name",
                &vendor_key[..vendor_key.find('_').unwrap_or(0) + 1]
            );
            vendor_obj.insert(typo, "x".into());
            "unknown-key (warning)"
        }
        _ => {
            body.insert("mfa_vendor_type".into(), json!([vendor_key]));
            "vendor-type-type"
        }
    }
}
