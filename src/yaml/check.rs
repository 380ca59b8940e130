//! A YAML file's documents, checked as JSON documents are, then:
//! - the findings inside a value under a tag outside the core schema are
//!   withdrawn and the value listed as a placeholder (`yaml-tag`), or
//!   reported by `MFA006` when placeholders are forbidden;
//! - a type or timeout finding at a value that YAML 1.1 reads differently
//!   carries a hint saying so.

use crate::file::{self, CheckedDocument, Secret, Syntax};
use crate::json::Span;
use crate::{placeholder, rules, Checked, Finding, Kind, Options, Placeholder, RuleId, Target};

use super::Document;

/// Every document of `text` checked; a stream that stops being readable
/// ends with one document holding its `MFA000` finding.
pub(crate) fn check(text: &str, kind: Option<Kind>, opts: &Options) -> Vec<CheckedDocument> {
    let stream = super::parse_stream(text, &opts.limits);
    let of = stream.documents.len() + usize::from(stream.error.is_some());
    if of == 0 {
        let finding = rules::parse_error::yaml(text, None, "the YAML stream holds no document");
        return vec![failed(finding, 0, 1)];
    }
    let mut out = Vec::with_capacity(of);
    for (index, doc) in stream.documents.iter().enumerate() {
        // An unsafe fix is kept only if the fixed document still reads as
        // one document with no more errors. Only the document's own text is
        // read again (its fixes' edits lie in it), so a stream of many
        // documents with many fixes is not read again whole for each.
        let errors = |fixed: &str| {
            let end = (doc.range.end + fixed.len()).checked_sub(text.len());
            let Some(own) = end.and_then(|end| fixed.get(doc.range.start..end)) else {
                return usize::MAX;
            };
            let s = super::parse_stream(own, &opts.limits);
            match (s.error, s.documents.as_slice()) {
                (None, [d]) => {
                    file::error_count(&crate::check_parsed(&d.root, kind, opts, d.duplicate_keys))
                }
                _ => usize::MAX,
            }
        };
        let mut d = file::document(
            text,
            Syntax::Yaml,
            &doc.root,
            doc.duplicate_keys,
            kind,
            opts,
            &errors,
            index,
            of,
        );
        annotate(text, doc, opts, &mut d.checked, &d.secrets);
        mask_anchors(&mut d.secrets, &doc.aliases);
        out.push(d);
    }
    if let Some(e) = stream.error {
        let finding = rules::parse_error::yaml(text, Some(e.offset), &e.message);
        out.push(failed(finding, of - 1, of));
    }
    out
}

/// A secret written through an alias is masked where its anchor wrote it
/// too; the secrets stay in order and disjoint.
fn mask_anchors(secrets: &mut Vec<Secret>, aliases: &[(Span, Span)]) {
    let more: Vec<Secret> = secrets
        .iter()
        .flat_map(|s| {
            aliases
                .iter()
                .filter(move |(alias, _)| *alias == s.span)
                .map(|(_, anchored)| Secret {
                    span: *anchored,
                    string: s.string,
                })
        })
        .collect();
    if more.is_empty() {
        return;
    }
    secrets.extend(more);
    secrets.sort_by_key(|s| (s.span.start, std::cmp::Reverse(s.span.end)));
    let mut merged: Vec<Secret> = Vec::with_capacity(secrets.len());
    for s in secrets.drain(..) {
        match merged.last_mut() {
            Some(last) if s.span.start < last.span.end => {
                if s.span.end > last.span.end {
                    last.span.end = s.span.end;
                    last.string = false;
                }
            }
            _ => merged.push(s),
        }
    }
    *secrets = merged;
}

fn failed(finding: Finding, index: usize, of: usize) -> CheckedDocument {
    CheckedDocument {
        index,
        of,
        checked: Checked::failed(finding),
        secrets: Vec::new(),
        parsed: false,
    }
}

/// The rules whose findings at a value get its YAML 1.1 hint: those about
/// its type or number.
const HINTED: [RuleId; 4] = [
    RuleId::WrongType,
    RuleId::TimeoutNotInteger,
    RuleId::TimeoutNumericString,
    RuleId::TimeoutRange,
];

