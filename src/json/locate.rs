use super::node::{Node, Span, Value};
use crate::pointer::segments;

/// Where a finding's pointer lands in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    /// The value's span, or the nearest existing ancestor's when the
    /// pointer names a missing key.
    pub span: Span,
    /// The span of the member's key, when the pointer ends at a member.
    pub key_span: Option<Span>,
    /// False when the pointer names something absent (a missing key).
    pub exact: bool,
}

impl<'a> Node<'a> {
    /// Follows `pointer` as far as it exists (last duplicate wins, as in
    /// [`Node::get`]): the deepest node reached, the key span of the member
    /// it is, and whether the whole pointer resolved.
    fn walk(&self, pointer: &str) -> (&Node<'a>, Option<Span>, bool) {
        let mut node = self;
        let mut key_span = None;
        for seg in segments(pointer) {
            let next = match &node.value {
                Value::Object(members) => members
                    .iter()
                    .rev()
                    .find(|m| m.key == seg)
                    .map(|m| (&m.value, Some(m.key_span))),
                Value::Array(items) => seg
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i))
                    .map(|n| (n, None)),
                _ => None,
            };
            match next {
                Some((n, k)) => (node, key_span) = (n, k),
                None => return (node, None, false),
            }
        }
        (node, key_span, true)
    }

    /// Resolves an RFC 6901 pointer to a span in the text.
    pub fn locate(&self, pointer: &str) -> Located {
        let (node, key_span, exact) = self.walk(pointer);
        Located {
            span: node.span,
            key_span,
            exact,
        }
    }

    /// Key spans of every member named `key` in the object at `pointer`,
    /// in source order (for duplicate-key diagnostics).
    pub fn key_spans(&self, pointer: &str, key: &str) -> Vec<Span> {
        match self.walk(pointer) {
            (node, _, true) => node
                .members()
                .map(|ms| {
                    ms.iter()
                        .filter(|m| m.key == key)
                        .map(|m| m.key_span)
                        .collect()
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}
