//! A small span-keeping JSON parser and writer.
//!
//! `serde_json::Value` forgets where things were, silently keeps the last of
//! duplicate keys and turns `30.0` into `30.0_f64`. A linter needs all three:
//! byte spans for `file:line:col`, every member in order (duplicates are a
//! finding, and writers must not drop them), and numbers as written.

mod locate;
mod node;
mod parse;
mod position;
mod write;

pub use locate::{Located, Locator};
pub(crate) use node::{has_duplicate_keys, key_eq};
pub use node::{Member, Node, Span, Value};
pub use parse::{parse, Limits, ParseError, ParseErrorKind};
pub(crate) use parse::{parse_document, Document};
pub use position::{line_col, line_cols, LineCol, LineIndex};
pub use write::to_pretty_string;
pub(crate) use write::write_string;
