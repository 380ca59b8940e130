//! SailPoint GET /mfa/:method/test response.

use crate::ctx::Ctx;
use crate::json::Node;
use crate::pointer::Ptr;
use crate::rules::params::check_enum;
use crate::rules::structure::{check_unknown_keys, expect, Expect};
use crate::spec::TEST_STATES;

pub(crate) fn check(ctx: &mut Ctx, root: &Node, at: &Ptr) {
    if !expect(ctx, root, at, "the test result", Expect::Object) {
        return;
    }
    check_unknown_keys(
        ctx,
        root,
        at,
        "the test result",
        &["$schema", "state", "error"],
    );
    if let Some(state) = root.get("state") {
        let here = at.child("state");
        if expect(ctx, state, &here, "`state`", Expect::String) {
            check_enum(
                ctx,
                &here,
                "`state`",
                state.as_str().unwrap_or_default(),
                TEST_STATES,
            );
        }
    }
    if let Some(error) = root.get("error") {
        // The schema omits `nullable`, but the API's own example is `"error": null`.
        expect(
            ctx,
            error,
            &at.child("error"),
            "`error`",
            Expect::NullableString,
        );
    }
}
