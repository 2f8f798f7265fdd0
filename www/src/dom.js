/* Small DOM helpers. Data is text, never markup: everything from a dataset,
 * a link or the reader is shown with textContent (no innerHTML anywhere). */

/** An element with attributes (`text`, `class`, `on<event>` handled) and
 *  children (arrays of children flattened). */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const k of Object.keys(props)) {
      const v = props[k];
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') el.textContent = v;
      else if (k === 'class') el.className = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** Set an element's text, skipping a write that changes nothing (each write
 *  makes the browser restyle the element before the next canvas text). The
 *  text last written is kept on the element, so it is not read back. */
export function setText(el, text) {
  if (el.__gwText === text) return;
  el.__gwText = text;
  const t = el.firstChild;
  if (t && t.nodeType === 3 && t === el.lastChild && text !== '') { if (t.data !== text) t.data = text; }
  else el.textContent = text;
}

export function setAttr(el, name, value) {
  if (value === null || value === undefined) { if (el.hasAttribute(name)) el.removeAttribute(name); return; }
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Text from a dataset: isolated (<bdi>), marked with the language it is in
 *  when that is not the widget's. */
export function localized(loc, lang) {
  return h('bdi', { lang: loc && loc.lang !== lang ? loc.lang : null, text: loc ? loc.text : '' });
}

/** Replace an element's children only when `key` differs from the last. */
export function fill(el, key, make) {
  if (el.__gwKey === key) return false;
  el.__gwKey = key;
  el.replaceChildren(...make().filter((c) => c !== null && c !== undefined && c !== false));
  return true;
}

/** Call `fn(width, height)` when `el`'s content box changes size: from a
 *  ResizeObserver where the browser has a working one, else (a host page
 *  that removed or replaced it) from the window's resize events and once
 *  on the next frame. Returns the function that stops it. */
export function watchSize(el, fn) {
  try {
    const ro = new ResizeObserver((entries) => {
      const e = entries[entries.length - 1];
      if (!e) return;
      const s = e.contentBoxSize && e.contentBoxSize[0];
      fn(s ? s.inlineSize : e.contentRect.width, s ? s.blockSize : e.contentRect.height);
    });
    ro.observe(el);
    return () => ro.disconnect();
  } catch (e) {
    const measure = () => fn(el.clientWidth, el.clientHeight);
    window.addEventListener('resize', measure);
    setTimeout(measure, 0);
    return () => window.removeEventListener('resize', measure);
  }
}
