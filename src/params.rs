//! Path and query parameters, which are not in a body.

use crate::json::{Node, Value};
use crate::options::Options;
use crate::report::Finding;
use crate::rules::{enum_value, uuid_format, Label};
use crate::spec::palo_alto::{SASE_KIND, SASE_QUERY};
use crate::spec::sailpoint::METHODS;
use crate::validate::{walk_object, Ctx, Ptr};

/// The `id` path parameter of PUT/GET/DELETE /mfa-servers/:id: a UUID.
/// Findings point at `/id`.
pub fn check_id(id: &str, opts: &Options) -> Vec<Finding> {
    let mut ctx = Ctx::new(opts);
    let at = Ptr::NOWHERE.missing("id");
    uuid_format::check(&mut ctx, &at, "path parameter `id`", id);
    ctx.findings
}

/// The SailPoint `method` path parameter: `okta-verify` or `duo-web`.
/// Findings point at `/method`.
pub fn check_method(method: &str, opts: &Options) -> Vec<Finding> {
    let mut ctx = Ctx::new(opts);
    let at = Ptr::NOWHERE.missing("method");
    enum_value::check(
        &mut ctx,
        &at,
        Label::Text("path parameter `method`"),
        method,
        METHODS,
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
    walk_object(
        &mut ctx,
        &SASE_KIND,
        &Node::new(Value::Object(members)),
        &Ptr::NOWHERE,
        &SASE_QUERY,
    );
    ctx.findings
}
