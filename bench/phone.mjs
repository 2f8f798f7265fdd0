// The "phone reader" rows of make bench (bench/bench.mjs): Lighthouse mobile on
// the served page, the widget against a hand-written uPlot page of the same
// view (bench/peer-uplot.html) at 4× CPU, and the widget's slider step at 4× CPU.
//
//   BENCH_ONLY=phone node bench/bench.mjs        all three
//   BENCH_ONLY=phone-lighthouse,phone-step …     some of them
//   BENCH_PHONE_LOADS (default 20), BENCH_LH_RUNS (default 3)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { parseNum } from '../tests/e2e/helpers.mjs';

/** A phone as Lighthouse's mobile emulation sees one (Moto G Power: 412×823 CSS px at 1.75). */
export const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
/** The issue's CPU slowdown for a mid-range phone. */
export const CPU_RATE = 4;
const LOADS = Number(process.env.BENCH_PHONE_LOADS || 20);
const LH_RUNS = Number(process.env.BENCH_LH_RUNS || 3);
const STEPS = 500;
// Goals of the phone-reader issue.
const GOAL = { score: 98, tbt: 100, stepP95: 4 };
const LH_FLAGS = '--headless=new --no-sandbox --disable-gpu';

const file = (p) => pathToFileURL(resolve(p)).href;
const met = (ok) => (ok ? 'met' : 'MISSED');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/** bench/peer-uplot.html as one file (stylesheet, uPlot and dataset inlined),
 *  for file:// as the widget's single file is opened. */
export function peerSingleFile(dir) {
  let html = readFileSync('bench/peer-uplot.html', 'utf8');
  const put = (re, text) => {
    const before = html;
    html = html.replace(re, () => text);
    if (html === before) throw new Error(`peer-uplot.html: ${re} not found`);
  };
  const css = readFileSync('node_modules/uplot/dist/uPlot.min.css', 'utf8');
  const js = readFileSync('node_modules/uplot/dist/uPlot.iife.min.js', 'utf8');
  const data = readFileSync('data/lang-son.json', 'utf8');
  put(/<link rel="stylesheet" href="[^"]*uPlot\.min\.css">/, `<style>${css}</style>`);
  put(/<script src="[^"]*uPlot\.iife\.min\.js"><\/script>/, `<script>${js.replace(/<\/script/gi, '<\\/script')}</script>`);
  put(/(<script type="application\/json" id="dataset"[^>]*>)(<\/script>)/, `<script type="application/json" id="dataset">${data.replace(/</g, '\\u003c')}</script>`);
  const out = join(dir, 'peer-uplot.single.html');
  writeFileSync(out, html);
  return out;
}

/** Resolves in the page with the time of the first `name` mark, observed
 *  without polling (a poll would take main-thread time from the page). */
function markObserver(name) {
  window.__firstMark = new Promise((ok) => {
    new PerformanceObserver((list, obs) => {
      for (const e of list.getEntries()) if (e.name === name) { obs.disconnect(); ok(e.startTime); }
    }).observe({ type: 'mark', buffered: true });
  });
}

async function throttledPage(browser, rate) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return { context, page, cdp };
}

/* ---------- Lighthouse mobile on the served page ---------- */

function run(cmd, args, env) {
  return new Promise((ok, fail) => {
    const p = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    p.on('error', fail);
    p.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`${cmd} exited ${code}: ${err.slice(-600)}`))));
  });
}

