// A seeded random reader: clicks, keys, typed text (1e309, -0, ١٢, １２,
// 10,5,5, emoji…), slider drags, resizes, view / language / theme /
// indicator switches, hovers, for a bounded number of steps. No page error
// may happen, and at the end the share link must reproduce the screen.
// GRDP_RANDOM_STEPS and GRDP_RANDOM_SEED change the run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startServer, openPage, ready, seen } from './helpers.mjs';

const STEPS = Number(process.env.GRDP_RANDOM_STEPS || 600);
const SEED = Number(process.env.GRDP_RANDOM_SEED || 20261201);
const TEXTS = ['1e309', '-0', '١٢', '１２', '10,5,5', '😀', '', 'abc', '12', '3,5', '-2', '2031', '99999', '0,001', ' 7 ', '+4', '1.5', '2040', '-5', '20', 'NaN', '<b>x</b>'];
const KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown', 'Enter', ' ', 'Escape', 'Tab', 'Shift+Tab'];

let browser, srv;
before(async () => { browser = await launch(); srv = await startServer(); });
after(async () => { await browser?.close(); srv?.server.close(); });

function rng(seed) {
  let a = seed >>> 0;
  return () => { a = (a + 0x6D2B79F5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

test(`a seeded random reader (${STEPS} steps, seed ${SEED}): no error, and the link reproduces the screen`, async () => {
  const rand = rng(SEED);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const o = await openPage(browser, { allowed: (u) => u.startsWith(srv.origin) || u.startsWith('data:') || u.startsWith('blob:') });
  await o.context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  await o.page.goto(`${srv.origin}/`);
  await ready(o.page);
  const did = {};
  const log = [];
  for (let step = 0; step < STEPS; step++) {
    const kind = pick(['click', 'click', 'key', 'key', 'type', 'type', 'slide', 'slide', 'select', 'resize', 'hover', 'details']);
    did[kind] = (did[kind] || 0) + 1;
    log.push(kind);
    const r = rand();
    const ok = await o.page.evaluate(({ kind, r, text, key, w }) => {
      const el = document.querySelector('grdp-whatif');
      const root = el.shadowRoot;
      const all = (sel) => [...root.querySelectorAll(sel)].filter((x) => !x.closest('[hidden]') && x.getClientRects().length);
      const one = (xs) => xs[Math.floor(r * xs.length)];
      if (kind === 'click') {
        const b = one(all('button').filter((b) => !/PNG|SVG|CSV/.test(b.textContent)));
        if (b) b.click();
      } else if (kind === 'type') {
        const f = one(all('.ctl input[type=text]'));
        if (f) { f.focus(); f.value = text; f.dispatchEvent(new Event('change')); }
      } else if (kind === 'slide') {
        const s = one(all('input[type=range]'));
        if (s) { const min = Number(s.min), max = Number(s.max); s.value = String(min + (max - min) * r); s.dispatchEvent(new Event('input')); if (r < 0.5) s.dispatchEvent(new Event('change')); }
      } else if (kind === 'select') {
        const sel = one(all('select'));
        if (sel && sel.options.length) { sel.selectedIndex = Math.floor(r * sel.options.length); sel.dispatchEvent(new Event('change')); }
      } else if (kind === 'details') {
        const d = one(all('summary'));
        if (d) d.click();
      } else if (kind === 'key') {
        const f = one(all('button, input, select, canvas, summary'));
        if (f) f.focus();
        return 'key';
      } else if (kind === 'hover') {
        return 'hover';
      } else if (kind === 'resize') {
        return 'resize';
      }
      return true;
    }, { kind, r, text: pick(TEXTS), key: pick(KEYS), w: 0 });
    if (ok === 'key') { const k = pick(KEYS); if (process.env.GRDP_RANDOM_DEBUG && step === 146) console.log('BEFORE', await o.page.evaluate(() => { const r = document.querySelector('grdp-whatif').shadowRoot; const f = r.querySelector('#gw-targetValue'); return JSON.stringify({ v: f && f.value, act: r.activeElement && r.activeElement.outerHTML.slice(0, 200) }); })); log.push(k + '@' + await o.page.evaluate(() => { const a = document.querySelector('grdp-whatif').shadowRoot.activeElement; return a ? (a.id || a.tagName) + ':' + (a.value || '') : 'none'; })); await o.page.keyboard.press(k); }
    if (ok === 'resize') await o.page.setViewportSize({ width: 320 + Math.floor(rand() * 980), height: 600 + Math.floor(rand() * 400) });
    if (ok === 'hover') {
      const box = await o.page.locator('grdp-whatif canvas.chart').boundingBox().catch(() => null);
      if (box) await o.page.mouse.move(box.x + rand() * box.width, box.y + rand() * box.height);
    }
    if (process.env.GRDP_RANDOM_DEBUG) {
      const bad = await o.page.evaluate(() => {
        const el = document.querySelector('grdp-whatif');
        const life = el._life;
        const p = life.memo && life.memo.p;
        if (!p || life.state.status !== 'ready') return null;
        for (const c of p.controls) {
          const f = el.shadowRoot.querySelector(`#gw-${c.key}`);
          if (f && !life.state.drafts[c.key] && f.value !== c.text && el.shadowRoot.activeElement !== f) return { key: c.key, shown: f.value, want: c.text, n: el.shadowRoot.querySelectorAll(`#gw-${c.key}`).length, written: life.built.fields.find((x) => x.key === c.key)?.written, same: life.built.fields.find((x) => x.key === c.key)?.num === f, shape: life.built.shape, pshape: p.shape, drafts: life.state.drafts, active: el.shadowRoot.activeElement?.id };
        }
        return null;
      });
      if (bad) { console.log('MISMATCH at', step, kind, JSON.stringify(bad), JSON.stringify(log.slice(-6))); break; }
    }
    if (step % 50 === 0) {
      const s = await seen(o.page);
      assert.equal(s.state.status, 'ready', `step ${step}`);
    }
  }
  await o.page.keyboard.press('Escape');
  await o.page.waitForTimeout(400);
  assert.deepEqual(o.log.errors, [], `no page errors (did ${JSON.stringify(did)})`);
  // The link reproduces what is on the screen.
  const end = await seen(o.page);
  const hash = await o.page.evaluate(() => location.hash);
  assert.equal(hash, end.link, 'the page address holds the link');
  const o2 = await openPage(browser, { allowed: (u) => u.startsWith(srv.origin) || u.startsWith('data:') || u.startsWith('blob:'), viewport: o.page.viewportSize() });
  await o2.page.goto(`${srv.origin}/${hash}`);
  await ready(o2.page);
  const again = await seen(o2.page);
  const { hover, ...a } = end.state;
  assert.deepEqual({ ...again.state }, { ...a }, `state from ${hash}`);
  assert.deepEqual(again.cards, end.cards, 'the same cards');
  assert.equal(again.sentence, end.sentence, 'the same sentence');
  assert.equal(again.title, end.title);
  // Only fields with no draft (what the reader typed and was refused) must match.
  for (const [k, v] of Object.entries(again.fields)) if (!end.errors[k]) assert.equal(v, end.fields[k], `field ${k}: ${JSON.stringify({ end, again })}`);
  assert.deepEqual(o2.log.errors, []);
  await o2.context.close();
  await o.context.close();
});
