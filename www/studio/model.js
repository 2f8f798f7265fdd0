/* The studio's draft: the pasted table, how to read it, and the choices (a
 * dataset in the documented format whose indicators may take their figures
 * `from` a series of the table). Plain data and pure functions: the engine
 * (buildDataset) turns a draft into a dataset or located problems. */

export const DRAFT_KEY = 'grdp-whatif-studio/draft-v1';
export const GROWTH_KEY = (model) => (model === 'perCapita' ? 'realGrowth' : 'growth');
/** Growth rates shown in % (stored as fractions) for every model but a
 *  share in %, whose change is in points. */
export const RATE_IN_PERCENT = (model) => model !== 'linear';
export const MODELS = ['perCapita', 'compound', 'termTotal', 'rate', 'linear', 'shares'];
export const UNITS = ['millionVnd', 'billionVnd', 'thousandBillionVnd', 'millionUsd', 'usd', 'percent', 'index'];

const own = (o, k) => o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k);
const clone = (v) => JSON.parse(JSON.stringify(v));

/** 'indicators[2].targets[0].year' → ['indicators', 2, 'targets', 0, 'year'] */
export function keys(path) {
  const out = [];
  for (const m of String(path).matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

export function getAt(obj, path) {
  let o = obj;
  for (const k of keys(path)) {
    if (!own(o, k)) return undefined;
    o = o[k];
  }
  return o;
}

/** Set (or, for `undefined`, delete) the value at `path`, making objects on the way. */
export function setAt(obj, path, value) {
  const ks = keys(path);
  let o = obj;
  for (let i = 0; i < ks.length - 1; i++) {
    const k = ks[i];
    if (!own(o, k) || o[k] === null || typeof o[k] !== 'object') o[k] = typeof ks[i + 1] === 'number' ? [] : {};
    o = o[k];
  }
  const last = ks[ks.length - 1];
  if (value === undefined) { if (Array.isArray(o) && typeof last === 'number') o.splice(last, 1); else delete o[last]; } else o[last] = value;
}

/** A text field's two languages: a dataset text is a string (Vietnamese
 *  only) or `{vi, en}`. */
export function textParts(t) {
  if (typeof t === 'string') return { vi: t, en: '' };
  if (t && typeof t === 'object') return { vi: typeof t.vi === 'string' ? t.vi : '', en: typeof t.en === 'string' ? t.en : '' };
  return { vi: '', en: '' };
}

/** The text value for `vi` and `en`: a string when there is no English;
 *  `undefined` (the key left out) for an optional text left blank. */
export function textValue(vi, en, optional) {
  if (optional && !vi.trim() && !en.trim()) return undefined;
  return en.trim() ? { vi, en } : vi;
}

/** Every series name an indicator takes its figures from. */
export function fromNames(ind) {
  if (!ind || typeof ind !== 'object') return [];
  if (typeof ind.from === 'string') return [ind.from];
  if (Array.isArray(ind.from)) return ind.from.filter((x) => typeof x === 'string');
  return [];
}

/** A new draft from the engine's blank dataset (JSON text). */
export function newDraft(blankText, words) {
  const choices = JSON.parse(blankText);
  choices.name = words.newProvince;
  choices.sources.unshift({ id: 'nguon-1', publication: '', title: '' });
  return { v: 1, table: '', options: { delimiter: '', orientation: '', style: '' }, choices, raw: {}, dismissed: [] };
}

/** A draft read back from storage, or null when it is not one. */
export function readDraft(text) {
  try {
    const d = JSON.parse(text);
    if (!d || d.v !== 1 || typeof d.table !== 'string' || !d.choices || typeof d.choices !== 'object') return null;
    return {
      v: 1,
      table: d.table,
      options: { delimiter: String(d.options && d.options.delimiter || ''), orientation: String(d.options && d.options.orientation || ''), style: String(d.options && d.options.style || '') },
      choices: d.choices,
      raw: d.raw && typeof d.raw === 'object' ? d.raw : {},
      dismissed: Array.isArray(d.dismissed) ? d.dismissed.filter((x) => typeof x === 'string') : [],
      savedAt: typeof d.savedAt === 'string' ? d.savedAt : null,
    };
  } catch (e) {
    return null;
  }
}

/** Units written out ({ vi, en }) for what the format has no name for. */
const OWN_UNITS = [
  [/tỷ usd|ty usd|billion usd|\bbn usd/, { vi: 'tỷ USD', en: 'billion USD' }],
  [/nghìn usd|nghin usd|thousand usd/, { vi: 'nghìn USD', en: 'thousand USD' }],
  [/nghìn đồng|nghin dong|ngàn đồng|thousand vnd/, { vi: 'nghìn đồng', en: 'thousand VND' }],
];

/** What the table's name (and its cells: `percent`, every value written
 *  with %) says about the kind of figure and its unit. A unit in brackets
 *  that has no name in the format is kept as written ({ vi, en }), never
 *  replaced by another: "(tỷ USD)" is not "USD". */
export function guess(name, percent) {
  const n = name.toLowerCase();
  let unit = null;
  for (const [re, u] of OWN_UNITS) if (u && re.test(n)) { unit = u; break; }
  if (!unit) {
    unit = /nghìn tỷ|nghin ty|thousand billion|trillion/.test(n) ? 'thousandBillionVnd'
      : /triệu usd|million usd/.test(n) ? 'millionUsd'
        : /tỷ đồng|ty dong|billion vnd|bn vnd|tỷ\b/.test(n) ? 'billionVnd'
          : /triệu đồng|trieu dong|million vnd|triệu\b/.test(n) ? 'millionVnd'
            : /\busd\b/.test(n) ? 'usd'
              : /%|phần trăm|percent/.test(n) || percent ? 'percent' : null;
  }
  if (!unit) {
    // A unit in brackets the format has no name for: as written.
    const m = /[([]([^)\]]+)[)\]]\s*$/.exec(name);
    if (m && m[1].trim()) unit = { vi: m[1].trim(), en: m[1].trim() };
  }
  let model = 'compound';
  // Money per person in triệu đồng or USD only: the per-capita model works
  // out GRDP per person; anything else per person grows as a figure does.
  const perPerson = /bình quân đầu người|đầu người|per capita|\/người|per person/.test(n);
  if (perPerson && (unit === null || unit === 'millionVnd' || unit === 'usd' || unit === 'millionUsd') && !/tháng|month/.test(n)) model = 'perCapita';
  else if (/tốc độ|tăng trưởng|growth rate|\bgrowth\b/.test(n) && unit === 'percent') model = 'rate';
  else if (unit === 'percent' || (!perPerson && /tỷ lệ|tỷ trọng|share|rate/.test(n))) model = 'linear';
  const u = unit || (model === 'perCapita' ? 'millionVnd' : model === 'linear' ? 'percent' : null);
  return { model, unit: u };
}

