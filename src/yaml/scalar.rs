//! Plain scalars under the YAML 1.2 core schema, and the values YAML 1.1
//! tools read differently.
//!
//! The core schema (YAML 1.2.2, section 10.3) reads a plain scalar as
//! null (`null`, `Null`, `NULL`, `~`, empty), a boolean (`true`, `True`,
//! `TRUE` and the same for false), an integer (`[-+]?[0-9]+`, `0o[0-7]+`,
//! `0x[0-9a-fA-F]+`), a float, or else a string. Numbers are written into
//! the tree as JSON number literals (`0x1e` as `30`, `+1.` as `1.0`);
//! `.inf`, `-.inf` and `.nan`, which JSON cannot hold, and integers too big
//! for 128 bits are read as strings.

use std::borrow::Cow;

use crate::json::Value;

/// A value that a YAML 1.1 reader (PyYAML, Ansible, go-yaml v2, SnakeYAML)
/// reads differently from YAML 1.2, or that YAML reads in a way JSON users
/// do not expect: shown as a hint on a finding at the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reading {
    /// A string in 1.2 that 1.1 reads as this boolean (`yes`, `off`, `y`).
    Bool(bool),
    /// A string in 1.2 that 1.1 reads as this number (`1_000`, `1:30`,
    /// `0b101`, `+0x1e`), in decimal.
    Number(String),
    /// A decimal integer with a leading zero (`010`): 1.2 reads the first
    /// number, 1.1 the second (octal).
    Octal { yaml12: String, yaml11: String },
    /// `0o17`: an integer in 1.2, a string in 1.1.
    NewOctal(String),
    /// `0x1e`: a hexadecimal integer (in 1.1 too).
    Hex(String),
    /// `.inf`, `.nan`: a float in YAML, which JSON cannot hold; read as a
    /// string.
    NotJson,
}

impl Reading {
    /// The hint appended to a finding at the value. `raw` is the value as
    /// written, or `None` when it must not be quoted (a secret).
    pub(crate) fn hint(&self, raw: Option<&str>) -> String {
        let it = |what: &str| match raw {
            Some(r) => format!("`{r}` {what}"),
            None => format!("this value {what}"),
        };
        match self {
            Reading::Bool(b) => format!(
                "{} in YAML 1.2 (YAML 1.1 tools read it as {b}); write `{b}`",
                it("is a string")
            ),
            Reading::Number(n) => match raw {
                Some(_) => format!(
                    "{} in YAML 1.2 (YAML 1.1 tools read it as the number {n}); write `{n}`",
                    it("is a string")
                ),
                None => format!(
                    "{} in YAML 1.2 that YAML 1.1 tools read as a number",
                    it("is a string")
                ),
            },
            Reading::Octal { yaml12, yaml11 } => match raw {
                Some(_) => format!(
                    "{} (YAML 1.1 tools read it as octal, {yaml11}); write it without the leading zero",
                    it(&format!("is {yaml12} in YAML 1.2"))
                ),
                None => "this value has a leading zero: YAML 1.1 tools read it as octal".into(),
            },
            Reading::NewOctal(n) => match raw {
                Some(_) => format!(
                    "{} (YAML 1.1 tools read it as a string)",
                    it(&format!("is the octal integer {n} in YAML 1.2"))
                ),
                None => format!(
                    "{} (YAML 1.1 tools read it as a string)",
                    it("is an octal integer in YAML 1.2")
                ),
            },
            Reading::Hex(n) => match raw {
                Some(_) => it(&format!("is the hexadecimal integer {n} in YAML")),
                None => it("is a hexadecimal integer in YAML"),
            },
            Reading::NotJson => it(
                "is a float that JSON cannot hold (infinity or not-a-number); it was read as a string",
            ),
        }
    }
}

