//! The walker: checks a document against its kind's description in
//! [`crate::spec`], field by field, calling the rules. Nothing here knows a
//! field by name; what a field is comes from the tables.

use crate::json::{key_eq, Node, Value};
use crate::kind::Kind;
use crate::options::Mode;
use crate::rules::wrong_type::{self, Expect};
use crate::rules::{
    enabled_without_credentials, enum_value, hostname_format, masked_secret, method_mismatch,
    min_length, missing_required, read_only_field, scope_count, scope_length, scope_pattern,
    timeout_range, unknown_key, vendor_count, vendor_missing,
};
use crate::spec::{ExactlyOne, Field, Flavor, Format, KindSpec, Object, Presence, Type};

use super::{Ctx, Ptr};

/// The most fields an object has (checked by a test).
pub(crate) const MAX_FIELDS: usize = 8;

/// Checks `root` as a document of `kind`.
pub(crate) fn check(kind: Kind, ctx: &mut Ctx, root: &Node, at: &Ptr) {
    let spec = kind.spec();
    let walker = Walker { spec };
    match spec.wrapped {
        Some(wrapped) if is_wrapped(root, wrapped) => walker.object(ctx, root, at, wrapped, None),
        _ => walker.object(ctx, root, at, spec.root, None),
    }
}

/// Checks `node` as an `obj` of the kind `spec` (the legacy SASE query
/// parameters, checked on their own).
pub(crate) fn walk_object(
    ctx: &mut Ctx,
    spec: &'static KindSpec,
    node: &Node,
    at: &Ptr,
    obj: &Object,
) {
    Walker { spec }.object(ctx, node, at, obj, None);
}

/// Whether `root` holds every key of `wrapped`'s fields but `$schema`.
fn is_wrapped(root: &Node, wrapped: &Object) -> bool {
    wrapped
        .fields
        .iter()
        .filter(|f| f.name != "$schema")
        .all(|f| root.get(f.name).is_some())
}

struct Walker {
    spec: &'static KindSpec,
}

impl Walker {
    fn flavor(&self) -> &Flavor {
        &self.spec.flavor
    }

    /// Checks an object. `field`: the field it is the value of (`None` for
    /// the document).
    fn object(&self, ctx: &mut Ctx, node: &Node, at: &Ptr, obj: &Object, field: Option<&Field>) {
        let label = match field {
            Some(f) => Label::Key(f.name),
            None => Label::Text(obj.label),
        };
        let want = match field.map(|f| f.ty) {
            Some(Type::NullableObject(_)) => Expect::NullableObject,
            _ => Expect::Object,
        };
        if !wrong_type::expect(ctx, node, at, label, want) {
            return;
        }
        let Some(members) = node.members() else {
            // A nullable object that is null.
            return;
        };
        // One pass over the members finds each field's value (the last one
        // wins, as in `Node::get`) and whether any key is unknown.
        let flavor = *self.flavor();
        let mut values: [Option<&Node>; MAX_FIELDS] = [None; MAX_FIELDS];
        let mut members_at: [usize; MAX_FIELDS] = [usize::MAX; MAX_FIELDS];
        let mut unknown = false;
        for (i, m) in members.iter().enumerate() {
            let known = obj
                .fields
                .iter()
                .position(|f| key_eq(f.name, &m.key) && f.exists_in(&flavor));
            match known {
                Some(f) => {
                    values[f] = Some(&m.value);
                    members_at[f] = i;
                }
                None => unknown = true,
            }
        }
        if unknown && !obj.open {
            // The name list is only built when there is an unknown key.
            let names: Vec<&str> = obj
                .fields
                .iter()
                .filter(|f| f.exists_in(&flavor))
                .map(|f| f.name)
                .collect();
            unknown_key::check(ctx, node, at, obj.label, &names);
        }
        let mut counted = false;
        let mut enabled = false;
        for (i, f) in obj.fields.iter().enumerate() {
            if !f.exists_in(&flavor) {
                continue;
            }
            if let Some(group) = obj.exactly_one.filter(|g| g.keys().contains(&f.name)) {
                if !counted {
                    counted = true;
                    self.count(ctx, at, obj, group, &values);
                }
            }
            match values[i] {
                None => match f.presence {
                    Presence::Required => {
                        missing_required::report(ctx, at, f.name, obj.label, obj.scm_constraints)
                    }
                    Presence::Expected => vendor_missing::report(ctx, at, f.name),
                    Presence::Optional => {}
                },
                Some(value) => {
                    let here = at.member(&members[members_at[i]]);
                    enabled |= f.activates && matches!(value.value, Value::Bool(true));
                    self.field(ctx, value, &here, f);
                }
            }
        }
        if enabled {
            for (i, f) in obj.fields.iter().enumerate().filter(|(_, f)| f.credential) {
                let value = values[i];
                let here;
                let missing;
                let at_field = match value {
                    Some(_) => {
                        here = at.member(&members[members_at[i]]);
                        &here
                    }
                    None => {
                        missing = at.missing(f.name);
                        &missing
                    }
                };
                enabled_without_credentials::check(ctx, at_field, f.name, value);
            }
        }
    }

