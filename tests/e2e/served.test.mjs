// The served page (make run) as a reader uses it, under the strict CSP header.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, startServer, openPage, ready, parseNum, canvasColours, ARTIFACTS } from './helpers.mjs';

let browser, srv;
before(async () => { browser = await launch(); srv = await startServer(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const W = 'grdp-whatif';
const sameOrigin = () => (u) => u.startsWith(srv.origin) || u.startsWith('data:') || u.startsWith('blob:');

async function open(hash = '', opts = {}) {
  const o = await openPage(browser, { allowed: sameOrigin(), ...opts });
  await o.page.goto(`${srv.origin}/${hash}`);
  await ready(o.page);
  return o;
}

async function done(o) {
  const csp = await o.page.evaluate(() => window.__csp);
  assert.deepEqual(csp, [], 'no CSP violations');
  assert.deepEqual(o.log.unexpected, [], 'no requests but the page’s own');
  assert.deepEqual(o.log.errors, [], 'no console errors');
  await o.context.close();
}

const readouts = (page) => page.locator(`${W} .readout`).allInnerTexts();
const narrative = (page) => page.locator(`${W} .narrative`).innerText();

test('loads with the default scenario and shows the 12,8% readout (vi)', async () => {
  const o = await open();
  const r = await readouts(o.page);
  assert.match(r[0], /12,8\s?%/, r[0]);
  assert.match(r[0], /83\s?%/, 'cumulative change shown');
  assert.match(await narrative(o.page), /130 triệu đồng/);
  assert.equal(await o.page.locator(`${W} .narrative`).getAttribute('aria-live'), 'polite');
  assert.ok(await canvasColours(o.page.locator(`${W} canvas.chart`)) > 20, 'the canvas is not blank');
  // Sources are named under the chart.
  assert.match(await o.page.locator(`${W} .sources`).innerText(), /Nhân Dân[\s\S]*TTXVN/);
  await done(o);
});

test('screenshots at 375 px and 1024 px', async () => {
  for (const [w, dpr] of [[375, 2], [1024, 1]]) {
    const o = await open('', { viewport: { width: w, height: 800 }, dpr });
    await o.page.waitForTimeout(200);
    await o.page.screenshot({ path: join(ARTIFACTS, `widget-${w}.png`), fullPage: true });
    // HiDPI: the canvas backing store is CSS size × devicePixelRatio.
    const { cw, bw } = await o.page.locator(`${W} canvas.chart`).evaluate((c) => ({ cw: c.clientWidth, bw: c.width }));
    assert.equal(bw, Math.round(cw * dpr));
    await done(o);
  }
});

test('a 320 px phone: no sideways scroll, and a tap shows the readout', async () => {
  const o = await openPage(browser, { allowed: sameOrigin(), viewport: { width: 320, height: 640 }, dpr: 3 });
  await o.context.close();
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(`${srv.origin}/`);
  await ready(page);
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  assert.ok(widths.doc <= widths.view, `page is ${widths.doc}px wide in a ${widths.view}px screen`);
  const canvas = page.locator(`${W} canvas.chart`);
  await canvas.scrollIntoViewIfNeeded();
  const layout = await page.evaluate(() => document.querySelector('grdp-whatif')._layout);
  const box = await canvas.boundingBox();
  const x = box.x + layout.plotLeft + ((2023 - layout.xMin) / (layout.xMax - layout.xMin)) * layout.plotWidth;
  await page.touchscreen.tap(x, box.y + box.height / 2);
  assert.match(await page.locator(`${W} .tip`).innerText(), /2023[\s\S]*59,8 triệu đồng[\s\S]*PLVN/);
  await context.close();
});

test('moving a slider with the keyboard changes readouts, narrative and link', async () => {
  const o = await open();
  const before = await readouts(o.page);
  const beforeText = await narrative(o.page);
  const slider = o.page.locator(`${W} #gw-realGrowth-r`);
  await slider.focus();
  for (let i = 0; i < 10; i++) await o.page.keyboard.press('ArrowRight');
  const afterR = await readouts(o.page);
  assert.notDeepEqual(afterR, before);
  assert.equal(afterR[0], before[0], 'the growth needed does not depend on real growth');
  const afterText = await narrative(o.page);
  assert.notEqual(afterText, beforeText);
  assert.match(afterText, /11,5\s?%/, 'narrative names the new real growth');
  assert.equal(await o.page.locator(`${W} #gw-realGrowth`).inputValue(), '11,5');
  assert.match(await o.page.evaluate(() => location.hash), /g=0\.115/);
  assert.equal(await o.page.locator(`${W} button[aria-pressed="true"]`).first().innerText(), 'Tự chọn');
  // The trend card (kept between real-growth steps) stays, and follows a
  // change to its own inputs: inflation.
  assert.equal(afterR[3], before[3], 'the trend does not depend on the scenario growth');
  const inflation = o.page.locator(`${W} #gw-inflation-r`);
  await inflation.focus();
  for (let i = 0; i < 5; i++) await o.page.keyboard.press('ArrowRight');
  const afterI = await readouts(o.page);
  assert.notEqual(afterI[3], afterR[3], 'the trend follows inflation');
  await done(o);
});

test('two layers: the axes hold still on a small step, move on a large one, and add up to the one-canvas chart', async () => {
  const o = await open();
  const state = () => o.page.evaluate(() => {
    const el = document.querySelector('grdp-whatif');
    const sum = (c) => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let h = 0; for (let i = 0; i < d.length; i += 3) h = (h * 31 + d[i]) >>> 0; return h; };
    return { frame: el._layout.frame, baseDrawn: el._layout.baseDrawn, yMax: el._layout.yMax, base: sum(el.r.base), top: sum(el.r.canvas) };
  });
  const s0 = await state();
  const slider = o.page.locator(`${W} #gw-realGrowth-r`);
  await slider.focus();
  await o.page.keyboard.press('ArrowRight');
  const s1 = await state();
  assert.equal(s1.baseDrawn, false, 'a small step keeps the base');
  assert.equal(s1.frame, s0.frame);
  assert.equal(s1.base, s0.base, 'base pixels unchanged');
  assert.notEqual(s1.top, s0.top, 'the projection moved');
  await o.page.keyboard.press('End');
  const s2 = await state();
  assert.equal(s2.baseDrawn, true, 'the axes had to grow');
  assert.ok(s2.yMax > s1.yMax, `${s2.yMax} > ${s1.yMax}`);
  assert.notEqual(s2.base, s1.base, 'base redrawn');
  // A canvas given back blank (its context lost and restored) is drawn again.
  const restored = await o.page.evaluate(() => {
    const el = document.querySelector('grdp-whatif');
    const b = el.r.base;
    b.width = b.width; // blank, as a restored context is
    const blank = b.getContext('2d').getImageData(0, 0, b.width, b.height).data.some((x) => x);
    b.dispatchEvent(new Event('contextrestored'));
    return { blank, drawn: el._layout.baseDrawn, painted: b.getContext('2d').getImageData(0, 0, b.width, b.height).data.some((x) => x) };
  });
  assert.deepEqual(restored, { blank: false, drawn: true, painted: true });
  // The layers, one over the other, are the chart drawn on one canvas from
  // the page's own spec of its state (what the engine put into the chart
  // view is what the page shows), after a growth step and after a trend change.
  const sameAsOneCanvas = async (when) => {
    const diff = await o.page.evaluate(() => {
      const el = document.querySelector('grdp-whatif');
      const { width: w, height: h } = el.r.canvas;
      const mk = () => { const c = document.createElement('canvas'); c.width = w; c.height = h; return c; };
      const layered = mk();
      const lx = layered.getContext('2d');
      lx.drawImage(el.r.base, 0, 0);
      lx.drawImage(el.r.canvas, 0, 0);
      const one = mk();
      el.wb.drawChart(one, { ...el._spec(), transparent: true });
      const a = lx.getImageData(0, 0, w, h).data;
      const b = one.getContext('2d').getImageData(0, 0, w, h).data;
      let off = 0, painted = 0;
      for (let i = 0; i < a.length; i += 4) {
        if (b[i + 3]) painted++;
        if (Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2]), Math.abs(a[i + 3] - b[i + 3])) > 3) off++;
      }
      return { off, painted, total: a.length / 4 };
    });
    assert.ok(diff.painted > 2000, `${when}: the chart is drawn: ${JSON.stringify(diff)}`);
    assert.ok(diff.off <= diff.total * 0.001, `${when}: layers differ from one canvas: ${JSON.stringify(diff)}`);
  };
  await sameAsOneCanvas('growth at its maximum');
  const inflation = o.page.locator(`${W} #gw-inflation-r`);
  await inflation.focus();
  for (let i = 0; i < 8; i++) await o.page.keyboard.press('ArrowLeft');
  await sameAsOneCanvas('inflation lowered (a new trend)');
  await done(o);
});

