/* The studio page: one draft, the engine's reading of it, the form around
 * it, the real widget as the preview, and the downloads. */
/* global STUDIO_WASM_B64, SINGLE_PAGE, createStudioWasm */
import { WORDS, EXAMPLE_TABLE } from './words.js';
import {
  DRAFT_KEY, GROWTH_KEY, RATE_IN_PERCENT, MODELS, UNITS, getAt, setAt, textParts, textValue, fromNames,
  newDraft, readDraft, sync, setModel, snippet, safeJson, nameOf, renameSource,
} from './model.js';
import { h } from '../src/dom.js';

/* ---------------- the engine (the full API, its own instance) ---------------- */

async function studioInstance() {
  const gz = typeof Uint8Array.fromBase64 === 'function'
    ? Uint8Array.fromBase64(STUDIO_WASM_B64)
    : Uint8Array.from(atob(STUDIO_WASM_B64), (c) => c.charCodeAt(0));
  const bytes = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  const module = await WebAssembly.compile(bytes);
  const wb = createStudioWasm();
  wb.initSync({ module });
  return wb;
}

/* ---------------- state ---------------- */

const S = {
  wb: null,
  lang: 'vi',
  draft: null,
  built: null, // the engine's last reading of the draft
  good: null, // { json, dataset }: the last reading without a problem
  preview: { lang: 'vi', theme: 'light', width: 'laptop' },
  el: {},
  timer: 0,
  saveTimer: 0,
  seriesKey: '',
  status: '',
};
const t = () => WORDS[S.lang];

/* ---------------- DOM helpers ---------------- */

const idOf = (path, part) => `f-${String(path).replace(/[^A-Za-z0-9]+/g, '-')}${part ? `-${part}` : ''}`;
const fmt = (v, max = 4, grouping = true) => S.wb.formatNumber(v, S.lang, 0, max, false, grouping);
const round12 = (x) => Number(x.toPrecision(12));

/* ---------------- building ---------------- */

function optionsOf(d) {
  const o = {};
  for (const k of ['delimiter', 'orientation', 'style']) if (d.options[k]) o[k] = d.options[k];
  return o;
}

function read() {
  const d = S.draft;
  return S.wb.buildDataset(d.table, JSON.stringify(d.choices), optionsOf(d));
}

/** Read the draft with the engine; new series become indicators; the
 *  problems go beside their fields; a reading without any problem becomes
 *  the preview. */
function rebuild() {
  clearTimeout(S.timer);
  S.timer = 0;
  let b = read();
  const series = b.table ? b.table.series : [];
  const next = sync(S.draft.choices, series, S.wb.slugify, t(), S.draft.dismissed);
  const key = JSON.stringify(series.map((s) => s.name));
  if (next) {
    S.draft.choices = next;
    b = read();
  }
  S.built = b;
  if (next || key !== S.seriesKey) { S.seriesKey = key; renderForm(); }
  if (b.dataset && b.problems.length === 0) {
    const json = `${JSON.stringify(b.dataset, null, 2)}\n`;
    if (!S.good || S.good.json !== json) {
      S.good = { json, dataset: b.dataset };
      showPreview();
    }
  }
  renderTable();
  renderProblems();
  renderComputed();
  renderExport();
  save();
}

function later() {
  clearTimeout(S.timer);
  S.timer = setTimeout(rebuild, 120);
}

/** The draft kept in this browser, unless another tab has written a newer
 *  one since (then this tab never writes over it: the reader is told). */
function writeDraft() {
  if (S.stale) return;
  try { localStorage.setItem(DRAFT_KEY, JSON.stringify({ ...S.draft, savedAt: new Date().toISOString(), edited: !!S.touched })); } catch (e) { /* storage off or full: the draft lives on screen */ }
}

function save() {
  clearTimeout(S.saveTimer);
  S.saveTimer = setTimeout(writeDraft, 300);
}

/* ---------------- fields ---------------- */

/** A field: its label, its input, and the place for its problems. */
function wrap(paths, label, input, help) {
  const msg = h('p', { class: 'msg', id: `${input.id}-msg`, hidden: true });
  const helpEl = help ? h('p', { class: 'help', id: `${input.id}-help`, text: help }) : null;
  input.setAttribute('aria-describedby', [helpEl && helpEl.id, msg.id].filter(Boolean).join(' '));
  const box = h('div', { class: 'f', 'data-paths': paths.join(' ') }, h('label', { for: input.id, text: label }), input, helpEl, msg);
  return box;
}

function textField(path, part, label, { optional = false, multiline = false, help } = {}) {
  const cur = textParts(getAt(S.draft.choices, path))[part];
  const id = idOf(path, part);
  const input = multiline ? h('textarea', { id, rows: 3 }) : h('input', { id, type: 'text' });
  input.value = cur;
  input.addEventListener('input', () => {
    const p = textParts(getAt(S.draft.choices, path));
    p[part] = input.value;
    setAt(S.draft.choices, path, textValue(p.vi, p.en, optional));
    later();
  });
  return wrap([part === 'vi' ? `${path}.vi` : `${path}.en`, ...(part === 'vi' ? [path] : [])], label, input, help);
}

function stringField(path, label, { optional = false, onCommit, type = 'text', help } = {}) {
  const id = idOf(path);
  const v = getAt(S.draft.choices, path);
  const input = h('input', { id, type, spellcheck: 'false' });
  input.value = typeof v === 'string' ? v : '';
  input.addEventListener('input', () => {
    if (onCommit) return;
    setAt(S.draft.choices, path, optional && !input.value.trim() ? undefined : input.value);
    later();
  });
  if (onCommit) input.addEventListener('change', () => { onCommit(input.value); });
  return wrap([path], label, input, help);
}

