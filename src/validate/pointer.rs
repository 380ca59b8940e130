use std::borrow::Cow;

use crate::json::{Member, Node, Span};

/// Where the walk is: a JSON Pointer under construction, kept on the stack
/// as a linked list so that walking a valid payload allocates nothing (it
/// is rendered only for a finding), with the spans of the member it names
/// so that a finding knows its place in the text.
#[derive(Clone, Copy)]
pub(crate) struct Ptr<'p> {
    parent: Option<&'p Ptr<'p>>,
    segment: &'p str,
    /// The member's key, when the pointer names a member that is there.
    key: Option<Span>,
    /// The value, when it is there.
    node: Option<Span>,
    /// Whether the document has spans (was parsed from text).
    located: bool,
}

impl<'p> Ptr<'p> {
    /// The document's root.
    pub fn root(node: &Node) -> Ptr<'static> {
        Ptr {
            parent: None,
            segment: "",
            key: None,
            node: Some(node.span),
            located: true,
        }
    }

    /// The root of a document that is not in a text (no spans).
    pub const NOWHERE: Ptr<'static> = Ptr {
        parent: None,
        segment: "",
        key: None,
        node: None,
        located: false,
    };

    /// The member `m` of the object here.
    pub fn member(&'p self, m: &'p Member) -> Ptr<'p> {
        Ptr {
            parent: Some(self),
            segment: &m.key,
            key: self.located.then_some(m.key_span),
            node: self.located.then_some(m.value.span),
            located: self.located,
        }
    }

    /// The item at `index` (its decimal text) of the array here.
    pub fn item(&'p self, index: &'p str, item: &Node) -> Ptr<'p> {
        Ptr {
            parent: Some(self),
            segment: index,
            key: None,
            node: self.located.then_some(item.span),
            located: self.located,
        }
    }

    /// The key `key` of the object here, which it does not have.
    pub fn missing(&'p self, key: &'p str) -> Ptr<'p> {
        Ptr {
            parent: Some(self),
            segment: key,
            key: None,
            node: None,
            located: self.located,
        }
    }

    /// Whether the document has spans (was parsed from text).
    pub fn is_located(&self) -> bool {
        self.located
    }

    /// The value's span.
    pub fn value_span(&self) -> Option<Span> {
        self.node
    }

    /// The key's span (a member's), else the value's.
    pub fn key_span(&self) -> Option<Span> {
        self.key.or(self.node)
    }

    /// Where a missing key is marked: the key of the nearest enclosing
    /// member, or the `{` of the nearest enclosing value.
    pub fn missing_span(&self) -> Option<Span> {
        let mut at = self.parent;
        while let Some(p) = at {
            if let Some(k) = p.key {
                return Some(k);
            }
            if let Some(n) = p.node {
                return Some(Span {
                    start: n.start,
                    end: n.start + 1,
                });
            }
            at = p.parent;
        }
        None
    }

    /// One allocation, sized for the unescaped segments.
    pub fn render(&self) -> String {
        let mut len = 0;
        let mut cur = self;
        while let Some(parent) = cur.parent {
            len += 1 + cur.segment.len();
            cur = parent;
        }
        let mut out = String::with_capacity(len);
        self.render_into(&mut out);
        out
    }

    /// Recursion is bounded by the walkers' own nesting.
    fn render_into(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.render_into(out);
            out.push('/');
            push_escaped(out, self.segment);
        }
    }
}

/// Appends `segment` escaped per RFC 6901 (`~` as `~0`, `/` as `~1`).
pub(crate) fn push_escaped(out: &mut String, segment: &str) {
    if !segment.bytes().any(|b| b == b'~' || b == b'/') {
        out.push_str(segment);
        return;
    }
    for c in segment.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// Splits a rendered pointer into unescaped segments.
pub fn segments(pointer: &str) -> impl Iterator<Item = String> + '_ {
    borrowed_segments(pointer).map(Cow::into_owned)
}

/// [`segments`], borrowing every segment that has no escape (most do).
pub(crate) fn borrowed_segments(pointer: &str) -> impl Iterator<Item = Cow<'_, str>> {
    pointer.split('/').skip(1).map(|s| {
        if s.contains('~') {
            Cow::Owned(s.replace("~1", "/").replace("~0", "~"))
        } else {
            Cow::Borrowed(s)
        }
    })
}