test('dragging a slider does not flood the history API; the link catches up', async () => {
  const o = await open();
  const calls = await o.page.evaluate(async () => {
    let n = 0;
    const orig = history.replaceState.bind(history);
    history.replaceState = (...a) => { n++; return orig(...a); };
    const r = document.querySelector('grdp-whatif').shadowRoot.querySelector('#gw-realGrowth-r');
    for (let i = 0; i < 300; i++) { r.value = String(5 + (i % 100) / 10); r.dispatchEvent(new Event('input', { bubbles: true })); }
    const during = n;
    await new Promise((ok) => setTimeout(ok, 400));
    return { during, after: n, hash: location.hash, last: r.value };
  });
  assert.equal(calls.during, 0, 'no history writes while dragging');
  assert.equal(calls.after, 1, 'one write after the drag');
  assert.match(calls.hash, new RegExp(`g=${Number(calls.last) / 100}(&|$)`));
  await done(o);
});

test('the share link restores a scenario exactly', async () => {
  const o = await open('#v=1&lang=en&ind=grdpPerCapita&g=0.09&inf=0.03&pop=0.01&fxc=0.02&tv=140&ty=2031&sp=0.02');
  assert.equal(await o.page.locator(`${W} #gw-realGrowth`).inputValue(), '9.0');
  assert.equal(await o.page.locator(`${W} #gw-targetYear`).inputValue(), '2031');
  const text = await narrative(o.page);
  assert.match(text, /reaching .* in 2031/);
  const state = await o.page.evaluate(() => document.querySelector('grdp-whatif').scenario);
  assert.deepEqual(state.scenario, { indicator: 'grdpPerCapita', realGrowth: 0.09, inflation: 0.03, populationGrowth: 0.01, fxChange: 0.02, targetValue: 140, targetYear: 2031, spread: 0.02 });
  // Change, then open the new link in a fresh page: the same state and words.
  await o.page.locator(`${W} #gw-inflation`).fill('4,5');
  await o.page.locator(`${W} #gw-inflation`).press('Enter');
  const hash = await o.page.evaluate(() => location.hash);
  assert.match(hash, /inf=0\.045/);
  const text2 = await narrative(o.page);
  const o2 = await open(hash);
  assert.equal(await narrative(o2.page), text2);
  assert.deepEqual(await readouts(o2.page), await readouts(o.page));
  await done(o2);
  await done(o);
});

