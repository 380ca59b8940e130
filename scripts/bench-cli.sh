#!/usr/bin/env bash
# CLI benchmark (issue 5, BENCHMARKS.md): `mfalint check --format json DIR`
# (release build) vs check-jsonschema on the same 10,000 generated files and
# the same schemas/, plus peak RSS on those files and on 50 MB files.
#
#   scripts/bench-cli.sh [--count N] [--runs N] [--mb MB] [--no-peer] [--smoke]
#
# --smoke (scripts/bench-smoke.sh): 100 files, the debug binary that the
# tests already built, one timed run each, a 1 MB big file, and no apt-get:
# without hyperfine or GNU time it times with `date` and skips peak RSS.
#
# Installs what it needs, idempotently: hyperfine and GNU time (apt-get, if
# missing), check-jsonschema into bench/.venv (pip). Files go to
# $MFALINT_BENCH_DIR (default target/bench-cli/), one directory per kind with
# an mfalint.toml naming the kind (check-jsonschema takes one schema per run:
# one invocation per kind, the five totalled by timing them as one command).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

count=10000 runs=10 mb=50 peer=1 smoke=0
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) smoke=1 count=100 runs=1 mb=1; shift ;;
    --count) count=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --mb) mb=$2; shift 2 ;;
    --no-peer) peer=0; shift ;;
    *) echo "bench-cli: unknown argument $1" >&2; exit 2 ;;
  esac
done

apt_install() {
  if command -v apt-get >/dev/null; then
    local sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get install -y "$@" >/dev/null || { $sudo apt-get update >/dev/null && $sudo apt-get install -y "$@" >/dev/null; }
  else
    echo "bench-cli: install $* (no apt-get here)" >&2; exit 1
  fi
}
if [ "$smoke" = 0 ]; then
  command -v hyperfine >/dev/null || apt_install hyperfine
  [ -x /usr/bin/time ] || apt_install time
fi
if [ "$peer" = 1 ] && [ ! -x bench/.venv/bin/check-jsonschema ]; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install --quiet --disable-pip-version-check check-jsonschema
fi

target=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
dir=${MFALINT_BENCH_DIR:-$target/bench-cli}
files=$dir/files
mkdir -p "$dir"

# dump: the corpus writer (benches/dump_corpus.rs); `cargo test` runs a
# harness = false bench target with the dev profile, quick to build in CI.
if [ "$smoke" = 1 ]; then
  cargo build --locked --bin mfalint
  mfalint=$target/debug/mfalint
  dump() { cargo test --locked --bench dump_corpus -- "$@"; }
else
  cargo build --release --locked --bin mfalint
  mfalint=$target/release/mfalint
  dump() { cargo bench --locked --bench dump_corpus -- "$@"; }
fi
dump --files "$files" --count "$count"

kinds="scm-mfa-server sase-mfa-server sailpoint-okta-config sailpoint-duo-config sailpoint-test-result"
peer_cmd="for k in $kinds; do $root/bench/.venv/bin/check-jsonschema --schemafile $root/schemas/\$k.schema.json $files/\$k/*.json >/dev/null || true; done"

