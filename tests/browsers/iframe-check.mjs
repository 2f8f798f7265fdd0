// The iframe embed, for run.mjs (the "iframe" check) and selftest.mjs.
//
// dist/iframe-example.html, served over http, holds the widget page
// (grdp-whatif.html, same origin, relative src) in an <iframe> and sets the
// frame's height from the {type: 'grdp-whatif:height', height} messages the
// widget posts from its one ResizeObserver, only for messages from the
// widget's origin (its GRDP_WHATIF_ORIGIN: the host's own origin here).
// checkIframe(b, urls), on values read from the host page and the frame:
//   1. load the host; the widget in the frame is drawn (expectDrawn on it);
//   2. at rest the iframe is the content's height: |iframe − content| ≤
//      TOLERANCE px, and no inner scrollbar is needed (iframe ≥ content − 2,
//      the frame's scrollHeight ≤ its clientHeight + 2);
//   3. a click opens details.more in the frame: the content grows by
//      MIN_GROWTH px or more and the iframe grows to match;
//   4. a click closes it again: the content shrinks by as much and the iframe
//      shrinks to match (the old bug: it only ever grew, ending 66 px taller
//      in Firefox and 36 px in WebKit);
//   5. the widget's last report equals the content, and the reports stop once
//      it has settled (no resize loop between frame and host);
//   6. the listener checks the origin: the iframe is navigated to a page of
//      another origin (another port) that posts a height message of its own
//      (FOREIGN_HEIGHT); a recorder on the host sees it arrive from the
//      iframe, and the iframe keeps its height.
// Each stage waits until the heights have been still for a moment (a few
// polls when they match, a second when they do not, SETTLE_MS at most), so a
// host that never follows fails in seconds, not at a timeout.
//
// Errors: the host's (harness errors()) and the frame's. For the frame the
// harness's CAPTURE_SOURCE is run from the host page on the frame's window
// (same origin) once the widget is ready: errors from then on are seen in both
// engines; earlier ones show as a widget that is not ready. In Firefox the
// preload script also reaches the frame (then it sees everything from the
// start; `preloaded` says so), and BiDi's log entries include the frame's.
import { CAPTURE_SOURCE, waitFor } from './harness.mjs';
import * as W from './widget-probe.mjs';

/** The widget's iframe on the host page. */
export const FRAME = 'iframe';
/** How far (px) the iframe may be from its content's height. */
export const TOLERANCE = 3;
/** What opening details.more must add to the content (px), for the check to mean something. */
export const MIN_GROWTH = 100;
/** The height the foreign page asks for (the widget's page is far taller). */
export const FOREIGN_HEIGHT = 640;
const SETTLE_MS = 5000;
const QUIET_MS = 500;

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const px = (v) => (typeof v === 'number' ? `${Math.round(v * 10) / 10}` : String(v));

/** The page of another origin that stands in for a stranger in the frame. */
export function foreignPage(height = FOREIGN_HEIGHT) {
  return `<!doctype html><meta charset="utf-8"><title>foreign</title><p>another origin</p>
<script>
var n = 0;
(function send() {
  parent.postMessage({ type: 'grdp-whatif:height', height: ${Number(height)} }, '*');
  if (++n < 50) setTimeout(send, 100);
})();
</script>`;
}

// ---------- in page (host) ----------

/** In page: record every message the host window receives (after the host's
 *  own listener, which was added first). */
export function recordMessages(frame) {
  if (window.__gwMessages) return window.__gwMessages.length;
  const log = window.__gwMessages = [];
  addEventListener('message', (e) => {
    const f = document.querySelector(frame);
    const d = e.data;
    if (log.length < 2000) log.push({ origin: e.origin, fromFrame: !!f && e.source === f.contentWindow, type: d && d.type, height: d && d.height });
  });
  return 0;
}

/** In page: what recordMessages has seen. */
export function messages() { return window.__gwMessages || []; }

/** In page: run the capture script on the frame's window (same origin); true
 *  when the harness's preload script was there already. */
