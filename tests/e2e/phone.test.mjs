// The phone reader: 375 × 800, touch, a device pixel ratio of 2. The chart
// beside its controls, the table reflowed, the reader's font size, focus
// kept, and hosts that set right-to-left, zoom or a transform.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { launch, ready, seen, ARTIFACTS, CHROMIUM_ARGS, DIST } from './helpers.mjs';
import { serve } from '../../scripts/serve.mjs';

let browser, origin, server;
const HOSTS = {
  '/rtl.html': '<!doctype html><html lang="ar" dir="rtl"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><body style="margin:0"><p>مقال</p><grdp-whatif></grdp-whatif><script src="embed.js"></script></body></html>',
  '/small-root.html': '<!doctype html><html lang="vi" style="font-size:62.5%"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><body style="margin:0;font-size:1.2rem"><grdp-whatif></grdp-whatif><script src="embed.js"></script></body></html>',
  '/zoom.html': '<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><body style="margin:0"><div style="zoom:1.5"><grdp-whatif id="z"></grdp-whatif></div><div style="transform:scale(0.6);transform-origin:0 0;width:1600px"><grdp-whatif id="t" lang="vi"></grdp-whatif></div><grdp-whatif id="plain" lang="vi"></grdp-whatif><script src="embed.js"></script></body></html>',
  // A browser without scroll anchoring (WebKit, Safari): told so, and the
  // document's anchoring turned off, so that only the widget keeps the
  // reader's control still.
  '/no-anchoring.html': '<!doctype html><html lang="vi" style="overflow-anchor:none"><meta charset="utf-8"><link rel="icon" href="data:,"><meta name="viewport" content="width=device-width, initial-scale=1"><body style="margin:0"><p>Bài báo</p><grdp-whatif></grdp-whatif><div style="height:2000px"></div><script>var o = CSS.supports; CSS.supports = function (a, b) { return a === "overflow-anchor" ? false : o.apply(CSS, arguments); };</script><script src="embed.js"></script></body></html>',
  '/compact.html': '<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><body style="margin:0"><grdp-whatif compact></grdp-whatif><script src="embed.js"></script></body></html>',
};
before(async () => {
  browser = await launch();
  // The iframe example as two other kinds of host: one with a sticky
  // header of its own (its height given to the listener), one whose
  // article scrolls inside a box instead of the window.
  const example = readFileSync(join(DIST, 'iframe-example.html'), 'utf8');
  assert.ok(example.includes('var GRDP_WHATIF_HEADER = 0;') && example.includes('<article'));
  HOSTS['/header-host.html'] = example.replace('var GRDP_WHATIF_HEADER = 0;', 'var GRDP_WHATIF_HEADER = 56;')
    .replace('<article', '<header style="position:sticky;top:0;height:56px;background:#222;color:#fff;z-index:9">Báo</header><article');
  HOSTS['/box-host.html'] = example.replace('<body>', '<body style="margin:0;overflow:hidden"><div id="box" style="height:100vh;overflow:auto">')
    .replace('</body>', '</div></body>');
  HOSTS['/zoom-host.html'] = example.replace('<html lang="vi">', '<html lang="vi" style="zoom:1.25">')
    .replace('</article>', '</article><div style="height:3000px"></div>');
  // Host pages with their own inline styles (the host's CSP, not ours).
  server = await serve(DIST, 0, { csp: false, extra: HOSTS });
  server.unref();
  origin = `http://127.0.0.1:${server.address().port}`;
});
after(async () => { await browser?.close(); server?.close(); });

const PHONE = { viewport: { width: 375, height: 800 }, dpr: 2 };
const W = 'grdp-whatif';

async function phone(path = '/index.html', viewport = PHONE.viewport) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(origin + path);
  await ready(page);
  return { context, page, errors };
}

/** A phone opening a host page with the widget in an iframe, once the
 *  frame has its content's height from the listener. */
async function framed(viewport, path = '/iframe-example.html') {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(origin + path);
  const frame = page.frameLocator('iframe');
  await frame.locator(`${W} .readout .big`).first().waitFor();
  await page.waitForFunction(() => parseInt(document.querySelector('iframe').style.height, 10) !== 900);
  return { context, page, errors, frame };
}

/** Every slider of the widget in `root` (a page or a frame), the less used
 *  ones opened with a tap as a reader would. */
