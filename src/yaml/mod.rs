//! YAML 1.2 payload files (feature `yaml`): a stream of documents read
//! into the same [`Node`] trees as JSON, with spans that are byte offsets
//! into the file's text, so pointers, `line:col`, excerpts, secret masking
//! and fixes work unchanged. `docs/yaml.md` describes what is read.
//!
//! The hazards, each an error or a finding, never a crash or a blow-up:
//! - duplicate keys stay in the tree (the duplicate-key rule reports
//!   them);
//! - aliases are expanded, within a budget of nodes
//!   ([`ALIAS_NODES`], or the file's size in bytes if larger) and the depth
//!   limit: a billion laughs stops with `MFA000`;
//! - tags of the core schema (`!!str`, `!!int`, ...) are honoured; any
//!   other tag (`!vault`, `!Ref`, `!env`) marks a value that a tool
//!   replaces, a placeholder whose value is not judged;
//! - values YAML 1.1 tools read differently (`yes`, `1_000`, `010`, `1:30`)
//!   are noted, and a finding at one carries a hint ([`scalar::Reading`]).

mod check;
mod scalar;

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};

use crate::json::{has_duplicate_keys, Limits, Member, Node, Span, Value};

pub(crate) use check::check;
pub(crate) use scalar::Reading;

/// Nodes that aliases may add to a stream, at least (a bigger file may add
/// as many as it has bytes): the bound on alias expansion.
pub const ALIAS_NODES: usize = 100_000;

/// One document of a stream, read.
#[derive(Debug)]
pub(crate) struct Document<'a> {
    pub root: Node<'a>,
    /// The document's text: from its `---` (or first node) to the end of
    /// its root; it reads on its own as the same document.
    pub range: Span,
    pub duplicate_keys: bool,
    /// Values that YAML 1.1 reads differently, by the span of the value,
    /// in document order.
    pub readings: Vec<(Span, Reading)>,
    /// Values under a tag outside the core schema.
    pub tagged: Vec<Tagged>,
    /// Each alias's span, and the span of the node it repeats (where a
    /// secret it stands for is written).
    pub aliases: Vec<(Span, Span)>,
}

/// A value under a tag outside the core schema (`!vault`, `!Ref`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tagged {
    /// The value, tag included.
    pub span: Span,
    /// JSON Pointer to the value (stopping at a secret-bearing key).
    pub pointer: String,
    /// The key it is the value of (empty for an item or the root).
    pub key: String,
}

/// Where and why a stream stopped being readable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Error {
    /// Byte offset into the text.
    pub offset: usize,
    /// Never quotes the text.
    pub message: String,
}

/// A stream read up to its end or its first error: the documents read
/// before, and the error, which belongs to the next document.
#[derive(Debug)]
pub(crate) struct Stream<'a> {
    pub documents: Vec<Document<'a>>,
    pub error: Option<Error>,
}

/// Reads every document of `text`, within `limits`' depth (the size limit
/// is the caller's, on the bytes).
pub(crate) fn parse_stream<'a>(text: &'a str, limits: &Limits) -> Stream<'a> {
    // A byte order mark starts the stream, outside any document (saphyr
    // would read it into the first scalar).
    let (body, base) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, text.len() - rest.len()),
        None => (text, 0),
    };
    let chars = CharIndex::new(body);
    let mut reader = Reader {
        text,
        max_depth: limits.max_depth.min(Limits::MAX_DEPTH_CAP),
        budget: ALIAS_NODES.max(text.len()),
        expanded: 0,
        stored: 0,
        anchors: HashMap::new(),
        frames: Vec::new(),
        root: None,
        duplicate_keys: false,
        readings: Vec::new(),
        tagged: Vec::new(),
        aliases: Vec::new(),
        doc_start: 0,
    };
    let mut documents = Vec::new();
    let mut error = None;
    for event in Parser::new_from_str(body) {
        let (event, span) = match event {
            Ok(e) => e,
            Err(e) => {
                error = Some(Error {
                    offset: base + chars.byte(e.marker().index()),
                    message: e.info().to_string(),
                });
                break;
            }
        };
        let span = Span {
            start: base + chars.byte(span.start.index()),
            end: base + chars.byte(span.end.index()),
        };
        if let Err(e) = reader.event(event, span) {
            error = Some(e);
            break;
        }
        if let Some(document) = reader.finished() {
            documents.push(document);
        }
    }
    Stream { documents, error }
}

