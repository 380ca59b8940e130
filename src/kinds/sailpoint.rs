//! SailPoint ISC okta-verify and duo-web configuration bodies.

use crate::ctx::Ctx;
use crate::json::Node;
use crate::pointer::Ptr;
use crate::rules::sailpoint::{check_enabled_complete, check_method};
use crate::rules::secrets::check_secret;
use crate::rules::structure::{check_unknown_keys, expect, pick, Code, Expect};

pub(crate) struct Method {
    pub name: &'static str,
    pub keys: &'static [&'static str],
    pub config_properties: bool,
}

/// Every key of a Duo configuration; an Okta one has all but the last. In
/// the order `check_config` destructures them.
const KEYS: &[&str] = &[
    "$schema",
    "mfaMethod",
    "enabled",
    "host",
    "accessKey",
    "identityAttribute",
    "configProperties",
];

pub(crate) const OKTA: &Method = &Method {
    name: "okta-verify",
    keys: KEYS.split_at(KEYS.len() - 1).0,
    config_properties: false,
};

pub(crate) const DUO: &Method = &Method {
    name: "duo-web",
    keys: KEYS,
    config_properties: true,
};

pub(crate) fn check_config(ctx: &mut Ctx, root: &Node, at: &Ptr, method: &Method) {
    if !expect(ctx, root, at, "the MFA configuration", Expect::Object) {
        return;
    }
    // One pass over the members finds every field read below (an Okta
    // configuration has no `configProperties`: there it is an unknown key).
    let mut fields = [None; KEYS.len()];
    let mut unknown = pick(root, KEYS, &mut fields);
    let [_, mfa_method, enabled, host, access_key, identity, props] = fields;
    unknown |= !method.config_properties && props.is_some();
    if unknown {
        check_unknown_keys(ctx, root, at, "the MFA configuration", method.keys);
    }
    if let Some(node) = mfa_method {
        let here = at.child("mfaMethod");
        if expect(ctx, node, &here, "`mfaMethod`", Expect::NullableString) {
            check_method(ctx, node, &here, method.name);
        }
    }
    if let Some(node) = enabled {
        expect(
            ctx,
            node,
            &at.child("enabled"),
            "`enabled`",
            Expect::Boolean,
        );
    }
    for (key, value) in [("host", host), ("identityAttribute", identity)] {
        if let Some(node) = value {
            expect(ctx, node, &at.child(key), Code(key), Expect::NullableString);
        }
    }
    if let Some(node) = access_key {
        let here = at.child("accessKey");
        if expect(ctx, node, &here, "`accessKey`", Expect::NullableString) {
            if let Some(s) = node.as_str() {
                check_secret(ctx, &here, "accessKey", s);
            }
        }
    }
    if method.config_properties {
        if let Some(props) = props {
            let here = at.child("configProperties");
            if expect(
                ctx,
                props,
                &here,
                "`configProperties`",
                Expect::NullableObject,
            ) {
                if let Some(skey) = props.get("skey").and_then(Node::as_str) {
                    check_secret(ctx, &here.child("skey"), "configProperties.skey", skey);
                }
            }
        }
    }
    check_enabled_complete(
        ctx,
        enabled,
        [("host", host), ("accessKey", access_key)],
        at,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_in_the_order_check_config_reads_them() {
        assert_eq!(
            KEYS,
            [
                "$schema",
                "mfaMethod",
                "enabled",
                "host",
                "accessKey",
                "identityAttribute",
                "configProperties"
            ]
        );
        assert_eq!(OKTA.keys, &KEYS[..6]);
    }
}
