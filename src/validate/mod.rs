//! Validation: a document walked against its kind's description, into a
//! context that collects the rules' findings.

mod collection;
mod context;
mod pointer;
mod walk;

pub(crate) use collection::{check as check_collection, collection};

pub(crate) use context::Ctx;
pub use pointer::segments;
pub(crate) use pointer::Ptr;
pub(crate) use pointer::{borrowed_segments, push_escaped};
pub(crate) use walk::{is_wrapped, walk_object};

use crate::json::{Node, Span};
use crate::kind::{detect, DetectError, Kind};
use crate::rules::duplicate_key;

/// Runs every rule of the payload's kind (detected when `None`) into
/// `ctx`. `duplicate_keys`: whether the tree may have an object with a key
/// twice (the parser knows; a caller's tree may).
pub(crate) fn run<'o>(
    root: &Node,
    kind: Option<Kind>,
    ctx: Ctx<'o>,
    duplicate_keys: bool,
) -> Result<(Kind, Ctx<'o>), DetectError> {
    let kind = match kind {
        Some(k) => k,
        None => detect(root)?,
    };
    let mut ctx = ctx.for_flavor(&kind.spec().flavor);
    let at = root_ptr(root);
    if duplicate_keys {
        duplicate_key::check(&mut ctx, root, &at);
    }
    walk::check(kind, &mut ctx, root, &at);
    Ok((kind, ctx))
}

/// Where a document's root is. A tree built in code has no spans (all
/// empty); one parsed from text does, and findings then carry theirs.
pub(crate) fn root_ptr(root: &Node) -> Ptr<'static> {
    if root.span == Span::default() {
        Ptr::NOWHERE
    } else {
        Ptr::root(root)
    }
}
