// Cross-browser check of dist/ in Firefox ESR and WebKit (WebKitGTK's
// MiniBrowser, Safari's engine): the standalone file dist/grdp-whatif.html
// from file://, the served page (index.html + embed.js) over http, and the
// iframe embed (iframe-example.html holding grdp-whatif.html) over http. Run
// from the project root, after make dist and scripts/browsers-setup.sh:
//
//   node tests/browsers/run.mjs            both engines
//   node tests/browsers/run.mjs webkit     one engine (firefox | webkit)
//
// For each engine × page, on values read from the page (widget-probe.mjs):
//   drawn      ready in Vietnamese; the chart's canvases differ from a blank
//              canvas (pixel share, colours, each layer's toDataURL);
//   step       ArrowRight on the focused growth slider moves it one step and
//              changes the scenario, the readouts, the sentence and the
//              chart's pixels;
//   english    the language button gives English (state, title, cards, the
//              button's label) and the Vietnamese headline and card labels
//              are gone from the widget;
//   link       el.link (= location.hash, sync-hash) carries lang=en and the
//              stepped growth; a fresh load of page + link shows the same
//              scenario, readouts, sentence, title and chart pixels;
//   figures    after the step and English and after the link's load, the
//              cards, sentence and headline on
//              screen are what a fresh engine of the page's build gives for
//              the state the widget reports; every indicator × vi/en × four
//              scenarios worked out in the page equal node's (dist's module);
//   steady     ArrowRight on the focused target slider: the line under the
//              title appears above it, and the slider stays where it was on
//              screen (WebKit has no scroll anchoring: the widget's own);
//   iframe     (the iframe embed only; iframe-check.mjs) the widget in the
//              frame is drawn ("drawn"); the iframe is its content's height
//              within a few px with no inner scrollbar, at rest, after
//              details.more is opened (taller) and after it is closed again
//              (shorter: it shrinks back); the widget's reports settle; a
//              height message from another origin is ignored;
//   no errors  no console error, uncaught error, unhandled rejection, CSP
//              violation or failed load on either load (the iframe embed:
//              on the host page and in the frame).
// A check that does not apply to a page shows as "-".
// Prints a table, saves a screenshot per engine × page (and one per failed
// check) under tests/artifacts/browsers/, exits 1 on any failure (a browser
// that is not installed is a failure). The whole run is bounded by
// BROWSERS_BUDGET_MS (170 s), every browser step by BROWSER_STEP_TIMEOUT.
// Browser plumbing is in harness.mjs.
import { existsSync, readFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { open, closeAll, CAPTURE_SOURCE, withTimeout, waitFor } from './harness.mjs';
import * as W from './widget-probe.mjs';
import * as I from './iframe-check.mjs';

const DIST = resolve('dist');
const ARTIFACTS = resolve('tests/artifacts/browsers');
const TOTAL_BUDGET = Number(process.env.BROWSERS_BUDGET_MS || 170000);
const engines = process.argv.slice(2).length ? process.argv.slice(2) : ['firefox', 'webkit'];
const CHECKS = ['drawn', 'step', 'english', 'link', 'figures', 'iframe', 'no errors'];
const PAGE_CHECKS = ['drawn', 'step', 'english', 'link', 'figures', 'steady', 'no errors'];
const IFRAME_CHECKS = ['drawn', 'iframe', 'no errors'];

const t0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const live = new Set(); // open browsers, closed on any exit path
let server, foreignServer;

let stopping = null;
function shutdown(code) { // the first caller's exit code wins
  stopping ??= (async () => {
    await withTimeout(Promise.all([...live].map((b) => b.close().catch(() => {}))), 15000, 'close browsers').catch(() => {});
    await closeAll(); // anything still starting
    for (const s of [server, foreignServer]) { s?.close(); s?.closeAllConnections?.(); }
    process.exit(code);
  })();
  return stopping;
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { console.error(`\n${sig}: closing browsers`); shutdown(130); });
const watchdog = setTimeout(() => {
  console.error(`\nFAIL: over the ${secs(TOTAL_BUDGET)} budget, stopping`);
  if (current) rows.push({ ...current, res: {}, ms: Date.now() - current.t, unfinished: true });
  report();
  shutdown(1);
}, TOTAL_BUDGET);
watchdog.unref();


let nodeFigures = null; // figuresInNode's, worked out once
const pct = (x) => `${(x * 100).toFixed(1)} %`;
const clip = (t, n = 70) => (t.length > n ? `${t.slice(0, n - 1)}…` : t);

/** The checks for one page in one open browser. Each check passes only when
 *  its expect* in widget-probe.mjs finds no problem in values read from the
 *  page; on a failure a screenshot is saved beside the others. */
function checker(b, page) {
  const res = {};
  const shot = (tag) => join(ARTIFACTS, `${b.name}-${page.name}${tag ? `-${tag}` : ''}.png`);
  const note = (check, problems, okDetail) => {
    // okDetail: a function, called only on success (it may read what a failure lacks).
    res[check] = { ok: problems.length === 0, detail: problems.length ? problems.join('; ') : typeof okDetail === 'function' ? okDetail() : okDetail };
  };
  const guard = async (check, fn) => {
    try { await fn(); } catch (e) { res[check] = { ok: false, detail: String(e.message || e).split('\n').slice(0, 4).join(' | ') }; }
    if (res[check] && !res[check].ok) {
      await b.screenshot(shot(`FAIL-${check.replace(/\W+/g, '-')}`)).catch(() => {});
      res[check].detail += ` [screenshot ${shot(`FAIL-${check.replace(/\W+/g, '-')}`).replace(`${process.cwd()}/`, '')}]`;
    }
  };
  const skip = (checks, why) => { for (const c of checks) if (!res[c]) res[c] = { ok: false, detail: `skipped: ${why}` }; };
  return { res, shot, note, guard, skip };
}

async function checkPage(b, page) {
  if (page.name === 'iframe') return checkIframePage(b, page);
  const { res, shot, note, guard, skip } = checker(b, page);
  const errors = [];
  const collect = async (load) => {
    try { errors.push(...(await b.errors()).map((e) => `[${load}] ${e}`)); } catch (e) { errors.push(`[${load}] could not read the errors: ${e.message}`); }
  };

  // (a) the chart is drawn, in Vietnamese (the default).
  let drawn;
  await guard('drawn', async () => {
    await b.goto(page.url);
    const r = await waitFor(b, W.probe, (p) => W.expectDrawn(p).length === 0, 20000);
    drawn = r.last;
    const c = drawn.chart;
    note('drawn', W.expectDrawn(drawn), () => `${pct(c.nonBlank)} of ${c.w}×${c.h} px non-blank, ${c.colours} colours, ${c.layers.length} layers; "${clip(drawn.cards[0], 40)}"`);
  });
  if (!res.drawn.ok) {
    await collect('load 1');
    note('no errors', errors, 'none');
    skip(page.checks, 'the page did not draw');
    return res;
  }

  // (b) one keyboard step of the main growth slider.
  let stepped = drawn;
  await guard('step', async () => {
    const f = await b.eval(W.focusSlider, W.SLIDER);
    await b.press('ArrowRight'); // a real key press, to the focused range input
    const r = await waitFor(b, W.probe, (p) => W.expectStep(drawn, p).length === 0, 5000);
    stepped = r.last;
    const problems = W.expectStep(drawn, stepped);
    if (!f.focused) problems.unshift(`#gw-${W.SLIDER}-r did not take the focus`);
    note('step', problems, () => `${W.SLIDER} ${drawn.sliders[W.SLIDER].value} → ${stepped.sliders[W.SLIDER].value}; readouts, sentence, chart ${drawn.chart.sig} → ${stepped.chart.sig}`);
  });

  // (c) the language button: English words, no Vietnamese headline.
  let english;
  await guard('english', async () => {
    const vi = await b.eval(W.probe);
    await b.eval(W.pressLanguage);
    const r = await waitFor(b, W.probe, (p) => W.expectEnglish(vi, p).length === 0, 5000);
    english = r.last;
    note('english', W.expectEnglish(vi, english), () => `"${clip(english.title, 50)}"`);
  });
  // The figures after a step and a switch, before any reload (checked in (e)).
  let beforeReload = null;
  try { beforeReload = await b.eval(W.screenAgainstEngine); } catch (e) { beforeReload = { error: String(e.message || e) }; }
  await b.screenshot(shot('')).catch((e) => { errors.push(`[load 1] screenshot failed: ${e.message}`); });
  await collect('load 1');

  // (d) the share link, opened in a fresh load of the page.
  await guard('link', async () => {
    const shown = english || await b.eval(W.probe);
    const problems = W.expectLink(shown.link, shown);
    // sync-hash: the page's own URL carries the same link (written within 250 ms).
    const h = await waitFor(b, W.linkAndHash, (x) => !!x.link && x.hash === x.link, 3000);
    if (!h.ok) problems.push(`location.hash ${h.last.hash} ≠ el.link ${h.last.link}`);
    if (problems.length) { note('link', problems, ''); return; }
    await b.goto(page.url + shown.link);
    const r = await waitFor(b, W.probe, (p) => W.expectRestored(shown, p).length === 0, 20000);
    note('link', W.expectRestored(shown, r.last), () => `${shown.link.replace(/&ind=[^&]*/, '').slice(0, 40)}… → same readouts, scenario, chart`);
  });

  // (e) the figures: what the restored widget shows is what a fresh engine
  // of the page's build says for its state; and every indicator's figures,
  // in both languages, are node's to the digit.
  await guard('figures', async () => {
    const problems = [];
    if (!beforeReload || beforeReload.error) problems.push(`after the step and English: not read (${beforeReload && beforeReload.error})`);
    else problems.push(...W.expectScreenIsEngine(beforeReload).map((m) => `after the step and English: ${m}`));
    problems.push(...W.expectScreenIsEngine(await b.eval(W.screenAgainstEngine)).map((m) => `after the link's load: ${m}`));
    const inPage = await b.eval(W.sweepFigures, W.SWEEP_MOVES);
    nodeFigures ??= await W.figuresInNode(DIST, W.SWEEP_MOVES);
    problems.push(...W.compareFigures(inPage, nodeFigures));
    note('figures', problems, () => `the screen is the engine's for its state (after the step and English, and after the link's load); ${Object.keys(nodeFigures).length} views (every indicator × vi/en × ${W.SWEEP_MOVES.length} scenarios) the same as in node`);
  });
  // (f) a key on the target's slider: the line under the title appears,
  // above the slider, and the slider stays where it was on screen (by the
  // browser's scroll anchoring, or where there is none, the widget's own).
  await guard('steady', async () => {
    const before = await b.eval(W.placeSlider, 'targetValue', 500);
    const problems = [];
    if (!before.focused) problems.push('the target slider did not take the focus');
    if (before.line) problems.push('the line under the title was there before the key');
    if (Math.abs(before.y - 500) > 2) problems.push(`the slider could not be placed at 500 px (${before.y})`);
    await b.press('ArrowRight');
    const r = await waitFor(b, W.placeSlider, (p) => p.line && p.value !== before.value, 5000, 'targetValue', null);
    const after = r.last.y;
    if (!r.ok) problems.push(`no line under the title after the key (value ${before.value} → ${r.last.value})`);
    if (Math.abs(after - before.y) >= 2) problems.push(`the slider moved on screen: ${before.y} → ${after} px`);
    note('steady', problems, () => `target ${before.value} → ${r.last.value}; the line under the title shown, the slider at ${Math.round(before.y)} → ${Math.round(after)} px (${before.native ? "the browser's scroll anchoring" : "no scroll anchoring: the widget's"})`);
  });
  await collect('load 2');
  note('no errors', errors, 'none on either load');
  return res;
}

/** The iframe embed (iframe-check.mjs): drawn, iframe, no errors. A throw
 *  counts against the stage it happened in. */
async function checkIframePage(b, page) {
  const { res, shot, note, guard, skip } = checker(b, page);
  const r = {};
  let thrown = null;
  try {
    await I.checkIframe(b, page.iframe, r, { beforeForeign: () => b.screenshot(shot('')).catch(() => {}) });
  } catch (e) { thrown = e; }
  await guard('drawn', async () => {
    if (!r.drawn) throw thrown || new Error('not run');
    const p = r.drawn.probe;
    note('drawn', r.drawn.problems, () => `in the frame: ${pct(p.chart.nonBlank)} of ${p.chart.w}×${p.chart.h} px non-blank, ${p.chart.colours} colours; "${clip(p.cards[0], 40)}"`);
  });
  if (res.drawn.ok) {
    await guard('iframe', async () => {
      if (thrown) throw thrown;
      note('iframe', r.iframe.problems, r.iframe.detail);
    });
  }
  if (!r.errors) r.errors = await I.errorsOf(b).catch((e) => [`could not read the errors: ${e.message}`]);
  note('no errors', r.errors, `none on the host page or in the frame${r.preloaded ? '' : ' (in the frame: from ready on)'}`);
  skip(page.checks, 'the widget in the frame did not draw');
  return res;
}

// ---------- main ----------
const rows = [];
const pages = [];
let current = null; // the engine × page being checked, for the watchdog's report
try {
  for (const f of ['grdp-whatif.html', 'index.html', 'embed.js', 'iframe-example.html']) {
    if (!existsSync(join(DIST, f))) { console.error(`FAIL: dist/${f} is missing: run make dist`); process.exit(1); }
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  // Failure screenshots of an earlier run would read as this run's.
  for (const f of readdirSync(ARTIFACTS)) if (engines.some((e) => f.startsWith(`${e}-`)) && f.includes('-FAIL-')) rmSync(join(ARTIFACTS, f), { force: true });
  // The served page is dist/index.html under its CSP header, with one script
  // added first in <head>: the harness's error capture (same origin, so the
  // CSP allows it), so WebKit sees errors from the very start of the page.
  const index = readFileSync(join(DIST, 'index.html'), 'utf8').replace(/<head>/i, '<head>\n<script src="/__harness-capture.js"></script>');
  // The iframe host likewise (it has no CSP); the frame's page is served as is.
  const host = readFileSync(join(DIST, 'iframe-example.html'), 'utf8').replace(/<head>/i, '<head>\n<script src="/__harness-capture.js"></script>');
  server = await serve(DIST, 0, { extra: { '/index.html': index, '/iframe-example.html': host, '/__harness-capture.js': CAPTURE_SOURCE } });
  server.unref();
  // Another origin (another port), for the iframe check's stranger.
  foreignServer = await serve(DIST, 0, { extra: { '/foreign.html': I.foreignPage() } });
  foreignServer.unref();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const foreignOrigin = `http://127.0.0.1:${foreignServer.address().port}`;
  pages.push({ name: 'file', label: 'grdp-whatif.html (file://)', url: pathToFileURL(join(DIST, 'grdp-whatif.html')).href, checks: PAGE_CHECKS });
  pages.push({ name: 'served', label: 'index.html + embed.js (http)', url: `${origin}/index.html`, checks: PAGE_CHECKS });
  pages.push({
    name: 'iframe', label: 'iframe-example.html (http)', url: `${origin}/iframe-example.html`, checks: IFRAME_CHECKS,
    iframe: { host: `${origin}/iframe-example.html`, foreign: `${foreignOrigin}/foreign.html`, foreignOrigin },
  });

  for (const name of engines) {
    const te = Date.now();
    let b;
    try {
      b = await withTimeout(open(name), 90000, `open ${name}`);
      live.add(b);
    } catch (e) {
      const msg = String(e.message || e).split('\n')[0];
      for (const page of pages) rows.push({ engine: name, page, res: Object.fromEntries(page.checks.map((c) => [c, { ok: false, detail: msg }])), ms: 0 });
      console.log(`${name}: FAIL to start: ${msg}`);
      continue;
    }
    console.log(`${name} ${b.version || ''}: started in ${secs(Date.now() - te)}`);
    for (const page of pages) {
      const tp = Date.now();
      current = { engine: `${name} ${b.version || ''}`.trim(), page, t: tp };
      const res = await checkPage(b, page);
      current = null;
      if (stopping) await stopping; // the watchdog reported; it exits
      rows.push({ engine: `${name} ${b.version || ''}`.trim(), page, res, ms: Date.now() - tp });
      console.log(`  ${page.label}: ${page.checks.every((c) => res[c]?.ok) ? 'ok' : 'FAIL'} (${secs(Date.now() - tp)})`);
    }
    await b.close();
    live.delete(b);
  }
} catch (e) {
  console.error(`FAIL: ${e.stack || e}`);
  await shutdown(1);
}

// ---------- report ----------
/** Print the table and the details of `rows`; the number of failed checks. */
function report() {
  const cols = ['engine', 'page', ...CHECKS, 'time'];
  const table = rows.map((r) => [r.engine, r.page.label, ...CHECKS.map((c) => (!r.page.checks.includes(c) ? '-' : r.res[c]?.ok ? 'ok' : 'FAIL')), secs(r.ms)]);
  const widths = cols.map((c, i) => Math.max(c.length, ...table.map((t) => t[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  console.log(`\n${line(cols)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}`);
  for (const t of table) console.log(line(t));

  const failures = rows.flatMap((r) => r.page.checks.filter((c) => !r.res[c]?.ok));
  console.log('\ndetails:');
  for (const r of rows) for (const c of r.page.checks) if (r.res[c]?.ok) console.log(`  ok   ${r.engine} / ${r.page.name} / ${c}: ${r.res[c].detail}`);
  const said = new Set();
  for (const r of rows) {
    for (const c of r.page.checks) {
      if (r.res[c]?.ok) continue;
      const d = r.res[c]?.detail || (r.unfinished ? `not finished within the ${secs(TOTAL_BUDGET)} budget` : 'not run');
      if (said.has(`${r.engine}\0${d}`)) continue; // a browser that did not start: once
      said.add(`${r.engine}\0${d}`);
      console.log(`  FAIL ${r.engine} / ${r.page.label} / ${c}: ${d}`);
    }
  }
  const missing = engines.length * pages.length - rows.length;
  console.log(`\n${failures.length || missing > 0 ? `FAIL: ${failures.length} check(s) failed${missing > 0 ? `, ${missing} engine × page not run` : ''}` : 'all checks passed'} in ${secs(Date.now() - t0)}; screenshots in ${ARTIFACTS}`);
  return failures.length + Math.max(0, missing);
}

if (stopping) await stopping; // the watchdog or a signal reported and exits
await shutdown(report() ? 1 : 0);