async function allSliders(root) {
  const more = root.locator(`${W} details.morectl > summary`);
  if (await more.count()) await more.tap();
  const sliders = await root.locator(`${W} input[type=range]`).all();
  assert.ok(sliders.length >= 4, `${sliders.length} sliders`);
  return sliders;
}

/** A touch drag of slider `s` in a framed widget, settled: its value and
 *  place before, its box and the chart's (`chart()`) after. */
async function dragHeld(page, s, chart) {
  await page.waitForTimeout(250);
  const v0 = await s.inputValue();
  const y0 = (await s.boundingBox()).y;
  // With the finger still down, the slider is under it (in a frame, the
  // host must not scroll yet: the widget holds the control in place).
  let held = null;
  let heldChart = null;
  await touchDrag(page, s, 0.5, 0.8, async () => {
    await page.waitForTimeout(60);
    held = (await s.boundingBox()).y;
    heldChart = await chart();
  });
  assert.ok(Math.abs(held - y0) < 2, `while the finger is down the slider stays under it (${y0} → ${held})`);
  assert.ok(inView(heldChart, page.viewportSize().height), `while the finger is down the chart is in view (${JSON.stringify(heldChart)})`);
  await page.waitForTimeout(200);
  // The thumb followed the finger to the end of the drag (a drag dropped
  // on its first move leaves it where the finger came down).
  const at = await s.evaluate((r) => (r.value - r.min) / (r.max - r.min));
  assert.ok(Math.abs(at - 0.8) < 0.08, `the slider followed the finger to 0.8 of its width (it is at ${at.toFixed(3)})`);
  return { v0, y0, sb: await s.boundingBox(), cb: await chart() };
}

/** A real touch drag across an element, through the browser's input pipeline. */
async function touchDrag(page, locator, fromFrac, toFrac, during) {
  const b = await locator.boundingBox();
  const y = b.y + b.height / 2;
  const x0 = b.x + b.width * fromFrac;
  const x1 = b.x + b.width * toFrac;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y }] });
  for (let k = 1; k <= 8; k++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x0 + (x1 - x0) * (k / 8), y }] });
    await page.waitForTimeout(16);
    if (during && k === 6) await during();
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

const inView = (b, h = 800) => b && b.y >= -1 && b.y + b.height <= h + 1;

/** The headline and the chart in the first screen, then every slider moved
 *  by a real touch drag with the chart in view beside or above it. */