/** A number as the journalist writes it, in the studio's language; `pct`
 *  shows a fraction in %. Text that is not a number is kept as text, so the
 *  checker names it. */
function numberField(path, label, { pct = false, year = false, optional = true, help, placeholder, paths, write } = {}) {
  const id = idOf(path);
  const v = getAt(S.draft.choices, path);
  const input = h('input', { id, type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder });
  const raw = S.draft.raw[path];
  input.value = raw !== undefined ? raw : typeof v === 'number' ? fmt(pct ? round12(v * 100) : v, 6, !year) : typeof v === 'string' ? v : '';
  // A percentage typed as a fraction (0,035 for 3,5 %) is a valid, tiny
  // rate: said under the field, with what to type instead.
  const asFraction = pct ? h('p', { class: 'help warn', id: `${id}-fraction`, 'aria-live': 'polite', hidden: true }) : null;
  const query = () => {
    if (!asFraction) return;
    const text = input.value.trim();
    const n = /^[-−]?0[.,]\d{2,}$/.test(text) ? S.wb.readNumber(text, S.lang) : undefined;
    const big = n === undefined ? 0 : round12(Math.abs(n) * 100);
    asFraction.hidden = !(big >= 1 && big <= 40);
    if (!asFraction.hidden) asFraction.textContent = t().fractionInPct(text, fmt(round12(n * 100), 6));
  };
  input.addEventListener('input', () => {
    S.draft.raw[path] = input.value;
    const text = input.value.trim();
    let value;
    if (text) {
      const n = S.wb.readNumber(text, S.lang);
      value = n === undefined ? text : pct ? round12(n / 100) : n;
    }
    if (write) write(value);
    else setAt(S.draft.choices, path, value === undefined && optional ? undefined : value === undefined ? '' : value);
    query();
    later();
  });
  const box = wrap(paths || [path], label, input, help);
  if (asFraction) {
    box.append(asFraction);
    input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby')} ${asFraction.id}`);
    query();
  }
  return box;
}

function selectField(path, label, options, value, onChange, { help } = {}) {
  const id = idOf(path);
  const sel = h('select', { id }, options.map(([v, text]) => h('option', { value: v, text })));
  sel.value = value;
  sel.addEventListener('change', () => onChange(sel.value));
  return wrap([path], label, sel, help);
}

function checkField(path, label) {
  const id = idOf(path);
  const input = h('input', { id, type: 'checkbox' });
  input.checked = getAt(S.draft.choices, path) === true;
  input.addEventListener('change', () => { setAt(S.draft.choices, path, input.checked ? true : undefined); later(); });
  const msg = h('p', { class: 'msg', id: `${id}-msg`, hidden: true });
  input.setAttribute('aria-describedby', msg.id);
  return h('div', { class: 'f check', 'data-paths': path }, input, h('label', { for: id, text: label }), msg);
}

/** Caveats: a list of texts, one per line, in each language. */
function linesField(path, part, label) {
  const id = idOf(path, part);
  const list = getAt(S.draft.choices, path);
  const input = h('textarea', { id, rows: 3 });
  input.value = (Array.isArray(list) ? list : []).map((x) => textParts(x)[part]).join('\n');
  input.addEventListener('input', () => {
    const old = Array.isArray(getAt(S.draft.choices, path)) ? getAt(S.draft.choices, path) : [];
    const lines = input.value.split('\n');
    const other = old.map((x) => textParts(x)[part === 'vi' ? 'en' : 'vi']);
    const n = Math.max(part === 'vi' ? lines.length : old.length, 0);
    const out = [];
    for (let i = 0; i < n; i++) {
      const vi = part === 'vi' ? (lines[i] || '') : (textParts(old[i]).vi);
      const en = part === 'en' ? (lines[i] || '') : (other[i] || '');
      if (vi.trim() || en.trim()) out.push(textValue(vi, en, false));
    }
    setAt(S.draft.choices, path, out.length ? out : undefined);
    later();
  });
  return wrap([path], label, input);
}

function button(text, onclick, props = {}) {
  return h('button', { type: 'button', ...props, onclick }, text);
}

function sourceOptions(withNone) {
  const src = Array.isArray(S.draft.choices.sources) ? S.draft.choices.sources : [];
  const opts = src.filter((s) => s && typeof s.id === 'string').map((s) => [s.id, `${textParts(s.publication).vi || s.id} (${s.id})`]);
  return withNone ? [['', '—'], ...opts] : opts;
}

function sourceSelect(path, label, { optional = false } = {}) {
  const v = getAt(S.draft.choices, path);
  const opts = sourceOptions(optional);
  if (typeof v === 'string' && v && !opts.some(([k]) => k === v)) opts.push([v, v]);
  if (!optional && !v) opts.unshift(['', '—']);
  return selectField(path, label, opts, typeof v === 'string' ? v : '', (x) => {
    setAt(S.draft.choices, path, x || (optional ? undefined : ''));
    rebuild();
  });
}

/* ---------------- the form ---------------- */

function renderForm() {
  const form = S.el.fields;
  if (!form) return;
  const a = document.activeElement;
  const focusId = a && a.id && form.contains(a) ? a.id : null;
  form.replaceChildren(provinceSection(), sourcesSection(), assumptionsSection(), indicatorsSection());
  if (focusId) {
    const again = document.getElementById(focusId);
    if (again) again.focus();
  }
}

