//! Filling documented defaults of optional fields.

use std::borrow::Cow;

use serde::Serialize;

use crate::json::{to_pretty_string, Member, Node, Span, Value};
use crate::kind::{detect, Kind};
use crate::options::Options;
use crate::spec::{Default, Flavor, Object, Type};
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

/// Fills the documented defaults of optional fields that are absent. A
/// required field is never filled, even when it has a default: a request
/// must send it (`docs/rulings.md#required-and-defaults`). Legacy SASE
/// documents no defaults.
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
    let spec = kind.spec();
    let mut filled = Vec::new();
    fill(
        root,
        spec.root,
        &spec.flavor,
        &mut String::new(),
        &mut filled,
    );
    filled
}

/// Fills the absent optional fields of the object `obj` at `pointer` that
/// have a default, then the objects below it.
fn fill(
    node: &mut Node,
    obj: &Object,
    flavor: &Flavor,
    pointer: &mut String,
    out: &mut Vec<Filled>,
) {
    if node.members().is_none() {
        return;
    }
    for field in obj.fields.iter().filter(|f| f.exists_in(flavor)) {
        let len = pointer.len();
        pointer.push('/');
        crate::validate::push_escaped(pointer, field.name);
        match node.get_mut(field.name) {
            Some(value) => {
                if let Type::Object(o) | Type::NullableObject(o) = field.ty {
                    fill(value, o, flavor, pointer, out);
                }
            }
            None if !field.is_required() => {
                if let Some(default) = field.default_in(flavor) {
                    let (value, text) = match default {
                        Default::Str(s) => (Value::String(Cow::Borrowed(s)), format!("\"{s}\"")),
                        Default::Int(n) => {
                            (Value::Number(Cow::Owned(n.to_string())), n.to_string())
                        }
                        Default::Bool(b) => (Value::Bool(b), b.to_string()),
                    };
                    push(node, field.name, value);
                    out.push(Filled {
                        pointer: pointer.clone(),
                        value: text,
                    });
                }
            }
            None => {}
        }
        pointer.truncate(len);
    }
}
