// Cross-browser check of dist/ in Firefox ESR and WebKit (WebKitGTK's
// MiniBrowser, Safari's engine): the standalone file from file:// and the
// served page over http. Run from the project root, after make dist and
// scripts/browsers-setup.sh:
//
//   node tests/browsers/run.mjs            both engines
//   node tests/browsers/run.mjs webkit     one engine (firefox | webkit)
//
// For each engine × page: the chart is drawn; one keyboard step of a slider
// changes the readouts; the language button gives English readouts; opening
// the page with a share link restores it; no console or page error on either
// load. Prints a table, saves a screenshot per engine × page under
// tests/artifacts/browsers/, exits 1 on any failure (a browser that is not
// installed is a failure). Widget knowledge is in widget-probe.mjs, browser
// plumbing in harness.mjs.
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { open, closeAll, CAPTURE_SOURCE, withTimeout } from './harness.mjs';
import * as W from './widget-probe.mjs';

const DIST = resolve('dist');
const ARTIFACTS = resolve('tests/artifacts/browsers');
const TOTAL_BUDGET = Number(process.env.BROWSERS_BUDGET_MS || 170000);
const engines = process.argv.slice(2).length ? process.argv.slice(2) : ['firefox', 'webkit'];
const CHECKS = ['drawn', 'step', 'english', 'link', 'no errors'];

const t0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const live = new Set(); // open browsers, closed on any exit path
let server;

let stopping = null;
function shutdown(code) { // the first caller's exit code wins
  stopping ??= (async () => {
    await withTimeout(Promise.all([...live].map((b) => b.close().catch(() => {}))), 15000, 'close browsers').catch(() => {});
    await closeAll(); // anything still starting
    server?.close();
    server?.closeAllConnections?.();
    process.exit(code);
  })();
  return stopping;
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { console.error(`\n${sig}: closing browsers`); shutdown(130); });
const watchdog = setTimeout(() => { console.error(`\nFAIL: over the ${secs(TOTAL_BUDGET)} budget, stopping`); shutdown(1); }, TOTAL_BUDGET);
watchdog.unref();

/** Poll the in-page `fn` until `pred(result)` holds or `ms` pass. */
async function waitFor(b, fn, pred, ms, ...args) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    last = await b.eval(fn, ...args);
    if (pred(last)) return { ok: true, last };
    if (Date.now() > end) return { ok: false, last };
    await sleep(100);
  }
}

const short = (p) => JSON.stringify({ url: p?.url, state: p?.state, present: p?.present, ready: p?.ready, lang: p?.lang, colours: p?.chartColours, readouts: p?.readouts?.map((r) => r.slice(0, 60)), slider: p?.sliders?.[W.SLIDER], hash: p?.hash }).slice(0, 600);

/** The checks for one page in one open browser. */
async function checkPage(b, page) {
  const res = {};
  const note = (check, ok, detail) => { res[check] = { ok, detail }; };
  const guard = async (check, fn) => {
    try { await fn(); } catch (e) { note(check, false, String(e.message || e).split('\n').slice(0, 4).join(' | ')); }
  };
  const allErrors = [];

  await guard('drawn', async () => {
    await b.goto(page.url);
    const r = await waitFor(b, W.probe, W.expectDrawn, 20000);
    note('drawn', r.ok && r.last.lang === 'vi', r.ok ? `${r.last.chartColours} colours` : `not drawn: ${short(r.last)}`);
  });
  if (!res.drawn.ok) { for (const c of CHECKS.slice(1)) note(c, false, 'skipped: the page did not draw'); }
  else {
    await guard('step', async () => {
      const before = await b.eval(W.probe);
      const f = await b.eval(W.focusSlider, W.SLIDER);
      await b.press('ArrowRight'); // a real key press, to the focused range input
      const r = await waitFor(b, W.probe, (p) => JSON.stringify(p.readouts) !== JSON.stringify(before.readouts), 5000);
      const moved = `${f.value} → ${r.last.sliders[W.SLIDER]}`;
      note('step', r.ok && Number(r.last.sliders[W.SLIDER]) > Number(f.value), r.ok ? `slider ${moved}` : `readouts unchanged (slider ${moved}, focused ${f.focused})`);
    });
    await guard('english', async () => {
      await b.eval(W.switchLanguage);
      const r = await waitFor(b, W.probe, W.expectEnglish, 5000);
      note('english', r.ok, r.ok ? r.last.readouts[0].slice(0, 40) : `not English: ${short(r.last)}`);
    });
    await guard('screenshot', async () => { await b.screenshot(join(ARTIFACTS, `${b.name}-${page.name}.png`)); delete res.screenshot; });
    await guard('errors-1', async () => { allErrors.push(...(await b.errors()).map((e) => `[load 1] ${e}`)); delete res['errors-1']; });
    await guard('link', async () => {
      await b.goto(page.url + W.SHARE_LINK);
      const r = await waitFor(b, W.probe, (p) => W.expectDrawn(p) && W.expectShareLink(p), 20000);
      note('link', r.ok, r.ok ? `${W.SHARE_LINK} → ${r.last.lang}, ${W.SLIDER} ${r.last.sliders[W.SLIDER]}` : `not restored: ${short(r.last)}`);
    });
    await guard('errors-2', async () => { allErrors.push(...(await b.errors()).map((e) => `[load 2] ${e}`)); delete res['errors-2']; });
    if (!res['no errors']) note('no errors', allErrors.length === 0 && !res['errors-1'] && !res['errors-2'], allErrors.join(' || ').slice(0, 1500) || 'none');
  }
  return res;
}

