//! Palo Alto `mfa-servers` bodies: SCM and legacy SASE share field names.

use crate::ctx::Ctx;
use crate::json::{key_eq, Node};
use crate::pointer::Ptr;
use crate::rules::hostname::check_hostname;
use crate::rules::length::check_min_length;
use crate::rules::required::missing;
use crate::rules::scope::check_scope;
use crate::rules::secrets::check_secret;
use crate::rules::structure::{
    check_read_only, check_unknown_keys, expect, pick, present, Code, Expect,
};
use crate::rules::timeout::{check_sase_timeout, check_scm_timeout};
use crate::rules::vendor::{check_vendor_count, vendor_missing};
use crate::spec::{FieldType, Vendor, SASE_VENDORS, SCM_VENDORS, VENDOR_KEYS};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    Scm,
    Sase,
}

impl Flavor {
    pub fn vendors(self) -> &'static [Vendor] {
        match self {
            Flavor::Scm => SCM_VENDORS,
            Flavor::Sase => SASE_VENDORS,
        }
    }
}

/// In the order `check_body` destructures them: the scope keys last, in
/// `SCOPE_KEYS` order (a test checks).
const SCM_KEYS: &[&str] = &[
    "$schema",
    "id",
    "name",
    "mfa_cert_profile",
    "mfa_vendor_type",
    "folder",
    "snippet",
    "device",
];
const SASE_KEYS: &[&str] = &[
    "$schema",
    "id",
    "name",
    "mfa_cert_profile",
    "mfa_vendor_type",
];

pub(crate) fn check_body(ctx: &mut Ctx, root: &Node, at: &Ptr, flavor: Flavor) {
    if !expect(ctx, root, at, "the MFA server profile", Expect::Object) {
        return;
    }
    // One pass over the members finds every field read below (legacy SASE
    // has no scope fields: there they are unknown keys).
    let mut fields = [None; SCM_KEYS.len()];
    let mut unknown = pick(root, SCM_KEYS, &mut fields);
    let [_, id, name, cert, vendor_type, scope @ ..] = fields;
    let known = match flavor {
        Flavor::Scm => SCM_KEYS,
        Flavor::Sase => {
            unknown |= scope.iter().any(Option::is_some);
            SASE_KEYS
        }
    };
    if unknown {
        check_unknown_keys(ctx, root, at, "the MFA server profile", known);
    }
    check_read_only(ctx, id, at, "id");
    for (key, value) in [("name", name), ("mfa_cert_profile", cert)] {
        let here = at.child(key);
        match value {
            None => missing(ctx, at, key, "the MFA server profile", false),
            Some(node) => {
                if expect(ctx, node, &here, Code(key), Expect::String) {
                    check_min_length(ctx, &here, key, node.as_str().unwrap_or_default(), 1);
                }
            }
        }
    }
    if flavor == Flavor::Scm {
        check_scope(ctx, &scope, at);
    }
    let here = at.child("mfa_vendor_type");
    let Some(vendor_type) = vendor_type else {
        vendor_missing(ctx, at);
        return;
    };
    if !expect(ctx, vendor_type, &here, "`mfa_vendor_type`", Expect::Object) {
        return;
    }
    let mut vendors = [None; VENDOR_KEYS.len()];
    if pick(vendor_type, VENDOR_KEYS, &mut vendors) {
        check_unknown_keys(ctx, vendor_type, &here, "`mfa_vendor_type`", VENDOR_KEYS);
    }
    check_vendor_count(ctx, &vendors, &here);
    for (key, node) in present(VENDOR_KEYS, &vendors) {
        if let Some(vendor) = flavor.vendors().iter().find(|v| v.key == key) {
            check_vendor(ctx, node, &here.child(key), vendor, flavor);
        }
    }
}

/// The most fields a vendor table has (checked by a test).
const MAX_VENDOR_FIELDS: usize = 8;

fn check_vendor(ctx: &mut Ctx, node: &Node, at: &Ptr, vendor: &Vendor, flavor: Flavor) {
    let label = Code(vendor.key);
    if !expect(ctx, node, at, label, Expect::Object) {
        return;
    }
    // One pass over the members finds each field's value (the last one
    // wins, as in `Node::get`) and whether any key is unknown.
    let mut values = [None; MAX_VENDOR_FIELDS];
    let mut unknown = false;
    for m in node.members().unwrap_or_default() {
        match vendor.fields.iter().position(|f| key_eq(f.name, &m.key)) {
            Some(i) => values[i] = Some(&m.value),
            None => unknown = true,
        }
    }
    // The field-name list is only built when there is an unknown key.
    if unknown {
        let names: Vec<&str> = vendor.fields.iter().map(|f| f.name).collect();
        check_unknown_keys(ctx, node, at, &label.to_string(), &names);
    }
    for (field, value) in vendor.fields.iter().zip(values) {
        let here = at.child(field.name);
        let Some(value) = value else {
            if field.required {
                missing(ctx, at, field.name, &label.to_string(), true);
            }
            continue;
        };
        match (field.ty, flavor) {
            (FieldType::Timeout, Flavor::Scm) => check_scm_timeout(ctx, value, &here, field.name),
            (FieldType::Timeout, Flavor::Sase) => check_sase_timeout(ctx, value, &here, field.name),
            (FieldType::String, _) => {
                if !expect(ctx, value, &here, Code(field.name), Expect::String) {
                    continue;
                }
                let s = value.as_str().unwrap_or_default();
                check_min_length(ctx, &here, field.name, s, field.min_length);
                if field.hostname {
                    check_hostname(ctx, &here, field.name, s);
                }
                if field.secret {
                    check_secret(ctx, &here, field.name, s);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_in_the_order_check_body_reads_them() {
        assert_eq!(
            SCM_KEYS[..5],
            [
                "$schema",
                "id",
                "name",
                "mfa_cert_profile",
                "mfa_vendor_type"
            ]
        );
        assert_eq!(&SCM_KEYS[5..], crate::spec::SCOPE_KEYS);
        assert_eq!(SASE_KEYS, &SCM_KEYS[..5]);
    }

    #[test]
    fn vendor_tables_fit_the_field_slots() {
        for vendor in SCM_VENDORS.iter().chain(SASE_VENDORS) {
            assert!(vendor.fields.len() <= MAX_VENDOR_FIELDS, "{}", vendor.key);
        }
    }
}
