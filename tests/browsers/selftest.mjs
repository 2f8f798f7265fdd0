// Self-test of the checks in run.mjs: each one, fed a page that is wrong in
// the way it guards against, must report a problem. Not part of make test
// (it tests the tests); run it after changing widget-probe.mjs:
//
//   node tests/browsers/selftest.mjs            both engines
//   node tests/browsers/selftest.mjs firefox    one engine
//
// On the standalone file in each engine: a cleared chart is not "drawn"; no
// key press is not a "step"; the Vietnamese page is not "english", nor is an
// English one that still holds the Vietnamese headline; a load without the
// link does not "restore" it; a card changed on screen or a figure other
// than node's is not "figures"; a console.error and an uncaught error are
// seen by errors().
// The iframe check (iframe-check.mjs), on hosts made from
// dist/iframe-example.html served over http: the real host passes (else the
// rest proves nothing); a host that never resizes the iframe, one that only
// grows it (the old bug), one that makes it 66 px too tall, one that lets
// any origin resize it, and, on the real host, a console.error and an error
// event in the frame, must each be caught. Exits 1 if a check passed what it
// should have failed.
import { resolve, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { open, closeAll, withTimeout, CAPTURE_SOURCE } from './harness.mjs';
import * as W from './widget-probe.mjs';
import * as I from './iframe-check.mjs';

const DIST = resolve('dist');
const url = pathToFileURL(join(DIST, 'grdp-whatif.html')).href;
const engines = process.argv.slice(2).length ? process.argv.slice(2) : ['firefox', 'webkit'];
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const watchdog = setTimeout(async () => { console.error('FAIL: self-test over 170 s'); await closeAll(); process.exit(1); }, 170000);
watchdog.unref();

// Wrong hosts: the real one with its listener changed. Each edit must find
// what it changes (else the host page changed and this needs adapting).
const realHost = readFileSync(join(DIST, 'iframe-example.html'), 'utf8');
const edit = (re, to) => {
  if (!re.test(realHost)) throw new Error(`dist/iframe-example.html no longer matches ${re}: adapt selftest.mjs`);
  return realHost.replace(re, to);
};
const SET = /f\.style\.height\s*=\s*(.+?)\s*\+\s*'px';/;
// [what, the host, [what must be caught: a regexp on the check's problems]…]
const hosts = {
  '/host-never.html': ['a host that never resizes the iframe', edit(SET, '/* never resizes */;'),
    [/^at rest: iframe .* too short/, /^at rest: inner scrollbar needed/]],
  '/host-grow-only.html': ['a host that only grows the iframe (the old bug)', edit(SET, "f.style.height = Math.max(f.getBoundingClientRect().height, $1) + 'px';"),
    [/^shorter again .* too tall/]],
  '/host-too-tall.html': ['a host that makes the iframe 66 px too tall', edit(SET, "f.style.height = ($1) + 66 + 'px';"),
    [/^at rest: iframe .*66 px too tall/, /^taller .*66 px too tall/, /^shorter again .*66 px too tall/]],
  '/host-any-origin.html': ['a host whose listener does not check the origin', edit(/e\.origin\s*!==\s*GRDP_WHATIF_ORIGIN\s*\|\|\s*/, ''),
    [/does not check the origin/]],
};
const server = await serve(DIST, 0, { extra: Object.fromEntries(Object.entries(hosts).map(([p, [, body]]) => [p, body])) });
const foreignServer = await serve(DIST, 0, { extra: { '/foreign.html': I.foreignPage() } });
server.unref(); foreignServer.unref();
const origin = `http://127.0.0.1:${server.address().port}`;
const foreignOrigin = `http://127.0.0.1:${foreignServer.address().port}`;
const urls = (path) => ({ host: `${origin}${path}`, foreign: `${foreignOrigin}/foreign.html`, foreignOrigin });

async function until(b, pred, ms = 15000, frame) {
  const end = Date.now() + ms;
  for (;;) {
    const p = await b.eval(W.probe, frame);
    if (pred(p) || Date.now() > end) return p;
    await sleep(100);
  }
}

let missed = 0;
const expectProblems = (engine, what, problems) => {
  const ok = problems.length > 0;
  if (!ok) missed++;
  console.log(`  ${ok ? 'caught' : 'MISSED'}  ${engine}: ${what}${ok ? `: ${problems[0].slice(0, 110)}` : ''}`);
};

for (const name of engines) {
  const b = await withTimeout(open(name), 90000, `open ${name}`);
  try {
    console.log(`${name} ${b.version}`);
    await b.goto(url);
    const vi = await until(b, (p) => W.expectDrawn(p).length === 0);
    if (W.expectDrawn(vi).length) throw new Error(`the page itself does not draw: ${W.expectDrawn(vi).join('; ')}`);

    // step: no key press at all.
    expectProblems(name, 'step without a key press', W.expectStep(vi, await b.eval(W.probe)));
    // step: a key that does not move the slider (it is not focused).
    await b.press('ArrowRight');
    expectProblems(name, 'ArrowRight with the slider not focused', W.expectStep(vi, await b.eval(W.probe)));

    // english: still Vietnamese.
    expectProblems(name, 'english on the Vietnamese page', W.expectEnglish(vi, vi));
    // english: switched, but the Vietnamese headline still in the widget.
    await b.eval(W.pressLanguage);
    const en = await until(b, (p) => p.lang === 'en');
    if (W.expectEnglish(vi, en).length) throw new Error(`English fails on the real page: ${W.expectEnglish(vi, en)}`);
    await b.eval((t) => { document.querySelector('grdp-whatif').shadowRoot.querySelector('.gw').append(t); }, vi.title);
    expectProblems(name, 'english with the Vietnamese headline left in', W.expectEnglish(vi, await b.eval(W.probe)));

    // link: a fresh load without the link.
    await b.goto(`${url}#`);
    const plain = await until(b, (p) => W.expectDrawn(p).length === 0);
    expectProblems(name, 'link ignored (page opened without it)', W.expectRestored(en, plain));
    expectProblems(name, 'a link without lang=en', W.expectLink(plain.link, plain));

    // figures: the real page passes; a card's figure changed on screen, and
    // a page whose engine works out another figure than node, are caught.
    const same = W.expectScreenIsEngine(await b.eval(W.screenAgainstEngine));
    if (same.length) throw new Error(`the figures check fails the real page: ${same.join('; ')}`);
    await b.eval(() => { const big = document.querySelector('grdp-whatif').shadowRoot.querySelectorAll('.readout .big'); const c = big[big.length - 1]; c.textContent = c.textContent.replace(/\d/, (d) => String((Number(d) + 1) % 10)); });
    expectProblems(name, 'figures: a card shows another figure than the engine', W.expectScreenIsEngine(await b.eval(W.screenAgainstEngine)));
    const inPage = await b.eval(W.sweepFigures, W.SWEEP_MOVES);
    const node = await W.figuresInNode(DIST, W.SWEEP_MOVES);
    if (W.compareFigures(inPage, node).length) throw new Error(`the figures check fails the real page: ${W.compareFigures(inPage, node)[0]}`);
    const k = Object.keys(inPage)[5];
    inPage[k].cards[inPage[k].cards.length - 1] = '67%';
    expectProblems(name, 'figures: one view worked out differently from node', W.compareFigures(inPage, node));

    // drawn: both layers cleared.
    await b.eval(() => { for (const c of document.querySelector('grdp-whatif').shadowRoot.querySelectorAll('.chartbox canvas')) c.width = c.width; });
    expectProblems(name, 'drawn with the chart cleared', W.expectDrawn(await b.eval(W.probe)));
    // drawn: no widget.
    await b.eval(() => { document.querySelector('grdp-whatif').remove(); });
    expectProblems(name, 'drawn with no widget', W.expectDrawn(await b.eval(W.probe)));

    // no errors: a console.error and an uncaught error are seen.
    await b.eval(() => { console.error('selftest: console.error'); setTimeout(() => { throw new Error('selftest: uncaught'); }, 0); });
    await sleep(300);
    const errs = await b.errors();
    expectProblems(name, 'console.error seen', errs.filter((e) => /console/.test(e) && /selftest/.test(e)));
    expectProblems(name, 'uncaught error seen', errs.filter((e) => /pageerror/.test(e)));

    // iframe: the real host passes, else "caught" below would prove nothing.
    const real = await I.checkIframe(b, urls('/iframe-example.html'));
    const realProblems = [...real.drawn.problems, ...(real.iframe ? real.iframe.problems : ['not run']), ...real.errors];
    if (realProblems.length) throw new Error(`the iframe check fails the real host: ${realProblems.join('; ')}`);
    console.log(`  passes  ${name}: the real iframe host: ${real.iframe.detail.slice(0, 100)}`);
    for (const [path, [what, , caught]] of Object.entries(hosts)) {
      const r = await I.checkIframe(b, urls(path));
      if (r.drawn.problems.length) throw new Error(`${what}: the widget did not draw: ${r.drawn.problems.join('; ')}`);
      for (const re of caught) expectProblems(name, `iframe: ${what} (${re.source.replace(/^\^/, '').slice(0, 30)})`, r.iframe.problems.filter((p) => re.test(p)));
    }
    // iframe errors: a console.error and an error event in the frame.
    await b.goto(urls('/iframe-example.html').host);
    await until(b, (p) => W.expectDrawn(p).length === 0, 20000, I.FRAME);
    await b.eval(I.captureFrame, I.FRAME, CAPTURE_SOURCE);
    await b.eval((sel) => {
      const w = document.querySelector(sel).contentWindow;
      w.console.error('selftest: console.error in the frame');
      w.dispatchEvent(new w.ErrorEvent('error', { message: 'selftest: error in the frame' }));
    }, I.FRAME);
    const ferrs = await I.errorsOf(b);
    expectProblems(name, 'console.error in the frame seen', ferrs.filter((e) => /console/.test(e) && /selftest: console.error in the frame/.test(e)));
    expectProblems(name, 'error event in the frame seen', ferrs.filter((e) => /in the frame: pageerror: selftest: error in the frame/.test(e)));
  } finally {
    await b.close();
  }
}
console.log(missed ? `FAIL: ${missed} wrong page(s) passed a check` : 'every check caught its wrong page');
await closeAll();
for (const s of [server, foreignServer]) { s.close(); s.closeAllConnections?.(); }
process.exit(missed ? 1 : 0);
