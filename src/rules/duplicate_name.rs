//! MFA011 duplicate-name: two profiles of one collection with the same name
//! in the same place.

use std::collections::hash_map::{Entry, HashMap};

use crate::json::{Member, Node};
use crate::report::{Constraint, Related, Severity, Target};
use crate::spec::palo_alto::SCOPE_KEYS;
use crate::validate::{Ctx, Ptr};
use crate::Kind;

use super::{Enabled, Example, Input, Rule, RuleDocs, RuleId};

pub(crate) static RULE: Rule = Rule {
    id: RuleId::DuplicateName,
    code: "MFA011",
    name: "duplicate-name",
    severity: Severity::Error,
    enabled: Enabled::Always,
    configurable: true,
    summary: "Two MFA server profiles of one list have the same name in the same folder, snippet or device",
    why: "A profile's `name` identifies it within its folder, snippet or device: the API refuses a \
          second profile of that name there, and a list that holds two (an export edited by hand, two \
          files merged) cannot be applied as it is. Rename or remove one. Profiles of the same name in \
          different places are fine.",
    source: "SCM mfa-servers: name unique per container",
    ruling: Some("collections"),
};

pub(crate) static DOCS: RuleDocs = RuleDocs {
    example: Example {
        input: Input::Collection(Kind::ScmMfaServer),
        fails: "[\n  {\"name\": \"okta\", \"mfa_cert_profile\": \"cp\", \"folder\": \"Shared\", \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {}}},\n  {\"name\": \"okta\", \"mfa_cert_profile\": \"cp\", \"folder\": \"Shared\", \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {}}}\n]\n",
        fixed: "[\n  {\"name\": \"okta\", \"mfa_cert_profile\": \"cp\", \"folder\": \"Shared\", \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {}}},\n  {\"name\": \"okta-eu\", \"mfa_cert_profile\": \"cp\", \"folder\": \"Shared\", \"mfa_vendor_type\": {\"rsa_securid_access_v1\": {}}}\n]\n",
    },
    options: "",
};

/// Reports each profile among `items` (with where each is) whose name an
/// earlier one in the same place already has, with the first as a related
/// place.
pub(crate) fn check(ctx: &mut Ctx, items: &[(Ptr<'_>, &Node)]) {
    // (name, scope key, scope value) -> the first profile's name member.
    let mut seen: HashMap<(&str, &str, &str), &Member> = HashMap::new();
    for (at, item) in items {
        let Some(members) = item.members() else {
            continue;
        };
        // The last member of a key wins, as everywhere.
        let last = |key: &str| members.iter().rev().find(|m| m.key == key);
        let Some(name) = last("name").filter(|m| m.value.as_str().is_some()) else {
            continue;
        };
        let scope = SCOPE_KEYS
            .iter()
            .find_map(|k| Some((*k, last(k)?.value.as_str()?)))
            .unwrap_or(("", ""));
        let value = name.value.as_str().unwrap_or_default();
        match seen.entry((value, scope.0, scope.1)) {
            Entry::Vacant(e) => {
                e.insert(name);
            }
            Entry::Occupied(first) => {
                let here = at.member(name);
                let first = first.get().value.span;
                ctx.report_with(
                    RuleId::DuplicateName,
                    &here,
                    Target::Value,
                    || {
                        let place = if scope.0.is_empty() {
                            String::new()
                        } else {
                            [" in the same `", scope.0, "`"].concat()
                        };
                        [
                            "an earlier profile of this list has the same `name`",
                            &place,
                        ]
                        .concat()
                    },
                    Some(Constraint::Unique("name")),
                    || {
                        let related = Related {
                            span: first,
                            message: "the first profile of that name".to_string(),
                        };
                        here.is_located().then_some(related).into_iter().collect()
                    },
                );
            }
        }
    }
}
