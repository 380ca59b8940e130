//! Payloads rewritten: defaults filled ([`normalize`]), secrets masked
//! ([`redact`]).

pub(crate) mod normalize;
pub(crate) mod redact;
