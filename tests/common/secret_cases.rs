//! Files that hold a secret the ways people get them wrong, for the secret
//! property tests (tests/secrets_property.rs, tests/cli_secrets.rs):
//!
//! - the key: a secret key or a near miss of one (`okta_tokne`,
//!   `OKTA_TOKEN`, `oktaToken`, `okta-token`, `"okta_token "`, SailPoint
//!   `accesskey`, `configProperties.sKey`, `duo_secret_kye`, a key holding
//!   a backslash or a quote, generated typos), written plainly, with
//!   escapes (`okta\u005ftoken`), after a stray backslash (`\"okta_token"`)
//!   or with a backslash inside it (`okta_\token`), once or twice;
//! - the value: a string (sometimes written with escapes), a number
//!   (integer, negative, fraction, exponent), a boolean, an array of
//!   everything, an object whose keys are the secret (written twice, a
//!   duplicate key), an object of plain keys holding it, an object of
//!   secret keys holding it;
//! - the file: one of several payloads of every kind, the secret also under
//!   the real secret key or not, LF, CRLF or CR line ends, and then damaged:
//!   truncated, bytes deleted, brackets, quotes, backslashes, escapes,
//!   control characters and invalid UTF-8 inserted.
//!
//! A [`Case`] is a recipe: [`Case::write`] writes it with any secret, so the
//! file can be written again with a stand-in of the same length
//! ([`stand_in`]) that is byte for byte the same elsewhere. A 4-character
//! piece of the secret counts as leaked only when the output for the real
//! secret holds it and the output for the stand-in does not
//! ([`leaked_piece`]): pieces like `okta` or `must` occur by chance.
//!
//! Damage never touches the planted keys themselves (only the deliberate
//! key writings above do): a damaged key can stop being a near miss, and
//! its value may then be shown. [`assume_placement`] skips the rare damaged
//! file that still parses with the secret moved out from under its key.

use mfalint::Kind;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::string::string_regex;
use proptest::test_runner::TestCaseError;

/// The near misses the issue names, and more of the same sort, as the
/// decoded key (`a\okta_token` is written `"a\\okta_token"`).
pub const NAMED_NEAR_MISSES: &[&str] = &[
    "okta_tokne",
    "OKTA_TOKEN",
    "oktaToken",
    "okta-token",
    "okta_token ",
    " okta_token",
    "\tokta_token",
    "Okta.Token",
    "okta_tokens",
    "okta_token_backup",
    "okta_token/0",
    "okta~token",
    "accesskey",
    "AccessKey",
    "access_key",
    "ACCESS-KEY",
    "sKey",
    "SKEY",
    "skye",
    "s_key",
    "duo_secret_kye",
    "duo_secretkey",
    "duo-secret-key",
    "DuoSecretKey",
    "ping_use_base64key",
    "pingUseBase64Key",
    "pingToken",
    "ping_tokne",
    "rsa_access_key",
    "RSA_ACCESSKEY",
    "rsa_acesskey",
    "client_secret",
    "api_token",
    "password",
    "db_passwd",
    "privateKey",
    "apiKey",
    "a\\okta_token",
    "\\okta_token",
    "okta_token\\",
    "unterminated\"okta_tokne",
];

