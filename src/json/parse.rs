use std::borrow::Cow;

use super::node::{has_duplicate_keys, Member, Node, Span, Value};

/// Resource limits for parsing untrusted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted document, in bytes.
    pub max_bytes: usize,
    /// Deepest accepted nesting of arrays and objects. Parsing recurses, so
    /// this also bounds stack use; it is capped at [`Limits::MAX_DEPTH_CAP`].
    pub max_depth: usize,
}

impl Limits {
    /// Parsing and every walk over the tree recurse once per level. A debug
    /// build needs about 2.8 KB of stack per level of objects (measured: a
    /// 2 MiB thread, Rust's default for spawned threads and tests,
    /// overflows near 740 levels), so the cap leaves room for 1 MiB stacks
    /// (WASM's default) and for the caller's own frames.
    pub const MAX_DEPTH_CAP: usize = 256;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 64 * 1024 * 1024,
            max_depth: 128,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct ParseError {
    /// Byte offset where the problem was found.
    pub offset: usize,
    pub kind: ParseErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseErrorKind {
    #[error("empty document: expected a JSON value")]
    Empty,
    #[error("the document starts with a UTF-8 byte order mark, which JSON text must not have (RFC 8259 section 8.1)")]
    ByteOrderMark,
    #[error("invalid UTF-8 at byte {0}")]
    InvalidUtf8(usize),
    #[error("document is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("nesting deeper than the limit of {0} arrays/objects")]
    TooDeep(usize),
    #[error("invalid literal: expected `true`, `false` or `null`")]
    InvalidLiteral,
    #[error("unexpected end of input: {0}")]
    Eof(&'static str),
    /// `found` is named only when it is punctuation: a letter or digit may
    /// be the first character of an unquoted secret.
    #[error("unexpected {}: {expected}", describe(*found))]
    Unexpected { found: char, expected: &'static str },
    #[error("control character U+{0:04X} must be escaped in a string")]
    ControlCharacter(u32),
    #[error("invalid escape sequence in a string")]
    InvalidEscape,
    /// The escape's digits are not quoted: the string may be a secret.
    #[error(
        "lone surrogate in a string escape (a \\u escape of U+D800 to U+DFFF without its pair)"
    )]
    LoneSurrogate(u32),
    #[error("invalid number: {0}")]
    InvalidNumber(&'static str),
    #[error("unexpected data after the JSON value")]
    TrailingData,
}

/// How a parse error names an unexpected character: punctuation as
/// itself, anything that could be part of a value by its class only.
fn describe(c: char) -> String {
    if c.is_ascii_punctuation() {
        format!("character {c:?}")
    } else if c.is_ascii_alphabetic() {
        "letter".into()
    } else if c.is_ascii_digit() {
        "digit".into()
    } else if c.is_whitespace() || c.is_control() {
        format!("character U+{:04X}", c as u32)
    } else {
        "non-ASCII character".into()
    }
}

/// Parses one JSON document, enforcing `limits`.
pub fn parse<'a>(text: &'a str, limits: &Limits) -> Result<Node<'a>, ParseError> {
    parse_document(text, limits).map(|d| d.root)
}

/// A parsed document and what the parser learnt on the way.
pub(crate) struct Document<'a> {
    pub root: Node<'a>,
    /// Whether some object has a key twice: without one, the duplicate-key
    /// rule need not walk the tree.
    pub duplicate_keys: bool,
}

pub(crate) fn parse_document<'a>(
    text: &'a str,
    limits: &Limits,
) -> Result<Document<'a>, ParseError> {
    if text.len() > limits.max_bytes {
        return Err(ParseError {
            offset: 0,
            kind: ParseErrorKind::TooLarge {
                size: text.len(),
                limit: limits.max_bytes,
            },
        });
    }
    if text.starts_with('\u{feff}') {
        return Err(ParseError {
            offset: 0,
            kind: ParseErrorKind::ByteOrderMark,
        });
    }
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
        max_depth: limits.max_depth.min(Limits::MAX_DEPTH_CAP),
        // Room for a typical payload's open objects without regrowing (a
        // profile holds four members, its vendor six).
        members: Vec::with_capacity(8),
        items: Vec::new(),
        duplicate_keys: false,
    };
    p.skip_ws();
    if p.pos == p.bytes.len() {
        return Err(p.err(ParseErrorKind::Empty));
    }
    let root = p.value()?;
    p.skip_ws();
    if p.pos != p.bytes.len() {
        return Err(p.err(ParseErrorKind::TrailingData));
    }
    Ok(Document {
        root,
        duplicate_keys: p.duplicate_keys,
    })
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    max_depth: usize,
    /// Members of the objects being parsed, innermost last: each object's
    /// members move into a Vec of exactly their number when it closes (one
    /// allocation per object, no growth, no slack).
    members: Vec<Member<'a>>,
    /// The same for array items.
    items: Vec<Node<'a>>,
    /// Whether an object closed so far has a key twice.
    duplicate_keys: bool,
}

