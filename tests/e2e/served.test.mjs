// The served page (make run) as a reader uses it, under the strict CSP header.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, startServer, openPage, ready, seen, parseNum, canvasColours, ARTIFACTS } from './helpers.mjs';

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
const clean = (s) => s.replace(/[\u2068\u2069]/g, '');

test('loads with the default scenario and shows the 12,8%/năm readout (vi)', async () => {
  const o = await open();
  const r = await readouts(o.page);
  assert.match(r[0], /12,8%\/năm/, r[0]);
  assert.match(r[0], /tăng 83% sau 5 năm/, 'cumulative change shown');
  assert.match(r[0], /9,97%\/năm/, 'the record beside the need');
  assert.match(await narrative(o.page), /130 triệu đồng/);
  assert.equal(await o.page.locator(`${W} .narrative`).getAttribute('aria-live'), 'polite');
  assert.ok(await canvasColours(o.page.locator(`${W} canvas.chart`)) > 20, 'the canvas is not blank');
  assert.match(await o.page.locator(`${W} .sources`).innerText(), /Nhân Dân[\s\S]*TTXVN/);
  assert.match(await o.page.locator(`${W} .credit`).innerText(), /grdp-whatif/);
  await done(o);
});

test('screenshots at 375 px and 1024 px; the canvas at the device pixel ratio', async () => {
  for (const [w, dpr] of [[375, 2], [1024, 1]]) {
    const o = await open('', { viewport: { width: w, height: 800 }, dpr });
    await o.page.waitForTimeout(200);
    await o.page.screenshot({ path: join(ARTIFACTS, `widget-${w}.png`), fullPage: true });
    const { cw, bw } = await o.page.locator(`${W} canvas.chart`).evaluate((c) => ({ cw: c.clientWidth, bw: c.width }));
    assert.equal(bw, Math.round(cw * dpr));
    await done(o);
  }
});

test('moving a slider with the keyboard changes readouts, sentence and link; the trend card follows only its own inputs', async () => {
  const o = await open();
  const before = await readouts(o.page);
  const beforeText = await narrative(o.page);
  await o.page.locator(`${W} #gw-realGrowth-r`).focus();
  for (let i = 0; i < 10; i++) await o.page.keyboard.press('ArrowRight');
  const afterR = await readouts(o.page);
  assert.notDeepEqual(afterR, before);
  assert.equal(afterR[0], before[0], 'the growth needed does not depend on real growth');
  const afterText = await narrative(o.page);
  assert.notEqual(afterText, beforeText);
  assert.match(afterText, /GRDP thực tăng 11,5%\/năm/);
  assert.equal(await o.page.locator(`${W} #gw-realGrowth`).inputValue(), '11,5');
  await o.page.waitForTimeout(300);
  assert.match(await o.page.evaluate(() => location.hash), /g=0\.115/);
  assert.equal(await o.page.locator(`${W} .presets button[aria-pressed="true"]`).innerText(), 'Tự chọn');
  assert.equal(afterR[3], before[3], 'the trend does not depend on the scenario growth');
  await o.page.locator(`${W} .morectl summary`).click();
  await o.page.locator(`${W} #gw-inflation-r`).focus();
  for (let i = 0; i < 5; i++) await o.page.keyboard.press('ArrowRight');
  assert.notEqual((await readouts(o.page))[3], afterR[3], 'the trend follows inflation');
  await done(o);
});