/// `key` folded as mfalint's rule folds keys: trimmed, without `-`, `_`,
/// `.` and spaces, lower case.
pub fn fold(key: &str) -> String {
    key.trim()
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | '.' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A typo of a secret key: its case changed (upper, lower, camelCase or
/// random), its `_` changed (`-`, `.`, space, none), one edit (two
/// neighbours swapped, a character deleted, inserted or replaced) and a
/// space around it. Every one is within the did-you-mean distance of the
/// secret key once folded; `skey` -> `ikey`, a plain key, is left out.
pub fn near_miss_key() -> BoxedStrategy<String> {
    (
        select(mfalint::secret_keys().to_vec()),
        0u8..5,
        0u8..5,
        0u8..5,
        any::<usize>(),
        proptest::char::range('a', 'z'),
        0u8..4,
        any::<u64>(),
    )
        .prop_map(|(key, case, sep, edit, at, letter, pad, flips)| {
            let mut chars: Vec<char> = match case {
                1 => key.to_uppercase().chars().collect(),
                2 => key.to_lowercase().chars().collect(),
                3 => {
                    let mut out = Vec::new();
                    let mut upper = false;
                    for c in key.chars() {
                        if c == '_' {
                            upper = true;
                        } else if upper {
                            out.extend(c.to_uppercase());
                            upper = false;
                        } else {
                            out.push(c);
                        }
                    }
                    out
                }
                4 => key
                    .chars()
                    .enumerate()
                    .map(|(i, c)| {
                        if flips >> (i % 64) & 1 == 1 {
                            c.to_ascii_uppercase()
                        } else {
                            c
                        }
                    })
                    .collect(),
                _ => key.chars().collect(),
            };
            let sep = ['_', '-', '.', ' ', '\0'][usize::from(sep)];
            chars = chars
                .into_iter()
                .filter_map(|c| match c {
                    '_' if sep == '\0' => None,
                    '_' => Some(sep),
                    c => Some(c),
                })
                .collect();
            let i = at % chars.len();
            match edit {
                1 if i + 1 < chars.len() => chars.swap(i, i + 1),
                2 => {
                    chars.remove(i);
                }
                3 => chars.insert(i, letter),
                4 => chars[i] = letter,
                _ => {}
            }
            let key: String = chars.into_iter().collect();
            match pad {
                1 => format!(" {key}"),
                2 => format!("{key} "),
                _ => key,
            }
        })
        .prop_filter("a plain key", |k| fold(k) != "ikey")
        .boxed()
}

/// A secret key, a named near miss or a generated one.
pub fn secret_bearing_key() -> BoxedStrategy<String> {
    prop_oneof![
        1 => select(mfalint::secret_keys().to_vec()).prop_map(String::from),
        2 => select(NAMED_NEAR_MISSES.to_vec()).prop_map(String::from),
        2 => near_miss_key(),
    ]
    .boxed()
}

/// How the planted key is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyWriting {
    /// As JSON writes it.
    Plain,
    /// Characters picked by the bits (at least one) as `\uXXXX`:
    /// `okta\u005ftoken`.
    Escaped(u64),
    /// A stray backslash before the opening quote: `\"okta_token": ...`
    /// (the file does not parse).
    StrayBefore,
    /// A backslash inserted inside a secret key (other keys: as
    /// [`KeyWriting::StrayBefore`]): `okta_\token` parses, as a key with a
    /// tab in it; `okta\_token` does not.
    StrayInside(usize),
}

/// The secret-bearing value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `"S"`, escaped where the bits say (`None`: plainly).
    Str(Option<u64>),
    /// The secret is digits: `S`, `-S`, `S.25`, `SE+2`, `-0.Se-7`.
    Number(u8),
    /// `[S, -S.5, Se3]` over lines.
    Numbers,
    /// `true` or `false`: no piece to find, so the key must not be shown
    /// next to it ([`Case::bool_leak`]).
    Bool(bool),
    /// `["S", 42, true, null, ["S"], {"k": "S"}]` over lines.
    Array,
    /// `{"S": 1, "S": {"S": "S"}}`: the secret as a key, written twice.
    DupKeys,
    /// `{"name": "S", "okta_api_host": "S", ...}`: plain keys beneath.
    PlainKeys,
    /// `{"okta_token": "S", "accessKey": ["S"]}`: secret keys beneath.
    SecretKeys,
}

impl Shape {
    /// Whether the secret is a run of digits (a number's).
    pub fn digits(self) -> bool {
        matches!(self, Shape::Number(_) | Shape::Numbers)
    }