function provinceSection() {
  const w = t();
  return h('fieldset', { class: 'card' }, h('legend', { text: w.province }),
    h('div', { class: 'grid' },
      textField('name', 'vi', w.name),
      textField('name', 'en', w.nameEn),
      stringField('id', w.id),
      numberField('baseYear', w.baseYear, { year: true, optional: false }),
      textField('credit', 'vi', w.credit, { optional: true }),
      textField('credit', 'en', w.creditEn, { optional: true })),
    h('div', { class: 'grid' },
      textField('notes', 'vi', w.notes, { optional: true, multiline: true }),
      textField('notes', 'en', w.notesEn, { optional: true, multiline: true })));
}

function sourcesSection() {
  const w = t();
  const list = Array.isArray(S.draft.choices.sources) ? S.draft.choices.sources : [];
  return h('fieldset', { class: 'card' }, h('legend', { text: w.sources }),
    list.map((s, i) => {
      const p = `sources[${i}]`;
      return h('fieldset', { class: 'item' }, h('legend', { text: `${w.source(i + 1)}: ${textParts(s.publication).vi || s.id || ''}` }),
        h('div', { class: 'grid' },
          stringField(`${p}.id`, w.sourceId, {
            onCommit: (v) => {
              const old = s.id;
              S.draft.choices = renameSource(S.draft.choices, i, old, v.trim());
              // After the focus has moved on (the change comes as the field is
              // left): the form is made again and the focus kept where it went.
              requestAnimationFrame(() => { renderForm(); rebuild(); });
            },
          }),
          selectField(`${p}.kind`, w.kind, [['publication', w.kindPublication], ['derived', w.kindDerived], ['assumption', w.kindAssumption]],
            typeof s.kind === 'string' ? s.kind : 'publication', (v) => { setAt(S.draft.choices, `${p}.kind`, v === 'publication' ? undefined : v); rebuild(); }),
          textField(`${p}.publication`, 'vi', w.publication),
          textField(`${p}.publication`, 'en', w.publicationEn),
          textField(`${p}.title`, 'vi', w.sourceTitle),
          textField(`${p}.title`, 'en', w.sourceTitleEn),
          textField(`${p}.date`, 'vi', w.date, { optional: true }),
          textField(`${p}.date`, 'en', w.dateEn, { optional: true }),
          stringField(`${p}.url`, w.url, { optional: true, type: 'url' })),
        button(`${w.remove}: ${w.source(i + 1)}`, () => {
          S.draft.choices.sources.splice(i, 1);
          renderForm();
          rebuild();
          const next = document.getElementById(idOf(`sources[${i}].id`)) || document.getElementById(idOf(`sources[${i - 1}].id`));
          if (next) next.focus();
        }, { class: 'quiet' }));
    }),
    button(w.addSource, () => {
      const ids = new Set(list.map((s) => s && s.id));
      let k = list.length + 1;
      while (ids.has(`nguon-${k}`)) k++;
      S.draft.choices.sources = [...list, { id: `nguon-${k}`, publication: '', title: '' }];
      renderForm();
      rebuild();
      const el = document.getElementById(idOf(`sources[${list.length}].publication`, 'vi'));
      if (el) el.focus();
    }));
}

function assumptionsSection() {
  const w = t();
  const row = (key, label, pct) => {
    const p = `assumptions.${key}`;
    return h('fieldset', { class: 'item' }, h('legend', { text: label }),
      h('div', { class: 'grid' },
        numberField(`${p}.value`, label, {
          pct,
          write: (v) => {
            setAt(S.draft.choices, `${p}.value`, v);
            const a = getAt(S.draft.choices, p);
            if (a && v === undefined && !a.note) setAt(S.draft.choices, p, undefined);
            else if (a && !a.source) a.source = 'assumption';
          },
        }),
        sourceSelect(`${p}.source`, w.fromSource, { optional: true }),
        textField(`${p}.note`, 'vi', w.why, { optional: true }),
        textField(`${p}.note`, 'en', w.whyEn, { optional: true })));
  };
  return h('fieldset', { class: 'card' }, h('legend', { text: w.assumptions }), h('p', { class: 'help', text: w.assumptionsHelp }),
    row('inflation', w.inflation, true), row('populationGrowth', w.populationGrowth, true),
    row('fxBase', w.fxBase, false), row('fxChange', w.fxChange, true));
}

function indicatorsSection() {
  const w = t();
  const list = Array.isArray(S.draft.choices.indicators) ? S.draft.choices.indicators : [];
  return h('fieldset', { class: 'card', id: 'indicators' }, h('legend', { text: w.indicators }),
    list.length ? list.map((ind, i) => indicatorFields(ind, i)) : h('p', { class: 'help', text: w.noIndicators }));
}

function seriesNames() {
  return S.built && S.built.table ? S.built.table.series.map((s) => s.name) : [];
}

