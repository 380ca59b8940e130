#!/usr/bin/env bash
# Instruction counts (callgrind) of the Rust benchmark's harnesses on the
# same corpus (benches/instructions.rs): deterministic, so a before/after
# comparison of a few percent holds on a noisy machine, where wall time
# (scripts/bench-rust.sh) does not. Prints one table per group and the
# ratios against the peers.
#
#   scripts/bench-instructions.sh [GROUP...]     (default: all invalid)
#
# Needs valgrind (apt-get install valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "bench-instructions: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(all invalid)
bin=$(cargo bench --locked --bench instructions --no-run --message-format=json 2>/dev/null |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const l of s.split("\n")){if(!l)continue;const m=JSON.parse(l);if(m.reason==="compiler-artifact"&&m.target.name==="instructions"&&m.executable)console.log(m.executable)}})')
[ -x "$bin" ] || { echo "bench-instructions: the bench did not build" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
harnesses=(serde_json-floor mfalint-parse mfalint-validate mfalint-is_valid jsonschema-is_valid jsonschema-iter_errors)
for g in "${groups[@]}"; do
  echo "#### $g (instructions per pass, millions)"
  echo
  echo "| harness | instructions | / mfalint-validate |"
  echo "|---|---:|---:|"
  declare -A ir=()
  for h in "${harnesses[@]}"; do
    valgrind --tool=callgrind --toggle-collect='instructions::measure*' \
      --callgrind-out-file="$out/$g-$h.out" "$bin" "$g" "$h" >/dev/null 2>"$out/$g-$h.log"
    ir[$h]=$(grep -E '^(summary|totals):' "$out/$g-$h.out" | head -1 | awk '{print $2}')
  done
  for h in "${harnesses[@]}"; do
    awk -v h="$h" -v n="${ir[$h]}" -v d="${ir[mfalint-validate]}" \
      'BEGIN { printf "| %s | %.1f | %.2fx |\n", h, n / 1e6, n / d }'
  done
  echo
  awk -v a="${ir[jsonschema-is_valid]}" -v b="${ir[mfalint-is_valid]}" \
      -v c="${ir[jsonschema-iter_errors]}" -v d="${ir[mfalint-validate]}" -v f="${ir[serde_json-floor]}" -v g="$g" \
    'BEGIN { printf "- %s: mfalint-is_valid runs %.2fx fewer instructions than jsonschema-is_valid; mfalint-validate %.2fx fewer than jsonschema-iter_errors; mfalint-validate is %.2fx the serde_json floor\n\n", g, a / b, c / d, d / f }'
  unset ir
done
