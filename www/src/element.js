/* The <grdp-whatif> element and the GrdpWhatIf API.
 *
 * One state value (state.js), changed only by dispatch(action); one render
 * that makes the shadow DOM show it, never called from inside itself (an
 * event during a render is rendered after it). The engine (wasm) decides
 * every figure and word: render asks it for the presentation of the state
 * and shows that.
 *
 * The element's life (engine, dataset, state) is made on first connection
 * and kept when the element is moved or re-attached; only the page-wide
 * listeners come and go with the connection. destroy() ends it.
 */
/* global CSS_TEXT */
import { WORDS, langOf } from './words.js';
import { h, setText, setAttr, localized, fill, watchSize } from './dom.js';
import { newInstance, fetchText, LoadError, mark } from './load.js';
import { initialState, reduce, viewOf, keyOf, errorOf } from './state.js';
import { buildControls, updateControls } from './controls.js';
import { ChartPane, themeColors } from './chart.js';

const VERSION = '0.2.0';
mark('script');

/** A key for a source as shown: its words and link, field by field (not
 *  JSON.stringify, which a host page may patch). */
const locKey = (l) => (l ? `${l.lang}:${l.text}` : '');
const sourceKey = (src) => [src.kind, locKey(src.publication), locKey(src.title), locKey(src.date), src.translation, src.url].join('\u0001');

/** Let the browser run other tasks (paint, input) before going on. */
const breath = () => (globalThis.scheduler && typeof globalThis.scheduler.yield === 'function'
  ? globalThis.scheduler.yield()
  : new Promise((resolve) => setTimeout(resolve, 0)));
const isTrap = (e) => typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError;
// Whether the browser keeps what the reader looks at still when content
// above it changes height (scroll anchoring: Chromium, Firefox; not WebKit).
const NATIVE_ANCHORING = typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('overflow-anchor', 'auto');

class GrdpWhatIfElement extends HTMLElement {
  static get isGrdpWhatIf() { return true; }
  static get observedAttributes() { return ['lang', 'theme', 'indicator', 'scenario', 'src', 'loading']; }

