//! SailPoint ISC okta-verify and duo-web configuration bodies.

use crate::ctx::Ctx;
use crate::json::Node;
use crate::pointer::Ptr;
use crate::rules::sailpoint::{check_enabled_complete, check_method};
use crate::rules::secrets::check_secret;
use crate::rules::structure::{check_unknown_keys, expect, Code, Expect};

pub(crate) struct Method {
    pub name: &'static str,
    pub keys: &'static [&'static str],
    pub config_properties: bool,
}

/// Every key of a Duo configuration; an Okta one has all but the last.
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
    check_unknown_keys(ctx, root, at, "the MFA configuration", method.keys);
    if let Some(node) = root.get("mfaMethod") {
        let here = at.child("mfaMethod");
        if expect(ctx, node, &here, "`mfaMethod`", Expect::NullableString) {
            check_method(ctx, node, &here, method.name);
        }
    }
    if let Some(node) = root.get("enabled") {
        expect(
            ctx,
            node,
            &at.child("enabled"),
            "`enabled`",
            Expect::Boolean,
        );
    }
    for key in ["host", "identityAttribute"] {
        if let Some(node) = root.get(key) {
            expect(ctx, node, &at.child(key), Code(key), Expect::NullableString);
        }
    }
    if let Some(node) = root.get("accessKey") {
        let here = at.child("accessKey");
        if expect(ctx, node, &here, "`accessKey`", Expect::NullableString) {
            if let Some(s) = node.as_str() {
                check_secret(ctx, &here, "accessKey", s);
            }
        }
    }
    if method.config_properties {
        if let Some(props) = root.get("configProperties") {
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
    check_enabled_complete(ctx, root, at);
}