function indicatorFields(ind, i) {
  const w = t();
  const p = `indicators[${i}]`;
  const model = MODELS.includes(ind.model) ? ind.model : 'compound';
  const unitKey = typeof ind.unit === 'string' ? ind.unit : 'named';
  const gk = GROWTH_KEY(model);
  const inPct = RATE_IN_PERCENT(model);
  const names = seriesNames();
  const parts = [];
  parts.push(h('div', { class: 'grid' },
    textField(`${p}.label`, 'vi', w.label),
    textField(`${p}.label`, 'en', w.labelEn),
    textField(`${p}.title`, 'vi', w.question, { optional: true }),
    textField(`${p}.title`, 'en', w.questionEn, { optional: true }),
    selectField(`${p}.model`, w.model, MODELS.map((m) => [m, w.models[m]]), model, (v) => {
      S.draft.choices.indicators[i] = setModel(ind, v);
      S.draft.raw = {};
      renderForm();
      rebuild();
    }),
    model === 'shares' ? null : selectField(`${p}.unit`, w.unit, [...UNITS.map((u) => [u, w.units[u]]), ['named', w.units.named]], unitKey, (v) => {
      setAt(S.draft.choices, `${p}.unit`, v === 'named' ? { vi: '', en: '' } : v);
      renderForm();
      rebuild();
    })));
  if (unitKey === 'named' && model !== 'shares') {
    parts.push(h('div', { class: 'grid' }, textField(`${p}.unit`, 'vi', w.unitName), textField(`${p}.unit`, 'en', w.unitNameEn)));
  }
  const more = [];
  if (model !== 'shares') more.push(selectField(`${p}.goal`, w.goal, [['higher', w.goalHigher], ['lower', w.goalLower]], ind.goal === 'lower' ? 'lower' : 'higher',
    (v) => { setAt(S.draft.choices, `${p}.goal`, v === 'lower' ? 'lower' : undefined); rebuild(); }));
  if (model === 'compound') {
    more.push(selectField(`${p}.prices`, w.prices, [['', w.pricesUnset], ['current', w.pricesCurrent], ['constant', w.pricesConstant]],
      typeof ind.prices === 'string' ? ind.prices : '', (v) => { setAt(S.draft.choices, `${p}.prices`, v || undefined); rebuild(); }));
  }
  if (model === 'termTotal') more.push(numberField(`${p}.term`, w.term, { year: true, optional: false }));
  parts.push(h('div', { class: 'grid' }, more));
  // Where the figures come from.
  if (model === 'shares') {
    const chosen = fromNames(ind);
    const all = [...names, ...chosen.filter((n) => !names.includes(n))];
    if (Array.isArray(ind.from) || !Array.isArray(ind.shares)) {
      parts.push(h('fieldset', { class: 'item', 'data-paths': `${p}.from ${p}.shares ${p}.parts` }, h('legend', { text: w.parts }),
        all.map((name, k) => {
          const id = idOf(`${p}.from`, String(k));
          const box = h('input', { id, type: 'checkbox', value: name });
          box.checked = chosen.includes(name);
          box.addEventListener('change', () => {
            const now = fromNames(S.draft.choices.indicators[i]);
            const set = box.checked ? [...now, name] : now.filter((n) => n !== name);
            S.draft.choices.indicators[i].from = all.filter((n) => set.includes(n));
            rebuild();
          });
          // The part's English name, for the English page (else it shows the pasted name, marked Vietnamese).
          const enId = idOf(`${p}.fromEn`, String(k));
          const en = h('input', { id: enId, type: 'text', class: 'part-en' });
          const own = S.draft.choices.indicators[i].fromEn;
          en.value = own && typeof own === 'object' && Object.hasOwn(own, name) && typeof own[name] === 'string' ? own[name] : '';
          en.addEventListener('input', () => {
            const ind2 = S.draft.choices.indicators[i];
            const map = ind2.fromEn && typeof ind2.fromEn === 'object' && !Array.isArray(ind2.fromEn) ? { ...ind2.fromEn } : {};
            if (en.value.trim()) map[name] = en.value; else delete map[name];
            ind2.fromEn = Object.keys(map).length ? map : undefined;
            later();
          });
          const enBox = h('div', { class: 'f part-en', 'data-paths': `${p}.fromEn[${k}]`, hidden: !box.checked }, h('label', { for: enId, text: w.partEn(name) }), en);
          box.addEventListener('change', () => { enBox.hidden = !box.checked; });
          return h('div', { class: 'f check', 'data-paths': `${p}.from[${k}]` }, box, h('label', { for: id, text: name }), enBox, h('p', { class: 'msg', hidden: true }));
        }),
        h('p', { class: 'msg', hidden: true })));
    } else {
      parts.push(h('p', { class: 'help', 'data-paths': `${p}.shares ${p}.parts`, text: w.fromFile(ind.shares.length) }));
    }
  } else if (typeof ind.from === 'string' || !Array.isArray(ind.history)) {
    const cur = typeof ind.from === 'string' ? ind.from : '';
    const opts = [...names.map((n) => [n, n])];
    if (cur && !names.includes(cur)) opts.push([cur, cur]);
    if (!cur) opts.unshift(['', '—']);
    parts.push(h('div', { class: 'grid' },
      selectField(`${p}.from`, w.series, opts, cur, (v) => { setAt(S.draft.choices, `${p}.from`, v); rebuild(); }),
      sourceSelect(`${p}.figures`, w.figures)));
  } else {
    parts.push(h('div', { class: 'f', 'data-paths': `${p}.history ${p}.alternatives` }, h('p', { class: 'help', text: w.fromFile(ind.history.length) }), h('p', { class: 'msg', hidden: true })));
  }
  // Targets.
  if (model !== 'shares') {
    const targets = Array.isArray(ind.targets) ? ind.targets : [];
    parts.push(h('fieldset', { class: 'item' }, h('legend', { text: w.targets }),
      targets.map((tg, k) => {
        const q = `${p}.targets[${k}]`;
        const range = typeof tg.high === 'number' || typeof tg.low === 'number';
        const lowPath = range ? `${q}.low` : `${q}.value`;
        const writeLevel = (which) => (v) => {
          const cur = getAt(S.draft.choices, q) || {};
          let a = which === 'a' ? v : (range ? cur.low : cur.value);
          let b = which === 'b' ? v : cur.high;
          if (which === 'a' && v === undefined) a = undefined;
          if (which === 'b' && v === undefined) b = undefined;
          delete cur.value; delete cur.low; delete cur.high;
          if (b !== undefined) { if (a !== undefined) cur.low = a; cur.high = b; } else if (a !== undefined) cur.value = a;
          setAt(S.draft.choices, q, cur);
        };
        return h('div', { class: 'grid target' },
          h('p', { class: 'sub', text: w.target(k + 1) }),
          numberField(`${q}.year`, w.targetYear, { year: true, optional: false }),
          numberField(lowPath, w.targetValue, { paths: [`${q}.value`, `${q}.low`, q], write: writeLevel('a') }),
          numberField(`${q}.high`, w.targetHigh, { write: writeLevel('b') }),
          sourceSelect(`${q}.source`, w.fromSource),
          textField(`${q}.note`, 'vi', w.note, { optional: true }),
          textField(`${q}.note`, 'en', w.noteEn, { optional: true }),
          button(`${w.remove}: ${w.target(k + 1)}`, () => { ind.targets.splice(k, 1); renderForm(); rebuild(); }, { class: 'quiet' }));
      }),
      button(w.addTarget, () => {
        const figures = typeof ind.figures === 'string' ? ind.figures : (sourceOptions(false)[0] || [''])[0];
        const base = Number(S.draft.choices.baseYear) || 2025;
        ind.targets = [...targets, { year: base + 5, value: '', source: figures }];
        renderForm();
        rebuild();
        const el = document.getElementById(idOf(`${p}.targets[${targets.length}].value`));
        if (el) el.focus();
      })));
    // Presets.
    const preset = (name, heading) => {
      const q = `${p}.scenarios.${name}`;
      const rate = numberField(`${q}.${gk}`, name === 'trend' ? w.trendRate(model) : w.rateFor(model), {
        pct: inPct,
        write: (v) => {
          setAt(S.draft.choices, `${q}.${gk}`, v);
          pruneEmptyPlan(i);
        },
      });
      if (name === 'trend') rate.append(h('p', { class: 'help computed', 'data-computed': String(i), 'aria-live': 'polite' }));
      return h('fieldset', { class: 'item' }, h('legend', { text: heading }),
        h('div', { class: 'grid' },
          textField(`${q}.label`, 'vi', w.presetLabel, { optional: true }),
          textField(`${q}.label`, 'en', w.presetLabelEn, { optional: true }),
          rate,
          sourceSelect(`${q}.source`, w.fromSource, { optional: true }),
          textField(`${q}.basis`, 'vi', w.basis, { optional: true }),
          textField(`${q}.basis`, 'en', w.basisEn, { optional: true }),
          checkField(`${q}.assumed`, w.assumed)));
    };
    parts.push(h('div', { class: 'presets' }, preset('trend', w.trend), preset('plan', w.plan)));
  }
  parts.push(h('div', { class: 'grid' },
    textField(`${p}.notes`, 'vi', w.notes, { optional: true, multiline: true }),
    textField(`${p}.notes`, 'en', w.notesEn, { optional: true, multiline: true }),
    linesField(`${p}.caveats`, 'vi', w.caveats),
    linesField(`${p}.caveats`, 'en', w.caveatsEn)));
  parts.push(button(w.removeIndicator, () => {
    S.draft.dismissed = [...new Set([...S.draft.dismissed, ...fromNames(ind)])];
    S.draft.choices.indicators.splice(i, 1);
    renderForm();
    rebuild();
    // The focus goes to the next indicator's heading field, or the table.
    const next = document.getElementById(idOf(`indicators[${i}].label`, 'vi')) || document.getElementById(idOf(`indicators[${i - 1}].label`, 'vi')) || document.getElementById('paste');
    if (next) next.focus();
  }, { class: 'quiet', 'aria-label': `${w.removeIndicator}: ${textParts(ind.label).vi || ind.id || ''}` }));
  const name = textParts(ind.label).vi || ind.id || '';
  return h('fieldset', { class: 'card indicator', 'data-paths': p, id: `ind-${i}` }, h('legend', { text: w.indicator(i + 1, name) }), parts);
}

