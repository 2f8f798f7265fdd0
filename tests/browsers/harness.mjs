// Two non-Chromium engines behind one small interface, for tests/browsers/run.mjs:
//
//   openFirefox() — Debian's firefox-esr, driven by puppeteer-core 24 over
//                   WebDriver BiDi, headless, in a fresh temporary profile.
//   openWebKit()  — WebKitGTK's MiniBrowser (Safari's engine) through
//                   WebKitWebDriver (classic WebDriver over HTTP, spoken to
//                   with fetch below), on a private Xvfb display.
//
// Both return
//   { name, version, goto(url), eval(fn | fnSource, ...args), press(key),
//     screenshot(path), errors(), close() }
// eval runs the function in the page (it must be self-contained: it is sent
// as source) and resolves to its JSON result (awaiting a returned promise).
// errors() lists console errors, uncaught errors, unhandled rejections, CSP
// violations and failed sub-resource loads collected since the last goto().
//
// Every step has a timeout; close() always ends the session and every process
// started here (each browser is spawned in its own process group and the
// whole group is killed), also when node exits early. A browser that is not
// installed throws BrowserMissing with the command that installs it.
//
// Collecting errors in WebKit. Classic WebDriver has no log API, and
// WebKitGTK's "write console messages to stdout" setting is ignored for
// ephemeral sessions, which automation sessions always are. So errors are
// collected by CAPTURE_SOURCE, a script that wraps console.error and listens
// for error / unhandledrejection / securitypolicyviolation into
// window.__harnessErrors. It gets into the page in one of two ways:
//   1. the page loads it itself, as its first script (run.mjs serves the
//      embed page with <script src="/__harness-capture.js"> first in <head>):
//      everything from the start of the page is seen;
//   2. otherwise goto() injects it right after the load event. Errors before
//      that (while parsing, in inline scripts, during synchronous start-up)
//      are NOT seen, nor console.error calls made before it. A broken start-up
//      still shows as a widget that is not ready.
// In Firefox, puppeteer's console/pageerror events (BiDi log.entryAdded) see
// everything from the start, CSP violations included; the same script is added
// as a preload script (before any page script) only for failed sub-resource
// loads (a missing image), which BiDi does not report as errors.
//
// Quirks found on Debian 12 (firefox-esr 153, WebKitGTK 2.50):
// - WebKit, file://: a self-contained page works with no extra flag, but
//   fetch() of a neighbouring file fails ("Load failed"; Firefox allows it),
//   and an uncaught error thrown by the page's own script is reported only as
//   "Script error." (file URLs are opaque origins): counted, message hidden.
// - WebKit's WebDriver execute ignores the page's CSP (works under the
//   standalone file's hash-only script-src); the first navigation right after
//   the session starts can be overtaken by MiniBrowser's own about:blank, so
//   the session settles about:blank first and goto() checks where it ended.
// - WebKit screenshots are of the viewport (WebDriver); Firefox's are full page.
//   canvas getImageData works in both (nothing taints a script-drawn canvas).
// - Firefox: puppeteer's defaultViewport is not applied to the first tab
//   under BiDi (it stays 1366×682): setViewport is called explicitly.
//   console.error(obj) is reported as "JSHandle@object".
// - In a container whose PID 1 does not reap, WebKit's web/network processes
//   can remain as <defunct> entries after MiniBrowser quits: not running.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { mkdirSync } from 'node:fs';

export const STEP_TIMEOUT = Number(process.env.BROWSER_STEP_TIMEOUT || 30000);
const SETUP = 'bash scripts/browsers-setup.sh';

export class BrowserMissing extends Error {
  constructor(what) { super(`${what} is not installed: run ${SETUP}`); this.name = 'BrowserMissing'; }
}

/** Reject after `ms` with a message naming the step. */
export function withTimeout(promise, ms, what) {
  let t;
  const timer = new Promise((_, fail) => { t = setTimeout(() => fail(new Error(`timed out after ${ms} ms: ${what}`)), ms); });
  return Promise.race([promise, timer]).finally(() => clearTimeout(t));
}