/** A name with its unit in brackets left off: "Thu ngân sách (tỷ đồng)" → "Thu ngân sách". */
export function bareName(name) {
  return name.replace(/\s*[([][^)\]]*[)\]]\s*$/, '').trim() || name;
}

/** An indicator for a series of the table. */
export function indicatorFor(series, choices, slugify, words) {
  const { model, unit } = guess(series.name, !!series.percent);
  const taken = new Set((choices.indicators || []).map((i) => i && i.id));
  const base = slugify(bareName(series.name));
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
  const source = (choices.sources || []).find((s) => s && s.kind !== 'assumption' && s.kind !== 'derived');
  const y0 = series.years[0];
  const y1 = series.years[series.years.length - 1];
  const ind = {
    id,
    label: bareName(series.name),
    unit: unit || { vi: '', en: '' },
    model,
    from: series.name,
    figures: source ? source.id : '',
    targets: [],
    scenarios: {},
  };
  if (y0 !== undefined && y1 !== undefined && y1 > y0) {
    ind.scenarios.trend = {
      label: { vi: `Xu hướng ${y0}–${y1}`, en: `${y0}–${y1} trend` },
      basis: { vi: `Như giai đoạn ${y0}–${y1}, tính từ số liệu.`, en: `As in ${y0}–${y1}, worked out from the figures.` },
    };
  }
  if (model === 'termTotal') ind.term = 5;
  void words;
  return ind;
}

/** The choices with an indicator for every series of the table that none
 *  uses yet (a renamed series takes over the indicator left without one).
 *  Returns null when nothing changes. */