/// Character indexes (saphyr's markers) to byte offsets: every 64th
/// character's offset is kept, the rest walked.
struct CharIndex<'t> {
    text: &'t str,
    ascii: bool,
    marks: Vec<usize>,
}

impl<'t> CharIndex<'t> {
    const STEP: usize = 64;

    fn new(text: &'t str) -> Self {
        let ascii = text.is_ascii();
        let marks = if ascii {
            Vec::new()
        } else {
            text.char_indices()
                .step_by(Self::STEP)
                .map(|(i, _)| i)
                .collect()
        };
        CharIndex { text, ascii, marks }
    }

    fn byte(&self, index: usize) -> usize {
        if self.ascii {
            return index.min(self.text.len());
        }
        let Some(&from) = self.marks.get(index / Self::STEP) else {
            return self.text.len();
        };
        self.text[from..]
            .char_indices()
            .nth(index % Self::STEP)
            .map_or(self.text.len(), |(i, _)| from + i)
    }
}

/// A collection being read.
struct Frame<'a> {
    items: Items<'a>,
    start: usize,
    /// `{` or `[`: the closing event's span ends it.
    flow: bool,
    /// Where the last child ended (a block collection ends there).
    end: usize,
    anchor: usize,
    /// A tag outside the core schema: (pointer, key, start of the tag).
    tagged: Option<(String, String, usize)>,
    /// Nodes in it, itself included.
    size: usize,
    /// Levels of collections in it, itself included.
    height: usize,
}

enum Items<'a> {
    Seq(Vec<Node<'a>>),
    Map {
        members: Vec<Member<'a>>,
        key: Option<(Cow<'a, str>, Span)>,
    },
}

/// An anchored node, for its aliases.
struct Anchored<'a> {
    node: Node<'a>,
    size: usize,
    height: usize,
}

struct Reader<'a> {
    text: &'a str,
    max_depth: usize,
    /// Nodes aliases may add; `expanded` have been.
    budget: usize,
    expanded: usize,
    /// Nodes kept for aliases (anchored nodes), within `budget` too.
    stored: usize,
    anchors: HashMap<usize, Anchored<'a>>,
    frames: Vec<Frame<'a>>,
    root: Option<Node<'a>>,
    duplicate_keys: bool,
    readings: Vec<(Span, Reading)>,
    tagged: Vec<Tagged>,
    aliases: Vec<(Span, Span)>,
    /// Where the document being read starts (its `---`, if any).
    doc_start: usize,
}

/// A finished node and what its parent needs to know of it.
struct Done<'a> {
    node: Node<'a>,
    /// Its text as a mapping key, for a scalar.
    key: Option<Cow<'a, str>>,
    size: usize,
    height: usize,
    anchor: usize,
}

impl<'a> Reader<'a> {
    fn error(&self, offset: usize, message: impl Into<String>) -> Error {
        Error {
            offset,
            message: message.into(),
        }
    }

