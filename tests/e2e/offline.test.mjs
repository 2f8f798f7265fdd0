// dist/grdp-whatif.html opened from file:// with every network request blocked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { launch, openPage, ready, canvasColours, DIST } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const FILE = pathToFileURL(`${DIST}/grdp-whatif.html`).href;
const W = 'grdp-whatif';

test('the single file is self-contained', () => {
  const html = readFileSync(`${DIST}/grdp-whatif.html`, 'utf8');
  assert.doesNotMatch(html, /<script[^>]+src=/);
  assert.doesNotMatch(html, /<link[^>]+stylesheet/);
  assert.doesNotMatch(html, /(src|href)\s*=\s*["']?(https?:)?\/\//i, 'nothing loaded from elsewhere');
  assert.doesNotMatch(html, /url\(\s*["']?(https?:)?\/\/|@import/i, 'no remote CSS');
  assert.ok(statSync(`${DIST}/grdp-whatif.html`).size > 10000);
  // Data is text: no HTML parsing sinks anywhere in the shipped code.
  assert.doesNotMatch(html, /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write\(/);
});

test('works from file:// with the network off: chart, controls, link, downloads, both languages', async () => {
  const o = await openPage(browser, { allowed: (u) => u.startsWith('file:') || u.startsWith('data:') || u.startsWith('blob:'), blockOthers: true });
  await o.context.setOffline(true);
  await o.page.goto(FILE);
  await ready(o.page);
  assert.match(await o.page.locator(`${W} .readout`).first().innerText(), /12,8\s?%/);
  assert.ok(await canvasColours(o.page.locator(`${W} canvas.chart`)) > 20);
  const before = await o.page.locator(`${W} .narrative`).innerText();
  await o.page.locator(`${W} #gw-realGrowth-r`).focus();
  await o.page.keyboard.press('ArrowLeft');
  assert.notEqual(await o.page.locator(`${W} .narrative`).innerText(), before);
  await o.page.waitForTimeout(300);
  const hash = await o.page.evaluate(() => location.hash);
  assert.match(hash, /g=0\.104/);
  // The link works from file:// too.
  const o2 = await openPage(browser, { allowed: (u) => u.startsWith('file:') || u.startsWith('data:') || u.startsWith('blob:'), blockOthers: true });
  await o2.context.setOffline(true);
  await o2.page.goto(FILE + hash);
  await ready(o2.page);
  assert.equal(await o2.page.locator(`${W} #gw-realGrowth`).inputValue(), '10,4');
  await o2.context.close();
  // Downloads.
  const [csv] = await Promise.all([o.page.waitForEvent('download'), o.page.locator(`${W} button`, { hasText: 'Tải CSV' }).click()]);
  assert.match(readFileSync(await csv.path(), 'utf8'), /^\uFEFFNăm,Số liệu theo nguồn \(triệu đồng\),Nguồn/);
  const [svg] = await Promise.all([o.page.waitForEvent('download'), o.page.locator(`${W} button`, { hasText: 'Tải SVG' }).click()]);
  assert.match(readFileSync(await svg.path(), 'utf8'), /^<svg[\s\S]*Nguồn: [\s\S]*<\/svg>\s*$/);
  const [png] = await Promise.all([o.page.waitForEvent('download'), o.page.locator(`${W} button`, { hasText: 'Tải ảnh PNG' }).click()]);
  assert.ok(readFileSync(await png.path()).length > 5000);
  // English.
  await o.page.locator(`${W} .top button`, { hasText: 'English' }).click();
  assert.match(await o.page.locator(`${W} .readout`).first().innerText(), /12\.8% a year/);
  await o.page.waitForTimeout(300);
  assert.match(await o.page.evaluate(() => location.hash), /lang=en/);
  // The API is there.
  const r = await o.page.evaluate(async () => (await GrdpWhatIf.ready).requiredGrowthRate(71.1, 130, 5));
  assert.ok(Math.abs(r - 0.1283) < 5e-5);
  const csp = await o.page.evaluate(() => window.__csp);
  assert.deepEqual(csp, []);
  assert.deepEqual(o.log.unexpected, [], 'no network request');
  assert.deepEqual(o.log.errors, []);
  // Print: a snapshot of the chart, the assumptions and the sources; no controls.
  await o.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await o.page.emulateMedia({ media: 'print' });
  const print = await o.page.evaluate(() => {
    const r = document.querySelector('grdp-whatif').shadowRoot;
    const shown = (sel) => getComputedStyle(r.querySelector(sel)).display !== 'none';
    return { img: r.querySelector('.printimg').src.startsWith('data:image/png'), imgShown: shown('.printimg'), canvas: shown('canvas'), controls: shown('.controlsbox'), how: shown('.morebody'), sources: shown('.sources ol'), cards: r.querySelectorAll('.readout').length };
  });
  assert.deepEqual(print, { img: true, imgShown: true, canvas: false, controls: false, how: true, sources: true, cards: 5 });
  await o.page.screenshot({ path: 'tests/artifacts/print.png', fullPage: true });
  await o.context.close();
});
