//! `schemas/<kind-id>.schema.json`: JSON Schema (draft 2020-12) of each kind,
//! from its description. A schema expresses every error-level rule JSON
//! Schema can express, in request mode with default rules; warnings are
//! left out (they do not make a payload invalid). The schemas compile
//! under ajv 8 strict mode and the `jsonschema` crate, and
//! `tests/differential.rs` checks that their verdicts equal mfalint's.

use crate::rules::RuleId;
use crate::spec::{
    walk_fields, Default, ExactlyOne, Field, Flavor, Format, KindSpec, Object, Presence, Type,
    HOSTNAME_MAX_CHARS, HOSTNAME_PATTERN, MASKED_PATTERN, SCOPE_MAX_CHARS, SCOPE_PATTERN,
    TIMEOUT_MAX, TIMEOUT_MIN,
};
use crate::Kind;

use super::ordered::{Obj, J};

/// The schema of `kind`, as the text committed in `schemas/`.
pub fn schema_text(kind: Kind) -> String {
    let mut text = serde_json::to_string_pretty(&schema_value(kind)).expect("a schema serializes");
    text.push('\n');
    text
}

/// The schema of `kind`, its keys in the order they are written.
pub fn schema_value(kind: Kind) -> J {
    let spec = kind.spec();
    let mut gen = Generator {
        flavor: spec.flavor,
        defs: Obj::new(),
    };
    let mut root = Obj::new()
        .with("$schema", "https://json-schema.org/draft/2020-12/schema")
        .with("$id", crate::schema_id(kind))
        .with("title", spec.title)
        .with("description", description(spec));
    match spec.wrapped {
        None => {
            for (k, v) in gen.object(spec.root).0 {
                if k != "description" {
                    root.insert(&k, v);
                }
            }
        }
        Some(wrapped) => {
            // Either form, told apart as mfalint tells them: a document
            // holding every key of the wrapper is the wrapper.
            let keys: Vec<&str> = wrapped
                .fields
                .iter()
                .filter(|f| f.name != "$schema")
                .map(|f| f.name)
                .collect();
            let mut declared = Obj::new();
            for k in &keys {
                declared.insert(k, true);
            }
            root.insert("type", "object");
            root.insert(
                "if",
                Obj::new()
                    .with("required", keys.clone())
                    .with("properties", declared),
            );
            let then = gen.object(wrapped);
            root.insert("then", then);
            let body = gen.object(spec.root);
            gen.defs.insert("body", body);
            root.insert("else", Obj::new().with("$ref", "#/$defs/body"));
            root.insert(
                "$comment",
                format!(
                    "A document holding {} is the wrapped form; any other document is the bare body (mfalint reads it the same way).",
                    keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" and ")
                ),
            );
        }
    }
    if !gen.defs.is_empty() {
        root.insert("$defs", gen.defs);
    }
    J::Obj(root)
}

struct Generator {
    flavor: Flavor,
    defs: Obj,
}

impl Generator {
    /// Whether constraints inherited from Strata Cloud Manager are errors
    /// here (not in legacy SASE, where they are warnings). Lengths, formats
    /// and ranges always are inherited; required fields are in the vendor
    /// objects.
    fn inherited_enforced(&self) -> bool {
        !self.flavor.inherited_constraints_are_warnings
    }

