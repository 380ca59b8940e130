//! A report rendered as the API's own 400 body, so that a mock server or an
//! admin UI shows what the real API would.

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{json, Value};

use crate::finding::Finding;
use crate::report::Report;

/// The 400 body for `report`'s error findings, or `None` when it has none
/// (the API would not reject it). `request_id` is the SCM `_request_id` or
/// SailPoint `trackingId`; `None` generates one.
///
/// SCM / legacy SASE: `{"_errors": [{"code": "E003", "message": "Invalid
/// Object", "details": {"errors": [...]}}], "_request_id": "..."}`.
/// SailPoint: `{"detailCode": "400.1 Bad Request Content", "trackingId":
/// "...", "messages": [...], "causes": [...]}`.
pub fn api_error(report: &Report, request_id: Option<&str>) -> Option<Value> {
    let errors: Vec<&Finding> = report.errors().collect();
    if errors.is_empty() {
        return None;
    }
    let sailpoint = report.kind.is_sailpoint();
    let id = request_id.map_or_else(|| random_id(sailpoint), str::to_string);
    Some(if sailpoint {
        let message =
            |text: String| json!({"locale": "en-US", "localeOrigin": "DEFAULT", "text": text});
        json!({
            "detailCode": "400.1 Bad Request Content",
            "trackingId": id,
            "messages": [message(
                "The request was syntactically correct but its content is semantically invalid.".into()
            )],
            "causes": errors
                .iter()
                .map(|f| message(format!("{}: {} ({})", pointer_or_root(f), f.message, f.code)))
                .collect::<Vec<_>>(),
        })
    } else {
        json!({
            "_errors": [{
                "code": "E003",
                "message": "Invalid Object",
                "details": {"errors": errors},
            }],
            "_request_id": id,
        })
    })
}

fn pointer_or_root(f: &Finding) -> &str {
    if f.pointer.is_empty() {
        "/"
    } else {
        &f.pointer
    }
}

/// A random request id: a v4-style UUID (SCM) or 32 hex digits (SailPoint).
/// Not for cryptographic use; `RandomState` is seeded from the OS where
/// there is one, and a counter keeps ids apart within a process.
pub fn random_id(sailpoint: bool) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let state = std::collections::hash_map::RandomState::new();
    let word = |salt: u64| {
        let mut h = state.build_hasher();
        h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed) ^ salt);
        h.finish()
    };
    let (a, b) = (word(0x9e37_79b9_7f4a_7c15), word(0x6a09_e667_f3bc_c909));
    let hex = format!("{a:016x}{b:016x}");
    if sailpoint {
        hex
    } else {
        format!(
            "{}-{}-4{}-{:x}{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[13..16],
            8 | (b & 3),
            &hex[17..20],
            &hex[20..32]
        )
    }
}
