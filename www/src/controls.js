/* The controls: a slider and a text field for each of the indicator's
 * scenario fields, made once per shape (indicator, language, dataset) and
 * updated in place. Events from controls of an older shape are ignored. */
import { h, setText, setAttr } from './dom.js';

/** Build the controls of presentation `p`; `send(action)` receives events,
 *  `current()` the shape on screen now. */
export function buildControls(p, { send, current, words, lang }) {
  const shape = p.shape;
  const make = (c) => {
    const id = `gw-${c.key}`;
    const range = h('input', { type: 'range', id: `${id}-r`, min: c.min, max: c.max, step: c.step, 'aria-label': c.label });
    const num = h('input', { type: 'text', id, inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${id}-m` });
    const msg = h('span', { class: 'msg', id: `${id}-m`, 'aria-live': 'polite' });
    const tag = h('span', { class: 'tag' });
    const live = () => current() === shape;
    // The slider's value is read by the engine as typed text is (rounded to what the field shows).
    range.addEventListener('input', () => { if (live()) send({ type: 'type', key: c.key, text: range.value, slider: true }); });
    range.addEventListener('change', () => { if (live()) send({ type: 'settled' }); });
    // Committing the text the widget itself wrote there (Enter in an untouched
    // field, or the change event after a commit the field was refreshed by)
    // changes nothing: that text is the value rounded for display, and reading
    // it back would replace the value (a target of 161.051 by 161).
    const typed = () => { f.dirty = false; if (num.value === f.shown) return; if (live()) send({ type: 'type', key: c.key, text: num.value }); };
    // Being edited: what the reader types stays until they commit it (Enter, or leaving the field).
    num.addEventListener('input', () => { f.dirty = true; });
    num.addEventListener('change', typed);
    num.addEventListener('keydown', (e) => { if (e.key === 'Enter') typed(); });
    const row = h('div', { class: `ctl${c.primary ? ' primary' : ''}`, 'data-key': c.key },
      h('label', { for: id }, h('span', { text: c.label }), tag), range, num, msg);
    const f = { key: c.key, row, range, num, msg, tag, dirty: false, shown: null };
    return f;
  };
  const fields = p.controls.map(make);
  const primary = h('div', { class: 'controls' }, ...fields.filter((f, i) => p.controls[i].primary).map((f) => f.row));
  const secondary = fields.filter((f, i) => !p.controls[i].primary);
  const more = secondary.length
    ? h('details', { class: 'morectl' }, h('summary', { text: words[lang].moreControls }), h('div', { class: 'controls' }, ...secondary.map((f) => f.row)))
    : null;
  return { shape, fields, el: h('div', { class: 'ctlwrap' }, primary, more) };
}

/** Show the presentation's values (and the reader's drafts) in the controls. */
export function updateControls(built, p, drafts, lang) {
  p.controls.forEach((c, i) => {
    const f = built.fields[i];
    if (!f) return;
    const draft = drafts[c.key];
    const v = String(c.value);
    if (f.range.value !== v) f.range.value = v;
    const text = draft ? draft.text : c.text;
    // A field the reader is typing in keeps what they typed until they commit it.
    if (!f.dirty && f.num.value !== text) f.num.value = text;
    if (!f.dirty) f.shown = draft ? null : text;
    setAttr(f.num, 'aria-invalid', draft ? 'true' : null);
    setText(f.msg, draft ? draft.error[lang] : '');
    setText(f.tag, c.tag || '');
  });
}
