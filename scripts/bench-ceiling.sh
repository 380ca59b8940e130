#!/usr/bin/env bash
# The parser ceiling behind issue 5's 5x goal (BENCHMARKS.md, section 1):
# serde_json's syntax check and the SIMD parsers simd-json and sonic-rs on
# the Rust benchmark corpus, against a fifth of jsonschema's verdict time,
# in one interleaved run. `--native` builds for this CPU (AVX2/AVX-512
# where present), which the SIMD parsers need for their widest code paths.
#
#   scripts/bench-ceiling.sh [--native] [passes]
#
# Needs only cargo (bench/ceiling is its own workspace, with its own lock file).
set -euo pipefail
cd "$(dirname "$0")/.."
flags=""
if [ "${1:-}" = "--native" ]; then
  flags="-C target-cpu=native"
  shift
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
corpus=$tmp/corpus.json
cargo bench --locked --bench dump_corpus -- --json "$corpus"
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load: $(cut -d' ' -f1-3 /proc/loadavg), RUSTFLAGS='$flags'"
RUSTFLAGS="$flags" cargo run --locked --release --quiet --manifest-path bench/ceiling/Cargo.toml \
  --target-dir "target/ceiling${flags:+-native}" -- "$corpus" "$@"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
