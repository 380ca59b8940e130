//! Lists of payloads, as exports and repositories keep them: a bare array,
//! or a GET response `{"data": [...], "limit", "offset", "total"}`. Each
//! item is validated as its own kind (detected per item unless named),
//! with pointers from the document's root (`/data/3/mfa_vendor_type/...`).
//! A GET list response (the `data` envelope, or a bare array whose every
//! item has the server-assigned `id`, as legacy SASE and the first SCM
//! spec answered) is checked in export mode (`docs/rulings.md#collections`).

use crate::json::{Member, Node, Value};
use crate::kind::{detect, Kind};
use crate::options::{Mode, Options};
use crate::report::Finding;
use crate::rules::{duplicate_key, duplicate_name, unknown_kind};

use crate::report::Placeholder;

use super::{walk, Ctx, Ptr};

/// The keys of a GET list response besides `data`.
const ENVELOPE_KEYS: &[&str] = &["limit", "offset", "total", "$schema"];

/// A document that is a list of payloads.
pub(crate) struct Collection<'n, 'a> {
    pub items: &'n [Node<'a>],
    /// `Some`: the member `data` of a GET response holding the items.
    pub data: Option<&'n Member<'a>>,
}

impl Collection<'_, '_> {
    /// The pointer to the array of items: `""` or `/data`.
    pub fn base(&self) -> &'static str {
        if self.data.is_some() {
            "/data"
        } else {
            ""
        }
    }
}

/// The list a document is, if it is one.
pub(crate) fn collection<'n, 'a>(root: &'n Node<'a>) -> Option<Collection<'n, 'a>> {
    match &root.value {
        Value::Array(items) => Some(Collection { items, data: None }),
        Value::Object(members) => {
            // Asked of every document: a payload has no `data` key.
            let data = members
                .iter()
                .rev()
                .find(|m| m.key.len() == 4 && m.key == "data")?;
            let Value::Array(items) = &data.value.value else {
                return None;
            };
            members
                .iter()
                .all(|m| m.key == "data" || ENVELOPE_KEYS.contains(&m.key.as_ref()))
                .then_some(Collection {
                    items,
                    data: Some(data),
                })
        }
        _ => None,
    }
}

/// What checking a list found.
pub(crate) struct Checked {
    /// Each item's kind (`None`: not told).
    pub kinds: Vec<Option<Kind>>,
    /// Whether it was read as a GET list response (checked in export mode).
    pub response: bool,
    pub findings: Vec<Finding>,
    pub placeholders: Vec<Placeholder>,
}

/// Checks every item of `list`, the document `root`. `kind`: the kind the
/// user named for the items.
pub(crate) fn check(
    root: &Node,
    list: Collection,
    kind: Option<Kind>,
    opts: &Options,
    duplicate_keys: bool,
) -> Checked {
    // A GET response holds what the server stores: checked as an export.
    let response = list.data.is_some()
        || !list.items.is_empty() && list.items.iter().all(|i| i.get("id").is_some());
    let export;
    let item_opts = if response {
        export = Options {
            mode: Mode::Export,
            ..opts.clone()
        };
        &export
    } else {
        opts
    };
    let at = super::root_ptr(root);
    let mut ctx = Ctx::new(opts);
    if duplicate_keys {
        duplicate_key::check(&mut ctx, root, &at);
    }
    let base_storage;
    let base = match list.data {
        Some(data) => {
            base_storage = at.member(data);
            &base_storage
        }
        None => &at,
    };
    let indices: Vec<String> = (0..list.items.len()).map(|i| i.to_string()).collect();
    let items: Vec<(Ptr, &Node)> = list
        .items
        .iter()
        .zip(&indices)
        .map(|(item, index)| (base.item(index, item), item))
        .collect();
    let mut kinds = Vec::with_capacity(items.len());
    let mut profiles = Vec::new();
    let mut placeholders = Vec::new();
    for (here, item) in &items {
        let item_kind = match kind.map(Ok).unwrap_or_else(|| detect(item)) {
            Ok(k) => k,
            Err(e) => {
                ctx.findings.push(unknown_kind::finding_at(here, item, &e));
                kinds.push(None);
                continue;
            }
        };
        kinds.push(Some(item_kind));
        let mut item_ctx = Ctx::new(item_opts).for_flavor(&item_kind.spec().flavor);
        walk::check(item_kind, &mut item_ctx, item, here);
        ctx.findings.append(&mut item_ctx.findings);
        placeholders.append(&mut item_ctx.placeholders);
        if item_kind.spec().api == crate::spec::Api::PaloAlto {
            profiles.push((*here, *item));
        }
    }
    duplicate_name::check(&mut ctx, &profiles);
    Checked {
        kinds,
        response,
        findings: ctx.findings,
        placeholders,
    }
}