export function captureFrame(frame, src) {
  const w = document.querySelector(frame).contentWindow;
  if (w.__harnessErrors) return true;
  // eslint-disable-next-line no-new-func -- the host page has no CSP; the frame's would refuse its own eval
  new Function('window', 'console', 'document', src)(w, w.console, w.document);
  return false;
}

/** In page: the frame's captured errors. */
export function frameErrors(frame) {
  try { return (document.querySelector(frame).contentWindow.__harnessErrors || []).map((e) => ({ kind: e.kind, text: e.text })); } catch (e) { return [{ kind: 'harness', text: `frame errors unreadable: ${e.message}` }]; }
}

// ---------- node side ----------

/** The iframe at `m` (W.frameHeights) follows its content, without a scrollbar. */
export function expectFollows(stage, m) {
  if (!m || m.error) return [`${stage}: ${m ? m.error : 'no reading'}`];
  const bad = [];
  const d = m.frameH - m.content;
  if (!(Math.abs(d) <= TOLERANCE)) bad.push(`${stage}: iframe ${px(m.frameH)} px for content ${m.content} px (${d > 0 ? `${px(d)} px too tall` : `${px(-d)} px too short`})`);
  if (!(m.frameH >= m.content - 2) || !(m.scrollH <= m.clientH + 2)) bad.push(`${stage}: inner scrollbar needed (${m.scrollH} px of document in a ${m.clientH} px frame)`);
  return bad;
}


/** Poll the heights until they are still: 3 equal readings in a row when the
 *  iframe matches its content, 10 when not (give the host a second), at most
 *  SETTLE_MS. */
async function settle(b) {
  const end = Date.now() + SETTLE_MS;
  let last, key, same = 0;
  for (;;) {
    const m = await b.eval(W.frameHeights, FRAME);
    const k = `${m.frameH}|${m.content}|${m.scrollH}|${m.clientH}|${m.error}`;
    same = k === key ? same + 1 : 0;
    key = k;
    last = m;
    const matched = !m.error && Math.abs(m.frameH - m.content) <= TOLERANCE;
    if (same >= (matched ? 3 : 10) || Date.now() > end) return last;
    await sleep(100);
  }
}

/** Every error seen on the host page and in its frame (deduplicated). */
export async function errorsOf(b) {
  const out = [];
  try { out.push(...(await b.errors())); } catch (e) { out.push(`could not read the host's errors: ${e.message}`); }
  try { out.push(...(await b.eval(frameErrors, FRAME)).map((e) => `in the frame: ${e.kind}: ${e.text}`)); } catch (e) { out.push(`could not read the frame's errors: ${e.message}`); }
  return [...new Set(out)];
}

/** The whole check (see the header) on `host`, with `foreign` a page
 *  (foreignPage) served from `foreignOrigin`. Fills and returns `out`:
 *  { drawn: {problems, probe}, iframe: {problems, detail} | null, errors,
 *    preloaded, heights } (filled as it goes: after a throw it holds what was
 *  done). `beforeForeign` is awaited before the frame leaves the widget (a
 *  screenshot). */