    /// The keywords of an object schema.
    fn object(&mut self, obj: &'static Object) -> Obj {
        let fields: Vec<&'static Field> = obj
            .fields
            .iter()
            .filter(|f| f.exists_in(&self.flavor))
            .collect();
        let mut out = Obj::new().with("type", "object");
        if !obj.doc.is_empty() {
            out.insert("description", obj.doc);
        }
        let required: Vec<&str> = fields
            .iter()
            .filter(|f| f.is_required() && (!obj.scm_constraints || self.inherited_enforced()))
            .map(|f| f.name)
            .collect();
        if !required.is_empty() {
            out.insert("required", required);
        }
        let mut properties = Obj::new();
        for f in &fields {
            let schema = self.field(f);
            properties.insert(f.name, schema);
        }
        out.insert("properties", properties);
        if let Some(group) = obj.exactly_one {
            if fields.iter().any(|f| group.keys().contains(&f.name)) {
                // The branches only count keys (`properties: {key: true}`
                // declares the required key, as ajv strict mode asks);
                // every value present is checked under `properties`, so an
                // invalid second one cannot make its branch fail and the
                // count pass.
                let branches: Vec<J> = group
                    .keys()
                    .iter()
                    .map(|k| {
                        Obj::new()
                            .with("title", *k)
                            .with("required", vec![*k])
                            .with("properties", Obj::new().with(k, true))
                            .into()
                    })
                    .collect();
                out.insert("oneOf", J::Arr(branches));
                let comment = match group {
                    ExactlyOne::Scope(_) => format!(
                        "Exactly one of {} ({}). The branches only count keys; values are checked under `properties`.",
                        group.keys().join(", "),
                        RuleId::ScopeCount.code()
                    ),
                    ExactlyOne::Vendor(_) => format!(
                        "The upstream oneOf cannot be satisfied as written: its branches lack `required`, so `{{}}` or any single vendor matches several branches. Each branch here requires its own key, which expresses the intent: exactly one of {} ({}). The branches only count keys; values are checked under `properties`.",
                        group.keys().join(", "),
                        RuleId::VendorCount.code()
                    ),
                };
                out.insert("$comment", comment);
            }
        }
        out
    }

    /// The schema of a field.
    fn field(&mut self, f: &'static Field) -> J {
        let enforce = self.inherited_enforced();
        let strings = matches!(f.ty, Type::String | Type::NullableString);
        let mut s = Obj::new();
        if f.format == Format::ScopeName {
            if !self.defs.contains("scope") {
                let scope = Obj::new()
                    .with("type", "string")
                    .with("minLength", 1i64)
                    .with("maxLength", SCOPE_MAX_CHARS)
                    .with("pattern", SCOPE_PATTERN)
                    .with("description", f.doc)
                    .with(
                        "$comment",
                        "The documented pattern ^[a-zA-Z\\d-_\\. ]+$ is ill-formed in Rust regex and ECMA-262 u mode; this is its portable equivalent, and \\d never accepts non-ASCII digits.",
                    );
                self.defs.insert("scope", scope);
            }
            return Obj::new().with("$ref", "#/$defs/scope").into();
        }
        match f.ty {
            Type::Any => {}
            Type::Boolean => s.insert("type", "boolean"),
            Type::String => s.insert("type", "string"),
            Type::NullableString => s.insert("type", vec!["string", "null"]),
            Type::Timeout if self.flavor.timeouts_as_strings => s.insert("type", "string"),
            Type::Timeout => {
                s.insert(
                    "anyOf",
                    vec![
                        Obj::new()
                            .with("type", "integer")
                            .with("minimum", TIMEOUT_MIN)
                            .with("maximum", TIMEOUT_MAX),
                        Obj::new()
                            .with("type", "string")
                            .with("pattern", "^([5-9]|[1-9][0-9]|[1-5][0-9]{2}|600)$"),
                    ],
                );
                s.insert(
                    "$comment",
                    format!(
                        "An integer; a canonical numeric string \"{TIMEOUT_MIN}\"..\"{TIMEOUT_MAX}\" is only a warning ({}), so the string branch accepts it.",
                        RuleId::TimeoutNumericString.code()
                    ),
                );
            }
            Type::Object(o) | Type::NullableObject(o) => {
                if !self.defs.contains(f.name) {
                    let def = self.object(o);
                    self.defs.insert(f.name, def);
                }
                let reference = Obj::new().with("$ref", format!("#/$defs/{}", f.name));
                if matches!(f.ty, Type::NullableObject(_)) {
                    s.insert("anyOf", vec![Obj::new().with("type", "null"), reference]);
                } else {
                    s = reference;
                }
            }
        }
        if strings && f.min_length > 0 && enforce {
            s.insert("minLength", f.min_length);
        }
        match f.format {
            Format::Hostname if enforce => {
                s.insert("maxLength", HOSTNAME_MAX_CHARS);
                s.insert("pattern", HOSTNAME_PATTERN);
                s.insert(
                    "$comment",
                    "format: hostname upstream, written as a portable pattern (RFC 1123 labels, at most 253 characters).",
                );
            }
            Format::Enum(values) => s.insert("enum", values),
            Format::Endpoint(method) => s.insert("enum", vec![J::from(method), J::Null]),
            Format::Hostname | Format::None | Format::ScopeName => {}
        }
        if f.secret {
            s.insert("writeOnly", true);
            let when = if strings {
                ""
            } else {
                "When a string (any other value is not checked): "
            };
            s.insert(
                "$comment",
                format!(
                    "{when}Secret: write-only. In a request a masked value (first character, six `*`, last character, or only `*`) or an SCM ciphertext echo (`-AQ==...`) is rejected ({}).",
                    RuleId::MaskedSecret.code()
                ),
            );
            s.insert(
                "not",
                Obj::new()
                    .with("type", "string")
                    .with("pattern", MASKED_PATTERN),
            );
        }
        if f.read_only {
            s.insert("readOnly", true);
        }
        if let Some(d) = f.default_in(&self.flavor) {
            s.insert(
                "default",
                match d {
                    Default::Str(v) => J::from(v),
                    Default::Int(n) => J::from(n),
                    Default::Bool(b) => J::from(b),
                },
            );
        }
        if !f.doc.is_empty() {
            s.insert("description", f.doc);
        }
        J::Obj(s)
    }
}