async function lighthouse(row) {
  const cli = resolve('node_modules/lighthouse/cli/index.js');
  let version = '';
  try { version = JSON.parse(readFileSync('node_modules/lighthouse/package.json', 'utf8')).version; } catch { throw new Error('lighthouse is not installed: run scripts/setup.sh bench'); }
  // The served page as the reader gets it: dist/ with the strict CSP header.
  const server = await serve(resolve('dist'), 0);
  const url = `http://127.0.0.1:${server.address().port}/index.html`;
  const dir = mkdtempSync(join(tmpdir(), 'grdp-lh-'));
  const runs = [];
  try {
    for (let i = 0; i < LH_RUNS; i++) {
      const out = join(dir, `lh-${i}.json`);
      // Lighthouse's defaults: mobile form factor and screen, simulated throttling
      // (150 ms RTT, 1.6 Mbps, 4× CPU). The CLI runs in a child process, so this
      // process keeps serving the page.
      await run(process.execPath, [cli, url, '--form-factor=mobile', '--throttling-method=simulate', '--only-categories=performance',
        '--output=json', `--output-path=${out}`, `--chrome-flags=${LH_FLAGS}`, '--quiet'], { CHROME_PATH: process.env.CHROMIUM || '/usr/bin/chromium' });
      const lhr = JSON.parse(readFileSync(out, 'utf8'));
      const a = lhr.audits;
      const errored = Object.values(a).filter((x) => x.scoreDisplayMode === 'error').map((x) => x.id);
      runs.push({
        score: lhr.categories.performance.score === null ? NaN : lhr.categories.performance.score * 100,
        tbt: a['total-blocking-time']?.numericValue ?? NaN,
        fcp: a['first-contentful-paint']?.numericValue ?? NaN,
        lcp: a['largest-contentful-paint']?.numericValue ?? NaN,
        errored,
        runtimeError: lhr.runtimeError?.code,
      });
      console.log(`  lighthouse run ${i + 1}: score ${runs[i].score}, TBT ${runs[i].tbt?.toFixed(0)} ms, FCP ${runs[i].fcp?.toFixed(0)} ms, LCP ${runs[i].lcp?.toFixed(0)} ms${errored.length ? `; errored audits: ${errored.join(', ')}` : ''}`);
    }
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const sc = runs.map((r) => r.score), tbt = runs.map((r) => r.tbt);
  const range = (xs, f) => `${f(Math.min(...xs))}–${f(Math.max(...xs))}`;
  const errs = [...new Set(runs.flatMap((r) => r.errored))];
  const lh = `Lighthouse ${version} mobile (simulated throttling), served index.html, ${LH_RUNS} runs`;
  row('phone', `${lh}: performance score`, `median ${median(sc).toFixed(0)} (range ${range(sc, (x) => x.toFixed(0))})`,
    `goal ≥ ${GOAL.score}: ${met(median(sc) >= GOAL.score)}${errs.length ? `; audits errored on this Chromium: ${errs.join(', ')}` : ''}`);
  row('phone', `${lh}: Total Blocking Time`, `median ${median(tbt).toFixed(0)} ms (range ${range(tbt, (x) => x.toFixed(0))} ms)`,
    `goal ≤ ${GOAL.tbt} ms: ${met(median(tbt) <= GOAL.tbt)}; FCP median ${median(runs.map((r) => r.fcp)).toFixed(0)} ms, LCP median ${median(runs.map((r) => r.lcp)).toFixed(0)} ms`);
}

/* ---------- the widget against the uPlot peer, at 4× CPU ---------- */

/** What the widget shows for 2030 (its cards and the chart's readout for the
 *  year), read from the page as a reader gets it. */
async function widgetFigures(page) {
  await page.waitForFunction(() => {
    const el = document.querySelector('grdp-whatif');
    return el && el.state.status === 'ready' && el.shadowRoot.querySelector('.readout[data-card="chance"] .big')?.textContent;
  }, null, { timeout: 20000 });
  // The chart's readout of the last year: the reader's End key on the chart.
  await page.locator('grdp-whatif canvas.chart').focus();
  await page.keyboard.press('End');
  return page.evaluate(() => {
    const r = document.querySelector('grdp-whatif').shadowRoot;
    const big = (id) => r.querySelector(`.readout[data-card="${id}"] .big`)?.textContent ?? '';
    return { need: big('need'), scenario: big('scenario'), chance: big('chance'), tip: [...r.querySelector('.tip').children].map((c) => c.textContent) };
  });
}

async function peerFigures(page) {
  await page.waitForFunction(() => window.peer && window.peer.drawn, null, { timeout: 20000 });
  return page.evaluate(() => {
    const big = (id) => document.querySelector(`.readout[data-card="${id}"] .big`).textContent;
    const { end, p10, p50, p90, chance, need } = window.peer;
    return { need: big('need'), scenario: big('scenario'), chance: big('chance'), end, p10, p50, p90, chanceValue: chance, needValue: need };
  });
}

/** The peer's figures against the widget's: the same within the rounding the
 *  widget shows (half its last decimal). Throws when they differ. */
function checkSame(w, p) {
  // The chart's readout of the band: "Khoảng 10–90%: 122,2 – 145,2".
  const line = w.tip.find((l) => /10–90/.test(l)) || '';
  const band = line.replace(/^[^:]*:/, '').split('–').map((x) => parseNum(x));
  const head = parseNum(w.scenario);
  const half = 0.05 + 1e-9; // the widget shows these to 0.1 (million VND, % a year)
  const checks = [
    ['2030 headline (million VND)', head, p.end, half],
    ['2030 P10 (million VND)', band[0], p.p10, half],
    ['2030 P90 (million VND)', band[1], p.p90, half],
    ['growth needed (% a year)', parseNum(w.need), p.needValue * 100, half],
    ['chance of reaching the target (%)', parseNum(w.chance), p.chanceValue * 100, 0.5 + 1e-9],
  ];
  const bad = checks.filter(([, a, b, tol]) => !(Math.abs(a - b) <= tol));
  if (bad.length) throw new Error(`the uPlot peer's figures differ from the widget's: ${bad.map(([n, a, b]) => `${n}: widget ${a}, peer ${b}`).join('; ')}`);
  return { head, band };
}

async function startAt4x(browser, row, stats, ms) {
  const dir = mkdtempSync(join(tmpdir(), 'grdp-peer-'));
  try {
    const peerUrl = file(peerSingleFile(dir));
    const widgetUrl = file('dist/grdp-whatif.html');
    // Fair: the same figures (once, unthrottled).
    const a = await throttledPage(browser, 1);
    await a.page.goto(widgetUrl);
    const w = await widgetFigures(a.page);
    await a.context.close();
    const b = await throttledPage(browser, 1);
    await b.page.goto(peerUrl);
    const p = await peerFigures(b.page);
    await b.context.close();
    const { head, band } = checkSame(w, p);
    row('phone', 'uPlot peer (bench/peer-uplot.html) computes the widget\'s figures: 2030 headline, P10–P90, growth needed, chance',
      `${w.scenario} / ${band[0]}–${band[1]} / ${w.need} / ${w.chance}`,
      `same within rounding (asserted); peer ${p.end.toFixed(2)}, ${p.p10.toFixed(2)}–${p.p90.toFixed(2)}, P50 ${p.p50.toFixed(2)} (the widget shows the path, ${head}, and no P50)`);

    // Navigation → first complete chart, interleaved A, B, A, B …, at 4× CPU.
    const load = async (url, mark) => {
      const { context, page } = await throttledPage(browser, CPU_RATE);
      await page.addInitScript(markObserver, mark);
      await page.goto(url);
      const t = await page.evaluate(() => window.__firstMark);
      const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
      await context.close();
      return { t, marks };
    };
    const ours = [], peer = [], phases = [];
    for (let i = 0; i < LOADS; i++) {
      const first = i % 2 ? 'peer' : 'ours';
      for (const who of first === 'ours' ? ['ours', 'peer'] : ['peer', 'ours']) {
        if (who === 'ours') { const r = await load(widgetUrl, 'grdp-whatif:first-chart'); ours.push(r.t); phases.push(r.marks); }
        else peer.push((await load(peerUrl, 'peer:first-chart')).t);
      }
    }
    const so = stats(ours), sp = stats(peer);
    row('phone', `4× CPU, ${PHONE.viewport.width}×${PHONE.viewport.height} @${PHONE.deviceScaleFactor}, file://: uPlot peer, navigation → first complete chart (${LOADS} loads)`,
      `median ${ms(sp.median)}`, `p10–p90 ${ms(sp.p10)}–${ms(sp.p90)}; band, lines, target and 3 readouts drawn (uPlot's draw hook)`);
    row('phone', `4× CPU, the same: grdp-whatif.html, navigation → first complete chart (${LOADS} loads, interleaved)`,
      `median ${ms(so.median)}`, `p10–p90 ${ms(so.p10)}–${ms(so.p90)}; goal ≤ the uPlot peer (median): ${met(so.median <= sp.median)}, ${(so.median / sp.median).toFixed(2)}×`);
    const ph = (name) => median(phases.map((m) => m[`grdp-whatif:${name}`]).filter((x) => x !== undefined));
    row('phone', '4× CPU: the widget\'s start-up marks (medians): script / wasm compiled / dataset read / first chart',
      `${ms(ph('script'))} / ${ms(ph('wasm-compiled'))} / ${ms(ph('dataset'))} / ${ms(ph('first-chart'))}`, 'performance.mark()s of www/src/load.js and element.js');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/* ---------- the slider step at 4× CPU ---------- */

async function stepAt4x(browser, row, stats, ms) {
  // The served page, cross-origin isolated for the 5 µs clock (as bench.mjs's step rows).
  const server = await serve(resolve('.'), 0, { csp: false, headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } });
  const { context, page } = await throttledPage(browser, CPU_RATE);
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/dist/index.html`);
    await page.waitForFunction(() => {
      const el = document.querySelector('grdp-whatif');
      return el && el.state.status === 'ready' && el.shadowRoot.querySelector('#gw-realGrowth-r');
    }, null, { timeout: 30000 });
    const isolated = await page.evaluate(() => crossOriginIsolated);
    const steps = await page.evaluate(async (n) => {
      const el = document.querySelector('grdp-whatif');
      const r = el.shadowRoot.querySelector('#gw-realGrowth-r');
      const value = (i) => String((Math.round((5 + 10 * Math.abs(Math.sin(i / 37))) * 10) / 10).toFixed(1));
      const sync = [];
      for (let i = 0; i < n; i++) {
        r.value = value(i);
        const t0 = performance.now();
        r.dispatchEvent(new Event('input', { bubbles: true }));
        sync.push(performance.now() - t0);
      }
      // One input per frame, as a finger's drag gives them.
      const framed = [];
      for (let i = 0; i < 200; i++) {
        r.value = value(i + 1000);
        const t0 = performance.now();
        r.dispatchEvent(new Event('input', { bubbles: true }));
        framed.push(performance.now() - t0);
        await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
      }
      return { sync, framed };
    }, STEPS);
    const ss = stats(steps.sync), sf = stats(steps.framed);
    const mean = (xs) => xs.reduce((x, y) => x + y, 0) / xs.length;
    row('phone', `4× CPU, ${PHONE.viewport.width}×${PHONE.viewport.height} @${PHONE.deviceScaleFactor}: slider step, input → recompute + redraw + readouts (the first ${STEPS} after load, back to back)`,
      `median ${ms(ss.median)}, p95 ${ms(ss.p95)}, mean ${ms(mean(steps.sync))}`, `goal p95 ≤ ${GOAL.stepP95} ms: ${met(ss.p95 <= GOAL.stepP95)}${isolated ? '' : '; clock NOT isolated (100 µs)'}`);
    row('phone', '4× CPU: the same, one step per frame (as a drag), synchronous part (200)',
      `median ${ms(sf.median)}, p95 ${ms(sf.p95)}, mean ${ms(mean(steps.framed))}`, 'caches cold after each frame');
  } finally {
    await context.close();
    server.close();
  }
}

/** The phone sections by name, each `(ctx) => Promise` with ctx = { browser, row, stats, ms }. */
export const PHONE_SECTIONS = {
  'phone-lighthouse': ({ row }) => lighthouse(row),
  'phone-start': ({ browser, row, stats, ms }) => startAt4x(browser, row, stats, ms),
  'phone-step': ({ browser, row, stats, ms }) => stepAt4x(browser, row, stats, ms),
};
