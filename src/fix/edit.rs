//! Edits of a document's text that keep its formatting: a member removed
//! with its separator, a key renamed or a scalar replaced in the quoting it
//! was written in, a member inserted with its neighbours' indentation. JSON
//! and YAML (block and flow collections) differ only here.

use std::borrow::Cow;

use crate::json::{write_string, Member, Node, Span, Value};
use crate::validate::borrowed_segments;

use super::{Edit, Syntax};

/// A document as fixers see it.
pub(crate) struct Doc<'t, 'n> {
    pub text: &'t str,
    pub syntax: Syntax,
    pub root: &'n Node<'t>,
}

/// Where a pointer leads.
pub(crate) struct Found<'n, 'a> {
    /// The node named (`None`: the last segment names a missing key).
    pub node: Option<&'n Node<'a>>,
    /// The object holding it and the member's index, when it is a member
    /// (or, for a missing key, the object it would be in).
    pub parent: Option<(&'n Node<'a>, Option<usize>)>,
    /// The pointer's last segment.
    pub last: Option<Cow<'n, str>>,
}

impl<'t, 'n> Doc<'t, 'n> {
    /// Follows `pointer` from the root; the last member of a repeated key
    /// wins, as everywhere.
    pub fn resolve(&self, pointer: &'n str) -> Option<Found<'n, 't>> {
        let mut node = self.root;
        let mut parent = None;
        let mut last = None;
        let mut segments = borrowed_segments(pointer).peekable();
        while let Some(seg) = segments.next() {
            match &node.value {
                Value::Object(members) => {
                    let index = members.iter().rposition(|m| m.key == seg);
                    match index {
                        Some(i) => {
                            parent = Some((node, Some(i)));
                            node = &members[i].value;
                        }
                        // Only the last segment may be missing.
                        None if segments.peek().is_none() => {
                            return Some(Found {
                                node: None,
                                parent: Some((node, None)),
                                last: Some(seg),
                            });
                        }
                        None => return None,
                    }
                }
                Value::Array(items) => {
                    node = items.get(seg.parse::<usize>().ok()?)?;
                    parent = None;
                }
                _ => return None,
            }
            last = Some(seg);
        }
        Some(Found {
            node: Some(node),
            parent,
            last,
        })
    }

