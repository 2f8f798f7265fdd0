// Host pages and readers an outside tester tried in the tenth session: a
// host that removed or broke a built-in the widget uses, an old browser
// without constructed style sheets, language tags as newsrooms write them,
// and a screen reader's readout that outlived its view. Each as the right
// behaviour, so it cannot come back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { launch, startServer, openPage, ready, seen, DIST } from './helpers.mjs';

const W = 'grdp-whatif';
const page = (body, { lang = 'vi', head = '' } = {}) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">${head}</head><body>${body}<script src="/embed.js"></script></body></html>`;
const early = (js) => `<script>${js}</script>`;

let browser, srv;
before(async () => {
  browser = await launch();
  srv = await startServer({
    '/no-ro.html': page(`<${W} id="w"></${W}>`, { head: early('window.ResizeObserver = undefined;') }),
    '/bad-ro.html': page(`<${W} id="w"></${W}>`, { head: early('window.ResizeObserver = function () { throw new Error("no RO"); };') }),
    '/no-sheets.html': page(`<${W} id="w"></${W}>`, { head: early('delete CSSStyleSheet.prototype.replaceSync;') }),
    '/then.html': page(`<${W} id="w" lang="en"></${W}>`, { head: early('Object.prototype.then = function (ok) { ok(1); };') }),
    '/map.html': page(`<${W} id="w"></${W}>`, { head: early(`window.__ready = 0; document.addEventListener('grdp-whatif:ready', () => window.__ready++);
      const map = Array.prototype.map; Array.prototype.map = function (...a) { if (window.__break) throw new Error('map broken by the host'); return map.apply(this, a); };`) }),
    '/map-early.html': page(`<${W} id="w" lang="en"></${W}>`, { head: early(`window.__ready = 0; document.addEventListener('grdp-whatif:ready', () => window.__ready++);
      window.__break = true; const map = Array.prototype.map; Array.prototype.map = function (...a) { if (window.__break) throw new Error('map broken by the host'); return map.apply(this, a); };`) }),
    '/tags.html': page(`<${W} id="a" lang="vi-VN"></${W}><${W} id="b" lang="EN"></${W}><${W} id="c"></${W}><${W} id="d" lang="fr"></${W}>`, { lang: 'en-US' }),
    '/tags-vi.html': page(`<${W} id="a" lang="en_GB"></${W}><${W} id="b"></${W}>`, { lang: 'VI-vn' }),
    '/plain.html': page(`<${W} id="w"></${W}>`),
    '/nope.html': page(`<${W} id="w" indicator="nope"></${W}>`),
    '/zoom.html': page(`<${W} id="w"></${W}>`, { head: '<style>body { zoom: 1.5 }</style>' }),
  });
});
after(async () => { await browser?.close(); srv?.server.close(); });

const open = async (path, opts = {}) => {
  const o = await openPage(browser, { allowed: (u) => u.startsWith(srv.origin) || u.startsWith('data:') || u.startsWith('blob:'), ...opts });
  await o.page.goto(`${srv.origin}${path}`);
  return o;
};

/** Whether the widget's chart has been drawn: ink on its top canvas. */
const drawn = (p, sel = '#w') => p.locator(sel).evaluate((el) => {
  const c = el.shadowRoot.querySelector('canvas.chart-base');
  if (!c || !c.width) return false;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let ink = 0;
  for (let i = 3; i < d.length; i += 16) if (d[i] > 0) ink++;
  return ink > 200;
});

test('a host without ResizeObserver, or with one that throws: the chart is drawn and follows the window', async () => {
  for (const path of ['/no-ro.html', '/bad-ro.html']) {
    const o = await open(path);
    await ready(o.page);
    await o.page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelector('input[type=range]'));
    assert.equal(await drawn(o.page), true, `${path}: chart drawn`);
    const w0 = await o.page.locator('#w').evaluate((el) => el.shadowRoot.querySelector('canvas.chart-base').width);
    await o.page.setViewportSize({ width: 700, height: 900 });
    await o.page.waitForFunction((w) => document.getElementById('w').shadowRoot.querySelector('canvas.chart-base').width !== w, w0, { timeout: 5000 });
    assert.equal(await drawn(o.page), true, `${path}: drawn again at the new width`);
    const s = await seen(o.page);
    assert.ok(s.cards.length >= 2 && /\d/.test(s.sentence), `${path}: cards and sentence shown`);
    assert.deepEqual(o.log.errors, [], path);
    await o.context.close();
  }
});

