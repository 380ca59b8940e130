#![no_main]
//! See `check_cli` in fuzz/src/faces.rs: the command line's whole
//! rendering path, in-process, on arbitrary bytes.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| mfalint_fuzz::faces::check_cli(data));
