// Everything tests/browsers/ knows about the widget's DOM lives here, so that a
// change to the widget's markup is adapted in this one file.
//
// The in-page functions (probe, focusSlider, stepSlider, switchLanguage,
// scenarioHash) are sent to the browser as source by harness.eval(): each must
// be self-contained (no imports, no closures over this module) and return
// plain JSON. The node-side part (SLIDER, SHARE_LINK, expect*) says what
// run.mjs checks the results against.
//
// Today's DOM: <grdp-whatif> with an open shadow root holding readout cards
// .readout (.label, .big, .small), the sentence .narrative, the chart as
// canvas.chart-base under canvas.chart in .chartbox, sliders
// input[type=range]#gw-<key>-r (percent keys show percent: 0.09 → "9"), and
// the language button, the first button in the first .bar ("English" /
// "Tiếng Việt": it names the language it switches to). el.scenario is
// {scenario, lang, theme, view} once ready; with sync-hash the share link is
// location.hash.

/** In page: the widget's state as a reader sees it. */
export function probe() {
  const el = document.querySelector('grdp-whatif');
  const root = el && el.shadowRoot;
  const text = (n) => (n ? (n.innerText || n.textContent || '').replace(/\s+/g, ' ').trim() : '');
  const out = { present: !!el, ready: false, readouts: [], sentence: '', chartColours: 0, lang: null, sliders: {}, hash: location.hash, url: location.href.split('#')[0], state: document.readyState };
  if (!root) return out;
  out.readouts = Array.from(root.querySelectorAll('.readout')).map(text);
  out.sentence = text(root.querySelector('.narrative'));
  let sc = null;
  try { sc = el.scenario; } catch (e) { sc = null; }
  out.lang = (sc && sc.lang) || el.getAttribute('lang') || null;
  out.ready = !!(sc && root.querySelector('.readout .big') && text(root.querySelector('.readout .big')));
  for (const r of root.querySelectorAll('input[type=range]')) out.sliders[r.id.replace(/^gw-|-r$/g, '')] = r.value;
  // The chart on screen: every canvas in the chart's box (its layers, bottom
  // first) composed on white; distinct colours sampled every 7th pixel. A
  // blank chart has 1; axes, labels and lines give dozens.
  const top = root.querySelector('canvas.chart');
  if (top && top.width && top.height) {
    try {
      const c = document.createElement('canvas');
      c.width = top.width; c.height = top.height;
      const x = c.getContext('2d');
      x.fillStyle = '#fff'; x.fillRect(0, 0, c.width, c.height);
      for (const layer of (top.closest('.chartbox') || top.parentElement).querySelectorAll('canvas')) x.drawImage(layer, 0, 0);
      const d = x.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set();
      for (let i = 0; i < d.length; i += 4 * 7) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      out.chartColours = seen.size;
    } catch (e) {
      out.chartColours = -1;
      out.chartError = String(e && e.message || e);
    }
  }
  return out;
}

/** In page: focus slider `key` (for a real key press sent by the harness). */
export function focusSlider(key) {
  const root = document.querySelector('grdp-whatif').shadowRoot;
  const r = root.getElementById ? root.getElementById(`gw-${key}-r`) : root.querySelector(`#gw-${key}-r`);
  if (!r) throw new Error(`no slider ${key}`);
  r.scrollIntoView({ block: 'center' });
  r.focus();
  const active = root.activeElement === r;
  return { value: r.value, focused: active };
}

/** In page: the value of slider `key`. */
export function sliderValue(key) {
  const r = document.querySelector('grdp-whatif').shadowRoot.querySelector(`#gw-${key}-r`);
  return r ? r.value : null;
}

/** In page: move slider `key` one step up as a keyboard step does (the value
 *  moves by `step`, then input and change fire). A fallback for when no real
 *  key press can be sent. */
export function stepSlider(key) {
  const r = document.querySelector('grdp-whatif').shadowRoot.querySelector(`#gw-${key}-r`);
  if (!r) throw new Error(`no slider ${key}`);
  r.focus();
  const before = r.value;
  r.stepUp();
  r.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  r.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  return { before, after: r.value };
}

/** In page: press the language button; returns the language now shown. */
export function switchLanguage() {
  const el = document.querySelector('grdp-whatif');
  const b = el.shadowRoot.querySelector('.bar button');
  if (!b) throw new Error('no language button');
  const label = (b.textContent || '').trim();
  b.click();
  return { pressed: label, lang: el.scenario && el.scenario.lang };
}

/** In page: the share link state: the URL hash and el.scenario. */
export function scenarioHash() {
  const el = document.querySelector('grdp-whatif');
  return { hash: location.hash, scenario: el && el.scenario };
}

// ---------- node side: what the checks expect ----------

/** The slider run.mjs steps. */
export const SLIDER = 'realGrowth';

/** A share link: English, real growth 9 %, target year 2031. Opened on a page
 *  with sync-hash (the standalone file and the served index.html). */
export const SHARE_LINK = '#v=1&lang=en&g=0.09&ty=2031';

/** Drawn: more distinct colours than a blank or near-blank canvas has. */
export const expectDrawn = (p) => p.ready && p.chartColours > 20;

/** English readouts (the default language is Vietnamese). */
export const expectEnglish = (p) => p.lang === 'en' && p.readouts.some((r) => /a year/.test(r)) && p.readouts.some((r) => /target/.test(r));

/** The share link above, restored. */
export const expectShareLink = (p) => expectEnglish(p) && Number(p.sliders[SLIDER]) === 9 && p.sliders.targetYear === '2031';
