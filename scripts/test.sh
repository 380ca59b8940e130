#!/usr/bin/env bash
# Runs every test on a fresh machine; each area script installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n=== %s ===\n' "$*"; }

# Keep a copy of everything for the closing tally of cargo and node:test results.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
exec > >(tee "$log") 2>&1

section "npm dev tooling"
[ -d node_modules ] || npm ci --no-audit --no-fund

section "Rust: unit, snapshot, property and CLI tests"
cargo test --workspace --locked

section "Language server: mfalint server driven by an LSP client (vscode-jsonrpc)"
cargo build --locked
node --test --test-reporter=spec tests/lsp/

section "JSON Schemas under ajv strict mode"
scripts/test-schemas.sh

section "WASM package: build, Node, Chromium, npm pack"
scripts/test-wasm.sh

section "Packaging: publish dry runs, the library without the command line"
# --allow-dirty: a local run may hold uncommitted work; CI's clone is clean.
cargo publish --dry-run --locked --allow-dirty -p mfalint
(cd pkg && npm publish --dry-run --ignore-scripts)
# Library users build with default-features = false: no clap, toml or walker.
cargo check --locked -p mfalint --lib --no-default-features
if cargo tree --locked -p mfalint --no-default-features -e normal | grep -qE '^.*(clap|toml|ignore) v'; then
  echo "the library without default features depends on a command-line crate" >&2
  exit 1
fi

section "pre-commit hook via pre-commit try-repo"
scripts/test-precommit.sh

section "Hardening: cargo-deny, hostile inputs"
scripts/test-hardening.sh

section "Benchmarks: smoke run"
scripts/bench-smoke.sh

section "Tally"
# cargo: "test result: ok. N passed; M failed; ..."; node:test: "ℹ pass N" / "ℹ fail M".
awk '
  /^test result: / { for (i = 1; i < NF; i++) { if ($(i+1) == "passed;") p += $i; if ($(i+1) == "failed;") f += $i } }
  NF == 3 && $2 == "pass" && $3 ~ /^[0-9]+$/ { p += $3 }
  NF == 3 && $2 == "fail" && $3 ~ /^[0-9]+$/ { f += $3 }
  END { printf "total: %d passed, %d failed\n", p, f }
' "$log"