function pruneEmptyPlan(i) {
  const sc = S.draft.choices.indicators[i] && S.draft.choices.indicators[i].scenarios;
  if (sc && sc.plan && Object.keys(sc.plan).length === 0) delete sc.plan;
}

/* ---------------- what the engine said ---------------- */

function renderComputed() {
  const b = S.built;
  if (!b || !b.dataset) return;
  for (const el of S.el.fields.querySelectorAll('[data-computed]')) {
    const i = Number(el.getAttribute('data-computed'));
    const ind = b.dataset.indicators[i];
    const v = b.trends[i];
    let text = t().noComputed;
    if (typeof v === 'number' && ind) {
      text = t().computed(ind.model === 'linear' ? `${fmt(v, 2)} ${S.lang === 'vi' ? 'điểm %/năm' : 'points a year'}` : `${fmt(v * 100, 2)}${S.lang === 'vi' ? '%/năm' : '% a year'}`);
    }
    if (el.textContent !== text) el.textContent = text;
  }
}

/** The field a problem is about: the one whose path is the longest start of
 *  the problem's, else the first inside it. */
function fieldFor(path, boxes) {
  let best = null;
  let bestLen = -1;
  for (const [box, paths] of boxes) {
    for (const q of paths) {
      if ((path === q || path.startsWith(`${q}.`) || path.startsWith(`${q}[`)) && q.length > bestLen) { best = box; bestLen = q.length; }
    }
  }
  if (best) return best;
  for (const [box, paths] of boxes) if (paths.some((q) => q.startsWith(`${path}.`) || q.startsWith(`${path}[`))) return box;
  return null;
}

