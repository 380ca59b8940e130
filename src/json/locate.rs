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

impl Node<'_> {
    /// Resolves an RFC 6901 pointer (last duplicate wins, as in [`Node::get`]).
    pub fn locate(&self, pointer: &str) -> Located {
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
                Some((n, k)) => {
                    node = n;
                    key_span = k;
                }
                None => {
                    return Located {
                        span: node.span,
                        key_span: None,
                        exact: false,
                    }
                }
            }
        }
        Located {
            span: node.span,
            key_span,
            exact: true,
        }
    }

    /// Key spans of every member named `key` in the object at `pointer`,
    /// in source order (for duplicate-key diagnostics).
    pub fn key_spans(&self, pointer: &str, key: &str) -> Vec<Span> {
        let mut node = self;
        for seg in segments(pointer) {
            let next = match &node.value {
                Value::Object(members) => members
                    .iter()
                    .rev()
                    .find(|m| m.key == seg)
                    .map(|m| &m.value),
                Value::Array(items) => seg.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => return Vec::new(),
            }
        }
        node.members()
            .map(|ms| {
                ms.iter()
                    .filter(|m| m.key == key)
                    .map(|m| m.key_span)
                    .collect()
            })
            .unwrap_or_default()
    }
}
