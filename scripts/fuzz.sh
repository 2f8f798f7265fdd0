#!/usr/bin/env bash
# make fuzz: run each cargo-fuzz target for FUZZ_SECONDS (default 60) on nightly.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
SECS="${FUZZ_SECONDS:-60}"
# The same pinned nightly the wasm is built with (scripts/setup.sh installs it).
NIGHTLY="$(cat scripts/nightly-toolchain)"
scripts/setup.sh build >/dev/null
if ! rustup run "$NIGHTLY" rustc --version >/dev/null 2>&1; then
  echo "make fuzz needs $NIGHTLY (rustup toolchain install $NIGHTLY)" >&2; exit 1
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
for t in engine_api dataset share_link studio presentation; do
  echo "== fuzz $t for ${SECS}s"
  mkdir -p "fuzz/corpus/$t"
  cargo "+$NIGHTLY" fuzz run "$t" "fuzz/corpus/$t" -- -max_total_time="$SECS" -rss_limit_mb=2048 2>&1 \
    | grep -E "^#[0-9]+.*(DONE|pulse)|Done [0-9]+ runs|ERROR|panicked|SUMMARY" | tail -3
done