function renderProblems() {
  const w = t();
  const b = S.built;
  const boxes = [...S.el.fields.querySelectorAll('[data-paths]')].map((el) => [el, el.getAttribute('data-paths').split(' ')]);
  const found = new Map();
  const other = [];
  for (const pr of b.problems) {
    if (pr.cell) continue;
    if (pr.path === 'table') { other.push(pr); continue; }
    const box = pr.path ? fieldFor(pr.path, boxes) : null;
    if (!box) { other.push(pr); continue; }
    if (!found.has(box)) found.set(box, []);
    found.get(box).push(pr[S.lang]);
  }
  for (const [box] of boxes) {
    const msg = [...box.children].find((c) => c.classList && c.classList.contains('msg'));
    const input = box.querySelector(':scope > input, :scope > select, :scope > textarea');
    const list = found.get(box);
    if (msg) {
      const text = list ? list.join('\n') : '';
      if (msg.textContent !== text) msg.textContent = text;
      msg.hidden = !list;
    }
    box.classList.toggle('bad', !!list);
    if (input) { if (list) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid'); }
  }
  const n = b.problems.length;
  S.el.summary.replaceChildren(...(n ? [
    h('p', { class: 'strong', text: w.problems(n) }),
    other.length ? h('ul', {}, other.map((pr) => h('li', { text: pr.path && pr.path !== 'table' ? `${pr[S.lang]} (${w.at(pr.path)})` : pr[S.lang] }))) : null,
  ] : []).filter(Boolean));
  S.el.summary.hidden = !n;
  const status = !S.good ? w.previewEmpty : n ? w.previewStale(n) : w.previewOk;
  if (S.el.previewStatus.textContent !== status) S.el.previewStatus.textContent = status;
  S.el.previewStatus.classList.toggle('stale', !!(S.good && n));
}

function renderTable() {
  const w = t();
  const b = S.built;
  const tb = b.table;
  const byCell = new Map();
  for (const pr of b.problems) if (pr.cell) { if (!byCell.has(pr.cell)) byCell.set(pr.cell, []); byCell.get(pr.cell).push(pr); }
  const box = S.el.tableView;
  if (!tb) { box.replaceChildren(); S.el.cellProblems.replaceChildren(); S.el.readAs.textContent = ''; return; }
  S.el.readAs.textContent = w.readAs(tb.series.length, tb.orientation, tb.style);
  const letters = (c) => { let s = ''; let n = c + 1; while (n > 0) { const m = (n - 1) % 26; s = String.fromCharCode(65 + m) + s; n = Math.floor((n - 1) / 26); } return s; };
  const rows = tb.cells.slice(0, 80);
  const width = Math.min(30, Math.max(0, ...rows.map((r) => r.length)));
  const table = h('table', {},
    h('caption', { text: w.tableCaption }),
    h('tr', {}, h('td', { class: 'corner' }), Array.from({ length: width }, (_, c) => h('th', { scope: 'col', text: letters(c) }))),
    rows.map((r, ri) => h('tr', {}, h('th', { scope: 'row', text: String(ri + 1) }),
      Array.from({ length: width }, (_, c) => {
        const a1 = `${letters(c)}${ri + 1}`;
        const probs = byCell.get(a1);
        return h('td', { class: probs ? 'bad' : null, title: probs ? probs.map((p) => p[S.lang]).join(' ') : null, 'data-cell': a1, text: r[c] === undefined ? '' : r[c] });
      }))));
  box.replaceChildren(table);
  // A message that already names its cell ("Ô B4: …") is not prefixed again.
  const unprefixed = (cell, m) => m.replace(new RegExp(`^(${w.cell(cell)}|${cell})\\s*[:,]\\s*`), '');
  S.el.cellProblems.replaceChildren(...[...byCell].map(([cell, probs]) => h('li', { 'data-cell': cell }, h('strong', { text: `${w.cell(cell)}: ` }), probs.map((p) => unprefixed(cell, p[S.lang])).join(' · '))));
}

/* ---------------- preview ---------------- */

function showPreview() {
  const frame = S.el.previewFrame;
  if (!S.good) { frame.replaceChildren(h('p', { class: 'help', text: t().previewEmpty })); return; }
  let el = frame.querySelector('grdp-whatif');
  if (!el) {
    el = document.createElement('grdp-whatif');
    el.setAttribute('lang', S.preview.lang);
    el.setAttribute('theme', S.preview.theme);
    el.setDataset(S.good.json);
    frame.replaceChildren(el);
  } else {
    el.setDataset(S.good.json);
  }
}

function previewControls() {
  const w = t();
  const group = (label, key, options) => h('div', { class: 'seg', role: 'group', 'aria-label': label }, h('span', { class: 'seg-label', text: label }),
    options.map(([v, text]) => button(text, () => {
      S.preview[key] = v;
      const el = S.el.previewFrame.querySelector('grdp-whatif');
      if (el && key !== 'width') el.setAttribute(key, v);
      S.el.previewFrame.className = `frame ${S.preview.width}`;
      for (const b of S.el.preview.querySelectorAll(`button[data-key="${key}"]`)) b.setAttribute('aria-pressed', String(b.getAttribute('data-value') === S.preview[key]));
    }, { 'data-key': key, 'data-value': v, 'aria-pressed': String(S.preview[key] === v) })));
  return h('div', { class: 'seg-row' },
    group(w.previewLang, 'lang', [['vi', 'Tiếng Việt'], ['en', 'English']]),
    group(w.previewTheme, 'theme', [['light', w.light], ['dark', w.dark]]),
    group(w.previewWidth, 'width', [['phone', w.phone], ['laptop', w.laptop]]));
}

/* ---------------- downloads ---------------- */

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}

const escHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The single offline file with this dataset inside (the shipped file's
 *  page, script and CSP; only the data and the title differ). */
