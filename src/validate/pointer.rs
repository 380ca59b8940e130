use std::borrow::Cow;

use crate::json::{Member, Node, Span};

/// Where the walk is: a JSON Pointer under construction, kept on the stack
/// as a linked list so that walking a valid payload allocates nothing. A
/// step only borrows what it names (a member, an item): the pointer text
/// and the spans are worked out when a finding is built.
#[derive(Clone, Copy)]
pub(crate) struct Ptr<'p> {
    parent: Option<&'p Ptr<'p>>,
    step: Step<'p>,
    /// Whether the document has spans (was parsed from text).
    located: bool,
}

#[derive(Clone, Copy)]
enum Step<'p> {
    /// The document; its span when it was parsed from text.
    Root(Option<Span>),
    /// A member of the object here, which is there.
    Member(&'p Member<'p>),
    /// An item (its index as decimal text) of the array here.
    Item(&'p str, &'p Node<'p>),
    /// A key the object here does not have.
    Missing(&'p str),
}

impl<'p> Ptr<'p> {
    /// The document's root.
    pub fn root(node: &Node) -> Ptr<'static> {
        Ptr {
            parent: None,
            step: Step::Root(Some(node.span)),
            located: true,
        }
    }

    /// The root of a document that is not in a text (no spans).
    pub const NOWHERE: Ptr<'static> = Ptr {
        parent: None,
        step: Step::Root(None),
        located: false,
    };

    /// The member `m` of the object here.
    pub fn member(&'p self, m: &'p Member<'p>) -> Ptr<'p> {
        Ptr {
            parent: Some(self),
            step: Step::Member(m),
            located: self.located,
        }
    }

    /// The item at `index` (its decimal text) of the array here.
    pub fn item(&'p self, index: &'p str, item: &'p Node<'p>) -> Ptr<'p> {
        Ptr {
            parent: Some(self),
            step: Step::Item(index, item),
            located: self.located,
        }
    }

    /// The key `key` of the object here, which it does not have.
    pub fn missing(&'p self, key: &'p str) -> Ptr<'p> {
        Ptr {
            parent: Some(self),
            step: Step::Missing(key),
            located: self.located,
        }
    }

    /// Whether the document has spans (was parsed from text).
    pub fn is_located(&self) -> bool {
        self.located
    }

    /// The segment this step adds to the pointer.
    fn segment(&self) -> &'p str {
        match self.step {
            Step::Root(_) => "",
            Step::Member(m) => &m.key,
            Step::Item(index, _) | Step::Missing(index) => index,
        }
    }

    /// The span of the value here, when there is one and the document has
    /// spans.
    fn node(&self) -> Option<Span> {
        match self.step {
            Step::Root(span) => span,
            Step::Member(m) => self.is_located().then_some(m.value.span),
            Step::Item(_, item) => self.is_located().then_some(item.span),
            Step::Missing(_) => None,
        }
    }

    /// The span of the key here (a member's).
    fn key(&self) -> Option<Span> {
        match self.step {
            Step::Member(m) => self.is_located().then_some(m.key_span),
            _ => None,
        }
    }

    /// The value's span.
    pub fn value_span(&self) -> Option<Span> {
        self.node()
    }

    /// The key's span (a member's), else the value's.
    pub fn key_span(&self) -> Option<Span> {
        self.key().or(self.node())
    }

    /// Where a missing key is marked: the key of the nearest enclosing
    /// member, or the `{` of the nearest enclosing value.
    pub fn missing_span(&self) -> Option<Span> {
        let mut at = self.parent;
        while let Some(p) = at {
            if let Some(k) = p.key() {
                return Some(k);
            }
            if let Some(n) = p.node() {
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
            len += 1 + cur.segment().len();
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
            push_escaped(out, self.segment());
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
