// The widget's machinery under ordinary and hostile use: one state, one
// render, a life that survives moves, loads that can be superseded, timed
// out or cut off, a host page that patches built-ins, a start that fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, startServer, openPage, ready, settled, seen, canvasColours } from './helpers.mjs';

const W = 'grdp-whatif';
const DATA = readFileSync('data/lang-son.json', 'utf8');
const page = (body, head = '') => `<!doctype html><html lang="vi"><head><meta charset="utf-8">${head}</head><body>${body}<script src="/embed.js"></script></body></html>`;

let browser, srv;
let hung = [];
before(async () => {
  browser = await launch();
  srv = await startServer({
    '/plain.html': page(`<div id="a"><${W} id="w" lang="vi"></${W}></div><div id="b"></div>`),
    '/two.html': page(`<${W} id="w" src="/slow.json"></${W}>`),
    '/other.json': DATA.replace('"id": "lang-son"', '"id": "other"').replace('"vi": "Lạng Sơn", "en": "Lạng Sơn"', '"vi": "Tỉnh Khác", "en": "Other Province"').replace(/"Lạng Sơn"/g, '"Tỉnh Khác"'),
    '/slow.json': (req, res) => { setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(DATA), 1500); },
    '/silent.json': (req, res) => { hung.push(res); },
    '/huge.json': (req, res) => {
      // 50 MB, sent in pieces: the widget must stop reading after 1 MB.
      res.writeHead(200, { 'content-type': 'application/json' });
      let sent = 0;
      const chunk = Buffer.alloc(256 * 1024, 32);
      const push = () => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) { res.once('drain', push); return; }
        }
        res.end();
      };
      res.on('close', () => { srv.hugeSent = sent; });
      push();
    },
    '/en-nowasm.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="script-src 'self'"></head><body><${W}></${W}><script src="/embed.js"></script></body></html>`,
    '/patched.html': `<!doctype html><html lang="vi"><head><meta charset="utf-8"><script>
      // A host page of the Prototype.js era: patched built-ins, enumerable inherited properties.
      Object.prototype.evil = 'x';
      Object.prototype.toJSON = function () { return { patched: true }; };
      Array.prototype.toJSON = function () { return 'patched'; };
      Array.prototype.evilToo = 1;
      Number.prototype.toString = function () { return 'NaN'; };
      JSON.stringify = function () { return '{"patched":true}'; };
    </script></head><body><${W} id="w" sync-hash></${W}><script src="/embed.js"></script></body></html>`,
    '/clean.html': page(`<${W} id="w" sync-hash></${W}>`),
    '/frame.html': '<!doctype html><html><body style="margin:0"><iframe id="f" src="/index.html" style="width:800px;height:900px;border:0"></iframe></body></html>',
  });
});
after(async () => { for (const r of hung) r.destroy(); await browser?.close(); srv?.server.close(); });

const open = async (path, opts = {}) => {
  const o = await openPage(browser, { allowed: (u) => u.startsWith(srv.origin) || u.startsWith('data:') || u.startsWith('blob:'), ...opts });
  await o.page.goto(`${srv.origin}${path}`);
  return o;
};

const done = async (o) => {
  assert.deepEqual(o.log.errors, [], 'no console or page errors');
  await o.context.close();
};

test('table view open, then another indicator: no error, the table follows', async () => {
  const o = await open('/plain.html');
  await ready(o.page);
  await o.page.locator(`${W} button`, { hasText: 'Bảng số liệu' }).click();
  for (const id of ['structure', 'exports', 'investment', 'grdpPerCapita']) {
    await o.page.locator(`${W} select.indsel`).selectOption(id);
    const s = await seen(o.page);
    assert.equal(s.state.indicator, id);
    assert.ok(s.cards.length > 0 && s.sentence.length > 20, id);
    const caption = await o.page.locator(`${W} caption`).innerText();
    assert.ok(caption.length > 5, id);
  }
  await done(o);
});