echo
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $count files, $(find "$files" -name '*.json' -printf '%s\n' | awk '{ n += $1 } END { print n }') bytes of JSON; $("$mfalint" --version)"
[ "$peer" = 1 ] && echo "== $(bench/.venv/bin/check-jsonschema --version)"
# Same results before timing: how many files each tool fails.
"$mfalint" check --format json "$files" > "$dir/mfalint.json" || true
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const files = r.files ?? [];
const bad = files.filter((f) => (f.diagnostics ?? f.findings ?? []).some((d) => d.severity === "error")).length;
console.log(`== mfalint: ${files.length} files checked, ${bad} with an error`);
' "$dir/mfalint.json" || true
if [ "$peer" = 1 ]; then
  bad=0
  for k in $kinds; do
    n=$({ bench/.venv/bin/check-jsonschema -o json --schemafile "schemas/$k.schema.json" "$files/$k"/*.json 2>/dev/null || true; } \
      | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s);console.log(new Set((r.errors??[]).map(e=>e.filename)).size)})')
    bad=$((bad + n))
  done
  echo "== check-jsonschema: $bad files with an error"
fi

# hyperfine, or (smoke, not installed) a minimal stand-in writing the same JSON.
hyperfine_lite() {
  local runs=1 name= cmd= export=
  while [ $# -gt 0 ]; do
    case $1 in
      --runs) runs=$2; shift 2 ;;
      --export-json) export=$2; shift 2 ;;
      -n) name=$2; shift 2 ;;
      --warmup|--style) shift 2 ;;
      --ignore-failure) shift ;;
      *) cmd=$1; shift ;;
    esac
  done
  local times=() i t0 t1
  for ((i = 0; i < runs; i++)); do
    t0=$(date +%s.%N); bash -c "$cmd" || true; t1=$(date +%s.%N)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
  done
  echo "$name: ${times[*]} s"
  node -e 'const t = process.argv.slice(3).map(Number); const m = t.reduce((a, b) => a + b, 0) / t.length;
    require("fs").writeFileSync(process.argv[1], JSON.stringify({ results: [{ command: process.argv[2], mean: m, stddev: 0, min: Math.min(...t), max: Math.max(...t), times: t }] }));' \
    "$export" "$name" "${times[@]}"
}
if command -v hyperfine >/dev/null; then
  hf=(hyperfine --ignore-failure --style basic --export-json "$dir/hyperfine.json")
else
  hf=(hyperfine_lite --export-json "$dir/hyperfine.json")
fi
cmds=(-n "mfalint check --format json ($count files)" "$mfalint check --format json $files >/dev/null")
if [ "$peer" = 1 ]; then
  peer_runs=$(( runs < 3 ? runs : 3 ))
  "${hf[@]}" --warmup 1 --runs "$runs" "${cmds[@]}"
  cp "$dir/hyperfine.json" "$dir/hyperfine-mfalint.json"
  "${hf[@]}" --runs "$peer_runs" -n "check-jsonschema, 5 runs of one kind each ($count files)" "$peer_cmd"
  cp "$dir/hyperfine.json" "$dir/hyperfine-peer.json"
  node -e '
const fs = require("fs");
const a = JSON.parse(fs.readFileSync(process.argv[1])).results[0];
const b = JSON.parse(fs.readFileSync(process.argv[2])).results[0];
const s = (x) => x.toFixed(3);
console.log("\n| tool | mean s | min s | max s | runs |\n|---|---:|---:|---:|---:|");
for (const r of [a, b]) console.log(`| ${r.command} | ${s(r.mean)} ± ${s(r.stddev ?? 0)} | ${s(r.min)} | ${s(r.max)} | ${r.times.length} |`);
console.log(`\nmfalint is ${(b.mean / a.mean).toFixed(1)}x faster than check-jsonschema (goal >= 50x); ${s(a.mean)} s wall for the files (goal < 1 s)`);
' "$dir/hyperfine-mfalint.json" "$dir/hyperfine-peer.json"
else
  "${hf[@]}" --warmup 1 --runs "$runs" "${cmds[@]}"
fi

dump --big "$dir/big" --mb "$mb"
if [ ! -x /usr/bin/time ]; then
  echo "bench-cli: no GNU time (/usr/bin/time): peak RSS skipped"
  exit 0
fi
# Peak RSS (GNU time), one run each.
rss() {
  local label=$1; shift
  /usr/bin/time -f "%M %e" -o "$dir/time.txt" "$@" >/dev/null 2>"$dir/stderr.txt" || true
  read -r kb secs < <(tail -1 "$dir/time.txt")
  printf '| %s | %s | %s | %s |\n' "$label" "$(find "${@: -1}" -name '*.json' -printf '%s\n' | awk '{ n += $1 } END { print n }')" "$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')" "$secs"
}
echo
echo "| input | bytes | peak RSS MiB | wall s |"
echo "|---|---:|---:|---:|"
rss "$count files (mfalint check --format json DIR)" "$mfalint" check --format json "$files"
rss "big-string.json (one ${mb} MB string)" "$mfalint" check --format json "$dir/big/big-string.json"
rss "big-array.json (${mb} MB array of small objects)" "$mfalint" check --format json "$dir/big/big-array.json"
# Pathological inputs (docs/reliability.md, "Memory and time"): a file whose
# every member is a finding, and a file of nothing but line breaks.
big_n=$(( mb * 1000000 / 28 / 10000 * 10000 ))
node -e '
const fs = require("fs");
const n = Number(process.argv[2]);
const fd = fs.openSync(process.argv[1], "w");
fs.writeSync(fd, "{");
const piece = "\n  \"name\": \"profile-name-x\",";
const chunk = piece.repeat(10000);
for (let i = 0; i < n; i += 10000) fs.writeSync(fd, i + 10000 >= n ? chunk.slice(0, -1) : chunk);
fs.writeSync(fd, "}\n");
fs.closeSync(fd);
fs.writeFileSync(process.argv[3], "\n".repeat(Number(process.argv[4])));
' "$dir/big/duplicate-keys.json" "$big_n" "$dir/big/newlines.json" "$(( mb * 1000000 ))"
rss "duplicate-keys.json ($big_n duplicate keys, human output)" "$mfalint" check --kind scm-mfa-server --max-bytes 200000000 "$dir/big/duplicate-keys.json"
rss "newlines.json (${mb} MB of line breaks)" "$mfalint" check --max-bytes 200000000 "$dir/big/newlines.json"
