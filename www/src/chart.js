/* The chart pane: two stacked canvases (the engine's ChartView draws them),
 * sized to their box at the device's pixel ratio, the readout under the
 * pointer, tap or arrow keys. Pointer positions are mapped through the
 * canvas's on-screen box, so CSS zoom and transforms on the host page do
 * not shift the year read. */
import { h, setText, watchSize } from './dom.js';

/** The theme's colours, as the engine takes them, read from the widget's CSS. */
export function themeColors(host) {
  const cs = getComputedStyle(host);
  const v = (n, d) => (cs.getPropertyValue(n).trim() || d);
  return {
    background: v('--gw-bg', '#ffffff'), text: v('--gw-fg', '#1b1f24'), grid: v('--gw-line', '#d0d7de'),
    history: v('--gw-history', '#24292f'), projection: v('--gw-projection', '#0b5cad'), trend: v('--gw-trend', '#b35900'),
    target: v('--gw-target', '#b3261e'), band: v('--gw-band', '#0b5cad'),
  };
}

export class ChartPane {
  /** `on.hover(year | null)`, `on.resize()` */
  constructor(wb, on) {
    this.base = h('canvas', { class: 'chart-base', 'aria-hidden': 'true' });
    this.canvas = h('canvas', { class: 'chart', tabindex: '0', role: 'img', 'aria-describedby': 'gw-desc gw-hint' });
    this.tip = h('div', { class: 'tip', hidden: true, 'aria-hidden': 'true' });
    this.box = h('div', { class: 'chartbox' }, this.base, this.canvas, this.tip);
    this.view = new wb.ChartView(this.base, this.canvas);
    this.layout = null;
    this.size = null;
    this.font = null;
    this.styleKey = null;
    this.on = on;
    const at = (ev) => { const y = this.yearAt(ev.clientX); if (y !== null) on.hover(y); };
    this.canvas.addEventListener('pointermove', at);
    this.canvas.addEventListener('pointerdown', at);
    this.canvas.addEventListener('pointerleave', (ev) => { if (ev.pointerType === 'mouse') on.hover(null); });
    this.canvas.addEventListener('blur', () => on.hover(null));
    for (const c of [this.base, this.canvas]) c.addEventListener('contextrestored', () => { this.view.invalidate(); on.resize(); });
    this.unwatch = watchSize(this.box, (w, hh) => {
      // A widget moved out of the page reports 0: nothing to draw until it is back.
      if (w < 1 || hh < 1) return;
      if (this.size && this.size.w === w && this.size.h === hh) return;
      this.size = { w, h: hh };
      // The box is sized in em: a new font size resizes it, and is read again.
      this.font = null;
      on.resize();
    });
  }

  /** The year under a pointer at `clientX`, or null. */
  yearAt(clientX) {
    const L = this.layout;
    if (!L) return null;
    const rect = this.canvas.getBoundingClientRect();
    if (!rect.width) return null;
    // Screen pixels to the canvas's own CSS pixels (zoom and transforms included).
    const x = (clientX - rect.left) * (this.canvas.clientWidth / rect.width);
    return Math.round(L.xMin + ((x - L.plotLeft) / L.plotWidth) * (L.xMax - L.xMin));
  }

  /** Draw what the engine put in the view, at the box's size. */
  draw(host) {
    // The size comes from the resize observer; before its first report the
    // box is measured here (one layout, in the render that makes the chart:
    // drawing it later, in the observer's turn, made one long task of the
    // frame's layout and the first chart, and a larger Total Blocking Time).
    if (!this.size) {
      const w = this.box.clientWidth;
      const hh = this.box.clientHeight;
      if (w < 1 || hh < 1) return false;
      this.size = { w, h: hh };
    }
    const { w, h: hh } = this.size;
    if (w < 120 || hh < 90) return false;
    const theme = host.getAttribute('data-theme');
    // The text follows the widget's font size (the reader's default size),
    // read when the box changes size, not on every step (reading a computed
    // style makes the browser restyle first). So is the host's CSS zoom or
    // scale: the canvas is drawn at the pixels it covers on screen, not
    // stretched from fewer.
    if (!this.font) {
      this.font = parseFloat(getComputedStyle(this.box).fontSize) || 16;
      const rect = this.box.getBoundingClientRect();
      const z = rect.width && this.box.clientWidth ? rect.width / this.box.clientWidth : 1;
      this.zoom = Number.isFinite(z) && z > 0 ? z : 1;
    }
    const dpr = Math.min(4, Math.max(1, (window.devicePixelRatio || 1) * (this.zoom || 1)));
    const font = this.font;
    const key = `${theme}|${dpr}|${font}`;
    if (key !== this.styleKey) {
      this.view.setStyle(themeColors(host), dpr, font / 16);
      this.styleKey = key;
    }
    const bw = Math.round(w * dpr);
    const bh = Math.round(hh * dpr);
    for (const c of [this.base, this.canvas]) {
      if (c.width !== bw) c.width = bw;
      if (c.height !== bh) c.height = bh;
    }
    this.layout = this.view.draw();
    return true;
  }

  /** Show the readout for `year` (lines from the engine), or hide it. */
  showTip(lines, year) {
    const tip = this.tip;
    if (!lines || !lines.length || !this.layout) { tip.hidden = true; return; }
    tip.replaceChildren(...lines.map((l, i) => h(i === 0 ? 'strong' : 'div', { text: l })));
    tip.hidden = false;
    const L = this.layout;
    const x = L.plotLeft + ((year - L.xMin) / (L.xMax - L.xMin)) * L.plotWidth;
    const boxW = this.box.clientWidth;
    const tw = tip.offsetWidth;
    const left = Math.max(0, Math.min(boxW - tw, x + 12 > boxW - tw ? x - tw - 12 : x + 12));
    tip.style.setProperty('left', `${left}px`);
    tip.style.setProperty('top', `${L.plotTop + 4}px`);
  }

  label(text) { setText(this.canvas, ''); this.canvas.setAttribute('aria-label', text); }

  free() {
    this.unwatch();
    try { this.view.free(); } catch (e) { /* gone with its instance */ }
  }
}
