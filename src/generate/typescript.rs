//! The npm package's generated files: `pkg/generated.d.ts` (the payload
//! types, rule codes and names, kind ids) and `pkg/lib/kinds.js` (the kind
//! ids in the order the `.wasm` numbers them), from the spec and the rule
//! registry.

use std::fmt::Write;

use crate::rules::RuleId;
use crate::spec::{ExactlyOne, Field, Flavor, Format, Object, Type};
use crate::Kind;

const HEADER: &str = "// Generated from src/spec/ and src/rules/ by `cargo run --example regenerate`;\n// tests/generated.rs fails when this file is stale. Do not edit.\n";

/// `pkg/lib/kinds.js`.
pub fn kinds_js() -> String {
    let mut out = String::from(HEADER);
    out.push_str("\n/** The payload kinds, in the order the .wasm numbers them. */\nexport const KINDS = Object.freeze([\n");
    for k in Kind::ALL {
        let _ = writeln!(out, "  '{}',", k.id());
    }
    out.push_str("]);\n");
    out
}

/// `pkg/generated.d.ts`.
pub fn generated_d_ts() -> String {
    let mut out = String::from(HEADER);
    out.push_str("\n/** The payload kinds mfalint validates. */\nexport type Kind =\n");
    for k in Kind::ALL {
        let _ = writeln!(out, "  | '{}'", k.id());
    }
    out.push_str(";\n\n/** Every rule's stable code. */\nexport type RuleCode =\n");
    for r in RuleId::ALL {
        let _ = writeln!(out, "  | '{}'", r.code());
    }
    out.push_str(";\n\n/** Every rule's stable name. */\nexport type RuleName =\n");
    for r in RuleId::ALL {
        let _ = writeln!(out, "  | '{}'", r.name());
    }
    out.push_str(
        ";\n\n/** Any JSON value. */\n\
         export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };\n\n\
         // ---- Payload shapes, for building payloads in typed code. Validation\n\
         // accepts any value (that is what it checks); these say what a valid one is.\n",
    );
    let mut gen = Gen {
        out: String::new(),
        done: Vec::new(),
    };
    for kind in Kind::ALL {
        let spec = kind.spec();
        let prefix = prefix(&spec.flavor);
        let name = pascal(spec.id);
        gen.object(&name, spec.root, &spec.flavor, prefix, spec.what);
        if let Some(w) = spec.wrapped {
            gen.object(
                &format!("{name}Request"),
                w,
                &spec.flavor,
                prefix,
                "The same request with its query parameters: {\"query\": {...}, \"body\": {...}}",
            );
        }
    }
    out.push_str(&gen.out);
    out
}

/// Legacy SASE's own types are prefixed, since its timeouts are strings.
fn prefix(flavor: &Flavor) -> &'static str {
    if flavor.timeouts_as_strings {
        "Sase"
    } else {
        ""
    }
}

