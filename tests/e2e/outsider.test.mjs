// Cases an outside tester found by using the widget as a host page, a
// network and a reader would (this round's third pass): each as the right
// behaviour, so it cannot come back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, startServer, openPage, ready, settled, seen } from './helpers.mjs';

const W = 'grdp-whatif';
const DATA = readFileSync('data/lang-son.json', 'utf8');
const OTHER = DATA.replace('"id": "lang-son"', '"id": "other"').replace(/Lạng Sơn/g, 'Tỉnh Khác');
// Exports with a figure typed with an extra ".000" (100 → 100.000): reads,
// passes the field checks, cannot be simulated.
const JUMPY = (() => {
  const d = JSON.parse(DATA);
  const ind = d.indicators.find((i) => i.id === 'exports');
  const src = ind.history[0].source;
  ind.history = [[2021, 70], [2022, 80], [2023, 90], [2025, 100000]].map(([year, value]) => ({ year, value, source: src }));
  ind.targets = [];
  return JSON.stringify(d);
})();
const page = (body, head = '') => `<!doctype html><html lang="vi"><head><meta charset="utf-8">${head}</head><body>${body}<script src="/embed.js"></script></body></html>`;

const PICK = (ids) => { const d = JSON.parse(DATA); d.indicators = d.indicators.filter((i) => ids.includes(i.id)); return JSON.stringify(d); };
const TWO_A = PICK(['grdpPerCapita', 'poorHouseholds']);
const TWO_B = PICK(['grdpPerCapita', 'forestCover']);

let browser, srv;
before(async () => {
  browser = await launch();
  srv = await startServer({
    '/jumpy.json': JUMPY,
    '/other.json': OTHER,
    '/slow-other.json': (req, res) => { setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(OTHER), 800); },
    '/jumpy.html': page(`<${W} id="w" src="/jumpy.json" indicator="exports"></${W}><${W} id="f" src="/jumpy.json" indicator="exports" fallback="default"></${W}>`),
    '/jumpy-switch.html': page(`<${W} id="w" src="/jumpy.json"></${W}>`),
    '/plain.html': page(`<${W} id="w"></${W}>`),
    '/json-late.html': `<!doctype html><html lang="vi"><head><meta charset="utf-8"></head><body><${W} id="w"></${W}><script src="/embed.js"></script><script>JSON.parse = function () { return { patched: true }; };</script></body></html>`,
    '/two.html': page(`<${W} id="a"></${W}><${W} id="b" indicator="forestCover"></${W}>`),
    '/empty-src.html': page(`<${W} id="w" src=""></${W}>`),
    '/protos.html': page(`<${W} id="w"></${W}>`, `<script>
      // Enumerable accessor words on every object: a descriptor built from a
      // plain object literal would inherit them.
      Object.defineProperty(Object.prototype, 'get', { __proto__: null, value: function () {}, enumerable: true, configurable: true, writable: true });
      Object.defineProperty(Object.prototype, 'value', { __proto__: null, value: 999, enumerable: true, configurable: true, writable: true });
    </script>`),
    // No custom elements (an old or stripped-down browser); one widget added after the script.
    '/no-elements.html': `<!doctype html><html lang="vi"><head><meta charset="utf-8"><script>delete window.customElements;</script></head><body><${W} id="v"><p>Đang tải tiện ích… (cần JavaScript)</p></${W}><${W} id="e" lang="en"><p>Loading… (needs JavaScript)</p></${W}><script src="/embed.js"></script><${W} id="late" lang="en"><p>Loading…</p></${W}></body></html>`,
    '/two-a.json': TWO_A,
    '/swap.html': page(`<${W} id="w" src="/two-a.json"></${W}>`),
    '/big-font-host.html': page(`<${W} id="w"></${W}>`, '<style>* { font: 30px serif !important; } html { font-size: 62.5%; }</style>'),
  });
});
after(async () => { await browser?.close(); srv?.server.close(); });

const open = async (path, opts = {}) => {
  const o = await openPage(browser, { allowed: (u) => u.startsWith(srv.origin) || u.startsWith('data:') || u.startsWith('blob:'), ...opts });
  await o.page.goto(`${srv.origin}${path}`);
  return o;
};