impl<'a> Parser<'a> {
    fn err(&self, kind: ParseErrorKind) -> ParseError {
        ParseError {
            offset: self.pos,
            kind,
        }
    }

    fn unexpected(&self, expected: &'static str) -> ParseError {
        match self.text[self.pos..].chars().next() {
            Some(found) => self.err(ParseErrorKind::Unexpected { found, expected }),
            None => self.err(ParseErrorKind::Eof(expected)),
        }
    }

    fn skip_ws(&mut self) {
        // A local position: `self.pos` would be stored on every byte.
        let mut pos = self.pos;
        while let Some(&b @ (b' ' | b'\t' | b'\n' | b'\r')) = self.bytes.get(pos) {
            pos += 1;
            if b == b'\n' {
                pos = skip_spaces(self.bytes, pos);
            }
        }
        self.pos = pos;
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Inlined into the object and array loops, so a scalar member costs
    /// no call; the recursion goes through `object` and `array`.
    #[inline(always)]
    fn value(&mut self) -> Result<Node<'a>, ParseError> {
        let start = self.pos;
        let value = match self.peek() {
            Some(b'{') => self.object()?,
            Some(b'[') => self.array()?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            _ => return Err(self.unexpected("expected a JSON value")),
        };
        Ok(Node {
            span: Span {
                start,
                end: self.pos,
            },
            value,
        })
    }