    /// The document just read, when one is.
    fn finished(&mut self) -> Option<Document<'a>> {
        self.root.take().map(|root| Document {
            range: Span {
                start: self.doc_start.min(root.span.start),
                end: root.span.end,
            },
            root,
            duplicate_keys: std::mem::take(&mut self.duplicate_keys),
            readings: std::mem::take(&mut self.readings),
            tagged: std::mem::take(&mut self.tagged),
            aliases: std::mem::take(&mut self.aliases),
        })
    }

    fn event(&mut self, event: Event<'a>, span: Span) -> Result<(), Error> {
        match event {
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => Ok(()),
            Event::DocumentStart(_) => {
                self.anchors.clear();
                self.doc_start = span.start;
                Ok(())
            }
            Event::Alias(id) => self.alias(id, span),
            Event::Scalar(value, style, anchor, tag) => {
                self.scalar(value, style, anchor, tag, span)
            }
            Event::SequenceStart(anchor, tag) => {
                self.open(Items::Seq(Vec::new()), anchor, tag, span)
            }
            Event::MappingStart(anchor, tag) => self.open(
                Items::Map {
                    members: Vec::new(),
                    key: None,
                },
                anchor,
                tag,
                span,
            ),
            Event::SequenceEnd | Event::MappingEnd => self.close(span),
        }
    }

    /// Whether the next node is a mapping key.
    fn at_key(&self) -> bool {
        matches!(
            self.frames.last(),
            Some(Frame {
                items: Items::Map { key: None, .. },
                ..
            })
        )
    }

    /// The pointer to the next node, and the key it is the value of.
    fn pointer(&self) -> (String, String) {
        let mut out = String::new();
        let mut last = String::new();
        for frame in &self.frames {
            match &frame.items {
                Items::Seq(items) => {
                    out.push('/');
                    out.push_str(&items.len().to_string());
                    last.clear();
                }
                Items::Map { key, .. } => {
                    let key = key.as_ref().map_or("", |(k, _)| k);
                    out.push('/');
                    crate::validate::push_escaped(&mut out, key);
                    last = key.to_string();
                    if crate::is_secret_bearing(key) {
                        break;
                    }
                }
            }
        }
        (out, last)
    }

    fn scalar(
        &mut self,
        text: Cow<'a, str>,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<Cow<'a, Tag>>,
        span: Span,
    ) -> Result<(), Error> {
        let start = skip_properties(self.text, span.start, span.end);
        let vspan = Span {
            start,
            end: scalar_end(self.text, style, start, span.end.max(start)),
        };
        if self.at_key() {
            let node = Node {
                span: vspan,
                value: Value::String(text.clone()),
            };
            return self.done(Done {
                node,
                key: Some(text),
                size: 1,
                height: 0,
                anchor,
            });
        }
        let value = match tag.as_deref() {
            None if style == ScalarStyle::Plain => {
                let (value, reading) = scalar::plain(&text);
                if let Some(r) = reading {
                    self.readings.push((vspan, r));
                }
                value.unwrap_or_else(|| Value::String(text.clone()))
            }
            None => Value::String(text.clone()),
            Some(t) if t.is_yaml_core_schema() => self.core_tagged(&t.suffix, &text, vspan)?,
            // `!` alone: a string.
            Some(t) if t.handle == "!" && t.suffix.is_empty() => Value::String(text.clone()),
            Some(_) => {
                let (pointer, key) = self.pointer();
                self.tagged.push(Tagged {
                    span: Span {
                        start: tag_start(self.text, span.start, start),
                        end: vspan.end,
                    },
                    pointer,
                    key,
                });
                Value::String(text.clone())
            }
        };
        self.done(Done {
            node: Node { span: vspan, value },
            key: Some(text),
            size: 1,
            height: 0,
            anchor,
        })
    }

    /// A scalar under a core-schema tag: `!!str`, `!!int`, `!!float`,
    /// `!!bool`, `!!null`; other core tags (`!!binary`, `!!timestamp`)
    /// read as strings.
    fn core_tagged(&self, suffix: &str, text: &str, at: Span) -> Result<Value<'a>, Error> {
        let bad = |what: &str| {
            self.error(
                at.start,
                format!("the value tagged `!!{suffix}` is not {what} (YAML 1.2 core schema)"),
            )
        };
        Ok(match suffix {
            "int" => Value::Number(Cow::Owned(
                scalar::int(text).ok_or_else(|| bad("an integer"))?,
            )),
            "float" => match scalar::int(text).or_else(|| scalar::float(text)) {
                Some(n) => Value::Number(Cow::Owned(n)),
                None => return Err(bad("a float JSON can hold")),
            },
            "bool" => match text {
                "true" | "True" | "TRUE" => Value::Bool(true),
                "false" | "False" | "FALSE" => Value::Bool(false),
                _ => return Err(bad("a boolean")),
            },
            "null" => match text {
                "" | "~" | "null" | "Null" | "NULL" => Value::Null,
                _ => return Err(bad("null")),
            },
            "map" | "seq" => {
                return Err(bad(if suffix == "map" {
                    "a mapping"
                } else {
                    "a sequence"
                }))
            }
            _ => Value::String(Cow::Owned(text.to_string())),
        })
    }

    fn open(
        &mut self,
        items: Items<'a>,
        anchor: usize,
        tag: Option<Cow<'a, Tag>>,
        span: Span,
    ) -> Result<(), Error> {
        if self.at_key() {
            return Err(self.error(
                span.start,
                "a mapping key is a mapping or sequence; JSON keys are strings",
            ));
        }
        if self.frames.len() >= self.max_depth {
            return Err(self.error(
                span.start,
                format!(
                    "nesting deeper than the limit of {} mappings/sequences",
                    self.max_depth
                ),
            ));
        }
        let start = skip_properties(self.text, span.start, span.end.max(span.start));
        let tagged = match tag.as_deref() {
            Some(t) if !(t.is_yaml_core_schema() || t.handle == "!" && t.suffix.is_empty()) => {
                let (pointer, key) = self.pointer();
                Some((pointer, key, tag_start(self.text, span.start, start)))
            }
            _ => None,
        };
        let flow = matches!(self.text.as_bytes().get(start), Some(b'{' | b'['));
        self.frames.push(Frame {
            items,
            start,
            flow,
            end: start,
            anchor,
            tagged,
            size: 1,
            height: 1,
        });
        Ok(())
    }

    fn close(&mut self, span: Span) -> Result<(), Error> {
        let Some(frame) = self.frames.pop() else {
            return Err(self.error(span.start, "unbalanced collection"));
        };
        let end = if frame.flow {
            span.end.max(frame.start)
        } else {
            frame.end
        };
        let span = Span {
            start: frame.start,
            end,
        };
        let value = match frame.items {
            Items::Seq(items) => Value::Array(items),
            Items::Map { members, .. } => {
                if has_duplicate_keys(&members) {
                    self.duplicate_keys = true;
                }
                Value::Object(members)
            }
        };
        if let Some((pointer, key, tag)) = frame.tagged {
            self.tagged.push(Tagged {
                span: Span { start: tag, end },
                pointer,
                key,
            });
        }
        self.done(Done {
            node: Node { span, value },
            key: None,
            size: frame.size,
            height: frame.height,
            anchor: frame.anchor,
        })
    }

    fn alias(&mut self, id: usize, span: Span) -> Result<(), Error> {
        let Some((size, height)) = self.anchors.get(&id).map(|a| (a.size, a.height)) else {
            return Err(self.error(
                span.start,
                "an alias to a node that contains it (a recursive alias)",
            ));
        };
        if self.frames.len() + height > self.max_depth {
            return Err(self.error(
                span.start,
                format!(
                    "the alias nests deeper than the limit of {} mappings/sequences",
                    self.max_depth
                ),
            ));
        }
        self.expanded = self.expanded.saturating_add(size);
        if self.expanded > self.budget {
            return Err(self.error(
                span.start,
                format!(
                    "aliases expand to more than {} nodes, the limit (a billion laughs?); \
                     the stream was not checked past here",
                    self.budget
                ),
            ));
        }
        let mut node = self.anchors[&id].node.clone();
        let key = match &node.value {
            Value::String(s) | Value::Number(s) => Some(s.clone()),
            Value::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
            Value::Null => Some(Cow::Borrowed("null")),
            _ => None,
        };
        if self.at_key() && key.is_none() {
            return Err(self.error(
                span.start,
                "a mapping key is a mapping or sequence; JSON keys are strings",
            ));
        }
        // The node is where the alias is; what is in it, where the anchor
        // wrote it.
        self.aliases.push((span, node.span));
        node.span = span;
        self.done(Done {
            node,
            key,
            size,
            height,
            anchor: 0,
        })
    }

    /// Puts a finished node in its parent (or makes it the document).
    fn done(&mut self, done: Done<'a>) -> Result<(), Error> {
        let Done {
            node,
            key: text,
            size,
            height,
            anchor,
        } = done;
        if anchor != 0 {
            // An anchored node is kept for its aliases: copies that count
            // against the same budget (nested anchors would otherwise copy
            // the file once per level).
            self.stored = self.stored.saturating_add(size);
            if self.stored > self.budget {
                return Err(Error {
                    offset: node.span.start,
                    message: format!(
                        "anchored nodes hold more than {} nodes, the limit; \
                         the stream was not checked past here",
                        self.budget
                    ),
                });
            }
            self.anchors.insert(
                anchor,
                Anchored {
                    node: node.clone(),
                    size,
                    height,
                },
            );
        }
        let Some(frame) = self.frames.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        frame.end = frame.end.max(node.span.end);
        frame.size = frame.size.saturating_add(size);
        frame.height = frame.height.max(height + 1);
        match &mut frame.items {
            Items::Seq(items) => items.push(node),
            Items::Map { members, key } => match key.take() {
                None => match text {
                    Some(k) => *key = Some((k, node.span)),
                    None => {
                        return Err(Error {
                            offset: node.span.start,
                            message:
                                "a mapping key is a mapping or sequence; JSON keys are strings"
                                    .into(),
                        })
                    }
                },
                Some((k, key_span)) => members.push(Member {
                    key: k,
                    key_span,
                    value: node,
                }),
            },
        }
        Ok(())
    }
}

