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

    pub fn render(&self) -> String {
        let mut segments = Vec::new();
        let mut cur = Some(self);
        while let Some(p) = cur {
            if p.parent.is_some() {
                segments.push(p.segment);
            }
            cur = p.parent;
        }
        let mut out = String::new();
        for seg in segments.iter().rev() {
            out.push('/');
            push_escaped(&mut out, seg);
        }
        out
    }
}

/// Appends `segment` escaped per RFC 6901 (`~` as `~0`, `/` as `~1`).
pub(crate) fn push_escaped(out: &mut String, segment: &str) {
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
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
}
