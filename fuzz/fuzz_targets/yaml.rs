#![no_main]
//! See `check_yaml` in fuzz/src/invariants.rs.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| mfalint_fuzz::invariants::check_yaml(data));
