/* Loading: the wasm engine (compiled once per page, kept only if that
 * worked, so a failed start can be tried again) and a dataset from `src`
 * (cancelled when superseded, timed out, and not read past the size limit). */
/* global WASM_B64, createWasm */

export const mark = (name) => { if (typeof performance !== 'undefined' && performance.mark) performance.mark(`grdp-whatif:${name}`); };

/** The largest dataset read, in bytes (the engine refuses more). */
export const MAX_DATASET_BYTES = 1000000;
/** How long a dataset request may take. */
export const LOAD_TIMEOUT_MS = 15000;

function wasmGzip() {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(WASM_B64);
  const bin = atob(WASM_B64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

let compiled = null;
/** The compiled wasm module. The wasm travels gzip-compressed in this
 *  script (no request, works from file://); the browser inflates it and
 *  compiles while inflating. A failure is not kept: the next call tries again. */
export function wasmModule() {
  if (!compiled) {
    compiled = (async () => {
      const gz = wasmGzip();
      const inflated = () => new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
      let module = null;
      if (typeof WebAssembly.compileStreaming === 'function') {
        try {
          module = await WebAssembly.compileStreaming(new Response(inflated(), { headers: { 'content-type': 'application/wasm' } }));
        } catch (e) { /* an engine that refuses a constructed Response, or a CSP: below */ }
      }
      if (!module) module = await WebAssembly.compile(await new Response(inflated()).arrayBuffer());
      mark('wasm-compiled');
      return module;
    })();
    compiled.catch(() => { compiled = null; });
  }
  return compiled;
}

/** A fresh wasm instance with its own memory (one per widget: a trap in one
 *  cannot take down another). */
export async function newInstance() {
  const module = await wasmModule();
  const wb = createWasm();
  const exports = wb.initSync({ module });
  Object.defineProperty(wb, 'memory', { __proto__: null, value: exports.memory });
  return wb;
}

/** A dataset load that failed: `reason` is a key of the words ('timeout',
 *  'tooLarge', 'http', 'network'), `detail` for the console. */
export class LoadError extends Error {
  constructor(reason, arg, detail) {
    super(detail || reason);
    this.reason = reason;
    this.arg = arg;
  }
}

/** The text at `url`, read as it arrives and abandoned past the limit.
 *  `signal` cancels it (a newer `src`); a server that never answers times out. */
export async function fetchText(url, signal) {
  // An empty address (a template's blank) is not this page's own URL.
  if (!String(url).trim()) throw new LoadError('emptySrc', null, 'the src attribute is empty');
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), LOAD_TIMEOUT_MS);
  const stop = () => timeout.abort();
  if (signal) signal.addEventListener('abort', stop, { once: true });
  try {
    let res;
    try {
      res = await fetch(url, { credentials: 'omit', signal: timeout.signal });
    } catch (e) {
      if (signal && signal.aborted) throw e;
      if (timeout.signal.aborted) throw new LoadError('timeout', LOAD_TIMEOUT_MS / 1000, `no answer from ${url} in ${LOAD_TIMEOUT_MS} ms`);
      throw new LoadError('network', null, String(e && e.message || e));
    }
    if (!res.ok) throw new LoadError('http', res.status, `HTTP ${res.status} from ${url}`);
    const declared = Number(res.headers.get('content-length'));
    if (declared > MAX_DATASET_BYTES) throw new LoadError('tooLarge', MAX_DATASET_BYTES / 1e6, `${declared} bytes declared`);
    if (!res.body) return await res.text();
    const reader = res.body.getReader();
    const parts = [];
    let size = 0;
    for (;;) {
      let step;
      try {
        step = await reader.read();
      } catch (e) {
        if (signal && signal.aborted) throw e;
        if (timeout.signal.aborted) throw new LoadError('stalled', LOAD_TIMEOUT_MS / 1000, `${url} did not finish sending in ${LOAD_TIMEOUT_MS} ms`);
        throw new LoadError('network', null, String(e && e.message || e));
      }
      if (step.done) break;
      size += step.value.byteLength;
      if (size > MAX_DATASET_BYTES) {
        reader.cancel().catch(() => {});
        throw new LoadError('tooLarge', MAX_DATASET_BYTES / 1e6, `more than ${MAX_DATASET_BYTES} bytes`);
      }
      parts.push(step.value);
    }
    const all = new Uint8Array(size);
    let at = 0;
    for (const p of parts) { all.set(p, at); at += p.byteLength; }
    return new TextDecoder('utf-8').decode(all);
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener('abort', stop);
  }
}
