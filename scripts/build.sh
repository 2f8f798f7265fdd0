#!/usr/bin/env bash
# Build dist/: the wasm, the embed script, the single offline file, the served page.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh build >/dev/null

cargo build --release --target wasm32-unknown-unknown --quiet
RAW=target/wasm32-unknown-unknown/release/grdp_whatif.wasm
rm -rf target/wb-nomod target/wb-web dist
mkdir -p target/wb-nomod target/wb-web dist
wasm-bindgen --target no-modules --no-typescript --out-dir target/wb-nomod "$RAW"
wasm-bindgen --target web --out-dir target/wb-web "$RAW"
for d in target/wb-nomod target/wb-web; do
  node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
    "$d/grdp_whatif_bg.wasm" -o "$d/grdp_whatif_bg.wasm"
done
node scripts/build.mjs