test('a browser without constructed style sheets (Safari before 16.4): the widget is styled and drawn, online and from file:// under its CSP', async () => {
  const o = await open('/no-sheets.html');
  await ready(o.page);
  const styled = await o.page.locator('#w').evaluate((el) => {
    const sr = el.shadowRoot.querySelector('.sr');
    return { style: !!el.shadowRoot.querySelector('style'), srWidth: sr.getBoundingClientRect().width, h: el.getBoundingClientRect().height };
  });
  assert.equal(styled.style, true);
  assert.ok(styled.srWidth <= 1, `the screen-reader-only text is hidden by the widget's CSS (${styled.srWidth} px)`);
  assert.equal(await drawn(o.page), true);
  assert.deepEqual(o.log.errors, []);
  await o.context.close();
  // The single file: its CSP must let the <style> in.
  const f = await openPage(browser, {});
  await f.page.addInitScript(() => { delete CSSStyleSheet.prototype.replaceSync; });
  await f.page.goto(pathToFileURL(resolve(DIST, 'grdp-whatif.html')).href);
  await ready(f.page);
  const sr = await f.page.locator(W).evaluate((el) => el.shadowRoot.querySelector('.sr').getBoundingClientRect().width);
  assert.ok(sr <= 1, `file://: styled (${sr} px)`);
  assert.deepEqual(await f.page.evaluate(() => window.__csp), []);
  assert.deepEqual(f.log.errors, []);
  await f.context.close();
});

test("a host that gives every object a then: the widget says the page stopped it, in the reader's language, not that the browser cannot", async () => {
  const o = await open('/then.html');
  await o.page.waitForFunction(() => document.getElementById('w').state.status === 'failed', null, { timeout: 15000 });
  // (Read as a string: an object handed back from the page is a thenable there.)
  const message = await o.page.evaluate(() => document.getElementById('w').shadowRoot.querySelector('.message').textContent);
  assert.match(message, /cannot start on this page: a script on the page has changed/);
  assert.match(message, /Object\.prototype\.then/);
  assert.doesNotMatch(message, /WebAssembly is blocked/);
  await o.context.close();
});

test('a render that a host broke: the view hidden and the reason said (never half a view), the scenario kept, back on retry; ready only for a view on screen', async () => {
  const o = await open('/map.html');
  await ready(o.page);
  assert.equal(await o.page.evaluate(() => window.__ready), 1);
  const r = o.page.locator('#w').evaluate((el) => el.shadowRoot.querySelector('#gw-realGrowth-r'));
  await r;
  // The reader moves the slider; then the host breaks map and the reader moves it again.
  await o.page.locator('#w').evaluate((el) => { const x = el.shadowRoot.querySelector('#gw-realGrowth-r'); x.value = '8'; x.dispatchEvent(new Event('input', { bubbles: true })); });
  const before = await seen(o.page);
  await o.page.evaluate(() => { window.__break = true; });
  await o.page.locator('#w').evaluate((el) => { const x = el.shadowRoot.querySelector('#gw-realGrowth-r'); x.value = '9'; x.dispatchEvent(new Event('input', { bubbles: true })); });
  const broken = await o.page.locator('#w').evaluate((el) => ({ main: el.shadowRoot.querySelector('.main').hidden, msg: el.shadowRoot.querySelector('.message').textContent }));
  assert.equal(broken.main, true, 'the half-updated view is hidden');
  assert.match(broken.msg, /không hiển thị được trên trang này/);
  assert.match(broken.msg, /map broken by the host/);
  await o.page.evaluate(() => { window.__break = false; });
  await o.page.locator('#w').evaluate((el) => el.shadowRoot.querySelector('.message button').click());
  await ready(o.page);
  const after = await seen(o.page);
  assert.equal(await o.page.locator('#w').evaluate((el) => el.state.scenario.realGrowth), 0.09, 'the scenario the reader made is kept');
  assert.notDeepEqual(after.cards, before.cards, 'the view shows the latest scenario (9 %), not the one before');
  assert.equal(await o.page.evaluate(() => window.__ready), 1);
  await o.context.close();
  // Broken from the start: said in English, no ready event, and no blank element.
  const e = await open('/map-early.html');
  await e.page.waitForFunction(() => /cannot show itself on this page/.test(document.getElementById('w').shadowRoot.textContent), null, { timeout: 15000 });
  assert.equal(await e.page.evaluate(() => window.__ready), 0, 'no ready event for a widget not on screen');
  await e.page.evaluate(() => { window.__break = false; });
  await e.page.locator('#w').evaluate((el) => el.shadowRoot.querySelector('.fatal button').click());
  await ready(e.page);
  assert.equal(await e.page.evaluate(() => window.__ready), 1, 'ready once it is on screen');
  assert.equal(await drawn(e.page), true);
  await e.context.close();
});

