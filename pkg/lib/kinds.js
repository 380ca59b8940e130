// Generated from src/spec/ and src/rules/ by `cargo run --example regenerate`;
// tests/generated.rs fails when this file is stale. Do not edit.

/** The payload kinds, in the order the .wasm numbers them. */
export const KINDS = Object.freeze([
  'scm-mfa-server',
  'sase-mfa-server',
  'sailpoint-okta-config',
  'sailpoint-duo-config',
  'sailpoint-test-result',
]);
