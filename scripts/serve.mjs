// Serve dist/ on http://127.0.0.1:PORT (default 8080) with a strict CSP.
// Usage: node scripts/serve.mjs [port] [dir]. Stops cleanly on Ctrl-C.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { extname, join, normalize, resolve } from 'node:path';

const port = Number(process.argv[2] || process.env.PORT || 8080);
const root = resolve(process.argv[3] || 'dist');
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.png': 'image/png', '.ts': 'text/plain; charset=utf-8',
};
export const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

const zipped = new Map();
function gzipped(body) {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(String(body));
  const key = createHash('sha256').update(buf).digest('hex');
  let z = zipped.get(key);
  if (!z) { z = gzipSync(buf, { level: 9 }); if (zipped.size > 64) zipped.clear(); zipped.set(key, z); }
  return z;
}

/** `extra` maps a path to a body, or to a function `(req, res)` that answers
 *  itself (the tests' slow, silent and endless servers). */
export function serve(dir, p, { csp = true, extra = {}, headers: more = {} } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      let path = decodeURIComponent(url.pathname);
      if (typeof extra[path] === 'function') { extra[path](req, res); return; }
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(dir, path));
      if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
      const body = extra[path] !== undefined ? extra[path] : await readFile(file);
      const headers = { 'content-type': types[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...more };
      // The served page gets the strict policy as a header; grdp-whatif.html carries
      // its own (hash-based, no network) in a meta tag.
      if (csp && path === '/index.html') headers['content-security-policy'] = CSP;
      // Compressed as any real host would serve it (gzip, once per body).
      let out = body;
      if (/gzip/.test(req.headers['accept-encoding'] || '') && /^(text\/|application\/(json|wasm))/.test(headers['content-type']) && body.length > 1024) {
        out = gzipped(body);
        headers['content-encoding'] = 'gzip';
        headers.vary = 'accept-encoding';
      }
      res.writeHead(200, headers).end(out);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(p, '127.0.0.1', () => ok(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await serve(root, port).catch((e) => {
    console.error(e.code === 'EADDRINUSE' ? `port ${port} is in use: stop what uses it, or run: make run PORT=${port + 1}` : String(e));
    process.exit(1);
  });
  console.log(`grdp-whatif: serving ${root} on http://127.0.0.1:${server.address().port}/  (Ctrl-C to stop)`);
  const stop = () => { server.close(); server.closeAllConnections?.(); console.log('\nstopped'); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