/** The error-capturing script (see the header). Idempotent; page-world. */
export const CAPTURE_SOURCE = `(() => {
  if (window.__harnessErrors) return;
  const log = window.__harnessErrors = [];
  const push = (kind, text) => { if (log.length < 200) log.push({ kind, text: String(text).slice(0, 2000) }); };
  const str = (v) => { try { return v instanceof Error ? (v.stack ? v.message + ' @ ' + v.stack.split('\\n')[0] : v.message) : typeof v === 'string' ? v : JSON.stringify(v); } catch { return String(v); } };
  const orig = console.error;
  console.error = function (...a) { push('console', a.map(str).join(' ')); return orig.apply(this, a); };
  window.addEventListener('error', (e) => {
    if (e.target && e.target !== window && e.target.nodeType === 1) {
      push('resource', 'failed to load <' + e.target.localName + '> ' + (e.target.src || e.target.href || ''));
    } else {
      push('pageerror', (e.message || 'error') + (e.filename ? ' (' + e.filename + ':' + e.lineno + ')' : ''));
    }
  }, true);
  window.addEventListener('unhandledrejection', (e) => push('pageerror', 'unhandled rejection: ' + str(e.reason)));
  document.addEventListener('securitypolicyviolation', (e) => push('csp', 'CSP: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)')));
})();`;

const fnSource = (fn) => (typeof fn === 'function' ? fn.toString() : String(fn));

// ---------- process bookkeeping: nothing outlives node ----------
const groups = new Set();
const tempDirs = new Set(); // profiles and homes, removed on close and on exit
function tempDir(prefix) { const d = mkdtempSync(join(tmpdir(), prefix)); tempDirs.add(d); return d; }
function removeDir(d) { rmSync(d, { recursive: true, force: true }); tempDirs.delete(d); }
function killGroup(child, signal = 'SIGKILL') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try { process.kill(-child.pid, signal); } catch { try { child.kill(signal); } catch { /* gone */ } }
}
/** Stop every process started here and remove every temporary directory:
 *  for a caller that is exiting early (Ctrl-C) while a browser is starting. */
export async function closeAll() {
  await Promise.all([...groups].map((c) => stopChild(c, 1000)));
  for (const d of tempDirs) { try { rmSync(d, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }); } catch { /* best effort */ } }
  tempDirs.clear();
}

process.on('exit', () => {
  for (const c of groups) killGroup(c);
  for (const d of tempDirs) { try { rmSync(d, { recursive: true, force: true }); } catch { /* best effort */ } }
});

function track(child) {
  groups.add(child);
  child.once('exit', () => groups.delete(child));
  return child;
}