function singleFile(good) {
  const embed = document.getElementById('gw-embed').textContent;
  const d = good.dataset;
  const first = d.indicators[0];
  const what = textParts(first && (first.title || first.label)).vi;
  const title = `${what.includes(nameOf(d)) ? what : `${nameOf(d)}: ${what}`} | grdp-whatif`;
  // The dataset goes in the element, before the page's loading line (shown
  // until the widget starts).
  const open = '<grdp-whatif sync-hash page-lang>';
  const head = SINGLE_PAGE.head
    .replace(/<title>[^<]*<\/title>/, () => `<title>${escHtml(title)}</title>`)
    .replace(/<meta name="description" content="[^"]*">/, () => `<meta name="description" content="${escHtml(title)}">`)
    .replace(open, () => `${open}<script type="application/json">${safeJson(good.json)}</script>`);
  if (!SINGLE_PAGE.head.includes(open)) throw new Error('the single file has no <grdp-whatif sync-hash page-lang> element');
  return head + embed + SINGLE_PAGE.tail;
}

function fileBase() {
  const id = S.good && S.good.dataset.id;
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(id) ? id : 'grdp-whatif';
}

function renderExport() {
  const blocked = !S.good || (S.built && S.built.problems.length > 0);
  for (const b of S.el.exportButtons) { b.disabled = blocked; }
  S.el.exportNote.hidden = !blocked;
}

async function copyEmbed() {
  const w = t();
  if (!S.good) return;
  const inline = snippet(S.good.json, fileBase(), true);
  S.el.snippetSrc.value = snippet(S.good.json, fileBase(), false);
  S.el.snippetInline.value = inline;
  S.el.snippets.hidden = false;
  try {
    await navigator.clipboard.writeText(inline);
    say(w.copied);
  } catch (e) {
    say(w.copyFailed);
    S.el.snippetInline.focus();
    S.el.snippetInline.select();
  }
}

function say(text) {
  S.status = text;
  S.el.status.textContent = text;
}

/* ---------------- opening a file ---------------- */

async function openFile(file) {
  const w = t();
  let text;
  try {
    text = (await file.text()).replace(/^\uFEFF/, '');
  } catch (e) {
    say(w.openFailed(file.name, String(e && e.message || e)));
    return;
  }
  const b = S.wb.buildDataset('', text, {});
  const fatal = b.problems.find((p) => p.path === '' || p.path === null);
  let choices = null;
  if (!fatal) { try { choices = JSON.parse(text); } catch (e) { choices = null; } }
  if (!choices || typeof choices !== 'object' || Array.isArray(choices)) {
    say(w.openFailed(file.name, fatal ? fatal[S.lang] : 'JSON'));
    return;
  }
  // Opening a file replaces the draft: asked first when there is work in it.
  const work = S.draft && ((S.draft.table || '').trim() || ((S.draft.choices && S.draft.choices.indicators) || []).length);
  if (work && !window.confirm(w.openConfirm(file.name))) return;
  S.draft = { v: 1, table: '', options: { delimiter: '', orientation: '', style: '' }, choices, raw: {}, dismissed: [] };
  S.good = null;
  S.el.paste.value = '';
  S.seriesKey = '';
  renderForm();
  rebuild();
  if (!S.good) showPreview();
  say(w.opened(file.name));
}

/* ---------------- the page ---------------- */