test('the indicator select by keyboard (Home, then arrows): controls and state agree, drags work', async () => {
  const o = await open('/plain.html');
  await ready(o.page);
  const sel = o.page.locator(`${W} select.indsel`);
  await sel.focus();
  await o.page.keyboard.press('End');
  await o.page.keyboard.press('Home');
  await o.page.keyboard.press('ArrowDown');
  await o.page.keyboard.press('ArrowDown');
  const s = await seen(o.page);
  assert.equal(s.state.indicator, 'exports');
  // The select keeps the focus.
  assert.equal(await o.page.evaluate(() => document.querySelector('grdp-whatif').shadowRoot.activeElement?.className), 'indsel');
  // The controls on screen are the exports' ones, and they move the state.
  assert.deepEqual(Object.keys(s.fields).sort(), ['growth', 'spread', 'targetValue', 'targetYear']);
  await o.page.locator(`${W} #gw-growth-r`).focus();
  await o.page.keyboard.press('ArrowRight');
  assert.equal((await seen(o.page)).state.scenario.growth, 0.106);
  await done(o);
});

test('moving the element keeps the scenario and the engine; ready fires once', async () => {
  const o = await openPage(browser, { allowed: (u) => u.startsWith(srv.origin) || u.startsWith('data:') || u.startsWith('blob:') });
  await o.page.addInitScript(() => {
    window.__ready = 0;
    document.addEventListener('grdp-whatif:ready', () => { window.__ready++; });
    // Count wasm instances made.
    window.__instances = 0;
    const orig = WebAssembly.Instance;
    WebAssembly.Instance = function (...a) { window.__instances++; return new orig(...a); };
    WebAssembly.Instance.prototype = orig.prototype;
  });
  await o.page.goto(`${srv.origin}/plain.html`);
  await ready(o.page);
  await o.page.locator(`${W} #gw-realGrowth-r`).focus();
  await o.page.keyboard.press('ArrowRight');
  await o.page.keyboard.press('ArrowRight');
  const before = await seen(o.page);
  assert.equal(before.state.scenario.realGrowth, 0.107);
  for (let i = 0; i < 6; i++) {
    await o.page.evaluate((i) => {
      const w = document.getElementById('w');
      if (i % 2) { w.remove(); document.body.append(w); } else document.getElementById(i % 4 ? 'a' : 'b').append(w);
    }, i);
  }
  await o.page.waitForTimeout(300);
  const after = await seen(o.page);
  assert.deepEqual(after.state, before.state, 'the scenario stays');
  assert.deepEqual(after.cards, before.cards);
  assert.equal(await o.page.evaluate(() => window.__ready), 1, 'ready fired once');
  assert.ok(await canvasColours(o.page.locator(`${W} canvas.chart`)) > 20, 'the chart is still drawn');
  // A slider still works after the moves; destroy() ends the life.
  await o.page.locator(`${W} #gw-realGrowth-r`).focus();
  await o.page.keyboard.press('ArrowRight');
  assert.equal((await seen(o.page)).state.scenario.realGrowth, 0.108);
  await o.page.evaluate(() => document.getElementById('w').destroy());
  assert.equal(await o.page.evaluate(() => document.getElementById('w').shadowRoot.childElementCount), 0);
  await done(o);
});