    fn text(self, s: &str) -> String {
        match self {
            Shape::Str(None) => format!("\"{s}\""),
            Shape::Str(Some(bits)) => format!("\"{}\"", escaped(s, bits)),
            Shape::Number(form) => match form % 5 {
                0 => s.to_string(),
                1 => format!("-{s}"),
                2 => format!("{s}.25"),
                3 => format!("{s}E+2"),
                _ => format!("-0.{s}e-7"),
            },
            Shape::Numbers => format!("[{s},\n  -{s}.5, {s}e3]"),
            Shape::Bool(b) => b.to_string(),
            Shape::Array => {
                format!("[\n  \"{s}\", 42, true, null,\n  [\"{s}\"], {{\"k\": \"{s}\"}}\n]")
            }
            Shape::DupKeys => format!("{{\n  \"{s}\": 1,\n  \"{s}\": {{\"{s}\": \"{s}\"}}\n}}"),
            Shape::PlainKeys => format!(
                "{{\"name\": \"{s}\", \"okta_api_host\": \"{s}\",\n  \"enabled\": true, \"okta_timeout\": 30}}"
            ),
            Shape::SecretKeys => format!("{{\"okta_token\": \"{s}\", \"accessKey\": [\"{s}\"]}}"),
        }
    }
}

/// `s` with the characters the bits pick (at least one) as `\uXXXX`.
fn escaped(s: &str, bits: u64) -> String {
    let n = s.chars().count().max(1);
    let always = (bits % n as u64) as usize;
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == always || bits >> (i % 64) & 1 == 1 {
            let mut buf = [0u16; 2];
            for unit in c.encode_utf16(&mut buf) {
                if bits >> 63 == 1 {
                    out.push_str(&format!("\\u{unit:04X}"));
                } else {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Damage done at a place in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// The file ends here.
    Truncate,
    Insert(&'static [u8]),
    Delete,
    Replace(&'static [u8]),
}

/// What damage inserts: unbalanced brackets, quotes, stray backslashes,
/// escapes, control characters, invalid UTF-8.
pub const PIECES: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\\",
    b"\\\\",
    b"\"",
    b",",
    b":",
    b"\\u",
    b"\\u005f",
    b"\\t",
    b"\xff",
    b"\xc3",
    b"\x80",
    b"\xed\xa0\x80",
    b"\xef\xbb\xbf",
    b"\0",
    b"\x1b[31m",
    b"\n",
    b"\r",
    b" ",
    b"tru",
    b"/*",
];

pub fn damage() -> BoxedStrategy<Damage> {
    prop_oneof![
        1 => Just(Damage::Truncate),
        3 => select(PIECES.to_vec()).prop_map(Damage::Insert),
        1 => Just(Damage::Delete),
        1 => select(PIECES.to_vec()).prop_map(Damage::Replace),
    ]
    .boxed()
}

/// A payload with places for the planted member (`@@M@@`, one used) and
/// the real secret key's member (`@@R@@`).
pub struct Template {
    pub name: &'static str,
    pub kind: Kind,
    /// The secret key `@@R@@` stands for.
    pub real: &'static str,
    pub text: &'static str,
}

pub const TEMPLATES: &[Template] = &[
    Template {
        name: "scm-okta",
        kind: Kind::ScmMfaServer,
        real: "okta_token",
        text: r#"{
  "name": "okta-prod",
  "mfa_cert_profile": "okta-ca-profile",
  "folder": "Shared",
  @@M@@"mfa_vendor_type": {
    "okta_adaptive_v1": {
      "okta_api_host": "acme.okta.com",
      "okta_baseuri": "/api/v1",
      @@R@@@@M@@"okta_org": "acme",
      "okta_timeout": 30
    }
  }
}
"#,
    },
    Template {
        name: "scm-duo",
        kind: Kind::ScmMfaServer,
        real: "duo_secret_key",
        text: r#"{
  "name": "duo-prod",
  "mfa_cert_profile": "duo-ca-profile",
  "snippet": "mfa",
  "mfa_vendor_type": {
    "duo_security_v2": {
      "duo_api_host": "api-a1b2c3d4.duosecurity.com",
      "duo_baseuri": "/auth/v2",
      "duo_integration_key": "DIEXAMPLE00000000000",
      @@R@@@@M@@"duo_timeout": 30
    }
  }
}
"#,
    },
    Template {
        name: "scm-ping",
        kind: Kind::ScmMfaServer,
        real: "ping_token",
        text: r#"{"name": "ping-prod", "mfa_cert_profile": "ping-ca-profile", "device": "fw-1", "mfa_vendor_type": {"ping_identity_v1": {"ping_api_host": "idpxny3lm.pingidentity.com", "ping_baseuri": "/pingid/rest/4", "ping_use_base64_key": "RVhBTVBMRS1rZXktbm90LXJlYWw=", @@R@@@@M@@"ping_org_alias": "acme-org-alias", "ping_timeout": 60}}}"#,
    },
    Template {
        name: "scm-rsa",
        kind: Kind::ScmMfaServer,
        real: "rsa_accesskey",
        text: r#"{
  "name": "rsa-securid",
  "mfa_cert_profile": "rsa-ca-profile",
  "folder": "Shared",
  "mfa_vendor_type": {
    "rsa_securid_access_v1": {
      "rsa_api_host": "acme.auth.securid.com",
      "rsa_baseuri": "/mfa/v1_1",
      @@R@@"rsa_accessid": "acme-access-id", @@M@@"rsa_assurancepolicyid": "high-assurance",
      "rsa_timeout": 30
    }
  },
  @@M@@"id": "2f1b7a4e-9c3d-4e8a-b1f0-6d2c8e4a9b17"
}
"#,
    },
    Template {
        name: "sase-okta",
        kind: Kind::SaseMfaServer,
        real: "okta_token",
        text: r#"{
  "query": {@@M@@"folder": "Mobile Users", "position": "pre"},
  "body": {
    "name": "okta-sase",
    "mfa_cert_profile": "okta-ca-profile",
    "mfa_vendor_type": {
      "okta_adaptive_v1": {
        "okta_api_host": "acme.okta.com",
        "okta_baseuri": "/api/v1",
        @@R@@@@M@@"okta_org": "acme",
        "okta_timeout": "30"
      }
    }
  }
}
"#,
    },
    Template {
        name: "sailpoint-duo",
        kind: Kind::SailpointDuoConfig,
        real: "accessKey",
        text: r#"{
  "mfaMethod": "duo-web",
  "enabled": true,
  "host": "api-a1b2c3d4.duosecurity.com",
  @@R@@@@M@@"identityAttribute": "email",
  "configProperties": {
    @@M@@"skey": "EXAMPLE-duo-skey-not-real-000000000000",
    "ikey": "DIEXAMPLE00000000000"
  }
}
"#,
    },
    Template {
        name: "sailpoint-okta",
        kind: Kind::SailpointOktaConfig,
        real: "accessKey",
        text: r#"{"mfaMethod": "okta-verify", "enabled": true, "host": "acme.okta.com", @@R@@@@M@@"identityAttribute": "email"}"#,
    },
    Template {
        name: "sailpoint-test-result",
        kind: Kind::SailpointTestResult,
        real: "accessKey",
        text:
            "{\n  @@M@@\"state\": \"FAILED\",\n  @@R@@\"error\": \"Unable to reach the host\"\n}\n",
    },
    // One long line (excerpts show a window of it) with text in several
    // scripts around the places.
    Template {
        name: "scm-okta-long-line",
        kind: Kind::ScmMfaServer,
        real: "okta_token",
        text: concat!(
            r#"{"name": "prød-✓-名前-"#,
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            r#"", "mfa_cert_profile": "é", "folder": "Shared", @@M@@"mfa_vendor_type": {"okta_adaptive_v1": {"okta_api_host": "acme.okta.com", "okta_baseuri": "/api/v1", @@R@@@@M@@"okta_org": ""#,
            "ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé",
            r#"", "okta_timeout": 3000}}, @@M@@"x": "✓"}"#,
        ),
    },
    Template {
        name: "nested-unknown",
        kind: Kind::ScmMfaServer,
        real: "skey",
        text: r#"{
  "name": "nested",
  "extra": [1, {@@M@@"y": [{@@R@@"z": null}]}],
  "more": {"deeper": {@@M@@"w": 0}}
}
"#,
    },
];

