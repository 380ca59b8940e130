use std::borrow::Cow;

/// A JSON Pointer under construction, kept on the stack as a linked list so
/// walking a valid payload allocates nothing; it is rendered only for a
/// finding.
#[derive(Clone, Copy)]
pub(crate) struct Ptr<'p> {
    parent: Option<&'p Ptr<'p>>,
    segment: &'p str,
}

impl<'p> Ptr<'p> {
    pub const ROOT: Ptr<'static> = Ptr {
        parent: None,
        segment: "",
    };

    pub fn child(&'p self, segment: &'p str) -> Ptr<'p> {
        Ptr {
            parent: Some(self),
            segment,
        }
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
    // Most segments need no escape: copy them whole.
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