test('a dataset that reads but cannot be simulated fails with the indicator named, never stuck loading; fallback="default" is kept', async () => {
  const o = await open('/jumpy.html');
  await settled(o.page, 0);
  await ready(o.page, 1);
  const s = await seen(o.page, 0);
  assert.equal(s.state.status, 'failed');
  assert.match(s.message, /Không tải được dữ liệu/);
  assert.match(s.message, /không hiển thị được/);
  assert.equal(s.cards.length, 0, 'no figures shown');
  const f = await seen(o.page, 1);
  assert.match(f.notice, /đang hiển thị dữ liệu Lạng Sơn có sẵn/);
  const errors = o.log.errors.filter((e) => !/dataset could not be used/.test(e));
  assert.deepEqual(errors, []);
  await o.context.close();
});

test('switching to an indicator that cannot be simulated keeps the last one on screen, with the reason', async () => {
  const o = await open('/jumpy-switch.html');
  await ready(o.page);
  const before = await seen(o.page);
  await o.page.locator(`${W} select.indsel`).selectOption('exports');
  const s = await seen(o.page);
  assert.equal(s.state.indicator, before.state.indicator);
  assert.deepEqual(s.cards, before.cards);
  assert.match(s.notice, /Không hiển thị được chỉ tiêu này/);
  assert.match(s.notice, /gõ sai/);
  assert.equal(await o.page.locator(`${W} select.indsel`).inputValue(), before.state.indicator, 'the select shows what is on screen');
  assert.deepEqual(o.log.errors, []);
  await o.context.close();
});

test('an empty src is a failed dataset, not the built-in data', async () => {
  const o = await open('/empty-src.html');
  await settled(o.page);
  const s = await seen(o.page);
  assert.equal(s.state.status, 'failed');
  assert.match(s.message, /src để trống/);
  assert.equal(s.cards.length, 0);
  await o.context.close();
});

test('indicator and scenario set while a new src loads are what it opens on; lang set again after a link changed it applies', async () => {
  const o = await open('/plain.html');
  await ready(o.page);
  await o.page.evaluate(() => {
    const w = document.getElementById('w');
    w.setAttribute('src', '/slow-other.json');
    w.setAttribute('indicator', 'exports');
    w.setAttribute('scenario', '#v=1&ind=exports&gr=0.07');
  });
  await o.page.waitForFunction(() => document.getElementById('w').state.status === 'ready' && document.getElementById('w').shadowRoot.querySelector('.title')?.textContent.includes('Tỉnh Khác'), null, { timeout: 10000 });
  const s = await seen(o.page);
  assert.equal(s.state.indicator, 'exports');
  assert.equal(s.state.scenario.growth, 0.07);
  // A link that says lang=vi, then the page's lang="en" again.
  await o.page.evaluate(() => { const w = document.getElementById('w'); w.setAttribute('lang', 'en'); w.setAttribute('scenario', '#v=1&lang=vi&ind=exports&gr=0.08'); });
  assert.equal((await seen(o.page)).state.lang, 'vi');
  await o.page.evaluate(() => document.getElementById('w').setAttribute('lang', 'en'));
  assert.equal((await seen(o.page)).state.lang, 'en');
  assert.deepEqual(o.log.errors, []);
  await o.context.close();
});

test('a first-load link with a bad value opens its own indicator at its start, and says so', async () => {
  const o = await openPage(browser, { allowed: (u) => u.startsWith(srv.origin) || u.startsWith('data:') || u.startsWith('blob:') });
  await o.page.goto(`${srv.origin}/plain.html#v=1&ind=digitalShare&gr=10`);
  await ready(o.page);
  const s = await seen(o.page);
  assert.equal(s.state.indicator, 'digitalShare');
  assert.match(s.notice, /kịch bản ban đầu/);
  assert.doesNotMatch(s.notice, /gần nhất/);
  await o.context.close();
});

test('"your own" before the reader made one: the state stays as shown, the focus goes to the main slider', async () => {
  const o = await open('/plain.html');
  await ready(o.page);
  const before = await seen(o.page);
  await o.page.locator(`${W} button[data-preset="custom"]`).click();
  const after = await seen(o.page);
  assert.deepEqual(after.state, before.state);
  const pressed = await o.page.locator(`${W} button[data-preset][aria-pressed="true"]`).getAttribute('data-preset');
  assert.equal(pressed, before.state.preset);
  assert.equal(await o.page.evaluate(() => document.getElementById('w').shadowRoot.activeElement?.type), 'range');
  // Once a slider moved, "your own" is pressed, and a preset and back restores it.
  await o.page.keyboard.press('ArrowRight');
  const mine = (await seen(o.page)).state;
  assert.equal(mine.preset, 'custom');
  await o.page.locator(`${W} button[data-preset="trend"]`).click();
  await o.page.locator(`${W} button[data-preset="custom"]`).click();
  assert.deepEqual((await seen(o.page)).state.scenario, mine.scenario);
  await o.context.close();
});