/// The value of a plain scalar under the core schema; `None` for a string
/// (the caller keeps the text), with the YAML 1.1 reading when there is
/// one.
pub(crate) fn plain(s: &str) -> (Option<Value<'static>>, Option<Reading>) {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return (Some(Value::Null), None),
        "true" | "True" | "TRUE" => return (Some(Value::Bool(true)), None),
        "false" | "False" | "FALSE" => return (Some(Value::Bool(false)), None),
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => {
            return (None, Some(Reading::Bool(true)))
        }
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => {
            return (None, Some(Reading::Bool(false)))
        }
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => return (None, Some(Reading::NotJson)),
        _ => {}
    }
    if let Some(n) = int(s) {
        let reading = if s.starts_with("0x") {
            Some(Reading::Hex(n.clone()))
        } else if s.starts_with("0o") {
            Some(Reading::NewOctal(n.clone()))
        } else {
            octal_11(s).map(|yaml11| Reading::Octal {
                yaml12: n.clone(),
                yaml11,
            })
        };
        return (Some(Value::Number(Cow::Owned(n))), reading);
    }
    if let Some(f) = float(s) {
        return (Some(Value::Number(Cow::Owned(f))), None);
    }
    (None, number_11(s).map(Reading::Number))
}

/// A core-schema integer as a JSON literal.
pub(crate) fn int(s: &str) -> Option<String> {
    if let Some(hex) = s.strip_prefix("0x") {
        return radix(hex, 16);
    }
    if let Some(oct) = s.strip_prefix("0o") {
        return radix(oct, 8);
    }
    let (neg, digits) = sign(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let trimmed = digits.trim_start_matches('0');
    let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
    Some(format!("{}{trimmed}", if neg { "-" } else { "" }))
}

fn radix(digits: &str, base: u32) -> Option<String> {
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    u128::from_str_radix(digits, base)
        .ok()
        .map(|n| n.to_string())
}

fn sign(s: &str) -> (bool, &str) {
    match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    }
}

/// A core-schema float (`[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`)
/// as a JSON literal.
pub(crate) fn float(s: &str) -> Option<String> {
    let (neg, rest) = sign(s);
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !fraction.is_none_or(digits) {
        return None;
    }
    if whole.is_empty() && fraction.is_none_or(str::is_empty) {
        return None;
    }
    let exp = match exponent {
        Some(e) => {
            let (eneg, ed) = sign(e);
            if ed.is_empty() || !digits(ed) {
                return None;
            }
            Some(format!("e{}{ed}", if eneg { "-" } else { "" }))
        }
        None => None,
    };
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let fraction = match fraction {
        Some("") => Some("0"),
        f => f,
    };
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(whole);
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    if let Some(e) = exp {
        out.push_str(&e);
    }
    Some(out)
}

/// `010`: the octal value YAML 1.1 gives a decimal 1.2 integer with a
/// leading zero, when it differs.
fn octal_11(s: &str) -> Option<String> {
    let (neg, digits) = sign(s);
    let rest = digits.strip_prefix('0')?;
    if rest.is_empty() || !rest.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        return None;
    }
    let n = i128::from_str_radix(rest, 8).ok()?;
    let n = if neg { -n } else { n };
    Some(n.to_string())
}

