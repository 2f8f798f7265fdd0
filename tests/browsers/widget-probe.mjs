// Everything tests/browsers/ knows about the widget's DOM lives here, so that a
// change to the widget's markup is adapted in this one file.
//
// The in-page functions (probe, focusSlider, pressLanguage, waitHash) are sent
// to the browser as source by harness.eval(): each must be self-contained (no
// imports, no closures over this module) and return plain JSON. The node-side
// part (SLIDER, expect*, compare*) says what run.mjs checks the results
// against: each returns a list of problems, empty when the check passes.
//
// The DOM (www/src/element.js, controls.js, chart.js): <grdp-whatif> with an
// open shadow root holding div.gw > div.main with
//   .bar.top        the indicator select, the theme select and the language
//                   button (its one <button>; it names the language it
//                   switches to: "English" / "Tiếng Việt"),
//   h2.title        the headline,
//   .readouts > .readout (.label, .big, .small)   the cards,
//   .chartwrap > .chartbox > canvas.chart-base, canvas.chart   the chart's
//                   two layers (base: axes; top: the lines),
//   .ctl[data-key] > input[type=range]#gw-<key>-r, input#gw-<key>  a control
//                   (percent keys in percent: 0.105 → "10.5"),
//   p.narrative     the sentence.
// The element's el.state is { status, indicator, lang, theme, view, preset,
// scenario } (status 'ready' once drawn); el.link is the share link of what
// is shown ("#v=1&lang=…&g=…"); with the sync-hash attribute (both pages
// tested) the widget writes it to location.hash (at most every 250 ms while
// dragging) and reads it on load.
// In an iframe (sync-hash and window.parent !== window), one ResizeObserver on
// the element posts {type: 'grdp-whatif:height', height} to the parent, height
// = ceil(the element's bottom in document coordinates). details.more ("how it
// is worked out", closed at first) is what iframe-check.mjs opens to make the
// content taller (by several hundred px) and closes to make it shorter.

/** In page: the widget as a reader sees it, and its chart's pixels. With
 *  `frame` (a selector of a same-origin iframe in the page), the widget in
 *  that frame. */