// ---------- main ----------
const rows = [];
const pages = [];
try {
  for (const f of ['grdp-whatif.html', 'index.html', 'embed.js']) {
    if (!existsSync(join(DIST, f))) { console.error(`FAIL: dist/${f} is missing: run make dist`); process.exit(1); }
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  // The served page is dist/index.html under its CSP header, with one script
  // added first in <head>: the harness's error capture (same origin, so the
  // CSP allows it), so WebKit sees errors from the very start of the page.
  const index = readFileSync(join(DIST, 'index.html'), 'utf8').replace(/<head>/i, '<head>\n<script src="/__harness-capture.js"></script>');
  server = await serve(DIST, 0, { extra: { '/index.html': index, '/__harness-capture.js': CAPTURE_SOURCE } });
  server.unref();
  const origin = `http://127.0.0.1:${server.address().port}`;
  pages.push({ name: 'file', label: 'grdp-whatif.html (file://)', url: pathToFileURL(join(DIST, 'grdp-whatif.html')).href });
  pages.push({ name: 'served', label: 'index.html + embed.js (http)', url: `${origin}/` });

  for (const name of engines) {
    const te = Date.now();
    let b;
    try {
      b = await withTimeout(open(name), 90000, `open ${name}`);
      live.add(b);
    } catch (e) {
      const msg = String(e.message || e).split('\n')[0];
      for (const page of pages) rows.push({ engine: name, page, res: Object.fromEntries(CHECKS.map((c) => [c, { ok: false, detail: msg }])), ms: 0 });
      console.log(`${name}: FAIL to start: ${msg}`);
      continue;
    }
    console.log(`${name} ${b.version || ''}: started in ${secs(Date.now() - te)}`);
    for (const page of pages) {
      const tp = Date.now();
      const res = await checkPage(b, page);
      rows.push({ engine: `${name} ${b.version || ''}`.trim(), page, res, ms: Date.now() - tp });
      console.log(`  ${page.label}: ${CHECKS.every((c) => res[c]?.ok) ? 'ok' : 'FAIL'} (${secs(Date.now() - tp)})`);
    }
    await b.close();
    live.delete(b);
  }
} catch (e) {
  console.error(`FAIL: ${e.stack || e}`);
  await shutdown(1);
}

// ---------- report ----------
const cols = ['engine', 'page', ...CHECKS, 'time'];
const table = rows.map((r) => [r.engine, r.page.label, ...CHECKS.map((c) => (r.res[c]?.ok ? 'ok' : 'FAIL')), secs(r.ms)]);
const widths = cols.map((c, i) => Math.max(c.length, ...table.map((t) => t[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
console.log(`\n${line(cols)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}`);
for (const t of table) console.log(line(t));

const failures = rows.flatMap((r) => CHECKS.filter((c) => !r.res[c]?.ok));
console.log('\ndetails:');
for (const r of rows) for (const c of CHECKS) if (r.res[c]?.ok) console.log(`  ok   ${r.engine} / ${r.page.name} / ${c}: ${r.res[c].detail}`);
const said = new Set();
for (const r of rows) {
  for (const c of CHECKS) {
    if (r.res[c]?.ok) continue;
    const d = r.res[c]?.detail;
    if (said.has(`${r.engine}\0${d}`)) continue; // a browser that did not start: once
    said.add(`${r.engine}\0${d}`);
    console.log(`  FAIL ${r.engine} / ${r.page.label} / ${c}: ${d}`);
  }
}
console.log(`\n${failures.length ? `FAIL: ${failures.length} check(s) failed` : 'all checks passed'} in ${secs(Date.now() - t0)}; screenshots in ${ARTIFACTS}`);
await shutdown(failures.length ? 1 : 0);
