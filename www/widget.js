/* grdp-whatif widget: the <grdp-whatif> custom element and the GrdpWhatIf API.
 *
 * This file is a plain script body, not a module: scripts/build.mjs wraps it in
 * one function scope together with the wasm-bindgen glue (createWasm), the
 * wasm bytes (WASM_B64) and the stylesheet (CSS), so it runs the same from a
 * web server, inline in one offline HTML file (file://, where module scripts
 * and fetch of .wasm are blocked) and as dist/embed.js on a news site. It adds
 * two names to the host: the element <grdp-whatif> and globalThis.GrdpWhatIf.
 *
 * Data is text, never markup: everything from the dataset, the link or the
 * reader is shown with textContent or drawn on the canvas. No innerHTML.
 */
/* global WASM_B64, CSS, createWasm, T */

const VERSION = '0.1.0';
/** Start-up phases for the benchmark (performance.mark; no cost to speak of). */
const mark = (name) => { if (typeof performance !== 'undefined' && performance.mark) performance.mark(`grdp-whatif:${name}`); };
mark('script');

/* The words, in Vietnamese and English, are in www/i18n.js (const T), joined
 * ahead of this file by scripts/build.mjs. */

const PART_COLORS = ['#4e9a06', '#c17d11', '#3465a4', '#75507b'];
const BAND = [10, 90];
const SCENARIO_FIELDS = ['indicator', 'realGrowth', 'inflation', 'populationGrowth', 'growth', 'fxChange', 'targetValue', 'targetYear', 'spread'];

/* ---------- wasm ---------- */
let modulePromise = null;
/* The wasm travels gzip-compressed and base64-encoded inside this script (no
 * request at run time, works from file://); the browser's own
 * DecompressionStream inflates it, and the engine compiles it while it is
 * being inflated (compileStreaming). */
function wasmGzip() {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(WASM_B64);
  const bin = atob(WASM_B64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}
function wasmModule() {
  if (!modulePromise) {
    modulePromise = (async () => {
      const gz = wasmGzip();
      const inflated = () => new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
      let module = null;
      if (typeof WebAssembly.compileStreaming === 'function') {
        try {
          module = await WebAssembly.compileStreaming(new Response(inflated(), { headers: { 'content-type': 'application/wasm' } }));
        } catch (e) { /* an engine that refuses a constructed Response: below */ }
      }
      if (!module) module = await WebAssembly.compile(await new Response(inflated()).arrayBuffer());
      mark('wasm-compiled');
      return module;
    })();
  }
  return modulePromise;
}
/** A fresh wasm instance with its own memory (one per widget: a trap in one
 *  cannot take down another). Instantiated synchronously: the module is
 *  compiled already, and waiting would only give the page a turn to render. */
async function newInstance() {
  const module = await wasmModule();
  const wb = createWasm();
  const exports = wb.initSync({ module });
  // Kept for the benchmark's memory figures; not part of the API.
  Object.defineProperty(wb, 'memory', { value: exports.memory });
  return wb;
}

let fontsWarm = false;
function warmFonts() {
  if (fontsWarm) return;
  fontsWarm = true;
  try {
    const x = document.createElement('canvas').getContext('2d');
    const dpr = Math.min(4, Math.max(1, window.devicePixelRatio || 1));
    const sample = '0123456789,.% Mục tiêu Đạt Chưa đạt đến năm Target reached';
    for (const font of [`${Math.round(12 * dpr)}px sans-serif`, '16px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif']) {
      x.font = font;
      x.measureText(sample);
    }
  } catch (e) { /* only a head start */ }
}

/* ---------- helpers ---------- */
/* Writes that change nothing are skipped: on a slider step each attribute or
 * text write makes the browser restyle the element (and, for selectors such as
 * :empty or [aria-pressed], its neighbours) before the next canvas text. */
function setText(el, text) {
  // The text last written here, kept on the element: comparing with it spares
  // reading the page's text back (a copy out of the DOM) on every step. So an
  // element written with setText is written only with setText.
  if (el._gwText === text) return;
  el._gwText = text;
  const t = el.firstChild;
  // Changing the text node's data in place, not replacing the node
  // (textContent does), spares the browser rebuilding that part of the page.
  if (t && t.nodeType === 3 && t === el.lastChild && text !== '') { if (t.data !== text) t.data = text; }
  else if (el.textContent !== text) el.textContent = text;
}
function setAttr(el, name, value) { if (el.getAttribute(name) !== value) el.setAttribute(name, value); }
function clearInvalid(f) { if (f.num.hasAttribute('aria-invalid')) f.num.removeAttribute('aria-invalid'); setText(f.msg, ''); }
function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') el.textContent = v;
      else if (k === 'class') el.className = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}
/* Numbers in the reader's language, as Intl.NumberFormat writes them for
 * vi-VN ("71,1", "24.517", "12,8%") and en-US ("71.1", "24,517", "12.8%"),
 * without it: the first vi-VN formatter costs the page ≈ 15 ms of locale data
 * at start-up, and each call is slower than these few string operations on
 * every slider step. Rounding is half away from zero on the shortest decimal
 * form, as Intl does (1.005 → "1,01"); a value that rounds to zero loses its
 * minus sign. Only non-finite and astronomically large values go to Intl. */
const SEPARATORS = { 'vi-VN': [',', '.'], 'en-US': ['.', ','] };
/** |x| · 10^shift rounded to d decimals, half away from zero, as fixed-point
 *  text. Rounded on the digits of the shortest decimal form, as Intl does
 *  (1.005 → "1.01", 226.64999999999998 → "226.6"), not on the binary value. */
function roundedDigits(x, d, shift) {
  const a = String(Math.abs(x));
  if (a.includes('e')) return (Math.abs(x) * 10 ** shift).toFixed(d); // below 1e-6: rounds to 0
  const [int, frac = ''] = a.split('.');
  const f = frac.padEnd(shift, '0');
  const i = `${int}${f.slice(0, shift)}`.replace(/^0+(?=\d)/, '');
  const rest = f.slice(shift);
  if (rest.length <= d) return d ? `${i}.${rest.padEnd(d, '0')}` : i;
  let digits = i + rest.slice(0, d);
  if (rest.charCodeAt(d) >= 53) { // the next digit is 5 or more: carry
    const ds = digits.split('');
    let k = ds.length - 1;
    while (k >= 0 && ds[k] === '9') ds[k--] = '0';
    if (k >= 0) ds[k] = String(Number(ds[k]) + 1); else ds.unshift('1');
    digits = ds.join('');
  }
  digits = digits.padStart(d + 1, '0');
  return d ? `${digits.slice(0, -d)}.${digits.slice(-d)}` : digits;
}
function formatNumber(v, locale, opts) {
  const pct = opts.style === 'percent';
  const max = opts.maximumFractionDigits ?? Math.max(opts.minimumFractionDigits || 0, pct ? 0 : 3);
  const min = Math.min(opts.minimumFractionDigits ?? 0, max);
  const seps = SEPARATORS[locale];
  if (!seps || !Number.isFinite(v) || Math.abs(pct ? v * 100 : v) >= 1e15) return new Intl.NumberFormat(locale, opts).format(v);
  let [int, frac = ''] = roundedDigits(v, max, pct ? 2 : 0).split('.');
  const zero = /^0*$/.test(int + frac);
  while (frac.length > min && frac.endsWith('0')) frac = frac.slice(0, -1);
  if (opts.useGrouping !== false) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, seps[1]);
  return `${v < 0 && !zero ? '-' : ''}${int}${frac ? seps[0] + frac : ''}${pct ? '%' : ''}`;
}
const fmtCache = new Map();
/** A number format (`{ format(v) }`), kept per locale and options. Each
 *  remembers the texts it made: on a slider step most figures shown are the
 *  same as on the last one (0 and −0 share a text, as Map keys do). */
