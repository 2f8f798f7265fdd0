import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '/work/main/tests/e2e/helpers.mjs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const ctx = await b.newContext({ viewport: { width: 1024, height: 900 }, deviceScaleFactor: 2 });
const page = await ctx.newPage();
await page.goto('file:///work/main/bench/compare.html');
await page.waitForFunction(() => document.querySelector('#ours').shadowRoot?.querySelector('.readout .big'));
const r = await page.evaluate(() => {
  const c = document.createElement('canvas'); c.width = 1600; c.height = 680; document.body.append(c);
  const x = c.getContext('2d');
  const N = 2000;
  const m = (f) => { for (let i = 0; i < 100; i++) f(i); const t0 = performance.now(); for (let i = 0; i < N; i++) f(i); return ((performance.now() - t0) / N * 1000).toFixed(1) + ' µs'; };
  const texts = (i) => { x.font = '24px sans-serif'; x.fillStyle = '#333'; for (let k = 0; k < 17; k++) x.fillText('2020 Mục tiêu ' + k, 100 + k * 80, 600 - (i % 7)); };
  const lines = (i) => { x.strokeStyle = '#999'; x.lineWidth = 2; x.beginPath(); for (let k = 0; k < 100; k++) { x.moveTo(k * 16, 0); x.lineTo(k * 16 + (i % 5), 680); } x.stroke(); };
  return {
    fillRectOnly: m(() => { x.fillStyle = '#fff'; x.fillRect(0, 0, 1600, 680); }),
    fillRectTexts: m((i) => { x.fillStyle = '#fff'; x.fillRect(0, 0, 1600, 680); texts(i); }),
    clearTexts: m((i) => { x.clearRect(0, 0, 1600, 680); texts(i); }),
    fillRectLines: m((i) => { x.fillStyle = '#fff'; x.fillRect(0, 0, 1600, 680); lines(i); }),
    fillRectLinesTexts: m((i) => { x.fillStyle = '#fff'; x.fillRect(0, 0, 1600, 680); lines(i); texts(i); }),
    clearLinesTexts: m((i) => { x.clearRect(0, 0, 1600, 680); lines(i); texts(i); }),
  };
});
console.log(r);
await b.close();