/// One file holding a secret.
#[derive(Debug, Clone)]
pub struct Case {
    pub template: usize,
    /// Which `@@M@@` place of the template the planted member takes.
    pub slot: usize,
    /// The planted key, decoded.
    pub key: String,
    pub writing: KeyWriting,
    /// Between the key and the value, `:` included.
    pub sep: &'static str,
    pub shape: Shape,
    /// The planted member twice (a duplicate key).
    pub dup: bool,
    /// The real secret key: 0 absent, 1 with a fake value, 2 with the
    /// secret (as a string).
    pub real: u8,
    /// 0: `\n`, 1: `\r\n`, 2: `\r`.
    pub line_ends: u8,
    /// At places of the undamaged file (taken modulo its length).
    pub damage: Vec<(usize, Damage)>,
}

/// A case written with a secret.
pub struct Written {
    pub bytes: Vec<u8>,
    /// The decoded keys the secret was planted under.
    pub keys: Vec<String>,
    /// The key as written and as JSON writes it (where a boolean must not
    /// follow).
    pub key_forms: Vec<String>,
}

impl Written {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

const SEPARATORS: &[&str] = &[": ", ":", " : ", ":\n        ", ":\r\n\t", ":\r"];

impl Case {
    pub fn kind(&self) -> Kind {
        TEMPLATES[self.template].kind
    }