/// The start of a node's content after its properties (`&anchor`, `!tag`).
fn skip_properties(text: &str, mut at: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let end = end.min(bytes.len());
    while at < end && matches!(bytes[at], b'&' | b'!') {
        while at < end && !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        while at < end && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
    }
    at
}

/// Where a scalar starting at `start` ends: saphyr's span of a quoted
/// scalar runs on over the blanks and comment after it, and a block
/// scalar's over its trailing line breaks.
fn scalar_end(text: &str, style: ScalarStyle, start: usize, end: usize) -> usize {
    let bytes = &text.as_bytes()[..end.min(text.len())];
    match style {
        ScalarStyle::DoubleQuoted => {
            let mut i = start + 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' => i += 2,
                    b'"' => return i + 1,
                    _ => i += 1,
                }
            }
            end
        }
        ScalarStyle::SingleQuoted => {
            let mut i = start + 1;
            while i < bytes.len() {
                match (bytes[i], bytes.get(i + 1)) {
                    (b'\'', Some(b'\'')) => i += 2,
                    (b'\'', _) => return i + 1,
                    _ => i += 1,
                }
            }
            end
        }
        ScalarStyle::Literal | ScalarStyle::Folded => {
            let mut e = bytes.len();
            while e > start && bytes[e - 1].is_ascii_whitespace() {
                e -= 1;
            }
            e
        }
        ScalarStyle::Plain => end,
    }
}

