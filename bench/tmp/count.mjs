import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '/work/main/tests/e2e/helpers.mjs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const ctx = await b.newContext({ viewport: { width: 1024, height: 900 }, deviceScaleFactor: 2 });
const page = await ctx.newPage();
await page.goto('file:///work/main/bench/compare.html');
await page.waitForFunction(() => document.querySelector('#ours').shadowRoot?.querySelector('.readout .big'));
const r = await page.evaluate(() => {
  const el = document.querySelector('#ours');
  const spec = el._spec(); const c = el.r.canvas;
  const P = CanvasRenderingContext2D.prototype;
  const counts = {}; const rects = [];
  for (const k of Object.getOwnPropertyNames(P)) {
    const d = Object.getOwnPropertyDescriptor(P, k);
    if (typeof d.value === 'function') { const f = d.value; P[k] = function (...a) { counts[k] = (counts[k] || 0) + 1; if (k === 'fillRect' || k==='fillText') rects.push(a.map(x=>typeof x==='number'?Math.round(x):x).join(',')); return f.apply(this, a); }; }
  }
  el.wb.drawChart(c, spec);
  // uPlot
  return { counts, rects: rects.slice(0, 60) };
});
console.log(JSON.stringify(r, null, 1));
await b.close();
