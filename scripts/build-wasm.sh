#!/usr/bin/env bash
# Builds the npm package in pkg/ from crates/mfalint-wasm, offline once the
# tools are present. Installs what is missing (idempotent):
#   - rustup target wasm32-unknown-unknown
#   - wasm-bindgen-cli 0.2.130 (cargo install; must equal the crate's pin)
#   - root node_modules (npm ci) for binaryen's wasm-opt
# Generated files (pkg/{bundler,web,node}/) are not committed.
#
# Usage: scripts/build-wasm.sh            build pkg/
#        scripts/build-wasm.sh --compare  also build probe variants
#                                         (serde-wasm-bindgen, regex, regex-lite)
#                                         into target/wasm-probe/ and print sizes
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

WASM_BINDGEN_VERSION=0.2.130
target=wasm32-unknown-unknown
crate=mfalint-wasm
out_name=mfalint

grep -q "wasm-bindgen = \"=$WASM_BINDGEN_VERSION\"" crates/mfalint-wasm/Cargo.toml || {
  echo "build-wasm: crates/mfalint-wasm/Cargo.toml must pin wasm-bindgen = \"=$WASM_BINDGEN_VERSION\"" >&2
  exit 1
}

if ! rustup target list --installed | grep -qx "$target"; then
  rustup target add "$target"
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ ! -x node_modules/.bin/wasm-opt ]; then
  npm ci --no-audit --no-fund
fi
wasm_opt="$root/node_modules/.bin/wasm-opt"

# Profile for the .wasm only (the native release profile is untouched):
# opt-level s with wasm-opt -O3 measured 1.5x faster than z with -Oz for
# +550 bytes gzipped (BENCHMARKS.md section 2); opt-level 3 for everything
# is over the 100 KB budget, so only the core (parser and rules, the hot
# code) gets it: 1.2x faster for +4.5 KB gzipped. Strip only debuginfo,
# since wasm-bindgen needs the target_features section.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=s
export CARGO_PROFILE_RELEASE_LTO=true
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
export CARGO_PROFILE_RELEASE_PANIC=abort
export CARGO_PROFILE_RELEASE_STRIP=debuginfo
export CARGO_PROFILE_RELEASE_DEBUG=false

target_dir=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')

gz() { gzip -9 -c "$1" | wc -c; }

# build FEATURES OUT_DIR TARGETS...: cargo build, wasm-bindgen per target, wasm-opt -O3.
build() {
  local features=$1 out=$2
  shift 2
  local args=(build --release --target "$target" -p "$crate" --config 'profile.release.package.mfalint.opt-level=3')
  [ -n "$features" ] && args+=(--features "$features")
  cargo "${args[@]}"
  local wasm="$target_dir/$target/release/mfalint_wasm.wasm"
  for t in "$@"; do
    local dir="$out/$t" bindgen_target=$t
    [ "$t" = node ] && bindgen_target=nodejs
    rm -rf "$dir"
    wasm-bindgen --target "$bindgen_target" --out-dir "$dir" --out-name "$out_name" "$wasm"
    "$wasm_opt" -O3 "$dir/${out_name}_bg.wasm" -o "$dir/${out_name}_bg.wasm"
  done
}

build "" pkg bundler web node
# The nodejs glue is CommonJS while pkg/package.json says "type": "module".
echo '{"type": "commonjs"}' > pkg/node/package.json
# The three targets get byte-identical .wasm files: ship two, not three. The
# node glue reads the web target's copy (the bundler glue must import its own,
# next to mfalint_bg.js).
cmp -s pkg/web/${out_name}_bg.wasm pkg/node/${out_name}_bg.wasm
node_wasm_ref='`${__dirname}/'${out_name}'_bg.wasm`'
grep -qF "$node_wasm_ref" pkg/node/${out_name}.js || {
  echo "build-wasm: pkg/node/${out_name}.js no longer reads $node_wasm_ref; update this script" >&2
  exit 1
}
sed -i "s#\`\${__dirname}/${out_name}_bg.wasm\`#\`\${__dirname}/../web/${out_name}_bg.wasm\`#" pkg/node/${out_name}.js
rm -f pkg/node/${out_name}_bg.wasm pkg/node/${out_name}_bg.wasm.d.ts pkg/*/.gitignore
# The licenses the manifests declare ship in the package (copies of the
# repository's own; pkg/.gitignore keeps them out of git).
cp LICENSE-MIT LICENSE-APACHE pkg/

echo "build-wasm: pkg/ built ($(wasm-bindgen --version), binaryen $("$wasm_opt" --version | awk '{print $3}'))"
for t in bundler web; do
  f=pkg/$t/${out_name}_bg.wasm
  printf '  %-28s %7d bytes, %6d gzipped (-9)\n' "$f" "$(wc -c <"$f")" "$(gz "$f")"
done

if [ "${1:-}" = "--compare" ]; then
  probe="$target_dir/wasm-probe"
  printf '\nbuild-wasm: probe builds (web target, wasm-opt -O3, gzip -9); shipped = no feature\n'
  printf '  %-22s %9s %9s\n' variant bytes gzipped
  f=pkg/web/${out_name}_bg.wasm
  printf '  %-22s %9d %9d\n' shipped "$(wc -c <"$f")" "$(gz "$f")"
  for features in serde-wasm-bindgen regex-probe regex-lite-probe; do
    build "$features" "$probe/$features" web >/dev/null 2>&1
    f=$probe/$features/web/${out_name}_bg.wasm
    printf '  %-22s %9d %9d\n' "+$features" "$(wc -c <"$f")" "$(gz "$f")"
  done
  # Leave the shipped configuration as the last cargo build.
  cargo build --release --target "$target" -p "$crate" >/dev/null 2>&1
fi
