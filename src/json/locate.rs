use std::collections::HashMap;

use super::node::{key_eq, Member, Node, Span, Value};
use crate::validate::borrowed_segments;

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

/// Resolves many pointers into one tree. Objects larger than
/// 16 members are indexed by key the first time they
/// are entered, so locating every finding of a 100,000-key object is linear
/// rather than quadratic. Duplicate keys resolve to the last, as in
/// [`Node::get`].
pub struct Locator<'n, 'a> {
    root: &'n Node<'a>,
    index: HashMap<*const Node<'a>, HashMap<&'n str, usize>>,
}

impl<'n, 'a> Locator<'n, 'a> {
    const INDEX_FROM: usize = 16;

    pub fn new(root: &'n Node<'a>) -> Self {
        Locator {
            root,
            index: HashMap::new(),
        }
    }

    fn member(
        &mut self,
        obj: &'n Node<'a>,
        members: &'n [Member<'a>],
        key: &str,
    ) -> Option<&'n Member<'a>> {
        if members.len() <= Self::INDEX_FROM {
            return members.iter().rev().find(|m| key_eq(&m.key, key));
        }
        let by_key = self.index.entry(obj as *const Node<'a>).or_insert_with(|| {
            // Later members overwrite earlier ones: the last duplicate wins.
            members
                .iter()
                .enumerate()
                .map(|(i, m)| (m.key.as_ref(), i))
                .collect()
        });
        by_key.get(key).map(|&i| &members[i])
    }

    /// Follows `pointer` as far as it exists: the deepest node reached, the
    /// key span of the member it is, and whether the whole pointer resolved.
    fn resolve(&mut self, pointer: &str) -> (&'n Node<'a>, Option<Span>, bool) {
        let mut node = self.root;
        let mut key_span = None;
        for seg in borrowed_segments(pointer) {
            let next = match &node.value {
                Value::Object(members) => self
                    .member(node, members, &seg)
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
    pub fn locate(&mut self, pointer: &str) -> Located {
        let (node, key_span, exact) = self.resolve(pointer);
        Located {
            span: node.span,
            key_span,
            exact,
        }
    }

    /// Key spans of every member named `key` in the object at `pointer`,
    /// in source order (for duplicate-key diagnostics).
    pub fn key_spans(&mut self, pointer: &str, key: &str) -> Vec<Span> {
        match self.resolve(pointer) {
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

impl<'a> Node<'a> {
    /// Resolves one pointer; use a [`Locator`] for many.
    pub fn locate(&self, pointer: &str) -> Located {
        Locator::new(self).locate(pointer)
    }

    /// Key spans of every member named `key` in the object at `pointer`.
    pub fn key_spans(&self, pointer: &str, key: &str) -> Vec<Span> {
        Locator::new(self).key_spans(pointer, key)
    }
}