/// The number YAML 1.1 reads in a plain scalar that 1.2 reads as a string:
/// integers with `_` (`1_000`), binary (`0b101`), signed hexadecimal
/// (`-0x1e`), base 60 (`1:30`), and floats with `_`.
fn number_11(s: &str) -> Option<String> {
    let (neg, body) = sign(s);
    let signed = |n: i128| (if neg { -n } else { n }).to_string();
    let clean: String = body.chars().filter(|&c| c != '_').collect();
    if clean.is_empty() || body.starts_with('_') {
        return None;
    }
    if let Some(bin) = clean.strip_prefix("0b") {
        return i128::from_str_radix(bin, 2).ok().map(signed);
    }
    if let Some(hex) = clean.strip_prefix("0x") {
        return i128::from_str_radix(hex, 16).ok().map(signed);
    }
    if body.contains(':') {
        // Base 60: [1-9][0-9_]*(:[0-5]?[0-9])+
        let mut parts = clean.split(':');
        let first = parts.next()?;
        if first.starts_with('0') || first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let mut n: i128 = first.parse().ok()?;
        for p in parts {
            if p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let d: i128 = p.parse().ok()?;
            if d >= 60 {
                return None;
            }
            n = n.checked_mul(60)?.checked_add(d)?;
        }
        return Some(signed(n));
    }
    if !s.contains('_') {
        return None;
    }
    if clean.bytes().all(|b| b.is_ascii_digit()) {
        if clean.len() > 1 && clean.starts_with('0') {
            return i128::from_str_radix(&clean[1..], 8).ok().map(signed);
        }
        return clean.parse::<i128>().ok().map(signed);
    }
    float(&format!("{}{clean}", if neg { "-" } else { "" }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(s: &str) -> Option<String> {
        match plain(s).0 {
            Some(Value::Number(n)) => Some(n.into_owned()),
            _ => None,
        }
    }

    #[test]
    fn core_schema_numbers_become_json_literals() {
        for (yaml, json) in [
            ("30", "30"),
            ("+30", "30"),
            ("-0", "-0"),
            ("010", "10"),
            ("0x1e", "30"),
            ("0o17", "15"),
            ("1.5", "1.5"),
            (".5", "0.5"),
            ("5.", "5.0"),
            ("+1e3", "1e3"),
            ("1E-3", "1e-3"),
            ("007.10", "7.10"),
        ] {
            assert_eq!(number(yaml).as_deref(), Some(json), "{yaml}");
        }
        for s in [
            "1_000", "0x", "0x1g", "1:30", "1.2.3", ".", "e3", "-0x1e", "0b1", "1e",
        ] {
            assert_eq!(number(s), None, "{s}");
        }
        assert_eq!(number("0x1ffffffffffffffffffffffffffffffff"), None);
    }

    #[test]
    fn core_schema_nulls_and_booleans() {
        for s in ["", "~", "null", "Null", "NULL"] {
            assert_eq!(plain(s).0, Some(Value::Null));
        }
        assert_eq!(plain("True").0, Some(Value::Bool(true)));
        assert_eq!(plain("FALSE").0, Some(Value::Bool(false)));
        assert_eq!(plain("tRUE").0, None);
    }

    #[test]
    fn yaml_11_readings() {
        assert_eq!(plain("yes"), (None, Some(Reading::Bool(true))));
        assert_eq!(plain("off"), (None, Some(Reading::Bool(false))));
        assert_eq!(plain("1_000").1, Some(Reading::Number("1000".into())));
        assert_eq!(plain("1:30").1, Some(Reading::Number("90".into())));
        assert_eq!(plain("0b101").1, Some(Reading::Number("5".into())));
        assert_eq!(plain("-0x1e").1, Some(Reading::Number("-30".into())));
        assert_eq!(plain("1_0.5").1, Some(Reading::Number("10.5".into())));
        assert_eq!(
            plain("010").1,
            Some(Reading::Octal {
                yaml12: "10".into(),
                yaml11: "8".into()
            })
        );
        assert_eq!(plain("0x1e").1, Some(Reading::Hex("30".into())));
        assert_eq!(plain(".inf"), (None, Some(Reading::NotJson)));
        for s in ["acme", "09", "1:70", "0:30", "_1", "1.5"] {
            assert!(
                !matches!(plain(s).1, Some(Reading::Number(_))),
                "{s}: {:?}",
                plain(s)
            );
        }
    }

    #[test]
    fn hints_quote_only_when_allowed() {
        let h = Reading::Bool(true).hint(Some("yes"));
        assert_eq!(
            h,
            "`yes` is a string in YAML 1.2 (YAML 1.1 tools read it as true); write `true`"
        );
        let h = Reading::Number("1000".into()).hint(None);
        assert!(!h.contains("1000"), "{h}");
        let h = Reading::Octal {
            yaml12: "10".into(),
            yaml11: "8".into(),
        }
        .hint(None);
        assert_eq!(
            h,
            "this value has a leading zero: YAML 1.1 tools read it as octal"
        );
    }
}
