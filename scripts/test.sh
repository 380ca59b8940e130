#!/usr/bin/env bash
# Runs every test on a fresh machine; each area script installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n=== %s ===\n' "$*"; }

section "npm dev tooling"
[ -d node_modules ] || npm ci --no-audit --no-fund

section "Rust: unit, snapshot, property and CLI tests"
cargo test --workspace --locked

section "JSON Schemas under ajv strict mode"
scripts/test-schemas.sh

section "WASM package: build, Node, Chromium, npm pack"
scripts/test-wasm.sh

section "pre-commit hook via pre-commit try-repo"
scripts/test-precommit.sh

section "Hardening: cargo-deny, hostile inputs"
scripts/test-hardening.sh

section "Benchmarks: smoke run"
scripts/bench-smoke.sh
