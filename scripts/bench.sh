#!/usr/bin/env bash
# make bench: native figures, then the browser benchmark (bench/bench.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh bench
scripts/build.sh
echo; echo "== native (cargo run --release --example bench)"
cargo run --release --quiet --example bench
echo; echo "== browser (bench/bench.mjs)"
node bench/bench.mjs
