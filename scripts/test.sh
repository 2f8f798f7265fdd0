#!/usr/bin/env bash
# make test: everything CI checks, in order, stopping at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "setup (installs only what is missing)"
scripts/setup.sh test
step "cargo fmt --check"
cargo fmt --check
step "clippy -D warnings (native and wasm32)"
cargo clippy --all-targets --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --test wasm --features full --quiet -- -D warnings
step "native tests: unit, doc, properties, numpy-financial, seeds"
cargo test --quiet
step "wasm-bindgen-test in headless Chromium"
cargo test --target wasm32-unknown-unknown --test wasm --features full
step "build dist/"
scripts/build.sh
step "fuzz smoke (property-test equivalents of the fuzz targets)"
cargo test --release --quiet --test properties -- never_panics
step "end-to-end: served page, file:// offline file, embeds on a hostile host"
node --test --test-concurrency=1 --test-timeout=180000 tests/e2e/
step "other engines: Firefox ESR and WebKit (file:// and served page)"
scripts/browsers-setup.sh
node tests/browsers/run.mjs