test('language tags as newsrooms write them: vi-VN, EN, en_GB, and the page\'s en-US or VI-vn', async () => {
  const o = await open('/tags.html');
  for (const i of [0, 1, 2, 3]) await ready(o.page, i);
  const langs = await o.page.evaluate(() => [...document.querySelectorAll('grdp-whatif')].map((el) => el.state.lang));
  // vi-VN → vi; EN → en; none on an en-US page → en; fr (not ours) → the page's, en.
  assert.deepEqual(langs, ['vi', 'en', 'en', 'en']);
  assert.match(await o.page.locator('#a').evaluate((el) => el.shadowRoot.querySelector('.title').textContent), /bao nhiêu/);
  await o.page.locator('#b').evaluate((el) => el.setAttribute('lang', 'vi-VN'));
  await o.page.waitForFunction(() => document.getElementById('b').state.lang === 'vi');
  await o.context.close();
  const v = await open('/tags-vi.html');
  for (const i of [0, 1]) await ready(v.page, i);
  assert.deepEqual(await v.page.evaluate(() => [...document.querySelectorAll('grdp-whatif')].map((el) => el.state.lang)), ['en', 'vi']);
  await v.context.close();
});

test("the keyboard readout of a year is cleared when the scenario, the language or the indicator changes (a screen reader hears no other view's figure)", async () => {
  const o = await open('/plain.html');
  await ready(o.page);
  const live = () => o.page.locator('#w').evaluate((el) => el.shadowRoot.querySelector('[aria-live="polite"].sr').textContent);
  const readYear = async () => {
    await o.page.locator('#w').evaluate((el) => el.shadowRoot.querySelector('canvas.chart').focus());
    await o.page.keyboard.press('End');
    const t = await live();
    assert.match(t, /^2030\./);
    return t;
  };
  const said = await readYear();
  // The slider moved: the readout said for the old scenario goes.
  await o.page.locator('#w').evaluate((el) => { const x = el.shadowRoot.querySelector('#gw-realGrowth-r'); x.value = '7.5'; x.dispatchEvent(new Event('input', { bubbles: true })); });
  assert.equal(await live(), '');
  // Read again at the new scenario: a new figure, then a language switch clears it.
  const again = await readYear();
  assert.notEqual(again, said);
  await o.page.locator('#w').evaluate((el) => el.setAttribute('lang', 'en'));
  await o.page.waitForFunction(() => document.getElementById('w').state.lang === 'en');
  assert.equal(await live(), '');
  await readYear();
  await o.page.locator('#w').evaluate((el) => { const sel = el.shadowRoot.querySelector('select.indsel'); sel.value = 'forestCover'; sel.dispatchEvent(new Event('change')); });
  await o.page.waitForFunction(() => document.getElementById('w').state.indicator === 'forestCover');
  assert.equal(await live(), '');
  assert.deepEqual(o.log.errors, []);
  await o.context.close();
});

