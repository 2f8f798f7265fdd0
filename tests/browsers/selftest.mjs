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
// link does not "restore" it; a console.error and an uncaught error are
// seen by errors(). Exits 1 if a check passed what it should have failed.
import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { open, closeAll, withTimeout } from './harness.mjs';
import * as W from './widget-probe.mjs';

const url = pathToFileURL(join(resolve('dist'), 'grdp-whatif.html')).href;
const engines = process.argv.slice(2).length ? process.argv.slice(2) : ['firefox', 'webkit'];
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const watchdog = setTimeout(async () => { console.error('FAIL: self-test over 120 s'); await closeAll(); process.exit(1); }, 120000);
watchdog.unref();

async function until(b, pred, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const p = await b.eval(W.probe);
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
  } finally {
    await b.close();
  }
}
console.log(missed ? `FAIL: ${missed} wrong page(s) passed a check` : 'every check caught its wrong page');
await closeAll();
process.exit(missed ? 1 : 0);