test('two layers: the axes hold still on a small step, move on a large one, and match a fresh draw', async () => {
  const o = await open();
  const state = () => o.page.evaluate(() => {
    const c = document.querySelector('grdp-whatif')._life.chart;
    const sum = (x) => { const d = x.getContext('2d').getImageData(0, 0, x.width, x.height).data; let h = 0; for (let i = 0; i < d.length; i += 3) h = (h * 31 + d[i]) >>> 0; return h; };
    return { frame: c.layout.frame, baseDrawn: c.layout.baseDrawn, yMax: c.layout.yMax, base: sum(c.base), top: sum(c.canvas) };
  });
  const s0 = await state();
  await o.page.locator(`${W} #gw-realGrowth-r`).focus();
  await o.page.keyboard.press('ArrowRight');
  const s1 = await state();
  assert.equal(s1.baseDrawn, false, 'a small step keeps the base');
  assert.equal(s1.base, s0.base, 'base pixels unchanged');
  assert.notEqual(s1.top, s0.top, 'the projection moved');
  await o.page.keyboard.press('End');
  const s2 = await state();
  assert.notEqual(s2.frame, s1.frame, 'the axes had to grow');
  assert.ok(s2.yMax > s1.yMax, `${s2.yMax} > ${s1.yMax}`);
  // A canvas given back blank is drawn again.
  const restored = await o.page.evaluate(() => {
    const c = document.querySelector('grdp-whatif')._life.chart;
    c.base.width = c.base.width;
    c.base.dispatchEvent(new Event('contextrestored'));
    return { drawn: c.layout.baseDrawn, painted: c.base.getContext('2d').getImageData(0, 0, c.base.width, c.base.height).data.some((x) => x) };
  });
  assert.deepEqual(restored, { drawn: true, painted: true });
  // The live layers are what a fresh chart view of the same state draws.
  const same = async (when) => {
    const diff = await o.page.evaluate(async () => {
      const el = document.querySelector('grdp-whatif');
      const life = el._life;
      const { width: w, height: h } = life.chart.canvas;
      const mk = () => { const c = document.createElement('canvas'); c.width = w; c.height = h; return c; };
      const [b, t] = [mk(), mk()];
      const view = new life.wb.ChartView(b, t);
      const cs = getComputedStyle(el);
      const v = (n) => cs.getPropertyValue(n).trim();
      view.setStyle({ background: v('--gw-bg'), text: v('--gw-fg'), grid: v('--gw-line'), history: v('--gw-history'), projection: v('--gw-projection'), trend: v('--gw-trend'), target: v('--gw-target'), band: v('--gw-band') }, window.devicePixelRatio || 1, parseFloat(getComputedStyle(life.chart.box).fontSize) / 16);
      const s = life.state;
      life.engine.presentInto({ indicator: s.indicator, lang: s.lang, preset: s.preset, scenario: s.scenario, theme: s.theme, view: s.view, table: false }, view);
      view.draw();
      const layered = (c1, c2) => { const c = mk(); const x = c.getContext('2d'); x.drawImage(c1, 0, 0); x.drawImage(c2, 0, 0); return x.getImageData(0, 0, w, h).data; };
      const a = layered(life.chart.base, life.chart.canvas);
      const f = layered(b, t);
      let off = 0;
      for (let i = 0; i < a.length; i += 4) if (Math.abs(a[i] - f[i]) + Math.abs(a[i + 3] - f[i + 3]) > 6) off++;
      view.free();
      return { off, total: a.length / 4 };
    });
    assert.ok(diff.off <= diff.total * 0.001, `${when}: ${JSON.stringify(diff)}`);
  };
  await same('growth at its maximum');
  await o.page.locator(`${W} button[data-preset="trend"]`).click();
  await same('the trend preset');
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

test('the share link restores a scenario exactly, and a changed one reads back the same', async () => {
  const o = await open('#v=1&lang=en&ind=grdpPerCapita&g=0.09&inf=0.03&pop=0.01&fxc=0.02&tv=140&ty=2031&sp=0.02');
  assert.equal(await o.page.locator(`${W} #gw-realGrowth`).inputValue(), '9.0');
  assert.equal(await o.page.locator(`${W} #gw-targetYear`).inputValue(), '2031');
  assert.match(await narrative(o.page), /reaching .* in 2031/);
  const st = await o.page.evaluate(() => document.querySelector('grdp-whatif').state);
  assert.deepEqual(st.scenario, { indicator: 'grdpPerCapita', realGrowth: 0.09, inflation: 0.03, populationGrowth: 0.01, fxChange: 0.02, targetValue: 140, targetYear: 2031, spread: 0.02 });
  await o.page.locator(`${W} .morectl summary`).click();
  await o.page.locator(`${W} #gw-inflation`).fill('4,5');
  await o.page.locator(`${W} #gw-inflation`).press('Enter');
  await o.page.waitForTimeout(300);
  const hash = await o.page.evaluate(() => location.hash);
  assert.match(hash, /inf=0\.045/);
  const o2 = await open(hash);
  assert.equal(await narrative(o2.page), await narrative(o.page));
  assert.deepEqual(await readouts(o2.page), await readouts(o.page));
  await done(o2);
  await done(o);
});

test('the CSV download is the table, with units, sources and the figures that disagree', async () => {
  const o = await open();
  await o.page.locator(`${W} button`, { hasText: 'Bảng số liệu' }).click();
  const cells = await o.page.locator(`${W} table tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  const head = await o.page.locator(`${W} table thead th`).allTextContents();
  const [download] = await Promise.all([o.page.waitForEvent('download'), o.page.locator(`${W} button`, { hasText: 'Tải CSV' }).click()]);
  const buf = readFileSync(await download.path());
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const text = buf.toString('utf8').slice(1);
  const all = parseCsv(text);
  // The CSV has one column more, after the source: what each figure is,
  // which the table tags beside the figure ("59,8 (ước)").
  assert.equal(all[0][3], 'Loại số liệu');
  const kindOf = (shown) => (!shown ? '' : /\(ước\)$/.test(shown) ? 'ước tính' : /\(tính\)$/.test(shown) ? 'tính từ số công bố' : 'công bố');
  all.slice(1).forEach((r, i) => assert.equal(r[3], kindOf(clean(cells[i][1])), `row ${i}: ${cells[i][1]}`));
  assert.ok(all.some((r) => r[3] === 'ước tính'), 'an estimate is said so');
  const rows = all.map((r) => r.filter((_, j) => j !== 3));
  assert.deepEqual(rows[0], head, 'the same columns, with their units');
  assert.ok(head.some((h) => /\(triệu đồng\)/.test(h)));
  assert.equal(rows.length - 1, cells.length, 'the same rows');
  for (const r of rows) assert.equal(r.length, head.length, 'every row as wide as its header');
  // The alternatives' figures are in the CSV's number style (44.5, not 44,5).
  const altCol = head.findIndex((h) => /^Số liệu khác/.test(h));
  const csvStyle = (t) => t.split(' | ').map((seg) => seg.replace(/^[\d.,]+/, (m) => String(parseNum(m)))).join(' | ');
  rows.slice(1).forEach((r, i) => r.forEach((v, j) => {
    const t = clean(cells[i][j]);
    if (j === altCol && t) {
      assert.equal(v, csvStyle(t), `row ${i} col ${j}`);
    } else if (/^-?\d+(\.\d+)?$/.test(v) && t) {
      const digits = (t.replace(/\s*\(.*\)$/, '').split(',')[1] || '').length;
      assert.ok(Math.abs(Number(v) - parseNum(t.replace(/\s*\(.*\)$/, ''))) <= 0.5 * 10 ** -digits + 1e-9, `row ${i} col ${j}: ${v} vs ${t}`);
    } else {
      assert.equal(v, t, `row ${i} col ${j}`);
    }
  }));
  assert.ok(altCol > 0, 'the alternatives column');
  assert.match(text, /44\.5 \(Không rõ tên báo, bản lưu, “Bài về lịch sử/, 'the other 2020 figures are in it, with their sources');
  assert.doesNotMatch(text, /44,5/, 'one number style in the file');
  await done(o);
});

/** RFC 4180 CSV into rows of cells. */
function parseCsv(text) {
  const rows = [[]];
  let cell = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) { if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') q = false; else cell += c; continue; }
    if (c === '"') q = true;
    else if (c === ',') { rows[rows.length - 1].push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { rows[rows.length - 1].push(cell); cell = ''; rows.push([]); i++; }
    else cell += c;
  }
  if (rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

test('hover, tap and keyboard readout name the value and its source', async () => {
  const o = await open();
  const canvas = o.page.locator(`${W} canvas.chart`);
  const layout = await o.page.evaluate(() => document.querySelector('grdp-whatif')._life.chart.layout);
  const box = await canvas.boundingBox();
  const x = box.x + layout.plotLeft + ((2021 - layout.xMin) / (layout.xMax - layout.xMin)) * layout.plotWidth;
  await o.page.mouse.move(x, box.y + box.height / 2);
  const tip = clean(await o.page.locator(`${W} .tip`).innerText());
  assert.match(tip, /^2021/);
  assert.match(tip, /46,9 triệu đồng/);
  assert.match(tip, /Báo Lạng Sơn/);
  await canvas.focus();
  await o.page.keyboard.press('End');
  assert.match(clean(await o.page.locator(`${W} .tip`).innerText()), /2030[\s\S]*Mục tiêu: 130 triệu đồng[\s\S]*TTXVN/);
  assert.match(await o.page.locator(`${W} p[aria-live="polite"].sr`).innerText(), /^2030\. /, 'announced to screen readers');
  await done(o);
});

test('language, theme and indicator switches', async () => {
  const o = await open();
  await o.page.locator(`${W} .top button`).click();
  assert.match((await readouts(o.page))[0], /12\.8% a year/);
  assert.match(await narrative(o.page), /million VND/);
  await o.page.locator(`${W} select[aria-label="Theme"]`).selectOption('dark');
  assert.equal(await o.page.locator(W).getAttribute('data-theme'), 'dark');
  const bg = await o.page.locator(`${W} canvas.chart-base`).evaluate((c) => ({ css: getComputedStyle(c).backgroundColor, alpha: c.getContext('2d').getImageData(2, 2, 1, 1).data[3] }));
  const rgb = bg.css.match(/\d+/g).map(Number);
  assert.ok(rgb[0] < 40 && rgb[1] < 40 && bg.alpha === 0, `dark canvas background, got ${JSON.stringify(bg)}`);
  for (const id of ['exports', 'digitalShare', 'poorHouseholds', 'forestCover', 'structure', 'investment', 'realGrdp', 'domesticRevenue']) {
    await o.page.locator(`${W} select[aria-label="Indicator"]`).selectOption(id);
    assert.ok((await narrative(o.page)).length > 20, id);
    assert.ok(await canvasColours(o.page.locator(`${W} canvas.chart`)) > 5, `${id} chart drawn`);
  }
  await o.page.waitForTimeout(300);
  assert.match(await o.page.evaluate(() => location.hash), /ind=domesticRevenue/);
  await o.page.locator(`${W} select[aria-label="Indicator"]`).selectOption('digitalShare');
  assert.match((await readouts(o.page))[0], /1\.95 points a year/);
  await o.page.locator(`${W} select[aria-label="Indicator"]`).selectOption('poorHouseholds');
  assert.match(await o.page.locator(`${W} .caveats`).innerText(), /poverty standard changed in 2022/);
  await done(o);
});

test('bad typed input: a message by the field in the reader’s language, the last good scenario stays', async () => {
  const o = await open();
  const field = o.page.locator(`${W} #gw-realGrowth`);
  const msg = o.page.locator(`${W} #gw-realGrowth-m`);
  const good = await readouts(o.page);
  await o.page.waitForTimeout(300);
  const goodHash = await o.page.evaluate(() => location.hash);
  const cases = [
    ['', /Chưa nhập/], ['abc', /không phải là số/], ['NaN', /không phải là số/], ['Infinity', /không phải là số/],
    ['1e309', /không phải là số/], ['١٢', /không phải là số/], ['１２', /không phải là số/], ['10,5,5', /không phải là số/],
    ['😀', /không phải là số/], ['99999999', /Phải từ -5 đến 20/], ['-150', /Phải từ -5 đến 20/],
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
  // The message follows the language.
  await o.page.locator(`${W} .top button`).click();
  assert.match(await msg.innerText(), /is not a number/);
  await o.page.locator(`${W} .top button`).click();
  const year = o.page.locator(`${W} #gw-targetYear`);
  await year.fill('2020');
  await year.press('Enter');
  assert.match(await o.page.locator(`${W} #gw-targetYear-m`).innerText(), /Phải từ 2026 đến 2055/);
  await year.fill('2030,5');
  await year.press('Enter');
  assert.match(await o.page.locator(`${W} #gw-targetYear-m`).innerText(), /số nguyên/);
  // -0 is 0; a good value clears the message.
  await field.fill('-0');
  await field.press('Enter');
  assert.equal(await msg.innerText(), '');
  assert.equal((await seen(o.page)).state.scenario.realGrowth, 0);
  await field.fill('9,5');
  await field.press('Enter');
  assert.equal(await field.getAttribute('aria-invalid'), null);
  assert.notDeepEqual(await readouts(o.page), good);
  await done(o);
});

test('broken, hostile, truncated and old links: a message in the reader’s language, nothing injected, the last good stays', async () => {
  for (const [hash, re] of [
    ['#v=1&g=abc', /g: “abc” không phải là số/], ['#v=1&g=0.1&inf=', /inf/], ['#v=0&g=0.1', /phiên bản/], ['#g=0.1', /v=1/],
    ['#v=1&ind=%3Cimg%20src=x%20onerror=alert(1)%3E', /ind/], ['#v=1&g=%3Cscript%3Ealert(1)%3C/script%3E', /g/],
    ['#v=1&ty=20', /Năm mục tiêu: 20 nằm ngoài khoảng 2026 đến 2055/], ['#v=1&g=5', /Tăng trưởng GRDP thực \(%\/năm\): 500% nằm ngoài[\s\S]*0\.09 là 9%/],
    [`#v=1&g=${'9'.repeat(3000)}`, /quá dài/],
  ]) {
    const o = await open(hash);
    const alert = await o.page.locator(`${W} .alert`).innerText();
    assert.match(alert, /Liên kết chia sẻ không đọc được/, hash);
    assert.match(alert, re, hash);
    assert.match((await readouts(o.page))[0], /12,8%\/năm/, 'the default scenario on screen');
    const injected = await o.page.evaluate(() => document.querySelector('grdp-whatif').shadowRoot.querySelectorAll('img:not(.printimg), script').length);
    assert.equal(injected, 0);
    await done(o);
  }
  // In English, the link's message is English, and in the theme it asked for.
  const e = await open('#v=1&lang=en&theme=dark&g=abc');
  assert.match(await e.page.locator(`${W} .alert`).innerText(), /The share link could not be read \(g: “abc” is not a number/);
  assert.equal(await e.page.evaluate(() => document.querySelector('grdp-whatif').state.theme), 'dark');
  await done(e);
  // A sign a chat app escaped (`+` as `%2B`) reads as the sign.
  const plus = await open('#v=1&g=%2B0.09');
  assert.equal(await plus.page.locator(`${W} .alert`).isVisible(), false);
  assert.equal(await plus.page.locator(`${W} #gw-realGrowth`).inputValue(), '9,0');
  await done(plus);
  // A bad link arriving later (hashchange) keeps the reader's own scenario.
  const o = await open('#v=1&ind=forestCover&gr=0.5');
  await o.page.evaluate(() => { location.hash = '#v=1&ind=exports&gr=99'; });
  await o.page.waitForFunction(() => !document.querySelector('grdp-whatif').shadowRoot.querySelector('.alert').hidden);
  assert.equal(await o.page.locator(`${W} select.indsel`).inputValue(), 'forestCover');
  assert.equal(await o.page.locator(`${W} #gw-growth`).inputValue(), '0,5');
  await done(o);
});

test('a trap inside wasm shows a reload that brings the scenario back', async () => {
  const o = await open('#v=1&g=0.09');
  await o.page.evaluate(() => {
    const c = document.querySelector('grdp-whatif')._life.chart;
    c.view.draw = () => { throw new WebAssembly.RuntimeError('unreachable'); };
  });
  await o.page.locator(`${W} #gw-targetYear`).fill('2031');
  await o.page.locator(`${W} #gw-targetYear`).press('Enter');
  await o.page.locator(`${W} .fatal`).waitFor();
  assert.match(await o.page.locator(`${W} .fatal`).innerText(), /Tiện ích gặp lỗi/);
  await o.page.locator(`${W} .fatal button`).click();
  await ready(o.page);
  assert.equal(await o.page.locator(`${W} #gw-realGrowth`).inputValue(), '9,0');
  assert.equal(await o.page.locator(`${W} #gw-targetYear`).inputValue(), '2031');
  assert.ok(await canvasColours(o.page.locator(`${W} canvas.chart`)) > 20);
  o.log.errors = o.log.errors.filter((x) => !/engine stopped/.test(x));
  await done(o);
});

test('the API on globalThis.GrdpWhatIf and as an ES module', async () => {
  const o = await open();
  const r = await o.page.evaluate(async () => {
    const api = await GrdpWhatIf.ready;
    let err = null;
    try { api.requiredGrowthRate(71.1, NaN, 5); } catch (e) { err = { message: e.message, field: e.field, vi: e.vi }; }
    const e = new api.Engine();
    const view = { indicator: 'grdpPerCapita', lang: 'en', preset: 'plan', scenario: e.start('grdpPerCapita') };
    const p = e.present(view);
    return { r: api.requiredGrowthRate(71.1, 130, 5), s: Array.from(api.projectSeries(71.1, 0.1, 5)), isF64: api.projectSeries(1, 0, 1) instanceof Float64Array, err, first: p.cards[0].value, reached: api.project({ realGrowth: 0.1 }).reachedYear };
  });
  assert.ok(Math.abs(r.r - 0.1283) < 5e-5);
  assert.equal(r.s.length, 6);
  assert.ok(r.isF64);
  assert.equal(r.err.field, 'target');
  assert.ok(r.err.vi.length > 0);
  assert.equal(r.first, '12.8% a year');
  assert.equal(r.reached, 2030);
  const m = await o.page.evaluate(async () => {
    const mod = await import('/grdp_whatif.js');
    await mod.default();
    let err = null;
    try { mod.yearsToTarget(71.1, 130, -0.1); } catch (e) { err = e.message; }
    return { r: mod.requiredGrowthRate(71.1, 130, 5), err, n: mod.defaultDataset().indicators.length, checks: mod.checkDataset('{"formatVersion": 1}') };
  });
  assert.equal(m.checks[0].field, 'id');
  assert.ok(Math.abs(m.r - 0.1283) < 5e-5);
  assert.match(m.err, /unreachable/);
  assert.ok(m.n >= 8);
  await done(o);
});

test('the page shows its loading line before the script arrives (and without JavaScript); the widget hides it when it starts', async () => {
  // A slow network: the script arrives 1.5 s after the page.
  const o = await openPage(browser, { allowed: sameOrigin(), viewport: { width: 375, height: 800 } });
  let release;
  const held = new Promise((ok) => { release = ok; });
  await o.page.route('**/embed.js', async (route) => { await held; await route.continue(); });
  await o.page.goto(`${srv.origin}/`, { waitUntil: 'commit' });
  const wait = o.page.locator('p.gw-wait');
  await wait.waitFor({ state: 'visible', timeout: 5000 });
  assert.match(await wait.innerText(), /Đang tải tiện ích/);
  assert.equal(await o.page.locator('script[src="embed.js"]').evaluate((s) => s.defer), true, 'the script is deferred: it does not hold the first paint');
  // The line was painted while the script was still on its way.
  // (Waited for: on a loaded machine the paint entry can come a frame after the line is visible.)
  const painted = await o.page.waitForFunction(() => performance.getEntriesByType('paint').some((e) => e.name === 'first-contentful-paint'), null, { timeout: 1200 }).then(() => true, () => false);
  assert.ok(painted, 'a first contentful paint before the script');
  release();
  await ready(o.page);
  assert.equal(await wait.evaluate((p) => p.checkVisibility()), false, 'the loading line is gone once the widget runs');
  assert.match((await readouts(o.page))[0], /12,8%\/năm/);
  await done(o);

  // No JavaScript: the line stays, and says what is missing.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${srv.origin}/`);
  const line = page.locator('p.gw-wait');
  assert.equal(await line.isVisible(), true);
  assert.match(await line.innerText(), /cần JavaScript[\s\S]*needs JavaScript/);
  await context.close();
});