test('a host whose every object has enumerable get and value: the widget starts and the JS API is there', async () => {
  const o = await open('/protos.html');
  await ready(o.page);
  const api = await o.page.evaluate(async () => { const a = await GrdpWhatIf.ready; return a.requiredGrowthRate(71.1, 130, 5); });
  assert.ok(Math.abs(api - 0.12827) < 1e-4, String(api));
  assert.deepEqual(o.log.errors, []);
  await o.context.close();
});

test("a host's '* { font: 30px serif !important }' and 62.5% root: the widget's text is the reader's default size", async () => {
  const o = await open('/big-font-host.html');
  await ready(o.page);
  const sizes = await o.page.evaluate(() => {
    const r = document.getElementById('w').shadowRoot;
    const px = (s) => parseFloat(getComputedStyle(r.querySelector(s)).fontSize);
    return { root: px('.gw'), sentence: px('.narrative'), family: getComputedStyle(r.querySelector('.gw')).fontFamily };
  });
  assert.equal(sizes.root, 16);
  assert.equal(sizes.sentence, 16);
  assert.doesNotMatch(sizes.family, /^serif$/);
  await o.context.close();
});

test('at 375 px with a 32 px default font, no card figure is wider than its card', async () => {
  const o = await openPage(browser, { allowed: (u) => u.startsWith(srv.origin) || u.startsWith('data:') || u.startsWith('blob:'), viewport: { width: 375, height: 800 } });
  const cdp = await o.context.newCDPSession(o.page);
  await cdp.send('Page.enable');
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 32 } });
  await o.page.goto(`${srv.origin}/plain.html`);
  await ready(o.page);
  const over = await o.page.evaluate(() => [...document.getElementById('w').shadowRoot.querySelectorAll('.readout')]
    .filter((c) => c.offsetParent).map((c) => ({ w: c.clientWidth, s: c.scrollWidth, t: c.textContent })).filter((x) => x.s > x.w + 1));
  assert.deepEqual(over, []);
  await o.context.close();
});

test("two widgets on a page: a link is the one widget's it names; the other keeps its own", async () => {
  const o = await openPage(browser, { allowed: (u) => u.startsWith(srv.origin) || u.startsWith('data:') || u.startsWith('blob:') });
  await o.page.goto(`${srv.origin}/two.html#v=1&ind=exports&gr=0.2&w=b`);
  await ready(o.page, 0);
  await ready(o.page, 1);
  const a = await seen(o.page, 0);
  const b = await seen(o.page, 1);
  assert.equal(a.state.indicator, 'grdpPerCapita', 'the first widget is not the link\'s');
  assert.equal(b.state.indicator, 'exports');
  assert.equal(b.state.scenario.growth, 0.2);
  assert.match(b.link, /&w=b$/);
  assert.equal(a.notice, '');
  // Without w, the first widget's; the second opens on its own indicator.
  await o.page.goto(`${srv.origin}/two.html#v=1&g=0.09`);
  await o.page.reload();
  await ready(o.page, 0);
  await ready(o.page, 1);
  assert.equal((await seen(o.page, 0)).state.scenario.realGrowth, 0.09);
  assert.equal((await seen(o.page, 1)).state.indicator, 'forestCover');
  assert.deepEqual(o.log.errors, []);
  await o.context.close();
});

test('a host that replaces JSON.parse after the script runs changes nothing the widget shows', async () => {
  const clean = await open('/plain.html');
  await ready(clean.page);
  const want = await seen(clean.page);
  await clean.context.close();
  const o = await open('/json-late.html');
  await ready(o.page);
  const got = await seen(o.page);
  assert.deepEqual(got.cards, want.cards);
  assert.equal(got.sentence, want.sentence);
  await o.page.locator(`${W} #gw-realGrowth-r`).focus();
  await o.page.keyboard.press('ArrowRight');
  assert.equal((await seen(o.page)).state.scenario.realGrowth, 0.106);
  assert.deepEqual(o.log.errors, []);
  await o.context.close();
});