export function probe(frame) {
  const win = frame ? document.querySelector(frame).contentWindow : window;
  const doc = win.document;
  const el = doc.querySelector('grdp-whatif');
  const root = el && el.shadowRoot;
  // Text as shown, without the bidi isolates the engine puts around names.
  const clean = (s) => String(s || '').replace(/[\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  const text = (n) => (n ? clean(n.textContent) : '');
  const out = {
    present: !!el, shadow: !!root, status: null, lang: null, scenario: null, link: null,
    hash: win.location.hash, url: win.location.href.split('#')[0], readyState: doc.readyState,
    title: '', cards: [], labels: [], sentence: '', langButton: '', rootLang: null, allText: '', sliders: {}, chart: null,
  };
  if (!root) return out;
  let st = null;
  try { st = el.state; } catch (e) { out.stateError = String(e && e.message || e); }
  if (st) { out.status = st.status; out.lang = st.lang; out.scenario = st.scenario; }
  try { out.link = el.link; } catch (e) { out.linkError = String(e && e.message || e); }
  const gw = root.querySelector('.gw');
  out.rootLang = gw ? gw.getAttribute('lang') : null;
  out.allText = gw ? text(gw).slice(0, 20000) : '';
  out.title = text(root.querySelector('.title'));
  // A card's parts joined with " | " (textContent alone runs them together).
  out.cards = Array.from(root.querySelectorAll('.readout')).map((c) => Array.from(c.children).map(text).join(' | '));
  out.labels = Array.from(root.querySelectorAll('.readout .label')).map(text);
  out.sentence = text(root.querySelector('.narrative'));
  const lb = root.querySelector('.top button');
  out.langButton = text(lb);
  for (const r of root.querySelectorAll('input[type=range]')) {
    out.sliders[r.id.replace(/^gw-|-r$/g, '')] = { value: r.value, step: r.step, min: r.min, max: r.max };
  }
  // The chart on screen: its layers (bottom first) composed on white, then
  // compared with a blank canvas of the same size (also white): `nonBlank` is
  // the share of pixels that differ from it, `colours` the distinct colours
  // (every 7th pixel), `sig` a hash of every pixel (for "did it change").
  // `layers` says, per layer, whether its toDataURL differs from a blank one.
  const top = root.querySelector('canvas.chart');
  if (top) {
    const box = top.closest('.chartbox') || top.parentElement;
    const layers = Array.from(box.querySelectorAll('canvas'));
    const ch = out.chart = { w: top.width, h: top.height, cssW: top.clientWidth, cssH: top.clientHeight, layers: [], nonBlank: 0, colours: 0, sig: null };
    try {
      if (top.width && top.height) {
        const mk = () => { const c = doc.createElement('canvas'); c.width = top.width; c.height = top.height; return c; };
        const blank = mk();
        const blankUrl = blank.toDataURL('image/png');
        ch.layers = layers.map((c) => ({ cls: c.className, w: c.width, h: c.height, drawn: c.width === blank.width && c.height === blank.height ? c.toDataURL('image/png') !== blankUrl : null }));
        const comp = mk();
        const x = comp.getContext('2d');
        x.fillStyle = '#fff'; x.fillRect(0, 0, comp.width, comp.height);
        for (const c of layers) x.drawImage(c, 0, 0);
        const bx = blank.getContext('2d');
        bx.fillStyle = '#fff'; bx.fillRect(0, 0, blank.width, blank.height);
        const d = x.getImageData(0, 0, comp.width, comp.height).data;
        const b = bx.getImageData(0, 0, blank.width, blank.height).data;
        let diff = 0;
        let hsh = 0x811c9dc5;
        const seen = new Set();
        for (let i = 0; i < d.length; i += 4) {
          if (d[i] !== b[i] || d[i + 1] !== b[i + 1] || d[i + 2] !== b[i + 2]) diff++;
          hsh = Math.imul(hsh ^ ((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]), 16777619) >>> 0;
          if ((i / 4) % 7 === 0) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
        }
        ch.nonBlank = diff / (d.length / 4);
        ch.colours = seen.size;
        ch.sig = hsh.toString(16);
      }
    } catch (e) {
      ch.error = String(e && e.message || e);
    }
  }
  return out;
}

/** In page: focus the range input of control `key` (for a real key press
 *  sent by the harness next). */
export function focusSlider(key) {
  const root = document.querySelector('grdp-whatif').shadowRoot;
  const r = root.querySelector(`#gw-${key}-r`);
  if (!r) throw new Error(`no slider #gw-${key}-r`);
  r.scrollIntoView({ block: 'center' });
  r.focus();
  return { value: r.value, focused: root.activeElement === r };
}

/** In page: focus the range input of control `key` and scroll the page
 *  until it is `y` px from the top of the window (`y` null: neither); where it is, whether the
 *  line under the title is shown, and whether the browser has scroll
 *  anchoring of its own (WebKit has not: the widget keeps the control still). */
export function placeSlider(key, y) {
  const root = document.querySelector('grdp-whatif').shadowRoot;
  const r = root.querySelector(`#gw-${key}-r`);
  if (!r) throw new Error(`no slider #gw-${key}-r`);
  if (y != null) {
    r.focus();
    window.scrollBy(0, r.getBoundingClientRect().top - y);
  }
  const line = root.querySelector('.retarget');
  return {
    y: r.getBoundingClientRect().top, focused: root.activeElement === r, value: r.value,
    line: !!line && !line.hidden, native: CSS.supports('overflow-anchor', 'auto'),
  };
}

/** In page: press the language button (.top button); returns its label. */
export function pressLanguage() {
  const b = document.querySelector('grdp-whatif').shadowRoot.querySelector('.top button');
  if (!b) throw new Error('no language button (.top button)');
  const pressed = (b.textContent || '').trim();
  b.scrollIntoView({ block: 'center' });
  b.click();
  return { pressed };
}

/** In page: location.hash and el.link (the sync-hash pages keep them equal). */
export function linkAndHash() {
  const el = document.querySelector('grdp-whatif');
  return { hash: location.hash, link: el ? el.link : null };
}

/** In page: the heights of the iframe `frame` and of what it shows. `frameH`
 *  is the iframe's box on the host page; `content` the height its document
 *  needs without a scrollbar: the lowest of the widget's bottom and the
 *  body's bottom (plus its margin), in the frame's document coordinates,
 *  rounded up as the widget rounds its report; `scrollH` / `clientH` the
 *  frame's own scroll and viewport heights (scrollH > clientH: an inner
 *  scrollbar is needed). */
export function frameHeights(frame) {
  const f = document.querySelector(frame);
  if (!f) return { error: `no ${frame} on the host page` };
  const out = { frameH: f.getBoundingClientRect().height, styleH: f.style.height, src: f.getAttribute('src') };
  let win, doc;
  try { win = f.contentWindow; doc = win.document; } catch (e) { out.error = `the frame is not readable: ${e && e.message}`; return out; }
  if (!doc || !doc.body) { out.error = 'the frame has no document yet'; return out; }
  const el = doc.querySelector('grdp-whatif');
  const sy = win.scrollY;
  const body = doc.body.getBoundingClientRect().bottom + (parseFloat(win.getComputedStyle(doc.body).marginBottom) || 0) + sy;
  out.elBottom = el ? el.getBoundingClientRect().bottom + sy : null;
  out.content = Math.ceil(Math.max(out.elBottom || 0, body));
  out.scrollH = doc.documentElement.scrollHeight;
  out.clientH = doc.documentElement.clientHeight;
  out.status = el && el.state ? el.state.status : null;
  return out;
}

/** In page: open (`open` true) or close details.more of the widget in the
 *  iframe `frame` with a click on its summary, as a reader does. */
export function toggleMore(frame, open) {
  const root = document.querySelector(frame).contentDocument.querySelector('grdp-whatif').shadowRoot;
  const d = root.querySelector('details.more');
  if (!d) throw new Error('no details.more in the widget');
  const s = d.querySelector('summary');
  if (d.open !== open) { s.scrollIntoView({ block: 'center' }); s.click(); }
  return { open: d.open, summary: (s.textContent || '').trim() };
}

/** In page: what the widget shows beside what a fresh engine of this
 *  page's own build says for the state the widget reports (the cards, the
 *  sentence, the headline): a figure the element keeps or caches wrongly, or
 *  one this engine's wasm computes differently on a later run, differs. */
export async function screenAgainstEngine() {
  const el = document.querySelector('grdp-whatif');
  const root = el.shadowRoot;
  const clean = (s) => String(s || '').replace(/[\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  const api = await window.GrdpWhatIf.ready;
  const s = el.state;
  const e = new api.Engine();
  try {
    const p = e.present({ indicator: s.indicator, lang: s.lang, preset: s.preset || 'custom', scenario: s.scenario, theme: s.theme, view: s.view, table: s.view === 'table' });
    return {
      engine: { cards: p.cards.map((c) => [c.label, c.value, c.detail].map(clean).join(' | ')), sentence: clean(p.sentence), title: clean(p.title && p.title.text) },
      screen: {
        cards: Array.from(root.querySelectorAll('.readout')).map((c) => Array.from(c.children).map((n) => clean(n.textContent)).join(' | ')),
        sentence: clean(root.querySelector('.narrative').textContent),
        title: clean(root.querySelector('.title').textContent),
      },
    };
  } finally { e.free(); }
}

/** In page: the cards' values and the sentence of every indicator, in both
 *  languages, at its opening scenario and with its growth moved by each of
 *  `moves` (a fraction added to the scenario's growth field), from this
 *  page's own build of the engine. Compared with the same views worked out
 *  in node (figuresInNode): the maths is IEEE doubles in wasm, the same bits
 *  in every engine. */
export async function sweepFigures(moves, given) {
  // `given`: the API itself (figuresInNode); in the page, the page's own.
  const api = given || await window.GrdpWhatIf.ready;
  const e = new api.Engine();
  const out = {};
  try {
    for (const ind of e.indicators()) {
      for (const lang of ['vi', 'en']) {
        for (const m of moves) {
          const sc = e.start(ind);
          const f = sc.realGrowth !== null && sc.realGrowth !== undefined ? 'realGrowth' : 'growth';
          if (typeof sc[f] === 'number') sc[f] += m;
          const p = e.present({ indicator: ind, lang, preset: 'custom', scenario: sc, theme: 'light', view: 'chart' });
          out[`${ind} ${lang} ${m}`] = { cards: p.cards.map((c) => c.value), sentence: p.sentence };
        }
      }
    }
  } finally { e.free(); }
  return out;
}

/** The growth moves sweepFigures is asked for. */
export const SWEEP_MOVES = [0, 0.001, -0.0137, 0.0249];

// ---------- node side: what the checks expect ----------

/** The main growth slider, stepped with ArrowRight. */
export const SLIDER = 'realGrowth';
/** The scenario field the slider sets (a fraction; the slider shows percent). */
export const FIELD = 'realGrowth';

/** Letters of Vietnamese and of no English word (the English view names
 *  Lạng Sơn only in the title and sentence, not in the cards' labels). */
const VIETNAMESE_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
/** A pixel share a drawn chart is well over (axes, labels, lines and the
 *  band cover several percent), a blank or cleared one at 0. */
const MIN_NON_BLANK = 0.01;
/** Distinct colours: a blank chart has 1, a drawn one hundreds (antialiasing). */
const MIN_COLOURS = 20;

const sameJson = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Ready: status, readouts, a sentence and a chart that is not blank. */
export function expectDrawn(p, lang = 'vi') {
  const bad = [];
  if (!p.present) bad.push('no <grdp-whatif> element');
  else if (!p.shadow) bad.push('no open shadow root');
  if (p.status !== 'ready') bad.push(`status ${p.status}`);
  if (p.lang !== lang) bad.push(`lang ${p.lang}, expected ${lang}`);
  if (p.cards.length < 2 || !p.cards.every((c) => /\d/.test(c))) bad.push(`readouts: ${JSON.stringify(p.cards.map((c) => c.slice(0, 40)))}`);
  if (!p.sentence) bad.push('no sentence');
  const c = p.chart;
  if (!c) bad.push('no canvas.chart');
  else if (c.error) bad.push(`chart read back failed: ${c.error}`);
  else {
    if (!(c.nonBlank > MIN_NON_BLANK)) bad.push(`chart ${(c.nonBlank * 100).toFixed(2)}% non-blank (≤ ${MIN_NON_BLANK * 100}%)`);
    if (!(c.colours > MIN_COLOURS)) bad.push(`chart ${c.colours} colours (≤ ${MIN_COLOURS})`);
    if (!c.layers.length || c.layers.some((l) => l.drawn !== true)) bad.push(`a layer is blank or mis-sized: ${JSON.stringify(c.layers)}`);
    // The bitmap has the box's shape (at the device pixel ratio): not stretched.
    if (c.cssW < 120 || c.cssH < 90) bad.push(`chart box only ${c.cssW}×${c.cssH} px`);
    else if (Math.abs((c.w / c.h) / (c.cssW / c.cssH) - 1) > 0.02) bad.push(`canvas ${c.w}×${c.h} for a ${c.cssW}×${c.cssH} box`);
  }
  return bad;
}

/** One slider step up: the slider, the scenario, the cards, the sentence and
 *  the chart's pixels all moved. */
export function expectStep(before, after) {
  const bad = [];
  const s0 = before.sliders[SLIDER], s1 = after.sliders[SLIDER];
  if (!s0 || !s1) return [`no slider ${SLIDER}`];
  const step = Number(s0.step);
  const moved = Number(s1.value) - Number(s0.value);
  if (!(Math.abs(moved - step) < step / 1000)) bad.push(`slider ${s0.value} → ${s1.value}, expected one step of ${s0.step}`);
  const f0 = before.scenario && before.scenario[FIELD], f1 = after.scenario && after.scenario[FIELD];
  if (!(Math.abs(f1 - (f0 + step / 100)) < 1e-9)) bad.push(`scenario.${FIELD} ${f0} → ${f1}`);
  if (sameJson(before.cards, after.cards)) bad.push('readouts unchanged');
  if (before.sentence === after.sentence) bad.push('sentence unchanged');
  if (!after.chart || before.chart.sig === after.chart.sig) bad.push(`chart pixels unchanged (${after.chart && after.chart.sig})`);
  bad.push(...expectDrawn(after, before.lang).map((m) => `after the step: ${m}`));
  return bad;
}

/** English after the language button: state, words, and the Vietnamese of
 *  the headline and the cards' labels gone from the whole widget. */
export function expectEnglish(vi, en) {
  const bad = [];
  if (en.lang !== 'en') bad.push(`lang ${en.lang}`);
  if (en.rootLang !== 'en') bad.push(`.gw lang="${en.rootLang}"`);
  if (!/\bgrowth\b/i.test(en.title)) bad.push(`title not English: ${en.title.slice(0, 80)}`);
  if (!en.cards.some((c) => /\ba year\b/.test(c)) || !en.cards.some((c) => /\btarget\b/.test(c))) bad.push(`cards lack "a year" / "target": ${JSON.stringify(en.cards.map((c) => c.slice(0, 50)))}`);
  if (en.langButton !== 'Tiếng Việt') bad.push(`language button says "${en.langButton}"`);
  for (const t of [vi.title, ...vi.labels]) if (t && en.allText.includes(t)) bad.push(`Vietnamese still shown: "${t.slice(0, 60)}"`);
  const viLetters = en.labels.filter((l) => VIETNAMESE_LETTERS.test(l));
  if (viLetters.length) bad.push(`Vietnamese letters in card labels: ${JSON.stringify(viLetters)}`);
  if (!sameJson(vi.scenario, en.scenario)) bad.push('the scenario changed with the language');
  bad.push(...expectDrawn(en, 'en').map((m) => `in English: ${m}`));
  return bad;
}

/** The link carries what was shown (English, the stepped growth). */
export function expectLink(link, shown) {
  const bad = [];
  if (typeof link !== 'string' || !link.startsWith('#v=')) return [`el.link is ${JSON.stringify(link)}`];
  if (!/[#&]lang=en(&|$)/.test(link)) bad.push(`link has no lang=en: ${link}`);
  const g = /[#&]g=([^&]*)/.exec(link);
  if (!g || Math.abs(Number(g[1]) - shown.scenario[FIELD]) > 1e-9) bad.push(`link g=${g && g[1]}, shown ${shown.scenario[FIELD]}`);
  return bad;
}

/** A fresh load of the link shows the same scenario, words and chart. */
export function expectRestored(shown, fresh) {
  const bad = expectDrawn(fresh, shown.lang);
  if (!sameJson(shown.scenario, fresh.scenario)) bad.push(`scenario ${JSON.stringify(fresh.scenario)}, shown before ${JSON.stringify(shown.scenario)}`);
  if (!sameJson(shown.cards, fresh.cards)) bad.push(`readouts differ: ${JSON.stringify(fresh.cards.map((c) => c.slice(0, 50)))}`);
  if (shown.sentence !== fresh.sentence) bad.push('sentence differs');
  if (shown.title !== fresh.title) bad.push('title differs');
  if (shown.sliders[SLIDER]?.value !== fresh.sliders[SLIDER]?.value) bad.push(`slider ${fresh.sliders[SLIDER]?.value}, shown ${shown.sliders[SLIDER]?.value}`);
  if (fresh.link !== shown.link) bad.push(`el.link ${fresh.link}`);
  if (shown.chart?.sig !== fresh.chart?.sig) bad.push(`chart pixels differ (${fresh.chart?.sig}, shown ${shown.chart?.sig})`);
  return bad;
}

/** The screen against the engine (screenAgainstEngine's result): each
 *  difference. */
export function expectScreenIsEngine(r) {
  const bad = [];
  if (!sameJson(r.engine.cards, r.screen.cards)) {
    r.engine.cards.forEach((c, i) => { if (c !== r.screen.cards[i]) bad.push(`card ${i} shows "${r.screen.cards[i]}", the engine says "${c}"`); });
    if (r.engine.cards.length !== r.screen.cards.length) bad.push(`${r.screen.cards.length} cards shown, the engine has ${r.engine.cards.length}`);
  }
  if (r.engine.sentence !== r.screen.sentence) bad.push(`sentence shown "${r.screen.sentence.slice(0, 120)}", the engine says "${r.engine.sentence.slice(0, 120)}"`);
  if (r.engine.title !== r.screen.title) bad.push(`title shown "${r.screen.title}", the engine says "${r.engine.title}"`);
  return bad;
}

/** sweepFigures' views worked out in node by the ES-module build in dist/. */
export async function figuresInNode(dist, moves) {
  const { readFileSync, writeFileSync, mkdtempSync } = await import('node:fs');
  const { pathToFileURL } = await import('node:url');
  const { tmpdir } = await import('node:os');
  // Imported as .mjs (dist's .js would make node warn that it guessed the type).
  const copy = `${mkdtempSync(`${tmpdir()}/grdp-figures-`)}/grdp_whatif.mjs`;
  writeFileSync(copy, readFileSync(`${dist}/grdp_whatif.js`));
  const wb = await import(pathToFileURL(copy).href);
  wb.initSync({ module: readFileSync(`${dist}/grdp_whatif_bg.wasm`) });
  return sweepFigures(moves, wb);
}

/** The page's figures against node's: each view that differs. */
export function compareFigures(page, node) {
  const bad = [];
  for (const k of Object.keys(node)) {
    if (!page[k]) { bad.push(`${k}: not worked out in the page`); continue; }
    if (!sameJson(page[k].cards, node[k].cards)) bad.push(`${k}: cards ${JSON.stringify(page[k].cards)}, node ${JSON.stringify(node[k].cards)}`);
    else if (page[k].sentence !== node[k].sentence) bad.push(`${k}: the sentence differs`);
  }
  return bad;
}
