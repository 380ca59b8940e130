//! Findings placed in the source: `line:column` ranges, related locations.

use std::collections::hash_map::{Entry, HashMap};

use crate::json::{LineIndex, Locator, Node, Span, Value};
use crate::{Constraint, Finding, Rule, Severity};
use serde::Serialize;

/// A 1-based position; columns count characters (Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A located range of the source (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub start: Pos,
    pub end: Pos,
    /// Byte range in the text, for the excerpt.
    pub bytes: Span,
}

impl Region {
    /// One region of `text`; for many, index the text once with [`Region::indexed`].
    pub fn new(text: &str, span: Span) -> Region {
        Region::indexed(&LineIndex::new(text), span)
    }

    pub fn indexed(lines: &LineIndex, span: Span) -> Region {
        let s = lines.line_col(span.start);
        let e = lines.line_col(span.end.max(span.start));
        Region {
            start: Pos {
                line: s.line,
                column: s.column,
            },
            end: Pos {
                line: e.line,
                column: e.column,
            },
            bytes: span,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Related {
    pub region: Region,
    pub message: String,
}

/// A finding with its place in the file.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// JSON Pointer, `None` for file-level problems (parse errors).
    pub pointer: Option<String>,
    pub constraint: Option<Constraint>,
    pub region: Region,
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A file-level diagnostic of one of the CLI's own rules.
    pub fn file_level(rule: &'static Rule, message: String, region: Region) -> Diagnostic {
        Diagnostic {
            code: rule.code,
            rule: rule.name,
            severity: rule.severity,
            message,
            pointer: None,
            constraint: None,
            region,
            related: Vec::new(),
        }
    }
}

/// Rules whose finding is about a member's key rather than its value.
const KEY_RULES: &[&str] = &["MFA001", "MFA003", "MFA004"];

/// Each later duplicate of a key, in the order the core reports them
/// (an object's own duplicates, then its members depth first).
struct DuplicateSite {
    pointer: String,
    key: String,
    first: Span,
    this: Span,
}

fn push_segment(pointer: &str, segment: &str) -> String {
    let mut out = pointer.to_string();
    append_segment(&mut out, segment);
    out
}

/// Appends `/segment`, escaped per RFC 6901.
fn append_segment(pointer: &mut String, segment: &str) {
    pointer.push('/');
    for c in segment.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// Objects with more members than this find duplicates with a hash map
/// (as the core does), so a hostile 100,000-key object is not quadratic.
const SMALL_OBJECT: usize = 16;

/// `pointer` is a buffer holding the pointer of `node`: it is extended for
/// each container below and restored, so a walk allocates only for sites.
fn duplicate_sites(node: &Node, pointer: &mut String, out: &mut Vec<DuplicateSite>) {
    let descend = |n: &Node| matches!(n.value, Value::Object(_) | Value::Array(_));
    match &node.value {
        Value::Object(members) => {
            let mut seen: HashMap<&str, Span> = HashMap::new();
            for (i, m) in members.iter().enumerate() {
                let first = if members.len() > SMALL_OBJECT {
                    match seen.entry(m.key.as_ref()) {
                        Entry::Occupied(e) => Some(*e.get()),
                        Entry::Vacant(e) => {
                            e.insert(m.key_span);
                            None
                        }
                    }
                } else {
                    members[..i]
                        .iter()
                        .find(|e| e.key == m.key)
                        .map(|e| e.key_span)
                };
                if let Some(first) = first {
                    out.push(DuplicateSite {
                        pointer: push_segment(pointer, &m.key),
                        key: m.key.to_string(),
                        first,
                        this: m.key_span,
                    });
                }
            }
            // Nothing beneath a secret is shown: the core reports such a
            // duplicate at the secret itself.
            for m in members
                .iter()
                .filter(|m| descend(&m.value) && !crate::is_secret_bearing(&m.key))
            {
                let len = pointer.len();
                append_segment(pointer, &m.key);
                duplicate_sites(&m.value, pointer, out);
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate().filter(|(_, n)| descend(n)) {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&i.to_string());
                duplicate_sites(item, pointer, out);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// Drops the last segment of a pointer.
fn parent(pointer: &str) -> &str {
    pointer.rfind('/').map_or("", |i| &pointer[..i])
}

/// Where a finding is marked: the key for key rules, the value otherwise;
/// for a missing key, the key of the enclosing member (or the `{` of the
/// enclosing object when it is the root or an array item).
fn span_of(locator: &mut Locator, f: &Finding) -> Span {
    let loc = locator.locate(&f.pointer);
    if loc.exact {
        if KEY_RULES.contains(&f.code) {
            if let Some(k) = loc.key_span {
                return k;
            }
        }
        return loc.span;
    }
    let mut p = parent(&f.pointer);
    loop {
        let l = locator.locate(p);
        if l.exact {
            return match l.key_span {
                Some(k) => k,
                None => Span {
                    start: l.span.start,
                    end: l.span.start + 1,
                },
            };
        }
        if p.is_empty() {
            return Span {
                start: l.span.start,
                end: l.span.start + 1,
            };
        }
        p = parent(p);
    }
}

/// Places every finding of a parsed file.
pub fn locate_all(text: &str, root: &Node, findings: &[Finding]) -> Vec<Diagnostic> {
    let mut sites = Vec::new();
    let dup_count = findings.iter().filter(|f| f.code == "MFA001").count();
    // Most files have no duplicate key: no walk for them.
    if dup_count > 0 {
        duplicate_sites(root, &mut String::new(), &mut sites);
    }
    let mut sites = if dup_count == sites.len() {
        sites.into_iter()
    } else {
        Vec::new().into_iter()
    };
    let lines = LineIndex::new(text);
    let mut locator = Locator::new(root);
    findings
        .iter()
        .map(|f| {
            let mut d = Diagnostic {
                code: f.code,
                rule: f.rule,
                severity: f.severity,
                message: f.message.clone(),
                pointer: Some(f.pointer.clone()),
                constraint: f.constraint.clone(),
                region: Region::indexed(&lines, span_of(&mut locator, f)),
                related: Vec::new(),
            };
            if f.code == "MFA001" {
                if let Some(site) = sites.next().filter(|s| s.pointer == f.pointer) {
                    let first = Region::indexed(&lines, site.first);
                    d.region = Region::indexed(&lines, site.this);
                    d.message = format!(
                        "duplicate key `{}`: first at line {}, again at line {}; parsers disagree on which value wins",
                        site.key, first.start.line, d.region.start.line
                    );
                    d.related.push(Related {
                        region: first,
                        message: format!("first `{}` here", site.key),
                    });
                }
            }
            d
        })
        .collect()
}
