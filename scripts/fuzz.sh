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
[ ${#targets[@]} -gt 0 ] || targets=(report located roundtrip cli yaml)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2 --locked
# cargo-fuzz needs nightly features (sanitizers); without a nightly
# toolchain, the stable compiler is allowed them with RUSTC_BOOTSTRAP.
if cargo +nightly --version >/dev/null 2>&1; then
  cargo=(cargo +nightly)
else
  cargo=(env RUSTC_BOOTSTRAP=1 cargo)
fi
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  extra=()
  [ -d "../tests/data/fuzz/$t" ] && extra+=("../tests/data/fuzz/$t")
  [ "$t" = yaml ] && extra+=(../tests/fixtures/yaml)
  nice -n 10 "${cargo[@]}" fuzz run -O "$t" "corpus/$t" seeds ../tests/fixtures/rules/* "${extra[@]}" -- \
    -dict=mfalint.dict -max_total_time="$secs" -rss_limit_mb=2048 -max_len=8192 \
    -timeout=10 -print_final_stats=1
done
