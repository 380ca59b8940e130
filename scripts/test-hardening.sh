#!/usr/bin/env bash
# Hardening checks (docs/reliability.md): dependency policy with cargo-deny,
# then the hostile-input, arbitrary-input and fuzz-regression tests.
# Installs cargo-deny (crates.io) if missing; idempotent.
#
# Optional: FUZZ_SECONDS=N also runs each cargo-fuzz target for N seconds
# (needs a nightly toolchain; installs cargo-fuzz if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_DENY_VERSION=0.20.2

if ! cargo deny --version 2>/dev/null | grep -q "cargo-deny $CARGO_DENY_VERSION"; then
  echo "installing cargo-deny $CARGO_DENY_VERSION (crates.io, about 5-8 minutes on 2 cores)"
  cargo install cargo-deny --version "$CARGO_DENY_VERSION" --locked
fi

# Advisories are left out: the RustSec database is fetched from GitHub,
# which this environment cannot reach.
cargo deny --workspace --all-features check licenses bans sources

cargo test --locked --test hostile --test arbitrary_input --test fuzz_regressions

if [ "${FUZZ_SECONDS:-0}" -gt 0 ]; then
  scripts/fuzz.sh "$FUZZ_SECONDS"
fi