    pub fn template_name(&self) -> &'static str {
        TEMPLATES[self.template].name
    }

    fn key_literal(&self) -> String {
        let plain = serde_json::to_string(&self.key).unwrap();
        match self.writing {
            KeyWriting::Plain => plain,
            KeyWriting::Escaped(bits) => format!("\"{}\"", escaped(&self.key, bits)),
            KeyWriting::StrayInside(at) if mfalint::secret_keys().contains(&self.key.as_str()) => {
                let i = 1 + at % self.key.len();
                format!("{}\\{}", &plain[..i], &plain[i..])
            }
            KeyWriting::StrayBefore | KeyWriting::StrayInside(_) => format!("\\{plain}"),
        }
    }

    /// The file with `secret`.
    pub fn write(&self, secret: &str) -> Written {
        let t = &TEMPLATES[self.template];
        let key_literal = self.key_literal();
        // Pieces of text; `true` marks a key no damage may touch.
        let mut pieces: Vec<(String, bool)> = Vec::new();
        let mut slot = 0;
        let mut rest = t.text;
        let slots = t.text.matches("@@M@@").count();
        while let Some(i) = rest.find("@@") {
            pieces.push((rest[..i].to_string(), false));
            let marker = &rest[i..i + 5];
            rest = &rest[i + 5..];
            match marker {
                "@@M@@" => {
                    if slot == self.slot % slots {
                        for _ in 0..1 + usize::from(self.dup) {
                            pieces.push((key_literal.clone(), true));
                            pieces.push((
                                format!("{}{}, ", self.sep, self.shape.text(secret)),
                                false,
                            ));
                        }
                    }
                    slot += 1;
                }
                "@@R@@" => match self.real {
                    0 => {}
                    r => {
                        pieces.push((format!("\"{}\"", t.real), true));
                        let value = if r == 1 {
                            "EXAMPLE-fake-value-not-real-0000"
                        } else {
                            secret
                        };
                        pieces.push((format!(": \"{value}\", "), false));
                    }
                },
                m => panic!("unknown marker {m}"),
            }
        }
        pieces.push((rest.to_string(), false));
        let mut bytes = Vec::new();
        let mut protected = Vec::new();
        for (text, keep) in pieces {
            let text = match self.line_ends {
                1 => text.replace('\n', "\r\n"),
                2 => text.replace('\n', "\r"),
                _ => text,
            };
            if keep {
                protected.push((bytes.len(), bytes.len() + text.len()));
            }
            bytes.extend_from_slice(text.as_bytes());
        }
        // Damage from the end, so each place is still where it was.
        let len = bytes.len();
        let mut ops: Vec<(usize, Damage)> = self
            .damage
            .iter()
            .map(|(at, d)| {
                let mut p = match d {
                    Damage::Truncate | Damage::Insert(_) => at % (len + 1),
                    Damage::Delete | Damage::Replace(_) => at % len.max(1),
                };
                if let Some(&(_, end)) = protected.iter().find(|(s, e)| *s <= p && p < *e) {
                    p = end;
                }
                (p, *d)
            })
            .collect();
        ops.sort_by_key(|(p, _)| std::cmp::Reverse(*p));
        for (p, d) in ops {
            let p = p.min(bytes.len());
            match d {
                Damage::Truncate => bytes.truncate(p),
                Damage::Insert(piece) => {
                    bytes.splice(p..p, piece.iter().copied());
                }
                Damage::Delete if p < bytes.len() => {
                    bytes.remove(p);
                }
                Damage::Replace(piece) if p < bytes.len() => {
                    bytes.splice(p..p + 1, piece.iter().copied());
                }
                Damage::Delete | Damage::Replace(_) => {}
            }
        }
        let mut keys = vec![self.key.clone()];
        if self.real == 2 {
            keys.push(t.real.to_string());
        }
        let mut key_forms = vec![key_literal, serde_json::to_string(&self.key).unwrap()];
        key_forms.dedup();
        Written {
            bytes,
            keys,
            key_forms,
        }
    }

