//! The vendor tables of `mfalint::spec::palo_alto` as each flavor reads
//! them, flattened for code that generates payloads (the test strategies,
//! the benchmark corpus): derived from the spec, never written twice.
#![allow(dead_code, unused_imports)]

use std::sync::OnceLock;

pub use mfalint::spec::Default;
use mfalint::spec::{palo_alto, Format, Type, AS_WRITTEN};

/// How a vendor field is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    String,
    Timeout,
}

/// A vendor field as one flavor reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub ty: FieldType,
    pub min_length: u64,
    pub hostname: bool,
    pub secret: bool,
    pub required: bool,
    pub default: Option<Default>,
}

#[derive(Debug)]
pub struct Vendor {
    pub key: &'static str,
    pub fields: Vec<Field>,
}

impl Vendor {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

fn tables(sase: bool) -> Vec<Vendor> {
    let flavor = if sase {
        palo_alto::LEGACY_SASE
    } else {
        AS_WRITTEN
    };
    palo_alto::vendors()
        .map(|(key, object)| Vendor {
            key,
            fields: object
                .fields
                .iter()
                .filter(|f| f.exists_in(&flavor))
                .map(|f| Field {
                    name: f.name,
                    ty: match f.ty {
                        Type::Timeout => FieldType::Timeout,
                        _ => FieldType::String,
                    },
                    min_length: f.min_length,
                    hostname: f.format == Format::Hostname,
                    secret: f.secret,
                    required: f.is_required(),
                    default: f.default_in(&flavor),
                })
                .collect(),
        })
        .collect()
}

/// Strata Cloud Manager's vendors.
pub fn scm() -> &'static [Vendor] {
    static T: OnceLock<Vec<Vendor>> = OnceLock::new();
    T.get_or_init(|| tables(false))
}

/// Legacy SASE's vendors.
pub fn sase() -> &'static [Vendor] {
    static T: OnceLock<Vec<Vendor>> = OnceLock::new();
    T.get_or_init(|| tables(true))
}

pub use mfalint::spec::palo_alto::{POSITIONS, SASE_FOLDERS, SCOPE_KEYS};
pub use mfalint::spec::sailpoint::TEST_STATES;
