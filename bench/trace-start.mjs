// A performance trace of one start-up at 4× CPU on the phone (bench/phone.mjs's
// conditions), summarised: the renderer main thread's tasks up to the first
// complete chart, each with what took its time, and the background threads' busy time.
//
//   node bench/trace-start.mjs [widget|peer] [rate]     (default: widget 4)
//   TRACE_KEEP=path.json keeps the raw trace (open it in chrome://tracing or DevTools).
//   TRACE_MEASURE=1 (widget) also times the element's render steps and the engine's
//   calls (wrapped from an init script: a little overhead of its own), printed as a tree.
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS } from '../tests/e2e/helpers.mjs';
import { PHONE, peerSingleFile } from './phone.mjs';

const who = process.argv[2] || 'widget';
const rate = Number(process.argv[3] || 4);
const MIN_TASK_MS = 2;
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8', 'v8.execute', 'v8.wasm',
  'disabled-by-default-v8.compile', 'disabled-by-default-v8.wasm.detailed', 'blink.user_timing', 'loading', 'blink', 'disabled-by-default-v8.gc'].join(',');

const dir = mkdtempSync(join(tmpdir(), 'grdp-trace-'));
const url = process.env.TRACE_URL || (who === 'peer' ? pathToFileURL(peerSingleFile(dir)).href : pathToFileURL(resolve('dist/grdp-whatif.html')).href);
const mark = who === 'peer' ? 'peer:first-chart' : 'grdp-whatif:first-chart';
const path = process.env.TRACE_KEEP || join(dir, 'trace.json');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
const context = await browser.newContext(PHONE);
const page = await context.newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate });
const MEASURE = who === 'widget' && process.env.TRACE_MEASURE;
if (MEASURE) await page.addInitScript(instrument);
await browser.startTracing(page, { path, categories: CATEGORIES.split(',') });
await page.goto(url);
await page.waitForFunction((m) => performance.getEntriesByName(m).length, mark, { polling: 50, timeout: 30000 });
await page.waitForTimeout(300);
const measured = MEASURE ? await page.evaluate(() => window.__measured) : null;
await browser.stopTracing();
await browser.close();

const events = JSON.parse(readFileSync(path, 'utf8')).traceEvents;
rmSync(dir, { recursive: true, force: true }); // (a TRACE_KEEP path is outside it)

// The page's renderer: the process whose main thread ran the navigation's document.
const names = new Map();
for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
const markEv = events.find((e) => e.name === mark && e.cat.includes('blink.user_timing'));
if (!markEv) throw new Error(`no ${mark} in the trace`);
const pid = markEv.pid;
const mainTid = [...names].find(([k, v]) => k.startsWith(`${pid}:`) && v === 'CrRendererMain')?.[0].split(':')[1];
const onMain = events.filter((e) => e.pid === pid && String(e.tid) === mainTid && e.ph === 'X' && typeof e.dur === 'number');
const navStart = events.find((e) => e.pid === pid && e.name === 'navigationStart')?.ts ?? Math.min(...onMain.map((e) => e.ts));
const markTs = markEv.ts;
const rel = (ts) => (ts - navStart) / 1000;