test('the structure view has no empty "how it is worked out" heading', async () => {
  const o = await openPage(browser, { allowed: (u) => u.startsWith(srv.origin) || u.startsWith('data:') || u.startsWith('blob:') });
  await o.page.goto(`${srv.origin}/plain.html#v=1&ind=structure`);
  await ready(o.page);
  const more = await o.page.evaluate(() => {
    const d = document.getElementById('w').shadowRoot.querySelector('details.more');
    return { hidden: !!d.closest('[hidden]'), text: d.lastChild.textContent, heads: d.querySelectorAll('h3').length, dl: d.querySelectorAll('dl').length };
  });
  assert.equal(more.heads, 0, JSON.stringify(more));
  assert.ok(more.hidden || more.text.trim().length > 0, JSON.stringify(more));
  assert.doesNotMatch(more.text, /null|undefined/);
  // GRDP per capita keeps its list.
  await o.page.locator(`${W} select.indsel`).selectOption('grdpPerCapita');
  const heads = await o.page.evaluate(() => document.getElementById('w').shadowRoot.querySelectorAll('details.more h3').length);
  assert.equal(heads, 1);
  await o.context.close();
});

test('a browser without custom elements: each widget says why, in its language, instead of loading for ever; the JS API still works', async () => {
  const o = await open('/no-elements.html');
  await o.page.waitForLoadState('load');
  const text = (id) => o.page.locator(`#${id}`).evaluate((el) => el.textContent.trim());
  assert.match(await text('v'), /^Trình duyệt này không chạy được tiện ích/);
  assert.match(await text('e'), /^This browser cannot run the widget/);
  assert.match(await text('late'), /^This browser cannot run the widget/);
  assert.equal(await o.page.locator('#e [role=alert]').count(), 1);
  const api = await o.page.evaluate(async () => { const a = await GrdpWhatIf.ready; return a.requiredGrowthRate(71.1, 130, 5); });
  assert.ok(Math.abs(api - 0.12827) < 1e-4, String(api));
  assert.deepEqual(o.log.errors.filter((e) => !/favicon|404/.test(e)), []);
  await o.context.close();
});

test('setDataset with as many indicators as before: the indicator menu is the new dataset\'s, and each of its entries opens', async () => {
  const o = await open('/swap.html');
  await ready(o.page);
  const options = () => o.page.locator(`#w`).evaluate((el) => [...el.shadowRoot.querySelectorAll('select.indsel option')].map((x) => `${x.value}:${x.textContent}`));
  assert.deepEqual((await options()).map((x) => x.split(':')[0]), ['grdpPerCapita', 'poorHouseholds']);
  const ok = await o.page.evaluate((b) => document.querySelector('#w').setDataset(b), TWO_B);
  assert.equal(ok, true);
  await ready(o.page);
  const after = await options();
  assert.deepEqual(after.map((x) => x.split(':')[0]), ['grdpPerCapita', 'forestCover']);
  assert.ok(!after.some((x) => /hộ nghèo/i.test(x)), after.join(' | '));
  await o.page.locator('#w').evaluate((el) => { const sel = el.shadowRoot.querySelector('select.indsel'); sel.value = 'forestCover'; sel.dispatchEvent(new Event('change')); });
  await o.page.waitForFunction(() => document.querySelector('#w').state.indicator === 'forestCover');
  await ready(o.page);
  assert.match((await seen(o.page)).title, /rừng/i);
  assert.deepEqual(o.log.errors, []);
  await o.context.close();
});

test("a source's ↗ link is named by its article in the reader's language; the sentence copies without invisible characters", async () => {
  const o = await open('/plain.html');
  await ready(o.page);
  const names = () => o.page.locator('#w').evaluate((el) => [...el.shadowRoot.querySelectorAll('.sources a')].map((a) => a.getAttribute('aria-label')));
  const vi = await names();
  assert.ok(vi.length >= 1);
  for (const n of vi) assert.match(n, /^Mở bài: .+, “.+” \(thẻ mới\)$/, n);
  const copied = await o.page.locator('#w').evaluate((el) => el.shadowRoot.querySelector('.narrative').innerText);
  assert.doesNotMatch(copied, /[\u2066-\u2069]/, JSON.stringify(copied));
  await o.page.locator('#w').evaluate((el) => el.setAttribute('lang', 'en'));
  await o.page.waitForFunction(() => document.querySelector('#w').state.lang === 'en');
  await ready(o.page);
  for (const n of await names()) assert.match(n, /^Open the article: .+ \(new tab\)$/, n);
  assert.deepEqual(o.log.errors, []);
  await o.context.close();
});