fn annotate(text: &str, doc: &Document, opts: &Options, checked: &mut Checked, secrets: &[Secret]) {
    // The core marks a missing key or an unknown kind at the first byte of
    // the enclosing value (a JSON `{`): in YAML that may be the first byte
    // of a longer character, or no byte at all (an empty value at the end
    // of the text, as in `!tag` alone).
    let whole = |s: &mut Span| {
        s.end = s.end.min(text.len());
        s.start = s.start.min(s.end);
        while s.end < text.len() && !text.is_char_boundary(s.end) {
            s.end += 1;
        }
    };
    for f in &mut checked.findings {
        if let Some(s) = &mut f.span {
            whole(s);
        }
        for r in &mut f.related {
            whole(&mut r.span);
        }
    }
    let within = |inner: Span, outer: Span| outer.start <= inner.start && inner.end <= outer.end;
    if !doc.tagged.is_empty() {
        checked.findings.retain(|f| {
            !f.span
                .is_some_and(|s| doc.tagged.iter().any(|t| within(s, t.span)))
        });
        let level = opts.rules.level(RuleId::UnresolvedPlaceholder);
        for t in &doc.tagged {
            let p = Placeholder {
                pointer: t.pointer.clone(),
                span: Some(t.span),
                syntax: placeholder::Syntax::YamlTag,
            };
            let at = checked
                .placeholders
                .partition_point(|q| q.span.is_some_and(|s| s.start <= t.span.start));
            checked.placeholders.insert(at, p);
            if let Some(severity) = level {
                let what = if t.key.is_empty() {
                    "The value".to_string()
                } else {
                    format!("`{}`", t.key)
                };
                let finding = Finding {
                    rule: RuleId::UnresolvedPlaceholder,
                    severity,
                    pointer: t.pointer.clone(),
                    message: format!(
                        "{what} holds a YAML tag outside the core schema (`{}`), which a tool \
                         replaces: this file must be final",
                        placeholder::Syntax::YamlTag.shape()
                    ),
                    constraint: None,
                    target: Target::Value,
                    span: Some(t.span),
                    related: Vec::new(),
                    fix: None,
                };
                let at = checked
                    .findings
                    .partition_point(|f| f.span.is_none_or(|s| s.start <= t.span.start));
                checked.findings.insert(at, finding);
            }
        }
    }
    if doc.readings.is_empty() {
        return;
    }
    for f in &mut checked.findings {
        if f.target != Target::Value || !HINTED.contains(&f.rule) {
            continue;
        }
        let Some(span) = f.span else { continue };
        let Ok(i) = doc
            .readings
            .binary_search_by_key(&span.start, |(s, _)| s.start)
        else {
            continue;
        };
        let (at, reading) = &doc.readings[i];
        if *at != span {
            continue;
        }
        let secret = secrets.iter().any(|s| within(span, s.span))
            || crate::pointer_segments(&f.pointer)
                .last()
                .is_some_and(|key| crate::is_secret_bearing(&key));
        let raw = (!secret).then(|| text.get(span.start..span.end)).flatten();
        f.message.push_str("; ");
        f.message.push_str(&reading.hint(raw));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(text: &str) -> Vec<CheckedDocument> {
        check(text, None, &Options::default())
    }

    fn codes(d: &CheckedDocument) -> Vec<&'static str> {
        d.checked.findings.iter().map(|f| f.code()).collect()
    }

    const SAILPOINT: &str = "mfaMethod: okta-verify\nenabled: yes\nhost: acme.okta.com\n\
        accessKey: ${OKTA_TOKEN}\n";

    #[test]
    fn a_yaml_11_boolean_gets_a_hint() {
        let d = docs(SAILPOINT);
        assert_eq!(d.len(), 1);
        let f = &d[0].checked.findings[0];
        assert_eq!(f.code(), "MFA002", "{:?}", d[0].checked.findings);
        assert_eq!(f.pointer, "/enabled");
        assert!(
            f.message.ends_with(
                "`yes` is a string in YAML 1.2 (YAML 1.1 tools read it as true); write `true`"
            ),
            "{}",
            f.message
        );
        assert_eq!(f.span, Some(Span { start: 32, end: 35 }));
    }

    #[test]
    fn each_document_of_a_stream_is_checked() {
        let text = format!(
            "{SAILPOINT}---\n{}---\n{{\"mfaMethod\": \"okta-verify\", \"enabled\": false}}\n",
            SAILPOINT.replace("yes", "true")
        );
        let d = docs(&text);
        assert_eq!(d.len(), 3);
        assert_eq!((d[2].index, d[2].of), (2, 3));
        assert_eq!(codes(&d[0]), ["MFA002"]);
        assert!(codes(&d[1]).is_empty(), "{:?}", d[1].checked.findings);
    }

    #[test]
    fn a_parse_error_ends_the_stream() {
        let d = docs("a: 1\n---\nb: [1, 2\n");
        assert_eq!(d.len(), 2);
        assert!(d[0].parsed);
        assert!(!d[1].parsed);
        assert_eq!(codes(&d[1]), ["MFA000"]);
        assert!(d[1].checked.findings[0]
            .message
            .starts_with("invalid YAML: "));
        let empty = docs("# nothing\n");
        assert_eq!(codes(&empty[0]), ["MFA000"]);
    }

    #[test]
    fn fixes_before_a_broken_document_are_kept() {
        let text = "name: r\nmfa_cert_profile: c\nfolder: Shared\nmfa_vendor_type:\n  rsa_securid_access_v1:\n    rsa_timeout: \"30\"\n---\n[\n";
        let d = docs(text);
        assert_eq!(d.len(), 2);
        let f = d[0]
            .checked
            .findings
            .iter()
            .find(|f| f.code() == "MFA051")
            .expect("numeric string");
        assert!(f.fix.is_some(), "{f:?}");
        let bad = check_file_bytes(b"a: \xff\n");
        assert!(bad[0].checked.findings[0].message.contains("YAML"));
    }

    fn check_file_bytes(bytes: &[u8]) -> Vec<CheckedDocument> {
        crate::check_file(bytes, Syntax::Yaml, None, &Options::default())
    }

    #[test]
    fn spans_stay_inside_the_text() {
        for text in ["!$0", "!x", "--- !vault", "a: !t"] {
            for kind in std::iter::once(None).chain(Kind::ALL.map(Some)) {
                for d in check(text, kind, &Options::default()) {
                    for f in &d.checked.findings {
                        let s = f.span.unwrap();
                        assert!(text.get(s.start..s.end).is_some(), "{text:?}: {f:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn spans_end_on_character_boundaries() {
        let text = "\u{feff}é: 1\n";
        for kind in std::iter::once(None).chain(Kind::ALL.map(Some)) {
            for d in check(text, kind, &Options::default()) {
                for f in &d.checked.findings {
                    let s = f.span.unwrap();
                    assert!(text.get(s.start..s.end).is_some(), "{f:?}");
                }
            }
        }
    }

    #[test]
    fn duplicate_keys_are_reported() {
        let d = docs("mfaMethod: okta-verify\nenabled: true\nenabled: false\nhost: a.okta.com\naccessKey: ${T}\n");
        assert!(
            codes(&d[0]).contains(&"MFA001"),
            "{:?}",
            d[0].checked.findings
        );
    }

    #[test]
    fn a_secret_through_an_alias_is_masked_at_its_anchor() {
        let text = "common: &tok tok3n-EXAMPLE-anchored\nmfaMethod: okta-verify\nenabled: true\nhost: a.okta.com\naccessKey: *tok\n";
        let d = docs(text);
        let shown: Vec<&str> = d[0]
            .secrets
            .iter()
            .map(|s| &text[s.span.start..s.span.end])
            .collect();
        assert_eq!(shown, ["tok3n-EXAMPLE-anchored", "*tok"]);
    }

    #[test]
    fn a_custom_tag_is_a_placeholder() {
        let text = "mfaMethod: okta-verify\nenabled: true\nhost: !Ref OktaHost\naccessKey: !vault |\n  abc\n";
        let d = docs(text);
        assert!(codes(&d[0]).is_empty(), "{:?}", d[0].checked.findings);
        let p = &d[0].checked.placeholders;
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].pointer, "/host");
        assert_eq!(p[0].syntax, placeholder::Syntax::YamlTag);
        assert_eq!(
            &text[p[0].span.unwrap().start..p[0].span.unwrap().end],
            "!Ref OktaHost"
        );
        let mut forbid = Options::default();
        forbid.rules.select("MFA006").unwrap();
        let d = check(text, None, &forbid);
        assert_eq!(codes(&d[0]), ["MFA006", "MFA006"]);
    }
}
