#!/usr/bin/env bash
# Quick smoke run of every benchmark harness (scripts/test.sh, CI): proves
# they build and run on a tiny corpus; measures nothing, asserts no timing.
# The real runs: scripts/bench-rust.sh, scripts/bench-wasm.sh,
# scripts/bench-cli.sh (BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export MFALINT_BENCH_PER_KIND=10

echo "== criterion harness, test mode (dev profile: each benchmark once)"
cargo test --locked --bench validate

echo "== node harness (bench/wasm.mjs), 50 payloads, 1 round"
[ -d node_modules/ajv ] || npm ci --no-audit --no-fund
[ -f pkg/web/mfalint_bg.wasm ] && [ -f pkg/node/mfalint.js ] || scripts/build-wasm.sh
cargo test --locked --bench dump_corpus -- --json bench/corpus.json
node bench/wasm.mjs --corpus bench/corpus.json --rounds 1

echo "== CLI harness (scripts/bench-cli.sh --smoke), 100 files"
scripts/bench-cli.sh --smoke