function nf(locale, opts) {
  const key = `${locale}|${opts.style || ''}|${opts.minimumFractionDigits ?? ''}|${opts.maximumFractionDigits ?? ''}|${opts.useGrouping ?? ''}`;
  let f = fmtCache.get(key);
  if (!f) {
    const made = new Map();
    f = {
      format: (v) => {
        let text = made.get(v);
        if (text === undefined) {
          text = formatNumber(v, locale, opts);
          if (made.size >= 512) made.clear();
          made.set(v, text);
        }
        return text;
      },
    };
    fmtCache.set(key, f);
  }
  return f;
}
function isWasmTrap(e) {
  return typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError;
}
function decimalsOf(step) {
  const s = String(step);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/* ---------- the element ---------- */
class GrdpWhatIfElement extends HTMLElement {
  static get observedAttributes() { return ['lang', 'theme', 'indicator', 'scenario', 'src']; }

  constructor() {
    super();
    this._root = this.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    this._root.adoptedStyleSheets = [sheet];
    this.s = { lang: 'vi', theme: 'auto', view: 'chart', indicator: null, preset: 'plan', input: {} };
    this.good = null;        // last good { input, p, trend, shares }
    this.errors = {};        // field -> message (reader's language)
    this.notice = null;      // { key, args }
    this._hoverYear = null;
    this._layout = null;
  }

  connectedCallback() {
    if (this._started) return;
    this._started = true;
    const lang = this.getAttribute('lang') === 'en' ? 'en' : 'vi';
    this._root.replaceChildren(h('div', { class: 'gw', role: 'status', text: T[lang].loading }));
    const start = () => this._boot().catch((e) => this._fatal(e));
    // loading="lazy": start (wasm, dataset, chart) only when the widget comes
    // near the viewport, so a widget far down an article costs nothing at load.
    if (this.getAttribute('loading') === 'lazy' && typeof IntersectionObserver === 'function') {
      this._io = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) { this._io.disconnect(); this._io = null; start(); }
      }, { rootMargin: '400px 0px' });
      this._io.observe(this);
    } else {
      start();
    }
  }

  disconnectedCallback() {
    if (this._io) { this._io.disconnect(); this._io = null; }
    if (this._ro) this._ro.disconnect();
    if (this._mq) this._mq.removeEventListener('change', this._onScheme);
    if (this._onHash) window.removeEventListener('hashchange', this._onHash);
    if (this._onPrint) { window.removeEventListener('beforeprint', this._onPrint); this._onPrint = null; }
    this._started = false;
  }

  attributeChangedCallback(name, oldV, newV) {
    if (!this._ready || oldV === newV) return;
    if (name === 'lang' && (newV === 'vi' || newV === 'en')) { this.s.lang = newV; this._rebuild(); }
    else if (name === 'theme') { this.s.theme = ['light', 'dark', 'auto'].includes(newV) ? newV : 'auto'; this._applyTheme(); this._draw(); }
    else if (name === 'indicator' && newV) { this._switchIndicator(newV); }
    else if (name === 'scenario' && newV) { this._applyLink(newV); }
    else if (name === 'src') {
      this._loadDataset().then(() => {
        const keep = this.dataset_.indicators.some((i) => i.id === this.s.indicator);
        this._setIndicator(keep ? this.s.indicator : this.dataset_.indicators[0].id);
        this._rebuild();
      }).catch((e) => this._fatal(e));
    }
  }

  /* ---- start-up ---- */
  async _boot() {
    const instance = newInstance();
    // While the engine compiles the wasm on its own threads, this one is
    // free: find the fonts (and Vietnamese glyphs) the chart and the page
    // will need, which a browser otherwise does at the first text drawn.
    warmFonts();
    this.wb = await instance;
    mark('wasm-instance');
    await this._loadDataset();
    mark('dataset');
    const lang = this.getAttribute('lang');
    if (lang === 'vi' || lang === 'en') this.s.lang = lang;
    const theme = this.getAttribute('theme');
    if (['light', 'dark', 'auto'].includes(theme)) this.s.theme = theme;
    this._mq = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    this._onScheme = () => { this._applyTheme(); this._draw(); };
    if (this._mq) this._mq.addEventListener('change', this._onScheme);
    const ind = this.getAttribute('indicator');
    this._setIndicator(this.dataset_.indicators.some((i) => i.id === ind) ? ind : this.dataset_.indicators[0].id);
    this._ready = true;
    // The standalone page owns the URL hash. An embedded widget only reads it,
    // and only when it is one of our links (#v=…), so that “copy link” from an
    // article restores the reader's scenario there too; other anchors are ignored.
    const own = this.hasAttribute('sync-hash');
    const hash = location.hash;
    const link = (own && hash.length > 1) || (!own && /^#v=/.test(hash)) ? hash : this.getAttribute('scenario');
    if (link) this._applyLink(link, true); else { this._build(); this._recompute(); }
    mark('rendered');
    if (this.hasAttribute('sync-hash')) {
      this._onHash = () => { if (location.hash !== this._lastHash) this._applyLink(location.hash); };
      window.addEventListener('hashchange', this._onHash);
    }
    this.dispatchEvent(new CustomEvent('grdp-whatif:ready', { bubbles: true, composed: true }));
  }

  async _loadDataset() {
    this.datasetError = null;
    let text = null;
    const src = this.getAttribute('src');
    const inline = this.querySelector('script[type="application/json"]');
    try {
      if (src) {
        const res = await fetch(src, { credentials: 'omit' });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        text = await res.text();
      } else if (inline) {
        text = inline.textContent;
      }
    } catch (e) {
      this.datasetError = String(e && e.message || e);
    }
    this.engine = null;
    if (text !== null) {
      try { this.engine = this.wb.Engine.fromJson(text); this.datasetText = text; }
      catch (e) { if (isWasmTrap(e)) throw e; this.datasetError = e.message; }
    }
    if (!this.engine) { this.engine = new this.wb.Engine(); this.datasetText = null; }
    this.dataset_ = this.engine.dataset();
    if (this.datasetError) this.notice = { key: 'errDataset', args: [this.datasetError] };
    else if (this.notice && this.notice.key === 'errDataset') this.notice = null;
  }

  _setIndicator(id) {
    this.s.indicator = id;
    this.ind = this.dataset_.indicators.find((i) => i.id === id);
    this.presets = this.ind.model === 'shares' ? {} : this.engine.presets(id);
    this.s.preset = 'plan';
    this.s.input = this._presetInput('plan');
  }

  _presetInput(name) {
    const p = this.presets[name] || this.presets.plan;
    if (this.ind.model === 'shares') {
      return { indicator: this.ind.id, targetYear: Math.max(...this.ind.shares.map((s) => s.year)) + 5 };
    }
    const out = {};
    for (const k of SCENARIO_FIELDS) if (p && p[k] !== undefined && p[k] !== null) out[k] = p[k];
    if (this.ind.model !== 'perCapita') { delete out.realGrowth; delete out.inflation; delete out.populationGrowth; delete out.fxChange; }
    else delete out.growth;
    if (this.ind.targets.length === 0) delete out.targetValue;
    // The record's spread to the precision of its control (0.1 %), so links stay short.
    if (out.spread !== undefined) out.spread = Math.round(out.spread * 1000) / 1000;
    return out;
  }

  /* ---- controls model ---- */
  _controlDefs() {
    const m = this.ind.model;
    const base = this.ind.history.length ? this.ind.history[this.ind.history.length - 1] : null;
    const baseYear = base ? base.year : (this.ind.shares.length ? this.ind.shares[this.ind.shares.length - 1].year : this.dataset_.baseYear);
    const yr = { key: 'targetYear', min: baseYear + 1, max: baseYear + 30, step: 1, pct: false, year: true };
    if (m === 'shares') return [yr];
    const defs = [];
    if (m === 'perCapita') {
      defs.push(
        { key: 'realGrowth', min: -5, max: 20, step: 0.1, pct: true },
        { key: 'inflation', min: -2, max: 15, step: 0.1, pct: true },
        { key: 'populationGrowth', min: -2, max: 3, step: 0.1, pct: true },
        { key: 'fxChange', min: -5, max: 10, step: 0.01, pct: true },
      );
    } else if (m === 'compound') {
      defs.push({ key: 'growth', label: 'growthPct', min: -50, max: 50, step: 0.1, pct: true });
    } else {
      defs.push({ key: 'growth', label: 'growthPts', min: -5, max: 5, step: 0.1, pct: false });
    }
    if (this.ind.targets.length) {
      const t = this.ind.targets[0].value;
      const lin = m === 'linear';
      const hi = lin ? 100 : Math.max(10, Math.ceil(t * 3 / 10) * 10);
      const lo = lin ? 0 : Math.max(0.1, Math.floor(base.value / 4));
      defs.push({ key: 'targetValue', min: lo, max: hi, step: lin ? 0.1 : (t >= 50 ? 1 : 0.1), pct: false, unit: true });
    }
    defs.push(yr);
    defs.push(m === 'linear'
      ? { key: 'spread', label: 'spreadPts', min: 0, max: 5, step: 0.1, pct: false }
      : { key: 'spread', min: 0, max: 20, step: 0.1, pct: true });
    return defs;
  }

  _shown(def, v) { // internal value → number shown in the field
    if (v === undefined || v === null) return '';
    const x = def.pct ? v * 100 : v;
    const d = decimalsOf(def.step);
    return nf(T[this.s.lang].locale, { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: false }).format(x);
  }

  /** Parse what the reader typed: a number in either decimal style. Returns
   *  { value } (internal units) or { error } in the reader's language. */
  _parse(def, raw) {
    const t = T[this.s.lang];
    const s = String(raw).trim().replace(/\s/g, '');
    if (s === '') return { error: t.errEmpty };
    const norm = s.replace(',', '.');
    if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(norm)) return { error: t.errNumber(String(raw).slice(0, 24)) };
    const x = Number(norm);
    if (!Number.isFinite(x)) return { error: t.errNumber(String(raw).slice(0, 24)) };
    const dec = norm.includes('.') ? norm.length - norm.indexOf('.') - 1 : 0;
    if (def.year && dec > 0) return { error: t.errYear };
    const maxDec = Math.max(2, decimalsOf(def.step));
    if (dec > maxDec) return { error: t.errDecimals(maxDec) };
    if (x < def.min || x > def.max) {
      const f = (v) => nf(t.locale, { maximumFractionDigits: 2, useGrouping: !def.year }).format(v);
      return { error: t.errRange(f(def.min), f(def.max)) };
    }
    return { value: def.pct ? x / 100 : x };
  }

  /* ---- DOM ---- */
  _build() {
    const t = T[this.s.lang];
    const r = {};
    this.r = r;
    const ds = this.dataset_;
    r.title = h('h2', { text: t.title(ds.name[this.s.lang] || ds.name.vi, this.ind.label[this.s.lang] || this.ind.label.vi, this.ind.model !== 'shares' && this.ind.targets.length > 0) });
    r.sub = h('p', { class: 'sub', text: this.ind.id === 'poorHouseholds' ? t.poverty : '' });
    r.alert = h('div', { class: 'alert', role: 'alert', hidden: true });
    r.langBtn = h('button', { type: 'button', lang: this.s.lang === 'vi' ? 'en' : 'vi', 'aria-label': t.languageLabel, text: t.language, onclick: () => this._setLang(this.s.lang === 'vi' ? 'en' : 'vi') });
    r.themeSel = h('select', { 'aria-label': t.themeLabel, onchange: (e) => { this.s.theme = e.target.value; this._applyTheme(); this._renderLegend(); this._draw(); this._writeHash(); } },
      ...['auto', 'light', 'dark'].map((v) => h('option', { value: v, text: t.themes[v], selected: this.s.theme === v })));
    r.indSel = h('select', { 'aria-label': t.indicator, onchange: (e) => this._switchIndicator(e.target.value) },
      ...ds.indicators.map((i) => h('option', { value: i.id, text: i.label[this.s.lang] || i.label.vi, selected: i.id === this.ind.id })));
    const top = h('div', { class: 'bar' }, h('label', { class: 'sr', text: t.indicator }), r.indSel, h('span', { class: 'spacer' }), r.themeSel, r.langBtn);

    r.presetBtns = {};
    const presetBar = h('div', { class: 'bar', role: 'group', 'aria-label': t.presets });
    if (this.ind.model !== 'shares') {
      for (const name of ['trend', 'plan', 'custom']) {
        const b = h('button', { type: 'button', 'aria-pressed': String(this.s.preset === name), text: t[name], onclick: () => this._choosePreset(name) });
        r.presetBtns[name] = b;
        presetBar.append(b);
      }
    }
    presetBar.append(h('button', { type: 'button', text: t.reset, onclick: () => this._reset() }));

    r.readouts = h('div', { class: 'readouts' });
    r.narrative = h('p', { class: 'narrative', id: 'gw-desc', 'aria-live': 'polite' });
    // Two stacked canvases: the base (axes, grid, history) is redrawn only
    // when the axes or the data behind them change; the chart on top of it
    // (band, target, projection) on every scenario change.
    r.base = h('canvas', { class: 'chart-base', 'aria-hidden': 'true' });
    r.canvas = h('canvas', { class: 'chart', tabindex: '0', role: 'img', 'aria-describedby': 'gw-desc gw-hint' });
    r.tip = h('div', { class: 'tip', hidden: true, 'aria-hidden': 'true' });
    r.printImg = h('img', { class: 'printimg', alt: '' });
    r.chartbox = h('div', { class: 'chartbox' }, r.base, r.canvas, r.tip, r.printImg);
    // The last view's memory back to its instance (one that trapped may refuse).
    try { if (this._view) this._view.free(); } catch (e) { /* gone with its instance */ }
    this._view = new this.wb.ChartView(r.base, r.canvas);
    this._viewKey = null;
    r.hint = h('p', { class: 'sr', id: 'gw-hint', text: t.hoverHint });
    r.live = h('p', { class: 'sr', 'aria-live': 'polite' });
    r.legend = h('ul', { class: 'legend' });
    r.table = h('div', { class: 'tablewrap' });
    r.viewChart = h('button', { type: 'button', 'aria-pressed': String(this.s.view === 'chart'), text: t.viewChart, onclick: () => this._setView('chart') });
    r.viewTable = h('button', { type: 'button', 'aria-pressed': String(this.s.view === 'table'), text: t.viewTable, onclick: () => this._setView('table') });
    r.status = h('span', { class: 'small', role: 'status' });
    r.linkBox = h('input', { type: 'text', readonly: true, class: 'hidden', 'aria-label': t.copyLink });
    const actions = h('div', { class: 'bar actions' }, r.viewChart, r.viewTable, h('span', { class: 'spacer' }),
      h('button', { type: 'button', text: t.copyLink, onclick: () => this._copyLink() }),
      h('button', { type: 'button', text: t.png, onclick: () => this._downloadPng() }),
      h('button', { type: 'button', text: t.csv, onclick: () => this._downloadCsv() }),
      r.status);

    r.controls = h('div', { class: 'controls' });
    r.fields = {};
    for (const def of this._controlDefs()) r.controls.append(this._control(def));
    r.assumptions = h('div', { class: 'assumptions' });
    r.sources = h('div', { class: 'sources' });
    this._sourcesFor = null;
    this._legendFor = null;

    const wrap = h('div', { class: 'gw', lang: this.s.lang },
      top, r.title, r.sub, r.alert, presetBar, r.readouts, r.narrative, actions, r.linkBox,
      r.chartbox, r.hint, r.live, r.legend, r.table, r.controls, r.assumptions, r.sources);
    this._root.replaceChildren(wrap);
    this._applyTheme();
    this._bindChart();
    this._setView(this.s.view, true);
    if (!this._onPrint) {
      // Canvas charts often print blank: print a snapshot image instead.
      // The assumptions list is only printed, so it is built here, not on every step.
      this._onPrint = () => { if (this.r && this.good) { this._renderAssumptions(); const url = this._png(); if (url) this.r.printImg.src = url; } };
      window.addEventListener('beforeprint', this._onPrint);
    }
    if (this._ro) this._ro.disconnect();
    this._box = null;
    this._ro = new ResizeObserver((entries) => {
      const e = entries[entries.length - 1];
      const size = e.contentBoxSize && e.contentBoxSize[0];
      const next = size ? { w: size.inlineSize, h: size.blockSize } : { w: e.contentRect.width, h: e.contentRect.height };
      // Its first report repeats the size the first chart was drawn at.
      if (this._drawn && this._box && next.w === this._box.w && next.h === this._box.h) return;
      this._box = next;
      this._draw();
    });
    this._ro.observe(r.chartbox);
    if (!this._drawn) mark('built');
    if (this.hasAttribute('sync-hash') && window.parent !== window) {
      new ResizeObserver(() => {
        window.parent.postMessage({ type: 'grdp-whatif:height', height: Math.ceil(document.documentElement.scrollHeight) }, '*');
      }).observe(document.documentElement);
    }
  }

  _control(def) {
    const t = T[this.s.lang];
    let label = t.controls[def.label || def.key];
    if (def.unit) label += ` (${t.units[this.ind.unit]})`;
    const id = `gw-${def.key}`;
    const v = this.s.input[def.key];
    const range = h('input', { type: 'range', id: `${id}-r`, min: def.min, max: def.max, step: def.step, 'aria-label': label });
    const num = h('input', { type: 'text', id, inputmode: 'decimal', autocomplete: 'off', 'aria-describedby': `${id}-m` });
    const msg = h('span', { class: 'msg', id: `${id}-m`, 'aria-live': 'polite' });
    const set = (src) => {
      const parsed = src === 'range'
        ? { value: def.pct ? Number(range.value) / 100 : Number(range.value) }
        : this._parse(def, num.value);
      if (parsed.error) { this._fieldError(def.key, parsed.error); return; }
      this._change(def.key, parsed.value, src);
    };
    range.addEventListener('input', () => set('range'));
    range.addEventListener('change', () => this._writeHash()); // the drag ended: write the link now
    num.addEventListener('change', () => set('text'));
    num.addEventListener('keydown', (e) => { if (e.key === 'Enter') set('text'); });
    this.r.fields[def.key] = { def, range, num, msg };
    this._syncField(def.key, v);
    return h('div', { class: 'ctl' }, h('label', { for: id, text: label }), range, num, msg);
  }

  _syncField(key, v) {
    const f = this.r && this.r.fields[key];
    if (!f || v === undefined || v === null) return;
    const x = f.def.pct ? v * 100 : v;
    f.range.value = String(Math.min(f.def.max, Math.max(f.def.min, x)));
    f.num.value = this._shown(f.def, v);
    clearInvalid(f);
  }

  _fieldError(key, message) {
    const f = this.r.fields[key];
    if (f) {
      f.num.setAttribute('aria-invalid', 'true');
      setText(f.msg, message);
    } else {
      this._showAlert(message);
    }
  }

  /* ---- state changes ---- */
  _change(key, value, src) {
    this.notice = null;
    const next = Object.assign({}, this.s.input, { [key]: value });
    if (this._recompute(next, key, src === 'range')) {
      this.s.preset = 'custom';
      this._custom = Object.assign({}, next);
      this._updatePresetButtons();
      if (src === 'text') this._syncField(key, value);
      else { const f = this.r.fields[key]; const shown = this._shown(f.def, value); if (f.num.value !== shown) f.num.value = shown; clearInvalid(f); }
    }
  }

  _choosePreset(name) {
    const input = name === 'custom' ? (this._custom || this.s.input) : this._presetInput(name);
    // Keep the reader's target: presets change the path, not the goal.
    const keep = {};
    for (const k of ['targetValue', 'targetYear', 'spread']) if (this.s.input[k] !== undefined) keep[k] = this.s.input[k];
    const next = name === 'custom' ? Object.assign({}, input) : Object.assign({}, input, keep);
    if (this._recompute(next)) {
      this.s.preset = name;
      this._updatePresetButtons();
      for (const k of Object.keys(this.r.fields)) this._syncField(k, this.s.input[k]);
    }
  }

  _reset() {
    this.notice = null;
    this._custom = null;
    this.s.preset = 'plan';
    const next = this._presetInput('plan');
    if (this._recompute(next)) {
      this._updatePresetButtons();
      for (const k of Object.keys(this.r.fields)) this._syncField(k, this.s.input[k]);
    }
  }

  _updatePresetButtons() {
    for (const [n, b] of Object.entries(this.r.presetBtns)) setAttr(b, 'aria-pressed', String(n === this.s.preset));
  }

  _switchIndicator(id) {
    if (!this.dataset_.indicators.some((i) => i.id === id)) return;
    this._custom = null;
    this._setIndicator(id);
    this._rebuild();
  }

  _setLang(lang) {
    this.s.lang = lang;
    this._rebuild();
    this._writeHash();
    const b = this.r.langBtn;
    if (b) b.focus();
  }

  _setView(view, quiet) {
    this.s.view = view;
    const r = this.r;
    r.viewChart.setAttribute('aria-pressed', String(view === 'chart'));
    r.viewTable.setAttribute('aria-pressed', String(view === 'table'));
    r.chartbox.classList.toggle('hidden', view !== 'chart');
    r.legend.classList.toggle('hidden', view !== 'chart');
    r.table.classList.toggle('hidden', view !== 'table');
    if (view === 'table' && this.good) this._renderTable();
    if (!quiet) { this._draw(); this._writeHash(); }
  }

  _rebuild() {
    this._build();
    this._recompute(this.s.input);
  }

  /* ---- compute ---- */
  /** Compute `input` (default: the current one). On success it becomes the
   *  state and the page is redrawn; on failure the last good state stays and
   *  the field at fault says why. Returns success. */
  _recompute(input, changedKey, lazyHash) {
    input = input || this.s.input;
    let next;
    try {
      next = this._compute(input);
    } catch (e) {
      // The chart view may hold part of the refused scenario: the next draw
      // gives it the whole spec of the last good one.
      this._viewKey = null;
      if (isWasmTrap(e)) { this._fatal(e); return false; }
      const key = changedKey || e.field || '';
      const t = T[this.s.lang];
      const f = this.r && this.r.fields[key];
      const label = f ? (t.controls[f.def.label || f.def.key]) : key;
      this._fieldError(key, t.errEngine(label, e.message));
      return false;
    }
    this.s.input = input;
    this.good = next;
    if (changedKey) {
      const f = this.r.fields[changedKey];
      if (f) clearInvalid(f);
    }
    this._render();
    this._writeHash(lazyHash);
    return true;
  }

  _compute(input) {
    const ind = this.ind;
    if (ind.model === 'shares') {
      const shares = this.engine.projectShares(ind.id, input.targetYear);
      return { input, shares };
    }
    // The widget shows the 10th and 90th percentiles (the band), not the median.
    const sc = Object.assign({}, input, { indicator: ind.id, percentiles: BAND });
    // Once the chart view has its spec, the engine puts each projection
    // straight into it (no chart data crosses back on a slider step).
    const view = this._viewKey ? this._view : null;
    const p = view ? this.engine.projectInto(sc, view, false) : this.engine.project(sc);
    const tp = this._presetInput('trend');
    const trendIn = Object.assign({}, sc, tp, { targetYear: sc.targetYear, targetValue: sc.targetValue, paths: 0 });
    if (ind.model === 'perCapita') { trendIn.inflation = sc.inflation; trendIn.populationGrowth = sc.populationGrowth; trendIn.fxChange = sc.fxChange; }
    if (sc.targetValue === undefined) delete trendIn.targetValue;
    delete trendIn.spread;
    // The trend does not move with the scenario's growth (the slider most
    // often dragged): it is projected again only when its own inputs change.
    const key = JSON.stringify(trendIn);
    if (!this._trend || this._trend.key !== key || this._trend.engine !== this.engine) {
      this._trend = { key, engine: this.engine, p: view ? this.engine.projectInto(trendIn, view, true) : this.engine.project(trendIn) };
    }
    return { input, p, trend: this._trend.p };
  }

  /* ---- render ---- */
  _fmt() {
    const t = T[this.s.lang];
    const unit = this.ind.unit;
    const d = unit === 'index' || unit === 'percent' || unit === 'millionVnd' || unit === 'thousandBillionVnd' ? 1 : 0;
    const num = (v, dd = d) => nf(t.locale, { minimumFractionDigits: dd, maximumFractionDigits: dd }).format(v);
    const pct = (r, dd = 1) => nf(t.locale, { style: 'percent', minimumFractionDigits: dd, maximumFractionDigits: dd }).format(r);
    const withUnit = (v) => {
      if (unit === 'percent') return `${num(v)}%`;
      if (Number.isInteger(v) && v >= 100) return `${num(v, 0)} ${t.units[unit]}`;
      if (unit === 'index') return num(v);
      return `${num(v)} ${t.units[unit]}`;
    };
    const usd = (v) => `${nf(t.locale, { maximumFractionDigits: 0 }).format(v)} USD`;
    return { t, num, pct, withUnit, usd };
  }

  _render() {
    const g = this.good;
    if (!g) return;
    // On a step (the chart's size known) the chart first, while the page's
    // style is still clean: canvas text makes the browser bring style up to
    // date, which the words written below would otherwise make it redo now,
    // on every step, instead of once per frame.
    const early = !!this._box;
    if (early) this._draw();
    this._renderAlert();
    if (g.shares) this._renderShares(); else this._renderReadouts();
    this._renderLegend();
    // The table only when it is shown (it is rebuilt on switching to it);
    // the sources depend on the indicator and language, not the scenario.
    if (this.s.view === 'table') this._renderTable();
    if (this._sourcesFor !== `${this.ind.id}|${this.s.lang}`) {
      this._sourcesFor = `${this.ind.id}|${this.s.lang}`;
      this._renderSources();
    }
    // The first chart last, once the words are in place: it needs the
    // widget's size, and asking for it after every change is one layout.
    if (!early) this._draw();
  }

  _showAlert(msg) {
    setText(this.r.alert, msg);
    this.r.alert.hidden = false;
  }

  _renderAlert() {
    if (this.notice) {
      const t = T[this.s.lang];
      this._showAlert(t[this.notice.key](...this.notice.args));
    } else {
      if (!this.r.alert.hidden) this.r.alert.hidden = true;
      setText(this.r.alert, '');
    }
  }

  _readout(label, big, small, cls) {
    return { label, big, small, cls: `big ${cls || ''}` };
  }

  /** Show readout cards: built when the set changes shape, otherwise only
   *  the words that changed are rewritten (a slider step creates no nodes). */
  _setCards(cards) {
    const box = this.r.readouts;
    if (box.children.length !== cards.length) {
      box.replaceChildren(...cards.map((c) => h('div', { class: 'readout' }, h('div', { class: 'label', text: c.label }), h('div', { class: c.cls, text: c.big }), h('div', { class: 'small', text: c.small }))));
      return;
    }
    cards.forEach((c, i) => {
      const [label, big, small] = box.children[i].children;
      setText(label, c.label);
      setText(big, c.big);
      if (big.className !== c.cls) big.className = c.cls;
      setText(small, c.small);
    });
  }

  _renderReadouts() {
    const { t, pct, num, withUnit, usd } = this._fmt();
    const { p, trend } = this.good;
    const ind = this.ind;
    const linear = ind.model === 'linear';
    const per = linear ? t.ptsPerYear : t.perYear;
    const rateText = (r) => (linear ? num(r, 2) : pct(r));
    const span = p.targetYear - p.scenario.baseYear;
    const cards = [];
    const reachText = (q) => (q.reachedYear === null ? t.notWithin : (q.reachedYear <= q.targetYear ? t.reachedIn(q.reachedYear) : `${t.notReached(q.targetYear)} (${q.reachedYear})`));
    if (p.targetValue !== null) {
      cards.push(this._readout(linear ? t.needLabelPts : t.needLabel, rateText(p.requiredRate),
        `${p.scenario.baseYear}–${p.targetYear}; ${linear ? t.cumulativePts(num(p.requiredCumulativeChange), span) : t.cumulative(pct(p.requiredCumulativeChange, 0), span)}`));
      if (ind.model === 'perCapita') {
        cards.push(this._readout(t.realNeeded, `${pct(p.requiredRealGrowth)}${t.perYear}`,
          `${t.realSub(pct(p.scenario.inflation), pct(p.scenario.populationGrowth))}. ${t.matchInflation(pct(p.scenario.realGrowth), pct(p.impliedInflation))}`));
      }
    }
    const tail = ind.model === 'perCapita' ? `≈ ${usd(p.usd[p.usd.length - 1])}; ` : '';
    cards.push(this._readout(t.scenarioReaches(p.targetYear), withUnit(p.valueAtTargetYear),
      p.targetValue !== null ? `${tail}${t.shareOfTarget(pct(p.shareOfTarget, 0))}; ${reachText(p)}` : `${tail}${t.noTarget}`,
      p.targetValue === null ? '' : (p.shareOfTarget >= 1 ? 'good' : 'bad')));
    cards.push(this._readout(t.trendReaches(trend.targetYear), withUnit(trend.valueAtTargetYear),
      p.targetValue !== null ? `${t.shareOfTarget(pct(trend.shareOfTarget, 0))}; ${reachText(trend)}` : '',
      p.targetValue === null ? '' : (trend.shareOfTarget >= 1 ? 'good' : 'bad')));
    if (p.probability !== null) {
      cards.push(this._readout(t.probability, pct(p.probability, 0), t.probSub(nf(t.locale, {}).format(p.scenario.paths))));
    }
    this._setCards(cards);
    const reach = p.reachedYear === null ? t.notWithin : (p.reachedYear <= p.targetYear ? t.reachedIn(p.reachedYear) : t.notReached(p.targetYear) + ` (${p.reachedYear})`);
    const prob = p.probability !== null ? t.probText(pct(p.probability, 0)) : '';
    const name = this.dataset_.name[this.s.lang] || this.dataset_.name.vi;
    let text;
    if (ind.model === 'perCapita') {
      text = t.narrativePC({
        g: pct(p.scenario.realGrowth), inf: pct(p.scenario.inflation), pop: pct(p.scenario.populationGrowth), name,
        rate: pct(p.rate), end: withUnit(p.valueAtTargetYear), ty: p.targetYear, usd: usd(p.usd[p.usd.length - 1]),
        share: pct(p.shareOfTarget, 0), target: withUnit(p.targetValue), reach, need: pct(p.requiredRate), realNeed: pct(p.requiredRealGrowth), prob,
      });
    } else {
      text = t.narrativeGen({
        ind: ind.label[this.s.lang] || ind.label.vi, rate: rateText(p.rate), per, end: withUnit(p.valueAtTargetYear), ty: p.targetYear,
        target: p.targetValue !== null ? withUnit(p.targetValue) : null, share: p.shareOfTarget !== null ? pct(p.shareOfTarget, 0) : '',
        reach, need: p.requiredRate !== null ? rateText(p.requiredRate) : '', prob,
      });
    }
    setText(this.r.narrative, text.trim());
    setAttr(this.r.canvas, 'aria-label', t.caption(ind.label[this.s.lang] || ind.label.vi, t.units[ind.unit]));
  }

  _renderShares() {
    const { t, num } = this._fmt();
    const sh = this.good.shares;
    const last = sh.years.length - 1;
    const parts = this.ind.parts.map((part, i) => `${part.label[this.s.lang] || part.label.vi} ${num(sh.values[i][last])}%`).join('; ');
    this._setCards(this.ind.parts.map((part, i) => this._readout(`${part.label[this.s.lang] || part.label.vi}, ${sh.years[last]}`, `${num(sh.values[i][last])}%`, '')));
    setText(this.r.narrative, t.narrativeShares({ y: sh.years[last], parts }));
    setAttr(this.r.canvas, 'aria-label', t.caption(this.ind.label[this.s.lang] || this.ind.label.vi, '%'));
  }

  _renderLegend() {
    // The legend changes with the indicator, language, theme and whether there
    // is a band or a target, not with every slider step.
    const key = [this.ind.id, this.s.lang, this.getAttribute('data-theme'), !!(this.good.p && this.good.p.bands), !!(this.good.p && this.good.p.targetValue !== null)].join('|');
    if (key === this._legendFor) return;
    this._legendFor = key;
    const t = T[this.s.lang];
    const item = (cls, color, text) => {
      const sw = h('span', { class: `sw ${cls}`, 'aria-hidden': 'true' });
      sw.style.setProperty(cls === 'dot' || cls === 'box' || cls === 'diamond' ? 'background' : 'border-top-color', color);
      return h('li', null, sw, h('span', { text }));
    };
    // The theme's variables, not their computed values: reading those here
    // would make the browser compute the widget's style before its layout.
    const c = { history: 'var(--gw-history)', projection: 'var(--gw-projection)', trend: 'var(--gw-trend)', band: 'var(--gw-band)', target: 'var(--gw-target)' };
    if (this.good.shares) {
      this.r.legend.replaceChildren(...this.ind.parts.map((p, i) => item('box', PART_COLORS[i % PART_COLORS.length], p.label[this.s.lang] || p.label.vi)));
      return;
    }
    const items = [item('dot', c.history, t.legend.history)];
    if ((this.ind.alternatives || []).length) items.push(item('dot', 'transparent', t.legend.alt));
    items.push(item('', c.projection, t.legend.projection), item('dash', c.trend, t.legend.trend));
    if (this.good.p.bands) items.push(item('box', c.band, t.legend.band));
    if (this.good.p.targetValue !== null) items.push(item('diamond', c.target, t.legend.target));
    if (items[1] && (this.ind.alternatives || []).length) {
      const sw = items[1].firstChild;
      sw.style.setProperty('border', `2px solid ${c.history}`);
    }
    this.r.legend.replaceChildren(...items);
  }

  _sourceLabel(id) {
    const s = this.dataset_.sources.find((x) => x.id === id);
    if (!s) return id;
    return `${s.publication}, “${s.title}”${s.date ? `, ${s.date}` : ''}`;
  }

  /** Rows of the table and the CSV: exactly the numbers on the chart. */
  _rows() {
    const { t, num } = this._fmt();
    const g = this.good;
    if (g.shares) {
      const head = [t.table.year, ...this.ind.parts.map((p) => p.label[this.s.lang] || p.label.vi), t.table.source];
      const rows = g.shares.years.map((y, k) => {
        const obs = this.ind.shares.find((s) => s.year === y);
        return [String(y), ...g.shares.values.map((col) => num(col[k], 2)), obs ? this._sourceLabel(obs.source) : t.projected];
      });
      return { head, rows, raw: g.shares.years.map((y, k) => [y, ...g.shares.values.map((col) => col[k])]) };
    }
    const p = g.p;
    const hist = this.ind.history;
    const years = new Set(hist.map((x) => x.year));
    for (const y of p.years) years.add(y);
    const sorted = [...years].sort((a, b) => a - b);
    const bands = p.bands;
    const head = [t.table.year, t.table.data, t.table.source, t.table.scenario, t.table.trend];
    if (bands) head.push(t.table.p10, t.table.p90);
    if (p.usd) head.push(t.table.usd);
    const rows = [];
    const raw = [];
    for (const y of sorted) {
      const hp = hist.find((x) => x.year === y);
      const k = p.years.indexOf(y);
      const tk = g.trend.years.indexOf(y);
      const row = [String(y), hp ? num(hp.value) : '', hp ? this._sourceLabel(hp.source) : '',
        k >= 0 ? num(p.values[k]) : '', tk >= 0 ? num(g.trend.values[tk]) : ''];
      const rawRow = [y, hp ? hp.value : null, k >= 0 ? p.values[k] : null, tk >= 0 ? g.trend.values[tk] : null];
      if (bands) {
        row.push(k >= 0 ? num(bands.values[0][k]) : '', k >= 0 ? num(bands.values[bands.values.length - 1][k]) : '');
        rawRow.push(k >= 0 ? bands.values[0][k] : null, k >= 0 ? bands.values[bands.values.length - 1][k] : null);
      }
      if (p.usd) { row.push(k >= 0 ? nf(t.locale, { maximumFractionDigits: 0 }).format(p.usd[k]) : ''); rawRow.push(k >= 0 ? p.usd[k] : null); }
      rows.push(row);
      raw.push(rawRow);
    }
    return { head, rows, raw };
  }

  _renderTable() {
    const { head, rows } = this._rows();
    const t = T[this.s.lang];
    const cap = h('caption', { class: 'cap', text: t.caption(this.ind.label[this.s.lang] || this.ind.label.vi, t.units[this.ind.unit]) });
    const table = h('table', null, cap,
      h('thead', null, h('tr', null, ...head.map((c) => h('th', { scope: 'col', class: c === t.table.source ? 'src' : null, text: c })))),
      h('tbody', null, ...rows.map((r) => h('tr', null, ...r.map((c, i) => (i === 0 ? h('th', { scope: 'row', text: c }) : h('td', { class: head[i] === t.table.source ? 'src' : '', text: c })))))));
    this.r.table.replaceChildren(table);
  }

  _renderSources() {
    const t = T[this.s.lang];
    const ids = new Set();
    const ind = this.ind;
    for (const p of [...ind.history, ...(ind.alternatives || []), ...ind.targets]) ids.add(p.source);
    for (const s of ind.shares || []) ids.add(s.source);
    if (ind.model === 'perCapita') for (const a of Object.values(this.dataset_.assumptions)) ids.add(a.source);
    const items = [...ids].map((id) => {
      const s = this.dataset_.sources.find((x) => x.id === id);
      if (!s) return null;
      const li = h('li', null, h('span', { text: `${s.publication}, “${s.title}”${s.date ? `, ${s.date}` : ''}` }));
      if (s.url && /^https:\/\//.test(s.url)) li.append(' ', h('a', { href: s.url, rel: 'noopener noreferrer', target: '_blank', text: '↗' }));
      return li;
    }).filter(Boolean);
    const notes = this.dataset_.notes && (this.dataset_.notes[this.s.lang] || this.dataset_.notes.vi);
    this.r.sources.replaceChildren(...[h('strong', { text: `${t.sources}:` }), h('ol', null, ...items), ind.model === 'perCapita' && notes ? h('p', { text: notes }) : null].filter(Boolean));
  }

  _renderAssumptions() {
    const { t, pct, withUnit } = this._fmt();
    const r = this.r.assumptions;
    if (!this.good.p) { r.replaceChildren(); return; }
    const sc = this.good.p.scenario;
    const items = [];
    const lab = t.controls;
    if (this.ind.model === 'perCapita') {
      items.push([lab.realGrowth, pct(sc.realGrowth)], [lab.inflation, pct(sc.inflation)], [lab.populationGrowth, pct(sc.populationGrowth)], [lab.fxChange, pct(sc.fxChange)]);
    } else items.push([lab.growthPct, this.ind.model === 'linear' ? String(sc.growth) : pct(sc.growth)]);
    if (sc.targetValue !== null) items.push([lab.targetValue, withUnit(sc.targetValue)]);
    items.push([lab.targetYear, String(sc.targetYear)], [lab.spread, this.ind.model === 'linear' ? String(sc.spread) : pct(sc.spread)]);
    r.replaceChildren(h('strong', { text: `${t.assumptions}:` }), h('ul', null, ...items.map(([k, v]) => h('li', { text: `${k}: ${v}` }))));
  }

  /* ---- theme & chart ---- */
  _applyTheme() {
    const dark = this.s.theme === 'dark' || (this.s.theme === 'auto' && this._mq && this._mq.matches);
    this.setAttribute('data-theme', dark ? 'dark' : 'light');
    if (this.r && this.r.themeSel) this.r.themeSel.value = this.s.theme;
  }

  _colors() {
    // Read once per theme, not on every redraw (a slider step redraws).
    const key = this.getAttribute('data-theme');
    if (this._colorCache && this._colorCache.key === key) return this._colorCache.colors;
    const colors = this._readColors();
    this._colorCache = { key, colors };
    return colors;
  }

  _readColors() {
    const cs = getComputedStyle(this);
    const v = (n, d) => (cs.getPropertyValue(n).trim() || d);
    return {
      background: v('--gw-bg', '#ffffff'), text: v('--gw-fg', '#1b1f24'), grid: v('--gw-line', '#d0d7de'),
      history: v('--gw-history', '#24292f'), projection: v('--gw-projection', '#0b5cad'), trend: v('--gw-trend', '#b35900'),
      target: v('--gw-target', '#b3261e'), band: v('--gw-band', '#0b5cad'),
    };
  }

  _spec() {
    const { t, num } = this._fmt();
    const g = this.good;
    const lang = this.s.lang;
    const sep = lang === 'vi' ? { decimal: ',', group: '.' } : { decimal: '.', group: ',' };
    const unit = this.ind.unit;
    const base = { scale: this._dpr, theme: this._colors(), ...sep, decimals: unit === 'percent' && !g.shares ? 1 : (unit === 'thousandBillionVnd' || unit === 'millionVnd' ? 0 : 0), unitSuffix: unit === 'percent' ? '%' : '' };
    if (g.shares) {
      return Object.assign(base, {
        history: [], decimals: 0,
        stack: { years: g.shares.years, series: g.shares.values, colors: this.ind.parts.map((_, i) => PART_COLORS[i % PART_COLORS.length]), labels: this.ind.parts.map((p) => p.label[lang] || p.label.vi), firstProjectedYear: g.shares.firstProjectedYear },
        words: { target: '', reached: '', projected: t.projected },
      });
    }
    const p = g.p;
    const years = p.years;
    const bands = p.bands;
    const x0 = this.ind.history.length ? this.ind.history[0].year : years[0];
    return Object.assign(base, {
      history: this.ind.history.map((x) => ({ year: x.year, value: x.value })),
      alternatives: (this.ind.alternatives || []).filter((x) => x.year >= x0).map((x) => ({ year: x.year, value: x.value })),
      projection: { years, values: p.values },
      trend: { years: g.trend.years, values: g.trend.values },
      band: bands ? { years, lo: bands.values[0], hi: bands.values[bands.values.length - 1] } : null,
      target: p.targetValue !== null ? { year: p.targetYear, value: p.targetValue } : null,
      reachedYear: p.targetValue !== null && p.reachedYear !== null && p.reachedYear <= p.targetYear ? p.reachedYear : null,
      words: { ...this._chartWords(), projected: '' },
      decimals: unit === 'percent' ? 1 : 0,
    });
  }

  /** The words the chart writes by the target and by the year it is reached. */
  _chartWords() {
    const p = this.good.p;
    const t = T[this.s.lang];
    return {
      target: p.targetValue !== null ? t.chartTarget(nf(t.locale, { maximumFractionDigits: 2 }).format(p.targetValue)) : '',
      reached: p.targetValue === null ? '' : (p.reachedYear !== null && p.reachedYear <= p.targetYear ? t.chartReached(p.reachedYear) : t.chartNotReached(p.targetYear)),
    };
  }

  /** Draw the chart on screen, in two layers (the wasm's ChartView), its
   *  background left to CSS: browsers draw text on a transparent canvas
   *  several times faster. The view gets the whole spec when what frames the
   *  chart changes (language, theme, indicator, pixel ratio; every time for
   *  shares); on a slider step the engine has already put the projection in
   *  (`_compute`) and only the words are given, when they change. */
  _draw() {
    if (!this.good || !this.r || this.s.view !== 'chart' || !this._view) return;
    const box = this.r.chartbox;
    // The size comes from the ResizeObserver. Before its first report (the
    // first chart) it is read here, which lays the widget out: _render draws
    // last, after every other change, so that is the one layout it needs.
    if (!this._box) this._box = { w: box.clientWidth, h: box.clientHeight };
    const { w, h: hgt } = this._box;
    // Too small for axes and a plot (the engine refuses one): nothing drawn.
    if (w < 120 || hgt < 90) return;
    const dpr = Math.min(4, Math.max(1, window.devicePixelRatio || 1));
    this._dpr = dpr;
    const bw = Math.round(w * dpr);
    const bh = Math.round(hgt * dpr);
    for (const c of [this.r.base, this.r.canvas]) {
      if (c.width !== bw) c.width = bw;
      if (c.height !== bh) c.height = bh;
    }
    try {
      const key = this.good.shares ? null : [this.s.lang, this.getAttribute('data-theme'), this.ind.id, dpr].join('|');
      if (key === null || key !== this._viewKey) {
        const spec = this._spec();
        spec.transparent = true;
        this._viewKey = null;
        this._view.setSpec(spec);
        this._viewKey = key;
        this._words = spec.words;
      } else {
        const words = this._chartWords();
        if (words.target !== this._words.target || words.reached !== this._words.reached) {
          this._view.setWords(words.target, words.reached);
          this._words = words;
        }
      }
      this._layout = this._view.draw();
      if (!this._drawn) {
        this._drawn = true;
        // For the benchmark: navigation start → first complete chart.
        mark('first-chart');
      }
    } catch (e) {
      this._viewKey = null;
      if (isWasmTrap(e)) this._fatal(e); else this._showAlert(String(e.message || e));
    }
  }

  /* ---- hover / tap / keys ---- */
  _bindChart() {
    const c = this.r.canvas;
    // A browser may drop a canvas's pixels (its context lost, e.g. under
    // memory pressure) and give it back blank: draw both layers again then.
    for (const layer of [this.r.base, c]) layer.addEventListener('contextrestored', () => { if (this._view) this._view.invalidate(); this._draw(); });
    const at = (ev) => {
      const L = this._layout;
      if (!L) return;
      const rect = c.getBoundingClientRect();
      const x = ev.clientX - rect.left;
      const year = Math.round(L.xMin + ((x - L.plotLeft) / L.plotWidth) * (L.xMax - L.xMin));
      this._showTip(year);
    };
    c.addEventListener('pointermove', at);
    c.addEventListener('pointerdown', at);
    c.addEventListener('pointerleave', (ev) => { if (ev.pointerType === 'mouse') this._hideTip(); });
    c.addEventListener('keydown', (e) => {
      const yrs = this._tipYears();
      if (!yrs.length) return;
      let i = yrs.indexOf(this._hoverYear);
      if (e.key === 'ArrowRight') i = Math.min(yrs.length - 1, i + 1);
      else if (e.key === 'ArrowLeft') i = i < 0 ? yrs.length - 1 : Math.max(0, i - 1);
      else if (e.key === 'Home') i = 0;
      else if (e.key === 'End') i = yrs.length - 1;
      else if (e.key === 'Escape') { this._hideTip(); return; }
      else return;
      e.preventDefault();
      this._showTip(yrs[i], true);
    });
    c.addEventListener('blur', () => this._hideTip());
  }

  _tipYears() {
    const g = this.good;
    if (!g) return [];
    if (g.shares) return g.shares.years;
    const s = new Set(this.ind.history.map((x) => x.year));
    for (const y of g.p.years) s.add(y);
    return [...s].sort((a, b) => a - b);
  }

  _showTip(year, announce) {
    const yrs = this._tipYears();
    if (!yrs.includes(year)) { this._hideTip(); return; }
    this._hoverYear = year;
    const { t, num, withUnit } = this._fmt();
    const g = this.good;
    const lines = [String(year)];
    if (g.shares) {
      const k = g.shares.years.indexOf(year);
      this.ind.parts.forEach((p, i) => lines.push(`${p.label[this.s.lang] || p.label.vi}: ${num(g.shares.values[i][k])}%`));
      const obs = this.ind.shares.find((s) => s.year === year);
      if (obs) lines.push(`${t.tipSource}: ${this._sourceLabel(obs.source)}`);
    } else {
      for (const hp of this.ind.history.filter((x) => x.year === year)) {
        lines.push(`${t.legend.history}: ${withUnit(hp.value)}`);
        if (hp.note) lines.push(hp.note[this.s.lang] || hp.note.vi);
        lines.push(`${t.tipSource}: ${this._sourceLabel(hp.source)}`);
      }
      for (const ap of (this.ind.alternatives || []).filter((x) => x.year === year)) {
        lines.push(`${t.legend.alt}: ${withUnit(ap.value)} (${this._sourceLabel(ap.source)})`);
      }
      const k = g.p.years.indexOf(year);
      if (k > 0) {
        lines.push(`${t.legend.projection}: ${withUnit(g.p.values[k])}`);
        if (g.trend.years.indexOf(year) >= 0) lines.push(`${t.legend.trend}: ${withUnit(g.trend.values[g.trend.years.indexOf(year)])}`);
        if (g.p.bands) lines.push(`${t.legend.band}: ${num(g.p.bands.values[0][k])} – ${num(g.p.bands.values[g.p.bands.values.length - 1][k])}`);
      }
      if (g.p.targetValue !== null && year === g.p.targetYear) {
        const tgt = this.ind.targets[0];
        lines.push(`${t.legend.target}: ${withUnit(g.p.targetValue)}`);
        if (tgt && tgt.value === g.p.targetValue) lines.push(`${t.tipSource}: ${this._sourceLabel(tgt.source)}`);
      }
    }
    const tip = this.r.tip;
    tip.replaceChildren(...lines.map((l) => h('div', { text: l })));
    tip.firstChild.style.setProperty('font-weight', '700');
    tip.hidden = false;
    const L = this._layout;
    if (L) {
      const x = L.plotLeft + ((year - L.xMin) / (L.xMax - L.xMin)) * L.plotWidth;
      const boxW = this.r.chartbox.clientWidth;
      const tw = tip.offsetWidth;
      const left = Math.max(0, Math.min(boxW - tw, x + 12 > boxW - tw ? x - tw - 12 : x + 12));
      tip.style.setProperty('left', `${left}px`);
      tip.style.setProperty('top', `${L.plotTop + 4}px`);
    }
    // Keyboard readout: spoken by screen readers through a polite live region.
    if (announce) this.r.live.textContent = lines.join('. ');
  }

  _hideTip() {
    this._hoverYear = null;
    if (this.r) this.r.tip.hidden = true;
  }

  /* ---- link, downloads ---- */
  _state() {
    const sc = {};
    for (const k of SCENARIO_FIELDS) if (this.s.input[k] !== undefined) sc[k] = this.s.input[k];
    sc.indicator = this.ind.id;
    return { scenario: sc, lang: this.s.lang, theme: this.s.theme === 'auto' ? null : this.s.theme, view: this.s.view === 'chart' ? null : this.s.view };
  }

  _hash() {
    return this.wb.formatShareLink(this._state());
  }

  /** Put the state in the URL hash. While a slider is dragged (`lazy`) the
   *  write waits 250 ms: browsers throttle floods of history.replaceState. */
  _writeHash(lazy) {
    if (!this.hasAttribute('sync-hash') || !this.good) return;
    if (lazy) {
      if (!this._hashTimer) this._hashTimer = setTimeout(() => { this._hashTimer = null; this._writeHash(); }, 250);
      return;
    }
    if (this._hashTimer) { clearTimeout(this._hashTimer); this._hashTimer = null; }
    let hash;
    try { hash = this._hash(); } catch (e) { if (isWasmTrap(e)) this._fatal(e); return; }
    this._lastHash = hash;
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }

  /** Apply a share link (hash or `scenario` attribute). On any problem the
   *  reader is told what, and the last good scenario stays. */
  _applyLink(hash, initial) {
    let st;
    try {
      st = this.wb.parseShareLink(String(hash));
    } catch (e) {
      if (isWasmTrap(e)) { this._fatal(e); return; }
      this.notice = { key: 'errLink', args: [e.message] };
      if (initial || !this.good) { this._build(); this._recompute(); } else { this._renderAlert(); this._writeHash(); }
      return;
    }
    if (st.lang) this.s.lang = st.lang;
    if (st.theme) this.s.theme = st.theme;
    if (st.view) this.s.view = st.view;
    const sc = st.scenario || {};
    const want = sc.indicator && this.dataset_.indicators.some((i) => i.id === sc.indicator) ? sc.indicator : this.ind.id;
    const prev = { ind: this.ind.id, input: this.s.input, good: this.good };
    if (want !== this.ind.id) this._setIndicator(want);
    const input = Object.assign({}, this._presetInput('plan'));
    for (const k of SCENARIO_FIELDS) if (sc[k] !== undefined && sc[k] !== null && k !== 'indicator') input[k] = sc[k];
    // Range-check the link's values with the same rules as typed input (the
    // controls' definitions; the page is built once, after the checks).
    const tl = T[this.s.lang];
    let bad = null;
    for (const def of this._controlDefs()) {
      const v = sc[def.key];
      if (v === undefined || v === null) continue;
      const shown = def.pct ? v * 100 : v;
      if (!(shown >= def.min && shown <= def.max)) {
        const fmt = (x) => nf(tl.locale, { maximumFractionDigits: 2, useGrouping: !def.year }).format(x);
        bad = `${tl.controls[def.label || def.key]}: ${tl.errRange(fmt(def.min), fmt(def.max))}`;
        break;
      }
    }
    if (sc.indicator && want !== sc.indicator) bad = `ind: ${sc.indicator}`;
    if (!bad) {
      try { this._compute(input); } catch (e) { if (isWasmTrap(e)) { this._fatal(e); return; } bad = e.message; }
    }
    if (bad) {
      this.notice = { key: 'errLink', args: [bad] };
      if (prev.good && !initial) {
        if (prev.ind !== this.ind.id) this._setIndicator(prev.ind);
        this.s.input = prev.input;
        this._build();
        this._recompute(prev.input);
      } else {
        this._build();
        this._recompute(this._presetInput('plan'));
      }
      return;
    }
    this.notice = null;
    const isPreset = ['trend', 'plan'].find((n) => SCENARIO_FIELDS.every((k) => k === 'indicator' || JSON.stringify(this._presetInput(n)[k]) === JSON.stringify(input[k])));
    this.s.preset = isPreset || 'custom';
    if (!isPreset) this._custom = Object.assign({}, input);
    const was = this.s.input;
    this.s.input = input;
    this._build();
    if (!this._recompute(input)) { this.s.input = was; this._build(); this._recompute(was); }
  }

  _shareUrl() {
    const base = this.getAttribute('share-url') || (location.href.split('#')[0]);
    return base + this._hash();
  }

  async _copyLink() {
    const t = T[this.s.lang];
    let url;
    try { url = this._shareUrl(); } catch (e) { if (isWasmTrap(e)) this._fatal(e); return; }
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      this.r.status.textContent = t.copied;
      this.r.linkBox.classList.add('hidden');
    } catch (_) {
      this.r.status.textContent = t.copyFailed;
      this.r.linkBox.value = url;
      this.r.linkBox.classList.remove('hidden');
      this.r.linkBox.select();
    }
  }

  _download(name, url) {
    const a = h('a', { href: url, download: name });
    this._root.append(a);
    a.click();
    a.remove();
  }

  /** The chart as a PNG data URL: the whole chart on one canvas of the
   *  screen chart's size, with its background painted. */
  _png() {
    // The size now (the chart may have just been switched back into view).
    const box = this.r.chartbox;
    this._box = { w: box.clientWidth, h: box.clientHeight };
    this._draw();
    const c = document.createElement('canvas');
    c.width = this.r.canvas.width;
    c.height = this.r.canvas.height;
    // No chart drawn yet (only the table shown so far): no picture either.
    if (!this._drawn || c.width < 10 || c.height < 10) return '';
    try {
      const spec = this._spec();
      spec.transparent = false;
      this.wb.drawChart(c, spec);
    } catch (e) {
      if (isWasmTrap(e)) this._fatal(e); else this._showAlert(String(e.message || e));
      return '';
    }
    return c.toDataURL('image/png');
  }

  _downloadPng() {
    const view = this.s.view;
    if (view !== 'chart') { this.s.view = 'chart'; this._setView('chart', true); this._draw(); }
    const url = this._png();
    if (url) this._download(`grdp-whatif-${this.ind.id}.png`, url);
    if (view !== 'chart') this._setView(view, true);
  }

  /** CSV: plain numbers (dot decimal, no grouping) so spreadsheets read them in
   *  any locale; UTF-8 with a BOM so Vietnamese headers show correctly. */
  csv() {
    const { head, raw } = this._rows();
    const esc = (v) => {
      const s = v === null || v === undefined ? '' : String(v);
      // Neutralise spreadsheet formulas in text cells.
      const safe = /^[=+\-@\t\r]/.test(s) && Number.isNaN(Number(s)) ? `'${s}` : s;
      return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    };
    const g = this.good;
    let headRaw = head;
    if (!g.shares) headRaw = head.filter((_, i) => i !== 2); // raw rows carry no source column
    const lines = [headRaw.map(esc).join(',')];
    for (const r of raw) lines.push(r.map((v) => (typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : esc(v))).join(','));
    return '\uFEFF' + lines.join('\r\n') + '\r\n';
  }

  _downloadCsv() {
    const blob = new Blob([this.csv()], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    this._download(`grdp-whatif-${this.ind.id}.csv`, url);
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /* ---- failure ---- */
  _fatal(e) {
    const t = T[this.s.lang] || T.vi;
    this._dead = true;
    if (this._ro) this._ro.disconnect();
    const btn = h('button', { type: 'button', text: t.reload, onclick: () => this._restart() });
    this._root.replaceChildren(h('div', { class: 'gw' }, h('div', { class: 'fatal', role: 'alert' }, h('p', { text: t.fatal }), h('p', { class: 'small', text: String(e && e.message || e) }), btn)));
    this.dispatchEvent(new CustomEvent('grdp-whatif:error', { bubbles: true, composed: true, detail: { message: String(e && e.message || e) } }));
  }

  async _restart() {
    const keep = { input: this.s.input, ind: this.s.indicator, lang: this.s.lang, theme: this.s.theme, view: this.s.view };
    try {
      this.wb = await newInstance();
      this.engine = this.datasetText ? this.wb.Engine.fromJson(this.datasetText) : new this.wb.Engine();
      this.dataset_ = this.engine.dataset();
      this._dead = false;
      Object.assign(this.s, { lang: keep.lang, theme: keep.theme, view: keep.view });
      this._setIndicator(keep.ind);
      this.s.input = keep.input;
      this.s.preset = 'custom';
      this._build();
      this._recompute(keep.input);
    } catch (e) {
      this._fatal(e);
    }
  }

  /* ---- public (for tests and hosts) ---- */
  get scenario() { return this.good ? JSON.parse(JSON.stringify(this._state())) : null; }
  get projection() { return this.good ? this.good.p || this.good.shares : null; }
}

/* ---------- registration and the global API ---------- */
if (!customElements.get('grdp-whatif')) customElements.define('grdp-whatif', GrdpWhatIfElement);

if (!globalThis.GrdpWhatIf) {
  // The API's own wasm instance is made on first use of `ready`, so a page
  // that only shows the widget does not pay for a second instance.
  const api = { version: VERSION };
  let readyPromise = null;
  Object.defineProperty(api, 'ready', {
    enumerable: true,
    get() {
      if (!readyPromise) {
        readyPromise = newInstance().then((wb) => {
          for (const k of ['requiredGrowthRate', 'yearsToTarget', 'valueAfter', 'projectSeries', 'projectSchedule', 'perCapitaNominalGrowth',
            'realGrowthNeeded', 'compoundRateBetween', 'project', 'defaultDataset', 'loadDataset', 'parseShareLink', 'formatShareLink', 'Engine',
            'drawChart', 'ChartView']) {
            api[k] = wb[k];
          }
          return api;
        });
      }
      return readyPromise;
    },
  });
  Object.defineProperty(globalThis, 'GrdpWhatIf', { value: api, configurable: true, writable: false, enumerable: false });
}
