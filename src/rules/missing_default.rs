//! MFA012 missing-default: an optional field with a documented default is
//! absent (what `mfalint normalize` fills in), for teams that want every
//! file to say what the server will assume.

use crate::fix::{last_segment, parent_pointer, Applicability, Doc, Fix, Payload};
use crate::report::{Finding, Severity, Target};
use crate::spec::Default;
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::MissingDefault,
    code: "MFA012",
    name: "missing-default",
    severity: Severity::Warning,
    enabled: Enabled::Never,
    configurable: true,
    summary: "An optional field with a documented default is absent (its fix writes the default)",
    why: "The server fills a documented default for an absent optional field, so the payload works, but \
          a reader of the file cannot see the value in force, and a change of default upstream changes \
          the profile silently. Turn this rule on to have every file state them; `--fix` (or `mfalint \
          normalize`) writes them in. Legacy SASE documents no defaults.",
    source: "SCM vendor schemas (default)",
    ruling: Some("required-and-defaults"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Body(Kind::ScmMfaServer),
        fails: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {\"rsa_api_host\": \"rsa.example.com\"}}\n}\n",
        fixed: "{\n  \"name\": \"rsa\",\n  \"mfa_cert_profile\": \"rsa-ca\",\n  \"folder\": \"Shared\",\n  \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {\"rsa_api_host\": \"rsa.example.com\", \"rsa_baseuri\": \"/mfa/v1_1\", \"rsa_timeout\": 30}}\n}\n",
    },
    options: "Off unless selected: `--extend-select MFA012` (or `extend-select = [\"MFA012\"]`).",
};

/// The default as JSON text: `"/pingid/rest/4"`, `30`, `false`.
pub(crate) fn json_text(d: Default) -> String {
    match d {
        Default::Str(s) => {
            let mut out = String::new();
            crate::json::write_string(&mut out, s);
            out
        }
        Default::Int(n) => n.to_string(),
        Default::Bool(b) => b.to_string(),
    }
}

/// `key`, absent from the object at `parent`, has the default `d`.
pub(crate) fn report(ctx: &mut Ctx, parent: &Ptr, key: &str, d: Default) {
    ctx.report(
        RuleId::MissingDefault,
        &parent.missing(key),
        Target::Missing,
        || {
            [
                "`",
                key,
                "` is absent; its documented default is ",
                &json_text(d),
            ]
            .concat()
        },
        None,
    );
}

/// Writes the documented default in (safe: the server assumes it anyway),
/// unless an unknown key of the object is a near miss of it (its rename
/// keeps the value the file meant).
pub(crate) fn fix(doc: &Doc, f: &Finding, at: &Payload, all: &[Finding]) -> Option<Fix> {
    let found = doc.resolve(&f.pointer)?;
    let (object, None) = found.parent? else {
        return None;
    };
    let key = found.last?;
    let parent = parent_pointer(&f.pointer);
    let object_spec = at.object_at(parent)?;
    let names: Vec<&str> = object_spec.fields.iter().map(|f| f.name).collect();
    let misspelt = all
        .iter()
        .filter(|o| o.rule == RuleId::UnknownKey && parent_pointer(&o.pointer) == parent)
        .filter_map(|o| last_segment(&o.pointer))
        .any(|k| crate::suggest::did_you_mean(&k, &names) == Some(&*key));
    if misspelt {
        return None;
    }
    let field = object_spec.field(&key)?;
    let value = json_text(field.default_in(&at.kind.spec().flavor)?);
    Some(Fix {
        title: format!("Write `{key}` with its default {value}"),
        applicability: Applicability::Safe,
        edits: vec![doc.insert_member(object, &key, &value)?],
    })
}
