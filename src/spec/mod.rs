//! The description of the APIs: every field of every payload kind, written
//! once, as plain data. The validators walk these tables, `normalize` fills
//! their defaults, the secret rules read their secret fields, and the JSON
//! Schemas in `schemas/`, the TypeScript payload types in `pkg/` and the
//! field lists in the rule documentation are generated from them
//! (`mfalint::generate`; tests fail when a committed copy is stale).
//!
//! - [`palo_alto`]: Strata Cloud Manager and legacy Prisma SASE
//!   `mfa-servers`. The four vendors are written once; legacy SASE is
//!   stated as its differences ([`palo_alto::LEGACY_SASE`], fields marked
//!   `scm_only`).
//! - [`sailpoint`]: Identity Security Cloud okta-verify and duo-web
//!   configuration, and the configuration test result.
//!
//! Product decisions where the upstream specifications are silent or
//! broken are explained in `docs/rulings.md`; fields cite its sections.

mod field_sets;
pub mod palo_alto;
pub mod sailpoint;

pub use field_sets::{bits, FieldSets, KeyIndex, MAX_FIELDS};

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// Any JSON value (`$schema`, the read-only `id`, Duo's `skey`).
    Any,
    String,
    /// A string or null.
    NullableString,
    Boolean,
    /// Whole seconds in [`TIMEOUT_MIN`]..=[`TIMEOUT_MAX`]: an integer, or a
    /// string holding one where the flavor says so
    /// ([`Flavor::timeouts_as_strings`]).
    Timeout,
    Object(&'static Object),
    NullableObject(&'static Object),
}

/// What a string's value must look like, beyond its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    None,
    /// RFC 1123 host name ([`HOSTNAME_PATTERN`], at most 253 characters).
    Hostname,
    /// A folder, snippet or device name ([`SCOPE_PATTERN`],
    /// 1..=[`SCOPE_MAX_CHARS`] characters).
    ScopeName,
    /// One of these values.
    Enum(&'static [&'static str]),
    /// The method of the endpoint the payload is sent to, or null.
    Endpoint(&'static str),
}

/// Whether a field must be there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Optional,
    Required,
    /// Optional upstream, but a payload without it cannot work: a warning.
    Expected,
}

/// A documented default value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Default {
    Str(&'static str),
    Int(i64),
    Bool(bool),
}

/// One field of an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub ty: Type,
    pub presence: Presence,
    pub format: Format,
    /// Minimum length in code points (0: none).
    pub min_length: u64,
    /// A secret: never shown, must not be a mask in a request, should not
    /// be committed in plaintext.
    pub secret: bool,
    /// Assigned by the server: a request should not send it.
    pub read_only: bool,
    pub default: Option<Default>,
    /// Only Strata Cloud Manager has it; legacy SASE does not.
    pub scm_only: bool,
    /// When the object's activating field is true, the method cannot work
    /// without this one (SailPoint `host`, `accessKey`).
    pub credential: bool,
    /// Turns the object's method on: then its credential fields must be
    /// filled (SailPoint `enabled`).
    pub activates: bool,
    /// One line for people: schema descriptions, TypeScript comments.
    pub doc: &'static str,
}

/// An object and its fields. Written with [`Object::new`] and its
/// builder methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Object {
    /// How messages name the object: "the MFA server profile", or the
    /// key in backticks (`` `okta_adaptive_v1` ``).
    pub label: &'static str,
    pub fields: &'static [Field],
    /// Any other key is accepted as it is (Duo `configProperties`).
    pub open: bool,
    /// Exactly one of these fields must be present.
    pub exactly_one: Option<ExactlyOne>,
    /// Its constraints, required fields included, are Strata Cloud
    /// Manager's: a flavor that inherits them reports them as warnings.
    pub scm_constraints: bool,
    pub doc: &'static str,
    /// Finds a key's field (built from `fields`).
    pub index: KeyIndex,
    /// The fields by property (built from `fields`).
    pub sets: FieldSets,
}

/// A group of fields of which an object holds exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExactlyOne {
    /// SCM `folder`, `snippet`, `device`.
    Scope(&'static [&'static str]),
    /// The vendor objects of `mfa_vendor_type`.
    Vendor(&'static [&'static str]),
}

impl ExactlyOne {
    pub const fn keys(self) -> &'static [&'static str] {
        match self {
            ExactlyOne::Scope(k) | ExactlyOne::Vendor(k) => k,
        }
    }
}

/// How one API reads the shared tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flavor {
    /// Timeouts are strings holding whole seconds (legacy SASE).
    pub timeouts_as_strings: bool,
    /// The constraints this API inherits from Strata Cloud Manager (lengths,
    /// formats, ranges, vendor required fields) are warnings.
    pub inherited_constraints_are_warnings: bool,
    /// Fields marked [`Field::scm_only`] exist.
    pub has_scm_only_fields: bool,
    /// Documented defaults apply (`normalize` fills them).
    pub has_defaults: bool,
}

/// A payload kind: which object its document is, and how it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindSpec {
    /// The stable id: `scm-mfa-server`.
    pub id: &'static str,
    /// The schema's title.
    pub title: &'static str,
    /// Which request or response it is.
    pub what: &'static str,
    pub root: &'static Object,
    /// A document holding every key of this object's fields (other than
    /// `$schema`) is this object instead of `root` (legacy SASE
    /// `{"query": ..., "body": ...}`).
    pub wrapped: Option<&'static Object>,
    pub flavor: Flavor,
    /// A request body (read-only fields and masked secrets are findings);
    /// otherwise a response.
    pub request: bool,
    pub api: Api,
}

