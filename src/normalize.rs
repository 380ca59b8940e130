//! Filling documented defaults of optional fields.

use std::borrow::Cow;

use serde::Serialize;

use crate::json::{to_pretty_string, Member, Node, Span, Value};
use crate::kind::{detect, Kind};
use crate::options::Options;
use crate::spec::{Default, SCM_VENDORS};
use crate::Error;

/// A default that [`normalize`] filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Filled {
    pub pointer: String,
    /// The value as JSON text, e.g. `30` or `"/mfa/v1_1"`.
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Normalized {
    pub kind: Kind,
    /// The payload, pretty-printed, with the defaults added.
    pub text: String,
    pub filled: Vec<Filled>,
}

/// Fills documented defaults for optional fields that are absent. Required
/// fields are never filled, even when they have a default (RULINGS.md):
/// that is RSA's `rsa_baseuri`/`rsa_timeout` in SCM and SailPoint's
/// `enabled`. Legacy SASE documents no defaults.
pub fn normalize(text: &str, kind: Option<Kind>, opts: &Options) -> Result<Normalized, Error> {
    let mut root = crate::parse(text, opts)?;
    let kind = match kind {
        Some(k) => k,
        None => detect(&root)?,
    };
    let filled = normalize_node(&mut root, kind);
    Ok(Normalized {
        kind,
        text: to_pretty_string(&root),
        filled,
    })
}

fn push(obj: &mut Node, key: &'static str, value: Value<'static>) {
    if let Value::Object(members) = &mut obj.value {
        members.push(Member {
            key: Cow::Borrowed(key),
            key_span: Span::default(),
            value: Node::new(value),
        });
    }
}

/// Fills defaults in place and says what it filled.
pub fn normalize_node(root: &mut Node, kind: Kind) -> Vec<Filled> {
    let mut filled = Vec::new();
    match kind {
        Kind::ScmMfaServer => {
            let Some(vendor_type) = root.get_mut("mfa_vendor_type") else {
                return filled;
            };
            for vendor in SCM_VENDORS {
                let Some(obj) = vendor_type.get_mut(vendor.key) else {
                    continue;
                };
                if obj.members().is_none() {
                    continue;
                }
                for field in vendor.fields.iter().filter(|f| !f.required) {
                    let (Some(default), None) = (field.default, obj.get(field.name)) else {
                        continue;
                    };
                    let (value, text) = match default {
                        Default::Str(s) => (Value::String(Cow::Borrowed(s)), format!("\"{s}\"")),
                        Default::Int(n) => {
                            (Value::Number(Cow::Owned(n.to_string())), n.to_string())
                        }
                    };
                    push(obj, field.name, value);
                    filled.push(Filled {
                        pointer: format!("/mfa_vendor_type/{}/{}", vendor.key, field.name),
                        value: text,
                    });
                }
            }
        }
        Kind::SailpointOktaConfig | Kind::SailpointDuoConfig => {
            if root.members().is_some() && root.get("enabled").is_none() {
                push(root, "enabled", Value::Bool(false));
                filled.push(Filled {
                    pointer: "/enabled".into(),
                    value: "false".into(),
                });
            }
        }
        Kind::SaseMfaServer | Kind::SailpointTestResult => {}
    }
    filled
}