test('src changed while a load is in flight: the newer wins; a silent server times out; 50 MB is cut off', async () => {
  const o = await open('/two.html');
  // Superseded: the slow response arrives after the newer one, and is ignored.
  await o.page.evaluate(() => document.getElementById('w').setAttribute('src', '/other.json'));
  await ready(o.page);
  await o.page.waitForTimeout(2000);
  assert.match((await seen(o.page)).sentence, /Tỉnh Khác/, 'the newer dataset stays');
  // A server that never answers: a message in the reader's language after the timeout.
  const t0 = Date.now();
  await o.page.evaluate(() => document.getElementById('w').setAttribute('src', '/silent.json'));
  await o.page.waitForFunction(() => document.getElementById('w').state.status === 'failed', null, { timeout: 25000 });
  const s = await seen(o.page);
  assert.ok(Date.now() - t0 >= 14000, 'waited for the timeout');
  assert.match(s.message, /Không tải được dữ liệu của tiện ích này[\s\S]*không trả lời sau 15 giây/);
  assert.doesNotMatch(s.message, /Lạng Sơn|Tỉnh Khác/);
  // 50 MB: refused after 1 MB, the reading stopped.
  const memBefore = await o.page.evaluate(() => performance.memory ? performance.memory.usedJSHeapSize : 0);
  await o.page.evaluate(() => document.getElementById('w').setAttribute('src', '/huge.json'));
  await o.page.waitForFunction(() => /1 MB/.test(document.getElementById('w').shadowRoot.querySelector('.message').textContent), null, { timeout: 20000 });
  await o.page.waitForTimeout(500);
  assert.ok(srv.hugeSent < 20 * 1024 * 1024, `the server sent ${srv.hugeSent} bytes before the widget hung up`);
  const memAfter = await o.page.evaluate(() => performance.memory ? performance.memory.usedJSHeapSize : 0);
  assert.ok(memAfter - memBefore < 20e6, `heap grew ${memAfter - memBefore}`);
  // Retry after a failure: back to a good dataset.
  await o.page.evaluate(() => document.getElementById('w').setAttribute('src', '/other.json'));
  await ready(o.page);
  const errors = o.log.errors.filter((e) => !/dataset could not be used/.test(e));
  assert.deepEqual(errors, []);
  await o.context.close();
});

test('fifty language switches leave one height reporter and one resize observer', async () => {
  const o = await open('/frame.html');
  await o.page.evaluate(() => { window.__heights = 0; addEventListener('message', (e) => { if (e.data && e.data.type === 'grdp-whatif:height') window.__heights++; }); });
  const frame = o.page.frameLocator('#f');
  await o.page.waitForFunction(() => {
    const d = document.getElementById('f').contentDocument;
    const el = d && d.querySelector('grdp-whatif');
    return el && el.state && el.state.status === 'ready';
  });
  for (let i = 0; i < 50; i++) await frame.locator(`${W} .top button`).click();
  await o.page.waitForTimeout(400);
  await o.page.evaluate(() => { window.__heights = 0; });
  await o.page.evaluate(() => { document.getElementById('f').style.width = '640px'; });
  await o.page.waitForTimeout(600);
  const n = await o.page.evaluate(() => window.__heights);
  assert.ok(n >= 1 && n <= 3, `one resize sends ${n} messages`);
  await o.context.close();
});

test('a host page that patches built-ins changes nothing the widget computes or links', async () => {
  const clean = await open('/clean.html');
  await ready(clean.page);
  const patched = await open('/patched.html');
  await ready(patched.page);
  for (const o of [clean, patched]) {
    await o.page.locator(`${W} #gw-realGrowth-r`).focus();
    for (let i = 0; i < 3; i++) await o.page.keyboard.press('ArrowLeft');
    await o.page.locator(`${W} button[data-preset="trend"]`).click();
    await o.page.locator(`${W} #gw-inflation-r`).evaluate((r) => { r.value = '4'; r.dispatchEvent(new Event('input')); });
  }
  await clean.page.waitForTimeout(400);
  const a = await seen(clean.page);
  const b = await seen(patched.page);
  assert.deepEqual(b.cards, a.cards, 'the same readouts (the trend card included)');
  assert.equal(b.sentence, a.sentence);
  assert.equal(b.link, a.link);
  assert.doesNotMatch(b.link, /evil|patched/, 'no inherited property in the link');
  assert.equal(await patched.page.evaluate(() => location.hash), a.link);
  await done(clean);
  await done(patched);
});