    /// Where a boolean value is shown next to its key (a leak: the value
    /// of a secret-bearing key is never shown, whatever its type).
    pub fn bool_leak(&self, written: &Written, out: &str) -> Option<String> {
        let Shape::Bool(b) = self.shape else {
            return None;
        };
        let value = b.to_string();
        for form in &written.key_forms {
            for (i, _) in out.match_indices(form.as_str()) {
                let after = out[i + form.len()..].trim_start_matches([' ', '\t']);
                if let Some(after) = after.strip_prefix(':') {
                    if after.trim_start_matches([' ', '\t']).starts_with(&value) {
                        let end = (i + form.len() + 20).min(out.len());
                        let end = (end..=out.len())
                            .find(|&e| out.is_char_boundary(e))
                            .unwrap_or(out.len());
                        return Some(out[i..end].to_string());
                    }
                }
            }
        }
        None
    }
}

/// Random alphanumeric secrets, 8..64 characters, or a number's digits
/// (never `9`, so the stand-in can be all `9`s).
pub fn secret_for(shape: Shape) -> BoxedStrategy<String> {
    let re = if shape.digits() {
        "[1-8][0-8]{7,19}"
    } else {
        "[A-Za-z0-9]{8,64}"
    };
    string_regex(re).unwrap().boxed()
}

pub fn shape() -> BoxedStrategy<Shape> {
    prop_oneof![
        4 => Just(Shape::Str(None)),
        2 => any::<u64>().prop_map(|b| Shape::Str(Some(b))),
        2 => (0u8..5).prop_map(Shape::Number),
        1 => Just(Shape::Numbers),
        1 => any::<bool>().prop_map(Shape::Bool),
        2 => Just(Shape::Array),
        2 => Just(Shape::DupKeys),
        1 => Just(Shape::PlainKeys),
        1 => Just(Shape::SecretKeys),
    ]
    .boxed()
}

pub fn key_writing() -> BoxedStrategy<KeyWriting> {
    prop_oneof![
        6 => Just(KeyWriting::Plain),
        2 => any::<u64>().prop_map(KeyWriting::Escaped),
        1 => Just(KeyWriting::StrayBefore),
        1 => any::<usize>().prop_map(KeyWriting::StrayInside),
    ]
    .boxed()
}

/// A case and its secret: half the files undamaged, half with one to three
/// pieces of damage.
pub fn case() -> BoxedStrategy<(Case, String)> {
    let damage = prop_oneof![
        1 => Just(Vec::new()),
        1 => proptest::collection::vec((any::<usize>(), damage()), 1..4),
    ];
    (
        (
            0..TEMPLATES.len(),
            0usize..3,
            secret_bearing_key(),
            key_writing(),
            select(SEPARATORS.to_vec()),
        ),
        (shape(), any::<bool>(), 0u8..3, 0u8..3, damage),
    )
        .prop_flat_map(
            |((template, slot, key, writing, sep), (shape, dup, real, line_ends, damage))| {
                let case = Case {
                    template,
                    slot,
                    key,
                    writing,
                    sep,
                    shape,
                    dup,
                    real,
                    line_ends,
                    damage,
                };
                (Just(case), secret_for(shape))
            },
        )
        .boxed()
}

