import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '/work/main/tests/e2e/helpers.mjs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const ctx = await b.newContext({ viewport: { width: 1024, height: 900 }, deviceScaleFactor: 2 });
const page = await ctx.newPage();
await page.goto('file:///work/main/bench/compare.html');
await page.waitForFunction(() => document.querySelector('#ours').shadowRoot?.querySelector('.readout .big'));
const cdp = await ctx.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
await cdp.send('Profiler.start');
const what = process.argv[2] || 'draw';
await page.evaluate((what) => {
  const el = document.querySelector('#ours');
  const spec = el._spec(); const c = el.r.canvas;
  const rr = el.shadowRoot.querySelector('#gw-realGrowth-r');
  for (let i = 0; i < 3000; i++) {
    if (what === 'draw') el.wb.drawChart(c, spec);
    else { rr.value = String((5 + 10 * Math.abs(Math.sin(i / 37))).toFixed(1)); rr.dispatchEvent(new Event('input', { bubbles: true })); }
  }
}, what);
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const dt = profile.timeDeltas; const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const counts = new Map();
for (const s of profile.samples) counts.set(s, (counts.get(s) || 0) + 1);
let total = 0;
for (const [id, c] of counts) { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop().slice(0,30)}`; self.set(k, (self.get(k) || 0) + c); total += c; }
console.log('samples', total);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((v / total * 100).toFixed(1).padStart(6), k);
// inclusive
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
const incl = new Map();
for (const [id, c] of counts) { const seen = new Set(); let cur = id; while (cur !== undefined) { const n = byId.get(cur); const k = n.callFrame.functionName || '(anon)'; if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) || 0) + c); } cur = parent.get(cur); } }
console.log('--- inclusive');
for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log((v / total * 100).toFixed(1).padStart(6), k);
await b.close();
