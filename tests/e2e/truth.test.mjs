// Editorial truth, as a reader sees it: every indicator in both languages
// shows what the engine says for its model (the page adds nothing of its
// own), the false claims of earlier rounds cannot appear, English is
// English, dataset text cannot turn the widget's own around, and the
// downloads carry what a desk needs to publish.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openPage, startServer, ready, seen } from './helpers.mjs';

let browser, server, origin;
const W = 'grdp-whatif';
const DATASET = JSON.parse(readFileSync('data/lang-son.json', 'utf8'));
// A source title with an unterminated right-to-left override, and the
// dataset inline in a page of its own.
const tricky = JSON.parse(JSON.stringify(DATASET));
tricky.sources[2].title = { vi: 'Tổng kết \u202Enăm 2021', en: 'Review \u202Eof 2021' };
const inline = (d, attrs = '') => `<!doctype html><html lang="vi"><meta charset="utf-8"><body><${W} ${attrs}><script type="application/json">${JSON.stringify(d).replace(/</g, '\\u003c')}</script></${W}><script src="/embed.js"></script></body></html>`;

before(async () => {
  browser = await launch();
  ({ server, origin } = await startServer({ '/tricky.html': inline(tricky), '/en.html': inline(DATASET, 'lang="en"') }));
});
after(async () => { await browser?.close(); server?.close(); });

async function open(path = '/index.html') {
  const o = await openPage(browser, { viewport: { width: 1100, height: 1000 } });
  await o.page.goto(origin + path);
  await ready(o.page);
  return o;
}

/** What the engine presents for the widget's current state (its own API, a fresh engine). */
function engineSays(page) {
  return page.evaluate(async () => {
    const el = document.querySelector('grdp-whatif');
    const api = await GrdpWhatIf.ready;
    const e = new api.Engine();
    const s = el.state;
    const p = e.present({ indicator: s.indicator, lang: s.lang, preset: s.preset, scenario: s.scenario, theme: 'light', view: 'chart' });
    e.free();
    return { cards: p.cards.map((c) => c.label + c.value + c.detail), sentence: p.sentence, title: p.title.text, chartLabel: p.chartLabel };
  });
}

const VI_LETTERS = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;
// Names a reader of English sees in Vietnamese: the province, publications, people.
const NAMES = ['Lạng Sơn', 'Báo Nhân Dân', 'Nhân Dân', 'Báo Lạng Sơn', 'Báo Pháp luật Việt Nam', 'Việt Nam', 'Phương Dung', 'Tiếng Việt', 'đồng'];

test('every indicator, in both languages: the page shows what the engine presents for its model', async () => {
  const o = await open();
  const ids = DATASET.indicators.map((i) => i.id);
  for (const lang of ['vi', 'en']) {
    await o.page.evaluate((l) => document.querySelector('grdp-whatif').setAttribute('lang', l), lang);
    for (const id of ids) {
      await o.page.locator(`${W} select.indsel`).selectOption(id);
      await o.page.waitForFunction((x) => document.querySelector('grdp-whatif').state.indicator === x, id);
      const s = await seen(o.page);
      const e = await engineSays(o.page);
      assert.deepEqual(s.cards, e.cards, `${lang} ${id}: the cards are the engine's`);
      assert.equal(s.sentence, e.sentence, `${lang} ${id}: the sentence is the engine's`);
      assert.equal(s.title, e.title, `${lang} ${id}`);
      const label = await o.page.locator(`${W} canvas.chart`).getAttribute('aria-label');
      assert.equal(label, e.chartLabel, `${lang} ${id}: the chart's words are the engine's`);
      const all = [s.title, ...s.cards, s.sentence, label].join(' | ');
      assert.doesNotMatch(all, /NaN|undefined|Infinity|null/, `${lang} ${id}`);
      // A negative rate reads as a fall.
      assert.doesNotMatch(all, /tăng -|giảm -|rise -|grows -|falls -/, `${lang} ${id}`);
      // The model's words.
      const ind = DATASET.indicators.find((i) => i.id === id);
      if (ind.model === 'termTotal') assert.match(all, lang === 'vi' ? /tổng 2026–2030/ : /total for 2026–2030/);
      if (ind.model === 'shares') assert.doesNotMatch(all, /Cần tăng|Growth needed/);
      if (ind.prices === 'constant') assert.match(all, lang === 'vi' ? /thực, theo giá so sánh/ : /real, at constant prices/);
      if (!ind.targets.length && ind.model !== 'shares') assert.match(all, lang === 'vi' ? /Chưa có/ : /None given/);
      if (lang === 'en') {
        // English is English: Vietnamese only in names, or marked lang="vi".
        const stray = await o.page.locator(W).evaluate((el, [names, re]) => {
          const letters = new RegExp(re, 'i');
          const out = [];
          const walk = document.createTreeWalker(el.shadowRoot, NodeFilter.SHOW_TEXT);
          for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            const p = n.parentElement;
            if (!p || p.closest('[hidden], option, .sr, style') || !p.getClientRects().length) continue;
            if (p.closest('[lang]').getAttribute('lang') === 'vi') continue;
            let t = n.data;
            for (const name of [...names].sort((a, b) => b.length - a.length)) t = t.split(name).join('');
            if (letters.test(t)) out.push(n.data.slice(0, 80));
          }
          return out;
        }, [NAMES, VI_LETTERS.source]);
        assert.deepEqual(stray, [], `${id}: Vietnamese in English mode, not marked lang="vi"`);
      }
    }
  }
  assert.deepEqual(o.log.errors, []);
  await o.context.close();
});