/// A stand-in for `secret`: its length, of one character it lacks (a digit
/// for a number's digits).
pub fn stand_in(secret: &str) -> String {
    let filler = if secret.bytes().all(|b| b.is_ascii_digit()) {
        ('1'..='9').rev().find(|c| !secret.contains(*c)).unwrap()
    } else {
        ('a'..='z')
            .chain('A'..='Z')
            .chain('0'..='9')
            .find(|c| !secret.contains(*c))
            .unwrap()
    };
    std::iter::repeat_n(filler, secret.chars().count()).collect()
}

/// The 4-character pieces of `secret`.
pub fn pieces(secret: &str) -> Vec<String> {
    let chars: Vec<char> = secret.chars().collect();
    chars.windows(4).map(|w| w.iter().collect()).collect()
}

/// A piece of `secret` (4 characters) in `out` and not in `base`.
pub fn leaked_piece(secret: &str, out: &str, base: &str) -> Option<String> {
    pieces(secret)
        .into_iter()
        .find(|p| out.contains(p.as_str()) && !base.contains(p.as_str()))
}

/// Skips the rare damaged file that still parses with a piece of the secret
/// somewhere other than beneath a planted key: its value may be shown.
pub fn assume_placement(case: &Case, written: &Written, secret: &str) -> Result<(), TestCaseError> {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(&written.bytes) else {
        return Ok(());
    };
    let base = case.write(&stand_in(secret)).text();
    let pieces: Vec<String> = pieces(secret)
        .into_iter()
        .filter(|p| !base.contains(p.as_str()))
        .collect();
    fn stray(v: &serde_json::Value, keys: &[String], pieces: &[String]) -> bool {
        let holds = |s: &str| pieces.iter().any(|p| s.contains(p.as_str()));
        match v {
            serde_json::Value::Object(m) => m
                .iter()
                .any(|(k, v)| !keys.contains(k) && (holds(k) || stray(v, keys, pieces))),
            serde_json::Value::Array(a) => a.iter().any(|v| stray(v, keys, pieces)),
            serde_json::Value::String(s) => holds(s),
            serde_json::Value::Number(n) => holds(&n.to_string()),
            _ => false,
        }
    }
    if stray(&value, &written.keys, &pieces) {
        return Err(TestCaseError::reject(
            "damage moved the secret out from under its key",
        ));
    }
    Ok(())
}

/// Shows a file's bytes for a failure message.
pub fn show(bytes: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(bytes))
}

/// A case with no damage and the defaults, for fixed lists.
pub fn plain_case(template: usize, key: &str, shape: Shape) -> Case {
    Case {
        template,
        slot: 0,
        key: key.to_string(),
        writing: KeyWriting::Plain,
        sep: ": ",
        shape,
        dup: false,
        real: 0,
        line_ends: 0,
        damage: Vec::new(),
    }
}