export async function checkIframe(b, { host, foreign, foreignOrigin }, out = {}, { beforeForeign } = {}) {
  Object.assign(out, { drawn: null, iframe: null, errors: null, preloaded: null, heights: {} });
  await b.goto(host);
  await b.eval(recordMessages, FRAME);
  const r = await waitFor(b, W.probe, (p) => W.expectDrawn(p).length === 0, 20000, FRAME);
  out.drawn = { problems: W.expectDrawn(r.last).map((m) => `in the frame: ${m}`), probe: r.last };
  if (out.drawn.problems.length) { out.errors = await errorsOf(b); return out; }
  out.preloaded = await b.eval(captureFrame, FRAME, CAPTURE_SOURCE);

  const bad = [];
  const fromFrame = async () => (await b.eval(messages)).filter((m) => m.fromFrame && m.type === 'grdp-whatif:height');
  // 2. at rest
  const rest = out.heights.rest = await settle(b);
  bad.push(...expectFollows('at rest', rest));
  const n0 = (await fromFrame()).length;
  // 3. taller
  const o = await b.eval(W.toggleMore, FRAME, true);
  if (!o.open) bad.push(`details.more ("${o.summary}") did not open on a click`);
  const grown = out.heights.grown = await settle(b);
  const n1 = (await fromFrame()).length;
  if (!grown.error && !rest.error && !(grown.content - rest.content >= MIN_GROWTH)) bad.push(`opening details.more grew the content by ${grown.content - rest.content} px only (${rest.content} → ${grown.content}; expected ≥ ${MIN_GROWTH}): adapt the check`);
  bad.push(...expectFollows(`taller (details.more open, content ${rest.content} → ${grown.content} px)`, grown));
  // 4. shorter again
  const c = await b.eval(W.toggleMore, FRAME, false);
  if (c.open) bad.push('details.more did not close on a click');
  const shrunk = out.heights.shrunk = await settle(b);
  if (!grown.error && !shrunk.error && !(grown.content - shrunk.content >= MIN_GROWTH)) bad.push(`closing details.more shrank the content by ${grown.content - shrunk.content} px only (${grown.content} → ${shrunk.content})`);
  bad.push(...expectFollows(`shorter again (details.more closed, content ${grown.content} → ${shrunk.content} px)`, shrunk));
  // 5. the widget's reports: the last one is the content; then they stop.
  const n2 = (await fromFrame()).length;
  await sleep(QUIET_MS);
  const reports = await fromFrame();
  const last = reports[reports.length - 1];
  if (!last) bad.push('no grdp-whatif:height message from the frame reached the host');
  else if (!shrunk.error && Math.abs(last.height - shrunk.content) > 1) bad.push(`the widget's last report says ${last.height} px for content ${shrunk.content} px`);
  if (n1 === n0) bad.push('no height message from the frame while the content grew');
  if (reports.length > n2) bad.push(`${reports.length - n2} more height message(s) in the ${QUIET_MS} ms after the heights settled (${reports.slice(n2).map((m) => m.height).join(', ')}): a resize loop`);
  // The frame's errors, while it is still the widget's (same origin).
  out.errors = await errorsOf(b);
  if (beforeForeign) await beforeForeign();

  // 6. a message of another origin, from the iframe itself.
  const before = await b.eval(W.frameHeights, FRAME);
  if (Math.abs(before.frameH - FOREIGN_HEIGHT) < 1) bad.push(`the iframe is already ${FOREIGN_HEIGHT} px: the origin step cannot tell`);
  await b.eval((sel, url) => { document.querySelector(sel).src = url; }, FRAME, foreign);
  const seen = await waitFor(b, messages, (ms) => ms.some((m) => m.origin === foreignOrigin && m.fromFrame), 10000);
  let foreignNote = '';
  if (!seen.ok) bad.push(`no message from ${foreignOrigin} in the iframe reached the host: the origin step tested nothing`);
  else {
    await sleep(300); // the foreign page keeps posting; the host's listener ran first on each
    const after = await b.eval(W.frameHeights, FRAME);
    const got = (await b.eval(messages)).filter((m) => m.origin === foreignOrigin && m.fromFrame).length;
    if (Math.abs(after.frameH - before.frameH) > 0.5) bad.push(`a height message from ${foreignOrigin} (${FOREIGN_HEIGHT} px) resized the iframe ${px(before.frameH)} → ${px(after.frameH)} px: the listener does not check the origin`);
    foreignNote = `; ${got} message(s) of ${FOREIGN_HEIGHT} px from another origin ignored (stays ${px(after.frameH)} px)`;
  }
  try { out.errors = [...new Set([...out.errors, ...(await b.errors())])]; } catch { /* read above */ }

  out.iframe = {
    problems: bad,
    detail: `iframe ${px(rest.frameH)} → ${px(grown.frameH)} → ${px(shrunk.frameH)} px for content ${rest.content} → ${grown.content} → ${shrunk.content} px, ${reports.length} height report(s) seen${foreignNote}`,
  };
  return out;
}
