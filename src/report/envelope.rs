//! A report rendered as the API's own 400 body, so that a mock server or an
//! admin UI shows what the real API would.

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

use super::{Finding, Report};

/// A 400 body, in the field order of the API's own examples.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ApiError<'r> {
    /// SCM / legacy SASE `generic_error`.
    Scm {
        _errors: [ScmError<'r>; 1],
        _request_id: String,
    },
    /// SailPoint `ErrorResponseDto`.
    SailPoint {
        #[serde(rename = "detailCode")]
        detail_code: &'static str,
        #[serde(rename = "trackingId")]
        tracking_id: String,
        messages: Vec<ErrorMessage>,
        causes: Vec<ErrorMessage>,
    },
}

impl ApiError<'_> {
    /// The SCM `_request_id` or SailPoint `trackingId`.
    pub fn request_id(&self) -> &str {
        match self {
            ApiError::Scm { _request_id, .. } => _request_id,
            ApiError::SailPoint { tracking_id, .. } => tracking_id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScmError<'r> {
    pub code: &'static str,
    pub message: &'static str,
    pub details: ScmDetails<'r>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScmDetails<'r> {
    pub errors: Vec<&'r Finding>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorMessage {
    pub locale: &'static str,
    #[serde(rename = "localeOrigin")]
    pub locale_origin: &'static str,
    pub text: String,
}

fn message(text: String) -> ErrorMessage {
    ErrorMessage {
        locale: "en-US",
        locale_origin: "DEFAULT",
        text,
    }
}

/// The 400 body for `report`'s error findings, or `None` when it has none
/// (the API would not reject it). `request_id` is the SCM `_request_id` or
/// SailPoint `trackingId`; `None` generates one. Serialize it with serde.
///
/// SCM / legacy SASE: `{"_errors": [{"code": "E003", "message": "Invalid
/// Object", "details": {"errors": [...]}}], "_request_id": "..."}`.
/// SailPoint: `{"detailCode": "400.1 Bad Request Content", "trackingId":
/// "...", "messages": [...], "causes": [...]}`.
pub fn api_error<'r>(report: &'r Report, request_id: Option<&str>) -> Option<ApiError<'r>> {
    let errors: Vec<&Finding> = report.errors().collect();
    if errors.is_empty() {
        return None;
    }
    let sailpoint = report.kind.spec().api == crate::spec::Api::SailPoint;
    let id = request_id.map_or_else(|| random_id(sailpoint), str::to_string);
    Some(if sailpoint {
        ApiError::SailPoint {
            detail_code: "400.1 Bad Request Content",
            tracking_id: id,
            messages: vec![message(
                "The request was syntactically correct but its content is semantically invalid."
                    .into(),
            )],
            causes: errors
                .iter()
                .map(|f| {
                    message(format!(
                        "{}: {} ({})",
                        pointer_or_root(f),
                        f.message,
                        f.code()
                    ))
                })
                .collect(),
        }
    } else {
        ApiError::Scm {
            _errors: [ScmError {
                code: "E003",
                message: "Invalid Object",
                details: ScmDetails { errors },
            }],
            _request_id: id,
        }
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
