/* The widget's whole view state, one plain value, and the one function that
 * makes the next state from an event. The engine decides what a scenario
 * is (a preset's values, what a typed text means, whether a link can be
 * used); this file only keeps track. Nothing here touches the page. */

/** The scenario fields the controls set, in a fixed order (the cache key). */
export const SCENARIO_KEYS = ['indicator', 'realGrowth', 'inflation', 'populationGrowth', 'fxChange', 'growth', 'targetValue', 'targetYear', 'spread'];

const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

/** A copy of the scenario with only the known fields, read as own properties. */
export function cleanScenario(sc) {
  const out = {};
  if (!sc || typeof sc !== 'object') return out;
  for (const k of SCENARIO_KEYS) if (has(sc, k) && sc[k] !== null && sc[k] !== undefined) out[k] = sc[k];
  return out;
}

export function initialState({ lang = 'vi', theme = 'auto', view = 'chart' } = {}) {
  return {
    status: 'loading', failure: null, notice: null,
    lang, theme, view,
    indicator: null, preset: null, scenario: null, custom: null,
    drafts: {}, hover: null, open: {}, flash: null,
    // Each indicator's scenario as the reader left it (for going back to it).
    kept: {},
  };
}

/** What the engine is asked to show for a state. */
export function viewOf(s) {
  return { indicator: s.indicator, lang: s.lang, preset: s.preset || 'custom', scenario: s.scenario, theme: s.theme, view: s.view, table: s.view === 'table' };
}

/** A key for a view: equal views, equal keys. Built field by field (no
 *  JSON.stringify, which a host page's toJSON patch would change). */
export function keyOf(v) {
  let k = `${v.indicator}|${v.lang}|${v.preset}|${v.theme}|${v.view}|${v.table}`;
  const sc = v.scenario || {};
  for (const f of SCENARIO_KEYS) k += `|${has(sc, f) ? String(sc[f]) : ''}`;
  return k;
}

function without(o, key) {
  const out = {};
  for (const k of Object.keys(o)) if (k !== key) out[k] = o[k];
  return out;
}

/** The error an engine call threw, as `{ vi, en, field }` (the technical
 *  text for both when it is not one of the engine's). */
export function errorOf(e) {
  const text = String(e && e.message || e);
  return { vi: (e && typeof e.vi === 'string') ? e.vi : text, en: (e && typeof e.en === 'string') ? e.en : text, field: (e && e.field) || '' };
}

/** The state an indicator opens on. */
function opened(s, ctx, id) {
  return { ...s, indicator: id, scenario: cleanScenario(ctx.engine.start(id)), preset: ctx.engine.defaultPreset(id) || 'custom', custom: null, drafts: {}, hover: null };
}

/** `next` if the engine can show it, else `s` with the field's message. */
function tried(s, next, ctx, key, text) {
  const check = ctx.check(viewOf(next));
  if (check.ok) return { ...next, drafts: without(next.drafts, key), notice: null };
  return { ...s, drafts: { ...s.drafts, [key]: { text, error: check.error } } };
}

/** The next state after `a`. `ctx.engine` answers what a scenario is;
 *  `ctx.check(view)` says whether it can be shown ({ ok } or { error }). */
