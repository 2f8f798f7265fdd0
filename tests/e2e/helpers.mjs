// Shared set-up for the end-to-end tests: the system Chromium through
// playwright-core, a static server for dist/ with the strict CSP, and a
// request log that fails the test on any request it did not expect.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve } from '../../scripts/serve.mjs';

export const DIST = resolve('dist');
export const ARTIFACTS = resolve('tests/artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-features=Translate,OptimizationHints,MediaRouter'];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export async function startServer(extra) {
  const server = await serve(DIST, 0, { extra });
  // A test that fails before closing its server must not keep node alive.
  server.unref();
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** A page that records console errors, page errors, CSP violations and every
 *  request; `allowed(url)` says which requests are expected. */
export async function openPage(browser, { allowed, viewport = { width: 1024, height: 900 }, dpr = 1, blockOthers = false } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: dpr, acceptDownloads: true });
  const page = await context.newPage();
  const log = { requests: [], unexpected: [], errors: [], csp: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    log.requests.push(url);
    const ok = !allowed || allowed(url);
    if (!ok) log.unexpected.push(url);
    if (!ok && blockOthers) return route.abort('blockedbyclient');
    return route.continue();
  });
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { context, page, log };
}

/** Wait until the first (or nth) widget has drawn its readouts. */
export async function ready(page, n = 0) {
  await page.waitForFunction((i) => {
    const el = document.querySelectorAll('grdp-whatif')[i];
    return el && el.state && el.state.status === 'ready' && el.shadowRoot.querySelector('.readout .big');
  }, n, { timeout: 15000 });
}

/** Wait until the nth widget is not loading any more (ready or failed). */
export async function settled(page, n = 0) {
  await page.waitForFunction((i) => {
    const el = document.querySelectorAll('grdp-whatif')[i];
    return el && el.state && el.state.status !== 'loading';
  }, n, { timeout: 20000 });
}

/** What a reader sees of a widget: the cards, the sentence, the title, the
 *  notice, the failure message, the controls' texts, the state. */
export async function seen(page, n = 0) {
  return page.evaluate((i) => {
    const el = document.querySelectorAll('grdp-whatif')[i];
    const r = el.shadowRoot;
    const q = (s) => r.querySelector(s);
    const visible = (e) => e && !e.closest('[hidden]');
    return {
      state: el.state,
      title: q('.title') ? q('.title').textContent : '',
      cards: [...r.querySelectorAll('.readout')].map((c) => c.textContent),
      sentence: q('.narrative') ? q('.narrative').textContent : '',
      notice: visible(q('.alert')) ? q('.alert').textContent : '',
      message: visible(q('.message')) ? q('.message').textContent : '',
      fields: Object.fromEntries([...r.querySelectorAll('.ctl input[type=text]')].map((x) => [x.id.replace('gw-', ''), x.value])),
      errors: Object.fromEntries([...r.querySelectorAll('.ctl .msg')].filter((m) => m.textContent).map((m) => [m.id.replace('gw-', '').replace('-m', ''), m.textContent])),
      link: el.link,
    };
  }, n);
}

/** Parse a number as the widget prints it in either language. */
export function parseNum(s, lang = 'vi') {
  let t = String(s).replace(/[^\d.,-]/g, '');
  t = lang === 'vi' ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  return Number(t);
}

/** Count the distinct colours of the chart on screen: the canvas, with the
 *  canvases under it in its box (the chart's layers) drawn first, on white.
 *  A blank chart has one. */
export async function canvasColours(locator) {
  return locator.evaluate((top) => {
    const c = document.createElement('canvas');
    c.width = top.width; c.height = top.height;
    const x = c.getContext('2d');
    x.fillStyle = '#fff'; x.fillRect(0, 0, c.width, c.height);
    for (const layer of top.parentElement.querySelectorAll('canvas')) x.drawImage(layer, 0, 0);
    const d = x.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 7) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return seen.size;
  });
}
