//! The walker: checks a document against its kind's description in
//! [`crate::spec`], field by field, calling the rules. Nothing here knows a
//! field by name; what a field is comes from the tables.

use crate::json::{Member, Node, Value};
use crate::kind::Kind;
use crate::options::Mode;
use crate::placeholder;
use crate::rules::wrong_type::{self, Expect};
use crate::rules::Label;
use crate::rules::{
    enabled_without_credentials, enum_value, hostname_format, masked_secret, method_mismatch,
    min_length, missing_default, missing_required, read_only_field, scope_count, scope_length,
    scope_pattern, timeout_range, unknown_key, vendor_count, vendor_missing,
};
use crate::spec::{
    bits, ExactlyOne, Field, Flavor, Format, KindSpec, Object, Presence, Type, MAX_FIELDS,
};

use super::{Ctx, Ptr};

/// Checks `root` as a document of `kind`.
pub(crate) fn check(kind: Kind, ctx: &mut Ctx, root: &Node, at: &Ptr) {
    let spec = kind.spec();
    let walker = Walker { spec };
    match spec.wrapped {
        Some(wrapped) if is_wrapped(root, wrapped) => {
            walker.object(ctx, root, at, wrapped, None, false)
        }
        _ => walker.object(ctx, root, at, spec.root, None, false),
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
    Walker { spec }.object(ctx, node, at, obj, None, false);
}

/// Whether `root` holds every key of `wrapped`'s fields but `$schema`.
pub(crate) fn is_wrapped(root: &Node, wrapped: &Object) -> bool {
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
    /// the document). `enabled`: an enclosing object's method is turned on
    /// (its credentials include this object's).
    fn object(
        &self,
        ctx: &mut Ctx,
        node: &Node,
        at: &Ptr,
        obj: &Object,
        field: Option<&Field>,
        enabled: bool,
    ) {
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
        let sets = &obj.sets;
        // The fields this API has.
        let exists = if self.flavor().has_scm_only_fields {
            u8::MAX
        } else {
            !sets.scm_only
        };
        // One pass over the members finds each field's member (the last one
        // wins, as in `Node::get`) and whether any key is unknown.
        let mut found: [Option<&Member>; MAX_FIELDS] = [None; MAX_FIELDS];
        let mut present = 0u8;
        let mut unknown = false;
        for m in members {
            match obj.position(&m.key) {
                Some(i) if exists & (1 << i) != 0 => {
                    found[i] = Some(m);
                    present |= 1 << i;
                }
                _ => unknown = true,
            }
        }
        if unknown && !obj.open {
            // The name list is only built when there is an unknown key.
            let names: Vec<&str> = bits(exists & all(obj))
                .map(|i| obj.fields[i].name)
                .collect();
            unknown_key::check(ctx, node, at, obj.label, &names);
        }
        // A method turned on needs its credentials (this object's, and those
        // of the objects below it).
        let enabled = enabled
            || bits(present & sets.activates)
                .any(|i| found[i].is_some_and(|m| matches!(m.value.value, Value::Bool(true))));
        // Only the fields that are there with something to check, or that
        // must be there, in table order; the exactly-one group is counted
        // where its first field is.
        let group_first = sets.group & sets.group.wrapping_neg();
        let visit = ((present & sets.checked) | sets.must | group_first) & exists;
        for i in bits(visit) {
            if ctx.decided() {
                return;
            }
            let f = &obj.fields[i];
            if (1 << i) == group_first {
                if let Some(g) = obj.exactly_one {
                    self.count(ctx, at, g, obj, present);
                }
            }
            match found[i] {
                None => match f.presence {
                    Presence::Required => {
                        missing_required::report(ctx, at, f.name, obj.label, obj.scm_constraints)
                    }
                    Presence::Expected => vendor_missing::report(ctx, at, f.name),
                    Presence::Optional => {}
                },
                Some(m) if sets.checked & (1 << i) != 0 => {
                    let string_rules = sets.string_rules & (1 << i) != 0;
                    self.field(ctx, &m.value, &at.member(m), f, string_rules, enabled)
                }
                Some(_) => {}
            }
        }
        // Absent fields the server fills with a documented default.
        if ctx.want_defaults && self.flavor().has_defaults {
            for i in bits(sets.defaulted & !present & exists) {
                let f = &obj.fields[i];
                if let Some(d) = f.default {
                    missing_default::report(ctx, at, f.name, d);
                }
            }
        }
        // An empty object of credentials is one finding, at the object.
        if enabled && !members.is_empty() {
            for i in bits(sets.credential & exists) {
                let f = &obj.fields[i];
                match found[i] {
                    Some(m) => enabled_without_credentials::check(
                        ctx,
                        &at.member(m),
                        f.name,
                        Some(&m.value),
                    ),
                    None => {
                        enabled_without_credentials::check(ctx, &at.missing(f.name), f.name, None)
                    }
                }
            }
        }
    }

    /// Exactly one of `group`'s keys is there; `present`: the fields of
    /// `obj` that are there.
    fn count(&self, ctx: &mut Ctx, at: &Ptr, group: ExactlyOne, obj: &Object, present: u8) {
        if (present & obj.sets.group).count_ones() == 1 {
            return;
        }
        let present: Vec<&str> = group
            .keys()
            .iter()
            .copied()
            .filter(|k| obj.position(k).is_some_and(|i| present & (1 << i) != 0))
            .collect();
        match group {
            ExactlyOne::Scope(keys) => scope_count::check(ctx, at, keys, &present),
            ExactlyOne::Vendor(keys) => vendor_count::check(ctx, at, keys, &present),
        }
    }

    /// Checks the value of field `f` at `at`. `string_rules`: whether a
    /// string value has more to check than its type.
    fn field(
        &self,
        ctx: &mut Ctx,
        value: &Node,
        at: &Ptr,
        f: &Field,
        string_rules: bool,
        enabled: bool,
    ) {
        if f.read_only && self.spec.request && ctx.mode() == Mode::Request {
            read_only_field::report(ctx, at, f.name);
        }
        // A placeholder stands for a value that is not known here: it is
        // listed, and not judged.
        if let Value::String(s) = &value.value {
            let found = match placeholder::placeholder(s) {
                None if ctx.all_placeholders() => placeholder::embedded(s),
                found => found,
            };
            if let Some(syntax) = found {
                ctx.placeholder(at, f.name, syntax);
                return;
            }
        }
        match f.ty {
            Type::Any => {
                if let (true, Some(s)) = (f.secret, value.as_str()) {
                    masked_secret::check(ctx, at, f.name, s);
                }
            }
            Type::String => {
                if wrong_type::expect(ctx, value, at, Label::Key(f.name), Expect::String)
                    && string_rules
                {
                    self.string(ctx, value.as_str().unwrap_or_default(), at, f);
                }
            }
            Type::NullableString => {
                if wrong_type::expect(ctx, value, at, Label::Key(f.name), Expect::NullableString)
                    && string_rules
                {
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
            Type::Object(o) | Type::NullableObject(o) => {
                self.object(ctx, value, at, o, Some(f), enabled)
            }
        }
    }

    /// Checks a string value of field `f`. A value that fails a check but
    /// holds a placeholder (`${ORG}.okta.com`) cannot be judged: its
    /// findings are withdrawn and the placeholder listed instead (asked only
    /// on failure, so valid payloads pay nothing for it).
    fn string(&self, ctx: &mut Ctx, s: &str, at: &Ptr, f: &Field) {
        let mark = ctx.mark();
        self.string_checks(ctx, s, at, f);
        if ctx.changed_since(mark) {
            if let Some(syntax) = placeholder::embedded(s) {
                ctx.rollback(mark);
                ctx.placeholder(at, f.name, syntax);
            }
        }
    }

    fn string_checks(&self, ctx: &mut Ctx, s: &str, at: &Ptr, f: &Field) {
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

/// Every field of `obj`.
fn all(obj: &Object) -> u8 {
    ((1u16 << obj.fields.len()) - 1) as u8
}