// Top-level tasks on the main thread up to the mark (the outermost of nested RunTasks).
const tasks = [];
for (const e of onMain.filter((x) => (x.name === 'RunTask' || x.name === 'ThreadControllerImpl::RunTask') && x.ts <= markTs && x.ts + x.dur >= navStart)
  .sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
  const last = tasks[tasks.length - 1];
  if (!last || e.ts >= last.ts + last.dur) tasks.push(e);
}
const inside = (t) => onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
/** Self time by event name within a task (time in an event minus its children). */
function selfTimes(t) {
  const evs = inside(t).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  const add = (name, us) => self.set(name, (self.get(name) || 0) + us);
  for (const e of evs) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    if (stack.length) add(label(stack[stack.length - 1]), -e.dur);
    add(label(e), e.dur);
    stack.push(e);
  }
  return [...self].filter(([, us]) => us > 300).sort((a, b) => b[1] - a[1]);
}
function label(e) {
  if (e.name === 'EvaluateScript' || e.name === 'v8.compile' || e.name === 'v8.run') return `${e.name}${e.args?.data?.url ? '' : ''}`;
  if (e.name === 'FunctionCall') return `FunctionCall ${e.args?.data?.functionName || ''}`.trim();
  if (e.name === 'TimerFire' || e.name === 'EventDispatch') return `${e.name} ${e.args?.data?.type || ''}`.trim();
  return e.name;
}
const ms = (us) => `${(us / 1000).toFixed(1)} ms`;
console.log(`${who}, ${rate}× CPU, ${PHONE.viewport.width}×${PHONE.viewport.height} @${PHONE.deviceScaleFactor}: ${mark} at ${rel(markTs).toFixed(0)} ms after navigation start`);
const marks = events.filter((e) => e.pid === pid && e.cat.includes('blink.user_timing') && e.ph !== 'X').sort((a, b) => a.ts - b.ts);
console.log('marks: ' + marks.map((m) => `${m.name.replace('grdp-whatif:', '')} ${rel(m.ts).toFixed(0)}`).join(', '));
let busy = 0;
for (const t of tasks) {
  busy += t.dur;
  if (t.dur < MIN_TASK_MS * 1000) continue;
  const top = selfTimes(t).slice(0, 6).map(([n, us]) => `${n} ${ms(us)}`).join('; ');
  console.log(`  task at ${rel(t.ts).toFixed(0).padStart(5)} ms, ${ms(t.dur).padStart(9)}${t.dur >= 50000 ? ' LONG' : '     '}  ${top}`);
  if (t.dur >= 50000) {
    // A long task in order: its children of ≥ 3 ms, two levels down.
    const kids = (p) => { const k = inside(p).filter((e) => e.ts + e.dur <= p.ts + p.dur); return k.filter((e) => !k.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && o.dur > e.dur)); };
    // Wrappers (the scheduler's, the parser's pumps) are looked through.
    const WRAP = /^(ThreadControllerImpl::RunTask|BlinkScheduler_PerformMicrotaskCheckpoint|RunMicrotasks|HTMLDocumentParser::\w+|SimpleWatcher::OnHandleReady)$/;
    const seq = (p, depth) => {
      for (const c of kids(p).sort((a, b) => a.ts - b.ts)) {
        if (c.dur < 3000) continue;
        if (WRAP.test(c.name)) { seq(c, depth); continue; }
        console.log(`${'    '.repeat(depth)}      ${rel(c.ts).toFixed(0).padStart(5)} ms ${ms(c.dur).padStart(9)}  ${label(c)}`);
        if (depth < 1) seq(c, depth + 1);
      }
    };
    seq(t, 0);
  }
}
console.log(`main thread busy ${ms(busy)} of ${rel(markTs).toFixed(0)} ms`);
// Background threads of the renderer (V8's compilers, the wasm tiers).
const bg = new Map();
for (const e of events) {
  if (e.pid !== pid || String(e.tid) === mainTid || e.ph !== 'X' || !e.dur || e.ts > markTs) continue;
  const n = names.get(`${e.pid}:${e.tid}`) || String(e.tid);
  if (!/^(ThreadPool|V8|v8|DedicatedWorker|Compositor)/.test(n) && !/Worker/.test(n)) continue;
  const key = `${n}: ${e.name}`;
  bg.set(key, (bg.get(key) || 0) + e.dur);
}
const bgTop = [...bg].sort((a, b) => b[1] - a[1]).slice(0, 10);
if (bgTop.length) console.log('other threads (event totals, may nest): ' + bgTop.map(([k, us]) => `${k} ${ms(us)}`).join('; '));

if (measured) {
  console.log('render steps and engine calls (in-page, wrapped; ms from navigation):');
  for (const m of measured) if (m.dur >= 1) console.log(`  ${'  '.repeat(m.depth)}${m.name} at ${m.start.toFixed(0)}: ${m.dur.toFixed(1)} ms`);
}

/** In the page before its scripts: wrap the element's methods, and the engine's
 *  and chart view's when the engine arrives, to time each call. */
function instrument() {
  const out = window.__measured = [];
  let depth = 0;
  const wrap = (proto, names, prefix) => {
    for (const n of names) {
      const d = Object.getOwnPropertyDescriptor(proto, n);
      if (!d || typeof d.value !== 'function' || n === 'constructor' || d.value.__wrapped) continue;
      const f = d.value;
      const g = function (...args) {
        const start = performance.now();
        const rec = { name: `${prefix}${n}`, start, dur: 0, depth };
        out.push(rec);
        depth++;
        try {
          const r = f.apply(this, args);
          return r;
        } finally {
          depth--;
          rec.dur = performance.now() - start;
        }
      };
      g.__wrapped = true;
      Object.defineProperty(proto, n, { ...d, value: g });
    }
  };
  const define = customElements.define.bind(customElements);
  customElements.define = (name, cls, opts) => {
    if (name === 'grdp-whatif') {
      const p = cls.prototype;
      const use = p._use;
      p._use = function (engine, ...rest) {
        const wb = this._life.wb;
        wrap(Object.getPrototypeOf(engine), Object.getOwnPropertyNames(Object.getPrototypeOf(engine)), 'Engine.');
        if (wb.ChartView) wrap(wb.ChartView.prototype, Object.getOwnPropertyNames(wb.ChartView.prototype), 'ChartView.');
        return use.call(this, engine, ...rest);
      };
      wrap(p, Object.getOwnPropertyNames(p).filter((n) => n !== '_use' && n !== '_load'), '');
    }
    return define(name, cls, opts);
  };
}