/// Fixed cases, one or more of each sort the strategy generates: every
/// named near miss, every value type, every key writing, every damage.
/// Each is named for the failure report.
pub fn fixed_cases() -> Vec<(String, Case)> {
    let mut out = Vec::new();
    let t = |name: &str| TEMPLATES.iter().position(|t| t.name == name).unwrap();
    // Every named near miss, a string, where the real key would be.
    for (i, key) in NAMED_NEAR_MISSES.iter().enumerate() {
        let template = match *key {
            k if fold(k).contains("access") && !k.starts_with("rsa") => t("sailpoint-okta"),
            k if fold(k) == "skey" || k == "skye" => t("sailpoint-duo"),
            k if k.contains("duo") || k.contains("Duo") => t("scm-duo"),
            k if k.contains("ping") => t("scm-ping"),
            k if k.contains("rsa") || k.contains("RSA") => t("scm-rsa"),
            _ => t("scm-okta"),
        };
        let mut c = plain_case(template, key, Shape::Str(None));
        // `configProperties.sKey`: the second place of the Duo config.
        if fold(key) == "skey" || *key == "skye" {
            c.slot = 1;
        }
        c.real = (i % 2) as u8;
        out.push((format!("near-miss {key:?} string"), c));
    }
    // Every value type, under a near miss and under the secret key.
    let shapes = [
        ("string, escaped", Shape::Str(Some(0b1010_0110))),
        ("integer", Shape::Number(0)),
        ("negative", Shape::Number(1)),
        ("fraction", Shape::Number(2)),
        ("exponent", Shape::Number(3)),
        ("small fraction", Shape::Number(4)),
        ("numbers", Shape::Numbers),
        ("true", Shape::Bool(true)),
        ("false", Shape::Bool(false)),
        ("array", Shape::Array),
        ("object keyed by the secret, twice", Shape::DupKeys),
        ("object of plain keys", Shape::PlainKeys),
        ("object of secret keys", Shape::SecretKeys),
    ];
    for (name, shape) in shapes {
        for key in ["okta_tokne", "okta_token"] {
            out.push((
                format!("{key:?} {name}"),
                plain_case(t("scm-okta"), key, shape),
            ));
        }
    }
    let mut c = plain_case(t("sailpoint-duo"), "sKey", Shape::DupKeys);
    c.slot = 1;
    out.push(("configProperties.sKey object keyed by the secret".into(), c));
    // Key writings, duplicates, line ends.
    let writings = [
        (
            "okta\\u005ftoken",
            "okta_token",
            KeyWriting::Escaped(1 << 4),
        ),
        (
            "okta_tokne escaped",
            "okta_tokne",
            KeyWriting::Escaped(0x5555),
        ),
        (
            "stray backslash before okta_tokne",
            "okta_tokne",
            KeyWriting::StrayBefore,
        ),
        (
            "stray backslash before okta_token",
            "okta_token",
            KeyWriting::StrayBefore,
        ),
        ("okta_\\token", "okta_token", KeyWriting::StrayInside(5)),
        ("okta\\_token", "okta_token", KeyWriting::StrayInside(4)),
    ];
    for (name, key, writing) in writings {
        let mut c = plain_case(t("scm-okta"), key, Shape::Str(None));
        c.writing = writing;
        out.push((format!("key {name}"), c));
    }
    let mut c = plain_case(t("scm-okta"), "okta_tokne", Shape::Str(None));
    c.dup = true;
    out.push(("okta_tokne twice".into(), c));
    for slot in 0..3 {
        let c = Case {
            slot,
            ..plain_case(t("scm-okta-long-line"), "okta_tokne", Shape::Array)
        };
        out.push((format!("okta_tokne array on a long line, place {slot}"), c));
    }
    for (name, ends) in [("CRLF", 1), ("CR", 2)] {
        let mut c = plain_case(t("scm-okta"), "okta_tokne", Shape::Array);
        c.line_ends = ends;
        c.sep = ":\n        ";
        out.push((format!("okta_tokne array, {name} line ends"), c));
    }
    // Damage, at a place found in the undamaged file (the same for any
    // secret of the same length).
    let secret = "Zq7Wv3Xy9Kp2Lm4N";
    let damages: [(&str, &str, Damage, isize); 9] = [
        ("truncated in the secret", "okta_tokne", Damage::Truncate, 6),
        (
            "truncated after the secret",
            "okta_tokne",
            Damage::Truncate,
            17,
        ),
        ("unbalanced {", "okta_tokne", Damage::Insert(b"{"), 18),
        ("unbalanced ]", "okta_token", Damage::Insert(b"]"), 18),
        (
            "stray backslash in the secret",
            "okta_tokne",
            Damage::Insert(b"\\"),
            8,
        ),
        (
            "stray quote in the secret",
            "okta_tokne",
            Damage::Insert(b"\""),
            8,
        ),
        (
            "invalid UTF-8 in the secret",
            "okta_tokne",
            Damage::Insert(b"\xff"),
            8,
        ),
        (
            "invalid UTF-8 after the key",
            "okta_token",
            Damage::Insert(b"\xc3"),
            -3,
        ),
        ("closing quote deleted", "okta_tokne", Damage::Delete, 16),
    ];
    for (name, key, d, offset) in damages {
        let mut c = plain_case(t("scm-okta"), key, Shape::Str(None));
        let text = c.write(secret).text();
        let at = text.find(secret).unwrap() as isize + offset;
        c.damage = vec![(at as usize, d)];
        out.push((format!("{name} ({key:?})"), c));
    }
    out
}
