#!/usr/bin/env bash
# WASM benchmark (issue 5, BENCHMARKS.md): the npm package in pkg/ vs ajv 8
# (Ajv2020 on schemas/) in Node over the same corpus as the Rust benchmark.
#
#   scripts/bench-wasm.sh [--variants] [--rounds N]
#
# Builds pkg/ (scripts/build-wasm.sh installs the wasm32 target,
# wasm-bindgen-cli and the root npm devDependencies, ajv among them), writes
# bench/corpus.json, runs bench/wasm.mjs. --variants also builds the same
# crate wholly at opt-level s and wholly at 3 (the package ships s with the core
# crate at 3: scripts/build-wasm.sh) into
# target/bench-wasm-{s,3}/ and times their compiled validators alongside.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

variants=0 rounds=15
while [ $# -gt 0 ]; do
  case $1 in
    --variants) variants=1; shift ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "bench-wasm: unknown argument $1" >&2; exit 2 ;;
  esac
done

[ -d node_modules/ajv ] || npm ci --no-audit --no-fund
scripts/build-wasm.sh
target=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
cargo bench --locked --bench dump_corpus -- --json bench/corpus.json

extra=()
if [ "$variants" = 1 ]; then
  # One target directory per opt-level, so reruns do not rebuild.
  for level in s 3; do
    out=$target/bench-wasm-$level
    CARGO_TARGET_DIR=$out CARGO_PROFILE_RELEASE_OPT_LEVEL=$level CARGO_PROFILE_RELEASE_LTO=true \
      CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 CARGO_PROFILE_RELEASE_PANIC=abort \
      cargo build --locked --release --target wasm32-unknown-unknown -p mfalint-wasm
    wasm-bindgen --target nodejs --out-dir "$out/node" --out-name mfalint \
      "$out/wasm32-unknown-unknown/release/mfalint_wasm.wasm"
    node_modules/.bin/wasm-opt -O3 "$out/node/mfalint_bg.wasm" -o "$out/node/mfalint_bg.wasm"
    # The nodejs glue is CommonJS; the repository's package.json says "type": "module".
    echo '{"type": "commonjs"}' > "$out/node/package.json"
    echo "== opt-level $level + wasm-opt -O3: $(wc -c < "$out/node/mfalint_bg.wasm") bytes, $(gzip -9 -c "$out/node/mfalint_bg.wasm" | wc -c) gzipped"
    extra+=(--variant "opt-level $level=$out/node/mfalint.js")
  done
  echo "== shipped pkg/ (opt-level s, core crate 3, wasm-opt -O3): $(wc -c < pkg/web/mfalint_bg.wasm) bytes, $(gzip -9 -c pkg/web/mfalint_bg.wasm | wc -c) gzipped"
fi

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load: $(cut -d' ' -f1-3 /proc/loadavg)"
node bench/wasm.mjs --corpus bench/corpus.json --rounds "$rounds" "${extra[@]}"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