test("a reader's scenario is kept for each indicator: going back to one shows it as they left it; Reset and a new dataset start afresh", async () => {
  const o = await open('/plain.html');
  await ready(o.page);
  const w = o.page.locator('#w');
  const typeInto = (id, text) => w.evaluate((el, [i, t]) => { const f = el.shadowRoot.getElementById(i); f.value = t; f.dispatchEvent(new Event('change')); }, [id, text]);
  const pick = async (id) => {
    await w.evaluate((el, v) => { const sel = el.shadowRoot.querySelector('select.indsel'); sel.value = v; sel.dispatchEvent(new Event('change')); }, id);
    await o.page.waitForFunction((v) => document.getElementById('w').state.indicator === v, id);
  };
  await typeInto('gw-realGrowth', '9,5');
  assert.equal(await w.evaluate((el) => el.state.scenario.realGrowth), 0.095);
  const mine = (await seen(o.page)).cards;
  await pick('exports');
  const start = await w.evaluate((el) => el.state.scenario.growth);
  await typeInto('gw-growth', '3');
  await pick('grdpPerCapita');
  assert.equal(await w.evaluate((el) => el.state.scenario.realGrowth), 0.095, 'the typed 9,5 % is back');
  assert.equal(await w.evaluate((el) => el.shadowRoot.getElementById('gw-realGrowth').value), '9,5');
  assert.deepEqual((await seen(o.page)).cards, mine, 'the same figures as when it was left');
  assert.match(await w.evaluate((el) => el.link), /g=0\.095/);
  await pick('exports');
  assert.equal(await w.evaluate((el) => el.state.scenario.growth), 0.03);
  // Reset: this indicator's start again, and it stays so after a round trip.
  await w.evaluate((el) => el.shadowRoot.querySelector('.presets button:last-child').click());
  assert.equal(await w.evaluate((el) => el.state.scenario.growth), start);
  await pick('grdpPerCapita');
  await pick('exports');
  assert.equal(await w.evaluate((el) => el.state.scenario.growth), start);
  // Another dataset: nothing kept from the first.
  const text = await o.page.evaluate(() => fetch('/lang-son.json').then((r) => r.text()));
  assert.equal(await w.evaluate((el, t) => el.setDataset(t), text), true);
  await pick('grdpPerCapita');
  assert.notEqual(await w.evaluate((el) => el.state.scenario.realGrowth), 0.095);
  assert.deepEqual(o.log.errors, []);
  await o.context.close();
});

test("a host's CSS zoom: the chart is drawn at the pixels it covers on screen, not stretched from fewer", async () => {
  const o = await open('/zoom.html');
  await ready(o.page);
  await o.page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelector('canvas.chart-base').width > 0);
  const r = await o.page.locator('#w').evaluate((el) => {
    const c = el.shadowRoot.querySelector('canvas.chart-base');
    return { backing: c.width, screen: c.getBoundingClientRect().width * devicePixelRatio, css: c.clientWidth };
  });
  assert.ok(r.screen > r.css * 1.4, `the host's zoom applies (${JSON.stringify(r)})`);
  assert.ok(Math.abs(r.backing - r.screen) <= 3, `one backing pixel per screen pixel (${JSON.stringify(r)})`);
  assert.equal(await drawn(o.page), true);
  assert.deepEqual(o.log.errors, []);
  await o.context.close();
});

test('an indicator the dataset does not have: the first one opens, and the console tells the embedder', async () => {
  const o = await open('/nope.html');
  const warnings = [];
  o.page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await o.page.reload();
  await ready(o.page);
  assert.equal(await o.page.locator('#w').evaluate((el) => el.state.indicator), 'grdpPerCapita');
  assert.ok(warnings.some((w) => /no indicator "nope"/.test(w)), JSON.stringify(warnings));
  await o.context.close();
});
