//! placeholder, replaced by the WASM bindings