    fn literal(&mut self, word: &'static str, value: Value<'a>) -> Result<Value<'a>, ParseError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.err(ParseErrorKind::InvalidLiteral))
        }
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(self.err(ParseErrorKind::TooDeep(self.max_depth)));
        }
        Ok(())
    }

    fn object(&mut self) -> Result<Value<'a>, ParseError> {
        self.enter()?;
        self.pos += 1;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Object(Vec::new()));
        }
        let mark = self.members.len();
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("expected a string key"));
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = Span {
                start: key_start,
                end: self.pos,
            };
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.unexpected("expected ':' after an object key"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value()?;
            self.members.push(Member {
                key,
                key_span,
                value,
            });
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    self.depth -= 1;
                    // While the members are at hand (cheaper than the
                    // duplicate-key rule's walk over the tree).
                    self.duplicate_keys =
                        self.duplicate_keys || has_duplicate_keys(&self.members[mark..]);
                    // The document's own object takes the stack, which is
                    // not needed after it (`split_off(0)` would allocate a
                    // new one): one allocation less per document.
                    if mark == 0 && self.depth == 0 {
                        return Ok(Value::Object(std::mem::take(&mut self.members)));
                    }
                    return Ok(Value::Object(self.members.split_off(mark)));
                }
                _ => return Err(self.unexpected("expected ',' or '}' in an object")),
            }
        }
    }

    fn array(&mut self) -> Result<Value<'a>, ParseError> {
        self.enter()?;
        self.pos += 1;
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Array(Vec::new()));
        }
        let mark = self.items.len();
        loop {
            self.skip_ws();
            let item = self.value()?;
            self.items.push(item);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Value::Array(self.items.split_off(mark)));
                }
                _ => return Err(self.unexpected("expected ',' or ']' in an array")),
            }
        }
    }

    /// Skips string bytes that need no attention (not `"`, `\\` or a
    /// control character), eight at a time.
    fn skip_plain(&mut self) {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        while let Some(chunk) = self.bytes.get(self.pos..self.pos + 8) {
            let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            let quote = w ^ (ONES * u64::from(b'"'));
            let backslash = w ^ (ONES * u64::from(b'\\'));
            // A high bit is set in a byte that is zero (in `quote`,
            // `backslash`) or below 0x20 (in `w`); bytes >= 0x80 are plain.
            let special = (quote.wrapping_sub(ONES) & !quote)
                | (backslash.wrapping_sub(ONES) & !backslash)
                | (w.wrapping_sub(ONES * 0x20) & !w);
            if special & HIGH != 0 {
                // The lowest flagged byte is a real one (a borrow only
                // flags bytes above it), so stop exactly there.
                self.pos += ((special & HIGH).trailing_zeros() / 8) as usize;
                return;
            }
            self.pos += 8;
        }
    }

    /// Parses a string at `"`; borrows from the text when it has no escapes.
    /// The common case, a plain string, is inlined into the callers.
    #[inline(always)]
    fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        self.pos += 1;
        let start = self.pos;
        self.skip_plain();
        if self.peek() == Some(b'"') {
            let s = &self.text[start..self.pos];
            self.pos += 1;
            return Ok(Cow::Borrowed(s));
        }
        self.string_rest(start)
    }

    /// The rest of a string from `start` whose plain prefix ended before
    /// a byte other than `"`.
    #[inline(never)]
    fn string_rest(&mut self, start: usize) -> Result<Cow<'a, str>, ParseError> {
        loop {
            match self.peek() {
                None => return Err(self.err(ParseErrorKind::Eof("unterminated string"))),
                Some(b'"') => {
                    let s = &self.text[start..self.pos];
                    self.pos += 1;
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(b) if b < 0x20 => {
                    return Err(self.err(ParseErrorKind::ControlCharacter(u32::from(b))))
                }
                Some(_) => self.pos += 1,
            }
            self.skip_plain();
        }
        let mut out = String::with_capacity(self.pos - start + 16);
        out.push_str(&self.text[start..self.pos]);
        loop {
            let run = self.pos;
            self.skip_plain();
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[run..self.pos]);
            match self.peek() {
                None => return Err(self.err(ParseErrorKind::Eof("unterminated string"))),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => self.escape(&mut out)?,
                Some(b) => return Err(self.err(ParseErrorKind::ControlCharacter(u32::from(b)))),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        self.pos += 1;
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let at = self.pos - 1;
                self.pos += 1;
                let hi = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&hi) {
                    if !self.bytes[self.pos..].starts_with(b"\\u") {
                        return Err(ParseError {
                            offset: at,
                            kind: ParseErrorKind::LoneSurrogate(hi),
                        });
                    }
                    self.pos += 2;
                    let lo = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err(ParseError {
                            offset: at,
                            kind: ParseErrorKind::LoneSurrogate(hi),
                        });
                    }
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                } else if (0xDC00..0xE000).contains(&hi) {
                    return Err(ParseError {
                        offset: at,
                        kind: ParseErrorKind::LoneSurrogate(hi),
                    });
                } else {
                    hi
                };
                // Surrogates were excluded above, so this always succeeds.
                out.push(char::from_u32(code).ok_or(self.err(ParseErrorKind::InvalidEscape))?);
                return Ok(());
            }
            _ => return Err(self.err(ParseErrorKind::InvalidEscape)),
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let digits = self
            .bytes
            .get(self.pos..self.pos + 4)
            .ok_or(self.err(ParseErrorKind::InvalidEscape))?;
        let mut v = 0u32;
        for &d in digits {
            let n = (d as char)
                .to_digit(16)
                .ok_or(self.err(ParseErrorKind::InvalidEscape))?;
            v = v * 16 + n;
        }
        self.pos += 4;
        Ok(v)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value<'a>, ParseError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.err(ParseErrorKind::InvalidNumber("leading zero")));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.err(ParseErrorKind::InvalidNumber("expected a digit"))),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.err(ParseErrorKind::InvalidNumber("expected a digit after '.'")));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.err(ParseErrorKind::InvalidNumber(
                    "expected a digit in the exponent",
                )));
            }
        }
        Ok(Value::Number(Cow::Borrowed(&self.text[start..self.pos])))
    }
}

/// The end of the run of spaces at `pos`, eight bytes at a time:
/// pretty-printed text indents every line.
fn skip_spaces(bytes: &[u8], mut pos: usize) -> usize {
    while let Some(chunk) = bytes.get(pos..pos + 8) {
        // Zero bytes are spaces; the lowest other byte ends the run.
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes")) ^ 0x2020_2020_2020_2020;
        if x != 0 {
            return pos + (x.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    pos
}