test('the CSV download matches the table', async () => {
  const o = await open();
  await o.page.locator(`${W} button`, { hasText: 'Bảng số liệu' }).click();
  const cells = await o.page.locator(`${W} table tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  const head = await o.page.locator(`${W} table thead th`).allInnerTexts();
  const [download] = await Promise.all([o.page.waitForEvent('download'), o.page.locator(`${W} button`, { hasText: 'Tải CSV' }).click()]);
  const path = await download.path();
  const buf = readFileSync(path);
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const lines = buf.toString('utf8').slice(1).trim().split(/\r\n/);
  const csvHead = lines[0].split(',');
  assert.deepEqual(csvHead, head.filter((h) => h !== 'Nguồn'), 'same columns, less the source text');
  assert.equal(lines.length - 1, cells.length, 'same rows');
  const srcCol = head.indexOf('Nguồn');
  lines.slice(1).forEach((line, i) => {
    const csv = line.split(',');
    const table = cells[i].filter((_, j) => j !== srcCol);
    csv.forEach((v, j) => {
      if (v === '' || table[j] === '') { assert.equal(v === '', table[j] === '', `row ${i} col ${j}`); return; }
      const digits = (table[j].split(',')[1] || '').length;
      assert.ok(Math.abs(Number(v) - parseNum(table[j])) <= 0.5 * 10 ** -digits + 1e-9, `row ${i} col ${j}: ${v} vs ${table[j]}`);
    });
  });
  // The PNG download is a real PNG.
  const [png] = await Promise.all([o.page.waitForEvent('download'), o.page.locator(`${W} button`, { hasText: 'Tải ảnh PNG' }).click()]);
  const pbuf = readFileSync(await png.path());
  assert.equal(pbuf.subarray(1, 4).toString(), 'PNG');
  assert.ok(pbuf.length > 5000);
  // ...with its background painted (the on-screen canvas is transparent).
  const corner = await o.page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const x = c.getContext('2d');
    x.drawImage(img, 0, 0);
    return [...x.getImageData(2, 2, 1, 1).data];
  }, pbuf.toString('base64'));
  assert.deepEqual(corner, [255, 255, 255, 255], 'PNG background');
  assert.equal(await o.page.locator(`${W} canvas.chart`).evaluate((c) => c.getContext('2d').getImageData(2, 2, 1, 1).data[3]), 0, 'screen canvas transparent again');
  await done(o);
});

test('hover and keyboard readout name the value and its source', async () => {
  const o = await open();
  const canvas = o.page.locator(`${W} canvas.chart`);
  const layout = await o.page.evaluate(() => document.querySelector('grdp-whatif')._layout);
  const box = await canvas.boundingBox();
  const x = box.x + layout.plotLeft + ((2021 - layout.xMin) / (layout.xMax - layout.xMin)) * layout.plotWidth;
  await o.page.mouse.move(x, box.y + box.height / 2);
  const tip = await o.page.locator(`${W} .tip`).innerText();
  assert.match(tip, /2021/);
  assert.match(tip, /46,9 triệu đồng/);
  assert.match(tip, /Báo Lạng Sơn/);
  await canvas.focus();
  await o.page.keyboard.press('End');
  assert.match(await o.page.locator(`${W} .tip`).innerText(), /2030[\s\S]*Mục tiêu: 130 triệu đồng[\s\S]*TTXVN/);
  assert.match(await o.page.locator(`${W} p[aria-live="polite"].sr`).innerText(), /^2030\. /, 'announced to screen readers');
  await done(o);
});

test('language switch, theme switch and indicator switch', async () => {
  const o = await open();
  await o.page.locator(`${W} button`, { hasText: 'English' }).click();
  const r = await readouts(o.page);
  assert.match(r[0], /12\.8%/);
  assert.match(await narrative(o.page), /million VND/);
  await o.page.locator(`${W} select[aria-label="Theme"]`).selectOption('dark');
  assert.equal(await o.page.locator(W).getAttribute('data-theme'), 'dark');
  // On screen the chart leaves its background to CSS (transparent canvases).
  const bg = await o.page.locator(`${W} canvas.chart-base`).evaluate((c) => ({ css: getComputedStyle(c).backgroundColor, alpha: c.getContext('2d').getImageData(2, 2, 1, 1).data[3] + c.nextElementSibling.getContext('2d').getImageData(2, 2, 1, 1).data[3] }));
  const rgb = bg.css.match(/\d+/g).map(Number);
  assert.ok(rgb[0] < 40 && rgb[1] < 40 && bg.alpha === 0, `dark canvas background, got ${JSON.stringify(bg)}`);
  for (const id of ['exports', 'digitalShare', 'poorHouseholds', 'forestCover', 'structure', 'investment', 'realGrdp', 'domesticRevenue']) {
    await o.page.locator(`${W} select[aria-label="Indicator"]`).selectOption(id);
    assert.ok((await narrative(o.page)).length > 20, id);
    assert.ok(await canvasColours(o.page.locator(`${W} canvas.chart`)) > 5, `${id} chart drawn`);
  }
  assert.match(await o.page.evaluate(() => location.hash), /ind=investment|ind=domesticRevenue/);
  await o.page.locator(`${W} select[aria-label="Indicator"]`).selectOption('digitalShare');
  assert.match((await readouts(o.page))[0], /1\.95/);
  await o.page.locator(`${W} select[aria-label="Indicator"]`).selectOption('poorHouseholds');
  assert.match(await o.page.locator(`${W} .sub`).innerText(), /poverty standard changed in 2022/);
  await done(o);
});

test('bad typed input: a message by the field, the last good scenario stays', async () => {
  const o = await open();
  const field = o.page.locator(`${W} #gw-realGrowth`);
  const msg = o.page.locator(`${W} #gw-realGrowth-m`);
  const good = await readouts(o.page);
  const goodHash = await o.page.evaluate(() => location.hash);
  const cases = [
    ['', /Chưa nhập/], ['abc', /không phải là số/], ['NaN', /không phải là số/], ['Infinity', /không phải là số/],
    ['-Infinity', /không phải là số/], ['1e999', /không phải là số/], ['99999999', /Phải từ -5 đến 20/], ['-150', /Phải từ -5 đến 20/],
    ['10,12345', /Tối đa 2 chữ số/], ['<img src=x onerror=alert(1)>', /không phải là số/],
  ];
  for (const [typed, re] of cases) {
    await field.fill(typed);
    await field.press('Enter');
    assert.match(await msg.innerText(), re, `typed ${JSON.stringify(typed)}`);
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await readouts(o.page), good, 'readouts unchanged');
    assert.equal(await o.page.evaluate(() => location.hash), goodHash, 'link unchanged');
  }
  const year = o.page.locator(`${W} #gw-targetYear`);
  await year.fill('2020');
  await year.press('Enter');
  assert.match(await o.page.locator(`${W} #gw-targetYear-m`).innerText(), /Phải từ 2026 đến 2055/);
  await year.fill('2030,5');
  await year.press('Enter');
  assert.match(await o.page.locator(`${W} #gw-targetYear-m`).innerText(), /số nguyên/);
  // A good value clears the message.
  await field.fill('9,5');
  await field.press('Enter');
  assert.equal(await msg.innerText(), '');
  assert.equal(await field.getAttribute('aria-invalid'), null);
  assert.notDeepEqual(await readouts(o.page), good);
  await done(o);
});