async function slidersWithTheChart(viewport, shots) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${origin}/index.html`);
  await ready(page);
  const H = viewport.height;
  const portrait = viewport.height > viewport.width;
  const top = await page.locator(W).boundingBox();
  assert.ok(top.y < 50);
  const headline = await page.locator(`${W} .readout .big`).first().boundingBox();
  const chart = await page.locator(`${W} canvas.chart`).boundingBox();
  assert.ok(inView(headline, H), `headline ${JSON.stringify(headline)}`);
  assert.ok(inView(chart, H), `chart ${JSON.stringify(chart)} in the first ${H} px`);
  if (shots) await page.screenshot({ path: resolve(ARTIFACTS, `${shots}-first-screen.png`) });
  // The less used controls are one tap away: open them.
  const sliders = await allSliders(page);
  for (const [k, s] of sliders.entries()) {
    await s.scrollIntoViewIfNeeded();
    // Upright, as a reader does: scroll until the slider sits just under the chart.
    const under = async () => {
      const sb = await s.boundingBox();
      const cb = await page.locator(`${W} canvas.chart`).boundingBox();
      return sb.y - (cb.y + cb.height) - 24;
    };
    for (let i = 0; portrait && i < 4; i++) {
      const dy = await under();
      if (Math.abs(dy) < 4) break;
      await page.evaluate((d) => window.scrollBy(0, d), dy);
      await page.waitForTimeout(60);
    }
    const before = await seen(page);
    const v0 = await s.inputValue();
    const y0 = (await s.boundingBox()).y;
    const layout = () => page.locator(W).evaluate((el) => [...el.shadowRoot.querySelectorAll('.main > *, .ctl, .morectl > *')].map((e) => `${e.className || e.tagName}:${Math.round(e.getBoundingClientRect().height)}`).join(' '));
    const l0 = await layout();
    await touchDrag(page, s, 0.5, 0.8);
    await page.waitForTimeout(120);
    const sb = await s.boundingBox();
    if (Math.abs(sb.y - y0) >= 2) console.log(`slider ${k}\n${l0}\n${await layout()}`);
    assert.ok(Math.abs(sb.y - y0) < 2, `slider ${k} stays under the finger (${y0} → ${sb.y})`);
    const cb = await page.locator(`${W} canvas.chart`).boundingBox();
    assert.ok(inView(sb, H), `slider ${k} in view`);
    assert.ok(inView(cb, H), `slider ${k}: the chart stays in view while it moves (${JSON.stringify(cb)})`);
    const apart = cb.y + cb.height <= sb.y + 1 || cb.x + cb.width <= sb.x + 1;
    assert.ok(apart, `slider ${k}: the chart is above it or beside it, not over it (chart ${JSON.stringify(cb)}, slider ${JSON.stringify(sb)})`);
    assert.notEqual(await s.inputValue(), v0, `slider ${k} moved by touch`);
    const after = await seen(page);
    assert.notDeepEqual(after.cards.concat(after.sentence), before.cards.concat(before.sentence), `slider ${k} changed the readouts`);
    if (shots && k === sliders.length - 1) await page.screenshot({ path: resolve(ARTIFACTS, `${shots}-slider.png`) });
  }
  assert.deepEqual(errors, []);
  return { context, page };
}

test('phone: the headline and the chart in the first screen; every slider moved by touch with the chart in view', async () => {
  const { context } = await slidersWithTheChart(PHONE.viewport, 'phone');
  await context.close();
});

test('a phone on its side (844 × 390, 740 × 360): the chart beside the controls, in view while each slider moves; the table view full width', async () => {
  for (const viewport of [{ width: 844, height: 390 }, { width: 740, height: 360 }]) {
    const { context, page } = await slidersWithTheChart(viewport, viewport.width === 844 ? 'landscape' : null);
    // The table needs the width: it is not squeezed into the chart's column.
    await page.locator(`${W} .actions button`).nth(1).tap();
    await page.waitForFunction((w) => document.querySelector(w).state.view === 'table', W);
    const tb = await page.locator(`${W} .tablewrap table`).boundingBox();
    assert.ok(tb.width > viewport.width * 0.9, `table ${JSON.stringify(tb)} at ${viewport.width} px`);
    const scroll = await page.locator(`${W} .tablewrap`).evaluate((e) => e.scrollWidth - e.clientWidth);
    assert.ok(scroll <= 1, `no sideways scroll (${scroll} px)`);
    await context.close();
  }
});

test('phone: at most about 2,000 px tall, upright and on its side, for every indicator, in both languages', async () => {
  const heights = {};
  // On its side the widget is wide (two columns): the sources, open on a
  // wide screen, are one tap away on a short one, as upright.
  for (const viewport of [PHONE.viewport, { width: 844, height: 390 }]) {
    const { context, page } = await phone('/index.html', viewport);
    const ids = await page.locator(`${W} select.indsel option`).evaluateAll((os) => os.map((o) => o.value));
    for (const lang of ['vi', 'en']) {
      await page.evaluate((l) => document.querySelector('grdp-whatif').setAttribute('lang', l), lang);
      for (const id of ids) {
        await page.locator(`${W} select.indsel`).selectOption(id);
        await page.waitForTimeout(60);
        heights[`${viewport.width}:${lang}:${id}`] = Math.round((await page.locator(W).boundingBox()).height);
      }
    }
    assert.equal(await page.locator(`${W} details.sources`).evaluate((d) => d.open), false, `${viewport.width} px: the sources one tap away`);
    await context.close();
  }
  console.log('phone heights (px):', JSON.stringify(heights));
  for (const [k, h] of Object.entries(heights)) assert.ok(h <= 2000, `${k}: ${h} px`);
});

test('compact: the headline, the chart and the main slider only', async () => {
  const { context, page } = await phone('/compact.html');
  const visible = await page.locator(W).evaluate((el) => {
    const r = el.shadowRoot;
    const shown = (s) => [...r.querySelectorAll(s)].filter((e) => e.getClientRects().length > 0).length;
    return { cards: shown('.readout'), sliders: shown('input[type=range]'), chart: shown('canvas.chart'), presets: shown('.presets button'), actions: shown('.actions button'), h: el.getBoundingClientRect().height };
  });
  assert.deepEqual({ cards: visible.cards, sliders: visible.sliders, chart: visible.chart, presets: visible.presets, actions: visible.actions }, { cards: 1, sliders: 1, chart: 1, presets: 0, actions: 0 });
  assert.ok(visible.h < 800, `compact height ${visible.h}`);
  const s = page.locator(`${W} input[type=range]`).first();
  const before = await seen(page);
  await touchDrag(page, s, 0.5, 0.7);
  await page.waitForTimeout(100);
  assert.notDeepEqual((await seen(page)).cards, before.cards);
  await page.screenshot({ path: resolve(ARTIFACTS, 'phone-compact.png') });
  await context.close();
});

test('phone: the table reflows (no sideways scroll) and is reached by keyboard', async () => {
  const { context, page } = await phone();
  await page.locator(`${W} .actions button`).nth(1).tap();
  await page.waitForSelector(`${W} .tablewrap table`);
  const box = await page.locator(`${W} .tablewrap`).evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth, tab: el.tabIndex, label: el.getAttribute('aria-label') }));
  assert.ok(box.sw <= box.cw + 1, `no sideways scroll: ${box.sw} > ${box.cw}`);
  assert.equal(box.tab, 0);
  assert.ok(box.label);
  // Each cell says its column (P10/P90 explained in words, not off screen).
  const cell = await page.locator(`${W} .tablewrap td`).first().evaluate((td) => getComputedStyle(td, '::before').content);
  assert.notEqual(cell, 'none');
  const body = await page.locator(`${W} .tablewrap`).innerText();
  assert.doesNotMatch(body, /P10|P90/);
  const page2 = await page.locator(`${W} .tablewrap td`).evaluateAll((tds) => tds.every((td) => td.getBoundingClientRect().right <= window.innerWidth + 1));
  assert.ok(page2, 'every cell within the screen');
  await page.screenshot({ path: resolve(ARTIFACTS, 'phone-table.png'), fullPage: true });
  await context.close();
});

test('the widget follows the reader\'s default font size, not a host\'s 62.5 % root', async () => {
  // A browser whose default font size is 32 px (a reader's setting).
  const dir = mkdtempSync(join(tmpdir(), 'gw-font-'));
  mkdirSync(join(dir, 'Default'), { recursive: true });
  writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify({ webkit: { webprefs: { default_font_size: 32 } } }));
  const big = await chromium.launchPersistentContext(dir, { executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: PHONE.viewport });
  const p = big.pages()[0] || await big.newPage();
  await p.goto(`${origin}/index.html`);
  await ready(p);
  const size = (page) => page.locator(W).evaluate((el) => parseFloat(getComputedStyle(el.shadowRoot.querySelector('.gw')).fontSize));
  const root = await p.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  assert.equal(root, 32, 'the browser default took');
  assert.equal(await size(p), 32);
  await big.close();
  // A host that shrinks its root to 62.5 % (10 px) and sets 12 px text.
  const { context, page } = await phone('/small-root.html');
  assert.equal(await size(page), 16, 'the default 16 px, not 10 or 12');
  await context.close();
});

test('phone: ArrowDown on the indicator select changes the indicator and keeps the focus there', async () => {
  const { context, page } = await phone();
  const sel = page.locator(`${W} select.indsel`);
  await sel.focus();
  const first = await sel.inputValue();
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((f) => document.querySelector('grdp-whatif').state.indicator !== f, first);
  const focused = await page.locator(W).evaluate((el) => el.shadowRoot.activeElement && el.shadowRoot.activeElement.classList.contains('indsel'));
  assert.ok(focused, 'focus stays on the select');
  await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(100);
  assert.ok(await page.locator(W).evaluate((el) => el.shadowRoot.activeElement && el.shadowRoot.activeElement.classList.contains('indsel')));
  await context.close();
});

test('a right-to-left host: the widget stays left-to-right, its words in order', async () => {
  const { context, page, errors } = await phone('/rtl.html');
  const dirs = await page.locator(W).evaluate((el) => ({ host: getComputedStyle(el).direction, inner: getComputedStyle(el.shadowRoot.querySelector('.gw')).direction, card: getComputedStyle(el.shadowRoot.querySelector('.readout')).direction }));
  assert.deepEqual(dirs, { host: 'ltr', inner: 'ltr', card: 'ltr' });
  // "12,8%/năm" reads left to right: the figure's left edge is left of the unit's.
  const order = await page.locator(W).evaluate((el) => {
    const big = el.shadowRoot.querySelector('.readout .big');
    const t = big.firstChild;
    const range = document.createRange();
    const s = t.data;
    const i = s.indexOf('/');
    range.setStart(t, 0); range.setEnd(t, 1);
    const a = range.getBoundingClientRect().left;
    range.setStart(t, i); range.setEnd(t, i + 1);
    const b = range.getBoundingClientRect().left;
    return { text: s, first: a, slash: b, box: big.getBoundingClientRect().left };
  });
  assert.ok(order.first < order.slash, JSON.stringify(order));
  assert.ok(order.first - order.box < 40, 'left aligned');
  await page.screenshot({ path: resolve(ARTIFACTS, 'phone-rtl.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('CSS zoom and transforms on the host: the pointer names the year under it', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${origin}/zoom.html`);
  for (const n of [0, 1, 2]) await ready(page, n);
  const tipAt = async (id, frac) => {
    const c = page.locator(`#${id} canvas.chart`);
    await c.scrollIntoViewIfNeeded();
    const b = await c.boundingBox();
    await page.mouse.move(b.x + b.width * frac, b.y + b.height / 2);
    await page.waitForTimeout(80);
    return page.locator(`#${id}`).evaluate((el) => el.state && el.shadowRoot.querySelector('.tip strong')?.textContent);
  };
  for (const frac of [0.12, 0.5, 0.93]) {
    const plain = await tipAt('plain', frac);
    assert.ok(plain, `a tip at ${frac}`);
    assert.equal(await tipAt('z', frac), plain, `zoom 1.5 at ${frac}`);
    assert.equal(await tipAt('t', frac), plain, `scale 0.6 at ${frac}`);
  }
  await context.close();
});

