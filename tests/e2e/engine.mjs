// The engine in node: dist/'s ES module (wasm-bindgen --target web) with
// the wasm bytes given to it, for tests that need the engine but no page.
import { readFileSync } from 'node:fs';
import { DIST } from './helpers.mjs';

let api = null;
export async function engine() {
  if (!api) {
    api = await import(`${DIST}/grdp_whatif.js`);
    api.initSync({ module: readFileSync(`${DIST}/grdp_whatif_bg.wasm`) });
  }
  return api;
}
