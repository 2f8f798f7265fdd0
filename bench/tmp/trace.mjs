import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { CHROMIUM_ARGS } from '/work/main/tests/e2e/helpers.mjs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const url = process.argv[2] || 'file:///work/main/dist/grdp-whatif.html';
const mark = process.argv[3] || 'grdp-whatif:first-chart';
for (let i = 0; i < 3; i++) {
  const ctx = await b.newContext({ viewport: { width: 1024, height: 900 }, deviceScaleFactor: 2 });
  const page = await ctx.newPage();
  if (i == 2) await b.startTracing(page, { path: '/tmp/trace.json', categories: ['devtools.timeline', 'v8', 'blink', 'disabled-by-default-devtools.timeline', 'v8.wasm', 'loading'] });
  await page.goto(url);
  const t = await page.waitForFunction((m) => { const e = performance.getEntriesByName(m)[0]; return e ? e.startTime : false; }, mark, { polling: 5 });
  const nav = await page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0]; return { di: n.domInteractive, dcl: n.domContentLoadedEventEnd, resp: n.responseEnd, fetch: n.fetchStart }; });
  console.log('first chart', await t.jsonValue(), nav);
  if (i == 2) await b.stopTracing();
  await ctx.close();
}
await b.close();
const tr = JSON.parse(readFileSync('/tmp/trace.json', 'utf8'));
const ev = (tr.traceEvents || tr).filter((e) => e.ph === 'X' && e.dur > 1000);
const pid = {};
ev.sort((a, b) => a.ts - b.ts);
const t0 = ev.length ? Math.min(...ev.filter(e=>e.name==='ParseHTML' || e.name==='ResourceSendRequest').map((e) => e.ts)) : 0;
for (const e of ev) if (e.dur > 1500 && ['RunTask','ThreadControllerImpl::RunTask'].indexOf(e.name)<0) console.log(((e.ts - t0) / 1000).toFixed(1).padStart(8), (e.dur / 1000).toFixed(1).padStart(7), e.tid, e.name, JSON.stringify(e.args?.data?.url || e.args?.data?.functionName || e.args?.data?.type || '').slice(0, 60));