test('the phone screenshots for the README', async () => {
  const { context, page } = await phone();
  await page.screenshot({ path: resolve(ARTIFACTS, 'readme-phone-vi.png') });
  await page.locator(`${W} .top button`).tap();
  await page.waitForFunction(() => document.querySelector('grdp-whatif').state.lang === 'en');
  await page.screenshot({ path: resolve(ARTIFACTS, 'readme-phone-en.png') });
  assert.ok(readFileSync(resolve(ARTIFACTS, 'readme-phone-en.png')).length > 10000);
  await context.close();
});

test('phone, iframe embed: the host scrolls, the frame does not; the chart is held in view while each slider moves', async () => {
  // The host page scrolls the whole frame: `position: sticky` inside it has
  // nothing to stick to. The example listener tells the frame where the
  // host's viewport is, and the chart is moved into it.
  const { context, page, errors, frame } = await framed(PHONE.viewport);
  const H = PHONE.viewport.height;
  const chart = () => frame.locator(`${W} canvas.chart`).boundingBox();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  const c0 = await chart();
  const sliders = await allSliders(frame);
  for (const [k, s] of sliders.entries()) {
    await s.scrollIntoViewIfNeeded();
    for (let i = 0; i < 5; i++) {
      await page.waitForTimeout(120);
      const dy = (await s.boundingBox()).y - ((await chart()).y + (await chart()).height) - 24;
      if (Math.abs(dy) < 4) break;
      await page.evaluate((d) => window.scrollBy(0, d), dy);
    }
    const { v0, y0, sb, cb } = await dragHeld(page, s, chart);
    // The first change of the target adds a line under the title, above
    // the finger: the host is asked to scroll by as much.
    assert.ok(Math.abs(sb.y - y0) < 2, `slider ${k} stays under the finger (${y0} → ${sb.y})`);
    assert.ok(inView(sb, H), `slider ${k} in view (${JSON.stringify(sb)})`);
    assert.ok(inView(cb, H), `slider ${k}: the chart stays in view while it moves (${JSON.stringify(cb)})`);
    assert.ok(cb.y + cb.height <= sb.y + 1, `slider ${k}: the chart above it, not over it`);
    assert.notEqual(await s.inputValue(), v0, `slider ${k} moved by touch`);
  }
  assert.ok(await frame.locator(`${W} .retarget`).isVisible(), 'the drags changed the target: the line under the title is there');
  // The table in place of the chart and back: the button tapped stays
  // under the finger while the frame shrinks and grows around it.
  for (const which of ['.actions button:nth-of-type(2)', '.actions button:nth-of-type(1)']) {
    const b = frame.locator(`${W} ${which}`);
    await b.scrollIntoViewIfNeeded();
    await page.waitForTimeout(150);
    const y0 = (await b.boundingBox()).y;
    const h0 = await page.evaluate(() => parseInt(document.querySelector('iframe').style.height, 10));
    await b.tap();
    await page.waitForTimeout(300);
    const y1 = (await b.boundingBox()).y;
    const h1 = await page.evaluate(() => parseInt(document.querySelector('iframe').style.height, 10));
    assert.ok(Math.abs(h1 - h0) > 50, `the view switch changed the frame's height (${h0} → ${h1})`);
    assert.ok(Math.abs(y1 - y0) < 2, `${which} stays under the finger (${y0} → ${y1})`);
  }
  // Nervous taps (table, chart, … eight, 10 ms apart, faster than the
  // host reports where it has scrolled): the buttons still stay put.
  {
    const bar = frame.locator(`${W} .actions`);
    const y0 = (await bar.boundingBox()).y;
    for (const n of [2, 1, 2, 1, 2, 1, 2, 1]) {
      const b = await frame.locator(`${W} .actions button:nth-of-type(${n})`).boundingBox();
      await page.touchscreen.tap(b.x + b.width / 2, b.y + b.height / 2);
      await page.waitForTimeout(10);
    }
    await page.waitForTimeout(400);
    assert.equal(await frame.locator(W).evaluate((el) => el.state.view), 'chart');
    const y1 = (await bar.boundingBox()).y;
    assert.ok(Math.abs(y1 - y0) < 2, `after eight quick taps the buttons stay under the finger (${y0} → ${y1})`);
  }
  // Scrolled back to the top: the chart is where it started.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  // Scrolled back to the top: the chart in its own place, not moved (the
  // drags above changed the target, so a line under the title moved it down).
  const moved = await frame.locator(W).evaluate((el) => el.shadowRoot.querySelector('.chartwrap').style.transform);
  assert.equal(moved, '', 'the chart back in its place');
  assert.ok((await chart()).y >= c0.y - 1, 'not above where it started');
  // The frame's height still follows its content (the moved chart adds none).
  const content = await frame.locator(W).evaluate((el) => Math.ceil(el.getBoundingClientRect().bottom + scrollY));
  const height = await page.evaluate(() => parseInt(document.querySelector('iframe').style.height, 10));
  assert.ok(Math.abs(height - content) <= 2, `frame ${height}, content ${content}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('phone, a browser without scroll anchoring (WebKit): a new line above the finger does not move the slider under it', async () => {
  const { context, page, errors } = await phone('/no-anchoring.html');
  const s = page.locator(`${W} .ctl[data-key=targetValue] input[type=range]`);
  const more = page.locator(`${W} details.morectl > summary`);
  if (!(await s.isVisible()) && (await more.count())) await more.tap();
  await s.scrollIntoViewIfNeeded();
  // As a reader holds it: just under the chart, which stays at the top.
  for (let i = 0; i < 4; i++) {
    const cb = await page.locator(`${W} canvas.chart`).boundingBox();
    const dy = (await s.boundingBox()).y - (cb.y + cb.height) - 24;
    if (Math.abs(dy) < 4) break;
    await page.evaluate((d) => window.scrollBy(0, d), dy);
    await page.waitForTimeout(60);
  }
  assert.equal(await page.locator(`${W} .retarget`).isVisible(), false);
  const y0 = (await s.boundingBox()).y;
  assert.ok(y0 > 0 && y0 < PHONE.viewport.height, `the slider in view (${y0})`);
  await touchDrag(page, s, 0.3, 0.7);
  await page.waitForTimeout(150);
  // The target changed: a line under the title, above the slider.
  assert.ok(await page.locator(`${W} .retarget`).isVisible(), 'the line under the title');
  const y1 = (await s.boundingBox()).y;
  assert.ok(Math.abs(y1 - y0) < 2, `the slider stays under the finger (${y0} → ${y1})`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('phone, iframe embed: the chart is held under a host\'s sticky header, in an article that scrolls inside a box, and on a page with CSS zoom', async () => {
  for (const [path, top] of [['/header-host.html', 56], ['/box-host.html', 0], ['/zoom-host.html', 0]]) {
    const { context, page, errors, frame } = await framed(PHONE.viewport, path);
    // Where an element of the frame is on the screen, worked out from the
    // frame's box and its scale (Playwright's boxes miss a host's CSS zoom).
    const onScreen = async (sel) => {
      const inner = await frame.locator(`${W} ${sel}`).evaluate((e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; });
      const f = await page.evaluate(() => { const e = document.querySelector('iframe'); const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, k: r.height / e.offsetHeight }; });
      return { x: f.x + inner.x * f.k, y: f.y + inner.y * f.k, width: inner.width * f.k, height: inner.height * f.k };
    };
    const slider = '.ctl[data-key=targetYear] input[type=range]';
    // Scrolled (the window, or the box) until the slider is low on the screen.
    for (let i = 0; i < 5; i++) {
      await page.waitForTimeout(150);
      const dy = (await onScreen(slider)).y - 650;
      if (Math.abs(dy) < 4) break;
      await page.evaluate((d) => (document.getElementById('box') || document.scrollingElement).scrollBy(0, d), dy);
    }
    await page.waitForTimeout(200);
    const cb = await onScreen('canvas.chart');
    const sb = await onScreen(slider);
    assert.ok(inView(sb, PHONE.viewport.height), `${path}: the slider in view (${JSON.stringify(sb)})`);
    assert.ok(cb.y >= top - 1 && cb.y < top + 20, `${path}: the chart held at the top of the screen, under the header (${top} px): ${JSON.stringify(cb)}`);
    assert.ok(cb.y + cb.height <= sb.y + 1, `${path}: the chart above the slider`);
    // The table in place of the chart: the button stays under the finger
    // (the box scrolls, not the window; by the page's pixels, not the frame's).
    const button = '.actions button:nth-of-type(2)';
    for (let i = 0; i < 5; i++) {
      const dy = (await onScreen(button)).y - 500;
      if (Math.abs(dy) < 4) break;
      await page.evaluate((d) => (document.getElementById('box') || document.scrollingElement).scrollBy(0, d), dy);
      await page.waitForTimeout(150);
    }
    const bb = await onScreen(button);
    await page.touchscreen.tap(bb.x + bb.width / 2, bb.y + bb.height / 2);
    await page.waitForTimeout(300);
    assert.equal(await frame.locator(W).evaluate((el) => el.state.view), 'table', `${path}: the tap reached the button`);
    const y1 = (await onScreen(button)).y;
    assert.ok(Math.abs(y1 - bb.y) < 2, `${path}: the table button stays under the finger (${bb.y} → ${y1})`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('a phone on its side, iframe embed: the chart beside the controls, held in view while each slider moves', async () => {
  // The frame is as tall as its content: the host's viewport (from the
  // example listener) tells the widget that the screen is short.
  const viewport = { width: 844, height: 390 };
  const { context, page, errors, frame } = await framed(viewport);
  const chart = () => frame.locator(`${W} canvas.chart`).boundingBox();
  const sliders = await allSliders(frame);
  for (const [k, s] of sliders.entries()) {
    await s.scrollIntoViewIfNeeded();
    const { v0, y0, sb, cb } = await dragHeld(page, s, chart);
    assert.ok(inView(sb, viewport.height), `slider ${k} in view (${JSON.stringify(sb)})`);
    assert.ok(Math.abs(sb.y - y0) < 2, `slider ${k} stays under the finger (${y0} → ${sb.y})`);
    assert.ok(inView(cb, viewport.height), `slider ${k}: the chart stays in view while it moves (${JSON.stringify(cb)})`);
    assert.ok(cb.x + cb.width <= sb.x + 1, `slider ${k}: the chart beside it (chart ${JSON.stringify(cb)}, slider ${JSON.stringify(sb)})`);
    assert.notEqual(await s.inputValue(), v0, `slider ${k} moved by touch`);
  }
  await page.screenshot({ path: resolve(ARTIFACTS, 'iframe-landscape.png') });
  // Upright again: the one-column phone layout, the chart above the sliders.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(400);
  const s = sliders[0];
  await s.scrollIntoViewIfNeeded();
  await page.waitForTimeout(250);
  const cb = await chart();
  const sb = await s.boundingBox();
  assert.ok(cb.y + cb.height <= sb.y + 1 && cb.width > 300, `upright: the chart above the slider (${JSON.stringify(cb)}, ${JSON.stringify(sb)})`);
  assert.deepEqual(errors, []);
  await context.close();
});
