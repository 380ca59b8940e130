//! Legacy Prisma SASE: a body, optionally wrapped with its query parameters.

use crate::ctx::Ctx;
use crate::json::Node;
use crate::kinds::pan::{check_body, Flavor};
use crate::pointer::Ptr;
use crate::rules::params::check_enum;
use crate::rules::required::missing;
use crate::rules::structure::{check_unknown_keys, expect, Expect};
use crate::spec::{POSITIONS, SASE_FOLDERS};

pub(crate) fn check(ctx: &mut Ctx, root: &Node, at: &Ptr) {
    match (root.get("query"), root.get("body")) {
        (Some(query), Some(body)) => {
            check_unknown_keys(ctx, root, at, "the request", &["$schema", "query", "body"]);
            let q = at.child("query");
            if expect(ctx, query, &q, "`query`", Expect::Object) {
                check_query(ctx, query, &q);
            }
            check_body(ctx, body, &at.child("body"), Flavor::Sase);
        }
        _ => check_body(ctx, root, at, Flavor::Sase),
    }
}

/// `folder` and `position` are required query parameters of the POST.
pub(crate) fn check_query(ctx: &mut Ctx, query: &Node, at: &Ptr) {
    check_unknown_keys(
        ctx,
        query,
        at,
        "the query parameters",
        &["folder", "position"],
    );
    for (key, allowed) in [("folder", SASE_FOLDERS), ("position", POSITIONS)] {
        let here = at.child(key);
        match query.get(key) {
            None => missing(ctx, at, key, "the query parameters", false),
            Some(node) => {
                if expect(
                    ctx,
                    node,
                    &here,
                    format_args!("query parameter `{key}`"),
                    Expect::String,
                ) {
                    check_enum(
                        ctx,
                        &here,
                        format_args!("query parameter `{key}`"),
                        node.as_str().unwrap_or_default(),
                        allowed,
                    );
                }
            }
        }
    }
}