  constructor() {
    super();
    this._shadow = this.attachShadow({ mode: 'open' });
    // A constructed sheet where the browser has them (Safari before 16.4
    // has not): else a <style> kept first in the shadow root (the single
    // file's CSP allows it by hash).
    this._style = null;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS_TEXT);
      this._shadow.adoptedStyleSheets = [sheet];
    } catch (e) {
      this._style = h('style', { text: CSS_TEXT });
      this._shadow.append(this._style);
    }
    this._life = null;
    this._given = null;
    // The control the reader last touched or focused: kept still on screen
    // when a render changes the height of what is above it (`_anchorAt`).
    const touched = (e) => {
      if (!this._life) return;
      this._life.anchorEl = e.target;
      this._life.anchorTime = performance.now();
    };
    this._shadow.addEventListener('pointerdown', (e) => {
      touched(e);
      if (this._life) this._life.pressed = true;
    }, true);
    this._shadow.addEventListener('focusin', touched, true);
    this._shadow.addEventListener('keydown', touched, true);
  }

  /* ---------------- life ---------------- */

  connectedCallback() {
    if (!this._life) this._begin();
    else if (!this._life.destroyed) { this._listen(); this._readyOnce(); }
  }

  /** `grdp-whatif:ready`, once per life, when the first view is on screen:
   *  a widget taken out of the page while it started says so when it is
   *  back (a detached element's event reaches no page listener). */
  _readyOnce() {
    const life = this._life;
    if (!life || life.readyFired || life.destroyed || life.renderFailed || !life.frame || life.state.status !== 'ready' || !this.isConnected) return;
    life.readyFired = true;
    this.dispatchEvent(new CustomEvent('grdp-whatif:ready', { bubbles: true, composed: true }));
  }

  disconnectedCallback() {
    // Moved or taken out: the page-wide listeners go (nothing holds the
    // element from the page), the life stays for when it comes back.
    if (this._life) this._unlisten();
  }

  attributeChangedCallback(name, oldV, newV) {
    const life = this._life;
    if (!life || life.destroyed) return;
    // The same value set again still asks for it (a link may have changed
    // the language since): only `src` and `loading` need a change.
    if (oldV === newV && (name === 'src' || name === 'loading')) return;
    // Asked for before the widget can show it (while a dataset loads, or
    // after one failed): used when the next dataset is shown.
    if (life.state.status !== 'ready' && (name === 'indicator' || name === 'scenario') && newV) {
      life.pending = { ...life.pending, [name]: newV };
      return;
    }
    // Taken away (or not one of ours), `lang` and `theme` go back to what
    // they are without it: the page's language, the system's theme.
    if (name === 'lang') this.dispatch({ type: 'lang', lang: langOf(this) });
    else if (name === 'theme') this.dispatch({ type: 'theme', theme: ['light', 'dark', 'auto'].includes(newV) ? newV : 'auto' });
    else if (name === 'indicator' && newV) this.dispatch({ type: 'indicator', id: newV });
    else if (name === 'scenario' && newV) this.dispatch({ type: 'link', hash: newV });
    else if (name === 'src') { this._given = null; this._load(); }
    // A lazy widget not started yet starts when `loading` stops saying lazy.
    else if (name === 'loading' && newV !== 'lazy' && life.io) { life.io.disconnect(); life.io = null; this._load(); }
  }

  /** Show another dataset, given as its JSON text (the studio's preview; a
   *  page that builds its data itself). Checked as `src` is: a dataset that
   *  cannot be used is said so, `grdp-whatif:error` fires, and no other
   *  figures are shown. The reader's indicator is kept when the new dataset
   *  has it. Resolves to true when shown, false when refused. */
  setDataset(text) {
    if (typeof text !== 'string') return Promise.reject(new TypeError('setDataset takes the dataset as JSON text'));
    this._given = text;
    const life = this._life;
    if (!life || life.destroyed) return Promise.resolve(false);
    if (life.wb && life.engine && life.state.status === 'ready') {
      // Started: swapped at once, without a "loading" frame in between.
      ++life.loadToken;
      if (life.abort) life.abort.abort();
      let engine;
      try {
        engine = life.wb.Engine.fromJson(text);
      } catch (e) {
        if (isTrap(e)) { this._fatal(e); return Promise.resolve(false); }
        const err = errorOf(e);
        this._datasetFailed(err, err.en);
        return Promise.resolve(false);
      }
      this._use(engine, text);
      return Promise.resolve(true);
    }
    return this._load().then(() => !!this._life && this._life.state.status === 'ready' && this._life.text === text);
  }

  /** End the widget: its engine and chart freed, observers and listeners removed. */
  destroy() {
    const life = this._life;
    if (!life || life.destroyed) return;
    this._unlisten();
    if (life.io) life.io.disconnect();
    if (life.unwatchHeight) life.unwatchHeight();
    if (life.abort) life.abort.abort();
    if (life.chart) life.chart.free();
    try { if (life.engine) life.engine.free(); } catch (e) { /* gone with its instance */ }
    life.destroyed = true;
    life.engine = null;
    life.chart = null;
    this._mount();
  }

  /** The shadow root's content replaced by `nodes`, the <style> of a
   *  browser without constructed sheets kept first. */
  _mount(...nodes) {
    this._shadow.replaceChildren(...(this._style ? [this._style] : []), ...nodes);
  }

  _begin() {
    const theme = this.getAttribute('theme');
    const life = this._life = {
      state: initialState({ lang: langOf(this), theme: ['light', 'dark', 'auto'].includes(theme) ? theme : 'auto' }),
      wb: null, engine: null, text: null, chart: null, frame: null, built: null,
      rendering: false, again: false, readyFired: false, destroyed: false,
      loadToken: 0, abort: null, memo: null, listeners: [], io: null, unwatchHeight: null, lastHash: null, hashTimer: null, resizeQueued: false,
    };
    // The skeleton in a task of its own (not in the script's, which also
    // parses and starts the engine), unless a render needs it sooner.
    breath().then(() => {
      if (life.destroyed || life.frame) return;
      this._frame();
      this.render();
    });
    this._listen();
    if (this.hasAttribute('sync-hash') && window.parent !== window) {
      // In an iframe: report the content's height (both ways) to the host,
      // from one observer on the widget itself (the document's scroll height
      // cannot shrink below the frame).
      life.unwatchHeight = watchSize(this, () => {
        window.parent.postMessage({ type: 'grdp-whatif:height', height: this._contentHeight() }, '*');
        this._holdChart();
      });
    }
    const start = () => this._load();
    // loading="lazy": start only when the widget comes near the viewport.
    if (this.getAttribute('loading') === 'lazy' && typeof IntersectionObserver === 'function') {
      life.io = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) { life.io.disconnect(); life.io = null; start(); }
      }, { rootMargin: '400px 0px' });
      life.io.observe(this);
    } else {
      start();
    }
  }

  /** The page-wide listeners, added on each connection. */
  _listen() {
    const life = this._life;
    if (life.listeners.length) return;
    const add = (target, type, fn) => { target.addEventListener(type, fn); life.listeners.push([target, type, fn]); };
    const mq = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    if (mq) add(mq, 'change', () => this.render());
    life.shortMq = window.matchMedia ? window.matchMedia('(max-height: 34em)') : null;
    if (life.shortMq) add(life.shortMq, 'change', () => this._fitShort());
    add(window, 'beforeprint', () => this._printPicture());
    if (this.hasAttribute('sync-hash')) {
      add(window, 'hashchange', () => { if (location.hash !== life.lastHash) this.dispatch({ type: 'link', hash: location.hash }); });
    }
    if (window.parent !== window) {
      // A finger lifted: what the host was asked to wait for (_keepAnchor).
      const lifted = () => { life.pressed = false; if (life.owed) this._scrollHost(); };
      add(window, 'pointerup', lifted);
      add(window, 'pointercancel', lifted);
    }
    if (this.hasAttribute('sync-hash') && window.parent !== window) {
      // In an iframe the frame does not scroll (the host page does), so the
      // phone layout's sticky chart cannot hold itself in view: the host's
      // listener sends where its viewport is over the frame, and the chart is
      // moved down to stay in it (see `_holdChart`).
      add(window, 'message', (e) => {
        const d = e.source === window.parent && e.data;
        if (!d || d.type !== 'grdp-whatif:viewport' || !Number.isFinite(d.top) || !Number.isFinite(d.height)) return;
        life.viewport = { top: d.top, height: d.height };
        this._fitShort();
        this._holdChart();
      });
    }
    life.mq = mq;
    // Turned while it was out of the page.
    this._fitShort();
  }

  /** Whether the screen is short (a phone on its side): then a wide widget
   *  puts the chart beside the controls (widget.css, `data-short`). The
   *  window says, except in an iframe whose host has said how tall its
   *  viewport is (the frame's own window is as tall as its content). */
  _fitShort() {
    const life = this._life;
    const f = life.frame;
    if (!f) return;
    const v = life.viewport;
    let short;
    if (v && window.parent !== window) {
      // 34em as a media query has it: the reader's default font size.
      if (!life.em) life.em = parseFloat(getComputedStyle(f.root).fontSize) || 16;
      short = v.height < 34 * life.em;
      const vh = `${Math.max(0, Math.round(v.height))}px`;
      if (f.root.style.getPropertyValue('--gw-vh') !== vh) f.root.style.setProperty('--gw-vh', vh);
    } else {
      short = !!(life.shortMq && life.shortMq.matches);
    }
    if (short !== f.root.hasAttribute('data-short')) f.root.toggleAttribute('data-short', short);
  }

  /** In an iframe, where the host has said where its viewport is: the chart
   *  moved down by as much as the host has scrolled past it, as `position:
   *  sticky` would do in a page that scrolls (only where the layout makes the
   *  chart sticky: a phone; never past the end of the widget). */
  _holdChart() {
    const life = this._life;
    const f = life.frame;
    const v = life.viewport;
    if (!v || !f || !f.chartHolder) return;
    const wrap = f.chartHolder;
    const sticky = !wrap.hidden && getComputedStyle(wrap).position === 'sticky';
    let move = 0;
    if (sticky) {
      // Where the chart shows without a move of its own (lifted with the
      // whole widget while a finger is down: see `_lift`), and the widget's end.
      const top = wrap.getBoundingClientRect().top + window.scrollY - (life.chartMove || 0);
      const end = f.main.getBoundingClientRect().bottom + window.scrollY;
      const room = Math.max(0, end - top - wrap.offsetHeight);
      move = Math.round(Math.min(room, Math.max(0, -v.top - top)));
    }
    if (move === (life.chartMove || 0)) return;
    life.chartMove = move;
    wrap.style.transform = move ? `translateY(${move}px)` : '';
  }

  /** While a finger is down in a frame (the host must not scroll under it),
   *  the whole widget moved up by what grew above the control it holds, so
   *  that the control stays under the finger; undone when the host scrolls
   *  by as much, as the finger lifts. */
  _lift(px) {
    const life = this._life;
    const f = life.frame;
    if (!f || (life.lift || 0) === px) return;
    life.lift = px;
    f.main.style.transform = px ? `translateY(${-px}px)` : '';
    this._holdChart();
  }

  _unlisten() {
    const life = this._life;
    for (const [target, type, fn] of life.listeners) target.removeEventListener(type, fn);
    life.listeners = [];
  }

  /* ---------------- loading ---------------- */

  /** Start (or start again): the engine, then the dataset; a newer call
   *  supersedes an older one still in flight. */
  async _load() {
    const life = this._life;
    const token = ++life.loadToken;
    if (life.abort) life.abort.abort();
    const abort = life.abort = new AbortController();
    const live = () => token === life.loadToken && !life.destroyed;
    this._set({ ...life.state, status: 'loading', failure: null });
    try {
      if (!life.wb) { life.wb = await newInstance(); mark('wasm-instance'); await breath(); }
    } catch (e) {
      if (!live()) return;
      // A host that gave every object a `then` (Object.prototype.then) makes
      // every promise of an object misbehave: said as the page's doing, not
      // as the browser's lack of WebAssembly.
      if ('then' in {}) this._fail({ kind: 'host', detail: 'Object.prototype.then' });
      else this._fail({ kind: 'start', detail: String(e && e.message || e) });
      return;
    }
    let text = null;
    const src = this.getAttribute('src');
    const inline = this.querySelector('script[type="application/json"]');
    try {
      if (typeof this._given === 'string') text = this._given;
      else if (src !== null) text = await fetchText(src, abort.signal);
      else if (inline) text = inline.textContent;
    } catch (e) {
      if (!live() || abort.signal.aborted) return;
      const w = (lang) => (e instanceof LoadError ? WORDS[lang][e.reason](e.arg) : WORDS[lang].network);
      const words = (lang) => (typeof WORDS[lang][e.reason] === 'function' ? w(lang) : WORDS[lang][e.reason] || w(lang));
      this._datasetFailed({ vi: words('vi'), en: words('en'), field: 'src' }, String(e && e.message || e));
      return;
    }
    if (!live()) return;
    let engine;
    try {
      engine = text === null ? new life.wb.Engine() : life.wb.Engine.fromJson(text);
    } catch (e) {
      if (isTrap(e)) { this._fatal(e); return; }
      const err = errorOf(e);
      this._datasetFailed(err, err.en);
      return;
    }
    mark('dataset');
    // Start-up in a few short tasks, not one long one: the browser paints
    // and answers input in between (a phone's main thread is slow).
    await breath();
    if (!live()) { try { engine.free(); } catch (e) { /* gone */ } return; }
    await this._use(engine, text, null, live);
  }

  /** A dataset that could not be used: said so (and no other province's
   *  figures shown), unless the page asked for the built-in data. */
  _datasetFailed(err, detail) {
    const life = this._life;
    console.error(`grdp-whatif: the dataset could not be used: ${detail}`);
    this.dispatchEvent(new CustomEvent('grdp-whatif:error', { bubbles: true, composed: true, detail: { message: detail, field: err.field || '', vi: err.vi, en: err.en } }));
    if (this.getAttribute('fallback') === 'default') {
      try {
        this._use(new life.wb.Engine(), null, { kind: 'fallback' });
        return;
      } catch (e) { /* below */ }
    }
    this._fail({ kind: 'dataset', detail: err });
  }

  /** Show `engine`'s dataset. With `live` (a start), the first state is
   *  worked out (the engine's presentation, most of a phone's start-up) in
   *  one task and shown in the next, unless the start was superseded. */
  async _use(engine, text, notice, live) {
    const life = this._life;
    try { if (life.engine) life.engine.free(); } catch (e) { /* gone with its instance */ }
    life.engine = engine;
    life.text = text;
    life.memo = null;
    if (life.chart) { life.chart.free(); life.chart = null; }
    life.built = null;
    const prev = life.state;
    // What the page asks for (attributes, the address), read when used: an
    // `indicator` or `scenario` set while loading waits for this.
    const asked = () => {
      const own = this.hasAttribute('sync-hash');
      const hash = location.hash;
      const link = (own && hash.length > 1) || (!own && /^#v=/.test(hash) && this._linkIsMine(hash)) ? hash : this.getAttribute('scenario');
      const p = life.pending || {};
      return { type: 'loaded', indicator: p.indicator || prev.indicator || this.getAttribute('indicator'), link: p.scenario || (prev.status === 'loading' && !prev.scenario ? link : null), notice: notice || null };
    };
    let action = asked();
    let next = null;
    if (live) {
      try {
        next = reduce(prev, action, this._ctx());
        // The engine's presentation of it (and its chart) now, kept for
        // the render (the memo): the next task only draws and writes.
        if (next.status === 'ready') {
          if (next.view === 'chart' && life.frame) this._ensureChart();
          this._present(viewOf(next));
        }
      } catch (e) {
        if (isTrap(e)) { this._fatal(e); return; }
        next = null;
      }
      await breath();
      if (!live()) return;
      const now = asked();
      if (now.indicator !== action.indicator || now.link !== action.link) { action = now; next = null; }
    }
    // Shown as worked out, unless the state or what the page asks for
    // changed meanwhile (then worked out again, as any event is).
    if (!next || life.state !== prev) {
      try {
        next = reduce(life.state, action, this._ctx());
      } catch (e) {
        // A dataset the engine took but cannot show: said so, never left
        // on its loading line.
        if (isTrap(e)) { this._fatal(e); return; }
        const err = errorOf(e);
        this._datasetFailed(err, err.en);
        return;
      }
    }
    life.pending = null;
    // An `indicator` the dataset does not have opens its first one: the
    // embedder is told (a typo in the attribute, or an older dataset).
    if (action.indicator && next.status === 'ready' && !life.engine.indicators().includes(action.indicator)) {
      console.warn(`grdp-whatif: the dataset has no indicator "${action.indicator}"; showing "${next.indicator}"`);
    }
    this._set(next);
    mark('rendered');
    this._readyOnce();
  }

  _fail(failure) {
    const life = this._life;
    if (failure.kind === 'start' || failure.kind === 'host') {
      const said = failure.kind === 'host' ? 'hostFailed' : 'startFailed';
      console.error(`grdp-whatif: could not start: ${failure.detail}`);
      this.dispatchEvent(new CustomEvent('grdp-whatif:error', { bubbles: true, composed: true, detail: { message: failure.detail, field: 'wasm', vi: WORDS.vi[said], en: WORDS.en[said] } }));
    }
    this._set(reduce(life.state, { type: 'failed', failure }, this._ctx()));
  }

  /** A trap inside the wasm: the engine is gone; the state is kept for a restart. */
  _fatal(e) {
    const life = this._life;
    console.error('grdp-whatif: the engine stopped:', e);
    life.wb = null;
    life.engine = null;
    if (life.chart) { try { life.chart.unwatch(); } catch (x) { /* gone */ } life.chart = null; }
    life.built = null;
    life.memo = null;
    this.dispatchEvent(new CustomEvent('grdp-whatif:error', { bubbles: true, composed: true, detail: { message: String(e && e.message || e), field: 'wasm', vi: WORDS.vi.fatal, en: WORDS.en.fatal } }));
    this._set({ ...life.state, status: 'failed', failure: { kind: 'fatal', detail: String(e && e.message || e) } });
  }

  async _retry() {
    const life = this._life;
    if (life.state.failure && life.state.failure.kind === 'fatal' && life.state.scenario) {
      const keep = life.state;
      try {
        life.wb = await newInstance();
        life.engine = life.text === null ? new life.wb.Engine() : life.wb.Engine.fromJson(life.text);
        life.memo = null;
        this._set({ ...keep, status: 'ready', failure: null });
        return;
      } catch (e) {
        this._fatal(e);
        return;
      }
    }
    this._load();
  }

  /* ---------------- state ---------------- */

  /** What the reducer may ask the engine. */
  _ctx() {
    const life = this._life;
    return {
      engine: life.engine,
      indicators: () => (life.engine ? life.engine.indicators() : []),
      check: (view) => {
        const r = this._present(view);
        return r.error ? { ok: false, error: r.error } : { ok: true };
      },
    };
  }

  /** The engine's presentation of a view, kept for the last view (the
   *  reducer's check and the render that follows ask once). */
  _present(view) {
    const life = this._life;
    const key = keyOf(view);
    if (life.memo && life.memo.key === key) return life.memo;
    let r;
    try {
      r = { key, p: life.chart ? life.engine.presentInto(view, life.chart.view) : life.engine.present(view) };
    } catch (e) {
      if (isTrap(e)) throw e;
      r = { key, error: errorOf(e) };
    }
    life.memo = r;
    return r;
  }

  /** Apply an action: the next state, then a render. */
  dispatch(action) {
    const life = this._life;
    if (!life || life.destroyed) return;
    let next;
    try {
      next = reduce(life.state, action, this._ctx());
    } catch (e) {
      if (isTrap(e)) { this._fatal(e); return; }
      console.error('grdp-whatif:', e);
      return;
    }
    if (action.type === 'settled') this._writeHash(false);
    // An event that changes nothing renders nothing.
    if (next === life.state) return;
    this._set(next);
  }

  _set(next) {
    const life = this._life;
    life.state = next;
    this.render();
  }

  /* ---------------- render ---------------- */

  /** Make the page show the state. Never runs inside itself: a change
   *  made while it runs is shown when it ends. */
  render() {
    const life = this._life;
    if (!life || life.destroyed) return;
    if (life.rendering) { life.again = true; return; }
    // Loading: the skeleton is on its way (see _begin); anything else is
    // shown now.
    if (!life.frame && life.state.status === 'loading') return;
    let anchor = null;
    life.rendering = true;
    try {
      if (!life.frame) this._frame();
      anchor = this._anchorAt();
      do {
        life.again = false;
        this._renderOnce();
      } while (life.again);
      life.renderFailed = false;
    } catch (e) {
      if (isTrap(e)) { life.rendering = false; this._fatal(e); return; }
      console.error('grdp-whatif:', e);
      this._renderFailed(e);
    } finally {
      life.rendering = false;
    }
    this._keepAnchor(anchor);
    this._readyOnce();
  }

  /** A render that threw (a host page that broke a built-in the widget
   *  uses): a page half brought up to date could show figures of two
   *  states side by side, so the view is hidden and the reason said, in the
   *  reader's language, with a retry. The state is kept: the next render
   *  that works shows it. */
  _renderFailed(e) {
    const life = this._life;
    life.renderFailed = true;
    try {
      const t = WORDS[life.state.lang];
      const said = h('div', { class: 'fatal', role: 'alert' },
        h('p', { class: 'strong', text: t.renderFailed }),
        h('p', { class: 'small' }, h('bdi', { text: String(e && e.message || e) })),
        h('button', { type: 'button', text: t.retry, onclick: () => { life.memo = null; this.render(); } }));
      const f = life.frame;
      if (f && f.root && f.main && f.message && f.root.parentNode === this._shadow) {
        f.main.hidden = true;
        f.message.hidden = false;
        f.message.replaceChildren(said);
      } else {
        // The skeleton itself failed: made again by the next render.
        life.frame = null;
        life.built = null;
        if (life.chart) { life.chart.free(); life.chart = null; }
        this._mount(h('div', { class: 'gw', lang: life.state.lang }, h('div', { class: 'message' }, said)));
      }
    } catch (x) { /* nothing more can be shown */ }
  }

  /** Where the control the reader last touched is on screen, before a
   *  render that may change the height of what is above it (a line under
   *  the title when the target changes, the table in place of the chart):
   *  only where the browser does not keep it still itself, that is in an
   *  iframe whose host says where its viewport is (the frame does not
   *  scroll) and in a browser without scroll anchoring (WebKit). */
  _anchorAt() {
    const life = this._life;
    const f = life.frame;
    const el = life.anchorEl;
    const framed = !!life.viewport && window.parent !== window;
    if (!framed && NATIVE_ANCHORING) return null;
    if (!el || !f || f.main.hidden || !el.isConnected || !f.main.contains(el)) return null;
    const r = el.getBoundingClientRect();
    if (!r.width && !r.height) return null;
    const top = framed ? -life.viewport.top : 0;
    const height = framed ? life.viewport.height : window.innerHeight;
    // A control touched just now is the reader's, wherever the host last
    // said its viewport was (quick taps outrun its reports); an older one
    // only while it is in view.
    const recent = performance.now() - (life.anchorTime || -Infinity) < 1500;
    if (!recent && (r.bottom < top || r.top > top + height)) return null;
    return { el, y: r.top, framed };
  }

  /** After the render: the page scrolled by as much as the control moved,
   *  so that it stays under the reader's finger; in an iframe, the host is
   *  asked to (with the new height, so that there is room to scroll). */
  _keepAnchor(a) {
    if (!a || !a.el.isConnected) return;
    const dy = Math.round(a.el.getBoundingClientRect().top - a.y);
    if (!dy) return;
    if (!a.framed) {
      window.scrollBy(0, dy);
      return;
    }
    const life = this._life;
    // While a finger (or button) is down, the host waits: a frame moved
    // under a touch that has just begun turns the drag into a scroll, and
    // the slider stops following the finger. The host scrolls when it lifts.
    life.owed = (life.owed || 0) + dy;
    if (life.pressed) this._lift(life.owed);
    else this._scrollHost();
  }

  /** The height the iframe needs: down to the widget's end. */
  _contentHeight() {
    return Math.ceil(this.getBoundingClientRect().bottom + window.scrollY);
  }

  /** Ask the host to scroll by what the content above the reader's control
   *  has grown (with the new height, so that there is room). The viewport
   *  is taken to have moved at once: a second change before the host says
   *  where it is is measured against where it will be. */
  _scrollHost() {
    const life = this._life;
    const dy = life.owed || 0;
    life.owed = 0;
    this._lift(0);
    if (!dy) return;
    window.parent.postMessage({ type: 'grdp-whatif:height', height: this._contentHeight(), scrollBy: dy }, '*');
    if (life.viewport) life.viewport = { top: life.viewport.top - dy, height: life.viewport.height };
  }

  _renderOnce() {
    const life = this._life;
    const s = life.state;
    const t = WORDS[s.lang];
    const f = life.frame;
    this._applyTheme(s);
    setAttr(f.root, 'lang', s.lang);
    if (s.status !== 'ready') {
      f.main.hidden = true;
      f.message.hidden = false;
      this._renderMessage(s, t);
      return;
    }
    const r = this._present(viewOf(s));
    if (r.error) {
      // Unreachable for a state the reducer made; said, not hidden.
      f.message.hidden = false;
      f.message.replaceChildren(h('div', { class: 'fatal', role: 'alert' }, h('p', { text: r.error[s.lang] })));
      return;
    }
    const p = r.p;
    // The keyboard readout of a year is for the view it was read in: a
    // screen reader browsing later must not hear another scenario's figure.
    if (life.liveFor !== r.key) { life.liveFor = null; setText(f.live, ''); }
    f.message.hidden = true;
    f.main.hidden = false;
    // The chart first: canvas text drawn after a text write in the page
    // makes the browser restyle the widget before it can draw (a forced
    // style recalculation, ≈1 ms a step here); drawn first, the restyle
    // happens once, with the frame.
    this._renderView(s, p, t);
    this._renderHeader(s, p, t);
    this._renderNotice(s, t);
    this._renderTitle(p);
    this._renderPresets(s, p, t);
    this._renderControls(s, p, t);
    this._renderCards(p);
    setText(f.sentence, p.sentence);
    this._renderMore(s, p, t);
    this._writeHash(true, p.link);
  }

  /** The skeleton: made once per element life. */
  _frame() {
    const life = this._life;
    const t = WORDS[life.state.lang];
    const f = life.frame = {};
    f.message = h('div', { class: 'message', role: 'status' }, h('p', { text: t.loading }));
    f.indicator = h('select', { class: 'indsel', onchange: (e) => this.dispatch({ type: 'indicator', id: e.target.value }) });
    f.indLabel = h('label', { class: 'sr' });
    f.theme = h('select', { onchange: (e) => this.dispatch({ type: 'theme', theme: e.target.value }) },
      ...['auto', 'light', 'dark'].map((v) => h('option', { value: v })));
    f.langBtn = h('button', { type: 'button', onclick: () => this.dispatch({ type: 'lang', lang: life.state.lang === 'vi' ? 'en' : 'vi' }) });
    f.notice = h('div', { class: 'alert', role: 'alert', hidden: true });
    f.title = h('h2', { class: 'title' });
    f.retarget = h('p', { class: 'retarget', hidden: true });
    f.caveats = h('ul', { class: 'caveats' });
    f.cards = h('div', { class: 'readouts' });
    f.chartHolder = h('div', { class: 'chartwrap' });
    f.legend = h('ul', { class: 'legend' });
    f.table = h('div', { class: 'tablewrap', tabindex: '0', role: 'region' });
    f.hint = h('p', { class: 'sr', id: 'gw-hint' });
    f.live = h('p', { class: 'sr', 'aria-live': 'polite' });
    f.presets = h('div', { class: 'bar presets', role: 'group' });
    f.basis = h('p', { class: 'basis' });
    f.controls = h('div', { class: 'controlsbox' });
    f.sentence = h('p', { class: 'narrative', id: 'gw-desc', 'aria-live': 'polite' });
    f.viewChart = h('button', { type: 'button', onclick: () => this.dispatch({ type: 'view', view: 'chart' }) });
    f.viewTable = h('button', { type: 'button', onclick: () => this.dispatch({ type: 'view', view: 'table' }) });
    f.copy = h('button', { type: 'button', onclick: () => this._copyLink() });
    f.png = h('button', { type: 'button', onclick: () => this._downloadPng() });
    f.svg = h('button', { type: 'button', onclick: () => this._downloadSvg() });
    f.csv = h('button', { type: 'button', onclick: () => this._downloadCsv() });
    f.status = h('span', { class: 'small', role: 'status' });
    f.linkBox = h('input', { type: 'text', readonly: true, class: 'hidden' });
    f.more = h('details', { class: 'more' }, h('summary'), h('div', { class: 'morebody' }));
    f.sources = h('details', { class: 'sources' }, h('summary'), h('ol'));
    f.credit = h('p', { class: 'credit' });
    f.printImg = h('img', { class: 'printimg', alt: '' });
    f.reset = h('button', { type: 'button', onclick: () => this.dispatch({ type: 'reset' }) });
    f.main = h('div', { class: 'main', hidden: true },
      h('div', { class: 'bar top' }, f.indLabel, f.indicator, h('span', { class: 'spacer' }), f.theme, f.langBtn),
      f.notice, f.title, f.retarget, f.caveats, f.cards, f.chartHolder, f.legend, f.hint, f.live, f.table,
      // The preset's basis under the controls: what changes while a slider
      // moves sits below it, so nothing above the reader's finger moves.
      f.presets, f.controls, f.basis, f.sentence,
      h('div', { class: 'bar actions' }, f.viewChart, f.viewTable, h('span', { class: 'spacer' }), f.copy, f.png, f.svg, f.csv, f.status),
      f.linkBox, f.more, f.sources, f.credit, f.printImg);
    f.root = h('div', { class: 'gw', lang: life.state.lang }, f.message, f.main);
    this._fitShort();
    this._mount(f.root);
  }

  _applyTheme(s) {
    const mq = this._life.mq;
    const dark = s.theme === 'dark' || (s.theme === 'auto' && mq && mq.matches);
    setAttr(this, 'data-theme', dark ? 'dark' : 'light');
  }

  _renderMessage(s, t) {
    const f = this._life.frame;
    const fl = s.failure;
    if (!fl) { f.message.replaceChildren(h('p', { text: t.loading })); return; }
    const retry = h('button', { type: 'button', text: t.retry, onclick: () => this._retry() });
    let lines;
    if (fl.kind === 'dataset') lines = [h('p', { class: 'strong', text: t.datasetFailed }), h('p', { text: t.datasetFix }), h('p', { class: 'small' }, h('bdi', { text: fl.detail[s.lang] }))];
    else if (fl.kind === 'start' || fl.kind === 'host') lines = [h('p', { class: 'strong', text: fl.kind === 'host' ? t.hostFailed : t.startFailed }), h('p', { class: 'small' }, h('bdi', { text: fl.detail }))];
    else lines = [h('p', { class: 'strong', text: t.fatal })];
    f.message.replaceChildren(h('div', { class: 'fatal', role: 'alert' }, ...lines, retry));
  }

  _renderHeader(s, p, t) {
    const f = this._life.frame;
    setText(f.indLabel, t.indicator);
    setAttr(f.indicator, 'aria-label', t.indicator);
    // Options made again only when the list or language changes; the select
    // itself stays (so does its focus).
    fill(f.indicator, `${s.lang}|${p.indicators.map(([id, label]) => `${id}\u0000${label}`).join('\u0001')}`, () => p.indicators.map(([id, label]) => h('option', { value: id, text: label })));
    if (f.indicator.value !== s.indicator) f.indicator.value = s.indicator;
    setAttr(f.theme, 'aria-label', t.themeLabel);
    [...f.theme.options].forEach((o) => setText(o, t.themes[o.value]));
    if (f.theme.value !== s.theme) f.theme.value = s.theme;
    setText(f.langBtn, t.language);
    setAttr(f.langBtn, 'lang', s.lang === 'vi' ? 'en' : 'vi');
    setAttr(f.langBtn, 'aria-label', t.languageLabel);
    setText(f.viewChart, t.viewChart);
    setText(f.viewTable, t.viewTable);
    setAttr(f.viewChart, 'aria-pressed', String(s.view === 'chart'));
    setAttr(f.viewTable, 'aria-pressed', String(s.view === 'table'));
    setText(f.copy, t.copyLink);
    setText(f.png, t.png);
    setText(f.svg, t.svg);
    setText(f.csv, t.csv);
    setText(f.reset, t.reset);
    setText(f.hint, t.hint);
    setAttr(f.linkBox, 'aria-label', t.copyLink);
    setText(f.status, s.flash ? t[s.flash] : '');
  }

  _renderNotice(s, t) {
    const f = this._life.frame;
    const n = s.notice;
    const text = !n ? '' : n.kind === 'link' ? t.linkNotice(n[s.lang], n.first) : n.kind === 'indicator' ? t.indicatorNotice(n[s.lang]) : n.kind === 'fallback' ? t.fallbackNotice : n[s.lang];
    setText(f.notice, text);
    f.notice.hidden = !text;
  }

  _renderTitle(p) {
    const f = this._life.frame;
    const lang = p.lang;
    fill(f.title, `${p.title.text}|${lang}`, () => [localized(p.title, lang)]);
    setText(f.retarget, p.retarget || '');
    f.retarget.hidden = !p.retarget;
    // `page-lang`: a page that is only this widget (the standalone page, the
    // offline file) says the widget's language and question as its own.
    if (this.hasAttribute('page-lang')) {
      const root = document.documentElement;
      if (root.lang !== lang) root.lang = lang;
      const title = `${p.title.text} | grdp-whatif`;
      if (document.title !== title) document.title = title;
    }
    fill(f.caveats, `${p.caveats.map((c) => c.text).join('|')}|${lang}`, () => p.caveats.map((c) => h('li', null, localized(c, lang))));
  }

  _renderPresets(s, p, t) {
    const f = this._life.frame;
    const shape = p.shape;
    fill(f.presets, `${shape}|${p.presets.map((x) => x.id).join(',')}`, () => {
      setAttr(f.presets, 'aria-label', t.presets);
      return [...p.presets.map((x) => h('button', {
        type: 'button', 'data-preset': x.id,
        onclick: () => {
          if (this._life.frame.shape !== shape) return;
          const before = this._life.state;
          this.dispatch({ type: 'preset', id: x.id });
          // "Your own" with none made yet: to the main slider, where one is made.
          if (x.id === 'custom' && this._life.state === before) {
            const r = this._life.frame.controls && this._life.frame.controls.querySelector('input[type="range"]');
            if (r) r.focus();
          }
        },
      }, localized(x.label, p.lang), x.assumed ? h('span', { class: 'tag', text: ` · ${t.tag.assumption}` }) : null)), f.reset];
    });
    const pressed = p.presets.find((x) => x.pressed);
    for (const b of f.presets.querySelectorAll('button[data-preset]')) setAttr(b, 'aria-pressed', String(pressed && b.getAttribute('data-preset') === pressed.id));
    fill(f.basis, `${pressed ? pressed.id : ''}|${shape}`, () => (pressed && pressed.basis ? [h('span', { class: 'strong', text: `${pressed.label.text}: ` }), localized(pressed.basis, p.lang)] : []));
  }

  _renderControls(s, p, t) {
    const life = this._life;
    const f = life.frame;
    if (!life.built || life.built.shape !== p.shape) {
      const focused = this._shadow.activeElement;
      const focusKey = focused && focused.closest && focused.closest('.ctl') ? focused.closest('.ctl').getAttribute('data-key') : null;
      const wasRange = focused && focused.type === 'range';
      life.built = buildControls(p, { send: (a) => this.dispatch(a), current: () => life.frame.shape, words: WORDS, lang: s.lang });
      f.controls.replaceChildren(life.built.el);
      f.shape = p.shape;
      if (focusKey) {
        const again = life.built.fields.find((x) => x.key === focusKey);
        if (again) (wasRange ? again.range : again.num).focus();
      }
    }
    f.shape = p.shape;
    updateControls(life.built, p, s.drafts, s.lang);
  }

  _renderCards(p) {
    const box = this._life.frame.cards;
    const tone = (c) => (c.tone === 'good' ? 'big good' : c.tone === 'bad' ? 'big bad' : 'big');
    if (box.children.length !== p.cards.length || box.__gwIds !== p.cards.map((c) => c.id).join()) {
      box.__gwIds = p.cards.map((c) => c.id).join();
      box.replaceChildren(...p.cards.map((c) => h('div', { class: 'readout', 'data-card': c.id }, h('div', { class: 'label' }), h('div', { class: tone(c) }), h('div', { class: 'small' }))));
    }
    p.cards.forEach((c, i) => {
      const [label, big, small] = box.children[i].children;
      setText(label, c.label);
      setText(big, c.value);
      if (big.className !== tone(c)) big.className = tone(c);
      setText(small, c.detail);
    });
  }

  /** The chart pane, made when first needed (true when made now: what the
   *  engine presented before went to no chart, so it is asked again). */
  _ensureChart() {
    const life = this._life;
    if (life.chart) return false;
    life.chart = new ChartPane(life.wb, { hover: (y) => this.dispatch({ type: 'hover', year: y }), resize: () => this._chartResized() });
    life.chart.canvas.addEventListener('keydown', (e) => this._chartKey(e));
    life.frame.chartHolder.replaceChildren(life.chart.box);
    life.memo = null;
    return true;
  }

  _renderView(s, p, t) {
    const life = this._life;
    const f = life.frame;
    const chartShown = s.view === 'chart';
    f.chartHolder.hidden = !chartShown;
    f.legend.hidden = !chartShown;
    f.table.hidden = chartShown;
    fill(f.legend, `${p.shape}|${p.legend.map((l) => l.text).join('|')}`, () => p.legend.map((l) => {
      const sw = h('span', { class: `sw ${l.swatch}`, 'aria-hidden': 'true' });
      if (l.color) sw.style.setProperty('background', l.color);
      return h('li', null, sw, h('span', { text: l.text }));
    }));
    if (chartShown) {
      // A new chart view: the presentation's chart put in it.
      if (this._ensureChart()) this._present(viewOf(s));
      life.chart.label(p.chartLabel);
      if (life.chart.draw(this) && !life.firstChart) { life.firstChart = true; mark('first-chart'); }
      const lines = s.hover === null ? null : life.engine.tip(viewOf(s), s.hover);
      life.chart.showTip(lines, s.hover);
    } else {
      fill(f.table, `${keyOf(viewOf(s))}`, () => {
        const tb = p.table;
        if (!tb) return [];
        setAttr(f.table, 'aria-label', tb.caption);
        return [h('table', null,
          h('caption', { class: 'cap', text: tb.caption }),
          h('thead', null, h('tr', null, ...tb.head.map((c) => h('th', { scope: 'col', text: c })))),
          h('tbody', null, ...tb.rows.map((r) => h('tr', null, ...r.map((c, i) => (i === 0 ? h('th', { scope: 'row', text: c }) : h('td', { 'data-col': tb.head[i], text: c })))))),
        ), tb.note ? h('p', { class: 'small', text: tb.note }) : null].filter(Boolean);
      });
    }
  }

  /** The chart's box has a (new) size: the chart is drawn at once, inside
   *  the resize observer's turn (so it is in this frame), and the rest of the
   *  page follows on the next frame: a change to the page made inside an
   *  observer's callback would resize what another observer watches, which
   *  browsers report as a loop error. */
  _chartResized() {
    const life = this._life;
    if (!life || life.destroyed || !life.chart) return;
    if (life.state.status === 'ready' && life.state.view === 'chart' && !life.rendering) {
      try {
        if (life.chart.draw(this) && !life.firstChart) { life.firstChart = true; mark('first-chart'); }
      } catch (e) {
        if (isTrap(e)) { this._fatal(e); return; }
        console.error('grdp-whatif:', e);
      }
    }
    if (life.resizeQueued) return;
    life.resizeQueued = true;
    requestAnimationFrame(() => { life.resizeQueued = false; this.render(); });
  }

  _renderMore(s, p, t) {
    const f = this._life.frame;
    const lang = p.lang;
    setText(f.more.firstChild, t.more);
    // Nothing to open (no rates worked out, no notes): no empty section.
    f.more.hidden = !p.how.length && !p.notes.length;
    fill(f.more.lastChild, `${p.shape}|${p.how.map((x) => x.value + x.label).join('|')}|${p.notes.length}`, () => [
      // The heading only over something to read under it (a structure has no rates).
      p.how.length ? h('h3', { text: t.howTitle }) : null,
      p.how.length ? h('dl', null, ...p.how.flatMap((x) => [
        h('dt', null, h('span', { text: `${x.label}: ${x.value}` }), h('span', { class: 'tag', text: ` · ${x.kind}` })),
        h('dd', null, x.how ? localized(x.how, lang) : null),
      ])) : null,
      ...p.notes.map((n) => h('p', { class: 'small' }, localized(n, lang))),
    ]);
    setText(f.sources.firstChild, t.sources);
    // Keyed on what the sources say (a dataset given again may change a title or a link).
    fill(f.sources.lastChild, `${p.shape}|${p.sources.map(sourceKey).join('\u0002')}`, () => p.sources.map((src) => {
      const li = h('li', null,
        src.kind ? h('span', { class: 'tag', text: `${src.kind}: ` }) : null,
        localized(src.publication, lang), ', “', localized(src.title, lang), '”',
        src.translation ? h('span', { text: ` (${src.translation})` }) : null,
        src.date.text ? h('span', null, ', ', localized(src.date, lang)) : null);
      if (src.url) li.append(' ', h('a', { href: src.url, rel: 'noopener noreferrer', target: '_blank', text: '↗', 'aria-label': t.openSource(`${src.publication.text}, “${src.title.text}”`) }));
      return li;
    }));
    // The sources open on a wide widget; on a phone, upright or on its side
    // (a short screen), they are one tap away. Decided once, from the
    // viewport (a media query: no layout asked for mid-render); in the iframe
    // embed the viewport is the widget's width.
    if (!f.sourcesSet) {
      f.sourcesSet = true;
      f.sources.open = (typeof matchMedia !== 'function' || matchMedia('(min-width: 600px)').matches) && !f.root.hasAttribute('data-short');
    }
    fill(f.credit, `${p.credit ? p.credit.text : ''}`, () => (p.credit ? [h('span', { text: `${t.credit}: ` }), localized(p.credit, lang)] : []));
  }

  /* ---------------- chart keys ---------------- */

  _chartKey(e) {
    const life = this._life;
    const r = life.memo && life.memo.p;
    if (!r) return;
    const yrs = r.years;
    let i = yrs.indexOf(life.state.hover);
    if (e.key === 'ArrowRight') i = Math.min(yrs.length - 1, i + 1);
    else if (e.key === 'ArrowLeft') i = i < 0 ? yrs.length - 1 : Math.max(0, i - 1);
    else if (e.key === 'Home') i = 0;
    else if (e.key === 'End') i = yrs.length - 1;
    else if (e.key === 'Escape') { this.dispatch({ type: 'hover', year: null }); return; }
    else return;
    e.preventDefault();
    this.dispatch({ type: 'hover', year: yrs[i] });
    const lines = life.engine.tip(viewOf(life.state), yrs[i]);
    setText(life.frame.live, lines.join('. '));
    // Said for this view only: any other state clears it (_renderOnce).
    life.liveFor = keyOf(viewOf(life.state));
  }

  /* ---------------- link, downloads ---------------- */

  /** The state in the page's URL hash (`sync-hash`); during a drag at most
   *  every 250 ms (browsers throttle floods of replaceState). */
  _writeHash(lazy, link) {
    const life = this._life;
    if (!this.hasAttribute('sync-hash') || life.state.status !== 'ready') return;
    const hash = link || (life.memo && life.memo.p && life.memo.p.link);
    if (!hash) return;
    const write = () => { life.hashTimer = null; life.lastHash = life.pendingHash; if (location.hash !== life.pendingHash) history.replaceState(null, '', life.pendingHash); };
    life.pendingHash = hash;
    if (lazy && life.hashTimer) return;
    if (lazy) { life.hashTimer = setTimeout(write, 250); return; }
    if (life.hashTimer) { clearTimeout(life.hashTimer); }
    write();
  }

  _shareUrl() {
    const base = this.getAttribute('share-url') || location.href.split('#')[0];
    return base + (this.link || '');
  }

  /** This widget's name in a link (`w`) on a page with several: its id,
   *  else its place among them (1 for the first); null when it is alone
   *  (`always`: the name it would have). */
  _widgetKey(always) {
    const all = document.querySelectorAll('grdp-whatif');
    if (all.length < 2 && !always) return null;
    if (/^[A-Za-z0-9_-]{1,40}$/.test(this.id)) return this.id;
    return String(Array.prototype.indexOf.call(all, this) + 1);
  }

  /** Whether the page's hash is for this widget: the one it names (`w`),
   *  or, naming none, the page's first widget. Several widgets on a page
   *  stay independent. */
  _linkIsMine(hash) {
    const m = /(?:^#|&)w=([^&]*)/.exec(hash);
    if (m) return m[1] === this._widgetKey(true);
    return document.querySelector('grdp-whatif') === this;
  }

  async _copyLink() {
    const f = this._life.frame;
    const url = this._shareUrl();
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      f.linkBox.classList.add('hidden');
      this.dispatch({ type: 'flash', flash: 'copied' });
    } catch (e) {
      f.linkBox.value = url;
      f.linkBox.classList.remove('hidden');
      f.linkBox.select();
      this.dispatch({ type: 'flash', flash: 'copyFailed' });
    }
  }

  _save(name, url) {
    const a = h('a', { href: url, download: name });
    this._shadow.append(a);
    a.click();
    a.remove();
  }

  /** The picture for publishing (title, scenario, legend, chart, sources,
   *  credit) on a canvas at twice the chart's size. */
  _picture() {
    const life = this._life;
    if (life.state.status !== 'ready') return null;
    const w = Math.max(640, Math.min(1200, (life.chart && life.chart.size ? life.chart.size.w : 800)));
    const c = document.createElement('canvas');
    c.width = w * 2;
    c.height = Math.round(w * 0.75) * 2;
    life.engine.picture(viewOf(life.state), c, themeColors(this), 2);
    return c;
  }

  _downloadPng() {
    try {
      const c = this._picture();
      if (c) this._save(`grdp-whatif-${this._life.state.indicator}.png`, c.toDataURL('image/png'));
    } catch (e) { if (isTrap(e)) this._fatal(e); else console.error('grdp-whatif:', e); }
  }

  _downloadSvg() {
    const life = this._life;
    try {
      const w = Math.max(640, Math.min(1200, (life.chart && life.chart.size ? life.chart.size.w : 800)));
      const svg = life.engine.svg(viewOf(life.state), themeColors(this), w, Math.round(w * 0.75), document.createElement('canvas'));
      const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
      this._save(`grdp-whatif-${life.state.indicator}.svg`, url);
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) { if (isTrap(e)) this._fatal(e); else console.error('grdp-whatif:', e); }
  }

  /** The CSV of what is shown (UTF-8 with BOM, units and sources in it). */
  csv() {
    const life = this._life;
    return life.state.status === 'ready' ? life.engine.csv(viewOf(life.state)) : '';
  }

  _downloadCsv() {
    try {
      const url = URL.createObjectURL(new Blob([this.csv()], { type: 'text/csv;charset=utf-8' }));
      this._save(`grdp-whatif-${this._life.state.indicator}.csv`, url);
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) { if (isTrap(e)) this._fatal(e); else console.error('grdp-whatif:', e); }
  }

  /** Canvas charts print blank in some browsers: print the picture instead. */
  _printPicture() {
    try {
      const c = this._picture();
      if (c) this._life.frame.printImg.src = c.toDataURL('image/png');
    } catch (e) { /* printing goes on without the picture */ }
  }

  /* ---------------- for hosts and tests ---------------- */

  /** The view state: `{ status, indicator, lang, theme, view, preset, scenario }` (a copy). */
  get state() {
    const s = this._life ? this._life.state : initialState();
    return { status: this._life && this._life.destroyed ? 'destroyed' : s.status, indicator: s.indicator, lang: s.lang, theme: s.theme, view: s.view, preset: s.preset, scenario: s.scenario ? { ...s.scenario } : null };
  }

  /** The share link of what is shown, or null. */
  get link() {
    const m = this._life && !this._life.destroyed && this._life.state.status === 'ready' && this._life.memo;
    if (!m || !m.p) return null;
    const key = this._widgetKey(false);
    return key ? `${m.p.link}&w=${key}` : m.p.link;
  }
}

