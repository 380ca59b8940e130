//! `mfalint schema`: print a kind's JSON Schema, or check vendored copies.

use crate::Kind;

use super::super::args::SchemaArgs;
use super::super::files::{self, ReadOutcome};
use super::super::{Console, Status};

/// Vendored schemas are small: anything bigger is not one of ours.
const MAX_SCHEMA_BYTES: usize = 1 << 20;

pub fn run(args: SchemaArgs, console: &mut Console) -> Status {
    if let Some(kind) = args.kind {
        let mut text = crate::schema(kind).to_string();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        console.out(text.as_bytes());
        return Status::Ok;
    }
    let mut status = Status::Ok;
    for file in args.check.unwrap_or_default() {
        let shown = files::shown(&file);
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(kind) = name.strip_suffix(".schema.json").and_then(Kind::from_id) else {
            console.error(format_args!(
                "{shown}: not named <kind-id>.schema.json (kinds: {})",
                Kind::ALL.map(|k| k.id()).join(", ")
            ));
            status = status.max(Status::Failure);
            continue;
        };
        let mut bytes = Vec::new();
        match files::read_file_limited(&file, MAX_SCHEMA_BYTES, &mut bytes, false) {
            Ok(ReadOutcome::Whole) => {}
            Ok(ReadOutcome::TooLarge { size }) => {
                console.note(format_args!(
                    "{shown}: {}; not an mfalint schema",
                    files::too_large_message(size, MAX_SCHEMA_BYTES)
                ));
                status = status.max(Status::Findings);
                continue;
            }
            Err(e) => {
                console.error(format_args!("{shown}: {e}"));
                status = status.max(Status::Failure);
                continue;
            }
        }
        let ours: serde_json::Value =
            serde_json::from_str(crate::schema(kind)).expect("built-in schemas are JSON");
        match serde_json::from_slice::<serde_json::Value>(&bytes) {
            Ok(v) if v == ours => {}
            Ok(_) => {
                console.note(format_args!(
                    "{shown}: differs from mfalint {}'s {kind} schema; regenerate it with `mfalint schema {kind} > {shown}`",
                    env!("CARGO_PKG_VERSION")
                ));
                status = status.max(Status::Findings);
            }
            Err(e) => {
                console.note(format_args!("{shown}: not valid JSON: {e}"));
                status = status.max(Status::Findings);
            }
        }
    }
    status
}