/** Pids in process group `pgid` other than `except` (Linux /proc). */
function groupPids(pgid, except) {
  const out = [];
  let names = [];
  try { names = readdirSync('/proc'); } catch { return out; }
  for (const n of names) {
    if (!/^\d+$/.test(n) || Number(n) === except) continue;
    try {
      const stat = readFileSync(`/proc/${n}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // state ppid pgrp …
      if (Number(f[2]) === pgid && f[0] !== 'Z') out.push(Number(n));
    } catch { /* gone */ }
  }
  return out;
}

/** Wait up to `ms` for the rest of `child`'s process group to exit by itself. */
async function groupSettled(child, ms) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return true;
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!groupPids(child.pid, child.pid).length) return true;
    await sleep(100);
  }
  return false;
}

async function stopChild(child, ms = 3000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((ok) => child.once('exit', ok));
  killGroup(child, 'SIGTERM');
  await Promise.race([gone, new Promise((ok) => setTimeout(ok, ms))]);
  killGroup(child, 'SIGKILL');
  await Promise.race([gone, new Promise((ok) => setTimeout(ok, 1000))]);
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
  });
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Poll the in-page `fn` until `pred(result)` holds or `ms` pass. */
export async function waitFor(b, fn, pred, ms, ...args) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    last = await b.eval(fn, ...args);
    if (pred(last)) return { ok: true, last };
    if (Date.now() > end) return { ok: false, last };
    await sleep(100);
  }
}

function which(cmd) {
  for (const d of (process.env.PATH || '').split(':')) if (d && existsSync(join(d, cmd))) return join(d, cmd);
  return null;
}

function writeShot(path, base64) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.from(base64, 'base64'));
}

// ---------- Firefox ----------
export async function openFirefox({ width = 1024, height = 900, executablePath = process.env.FIREFOX || '/usr/bin/firefox-esr' } = {}) {
  if (!existsSync(executablePath)) throw new BrowserMissing(`Firefox (${executablePath})`);
  let puppeteer;
  try { puppeteer = (await import('puppeteer-core')).default; } catch { throw new BrowserMissing('npm package puppeteer-core'); }
  // A fresh temporary profile (ours, so that it is removed even when node is
  // interrupted while Firefox starts).
  const profile = tempDir('grdp-firefox-');
  const browser = await withTimeout(puppeteer.launch({
    browser: 'firefox', executablePath, headless: true, userDataDir: profile,
    protocolTimeout: STEP_TIMEOUT, timeout: STEP_TIMEOUT,
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, // run.mjs closes everything itself
    extraPrefsFirefox: {
      'datareporting.policy.dataSubmissionEnabled': false, 'toolkit.telemetry.reportingpolicy.firstRun': false,
      'browser.aboutConfig.showWarning': false, 'app.update.enabled': false,
    },
    defaultViewport: { width, height },
  }), STEP_TIMEOUT * 2, 'launch Firefox').catch((e) => { removeDir(profile); throw e; });
  const proc = browser.process();
  if (proc) track(proc);
  let page, version;
  const events = [];
  try {
    page = (await browser.pages())[0] || (await browser.newPage());
    version = (await browser.version()).replace(/^firefox\//i, '');
    await withTimeout(page.setViewport({ width, height }), STEP_TIMEOUT, 'Firefox viewport');
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.setDefaultNavigationTimeout(STEP_TIMEOUT);
    page.on('console', (m) => { if (m.type() === 'error') events.push({ kind: 'console', text: m.text() }); });
    page.on('pageerror', (e) => events.push({ kind: 'pageerror', text: e?.message || String(e) }));
    await withTimeout(page.evaluateOnNewDocument(CAPTURE_SOURCE), STEP_TIMEOUT, 'add the capture preload script');
  } catch (e) {
    await browser.close().catch(() => {});
    if (proc) await stopChild(proc);
    removeDir(profile);
    throw e;
  }
  let closed = false;
  const ev = (fn, ...args) => withTimeout(page.evaluate(`Promise.resolve((${fnSource(fn)}).apply(null, ${JSON.stringify(args)})).then((v) => v === undefined ? null : JSON.parse(JSON.stringify(v)))`), STEP_TIMEOUT, 'eval in Firefox');
  return {
    name: 'firefox', version,
    async goto(url) {
      events.length = 0;
      // A hash-only change would not reload: go through about:blank.
      const cur = page.url();
      if (cur.split('#')[0] === url.split('#')[0]) await page.goto('about:blank');
      await withTimeout(page.goto(url, { waitUntil: 'load' }), STEP_TIMEOUT, `Firefox goto ${url}`);
    },
    eval: ev,
    async press(key) { await withTimeout(page.keyboard.press(key), STEP_TIMEOUT, `Firefox key ${key}`); },
    async screenshot(path) {
      mkdirSync(dirname(path), { recursive: true });
      await withTimeout(page.screenshot({ path, fullPage: true }), STEP_TIMEOUT, 'Firefox screenshot');
    },
    async errors() {
      let early = [];
      try { early = await ev(() => window.__harnessErrors || []); } catch { /* page gone */ }
      // console and uncaught errors come from BiDi; the script adds what BiDi misses.
      return [...events, ...early.filter((e) => e.kind === 'resource')].map((e) => `${e.kind}: ${e.text}`);
    },
    async close() {
      if (closed) return;
      closed = true;
      await withTimeout(browser.close(), 10000, 'close Firefox').catch(() => {});
      if (proc) await stopChild(proc);
      removeDir(profile);
    },
  };
}

// ---------- WebKit (WebKitGTK MiniBrowser + WebKitWebDriver + Xvfb) ----------
function findMiniBrowser() {
  if (process.env.MINIBROWSER) return process.env.MINIBROWSER;
  for (const d of ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib', '/usr/libexec']) {
    if (!existsSync(d)) continue;
    for (const sub of readdirSync(d)) {
      if (/^webkit2?gtk-[46]\.\d$/.test(sub) && existsSync(join(d, sub, 'MiniBrowser'))) return join(d, sub, 'MiniBrowser');
    }
  }
  return null;
}

/** Start Xvfb on a free display (-displayfd: the server picks it). */
async function startXvfb(width, height) {
  const bin = which('Xvfb');
  if (!bin) throw new BrowserMissing('Xvfb (package xvfb)');
  const x = track(spawn(bin, ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp', '-noreset'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'], detached: true }));
  let err = '';
  x.stderr.on('data', (b) => { err += b; });
  const display = await withTimeout(new Promise((ok, fail) => {
    let out = '';
    x.stdio[3].on('data', (b) => { out += b; if (out.includes('\n')) ok(`:${out.trim()}`); });
    x.once('exit', (c) => fail(new Error(`Xvfb exited (${c}): ${err.slice(-500)}`)));
    x.once('error', fail);
  }), 10000, 'start Xvfb').catch(async (e) => { await stopChild(x); throw e; });
  return { x, display };
}

export async function openWebKit({ width = 1024, height = 900 } = {}) {
  const driverBin = which('WebKitWebDriver');
  if (!driverBin) throw new BrowserMissing('WebKitWebDriver (package webkit2gtk-driver)');
  const mini = findMiniBrowser();
  if (!mini || !existsSync(mini)) throw new BrowserMissing(`WebKitGTK MiniBrowser (${mini || 'package libwebkit2gtk-4.1-0'})`);

  const home = tempDir('grdp-webkit-');
  let xvfb, driver, sessionId, base;
  let driverLog = '';
  const cleanup = async () => {
    if (sessionId) {
      const id = sessionId; sessionId = null;
      await fetch(`${base}/session/${id}`, { method: 'DELETE', signal: AbortSignal.timeout(5000) }).catch(() => {});
      // Ending the session quits MiniBrowser; let it reap its web and network
      // processes before the driver's group is signalled (no zombies).
      await groupSettled(driver, 3000);
    }
    await stopChild(driver);
    await stopChild(xvfb?.x);
    removeDir(home);
  };

  async function wd(method, path, body, ms = STEP_TIMEOUT) {
    let res;
    try {
      res = await fetch(`${base}${path}`, {
        method, headers: body ? { 'content-type': 'application/json; charset=utf-8' } : {},
        body: body ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(ms),
      });
    } catch (e) {
      throw new Error(`WebKitWebDriver ${method} ${path}: ${e.name === 'TimeoutError' ? `timed out after ${ms} ms` : e.message}`);
    }
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { json = { value: text }; }
    if (!res.ok) {
      const v = json.value || {};
      throw new Error(`WebKitWebDriver ${method} ${path}: ${v.error || res.status}: ${v.message || text}`.slice(0, 1500));
    }
    return json.value;
  }
  const s = (p) => `/session/${sessionId}${p}`;

  try {
    xvfb = await startXvfb(Math.max(1280, width + 100), Math.max(1024, height + 200));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env, DISPLAY: xvfb.display, HOME: home,
      XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache'), XDG_DATA_HOME: join(home, 'data'),
      XDG_RUNTIME_DIR: home, NO_AT_BRIDGE: '1', GTK_A11Y: 'none',
      // No GPU in a VM or container: software rendering, no DMA-BUF.
      LIBGL_ALWAYS_SOFTWARE: '1', WEBKIT_DISABLE_DMABUF_RENDERER: '1',
    };
    delete env.WAYLAND_DISPLAY;
    driver = track(spawn(driverBin, [`--port=${port}`], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true }));
    driver.stdout.on('data', (b) => { driverLog = (driverLog + b).slice(-4000); });
    driver.stderr.on('data', (b) => { driverLog = (driverLog + b).slice(-4000); });
    const exited = new Promise((_, fail) => driver.once('exit', (c) => fail(new Error(`WebKitWebDriver exited (${c}): ${driverLog.slice(-800)}`))));
    exited.catch(() => {});
    await withTimeout(Promise.race([exited, (async () => {
      for (;;) {
        try { const st = await wd('GET', '/status', null, 1000); if (st?.ready !== false) return; } catch { /* not up yet */ }
        await sleep(100);
      }
    })()]), 15000, 'start WebKitWebDriver');
    const created = await withTimeout(Promise.race([exited, wd('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          pageLoadStrategy: 'normal',
          timeouts: { script: STEP_TIMEOUT, pageLoad: STEP_TIMEOUT, implicit: 0 },
          'webkitgtk:browserOptions': { binary: mini, args: ['--automation'] },
        },
      },
    }, STEP_TIMEOUT * 2)]), STEP_TIMEOUT * 2, 'new WebKit session');
    sessionId = created.sessionId;
    const version = created.capabilities?.browserVersion;
    await wd('POST', s('/window/rect'), { width, height }).catch(() => {}); // best effort
    // MiniBrowser loads about:blank into the automation view itself; settle that first.
    await wd('POST', s('/url'), { url: 'about:blank' });

    let closed = false;
    const ev = async (fn, ...args) => {
      // execute/async, so a returned promise is awaited; the result travels as JSON.
      const script = `const done = arguments[arguments.length - 1];
        const args = Array.prototype.slice.call(arguments, 0, -1);
        Promise.resolve().then(() => (${fnSource(fn)}).apply(null, args))
          .then((v) => done({ ok: true, json: JSON.stringify(v === undefined ? null : v) }),
                (e) => done({ ok: false, error: String((e && (e.stack ? e.message + '\\n' + e.stack : e.message)) || e) }));`;
      const r = await wd('POST', s('/execute/async'), { script, args }, STEP_TIMEOUT + 5000);
      if (!r || !r.ok) throw new Error(`in-page error (WebKit): ${r ? r.error : 'no result'}`);
      return JSON.parse(r.json);
    };
    const KEYS = { ArrowRight: '\uE014', ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowDown: '\uE015', Enter: '\uE007', Tab: '\uE004', Home: '\uE011', End: '\uE010', Space: ' ' };
    return {
      name: 'webkit', version,
      async goto(url) {
        const cur = await wd('GET', s('/url')).catch(() => '');
        if (String(cur).split('#')[0] === url.split('#')[0]) await wd('POST', s('/url'), { url: 'about:blank' });
        // Once in a while (seen once in ~20 runs, right after start-up) the
        // first navigation does not stick: check where it ended, go again once.
        const base0 = (u) => String(u).split('#')[0];
        for (let attempt = 0; ; attempt++) {
          await wd('POST', s('/url'), { url });
          const at = await wd('GET', s('/url'));
          if (base0(at) === base0(url)) break;
          if (attempt) throw new Error(`WebKit navigation to ${url} ended at ${at}`);
        }
        // Injected after load unless the page loaded it itself (see the header);
        // either way, start counting from this load.
        await ev(`() => { ${CAPTURE_SOURCE} }`);
      },
      eval: ev,
      async press(key) {
        const v = KEYS[key] || key;
        await wd('POST', s('/actions'), { actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: v }, { type: 'keyUp', value: v }] }] });
        await wd('DELETE', s('/actions')).catch(() => {});
      },
      async screenshot(path) { writeShot(path, await wd('GET', s('/screenshot'))); },
      async errors() {
        const log = await ev(() => window.__harnessErrors || []);
        return log.map((e) => `${e.kind}: ${e.text}`);
      },
      async close() {
        if (closed) return;
        closed = true;
        await cleanup();
      },
    };
  } catch (e) {
    await cleanup();
    if (driverLog && !String(e.message).includes(driverLog.slice(-200))) e.message += `\n  driver log: ${driverLog.slice(-800)}`;
    throw e;
  }
}

/** Open an engine by name: 'firefox' or 'webkit'. */
export function open(name, opts) {
  if (name === 'firefox') return openFirefox(opts);
  if (name === 'webkit') return openWebKit(opts);
  throw new Error(`unknown engine ${name}`);
}
