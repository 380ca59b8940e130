//! Which keys bear secrets, and where their values are in a document.
//!
//! A key is **secret-bearing** when it is one of the secret fields of some
//! payload kind ([`secret_keys`]) or a near miss of one: a typo is exactly
//! when people run a linter, and `okta_tokne` holds the token as surely as
//! `okta_token` does. Nothing beneath a secret-bearing key, keys or values
//! at any depth, is ever shown: [`crate::redact`] masks it, findings stop at
//! the key, and the command line's excerpts hide it. When unsure, mask:
//! the rule errs towards calling a key secret-bearing, and only the keys the
//! payload kinds define as plain fields are never secret-bearing.

use std::borrow::Cow;

use crate::json::{Node, Span, Value};
use crate::suggest::distance;

/// Every key that holds a secret, in any payload kind ([`crate::spec`]).
pub fn secret_keys() -> &'static [&'static str] {
    &keys().0
}

/// Every key a payload kind defines that is not a secret. These are never
/// secret-bearing, however close they are to a secret key
/// (`rsa_accessid`, `ikey`).
fn plain_keys() -> &'static [&'static str] {
    &keys().1
}

/// The secret and the plain keys of every kind, from the tables, once,
/// with their folded forms ([`fold`]).
#[allow(clippy::type_complexity)]
fn keys() -> &'static (
    Vec<&'static str>,
    Vec<&'static str>,
    Vec<String>,
    Vec<String>,
) {
    static KEYS: std::sync::OnceLock<(
        Vec<&'static str>,
        Vec<&'static str>,
        Vec<String>,
        Vec<String>,
    )> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let mut fields = Vec::new();
        for kind in crate::Kind::ALL {
            let spec = kind.spec();
            crate::spec::walk_fields(spec.root, &mut fields);
            if let Some(w) = spec.wrapped {
                crate::spec::walk_fields(w, &mut fields);
            }
        }
        let mut secret: Vec<&str> = Vec::new();
        let mut plain: Vec<&str> = Vec::new();
        for (_, f) in fields {
            let list = if f.secret { &mut secret } else { &mut plain };
            if !list.contains(&f.name) {
                list.push(f.name);
            }
        }
        let folded = |keys: &[&str]| keys.iter().map(|k| fold(k).into_owned()).collect();
        let (secret_folded, plain_folded) = (folded(&secret), folded(&plain));
        (secret, plain, secret_folded, plain_folded)
    })
}

/// Words that mark a key as holding a credential whatever else it says
/// (`client_secret`, `api_token`), folded as [`fold`] folds keys.
const SECRET_WORDS: &[&str] = &[
    "token",
    "secret",
    "password",
    "passwd",
    "apikey",
    "privatekey",
];

/// Whether `key` is exactly one of [`secret_keys`].
pub fn is_secret_key(key: &str) -> bool {
    secret_keys().contains(&key)
}

/// `key` without surrounding whitespace, `-`, `_`, `.` and spaces, in
/// lower case: `OKTA_TOKEN`, `oktaToken`, `okta-token` and `"okta_token "`
/// all fold to `oktatoken`. ASCII case only: every key the APIs define is
/// ASCII, and Unicode case tables would cost the WebAssembly package
/// kilobytes.
fn fold(key: &str) -> Cow<'_, str> {
    let key = key.trim();
    let plain = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'$';
    if key.bytes().all(plain) {
        return Cow::Borrowed(key);
    }
    Cow::Owned(
        key.chars()
            .filter(|c| !matches!(c, '-' | '_' | '.' | ' '))
            .map(|c| c.to_ascii_lowercase())
            .collect(),
    )
}

/// Whether a folded key is a near miss of a folded secret key: equal, one
/// holding the other (at least 4 characters), two neighbours swapped, or
/// within the did-you-mean edit distance (a third of the secret key's
/// length, at least 1).
fn near(folded: &str, secret: &str) -> bool {
    if folded == secret {
        return true;
    }
    if secret.len() >= 4 && folded.contains(secret) || folded.len() >= 4 && secret.contains(folded)
    {
        return true;
    }
    if swapped(folded, secret) {
        return true;
    }
    let limit = (secret.chars().count() / 3).max(1);
    folded.chars().count().abs_diff(secret.chars().count()) <= limit
        && distance(folded, secret, limit).is_some()
}

