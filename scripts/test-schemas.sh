#!/usr/bin/env bash
# Schema checks outside Rust: ajv 8 strict mode compiles every schema in
# schemas/ without a warning. Installs the root Node tooling when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules/ajv ]; then
  npm ci --no-audit --no-fund
fi
node scripts/check-schemas-ajv.mjs
