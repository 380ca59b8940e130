#!/usr/bin/env bash
# Builds and tests the npm package (pkg/) on a fresh machine. Installs what
# is missing (idempotent): root node_modules (npm ci: typescript,
# playwright-core, binaryen), the wasm target and wasm-bindgen-cli (via
# build-wasm.sh), Debian chromium (apt-get) for the browser test.
#
#   1. scripts/build-wasm.sh                  pkg/{bundler,web,node}
#   2. cargo test -p mfalint-wasm             option handling, natively
#   3. expected dump (native Rust core) + node --test tests/node/   (corpus parity, API)
#   4. tsc --noEmit on tests/node/types/usage.ts
#   5. npm pack, npm install of the tarball into a fresh temp project,
#      the node tests and tsc again against the installed package
#   6. headless Chromium: tests/browser/demo.test.mjs (screenshot in target/browser/)
#   7. webpack 5 bundle of the `bundler` entry (tests/bundler/, its own pinned
#      package-lock: npm ci if missing), run in headless Chromium
#
# MFALINT_SKIP_BUILD=1 reuses an existing pkg/ build.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if [ ! -x node_modules/.bin/tsc ] || [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund
fi

if [ "${MFALINT_SKIP_BUILD:-}" != 1 ] || [ ! -f pkg/web/mfalint_bg.wasm ]; then
  scripts/build-wasm.sh
fi

echo "== cargo test -p mfalint-wasm"
cargo test -q -p mfalint-wasm

out=target/wasm-tests
mkdir -p "$out"
echo "== expected findings from the Rust core"
corpus=(examples tests/fixtures tests/node/fixtures)
cargo run -q -p mfalint-wasm --example expected -- "${corpus[@]}" >"$out/expected.json"

echo "== node --test tests/node/"
node --test --test-reporter=spec tests/node/

echo "== tsc --noEmit (in-tree types)"
node_modules/.bin/tsc -p tests/node/types

echo "== npm pack + install into a fresh project"
rm -f "$out"/mfalint-*.tgz
pack_json=$(cd pkg && npm pack --json --pack-destination "$root/$out")
tarball="$root/$out/$(node -e 'const p=JSON.parse(process.argv[1])[0];process.stdout.write(p.filename)' "$pack_json")"
project=$(mktemp -d "${TMPDIR:-/tmp}/mfalint-npm-XXXXXX")
trap 'rm -rf "$project"' EXIT
printf '{"name": "mfalint-consumer", "private": true, "type": "module"}\n' >"$project/package.json"
(cd "$project" && npm install --offline --no-audit --no-fund "$tarball" >/dev/null)
cat >"$project/smoke.mjs" <<'JS'
import { validate, apiError, rules } from 'mfalint';
const report = validate({ name: 'p', mfa_cert_profile: 'cp', folder: 'Shared',
  mfa_vendor_type: { okta_adaptive_v1: { okta_api_host: 'acme.okta.com', okta_baseuri: '/api/v1',
    okta_token: 'short', okta_org: 'acme', okta_timeout: 30 } } });
if (report.findings.map((f) => f.code).join() !== 'MFA040') throw new Error(JSON.stringify(report));
if (!apiError('{"mfaMethod": "duo-web", "host": 1}')) throw new Error('no envelope');
console.log(`installed package works: ${rules().length} rules, ${report.findings[0].code} found`);
JS
(cd "$project" && node smoke.mjs)
# CommonJS consumers: require(esm), on by default since Node 20.19.
(cd "$project" && node -e '
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major === 20 && minor < 19) { console.log("require(esm) needs Node >= 20.19: skipped"); process.exit(0); }
  const m = require("mfalint");
  if (m.validate("{\"state\": \"DONE\"}").findings[0].code !== "MFA070") throw new Error("require");
  console.log("require(\"mfalint\") works");
')
echo "== the code blocks of README.md and pkg/README.md, run as written"
node scripts/run-readme-blocks.mjs --project "$project" --tarball "$tarball"
installed="$project/node_modules/mfalint"
MFALINT_PKG_DIR="$installed" MFALINT_ENTRY="$installed/node.js" node --test --test-reporter=spec tests/node/
mkdir -p "$project/types"
cp tests/node/types/usage.ts "$project/types/"
node -e '
  const c = JSON.parse(require("fs").readFileSync("tests/node/types/tsconfig.json", "utf8"));
  delete c.compilerOptions.paths;
  require("fs").writeFileSync(process.argv[1], JSON.stringify(c, null, 2));
' "$project/types/tsconfig.json"
echo "== tsc --noEmit (types resolved through the installed package's exports)"
node_modules/.bin/tsc -p "$project/types"

echo "== headless Chromium"
if ! command -v chromium >/dev/null; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium
fi
node --test --test-reporter=spec tests/browser/

echo "== sizes"
gz() { gzip -9 -c "$1" | wc -c; }
wasm=pkg/web/mfalint_bg.wasm
node -e '
  const [p, wasm, raw, gz] = process.argv.slice(1);
  const x = JSON.parse(p)[0];
  console.log(`.wasm: ${raw} bytes, ${gz} gzipped (gzip -9); budget 102400`);
  console.log(`package: ${x.filename} ${x.size} bytes (tarball), ${x.unpackedSize} unpacked, ${x.entryCount} files`);
  if (Number(gz) > 102400) { console.error("over the 100 KB budget"); process.exit(1); }
  // The sizes the README states are within 1% of what was built and packed.
  const readme = require("fs").readFileSync("README.md", "utf8").replace(/\s+/g, " ");
  const num = (re, what) => {
    const m = re.exec(readme);
    if (!m) { console.error(`README.md states no ${what}`); process.exit(1); }
    return Number(m[1].replace(/,/g, ""));
  };
  const stated = [
    [num(/\.wasm` is ([\d,]+) bytes/, ".wasm size"), Number(raw), ".wasm bytes"],
    [num(/\*\*([\d,]+) bytes gzipped\*\*/, "gzipped size"), Number(gz), ".wasm gzipped"],
    [num(/tarball is ([\d,]+) bytes/, "tarball size"), x.size, "npm pack tarball"],
  ];
  for (const [doc, built, what] of stated) {
    const off = Math.abs(doc - built) / built;
    console.log(`README ${what}: ${doc}, built ${built} (${(off * 100).toFixed(2)}% off)`);
    if (off > 0.01) { console.error(`README.md: ${what} is ${built}, not ${doc}: update it`); process.exit(1); }
  }
' "$pack_json" "$wasm" "$(wc -c <"$wasm")" "$(gz "$wasm")"

echo "== webpack 5 bundle in headless Chromium (tests/bundler/)"
if [ ! -d tests/bundler/node_modules ]; then
  (cd tests/bundler && npm ci --no-audit --no-fund)
fi
node --test --test-reporter=spec tests/bundler/