    /// Exactly one of `group`'s keys has a value.
    fn count(
        &self,
        ctx: &mut Ctx,
        at: &Ptr,
        obj: &Object,
        group: ExactlyOne,
        values: &[Option<&Node>],
    ) {
        let present = || -> Vec<&'static str> {
            obj.fields
                .iter()
                .zip(values)
                .filter(|(f, v)| v.is_some() && group.keys().contains(&f.name))
                .map(|(f, _)| f.name)
                .collect()
        };
        let n = obj
            .fields
            .iter()
            .zip(values)
            .filter(|(f, v)| v.is_some() && group.keys().contains(&f.name))
            .count();
        if n == 1 {
            return;
        }
        match group {
            ExactlyOne::Scope(keys) => scope_count::check(ctx, at, keys, &present()),
            ExactlyOne::Vendor(keys) => vendor_count::check(ctx, at, keys, &present()),
        }
    }

    /// Checks the value of field `f` at `at`.
    fn field(&self, ctx: &mut Ctx, value: &Node, at: &Ptr, f: &Field) {
        if f.read_only && self.spec.request && ctx.mode() == Mode::Request {
            read_only_field::report(ctx, at, f.name);
        }
        match f.ty {
            Type::Any => {
                if let (true, Some(s)) = (f.secret, value.as_str()) {
                    masked_secret::check(ctx, at, f.name, s);
                }
            }
            Type::String => {
                if wrong_type::expect(ctx, value, at, Label::Key(f.name), Expect::String) {
                    self.string(ctx, value.as_str().unwrap_or_default(), at, f);
                }
            }
            Type::NullableString => {
                if wrong_type::expect(ctx, value, at, Label::Key(f.name), Expect::NullableString) {
                    if let Some(s) = value.as_str() {
                        self.string(ctx, s, at, f);
                    }
                }
            }
            Type::Boolean => {
                wrong_type::expect(ctx, value, at, Label::Key(f.name), Expect::Boolean);
            }
            Type::Timeout if self.flavor().timeouts_as_strings => {
                timeout_range::check_string(ctx, value, at, f.name)
            }
            Type::Timeout => timeout_range::check_integer(ctx, value, at, f.name),
            Type::Object(o) | Type::NullableObject(o) => self.object(ctx, value, at, o, Some(f)),
        }
    }

    /// Checks a string value of field `f`.
    fn string(&self, ctx: &mut Ctx, s: &str, at: &Ptr, f: &Field) {
        match f.format {
            Format::ScopeName => {
                scope_length::check(ctx, at, f.name, s);
                scope_pattern::check(ctx, at, f.name, s);
                return;
            }
            Format::Enum(allowed) => enum_value::check(ctx, at, Label::Key(f.name), s, allowed),
            Format::Endpoint(method) => method_mismatch::check(ctx, at, s, method),
            Format::Hostname | Format::None => {}
        }
        min_length::check(ctx, at, f.name, s, f.min_length);
        if f.format == Format::Hostname {
            hostname_format::check(ctx, at, f.name, s);
        }
        if f.secret {
            masked_secret::check(ctx, at, f.name, s);
        }
    }
}

/// How messages name a value: its key in backticks, or the object's own
/// words ("the MFA server profile"). Rendered only for a finding.
#[derive(Clone, Copy)]
enum Label {
    Key(&'static str),
    Text(&'static str),
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Label::Key(k) => write!(f, "`{k}`"),
            Label::Text(t) => f.write_str(t),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_object_fits_the_field_slots() {
        let mut fields = Vec::new();
        for kind in Kind::ALL {
            let spec = kind.spec();
            crate::spec::walk_fields(spec.root, &mut fields);
            if let Some(w) = spec.wrapped {
                crate::spec::walk_fields(w, &mut fields);
            }
            assert!(spec.root.fields.len() <= MAX_FIELDS, "{}", spec.id);
        }
        for (object, _) in fields {
            assert!(object.fields.len() <= MAX_FIELDS, "{}", object.label);
        }
    }
}
