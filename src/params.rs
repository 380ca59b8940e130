//! Path and query parameters, which are not in a body.

use crate::ctx::Ctx;
use crate::finding::Finding;
use crate::json::{Node, Value};
use crate::kinds::sase::check_query;
use crate::options::Options;
use crate::pointer::Ptr;
use crate::rules::params::{check_enum, check_uuid};
use crate::spec::SAILPOINT_METHODS;

/// The `id` path parameter of PUT/GET/DELETE /mfa-servers/:id: a UUID.
/// Findings point at `/id`.
pub fn check_id(id: &str, opts: &Options) -> Vec<Finding> {
    let mut ctx = Ctx::new(opts);
    check_uuid(&mut ctx, &Ptr::ROOT.child("id"), "path parameter `id`", id);
    ctx.findings
}

/// The SailPoint `method` path parameter: `okta-verify` or `duo-web`.
/// Findings point at `/method`.
pub fn check_method(method: &str, opts: &Options) -> Vec<Finding> {
    let mut ctx = Ctx::new(opts);
    let at = Ptr::ROOT.child("method");
    check_enum(
        &mut ctx,
        &at,
        "path parameter `method`",
        method,
        SAILPOINT_METHODS,
    );
    ctx.findings
}

/// The legacy SASE POST query: `folder` and `position`, both required.
/// Findings point at `/folder` and `/position`.
pub fn check_sase_query(
    folder: Option<&str>,
    position: Option<&str>,
    opts: &Options,
) -> Vec<Finding> {
    let member = |key: &'static str, v: &str| crate::json::Member {
        key: key.into(),
        key_span: Default::default(),
        value: Node::new(Value::String(v.to_string().into())),
    };
    let mut members = Vec::new();
    if let Some(f) = folder {
        members.push(member("folder", f));
    }
    if let Some(p) = position {
        members.push(member("position", p));
    }
    let mut ctx = Ctx::new(opts);
    check_query(&mut ctx, &Node::new(Value::Object(members)), &Ptr::ROOT);
    ctx.findings
}
