//! Where payloads and compact reports cross between JavaScript and the
//! `.wasm`: buffers in WASM memory that JavaScript writes and reads
//! directly.

use std::cell::RefCell;

use wasm_bindgen::prelude::wasm_bindgen;

// Payload bytes that JavaScript writes straight into WASM memory with
// `TextEncoder.encodeInto` (`pkg/lib/api.js`): wasm-bindgen's own `&str`
// hand-off copies ASCII with a JavaScript loop, which measured a third of a
// small payload's validation time. Kept at its full length (zero-filled on
// growth), so any prefix is safe to read.
thread_local! {
    pub(crate) static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    // `reportInput`'s answer when it is text (see there); reused, so a
    // report costs no allocation to hand over.
    pub(crate) static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Grows the input buffer to at least `capacity` bytes; where it starts in
/// WASM memory (it moves when it grows).
#[wasm_bindgen(js_name = inputBuffer)]
pub fn input_buffer(capacity: usize) -> *mut u8 {
    INPUT.with(|b| {
        let mut b = b.borrow_mut();
        if b.len() < capacity {
            b.resize(capacity, 0);
        }
        b.as_mut_ptr()
    })
}

/// The module's `WebAssembly.Memory`, for writing into the input buffer.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn memory() -> wasm_bindgen::JsValue {
    wasm_bindgen::memory()
}

/// Where the compact report of the last [`crate::validator::Validator::report_input`] call
/// starts in WASM memory (it moves when the buffer grows).
#[wasm_bindgen(js_name = outputPtr)]
pub fn output_ptr() -> *const u8 {
    OUTPUT.with(|o| o.borrow().as_ptr())
}

/// The error text of the last [`crate::validator::Validator::report_input`] call.
#[wasm_bindgen(js_name = takeOutput)]
pub fn take_output() -> String {
    // Only ever error JSON (a String's bytes) here.
    OUTPUT.with(|o| String::from_utf8(std::mem::take(&mut *o.borrow_mut())).unwrap_or_default())
}