export function sync(choices, series, slugify, words, dismissed = []) {
  if (!Array.isArray(series)) return null;
  const names = new Set(series.map((s) => s.name));
  const inds = Array.isArray(choices.indicators) ? choices.indicators : [];
  const used = new Set(inds.flatMap(fromNames));
  const fresh = series.filter((s) => !used.has(s.name) && !dismissed.includes(s.name));
  if (!fresh.length) return null;
  const next = clone(choices);
  next.indicators = Array.isArray(next.indicators) ? next.indicators : [];
  // One indicator whose series is gone and one new series: a name corrected
  // in the table, which keeps its form. (A different table altogether makes
  // new indicators; the old ones say their series is missing.)
  const orphans = next.indicators.filter((i) => typeof i.from === 'string' && !names.has(i.from));
  const renamed = orphans.length === 1 && fresh.length === 1;
  for (const s of fresh) {
    const o = renamed ? orphans.shift() : null;
    if (o) {
      if (o.label === bareName(o.from)) o.label = bareName(s.name);
      o.from = s.name;
    } else {
      next.indicators.push(indicatorFor(s, next, slugify, words));
    }
  }
  return next;
}

/** An indicator's kind changed: the keys that depend on it follow. */
export function setModel(ind, model) {
  const was = ind.model;
  if (was === model) return ind;
  const next = clone(ind);
  next.model = model;
  const gFrom = GROWTH_KEY(was);
  const gTo = GROWTH_KEY(model);
  const scale = (RATE_IN_PERCENT(was) === RATE_IN_PERCENT(model)) ? 1 : null;
  for (const p of Object.values(next.scenarios || {})) {
    if (!p || typeof p !== 'object') continue;
    const g = p[gFrom];
    delete p.growth;
    delete p.realGrowth;
    // A rate in % and a change in points are not the same number: dropped.
    if (model !== 'shares' && typeof g === 'number' && scale) p[gTo] = g;
  }
  if (model === 'shares') {
    next.from = fromNames(ind);
    next.unit = 'percent';
    next.scenarios = {};
    delete next.history;
    delete next.targets;
    next.targets = [];
  } else if (was === 'shares') {
    next.from = fromNames(ind)[0] || '';
    delete next.parts;
    delete next.shares;
  }
  if (model === 'linear' || model === 'rate') next.unit = 'percent';
  // Per capita with no unit yet: triệu đồng. A unit the table gave (nghìn
  // đồng, say) is never swapped for another: the checker says what to do.
  if (model === 'perCapita' && !next.unit) next.unit = 'millionVnd';
  if (model === 'termTotal') { if (typeof next.term !== 'number') next.term = 5; } else delete next.term;
  if (model !== 'compound') delete next.prices;
  return next;
}

/** The text of an embed snippet. */
export function snippet(json, id, inline) {
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  if (!inline) {
    return `<grdp-whatif src="${esc(`${id}.json`)}"></grdp-whatif>\n<script src="embed.js" defer></script>\n`;
  }
  return `<grdp-whatif>\n<script type="application/json">${safeJson(json)}</script>\n</grdp-whatif>\n<script src="embed.js" defer></script>\n`;
}

/** JSON text safe inside a <script> element (and still the same JSON). */
export function safeJson(json) {
  return json.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The dataset's name in Vietnamese, for file names and titles. */
export function nameOf(d) {
  return textParts(d && d.name).vi || 'grdp-whatif';
}

/** Source `i` renamed from `old` to `id`, and every reference to it (a
 *  history point's, a target's, a preset's, an assumption's, the figures of
 *  an indicator) with it. */
export function renameSource(choices, i, old, id) {
  const next = clone(choices);
  if (!Array.isArray(next.sources) || !next.sources[i]) return next;
  next.sources[i].id = id;
  if (!old || old === id) return next;
  const walk = (v) => {
    if (Array.isArray(v)) { v.forEach(walk); return; }
    if (!v || typeof v !== 'object') return;
    for (const k of Object.keys(v)) {
      if ((k === 'source' || k === 'figures') && v[k] === old) v[k] = id;
      else walk(v[k]);
    }
  };
  walk(next.indicators);
  walk(next.assumptions);
  return next;
}