/// Whose API: decides the shape of the 400 body a report renders as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    PaloAlto,
    SailPoint,
}

/// Every API but legacy SASE reads the tables as written.
pub const AS_WRITTEN: Flavor = Flavor {
    timeouts_as_strings: false,
    inherited_constraints_are_warnings: false,
    has_scm_only_fields: true,
    has_defaults: true,
};

impl Field {
    /// A field of type `ty`, optional, with no constraint.
    pub const fn new(name: &'static str, ty: Type) -> Field {
        Field {
            name,
            ty,
            presence: Presence::Optional,
            format: Format::None,
            min_length: 0,
            secret: false,
            read_only: false,
            default: None,
            scm_only: false,
            credential: false,
            activates: false,
            doc: "",
        }
    }
    pub const fn string(name: &'static str) -> Field {
        Field::new(name, Type::String)
    }
    pub const fn min(mut self, n: u64) -> Self {
        self.min_length = n;
        self
    }
    pub const fn hostname(mut self) -> Self {
        self.format = Format::Hostname;
        self
    }
    pub const fn format(mut self, f: Format) -> Self {
        self.format = f;
        self
    }
    pub const fn secret(mut self) -> Self {
        self.secret = true;
        self
    }
    pub const fn required(mut self) -> Self {
        self.presence = Presence::Required;
        self
    }
    pub const fn expected(mut self) -> Self {
        self.presence = Presence::Expected;
        self
    }
    pub const fn read_only(mut self) -> Self {
        self.read_only = true;
        self
    }
    pub const fn default(mut self, d: Default) -> Self {
        self.default = Some(d);
        self
    }
    pub const fn scm_only(mut self) -> Self {
        self.scm_only = true;
        self
    }
    pub const fn credential(mut self) -> Self {
        self.credential = true;
        self
    }
    pub const fn activates(mut self) -> Self {
        self.activates = true;
        self
    }
    pub const fn doc(mut self, doc: &'static str) -> Self {
        self.doc = doc;
        self
    }

    pub fn is_required(&self) -> bool {
        self.presence == Presence::Required
    }

    /// Whether the field exists in `flavor`.
    pub fn exists_in(&self, flavor: &Flavor) -> bool {
        flavor.has_scm_only_fields || !self.scm_only
    }

    /// The default `flavor` documents.
    pub fn default_in(&self, flavor: &Flavor) -> Option<Default> {
        self.default.filter(|_| flavor.has_defaults)
    }
}

impl Object {
    /// A closed object with these fields, and no other constraint.
    pub const fn new(label: &'static str, fields: &'static [Field]) -> Object {
        Object {
            label,
            fields,
            open: false,
            exactly_one: None,
            scm_constraints: false,
            doc: "",
            index: KeyIndex::of(fields),
            sets: FieldSets::of(fields),
        }
    }
    pub const fn open(mut self) -> Self {
        self.open = true;
        self
    }
    pub const fn exactly_one(mut self, group: ExactlyOne) -> Self {
        self.exactly_one = Some(group);
        self.sets = self.sets.with_group(self.fields, group.keys());
        self
    }
    pub const fn scm_constraints(mut self) -> Self {
        self.scm_constraints = true;
        self
    }
    pub const fn doc(mut self, doc: &'static str) -> Self {
        self.doc = doc;
        self
    }

    /// The field named `name`.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.index.find(self.fields, name).map(|i| &self.fields[i])
    }

    /// The index of the field named `key`.
    #[inline]
    pub fn position(&self, key: &str) -> Option<usize> {
        self.index.find(self.fields, key)
    }
}

pub const TIMEOUT_MIN: i64 = 5;
pub const TIMEOUT_MAX: i64 = 600;
pub const SCOPE_MAX_CHARS: u64 = 64;
/// The documented pattern `^[a-zA-Z\d-_\. ]+$` rewritten so that every
/// engine compiles it and reads `\d` as ASCII only
/// (`docs/rulings.md#scope-pattern`).
pub const SCOPE_PATTERN: &str = "^[A-Za-z0-9_. -]+$";
/// `format: hostname` as a portable pattern (with `maxLength: 253`), so
/// that schemas need no format support (ajv strict mode rejects unknown
/// formats).
pub const HOSTNAME_PATTERN: &str =
    "^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$";
pub const HOSTNAME_MAX_CHARS: u64 = 253;
/// A masked secret or SCM ciphertext echo (`rules::masked_secret`), which
/// request schemas reject with `not`.
pub const MASKED_PATTERN: &str = "^([\\s\\S]\\*{6}[\\s\\S]|\\*{3,})$|^-AQ==";

/// The optional `$schema` member every kind accepts.
pub const SCHEMA_FIELD: Field =
    Field::new("$schema", Type::Any).doc("Optional: names this schema or kind id.");

/// Every field of `object` and of the objects below it, depth first, with
/// the object that holds it.
pub fn walk_fields(object: &'static Object, out: &mut Vec<(&'static Object, &'static Field)>) {
    for f in object.fields {
        out.push((object, f));
        if let Type::Object(o) | Type::NullableObject(o) = f.ty {
            walk_fields(o, out);
        }
    }
}