function renderShell() {
  const w = t();
  document.documentElement.lang = S.lang;
  document.title = w.title;
  const root = document.getElementById('studio');
  const opt = (key, label, options) => {
    const id = `opt-${key}`;
    const sel = h('select', { id }, options.map(([v, text]) => h('option', { value: v, text })));
    sel.value = S.draft.options[key] || '';
    sel.addEventListener('change', () => { S.draft.options[key] = sel.value; rebuild(); });
    return h('div', { class: 'f' }, h('label', { for: id, text: label }), sel);
  };
  const paste = h('textarea', { id: 'paste', rows: 8, spellcheck: 'false', 'aria-describedby': 'paste-help cell-problems', wrap: 'off' });
  paste.value = S.draft.table;
  paste.addEventListener('input', () => { S.draft.table = paste.value; later(); });
  const fileInput = h('input', { id: 'open', type: 'file', accept: '.json,application/json' });
  fileInput.addEventListener('change', () => { const f = fileInput.files && fileInput.files[0]; if (f) openFile(f); fileInput.value = ''; });
  const exportHtml = button(w.exportHtml, () => { if (S.good) download(`${fileBase()}.html`, 'text/html', singleFile(S.good)); }, { 'aria-describedby': 'export-note' });
  const exportJson = button(w.exportJson, () => { if (S.good) download(`${fileBase()}.json`, 'application/json', S.good.json); }, { 'aria-describedby': 'export-note' });
  const embed = button(w.embed, copyEmbed, { 'aria-describedby': 'export-note' });
  S.el = {
    paste,
    fields: h('div', { class: 'fields' }),
    summary: h('div', { class: 'summary', role: 'region', 'aria-label': w.otherProblems, hidden: true }),
    status: h('p', { class: 'status', role: 'status' }),
    tableView: h('div', { class: 'table-view', tabindex: '0', role: 'region', 'aria-label': w.tableCaption }),
    cellProblems: h('ul', { class: 'cell-problems', id: 'cell-problems' }),
    readAs: h('p', { class: 'help read-as', 'aria-live': 'polite' }),
    previewFrame: h('div', { class: `frame ${S.preview.width}` }),
    previewStatus: h('p', { class: 'preview-status', role: 'status' }),
    exportButtons: [exportHtml, exportJson, embed],
    exportNote: h('p', { class: 'help', id: 'export-note', text: w.exportBlocked }),
    snippetSrc: h('textarea', { id: 'snippet-src', rows: 3, readonly: true, spellcheck: 'false' }),
    snippetInline: h('textarea', { id: 'snippet-inline', rows: 6, readonly: true, spellcheck: 'false' }),
  };
  S.el.snippets = h('div', { class: 'snippets', hidden: true },
    h('label', { for: 'snippet-inline', text: w.embedInline }), S.el.snippetInline,
    h('label', { for: 'snippet-src', text: w.embedSrc }), S.el.snippetSrc);
  S.el.preview = h('section', { class: 'card preview', 'aria-labelledby': 'preview-h' }, h('h2', { id: 'preview-h', text: w.preview }), previewControls(), S.el.previewStatus, S.el.previewFrame);
  root.replaceChildren(
    h('header', { class: 'top' },
      h('div', {}, h('h1', { text: w.title }), h('p', { class: 'lead', text: w.lead })),
      h('div', { class: 'actions' },
        button(w.langSwitch, () => { S.lang = S.lang === 'vi' ? 'en' : 'vi'; S.draft.raw = {}; renderShell(); rebuild(); document.getElementById('lang').focus(); }, { id: 'lang', lang: S.lang === 'vi' ? 'en' : 'vi', 'aria-label': w.langSwitchLabel }),
        h('div', { class: 'file' }, h('label', { for: 'open', text: w.open }), fileInput),
        button(w.startOver, () => {
          if (!window.confirm(w.startOverConfirm)) return;
          try { localStorage.removeItem(DRAFT_KEY); } catch (e) { /* nothing kept */ }
          S.draft = newDraft(S.wb.blankDataset(t().newProvince, 'tinh'), t());
          S.good = null;
          renderShell();
          rebuild();
          showPreview();
        }, { class: 'quiet' }))),
    S.el.status,
    h('main', { class: 'cols' },
      h('form', { class: 'form', novalidate: true, onsubmit: (e) => e.preventDefault() },
        S.el.summary,
        h('section', { class: 'card', 'aria-labelledby': 'table-h' },
          h('h2', { id: 'table-h', text: w.table }),
          h('div', { class: 'f' }, h('label', { for: 'paste', text: w.paste }), paste, h('p', { class: 'help', id: 'paste-help', text: w.pasteHelp })),
          h('div', { class: 'grid' },
            opt('delimiter', w.delimiter, [['', w.auto], ['tab', w.tab], ['comma', w.comma], ['semicolon', w.semicolon]]),
            opt('orientation', w.orientation, [['', w.auto], ['rows', w.yearsRows], ['columns', w.yearsColumns]]),
            opt('style', w.style, [['', w.auto], ['vi', w.styleVi], ['en', w.styleEn]])),
          button(w.example, () => {
            S.draft.table = EXAMPLE_TABLE;
            paste.value = EXAMPLE_TABLE;
            const src = S.draft.choices.sources && S.draft.choices.sources.find((s) => s.id === 'nguon-1');
            if (src && !textParts(src.publication).vi && !textParts(src.title).vi) {
              src.publication = { vi: 'Ví dụ: Cục Thống kê tỉnh', en: 'Example: provincial statistics office' };
              src.title = { vi: 'Số liệu ví dụ (không phải số thật)', en: 'Example figures (not real)' };
            }
            renderForm();
            rebuild();
          }, { class: 'quiet' }),
          S.el.readAs,
          S.el.cellProblems,
          S.el.tableView),
        S.el.fields),
      h('aside', { class: 'side' },
        S.el.preview,
        h('section', { class: 'card', 'aria-labelledby': 'export-h' },
          h('h2', { id: 'export-h', text: w.exportHeading }),
          h('div', { class: 'buttons' }, exportHtml, exportJson, embed),
          S.el.exportNote,
          S.el.snippets,
          h('p', { class: 'help', text: w.saved })))));
  if (S.status) S.el.status.textContent = S.status;
  S.seriesKey = '';
  renderForm();
  showPreview();
}

async function boot() {
  const root = document.getElementById('studio');
  root.textContent = WORDS.vi.loading;
  try {
    S.wb = await studioInstance();
  } catch (e) {
    root.textContent = `${WORDS.vi.failed} ${String(e && e.message || e)} / ${WORDS.en.failed}`;
    return;
  }
  let stored = null;
  try { stored = readDraft(localStorage.getItem(DRAFT_KEY)); } catch (e) { stored = null; }
  S.draft = stored || newDraft(S.wb.blankDataset(WORDS.vi.newProvince, 'tinh'), WORDS.vi);
  if (stored && stored.savedAt) {
    const at = new Date(stored.savedAt);
    S.status = WORDS.vi.restored(Number.isNaN(at.getTime()) ? stored.savedAt : at.toLocaleString('vi-VN'));
  }
  renderShell();
  rebuild();
  // A reload right after an edit keeps it.
  addEventListener('pagehide', () => {
    clearTimeout(S.saveTimer);
    if (S.timer) rebuild();
    writeDraft();
  });
  // What the reader does here (typing, pasting, choosing, a file opened).
  for (const type of ['input', 'change']) document.addEventListener(type, () => { S.touched = true; }, true);
  // The studio open in two tabs: the one edited last keeps its draft.
  addEventListener('storage', (e) => {
    if (e.key !== DRAFT_KEY || e.newValue === null || S.stale) return;
    // Only a draft the reader edited there (not one a tab wrote as it opened).
    let theirs = null;
    try { theirs = JSON.parse(e.newValue); } catch (x) { theirs = null; }
    if (!theirs || typeof theirs !== 'object' || theirs.edited !== true) return;
    S.stale = true;
    clearTimeout(S.saveTimer);
    say(t().otherTab);
  });
  document.documentElement.setAttribute('data-ready', '');
  if (performance.mark) performance.mark('grdp-whatif-studio:ready');
}

boot();