/// Whether `a` is `b` with two neighbouring characters swapped (`skye`):
/// one typo, though two edits.
fn swapped(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let Some(i) = a.iter().zip(b).position(|(x, y)| x != y) else {
        return false;
    };
    i + 1 < a.len() && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..]
}

/// Whether the value of `key` must never be shown: a secret key, or a near
/// miss of one (case, `-`/`_`/camelCase and surrounding whitespace folded,
/// then the did-you-mean distance), or a key naming a credential. The keys
/// the payload kinds define as plain fields never are.
pub fn is_secret_bearing(key: &str) -> bool {
    if is_secret_key(key) {
        return true;
    }
    if plain_keys().contains(&key) {
        return false;
    }
    let folded = fold(key);
    let (_, _, secret_folded, plain_folded) = keys();
    if plain_folded.iter().any(|k| *k == folded) {
        return false;
    }
    let names_a_secret = |folded: &str| {
        secret_folded.iter().any(|s| near(folded, s))
            || SECRET_WORDS.iter().any(|w| folded.contains(w))
    };
    // A key with other punctuation in it (a stray quote or backslash, a
    // path) is also judged by its parts: `a"okta_tokne`.
    let part =
        |c: char| c.is_ascii_alphanumeric() || !c.is_ascii() || matches!(c, '-' | '_' | '.' | ' ');
    names_a_secret(&folded)
        || key.contains(|c: char| !part(c))
            && key
                .split(|c: char| !part(c))
                .any(|p| !p.is_empty() && names_a_secret(&fold(p)))
}

/// The values of secret-bearing members anywhere in the tree (not
/// descending into them), null values left out: where the command line
/// masks excerpts.
pub fn secret_values<'n, 'a>(root: &'n Node<'a>) -> Vec<&'n Node<'a>> {
    let mut out = Vec::new();
    collect(root, &mut out);
    out
}

fn collect<'n, 'a>(node: &'n Node<'a>, out: &mut Vec<&'n Node<'a>>) {
    match &node.value {
        Value::Object(members) => {
            for m in members {
                if is_secret_bearing(&m.key) {
                    if !m.value.is_null() {
                        out.push(&m.value);
                    }
                } else {
                    collect(&m.value, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect(i, out)),
        _ => {}
    }
}

/// The spans of [`secret_values`].
pub fn secret_spans(root: &Node) -> Vec<Span> {
    secret_values(root).into_iter().map(|n| n.span).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_keys_and_their_near_misses_bear_secrets() {
        for key in [
            "okta_token",
            "okta_tokne",
            "OKTA_TOKEN",
            "oktaToken",
            "okta-token",
            "okta_token ",
            " okta_token",
            "okta_tokens",
            "okta_token_backup",
            "unterminated\"okta_tokne",
            "a\\okta_token",
            "okta_token/0",
            "accesskey",
            "AccessKey",
            "access_key",
            "sKey",
            "SKEY",
            "skye",
            "duo_secretkey",
            "duo_secret_kye",
            "ping_use_base64key",
            "pingToken",
            "rsa_access_key",
            "client_secret",
            "api_token",
            "password",
        ] {
            assert!(is_secret_bearing(key), "{key:?}");
        }
    }

    #[test]
    fn plain_keys_and_unrelated_keys_do_not() {
        for key in plain_keys() {
            assert!(!is_secret_bearing(key), "{key:?}");
        }
        for key in [
            "ikey",
            "iKey",
            "rsa_accessid",
            "okta_org",
            "okta_api_hostname",
            "colour",
            "a",
            "",
            "description",
            "okta_timeout_s",
        ] {
            assert!(!is_secret_bearing(key), "{key:?}");
        }
    }

    #[test]
    fn the_keys_come_from_the_tables() {
        assert_eq!(
            secret_keys(),
            [
                "okta_token",
                "ping_use_base64_key",
                "ping_token",
                "rsa_accesskey",
                "duo_secret_key",
                "accessKey",
                "skey"
            ]
        );
        for key in plain_keys() {
            assert!(!is_secret_key(key), "{key} is both");
        }
    }
}
