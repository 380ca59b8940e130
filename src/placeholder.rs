//! Template placeholders: values that a deployment tool replaces before the
//! payload is sent (`${OKTA_TOKEN}`, `${{ secrets.DUO_SKEY }}`,
//! `{{ .Values.duo.skey }}`, `<DUO_ACCESS_KEY>`, `$OKTA_TOKEN`).
//!
//! A placeholder is not a plaintext secret, and its length, host name or
//! pattern cannot be judged: the validator skips those checks for it and
//! lists it ([`crate::Checked::placeholders`]); with
//! [`Placeholders::Forbid`] every placeholder is a finding (`MFA006`), for
//! files that must be final. `docs/placeholders.md` lists the syntaxes.

use serde::Serialize;

/// The template syntaxes mfalint recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Syntax {
    /// `${NAME}`, also with a default or check (`${NAME:-x}`, `${NAME?}`):
    /// shells, envsubst, Docker Compose, Terraform.
    DollarBraces,
    /// `${{ expression }}`: GitHub Actions.
    DoubleDollarBraces,
    /// `{{ expression }}`: Jinja and Ansible, Helm and Go templates,
    /// Mustache.
    DoubleBraces,
    /// `<NAME>`: documentation and hand-filled templates.
    AngleBrackets,
    /// `$NAME`: shells.
    Dollar,
    /// `!tag value`: a YAML value under a tag outside the core schema
    /// (`!vault`, `!Ref`, `!env`), which a tool replaces.
    YamlTag,
}

impl Syntax {
    /// How the syntax looks, for messages: `${NAME}`.
    pub fn shape(self) -> &'static str {
        match self {
            Syntax::DollarBraces => "${NAME}",
            Syntax::DoubleDollarBraces => "${{ ... }}",
            Syntax::DoubleBraces => "{{ ... }}",
            Syntax::AngleBrackets => "<NAME>",
            Syntax::Dollar => "$NAME",
            Syntax::YamlTag => "!tag value",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Syntax::DollarBraces => "dollar-braces",
            Syntax::DoubleDollarBraces => "double-dollar-braces",
            Syntax::DoubleBraces => "double-braces",
            Syntax::AngleBrackets => "angle-brackets",
            Syntax::Dollar => "dollar",
            Syntax::YamlTag => "yaml-tag",
        }
    }
}

/// What the validator does with placeholders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Placeholders {
    /// Accepted where a value goes; their values are not judged.
    #[default]
    Allow,
    /// Each one is a finding (`MFA006`): the file must be final.
    Forbid,
}

/// `allow` or `forbid`.
impl std::str::FromStr for Placeholders {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "allow" => Ok(Placeholders::Allow),
            "forbid" => Ok(Placeholders::Forbid),
            _ => Err(format!(
                "unknown placeholder policy `{s}` (expected `allow` or `forbid`)"
            )),
        }
    }
}

/// The syntax of `value` when the whole value is one placeholder.
///
/// Cheap on values that are not: every string field of every payload is
/// asked, and only a value starting with `$`, `{` or `<` is looked at.
#[inline]
pub fn placeholder(value: &str) -> Option<Syntax> {
    let b = value.as_bytes();
    match b.first()? {
        b'$' | b'{' | b'<' => whole(value),
        _ => None,
    }
}

#[inline(never)]
fn whole(value: &str) -> Option<Syntax> {
    if let Some(inner) = enclosed(value, "${{", "}}") {
        return expression(inner).then_some(Syntax::DoubleDollarBraces);
    }
    if let Some(inner) = enclosed(value, "${", "}") {
        return variable_with_modifier(inner).then_some(Syntax::DollarBraces);
    }
    if let Some(inner) = enclosed(value, "{{", "}}") {
        return expression(inner).then_some(Syntax::DoubleBraces);
    }
    if let Some(inner) = enclosed(value, "<", ">") {
        return angle_name(inner).then_some(Syntax::AngleBrackets);
    }
    if let Some(name) = value.strip_prefix('$') {
        return variable(name).then_some(Syntax::Dollar);
    }
    None
}

