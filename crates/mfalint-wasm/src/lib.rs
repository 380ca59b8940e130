//! WebAssembly bindings of mfalint for the npm package in `pkg/`.
//!
//! Every export takes JSON text (the payload, and the options as a JSON
//! object) and returns JSON text: `{"ok": <value>}` or
//! `{"error": {"category", "message", ...}}`. The JavaScript wrapper in
//! `pkg/lib/api.js` parses the result, returns the value or throws an
//! `MfalintError`. Text keeps the boundary small: no `JsValue` conversion
//! code in the `.wasm`, and the core's span-keeping parser sees exactly the
//! text a client would send. Validation itself goes through a
//! [`Validator`] (options parsed once), whose payload JavaScript writes
//! into an input buffer in WASM memory, and whose common answers (a
//! verdict, a report without findings) are numbers.
//!
//! - [`exports`] holds the package's functions (`validate`, `normalize`, ...);
//! - [`options`] reads the options object through the core's front-end;
//! - [`validator`] is `compile()`;
//! - [`wire`] is the compact report format;
//! - [`buffers`] are the input and output buffers in WASM memory;
//! - `probes` are measurement-only exports, never shipped.

pub mod buffers;
pub mod exports;
pub mod options;
#[cfg(any(
    feature = "serde-wasm-bindgen",
    feature = "regex-probe",
    feature = "regex-lite-probe"
))]
mod probes;
pub mod validator;
pub mod wire;

pub use exports::*;
pub use options::{options_from_json, Failure};
pub use validator::Validator;
pub use wire::compact;