test('false claims of earlier rounds: a target below the base, shares beyond 0–100, a term total drawn as a path', async () => {
  // #v=1&tv=50: 71.1 is above 50 already.
  let o = await open('/index.html#v=1&tv=50');
  let s = await seen(o.page);
  let all = [...s.cards, s.sentence].join(' | ');
  assert.match(all, /Đã đạt|đã đạt mục tiêu từ năm 2025/, all);
  assert.doesNotMatch(all, /không đạt|chưa đạt|(^|[^\d,])0%\s*trong/, all);
  await o.context.close();
  // Forest cover falling 5 points a year: it stops at 0 %, never below.
  o = await open('/index.html#v=1&ind=forestCover&gr=-5&ty=2045');
  s = await seen(o.page);
  all = [...s.cards, s.sentence].join(' | ');
  assert.doesNotMatch(all, /-\d+(,\d+)?%(?!\/năm)|−\d/, all);
  assert.match(all, /0,0%|còn 0/, all);
  await o.context.close();
  // Investment: a five-year total against the term's target, as bars.
  o = await open('/index.html#v=1&ind=investment&gr=-0.1');
  s = await seen(o.page);
  const chosen = s.cards.find((c) => c.includes('163,5'));
  assert.ok(chosen && /chưa đạt mục tiêu/.test(chosen) && !/trong khoảng/.test(chosen), JSON.stringify(s.cards));
  assert.match(s.sentence, /chưa đạt mục tiêu/);
  assert.doesNotMatch(s.sentence, /trong khoảng mục tiêu/);
  await o.context.close();
  // No target: no "0% of the target", no growth needed for it.
  o = await open('/index.html#v=1&ind=poorHouseholds');
  s = await seen(o.page);
  all = [...s.cards, s.sentence].join(' | ');
  assert.doesNotMatch(all, /0% mục tiêu|cần tăng 0,0%|Cần tăng/, all);
  await o.context.close();
});

test('text from a dataset cannot reorder the widget\'s own: an unterminated right-to-left override stays inside its isolate', async () => {
  const o = await open('/tricky.html');
  // 2021's point cites the source whose title carries U+202E.
  await o.page.locator(`${W} canvas.chart`).focus();
  await o.page.keyboard.press('Home');
  await o.page.keyboard.press('ArrowRight');
  const tip = await o.page.locator(W).evaluate((el) => [...el.shadowRoot.querySelectorAll('.tip > *')].map((n) => n.textContent));
  assert.equal(tip[0], '2021', JSON.stringify(tip));
  const cited = tip.find((l) => l.includes('\u202E'));
  assert.ok(cited, JSON.stringify(tip));
  // The override sits between an isolate's start and its end.
  const i = cited.indexOf('\u202E');
  assert.ok(cited.lastIndexOf('\u2068', i) >= 0 && cited.indexOf('\u2069', i) > i, JSON.stringify(cited));
  // The sources list isolates it with <bdi>.
  const bdi = await o.page.locator(W).evaluate((el) => [...el.shadowRoot.querySelectorAll('.sources bdi')].some((b) => b.textContent.includes('\u202E')));
  assert.ok(bdi);
  await o.context.close();
});

test('English mode from the first load: source titles and dates in English; the PNG, SVG and CSV a desk can publish', async () => {
  const o = await open('/en.html');
  // Each title quoted as published, marked Vietnamese, with its English beside it; dates in English.
  const sources = await o.page.locator(`${W} .sources li`).allTextContents();
  assert.ok(sources.some((s) => /“Nhìn lại nhiệm kỳ 2020-2025: [^”]*” \(The 2020–2025 term in review/.test(s)), sources.join('\n'));
  assert.ok(sources.every((s) => !/trước Đại hội|tổng kết năm/.test(s)), sources.join('\n'));
  const marked = await o.page.locator(W).evaluate((el) => [...el.shadowRoot.querySelectorAll('.sources bdi')].filter((b) => /Nhìn lại nhiệm kỳ/.test(b.textContent)).map((b) => b.getAttribute('lang')));
  assert.deepEqual(marked, ['vi']);
  // The SVG: the same picture, with its title, scenario line, legend, source and credit.
  const [svg] = await Promise.all([o.page.waitForEvent('download'), o.page.locator(`${W} button`, { hasText: 'SVG' }).click()]);
  const text = readFileSync(await svg.path(), 'utf8');
  const words = [...text.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&amp;/g, '&')).join(' ');
  assert.match(words, /GRDP per capita/);
  assert.match(words, /real GRDP|Real GRDP/);
  assert.match(words, /Source/);
  assert.match(words, /grdp-whatif widget/);
  assert.match(words, /2021–2025 trend/);
  // The PNG: twice the picture's CSS size, painted (many colours), in the theme.
  const [png] = await Promise.all([o.page.waitForEvent('download'), o.page.locator(`${W} button`, { hasText: 'PNG' }).click()]);
  const buf = readFileSync(await png.path());
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  assert.ok(width >= 1600 && height >= 900, `${width}×${height}`);
  const colours = await o.page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const x = c.getContext('2d');
    x.drawImage(img, 0, 0);
    const d = x.getImageData(0, 0, c.width, c.height).data;
    const seenC = new Set();
    for (let i = 0; i < d.length; i += 4 * 13) seenC.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return { colours: seenC.size, corner: [d[0], d[1], d[2]] };
  }, buf.toString('base64'));
  assert.ok(colours.colours > 50, JSON.stringify(colours));
  // CSV: English headers with units, the alternatives with their sources.
  const [csv] = await Promise.all([o.page.waitForEvent('download'), o.page.locator(`${W} button`, { hasText: 'CSV' }).click()]);
  const rows = readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  assert.match(rows[0], /^Year,Figure from the sources \(million VND\),Source,/);
  assert.match(rows.join('\n'), /44\.5 \(Publication unknown, saved copy/);
  assert.deepEqual(o.log.errors, []);
  await o.context.close();
});