test('a wasm start that fails says so in the page language and can be tried again', async () => {
  // An English page whose CSP forbids wasm: the message is in English.
  const o = await open('/en-nowasm.html');
  await settled(o.page);
  const s = await seen(o.page);
  assert.equal(s.state.status, 'failed');
  assert.match(s.message, /This browser cannot run the widget/);
  await o.context.close();
  // A compile that fails once (the engine refuses), then works: the retry starts it.
  const p = await open('/plain.html', {});
  await p.page.close();
  const ctx = p.context;
  const page2 = await ctx.newPage();
  await page2.addInitScript(() => {
    let fails = 1;
    const compile = WebAssembly.compile;
    const streaming = WebAssembly.compileStreaming;
    WebAssembly.compileStreaming = function (...a) { if (fails > 0) return Promise.reject(new Error('refused')); return streaming.apply(this, a); };
    WebAssembly.compile = function (...a) { if (fails > 0) { fails--; return Promise.reject(new Error('refused once')); } return compile.apply(this, a); };
  });
  const errors = [];
  page2.on('pageerror', (e) => errors.push(e.message));
  await page2.goto(`${srv.origin}/plain.html`);
  await settled(page2);
  assert.equal((await seen(page2)).state.status, 'failed');
  await page2.locator(`${W} .fatal button`).click();
  await ready(page2);
  assert.match((await seen(page2)).cards[0], /12,8%\/năm/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('events from controls no longer on the page are ignored', async () => {
  const o = await open('/plain.html');
  await ready(o.page);
  // Keep a handle on a slider of the first indicator, switch indicator, fire it.
  await o.page.evaluate(() => { const r = document.getElementById('w').shadowRoot; window.__old = r.querySelector('#gw-realGrowth-r'); });
  await o.page.locator(`${W} select.indsel`).selectOption('forestCover');
  const before = await seen(o.page);
  await o.page.evaluate(() => { window.__old.value = '3'; window.__old.dispatchEvent(new Event('input')); });
  const after = await seen(o.page);
  assert.deepEqual(after.state, before.state);
  await done(o);
});

test('a slider step draws no canvas text in place (no restyle forced mid-step) and its labels come back pixel for pixel', async () => {
  const o = await open('/plain.html');
  await ready(o.page);
  await o.page.waitForFunction(() => performance.getEntriesByName('grdp-whatif:first-chart').length > 0);
  const overlayHash = () => o.page.evaluate(() => {
    const c = document.querySelector('grdp-whatif').shadowRoot.querySelectorAll('canvas');
    const top = c[c.length - 1];
    const d = top.getContext('2d').getImageData(0, 0, top.width, top.height).data;
    let h = 2166136261, ink = 0;
    for (let i = 0; i < d.length; i += 4) { h = Math.imul(h ^ d[i] ^ (d[i + 1] << 8) ^ (d[i + 2] << 16) ^ (d[i + 3] << 24), 16777619); if (d[i + 3]) ink++; }
    return { h, ink };
  });
  const first = await overlayHash();
  assert.ok(first.ink > 500, 'the overlay is drawn');
  await o.page.evaluate(() => {
    const P = CanvasRenderingContext2D.prototype;
    window.__inPlace = 0; window.__copies = 0;
    for (const name of ['fillText', 'strokeText', 'measureText']) {
      const f = P[name];
      P[name] = function (...a) { if (this.canvas.isConnected) window.__inPlace++; return f.apply(this, a); };
    }
    const d = P.drawImage;
    P.drawImage = function (...a) { if (this.canvas.isConnected) window.__copies++; return d.apply(this, a); };
  });
  const slider = o.page.locator(`${W} #gw-realGrowth-r`);
  await slider.focus();
  for (let i = 0; i < 12; i++) await o.page.keyboard.press('ArrowRight');
  for (let i = 0; i < 12; i++) await o.page.keyboard.press('ArrowLeft');
  const counts = await o.page.evaluate(() => ({ inPlace: window.__inPlace, copies: window.__copies }));
  assert.equal(counts.inPlace, 0, 'no fillText or measureText on a canvas in the page during the steps');
  assert.ok(counts.copies >= 24, `the labels are copied in on every step (${counts.copies})`);
  assert.deepEqual(await overlayHash(), first, 'back at the start value, the overlay is the same picture');
  await done(o);
});

test('committing a field changes only what the reader typed: Enter in an untouched field keeps the target, two decimals stay', async () => {
  const o = await open('/plain.html');
  await ready(o.page);
  await o.page.locator(`${W} select.indsel`).selectOption('domesticRevenue');
  const before = await seen(o.page);
  const cards = before.cards.join(' | ');
  const target = o.page.locator(`${W} #gw-targetValue`);
  await target.focus();
  await o.page.keyboard.press('Enter');
  await o.page.locator(`${W} #gw-targetYear`).focus();
  const after = await seen(o.page);
  assert.deepEqual(after.state.scenario, before.state.scenario, 'the scenario is unchanged');
  assert.equal(after.cards.join(' | '), cards, 'the cards are unchanged');
  // A typed two-decimal rate is kept as typed (the field's refresh is not read back).
  await o.page.locator(`${W} select.indsel`).selectOption('grdpPerCapita');
  const g = o.page.locator(`${W} #gw-realGrowth`);
  await g.fill('9,84');
  await g.press('Enter');
  await g.press('Tab');
  assert.equal((await seen(o.page)).state.scenario.realGrowth, 0.0984);
  await done(o);
});

// A start works out its first state in one task and shows it in the next
// (start-up in short tasks). What lands in between is shown, or ends the
// start cleanly. The hook runs what a host page would do right after the
// engine has presented the first state, before it is on screen.
for (const [what, act, check] of [
  ['a language switch', 'el.setAttribute("lang", "en")', async (o, s) => {
    assert.equal(s.state.lang, 'en');
    assert.equal(await o.page.locator(`${W} .gw`).getAttribute('lang'), 'en');
    assert.match(s.cards[0], /per year|a year|\/year/i, s.cards[0]);
  }],
  ['an indicator attribute set', 'el.setAttribute("indicator", "exports")', async (o, s) => {
    assert.equal(s.state.indicator, 'exports');
    assert.equal(await o.page.locator(`${W} select.indsel`).inputValue(), 'exports');
    assert.match(s.title, /[Xx]uất khẩu/, s.title);
  }],
  ['a scenario attribute set', 'el.setAttribute("scenario", "#v=1&g=0.09&ty=2031")', async (o, s) => {
    assert.equal(s.state.scenario.realGrowth, 0.09);
    assert.equal(s.state.scenario.targetYear, 2031);
    assert.match(s.link, /g=0\.09/);
  }],
  ['a move to another place in the page', 'document.getElementById("b").appendChild(el)', async (o, s) => {
    assert.equal(await o.page.evaluate(() => document.getElementById('w').parentElement.id), 'b');
    assert.match(s.cards[0], /12,8%\/năm/);
    assert.equal(await o.page.evaluate(() => window.__ready), 1, 'ready fired once');
  }],
  ['a removal and a return', 'el.remove(); setTimeout(() => document.getElementById("b").appendChild(el), 200)', async (o, s) => {
    // Ready fires once the view is on screen: when the element is back.
    await o.page.waitForFunction(() => window.__ready === 1, null, { timeout: 5000 });
    assert.equal(await o.page.evaluate(() => document.getElementById('w').isConnected), true);
    assert.match(s.cards[0], /12,8%\/năm/);
  }],
  ['a new dataset', 'el.setDataset(window.__other)', async (o, s) => {
    // The sentence names the dataset's province (the titles are the
    // copied dataset's own words).
    assert.match(s.sentence, /Tỉnh Khác/, s.sentence);
    assert.doesNotMatch(s.sentence, /Lạng Sơn/);
    assert.equal(await o.page.evaluate(() => window.__ready), 1, 'ready fired once');
  }],
]) {
  test(`${what} while the first state is being worked out is shown`, async () => {
    const o = await openPage(browser, { allowed: (u) => u.startsWith(srv.origin) || u.startsWith('data:') || u.startsWith('blob:') });
    const other = await (await fetch(`${srv.origin}/other.json`)).text();
    await o.page.addInitScript(({ act, other }) => {
      window.__other = other;
      window.__ready = 0;
      document.addEventListener('grdp-whatif:ready', () => { window.__ready += 1; });
      customElements.whenDefined('grdp-whatif').then(() => {
        const P = customElements.get('grdp-whatif').prototype;
        const present = P._present;
        let fired = false;
        P._present = function (view) {
          const r = present.call(this, view);
          if (!fired && this.state.status === 'loading') {
            fired = true;
            const el = this;
            // eslint-disable-next-line no-new-func
            queueMicrotask(() => { window.__acted = true; new Function('el', act)(el); });
          }
          return r;
        };
      });
    }, { act, other });
    await o.page.goto(`${srv.origin}/plain.html`);
    await ready(o.page);
    await o.page.waitForTimeout(300);
    assert.equal(await o.page.evaluate(() => window.__acted), true, 'the hook ran inside the start');
    await check(o, await seen(o.page));
    await done(o);
  });
}

test('destroy() while the first state is being worked out ends the start: nothing drawn after, no error', async () => {
  const o = await openPage(browser, { allowed: (u) => u.startsWith(srv.origin) || u.startsWith('data:') || u.startsWith('blob:') });
  await o.page.addInitScript(() => {
    customElements.whenDefined('grdp-whatif').then(() => {
      const P = customElements.get('grdp-whatif').prototype;
      const present = P._present;
      P._present = function (view) {
        const r = present.call(this, view);
        if (this.state.status === 'loading' && !window.__acted) { window.__acted = true; queueMicrotask(() => this.destroy()); }
        return r;
      };
    });
  });
  await o.page.goto(`${srv.origin}/plain.html`);
  await o.page.waitForFunction(() => window.__acted === true, null, { timeout: 15000 });
  await o.page.waitForTimeout(500);
  const left = await o.page.evaluate(() => ({ nodes: document.getElementById('w').shadowRoot.childNodes.length, status: document.getElementById('w').state.status }));
  assert.equal(left.nodes, 0, 'the shadow root stays empty');
  assert.equal(left.status, 'destroyed');
  await done(o);
});

test('lang and theme taken away go back to what they are without them (the page language, the system theme)', async () => {
  const o = await open('/plain.html');
  await ready(o.page);
  const lang = () => o.page.evaluate(() => document.getElementById('w').state.lang);
  const theme = () => o.page.evaluate(() => document.getElementById('w').state.theme);
  await o.page.evaluate(() => { const el = document.getElementById('w'); el.setAttribute('lang', 'en'); el.setAttribute('theme', 'dark'); });
  assert.equal(await lang(), 'en');
  assert.equal(await theme(), 'dark');
  await o.page.evaluate(() => { const el = document.getElementById('w'); el.removeAttribute('lang'); el.removeAttribute('theme'); });
  assert.equal(await lang(), 'vi', 'the page is <html lang="vi">');
  assert.equal(await theme(), 'auto');
  await o.page.evaluate(() => { document.documentElement.lang = 'en'; const el = document.getElementById('w'); el.setAttribute('lang', 'fr'); });
  assert.equal(await lang(), 'en', 'not one of ours: the page language');
  assert.match((await seen(o.page)).cards[0], /a year/);
  await done(o);
});
