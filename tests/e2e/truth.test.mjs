// What the widget says is the reader's own, not the dataset's: a target the
// reader tries is said under the title (which asks the dataset's question), a
// control that would change nothing is not shown, and a page that is only the
// widget speaks the reader's language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, startServer, openPage, ready, seen } from './helpers.mjs';

const W = 'grdp-whatif';
const DATA = readFileSync('data/lang-son.json', 'utf8');
// Another province's file with no exchange rate (its change kept: a desk
// that copied the example and took out only the base rate).
const NO_FX = (() => {
  const d = JSON.parse(DATA);
  delete d.assumptions.fxBase;
  return JSON.stringify(d);
})();
const page = (body) => `<!doctype html><html lang="vi"><head><meta charset="utf-8"></head><body>${body}<script src="/embed.js"></script></body></html>`;

let browser, srv;
before(async () => {
  browser = await launch();
  srv = await startServer({
    '/no-fx.json': NO_FX,
    '/no-fx.html': page(`<${W} id="w" src="/no-fx.json"></${W}>`),
    '/plain.html': page(`<${W} id="w"></${W}>`),
    '/en.html': page(`<${W} id="w" lang="en"></${W}>`),
  });
});
after(async () => { await browser?.close(); srv?.server.close(); });

const open = async (path) => {
  const o = await openPage(browser, { allowed: (u) => u.startsWith(srv.origin) || u.startsWith('data:') || u.startsWith('blob:') });
  await o.page.goto(`${srv.origin}${path}`);
  await ready(o.page);
  return o;
};
const line = (o) => o.page.evaluate(() => {
  const p = document.querySelector('grdp-whatif').shadowRoot.querySelector('.retarget');
  return p && !p.hidden && p.getClientRects().length ? p.textContent : null;
});
const commit = async (o, id, text) => {
  const f = o.page.locator(`${W} #gw-${id}`);
  await f.fill(text);
  await f.press('Enter');
};

for (const [path, want, back] of [
  ['/plain.html', 'Mục tiêu bạn đang thử: 150 triệu đồng năm 2030; mục tiêu đề ra: 130 triệu đồng năm 2030.', '130'],
  ['/en.html', 'The target you are trying: 150 million VND by 2030; the published target: 130 million VND by 2030.', '130'],
]) {
  test(`a target the reader tries is said under the title, in the reader's language, and goes with Reset or the target put back (${path})`, async () => {
    const o = await open(path);
    assert.equal(await line(o), null, 'no line for the dataset\'s own target');
    const title = (await seen(o.page)).title;
    await commit(o, 'targetValue', '150');
    assert.equal(await line(o), want);
    assert.equal((await seen(o.page)).title, title, 'the title still asks the dataset\'s question');
    // The line sits right under the title, above the figures.
    const order = await o.page.evaluate(() => {
      const r = document.querySelector('grdp-whatif').shadowRoot;
      const y = (s) => r.querySelector(s).getBoundingClientRect().top;
      return [y('.title'), y('.retarget'), y('.readout')];
    });
    assert.ok(order[0] < order[1] && order[1] < order[2], `${order}`);
    await commit(o, 'targetValue', back);
    assert.equal(await line(o), null, 'the dataset\'s target again: no line');
    await commit(o, 'targetYear', '2033');
    assert.match(await line(o), /2033/);
    await o.page.locator(`${W} .actions ~ *, ${W} button`).filter({ hasText: /^(Đặt lại|Reset)/ }).first().click();
    assert.equal(await line(o), null, 'Reset: the dataset\'s target, no line');
    assert.deepEqual(o.log.errors, []);
    await o.context.close();
  });
}

test('a dataset without an exchange rate shows no exchange-rate slider and no USD figure; the example dataset has both', async () => {
  const o = await open('/no-fx.html');
  const s = await seen(o.page);
  assert.ok('inflation' in s.fields, JSON.stringify(s.fields));
  assert.ok(!('fxChange' in s.fields), JSON.stringify(s.fields));
  const text = await o.page.evaluate(() => document.querySelector('grdp-whatif').shadowRoot.querySelector('.main').innerText);
  assert.doesNotMatch(text, /USD/);
  // Switching to the example dataset brings the slider back.
  await o.page.evaluate((d) => document.querySelector('grdp-whatif').setDataset(d), DATA);
  await o.page.waitForFunction(() => document.querySelector('grdp-whatif').shadowRoot.querySelector('#gw-fxChange'));
  assert.match(await o.page.evaluate(() => document.querySelector('grdp-whatif').shadowRoot.querySelector('.main').innerText), /USD/);
  assert.deepEqual(o.log.errors, []);
  await o.context.close();
});

test('the standalone page says the widget\'s language and question as its own (page-lang); an article\'s page is left alone', async () => {
  const o = await open('/');
  const doc = () => o.page.evaluate(() => ({ lang: document.documentElement.lang, title: document.title }));
  let d = await doc();
  assert.equal(d.lang, 'vi');
  assert.match(d.title, /^GRDP bình quân đầu người của Lạng Sơn: .* \| grdp-whatif$/);
  await o.page.locator(`${W} .top button`).click();
  await o.page.waitForFunction(() => document.documentElement.lang === 'en');
  d = await doc();
  assert.match(d.title, /^Lạng Sơn's GRDP per capita: .* \| grdp-whatif$/);
  await o.context.close();
  // An embed without the attribute never touches its host's page.
  const p = await open('/plain.html');
  await p.page.locator(`${W} .top button`).click();
  await p.page.waitForFunction(() => document.querySelector('grdp-whatif').state.lang === 'en');
  assert.equal(await p.page.evaluate(() => document.documentElement.lang), 'vi');
  assert.equal(await p.page.evaluate(() => document.title), '');
  await p.context.close();
});