export function reduce(s, a, ctx) {
  switch (a.type) {
    case 'failed':
      return { ...s, status: 'failed', failure: a.failure };
    case 'loaded': {
      const ids = ctx.indicators();
      // A link's indicator, when the dataset has it, even if the rest of the
      // link cannot be used (then that indicator's own scenario, said so).
      const m = a.link ? /(?:^#?|&)ind=([^&]*)/.exec(String(a.link)) : null;
      let fromLink = null;
      try { fromLink = m ? decodeURIComponent(m[1]) : null; } catch (e) { fromLink = null; }
      const id = ids.includes(fromLink) ? fromLink : ids.includes(a.indicator) ? a.indicator : ids[0];
      let next = opened({ ...s, status: 'ready', failure: null, notice: a.notice || null, kept: {} }, ctx, id);
      if (a.link) next = reduce(next, { type: 'link', hash: a.link, first: true }, ctx);
      return next;
    }
    case 'lang':
      return a.lang === 'vi' || a.lang === 'en' ? { ...s, lang: a.lang } : s;
    case 'theme':
      return ['auto', 'light', 'dark'].includes(a.theme) ? { ...s, theme: a.theme } : s;
    case 'view':
      return a.view === 'chart' || a.view === 'table' ? { ...s, view: a.view, hover: null } : s;
    case 'indicator': {
      if (s.status !== 'ready' || a.id === s.indicator || !ctx.indicators().includes(a.id)) return s;
      // The scenario left is kept; one the reader made for the indicator
      // gone back to is shown again (the dataset's own start otherwise).
      const kept = { ...s.kept, [s.indicator]: { scenario: s.scenario, preset: s.preset, custom: s.custom } };
      const back = has(kept, a.id) ? kept[a.id] : null;
      if (back) {
        const next = { ...s, indicator: a.id, scenario: back.scenario, preset: back.preset, custom: back.custom, drafts: {}, hover: null, notice: null, kept };
        if (ctx.check(viewOf(next)).ok) return next;
      }
      try {
        return { ...opened(s, ctx, a.id), notice: null, kept };
      } catch (e) {
        // The engine's own refusal (worded in both languages): the last
        // indicator stays, with the reason; anything else is not ours to keep.
        if (!(e && typeof e.vi === 'string')) throw e;
        return { ...s, notice: { kind: 'indicator', vi: e.vi, en: e.en } };
      }
    }
    case 'reset':
      return s.status === 'ready' ? { ...opened(s, ctx, s.indicator), notice: null } : s;
    case 'preset': {
      if (s.status !== 'ready') return s;
      // "Your own" before the reader has made one: nothing to show (the
      // page points them to the sliders).
      if (a.id === 'custom') return s.custom ? tried(s, { ...s, preset: 'custom', scenario: s.custom, drafts: {} }, ctx, '', '') : s;
      let sc;
      try { sc = cleanScenario(ctx.engine.withPreset(s.indicator, a.id, s.scenario)); } catch (e) { return s; }
      return tried(s, { ...s, preset: a.id, scenario: sc, drafts: {} }, ctx, '', '');
    }
    case 'set': {
      if (s.status !== 'ready' || typeof a.value !== 'number' || !Number.isFinite(a.value)) return s;
      const sc = { ...s.scenario, [a.key]: a.value };
      // On a preset's growth exactly, the scenario is that preset.
      const preset = ctx.engine.presetOf(s.indicator, sc);
      return tried(s, { ...s, scenario: sc, custom: preset === 'custom' ? sc : s.custom, preset }, ctx, a.key, a.text || '');
    }
    case 'type': {
      if (s.status !== 'ready') return s;
      let value;
      try {
        value = ctx.engine.parseField(s.indicator, a.key, String(a.text), s.lang);
      } catch (e) {
        return { ...s, drafts: { ...s.drafts, [a.key]: { text: String(a.text), error: errorOf(e) } } };
      }
      return reduce(s, { type: 'set', key: a.key, value, text: String(a.text) }, ctx);
    }
    case 'link': {
      if (s.status !== 'ready') return s;
      let st;
      try {
        st = ctx.engine.readLink(String(a.hash), s.indicator);
      } catch (e) {
        const err = errorOf(e);
        // A broken link still says which language and theme its reader wanted.
        const lang = /(?:^#?|&)lang=(vi|en)(?:&|$)/.exec(String(a.hash));
        const theme = /(?:^#?|&)theme=(light|dark|auto)(?:&|$)/.exec(String(a.hash));
        return { ...s, lang: lang ? lang[1] : s.lang, theme: theme ? theme[1] : s.theme, notice: { kind: 'link', first: !!a.first, vi: err.vi, en: err.en } };
      }
      const next = {
        ...s,
        lang: st.lang || s.lang, theme: st.theme || s.theme, view: st.view || s.view,
        indicator: st.indicator, scenario: cleanScenario(st.scenario), preset: st.preset,
        custom: st.preset === 'custom' ? cleanScenario(st.scenario) : null, drafts: {}, hover: null, notice: null,
      };
      const check = ctx.check(viewOf(next));
      return check.ok ? next : { ...s, notice: { kind: 'link', first: !!a.first, vi: check.error.vi, en: check.error.en } };
    }
    case 'hover':
      return a.year === s.hover ? s : { ...s, hover: a.year };
    case 'toggle':
      return { ...s, open: { ...s.open, [a.part]: !s.open[a.part] } };
    case 'flash':
      return { ...s, flash: a.flash };
    default:
      return s;
  }
}