/// Where a tagged node's tag starts, between `from` (its properties) and
/// `content`.
fn tag_start(text: &str, from: usize, content: usize) -> usize {
    text.get(from..content)
        .and_then(|p| p.find('!'))
        .map_or(from, |i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Stream<'_> {
        parse_stream(text, &Limits::default())
    }

    fn at(text: &str, span: Span) -> &str {
        &text[span.start..span.end]
    }

    #[test]
    fn spans_are_byte_offsets_into_the_text() {
        let text = "é: ü\nkey: &a !!str 'quoted'\nflow: {x: [1, 2]}\nblock:\n  - a\n  - b: c\n";
        let s = read(text);
        assert!(s.error.is_none(), "{:?}", s.error);
        let root = &s.documents[0].root;
        let m = root.members().unwrap();
        assert_eq!(at(text, m[0].key_span), "é");
        assert_eq!(at(text, m[0].value.span), "ü");
        assert_eq!(at(text, m[1].value.span), "'quoted'");
        assert_eq!(m[1].value.as_str(), Some("quoted"));
        assert_eq!(at(text, m[2].value.span), "{x: [1, 2]}");
        assert_eq!(at(text, m[3].value.span), "- a\n  - b: c");
        assert_eq!(at(text, root.span), &text[..text.len() - 1]);
        let text = "a: \"3\\\"0\"  # c\nb: 'it''s' # d\nc: |\n  lit\n\nd: [\"x\" , 'y' ]\n";
        let s = read(text);
        let root = &s.documents[0].root;
        let shown: Vec<&str> = root
            .members()
            .unwrap()
            .iter()
            .map(|m| at(text, m.value.span))
            .collect();
        assert_eq!(shown, ["\"3\\\"0\"", "'it''s'", "lit", "[\"x\" , 'y' ]"]);
        let d = root.get("d").unwrap();
        let Value::Array(items) = &d.value else {
            panic!()
        };
        assert_eq!(at(text, items[0].span), "\"x\"");
    }

    #[test]
    fn core_tags_are_honoured_and_bad_values_are_errors() {
        let s = read("a: !!str 30\nb: !!int '0x1e'\nc: !!float 1\nd: !!bool 'true'\n");
        let root = &s.documents[0].root;
        assert_eq!(root.get("a").unwrap().value, Value::String("30".into()));
        assert_eq!(root.get("b").unwrap().value, Value::Number("30".into()));
        assert_eq!(root.get("c").unwrap().value, Value::Number("1".into()));
        assert_eq!(root.get("d").unwrap().value, Value::Bool(true));
        let s = read("a: 1\nb: !!int secret\n");
        let e = s.error.unwrap();
        assert_eq!(e.offset, 14);
        assert!(!e.message.contains("secret"));
    }

    #[test]
    fn a_billion_laughs_stops_fast() {
        let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..10 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let started = std::time::Instant::now();
        let s = read(&text);
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        let e = s.error.expect("bounded");
        assert!(e.message.contains("billion laughs"), "{}", e.message);
        assert!(s.documents.is_empty());
    }

    #[test]
    fn nested_anchors_are_bounded() {
        // 200 nested anchored sequences around a list of 2,001 items.
        let n = 200;
        let mut text = String::new();
        for i in 0..n {
            text.push_str(&format!("{}- &a{i}\n", "  ".repeat(i)));
        }
        let items = vec!["x"; 2001].join(", ");
        text.push_str(&format!("{}- [{items}]\n", "  ".repeat(n)));
        let limits = Limits {
            max_depth: 256,
            ..Limits::default()
        };
        let s = parse_stream(&text, &limits);
        let e = s.error.expect("bounded");
        assert!(
            e.message.contains("anchored nodes hold more than"),
            "{}",
            e.message
        );
    }

    #[test]
    fn aliases_within_the_budget_are_expanded() {
        let s = read("base: &b {x: 1}\ncopy: *b\n");
        let root = &s.documents[0].root;
        assert_eq!(
            root.get("copy").unwrap().get("x"),
            root.get("base").unwrap().get("x")
        );
        let s = read("a: &a [*a]\n");
        assert!(s.error.is_some());
    }

    #[test]
    fn depth_is_bounded_for_nesting_and_aliases() {
        let limits = Limits {
            max_depth: 4,
            ..Limits::default()
        };
        assert!(parse_stream("[[[[1]]]]", &limits).error.is_none());
        assert!(parse_stream("[[[[[1]]]]]", &limits).error.is_some());
        let s = parse_stream("a: &a [[[1]]]\nb: *a\n", &limits);
        assert!(s.error.is_none());
        let s = parse_stream("a: &a [[[1]]]\nb: [*a]\n", &limits);
        assert!(s.error.unwrap().message.contains("limit of 4"));
        let deep = "[".repeat(100_000);
        assert!(read(&deep).error.is_some());
    }

    #[test]
    fn complex_keys_are_errors_and_scalar_keys_strings() {
        assert!(read("? [a]\n: b\n").error.is_some());
        let s = read("1: a\ntrue: b\n~: c\n");
        let keys: Vec<_> = s.documents[0]
            .root
            .members()
            .unwrap()
            .iter()
            .map(|m| m.key.to_string())
            .collect();
        assert_eq!(keys, ["1", "true", "~"]);
    }

    #[test]
    fn each_document_reads_alone_from_its_range() {
        let text = "# head\na: 1\n--- # two\nb: [2]\n...\n---\n- c\n";
        let s = read(text);
        assert_eq!(s.documents.len(), 3);
        for d in &s.documents {
            let own = &text[d.range.start..d.range.end];
            let alone = read(own);
            assert!(alone.error.is_none(), "{own:?}");
            assert_eq!(alone.documents.len(), 1, "{own:?}");
            assert_eq!(
                crate::json::to_pretty_string(&alone.documents[0].root),
                crate::json::to_pretty_string(&d.root)
            );
        }
    }

    #[test]
    fn a_byte_order_mark_is_allowed() {
        let text = "\u{feff}a: é\nb: x\n";
        let s = read(text);
        let root = &s.documents[0].root;
        assert_eq!(at(text, root.get("b").unwrap().span), "x");
        let m = root.members().unwrap();
        assert_eq!(m[0].key, "a");
        assert_eq!(at(text, m[0].key_span), "a");
    }
}
