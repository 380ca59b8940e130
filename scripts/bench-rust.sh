#!/usr/bin/env bash
# Rust benchmark (issue 5, BENCHMARKS.md): criterion, bytes to report on the
# generated corpus (benches/common/corpus.rs, fixed seed, 1,000 payloads per
# kind): mfalint validate_str vs the jsonschema crate on schemas/ vs the
# serde_json parse floor; then the ratio tables (bench/criterion-table.mjs),
# and the ratios against the peers measured in alternation (benches/ratios.rs).
#
#   scripts/bench-rust.sh [criterion args, e.g. a filter like 'all/']
#
# Needs only cargo and node (both already required by the repository).
set -euo pipefail
cd "$(dirname "$0")/.."
target=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load: $(cut -d' ' -f1-3 /proc/loadavg)"
cargo bench --locked --bench validate -- "$@"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
node bench/criterion-table.mjs "$target/criterion"
# Criterion times one harness after the other, so its ratios drift with the
# machine; the same harnesses run in alternation give ratios that hold.
if [ $# -eq 0 ]; then
  echo
  echo "#### ratios against the peers, harnesses run in alternation"
  echo
  cargo bench --locked --bench ratios
fi
