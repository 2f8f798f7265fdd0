#!/usr/bin/env bash
# Install what the build and tests need, skipping what is already there.
#   scripts/setup.sh build   wasm32 target, pinned wasm-bindgen-cli, npm tools
#   scripts/setup.sh test    the above, plus Chromium and ChromeDriver
#   scripts/setup.sh bench   the above (Lighthouse among the npm tools), plus Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
want="${1:-build}"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# The wasm-bindgen CLI must match the crate exactly: read the pin from Cargo.toml.
WB_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)"

if ! command -v cargo >/dev/null; then
  echo "cargo is missing: install Rust (https://rustup.rs) first" >&2; exit 1
fi
export PATH="$HOME/.cargo/bin:$PATH"

# The pinned stable (rust-toolchain.toml names it "grdp-rust-<version>"): a
# name linked to a toolchain of that version: the machine's stable when it
# is that version (nothing to fetch), else that version installed by rustup.
# Its wasm32 target, rustfmt and clippy come with it.
PIN_NAME="$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)"
PIN="${PIN_NAME##*-}"
if [ "$(rustc +stable --version 2>/dev/null | awk '{print $2}')" = "$PIN" ]; then
  SRC=stable
else
  SRC="$PIN"
  if ! rustup toolchain list | grep -q "^$PIN-"; then
    say "installing Rust $PIN (rust-toolchain.toml)"
    rustup toolchain install "$PIN" --profile minimal
  fi
fi
if ! rustup target list --installed --toolchain "$SRC" 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown --toolchain "$SRC"
fi
for c in rustfmt clippy; do
  if ! rustup component list --installed --toolchain "$SRC" 2>/dev/null | grep -q "^$c"; then
    say "adding $c"; rustup component add "$c" --toolchain "$SRC"
  fi
done
if ! rustup toolchain list | grep -q "^$PIN_NAME"; then
  say "naming Rust $PIN ($SRC) $PIN_NAME for this project"
  rustup toolchain link "$PIN_NAME" "$(rustc +"$SRC" --print sysroot)"
fi

# The shipped wasm is built with a pinned nightly (scripts/build.sh): building
# std with the immediate-abort panic strategy leaves out std's panic and
# formatting machinery, ≈ 11 KB of the ≈ 140 KB gzipped wasm. Tests, clippy and
# everything else use stable. If the nightly cannot be installed, the build
# falls back to stable and says so.
NIGHTLY="$(cat scripts/nightly-toolchain)"
if ! scripts/nightly-ready; then
  say "installing $NIGHTLY with rust-src (for the size-optimised wasm; once)"
  rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src --target wasm32-unknown-unknown \
    || say "could not install $NIGHTLY: dist/ will be built with stable (a larger wasm)"
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

# The benchmark also needs Lighthouse (its phone rows); package.json pins every tool.
npm_missing() {
  [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ package.json -nt node_modules/.installed ] \
    || { [ "$want" = bench ] && [ ! -f node_modules/lighthouse/cli/index.js ]; }
}
if npm_missing; then
  if ! command -v npm >/dev/null; then
    say "installing Node.js and npm"
    apt-get update -qq && apt-get install -y -qq nodejs npm
  fi
  say "installing npm tools (binaryen, playwright-core, chart.js, uplot, lighthouse)"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.installed
fi

if [ "$want" = test ] || [ "$want" = bench ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Chromium and ChromeDriver"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  fi
fi
say "ready ($want)"