if (typeof customElements === 'undefined' || !customElements || typeof HTMLElement.prototype.attachShadow !== 'function') {
  // No custom elements (a very old or stripped-down browser): each widget's
  // loading line is replaced by a message saying why nothing comes, in its
  // language, instead of "loading" for ever.
  const say = () => {
    for (const el of document.querySelectorAll('grdp-whatif')) {
      if (el.getAttribute('data-gw-unsupported')) continue;
      el.setAttribute('data-gw-unsupported', '1');
      el.replaceChildren(h('p', { role: 'alert', text: WORDS[langOf(el)].noElements }));
    }
  };
  say();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', say);
} else {
  const defined = customElements.get('grdp-whatif');
  // A second copy of this script leaves the first's element; another
  // script's element of the same name is said, not silently kept.
  if (!defined) customElements.define('grdp-whatif', GrdpWhatIfElement);
  else if (!defined.isGrdpWhatIf) console.error('grdp-whatif: another script on this page already defines <grdp-whatif>; this copy of the widget is not used');
}

if (!globalThis.GrdpWhatIf) {
  // The API's own wasm instance is made on first use of `ready`; a failed
  // start is not kept (the next `ready` tries again).
  const api = { version: VERSION };
  let readyPromise = null;
  const NAMES = ['requiredGrowthRate', 'yearsToTarget', 'valueAfter', 'projectSeries', 'projectSchedule', 'perCapitaNominalGrowth',
    'realGrowthNeeded', 'compoundRateBetween', 'project', 'defaultDataset', 'loadDataset', 'checkDataset', 'parseShareLink', 'formatShareLink',
    'Engine', 'drawChart', 'ChartView', 'formatNumber'];
  // Descriptors without a prototype: a host's enumerable
  // Object.prototype.get or .value would otherwise be read into them.
  Object.defineProperty(api, 'ready', {
    __proto__: null,
    enumerable: true,
    get() {
      if (!readyPromise) {
        readyPromise = newInstance().then((wb) => {
          for (const k of NAMES) if (wb[k]) api[k] = wb[k];
          return api;
        });
        readyPromise.catch(() => { readyPromise = null; });
      }
      return readyPromise;
    },
  });
  Object.defineProperty(globalThis, 'GrdpWhatIf', { __proto__: null, value: api, configurable: true, writable: false, enumerable: false });
}