/// Whether `value` holds a placeholder somewhere inside (`${ORG}.okta.com`,
/// `{{ org }}.okta.com`): only the braced syntaxes, which real values do
/// not contain by chance (a `$` or `<` alone may be part of a secret).
/// Asked only when a value check fails, so it costs nothing on valid
/// payloads.
pub fn embedded(value: &str) -> Option<Syntax> {
    let mut rest = value;
    while let Some(at) = rest.find(['$', '{']) {
        let tail = &rest[at..];
        for (open, close, syntax) in [
            ("${{", "}}", Syntax::DoubleDollarBraces),
            ("${", "}", Syntax::DollarBraces),
            ("{{", "}}", Syntax::DoubleBraces),
        ] {
            if let Some(after) = tail.strip_prefix(open) {
                if let Some(end) = after.find(close) {
                    let inner = &after[..end];
                    let ok = match syntax {
                        Syntax::DollarBraces => variable_with_modifier(inner),
                        _ => expression(inner),
                    };
                    if ok {
                        return Some(syntax);
                    }
                }
            }
        }
        rest = &tail[1..];
    }
    None
}

/// `value` without `open` and `close`, when it has both.
fn enclosed<'v>(value: &'v str, open: &str, close: &str) -> Option<&'v str> {
    value.strip_prefix(open)?.strip_suffix(close)
}

/// `NAME`: a letter or `_`, then letters, digits and `_`.
fn variable(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `NAME`, or `NAME` followed by a shell modifier (`:-default`, `-default`,
/// `:?message`, `?`, `:=x`, `=x`, `:+x`, `+x`) with no `}` in it.
fn variable_with_modifier(inner: &str) -> bool {
    let end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(inner.len());
    let (name, modifier) = inner.split_at(end);
    variable(name)
        && (modifier.is_empty()
            || modifier
                .trim_start_matches(':')
                .starts_with(['-', '?', '=', '+'])
                && !modifier.contains('}'))
}

/// A template expression: something other than blanks, with no line break
/// (a value spanning lines is text, not a placeholder).
fn expression(inner: &str) -> bool {
    let inner = inner.trim_matches(|c| c == ' ' || c == '-');
    !inner.is_empty() && !inner.contains(['\n', '\r'])
}

/// `NAME` between angle brackets: letters, digits, `_`, `-`, `.` and
/// spaces, with at least one letter (`<DUO_ACCESS_KEY>`, `<your token>`).
fn angle_name(inner: &str) -> bool {
    !inner.is_empty()
        && inner.len() <= 64
        && inner.bytes().any(|b| b.is_ascii_alphabetic())
        && inner
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_each_syntax_as_a_whole_value() {
        for (value, syntax) in [
            ("${OKTA_TOKEN}", Syntax::DollarBraces),
            ("${T}", Syntax::DollarBraces),
            ("${OKTA_TOKEN:-changeme}", Syntax::DollarBraces),
            ("${OKTA_TOKEN?required}", Syntax::DollarBraces),
            ("${{ secrets.DUO_SKEY }}", Syntax::DoubleDollarBraces),
            ("{{ okta_token }}", Syntax::DoubleBraces),
            ("{{ .Values.duo.skey }}", Syntax::DoubleBraces),
            ("{{- vault_duo_skey -}}", Syntax::DoubleBraces),
            ("<DUO_ACCESS_KEY>", Syntax::AngleBrackets),
            ("<your okta token>", Syntax::AngleBrackets),
            ("$OKTA_TOKEN", Syntax::Dollar),
        ] {
            assert_eq!(placeholder(value), Some(syntax), "{value}");
        }
    }

    #[test]
    fn real_values_are_not_placeholders() {
        for value in [
            "",
            "acme.okta.com",
            "$",
            "$1abc",
            "$abc-def",
            "${}",
            "${ NAME }",
            "${1X}",
            "{{}}",
            "{{   }}",
            "{{ a\nb }}",
            "<>",
            "<123>",
            "<a/b>",
            "{\"json\": 1}",
            "d******Y",
            "-AQ==abc",
            "ab$Cdef",
            "x${T}",
        ] {
            assert_eq!(placeholder(value), None, "{value:?}");
        }
    }

    #[test]
    fn braced_placeholders_are_found_inside_values() {
        assert_eq!(embedded("${ORG}.okta.com"), Some(Syntax::DollarBraces));
        assert_eq!(embedded("https://{{ host }}/"), Some(Syntax::DoubleBraces));
        assert_eq!(
            embedded("a-${{ vars.X }}-b"),
            Some(Syntax::DoubleDollarBraces)
        );
        for value in ["ab$Cdef", "<X>.com", "{a}", "${ x }", "$$", "{{", "plain"] {
            assert_eq!(embedded(value), None, "{value:?}");
        }
    }

    #[test]
    fn policy_parses() {
        assert_eq!("forbid".parse(), Ok(Placeholders::Forbid));
        assert_eq!("allow".parse(), Ok(Placeholders::Allow));
        assert!("deny".parse::<Placeholders>().is_err());
    }
}
