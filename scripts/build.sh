#!/usr/bin/env bash
# Build dist/: the wasm, the embed script, the single offline file, the served page.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh build >/dev/null

# The pinned nightly (scripts/nightly-toolchain), when present, builds std
# itself with the immediate-abort panic strategy and std's optimize_for_size
# (smaller sort and formatting code: −4.5 KB gz): a smaller wasm with the same
# behaviour (a panic, unreachable by design, traps either way). GRDP_STABLE=1
# or a missing nightly builds with stable instead.
# Two wasm builds of the same crate: the widget's (what embed.js and the
# single file carry: only what the widget uses) and the full API (`--features
# full`: the ES module for developers, and the studio).
NIGHTLY="$(cat scripts/nightly-toolchain)"
wasm() { # wasm FEATURES → the raw .wasm's path on stdout
  local dir="target/wasm-${1:-widget}"
  if [ "${GRDP_STABLE:-0}" != 1 ] && scripts/nightly-ready; then
    RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
      cargo "+$NIGHTLY" build --release --target wasm32-unknown-unknown --quiet --lib \
      -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size \
      --target-dir "$dir" ${1:+--features "$1"} >&2
  else
    cargo build --release --target wasm32-unknown-unknown --quiet --lib --target-dir "$dir" ${1:+--features "$1"} >&2
  fi
  echo "$dir/wasm32-unknown-unknown/release/grdp_whatif.wasm"
}
if [ "${GRDP_STABLE:-0}" != 1 ] && scripts/nightly-ready; then
  BUILT_WITH="$(rustc "+$NIGHTLY" --version) -Zbuild-std, panic=immediate-abort, optimize_for_size"
else
  [ "${GRDP_STABLE:-0}" = 1 ] || echo "[build] $NIGHTLY with rust-src is not installed: building the wasm with stable (larger)" >&2
  BUILT_WITH="$(rustc --version)"
fi
WIDGET="$(wasm "")"
FULL="$(wasm full)"
rm -rf target/wb-nomod target/wb-web target/wb-studio dist
mkdir -p target/wb-nomod target/wb-web target/wb-studio dist
wasm-bindgen --target no-modules --no-typescript --out-dir target/wb-nomod "$WIDGET"
wasm-bindgen --target web --out-dir target/wb-web "$FULL"
wasm-bindgen --target no-modules --no-typescript --out-dir target/wb-studio "$FULL"
# GRDP_PROFILE=1 keeps the wasm's function names (for reading a browser profile).
STRIP="--strip-debug --strip-producers"
[ "${GRDP_PROFILE:-0}" = 1 ] && STRIP="--debuginfo"
for d in target/wb-nomod target/wb-web target/wb-studio; do
  # shellcheck disable=SC2086
  node_modules/.bin/wasm-opt -Oz $STRIP \
    "$d/grdp_whatif_bg.wasm" -o "$d/grdp_whatif_bg.wasm"
done
GRDP_BUILT_WITH="$BUILT_WITH" node scripts/build.mjs