test('broken, hostile, truncated and old links: message, nothing injected, last good stays', async () => {
  for (const [hash, re] of [
    ['#v=1&g=abc', /g/], ['#v=1&g=0.1&inf=', /inf/], ['#v=0&g=0.1', /version/], ['#g=0.1', /v/],
    ['#v=1&ind=%3Cimg%20src=x%20onerror=alert(1)%3E', /ind/], ['#v=1&g=%3Cscript%3Ealert(1)%3C/script%3E', /g/],
    ['#v=1&ty=20', /Năm mục tiêu/], ['#v=1&g=5', /Tăng trưởng GRDP thực/], [`#v=1&g=${'9'.repeat(3000)}`, /too long/],
  ]) {
    const o = await open(hash);
    const alert = await o.page.locator(`${W} .alert`).innerText();
    assert.match(alert, /Liên kết chia sẻ không đọc được/, hash);
    assert.match(alert, re, hash);
    assert.match((await readouts(o.page))[0], /12,8\s?%/, 'default scenario on screen');
    const injected = await o.page.evaluate(() => document.querySelector('grdp-whatif').shadowRoot.querySelectorAll('img:not(.printimg), script').length);
    assert.equal(injected, 0);
    assert.match(await o.page.evaluate(() => location.hash), /^#v=1&/, 'the link now holds the good scenario');
    await done(o);
  }
  // A bad link arriving later (hashchange) keeps the reader's own scenario.
  const o = await open('#v=1&g=0.09');
  await o.page.evaluate(() => { location.hash = '#v=1&g=zzz'; });
  await o.page.waitForFunction(() => !document.querySelector('grdp-whatif').shadowRoot.querySelector('.alert').hidden);
  assert.equal(await o.page.locator(`${W} #gw-realGrowth`).inputValue(), '9,0');
  assert.match(await o.page.evaluate(() => location.hash), /g=0\.09/);
  await done(o);
  // … also when the bad link names another indicator.
  const o2 = await open('#v=1&ind=forestCover&gr=0.5');
  await o2.page.evaluate(() => { location.hash = '#v=1&ind=exports&gr=99'; });
  await o2.page.waitForFunction(() => !document.querySelector('grdp-whatif').shadowRoot.querySelector('.alert').hidden);
  assert.equal(await o2.page.locator(`${W} select[aria-label="Chỉ tiêu"]`).inputValue(), 'forestCover');
  assert.equal(await o2.page.locator(`${W} #gw-growth`).inputValue(), '0,5');
  assert.match(await o2.page.evaluate(() => location.hash), /ind=forestCover&gr=0\.5/);
  await done(o2);
});

test('a trap inside wasm shows a reload that brings the scenario back', async () => {
  const o = await open('#v=1&g=0.09');
  await o.page.evaluate(() => {
    const el = document.querySelector('grdp-whatif');
    el._view.draw = () => { throw new WebAssembly.RuntimeError('unreachable'); };
  });
  await o.page.locator(`${W} #gw-inflation`).fill('4');
  await o.page.locator(`${W} #gw-inflation`).press('Enter');
  await o.page.locator(`${W} .fatal`).waitFor();
  assert.match(await o.page.locator(`${W} .fatal`).innerText(), /Tiện ích gặp lỗi/);
  await o.page.locator(`${W} .fatal button`).click();
  await ready(o.page);
  assert.equal(await o.page.locator(`${W} #gw-realGrowth`).inputValue(), '9,0');
  assert.equal(await o.page.locator(`${W} #gw-inflation`).inputValue(), '4,0');
  assert.ok(await canvasColours(o.page.locator(`${W} canvas.chart`)) > 20);
  await done(o);
});

test('the API on globalThis.GrdpWhatIf', async () => {
  const o = await open();
  const r = await o.page.evaluate(async () => {
    const api = await GrdpWhatIf.ready;
    let err = null;
    try { api.requiredGrowthRate(71.1, NaN, 5); } catch (e) { err = e.message; }
    return { r: api.requiredGrowthRate(71.1, 130, 5), s: Array.from(api.projectSeries(71.1, 0.1, 5)), isF64: api.projectSeries(1, 0, 1) instanceof Float64Array, err, p: api.project({ realGrowth: 0.1 }).reachedYear };
  });
  assert.ok(Math.abs(r.r - 0.1283) < 5e-5);
  assert.equal(r.s.length, 6);
  assert.ok(r.isF64);
  assert.match(r.err, /target/);
  assert.equal(r.p, 2030);
  // Charts of a host's own: drawChart and a ChartView fed by an engine.
  const c = await o.page.evaluate(async () => {
    const api = await GrdpWhatIf.ready;
    const el = document.querySelector('grdp-whatif');
    const spec = { ...el._spec(), transparent: false };
    const mk = () => { const x = document.createElement('canvas'); x.width = 600; x.height = 300; return x; };
    const one = mk();
    api.drawChart(one, spec);
    const [base, top] = [mk(), mk()];
    const view = new api.ChartView(base, top);
    view.setSpec(spec);
    const e = new api.Engine();
    const p = e.projectInto({ realGrowth: 0.2 }, view, false);
    const layout = view.draw();
    const ink = (x) => x.getContext('2d').getImageData(0, 0, 600, 300).data.some((v, i) => i % 4 === 3 && v > 0);
    return { one: ink(one), base: ink(base), top: ink(top), reached: p.reachedYear, drawn: layout.baseDrawn };
  });
  assert.deepEqual(c, { one: true, base: true, top: true, reached: 2028, drawn: true });
  // The same engine as an ES module (dist/grdp_whatif.js), as the README shows.
  const m = await o.page.evaluate(async () => {
    const mod = await import('/grdp_whatif.js');
    await mod.default();
    let err = null;
    try { mod.yearsToTarget(71.1, 130, -0.1); } catch (e) { err = e.message; }
    return { r: mod.requiredGrowthRate(71.1, 130, 5), err, n: mod.defaultDataset().indicators.length };
  });
  assert.ok(Math.abs(m.r - 0.1283) < 5e-5);
  assert.match(m.err, /unreachable/);
  assert.ok(m.n >= 8);
  await done(o);
});
