#![no_main]
//! See `check_report` in fuzz/src/invariants.rs.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| mfalint_fuzz::invariants::check_report(data));