    fn at(&self, span: Span) -> &'t str {
        self.text.get(span.start..span.end).unwrap_or_default()
    }

    /// Whether `node` (an object) is written as a YAML block mapping.
    fn is_block(&self, node: &Node) -> bool {
        self.syntax == Syntax::Yaml && !self.at(node.span).starts_with('{')
    }

    /// The start of the line holding byte `at`.
    fn line_start(&self, at: usize) -> usize {
        self.text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)
    }

    /// Just past the line break ending the line holding byte `at` (the end
    /// of the text on the last line).
    fn line_end(&self, at: usize) -> usize {
        match self.text[at..].find('\n') {
            Some(i) => at + i + 1,
            None => self.text.len(),
        }
    }

    /// The whitespace before byte `at` on its line, when only whitespace
    /// precedes it there.
    fn indent_before(&self, at: usize) -> Option<&'t str> {
        let start = self.line_start(at);
        let before = &self.text[start..at];
        before
            .chars()
            .all(|c| c == ' ' || c == '\t')
            .then_some(before)
    }

    /// Removes member `index` of `object` with its separator, leaving the
    /// others' layout as it was.
    pub fn remove_member(&self, object: &Node, index: usize) -> Option<Edit> {
        let members = object.members()?;
        let m = members.get(index)?;
        let span = if self.is_block(object) {
            match self.indent_before(m.key_span.start) {
                // The member's lines.
                Some(_) => Span {
                    start: self.line_start(m.key_span.start),
                    end: self.line_end(m.value.span.end.max(m.key_span.end)),
                },
                // `- id: x`: the next member moves up behind the `- `.
                None => Span {
                    start: m.key_span.start,
                    end: members.get(index + 1)?.key_span.start,
                },
            }
        } else if index > 0 {
            // From the end of the previous member: its comma goes.
            Span {
                start: members[index - 1].value.span.end,
                end: m.value.span.end,
            }
        } else if let Some(next) = members.get(index + 1) {
            Span {
                start: m.key_span.start,
                end: next.key_span.start,
            }
        } else {
            Span {
                start: m.key_span.start,
                end: m.value.span.end,
            }
        };
        Some(Edit {
            span,
            text: String::new(),
        })
    }

    /// `s` as a key or string value in the style `old` (a span of the text)
    /// was written in.
    fn quoted_like(&self, old: Span, s: &str) -> String {
        let was = self.at(old);
        if self.syntax == Syntax::Yaml {
            if was.starts_with('\'') && !s.contains(['\'', '\n']) {
                return format!("'{s}'");
            }
            let plain = !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'));
            if !was.starts_with(['"', '\'']) && plain {
                return s.to_string();
            }
        }
        let mut out = String::new();
        write_string(&mut out, s);
        out
    }

    /// Renames the key of `m` to `new`.
    pub fn rename_key(&self, m: &Member, new: &str) -> Edit {
        Edit {
            span: m.key_span,
            text: self.quoted_like(m.key_span, new),
        }
    }

    /// Replaces the string `node` by the string `new`, quoted as it was.
    pub fn replace_string(&self, node: &Node, new: &str) -> Edit {
        Edit {
            span: node.span,
            text: self.quoted_like(node.span, new),
        }
    }

    /// Replaces `node` by `raw`, written as it is (a number).
    pub fn replace_raw(&self, node: &Node, raw: &str) -> Edit {
        Edit {
            span: node.span,
            text: raw.to_string(),
        }
    }

    /// Inserts the member `key: value` (`value` as JSON text, which is also
    /// a YAML scalar) at the end of `object`, laid out like its last member.
    pub fn insert_member(&self, object: &Node, key: &str, value: &str) -> Option<Edit> {
        let members = object.members()?;
        let mut key_text = String::new();
        let block = self.is_block(object);
        if block {
            key_text.push_str(key);
        } else {
            write_string(&mut key_text, key);
        }
        let Some(last) = members.last() else {
            // An empty flow object: `{}` becomes `{"key": value}`.
            let at = object.span.start + 1;
            return Some(Edit {
                span: Span { start: at, end: at },
                text: format!("{key_text}: {value}"),
            });
        };
        let end = last.value.span.end;
        let same_line = !self.text[last.key_span.start..end].contains('\n')
            && self.line_start(last.key_span.start) == self.line_start(object.span.start);
        let text = match (block, self.indent_before(last.key_span.start)) {
            (true, Some(indent)) => format!("\n{indent}{key_text}: {value}"),
            // After `- first: x`, the next member is indented past the `- `.
            (true, None) => {
                let column = last.key_span.start - self.line_start(last.key_span.start);
                format!("\n{}{key_text}: {value}", " ".repeat(column))
            }
            (false, Some(indent)) if !same_line => format!(",\n{indent}{key_text}: {value}"),
            (false, _) => format!(", {key_text}: {value}"),
        };
        Some(Edit {
            span: Span { start: end, end },
            text,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::apply;
    use crate::json::parse;
    use crate::Options;

    fn with<F: Fn(&Doc) -> Edit>(text: &str, f: F) -> String {
        let root = parse(text, &Options::default().limits).unwrap();
        let doc = Doc {
            text,
            syntax: Syntax::Json,
            root: &root,
        };
        let e = f(&doc);
        apply(text, &[&e])
    }

    #[test]
    fn json_members_go_with_their_comma() {
        let text = "{\n  \"id\": \"x\",\n  \"name\": \"n\"\n}\n";
        let out = with(text, |d| d.remove_member(d.root, 0).unwrap());
        assert_eq!(out, "{\n  \"name\": \"n\"\n}\n");
        let out = with(text, |d| d.remove_member(d.root, 1).unwrap());
        assert_eq!(out, "{\n  \"id\": \"x\"\n}\n");
        let out = with("{\"id\": 1}", |d| d.remove_member(d.root, 0).unwrap());
        assert_eq!(out, "{}");
    }

    #[test]
    fn json_inserts_follow_the_layout() {
        let text = "{\n  \"a\": 1\n}";
        let out = with(text, |d| d.insert_member(d.root, "b", "2").unwrap());
        assert_eq!(out, "{\n  \"a\": 1,\n  \"b\": 2\n}");
        let out = with("{\"a\": 1}", |d| d.insert_member(d.root, "b", "2").unwrap());
        assert_eq!(out, "{\"a\": 1, \"b\": 2}");
        let out = with("{}", |d| d.insert_member(d.root, "b", "2").unwrap());
        assert_eq!(out, "{\"b\": 2}");
    }

    #[test]
    fn pointers_resolve_to_members_and_missing_keys() {
        let text = r#"{"a": {"b": [1, {"c": 2}]}}"#;
        let root = parse(text, &Options::default().limits).unwrap();
        let doc = Doc {
            text,
            syntax: Syntax::Json,
            root: &root,
        };
        let found = doc.resolve("/a/b/1/c").unwrap();
        assert_eq!(found.node.unwrap().value, Value::Number("2".into()));
        assert_eq!(found.parent.unwrap().1, Some(0));
        let missing = doc.resolve("/a/x").unwrap();
        assert!(missing.node.is_none());
        assert_eq!(missing.last.as_deref(), Some("x"));
        assert!(doc.resolve("/a/x/y").is_none());
    }
}