/// `okta_adaptive_v1` → `OktaAdaptiveV1`, `scm-mfa-server` →
/// `ScmMfaServer`.
fn pascal(s: &str) -> String {
    s.split(['_', '-'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

struct Gen {
    out: String,
    /// Types already written: the object, the prefix, the name.
    done: Vec<(*const Object, &'static str, String)>,
}

impl Gen {
    /// Writes the type `name` of `obj` (and the types below it).
    fn object(
        &mut self,
        name: &str,
        obj: &'static Object,
        flavor: &Flavor,
        prefix: &'static str,
        doc: &str,
    ) {
        if self.done.iter().any(|(_, _, n)| n == name) {
            return;
        }
        self.done.push((obj, prefix, name.to_string()));
        let fields: Vec<&'static Field> =
            obj.fields.iter().filter(|f| f.exists_in(flavor)).collect();
        let mut nested = Vec::new();
        let mut text = String::new();
        let _ = writeln!(text, "\n/** {}. */", doc.trim_end_matches('.'));
        match obj.exactly_one {
            Some(ExactlyOne::Vendor(keys)) => {
                let _ = writeln!(text, "export type {name} =");
                for f in fields.iter().filter(|f| keys.contains(&f.name)) {
                    let t = self.field_type(f, flavor, prefix, &mut nested);
                    let _ = writeln!(text, "  | {{ {}: {t} }}", f.name);
                }
                text.push_str(";\n");
            }
            group => {
                let in_group = |f: &Field| group.is_some_and(|g| g.keys().contains(&f.name));
                let group_fields: Vec<&&Field> = fields.iter().filter(|f| in_group(f)).collect();
                if group_fields.is_empty() {
                    let _ = writeln!(text, "export interface {name} {{");
                } else {
                    let _ = writeln!(text, "export type {name} = {{");
                }
                for f in fields.iter().filter(|f| !in_group(f)) {
                    let t = self.field_type(f, flavor, prefix, &mut nested);
                    if !f.doc.is_empty() {
                        let _ = writeln!(text, "  /** {} */", field_doc(f, flavor));
                    }
                    let optional = if f.is_required() { "" } else { "?" };
                    let _ = writeln!(text, "  {}{optional}: {t};", quote(f.name));
                }
                if obj.open {
                    text.push_str(
                        "  /** Any other key is accepted as it is. */\n  [key: string]: JsonValue;\n",
                    );
                }
                if group_fields.is_empty() {
                    text.push_str("}\n");
                } else {
                    let branches: Vec<String> = group_fields
                        .iter()
                        .map(|f| {
                            let t = self.field_type(f, flavor, prefix, &mut nested);
                            format!("{{ {}: {t} }}", f.name)
                        })
                        .collect();
                    let _ = writeln!(text, "}} & ({});", branches.join(" | "));
                }
            }
        }
        self.out.push_str(&text);
        for (n, o, d) in nested {
            self.object(&n, o, flavor, prefix, d);
        }
    }

    fn field_type(
        &mut self,
        f: &Field,
        flavor: &Flavor,
        prefix: &'static str,
        nested: &mut Vec<(String, &'static Object, &'static str)>,
    ) -> String {
        let string = match f.format {
            Format::Enum(values) => values
                .iter()
                .map(|v| format!("'{v}'"))
                .collect::<Vec<_>>()
                .join(" | "),
            Format::Endpoint(m) => format!("'{m}'"),
            _ => "string".to_string(),
        };
        match f.ty {
            Type::Any => "JsonValue".into(),
            Type::String => string,
            Type::NullableString => format!("{string} | null"),
            Type::Boolean => "boolean".into(),
            Type::Timeout if flavor.timeouts_as_strings => "string".into(),
            Type::Timeout => "number".into(),
            Type::Object(o) | Type::NullableObject(o) => {
                // An object already named (a kind's root reached again, as
                // legacy SASE's `body`) keeps its name.
                let known = self
                    .done
                    .iter()
                    .find(|(p, pre, _)| std::ptr::eq(*p, o) && *pre == prefix)
                    .map(|(_, _, n)| n.clone());
                let name = known.unwrap_or_else(|| format!("{prefix}{}", pascal(f.name)));
                let doc = if o.doc.is_empty() { f.doc } else { o.doc };
                nested.push((name.clone(), o, doc));
                if matches!(f.ty, Type::NullableObject(_)) {
                    format!("{name} | null")
                } else {
                    name
                }
            }
        }
    }
}

/// A field's doc comment, with what the type cannot say.
fn field_doc(f: &Field, flavor: &Flavor) -> String {
    let mut doc = f.doc.trim_end_matches('.').to_string();
    if f.secret {
        doc.push_str(". A secret");
    }
    if f.read_only {
        doc.push_str(". Read-only: a warning in a request body");
    }
    match f.min_length {
        0 => {}
        1 => doc.push_str(". Not empty"),
        n => {
            let _ = write!(doc, ". At least {n} characters");
        }
    }
    if f.format == Format::Hostname {
        doc.push_str(". A bare hostname");
    }
    if let Some(d) = f.default_in(flavor) {
        let _ = write!(
            doc,
            ". Default {}",
            match d {
                crate::spec::Default::Str(s) => format!("`{s}`"),
                crate::spec::Default::Int(n) => n.to_string(),
                crate::spec::Default::Bool(b) => b.to_string(),
            }
        );
    }
    doc.push('.');
    doc
}

/// A property name, quoted when TypeScript needs it (`$schema` does not).
fn quote(name: &str) -> String {
    if name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
    {
        name.to_string()
    } else {
        format!("'{name}'")
    }
}
