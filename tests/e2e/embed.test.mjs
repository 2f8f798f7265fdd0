// dist/embed.js on a hostile news page: two (three) widgets, hostile CSS,
// a dataset inline with script/HTML payloads, a dataset URL that fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, startServer, openPage, ready, settled, canvasColours } from './helpers.mjs';

const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
function hostileDataset() {
  const d = JSON.parse(readFileSync('data/lang-son.json', 'utf8'));
  d.name = { vi: `Tỉnh ${XSS}`, en: `Province ${XSS}` };
  const forest = d.indicators.find((i) => i.id === 'forestCover');
  forest.label = { vi: `Rừng ${XSS}`, en: `Forest ${XSS}` };
  forest.title = { vi: `Rừng ${XSS}`, en: `Forest ${XSS}` };
  forest.history[1].note = { vi: XSS, en: XSS };
  d.sources[0].title = `Title ${XSS}`;
  d.sources[0].url = 'javascript:window.__pwned=3';
  // Inside <script type="application/json"> only "</" needs escaping.
  return JSON.stringify(d).replace(/<\//g, '<\\/');
}

let browser, srv;
before(async () => {
  browser = await launch();
  const host = readFileSync('tests/e2e/host.html', 'utf8').replace('__DATASET__', () => hostileDataset());
  srv = await startServer({ '/host.html': host });
});
after(async () => { await browser?.close(); srv?.server.close(); });

test('two widgets on a hostile page: isolated, independent, nothing injected', async () => {
  const allowed = (u) => u.startsWith(srv.origin) || u.startsWith('data:') || u.startsWith('blob:');
  const o = await openPage(browser, { allowed, viewport: { width: 1024, height: 900 } });
  await o.page.goto(`${srv.origin}/host.html`);
  for (const i of [0, 1]) await ready(o.page, i);
  await settled(o.page, 2);
  const a = o.page.locator('#a');
  const b = o.page.locator('#b');

  // The host's CSS does not reach in.
  const style = await a.evaluate((el) => {
    const btn = el.shadowRoot.querySelector('button');
    const big = el.shadowRoot.querySelector('.big');
    const cs = getComputedStyle(btn);
    return { font: cs.fontFamily, size: cs.fontSize, bg: cs.backgroundColor, bigDisplay: getComputedStyle(big).display, canvas: getComputedStyle(el.shadowRoot.querySelector('canvas')).display, color: getComputedStyle(big).color };
  });
  assert.doesNotMatch(style.font, /Comic/);
  assert.notEqual(style.size, '40px');
  assert.notEqual(style.bg, 'rgb(0, 255, 0)');
  assert.equal(style.bigDisplay, 'block');
  assert.equal(style.canvas, 'block');
  assert.notEqual(style.color, 'rgb(255, 0, 255)');
  // Ours does not leak out.
  const host = await o.page.evaluate(() => ({ h1: getComputedStyle(document.querySelector('h1')).display, p: getComputedStyle(document.querySelector('#host-text')).fontSize }));
  assert.equal(host.h1, 'none', 'host rule still applies to the host');
  assert.equal(host.p, '16px');

  // Each widget draws its own chart, in its own language and theme.
  assert.ok(await canvasColours(a.locator('canvas.chart')) > 20);
  assert.ok(await canvasColours(b.locator('canvas.chart')) > 5);
  assert.match(await a.locator('.readout').first().innerText(), /12,8\s?%/);
  assert.match(await b.locator('.narrative').innerText(), /Forest/);
  assert.equal(await b.getAttribute('data-theme'), 'dark');

  // Independent: moving a slider in one leaves the other alone.
  const bBefore = await b.locator('.narrative').innerText();
  const aBefore = await a.locator('.narrative').innerText();
  await a.locator('#gw-realGrowth-r').focus();
  await o.page.keyboard.press('ArrowLeft');
  assert.notEqual(await a.locator('.narrative').innerText(), aBefore);
  assert.equal(await b.locator('.narrative').innerText(), bBefore);
  // Embedded widgets do not touch the host's URL.
  assert.equal(await o.page.evaluate(() => location.hash), '');

  // Data is text: the payloads show as text and never run.
  const pwned = await o.page.evaluate(() => window.__pwned);
  assert.equal(pwned, undefined);
  const injected = await b.evaluate((el) => el.shadowRoot.querySelectorAll('img:not(.printimg), script, [onerror]').length);
  assert.equal(injected, 0);
  assert.match(await b.locator('h2').innerText(), /<img src=x onerror=/);
  const links = await b.evaluate((el) => [...el.shadowRoot.querySelectorAll('a[href]')].map((x) => x.getAttribute('href')));
  assert.ok(links.every((h) => h.startsWith('https://')), `only https links: ${links}`);
  await b.locator('canvas.chart').focus();
  await o.page.keyboard.press('End');
  await o.page.keyboard.press('Home');
  assert.equal(await o.page.evaluate(() => window.__pwned), undefined);

  // A dataset URL that fails: said so, in the widget's language, and no
  // other province's figures in its place.
  const c = o.page.locator('#c');
  const msg = await c.locator('.message').innerText();
  assert.match(msg, /This widget’s data could not be loaded[\s\S]*HTTP error 404/);
  assert.equal(await c.locator('.readout').count(), 0, 'no figures shown');
  assert.doesNotMatch(msg, /Lạng Sơn|12\.8/);
  // Nothing added to the host's globals but GrdpWhatIf.
  const added = await o.page.evaluate(() => Object.getOwnPropertyNames(window).filter((k) => !window.__globalsBefore.includes(k) && k !== '__globalsBefore'));
  assert.deepEqual(added, ['GrdpWhatIf']);
  assert.ok(await o.page.evaluate(() => !!customElements.get('grdp-whatif')));

  const requests = o.log.requests.filter((u) => !u.endsWith('/host.html'));
  assert.deepEqual(requests.map((u) => new URL(u).pathname).sort(), ['/embed.js', '/missing-dataset.json']);
  await o.page.screenshot({ path: 'tests/artifacts/hostile-host.png', fullPage: true });
  await o.context.close();
});

test('datasets that fail: the field, the fix, both languages, an error event, and no other figures', async () => {
  const base = () => JSON.parse(readFileSync('data/lang-son.json', 'utf8'));
  const dup = base(); dup.indicators[0].history[1].year = 2020;
  const missing = base(); delete missing.indicators[0].unit;
  const unit = base(); unit.indicators[1].unit = 'kg';
  const unknownField = base(); unknownField.indicators[0].history[0].colour = 'red';
  const pct = base(); pct.assumptions.inflation.value = 3;
  const cases = [
    ['/dup.json', JSON.stringify(dup), /indicators\[0\]\.history\[1\]\.year: year 2020 appears twice/],
    ['/missing.json', JSON.stringify(missing), /indicators\[0\]\.unit: missing field `unit`/],
    ['/unit.json', JSON.stringify(unit), /indicators\[1\]\.unit: “kg” is not one of the values allowed/],
    ['/unknown.json', JSON.stringify(unknownField), /indicators\[0\]\.history\[0\]\.colour: unknown field/],
    ['/comma.json', JSON.stringify(base(), null, 2).replace('"value": 44.2', '"value": 44,2'), /“44,2” uses a decimal comma; JSON writes decimals with a dot: 44\.2/],
    ['/pct.json', JSON.stringify(pct), /did you mean 0\.03\?/],
    ['/broken.json', '{"formatVersion": 1, "id": ', /not valid JSON/],
    ['/junk.json', 'x'.repeat(3 * 1024 * 1024), /larger than the 1 MB limit/],
  ];
  const extra = { '/host2.html': `<!doctype html><meta charset="utf-8">${cases.map(([u]) => `<grdp-whatif lang="en" src="${u}"></grdp-whatif>`).join('')}<grdp-whatif lang="en" src="/missing.json" fallback="default"></grdp-whatif><script>window.__errors = []; document.addEventListener('grdp-whatif:error', (e) => window.__errors.push(e.detail));</script><script src="/embed.js"></script>` };
  for (const [u, body] of cases) extra[u] = body;
  const other = base();
  other.id = 'other-province';
  other.name = { vi: 'Tỉnh khác', en: 'Another province' };
  other.indicators = other.indicators.filter((i) => i.id !== 'grdpPerCapita');
  extra['/other.json'] = JSON.stringify(other);
  const s2 = await startServer(extra);
  const o = await openPage(browser, {});
  await o.page.goto(`${s2.origin}/host2.html`);
  for (let i = 0; i < cases.length; i++) {
    await settled(o.page, i);
    const w = o.page.locator('grdp-whatif').nth(i);
    const text = await w.locator('.message').innerText();
    assert.match(text, /This widget’s data could not be loaded/, cases[i][0]);
    assert.match(text, cases[i][2], cases[i][0]);
    assert.equal(await w.locator('.readout').count(), 0, `${cases[i][0]}: no other province's figures`);
  }
  // Each failure fired grdp-whatif:error with the detail in both languages.
  const events = await o.page.evaluate(() => window.__errors);
  assert.ok(events.length >= cases.length, JSON.stringify(events));
  assert.ok(events.every((e) => e.vi && e.en && e.message));
  // The page asked for the built-in data when its own fails: shown, and said so.
  await ready(o.page, cases.length);
  const fb = o.page.locator('grdp-whatif').nth(cases.length);
  assert.match(await fb.locator('.alert').innerText(), /as the page asked, the built-in Lạng Sơn data is shown/);
  assert.match(await fb.locator('.readout').first().innerText(), /12\.8%/);
  // In Vietnamese, the message is Vietnamese.
  await o.page.evaluate(() => document.querySelectorAll('grdp-whatif')[4].setAttribute('lang', 'vi'));
  assert.match(await o.page.locator('grdp-whatif').nth(4).locator('.message').innerText(), /Không tải được dữ liệu của tiện ích này[\s\S]*dùng dấu phẩy thập phân/);
  // A new src later: the new dataset is shown, the message gone.
  const first = o.page.locator('grdp-whatif').first();
  await first.evaluate((el) => el.setAttribute('src', '/other.json'));
  await ready(o.page, 0);
  assert.match(await first.locator('.narrative').innerText(), /Another province/);
  assert.match(await first.locator('select.indsel').inputValue(), /realGrdp/);
  assert.deepEqual(o.log.errors.filter((e) => !/404|Failed to load|dataset could not be used/.test(e)), []);
  await o.context.close();
  s2.server.close();
});

test('colours meet WCAG AA contrast in both themes, and auto follows the system', async () => {
  const o = await openPage(browser, {});
  await o.page.emulateMedia({ colorScheme: 'dark' });
  await o.page.goto(`${srv.origin}/embed-example.html`);
  await ready(o.page);
  assert.equal(await o.page.locator('grdp-whatif').getAttribute('data-theme'), 'dark', 'auto follows prefers-color-scheme');
  for (const theme of ['light', 'dark']) {
    await o.page.evaluate((t) => document.querySelector('grdp-whatif').setAttribute('theme', t), theme);
    const pairs = await o.page.evaluate(() => {
      const cs = getComputedStyle(document.querySelector('grdp-whatif'));
      const v = (n) => cs.getPropertyValue(n).trim();
      return [['--gw-fg', '--gw-bg'], ['--gw-muted', '--gw-panel'], ['--gw-muted', '--gw-bg'], ['--gw-bg', '--gw-accent'], ['--gw-good', '--gw-panel'], ['--gw-bad', '--gw-panel'], ['--gw-bad', '--gw-bg'], ['--gw-accent', '--gw-bg']].map(([a, b]) => [a, b, v(a), v(b)]);
    });
    const lum = (hex) => {
      const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((x) => (x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    for (const [a, b, ca, cb] of pairs) {
      const [l1, l2] = [lum(ca), lum(cb)].sort((x, y) => y - x);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      assert.ok(ratio >= 4.5, `${theme}: ${a} ${ca} on ${b} ${cb} is ${ratio.toFixed(2)}:1`);
    }
  }
  await o.context.close();
});

test('a link copied from an embedded widget restores it on the article page', async () => {
  const o = await openPage(browser, {});
  await o.page.goto(`${srv.origin}/embed-example.html`);
  await ready(o.page);
  const w = o.page.locator('grdp-whatif');
  await w.locator('#gw-realGrowth').fill('8,5');
  await w.locator('#gw-realGrowth').press('Enter');
  assert.equal(await o.page.evaluate(() => location.hash), '', 'the host URL is not touched');
  const url = await w.evaluate((el) => el._shareUrl());
  assert.match(url, /embed-example\.html#v=1&.*g=0\.085/);
  const text = await w.locator('.narrative').innerText();
  await o.page.goto('about:blank');
  await o.page.goto(url);
  await ready(o.page);
  assert.equal(await w.locator('#gw-realGrowth').inputValue(), '8,5');
  assert.equal(await w.locator('.narrative').innerText(), text);
  // The host's own anchors are not ours: ignored without a message.
  await o.page.goto('about:blank');
  await o.page.goto(`${srv.origin}/embed-example.html#section-2`);
  await ready(o.page);
  assert.equal(await w.locator('.alert').isHidden(), true);
  assert.equal(await w.locator('#gw-realGrowth').inputValue(), '10,5');
  await o.context.close();
});

/** A lazy widget far below the fold. */
const LAZY_PAGE = `<!doctype html><meta charset="utf-8"><div style="height:4000px">article text</div><grdp-whatif id="lazy" loading="lazy" lang="en"></grdp-whatif><script src="/embed.js"></script>`;

test('loading="lazy" starts a widget only when it comes near the viewport', async () => {
  const s3 = await startServer({ '/lazy.html': LAZY_PAGE });
  const o = await openPage(browser, {});
  await o.page.goto(`${s3.origin}/lazy.html`);
  await o.page.waitForTimeout(800);
  const before = await o.page.evaluate(() => ({ text: document.querySelector('#lazy').shadowRoot.textContent, wb: !!document.querySelector('#lazy')._life.wb }));
  assert.equal(before.wb, false, 'no wasm instance before it is near the viewport');
  assert.match(before.text, /Loading/);
  await o.page.locator('#lazy').scrollIntoViewIfNeeded();
  await ready(o.page);
  assert.match(await o.page.locator('#lazy .readout').first().innerText(), /12\.8%/);
  await o.context.close();
  s3.server.close();
});

test('a lazy widget not started yet starts when its loading attribute is taken away', async () => {
  const s3 = await startServer({ '/lazy.html': LAZY_PAGE });
  const o = await openPage(browser, {});
  await o.page.goto(`${s3.origin}/lazy.html`);
  await o.page.waitForTimeout(800);
  assert.equal(await o.page.evaluate(() => document.querySelector('#lazy').state.status), 'loading');
  // Still out of view: the page asks for it now (a newsroom's "show all").
  await o.page.evaluate(() => document.querySelector('#lazy').removeAttribute('loading'));
  await o.page.waitForFunction(() => document.querySelector('#lazy').state.status === 'ready', null, { timeout: 20000 });
  const seen = await o.page.evaluate(() => ({ y: scrollY, card: document.querySelector('#lazy').shadowRoot.querySelector('.readout .big').textContent }));
  assert.equal(seen.y, 0, 'started without being scrolled to');
  assert.match(seen.card, /12\.8%/);
  // Set back to lazy once started: nothing restarts.
  await o.page.evaluate(() => { const el = document.querySelector('#lazy'); el.setAttribute('loading', 'lazy'); el.removeAttribute('loading'); });
  assert.equal(await o.page.evaluate(() => document.querySelector('#lazy').state.status), 'ready');
  await o.context.close();
  s3.server.close();
});

test('the iframe embed follows its content height, both ways, and the listener checks the origin', async () => {
  const o = await openPage(browser, {});
  await o.page.goto(`${srv.origin}/iframe-example.html`);
  const frame = o.page.frameLocator('iframe');
  await frame.locator('grdp-whatif .readout').first().waitFor();
  const content = () => frame.locator('grdp-whatif').evaluate((el) => Math.ceil(el.getBoundingClientRect().bottom + scrollY));
  const height = () => o.page.evaluate(() => parseInt(document.querySelector('iframe').style.height, 10));
  await o.page.waitForFunction(() => parseInt(document.querySelector('iframe').style.height, 10) !== 900);
  assert.ok(Math.abs((await height()) - (await content())) <= 2, 'follows the content');
  // Shrinks: a shorter indicator (fewer controls and cards).
  const tall = await height();
  await frame.locator('select.indsel').selectOption('structure');
  await o.page.waitForFunction((h) => parseInt(document.querySelector('iframe').style.height, 10) < h, tall);
  assert.ok(Math.abs((await height()) - (await content())) <= 2, 'shrinks with the content');
  // A message of the right shape from another origin is ignored (its own
  // iframe keeps its height).
  const s4 = await startServer({ '/poster.html': '<script>parent.postMessage({ type: "grdp-whatif:height", height: 4000 }, "*")</script>' });
  await o.page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.id = 'foreign';
    f.style.height = '150px';
    f.src = src;
    document.body.append(f);
  }, `${s4.origin}/poster.html`);
  await o.page.waitForTimeout(500);
  assert.equal(await o.page.evaluate(() => document.getElementById('foreign').style.height), '150px', 'a foreign frame cannot set a height');
  s4.server.close();
  await o.context.close();
});