/// What a kind's schema says about itself: what it is, and which rules
/// only mfalint reports.
fn description(spec: &KindSpec) -> String {
    let mut fields = Vec::new();
    walk_fields(spec.root, &mut fields);
    if let Some(w) = spec.wrapped {
        walk_fields(w, &mut fields);
    }
    let fields: Vec<&Field> = fields
        .into_iter()
        .map(|(_, f)| f)
        .filter(|f| f.exists_in(&spec.flavor))
        .collect();
    let has = |p: &dyn Fn(&Field) -> bool| fields.iter().any(|f| p(f));
    let integer_timeouts = !spec.flavor.timeouts_as_strings && has(&|f| f.ty == Type::Timeout);
    let mut inexpressible = vec![format!(
        "{} duplicate keys (a parsed document keeps one)",
        RuleId::DuplicateKey.code()
    )];
    if integer_timeouts {
        inexpressible.push(format!(
            "{} a timeout written with a fraction or exponent (30.0, 3e1), an integer to JSON Schema but not to mfalint",
            RuleId::TimeoutNotInteger.code()
        ));
    }
    let mut warnings = vec![format!("{} unknown keys", RuleId::UnknownKey.code())];
    if spec.request && has(&|f| f.read_only) {
        warnings.push(format!("{} read-only fields", RuleId::ReadOnlyField.code()));
    }
    if has(&|f| f.presence == Presence::Expected) {
        warnings.push(format!(
            "{} no `mfa_vendor_type`",
            RuleId::VendorMissing.code()
        ));
    }
    if integer_timeouts {
        warnings.push(format!(
            "{} numeric-string timeouts",
            RuleId::TimeoutNumericString.code()
        ));
    }
    if has(&|f| f.credential) {
        warnings.push(format!(
            "{} enabled without credentials",
            RuleId::EnabledWithoutCredentials.code()
        ));
    }
    if spec.flavor.inherited_constraints_are_warnings {
        warnings.push(format!(
            "the constraints inherited from Strata Cloud Manager ({} for vendor fields, {}, {}, {}, {})",
            RuleId::MissingRequired.code(),
            RuleId::MinLength.code(),
            RuleId::HostnameFormat.code(),
            RuleId::TimeoutRange.code(),
            RuleId::TimeoutNotInteger.code()
        ));
    }
    if has(&|f| f.secret) {
        warnings.push(format!(
            "{} plaintext secrets",
            RuleId::PlaintextSecret.code()
        ));
    }
    let mut out = format!(
        "{}, as mfalint validates it in request mode with default rules: every error-level rule that JSON Schema can express. Not expressible here, so only mfalint reports them: {}. Warnings, which do not make a payload invalid, are left out: {}.",
        spec.what,
        inexpressible.join("; "),
        warnings.join(", ")
    );
    if spec.request && has(&|f| f.secret) {
        out.push_str(&format!(
            " {} (masked secret) is enforced as for a request; validate exported files with mfalint in export mode.",
            RuleId::MaskedSecret.code()
        ));
    }
    out
}
