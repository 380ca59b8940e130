#!/usr/bin/env bash
# Runs the cargo-fuzz targets one after another (not part of CI: needs nightly
# and minutes per target). Usage: scripts/fuzz.sh [seconds-per-target] [target...]
# Installs cargo-fuzz if missing. Crashes land in fuzz/artifacts/<target>/;
# copy them to tests/data/fuzz/<target>/ so tests/fuzz_regressions.rs replays them.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(report located roundtrip)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2 --locked
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  extra=()
  [ -d "../tests/data/fuzz/$t" ] && extra+=("../tests/data/fuzz/$t")
  nice -n 10 cargo +nightly fuzz run -O "$t" "corpus/$t" seeds ../tests/fixtures/rules/* "${extra[@]}" -- \
    -dict=mfalint.dict -max_total_time="$secs" -rss_limit_mb=2048 -max_len=8192 \
    -timeout=10 -print_final_stats=1
done
