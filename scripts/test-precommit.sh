#!/usr/bin/env bash
# Integration test of .pre-commit-hooks.yaml: installs pre-commit from PyPI
# into a venv (kept under target/, skipped when present), then runs
# `pre-commit try-repo <this repo> <hook> --all-files` in temporary git
# repositories and asserts the hooks pass on good input and fail on bad.
#
# The hooks are taken from the committed HEAD (`--ref HEAD`: commit first),
# so pre-commit builds mfalint once (`language: rust` = `cargo install` from
# crates.io) and reuses that environment for every run; set
# MFALINT_PRECOMMIT_WORKTREE=1 to test uncommitted changes to tracked files
# instead (one build per run). The build uses a shared target directory under
# target/ and a quicker release profile.
set -euo pipefail
# The fixture repositories need a commit identity; a fresh machine has none.
export GIT_AUTHOR_NAME="${GIT_AUTHOR_NAME:-mfalint tests}" GIT_AUTHOR_EMAIL="${GIT_AUTHOR_EMAIL:-tests@mfalint.invalid}"
export GIT_COMMITTER_NAME="${GIT_COMMITTER_NAME:-mfalint tests}" GIT_COMMITTER_EMAIL="${GIT_COMMITTER_EMAIL:-tests@mfalint.invalid}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

PRE_COMMIT_VERSION="4.7.0"
VENV="$ROOT/target/precommit-venv"
if [ ! -x "$VENV/bin/pre-commit" ] || ! "$VENV/bin/pre-commit" --version | grep -q "$PRE_COMMIT_VERSION"; then
  echo "installing pre-commit $PRE_COMMIT_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "pre-commit==$PRE_COMMIT_VERSION"
fi
PRE_COMMIT="$VENV/bin/pre-commit"
"$PRE_COMMIT" --version

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export PRE_COMMIT_HOME="$WORK/cache"
export CARGO_TARGET_DIR="$ROOT/target/precommit-build"
export CARGO_PROFILE_RELEASE_LTO=false
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
export CARGO_TERM_COLOR=never
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com

REF_ARGS=(--ref "$(git -C "$ROOT" rev-parse HEAD)")
if [ "${MFALINT_PRECOMMIT_WORKTREE:-}" = 1 ]; then
  REF_ARGS=()
fi

passed=0
failed=0

# new_repo NAME FILE... : a git repository with the given files (paths relative to $ROOT or SRC=DEST pairs).
new_repo() {
  local dir="$WORK/$1"; shift
  mkdir -p "$dir"
  git -C "$dir" init --quiet
  for spec in "$@"; do
    local src="${spec%%=*}" dest="${spec#*=}"
    mkdir -p "$dir/$(dirname "$dest")"
    cp "$ROOT/$src" "$dir/$dest"
  done
  git -C "$dir" add -A
  git -C "$dir" commit --quiet -m fixture
  echo "$dir"
}

# expect STATUS REPO HOOK PATTERN: try-repo HOOK in REPO exits STATUS (0 or 1) and prints PATTERN.
expect() {
  local want="$1" repo="$2" hook="$3" pattern="$4" log status
  log="$WORK/$(basename "$repo")-$hook.log"
  set +e
  (cd "$repo" && "$PRE_COMMIT" try-repo "$ROOT" "$hook" "${REF_ARGS[@]}" --all-files --verbose) >"$log" 2>&1
  status=$?
  set -e
  if [ "$status" -eq "$want" ] && grep -qE -- "$pattern" "$log"; then
    echo "ok: $hook in $(basename "$repo") exits $status"
    passed=$((passed + 1))
  else
    echo "FAIL: $hook in $(basename "$repo"): exit $status (want $want), pattern '$pattern'"
    sed 's/^/  | /' "$log" | tail -60
    failed=$((failed + 1))
  fi
}

valid="$(new_repo valid examples/valid/scm-okta.json=payloads/okta.json \
  examples/valid/sailpoint-duo-web.json=payloads/duo.json \
  examples/valid/mfalint.toml=payloads/mfalint.toml \
  tests/fixtures/yaml/valid-okta.yaml=payloads/okta-verify.yaml \
  schemas/scm-mfa-server.schema.json=schemas/scm-mfa-server.schema.json)"
invalid="$(new_repo invalid examples/invalid/scm-okta-constraints.json=payloads/okta.json \
  examples/valid/sailpoint-duo-web.json=payloads/duo.json \
  tests/fixtures/yaml/yaml11.yaml=payloads/streams.yml \
  schemas/scm-mfa-server.schema.json=schemas/scm-mfa-server.schema.json)"
# A stale vendored schema in the invalid repository.
printf '{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}\n' \
  >"$invalid/schemas/scm-mfa-server.schema.json"
git -C "$invalid" commit --quiet -am "stale schema"

start=$(date +%s)
expect 0 "$valid" mfalint 'mfalint\.+Passed'
expect 1 "$invalid" mfalint 'payloads/okta\.json:9:21: error\[MFA040\]'
# YAML files are hooked too (types_or: [json, yaml]), each document located.
expect 1 "$invalid" mfalint 'payloads/streams\.yml:3:10: error\[MFA002\].*document 1'
expect 0 "$valid" mfalint-schemas 'mfalint JSON Schemas are current\.+Passed'
expect 1 "$invalid" mfalint-schemas 'schemas/scm-mfa-server\.schema\.json: differs from mfalint'
# No secret of the payloads in any hook output.
if grep -rqE 'EXAMPLE-okta-token|EXAMPLE-duo|tok3n' "$WORK"/*.log; then
  echo "FAIL: a secret value appears in hook output"
  failed=$((failed + 1))
else
  echo "ok: no secret in hook output"
  passed=$((passed + 1))
fi
echo "pre-commit try-repo runs took $(( $(date +%s) - start ))s"

# The README's configuration block is a valid .pre-commit-config.yaml.
awk '/^```yaml/{on=1; next} /^```/{on=0} on' "$ROOT/README.md" >"$WORK/readme-config.yaml"
if grep -q 'id: mfalint' "$WORK/readme-config.yaml" && "$PRE_COMMIT" validate-config "$WORK/readme-config.yaml"; then
  echo "ok: the README's pre-commit block passes pre-commit validate-config"
  passed=$((passed + 1))
else
  echo "FAIL: the README's pre-commit block is not a valid configuration"
  failed=$((failed + 1))
fi

echo "pre-commit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
