// Assemble dist/ from the wasm-bindgen outputs and www/.
//   dist/embed.js          one classic script: wasm (base64), glue, CSS, widget
//   dist/grdp-whatif.html  one self-contained offline file (embed.js inlined)
//   dist/index.html        the served page (loads embed.js; works under a strict CSP)
//   dist/grdp_whatif.js + grdp_whatif_bg.wasm   the ES-module API for developers
//   dist/lang-son.json     the default dataset, as a template for other provinces
//   dist/studio.html       the studio: a newsroom makes its own widget (offline, one file)
import { readFileSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';

const read = (p) => readFileSync(p, 'utf8');
const version = read('Cargo.toml').match(/^version = "([^"]+)"/m)[1];
mkdirSync('dist', { recursive: true });

const wasm = readFileSync('target/wb-nomod/grdp_whatif_bg.wasm');
// The glue's JSON.parse (the presentation crosses as JSON text) is the one
// captured when the script runs, not the page's at each call: a host that
// replaces JSON.parse later changes nothing the widget shows.
const rawGlue = read('target/wb-nomod/grdp_whatif.js');
const glue = rawGlue.replace(/\bJSON\.parse\(/g, 'JSON_PARSE(');
if (glue === rawGlue) throw new Error('the glue no longer calls JSON.parse: check the capture in build.mjs');
// The widget's files, in the order they depend on each other. Each is an ES
// module (node tests import them); joined here into one function scope,
// their import lines and export keywords are dropped.
function joinModules(files) {
  return files.map((file) => {
    const text = read(file)
      .replace(/^import [^;]*;\n/gm, '')
      .replace(/^export (const|function|class|async function) /gm, '$1 ');
    if (/^\s*(import|export)\b/m.test(text)) throw new Error(`${file}: an import or export the build cannot join`);
    return `// ---- ${file}\n${text}`;
  }).join('\n');
}
const PARTS = ['words', 'dom', 'load', 'state', 'controls', 'chart', 'element'];
const widget = joinModules(PARTS.map((name) => `www/src/${name}.js`));
const css = read('www/widget.css');

// The glue declares `let wasm_bindgen = (...)` at top level: wrapped in a
// function it becomes local, and calling createWasm() twice gives two
// independent instances (each widget gets its own memory).
const source = `(function () {
"use strict";
const WASM_B64 = "__WASM_B64__";
const JSON_PARSE = JSON.parse.bind(JSON);
const CSS_TEXT = ${JSON.stringify(css)};
function createWasm() {
${glue}
return wasm_bindgen;
}
${widget}
})();
`;
const { minify } = await import('terser');
// GRDP_PROFILE=1 keeps function names (for reading a browser profile).
const profiling = process.env.GRDP_PROFILE === '1';
const min = await minify(source, { ecma: 2020, compress: profiling ? false : { passes: 2 }, mangle: !profiling, format: { comments: false } });
if (!min.code || !min.code.includes('"__WASM_B64__"')) throw new Error('minify lost the wasm placeholder');
// Zopfli writes standard gzip ≈ 5 % smaller than zlib -9; DecompressionStream reads it.
const { gzipAsync } = await import('@gfx/zopfli');
const wasmGz = Buffer.from(await gzipAsync(wasm, { numiterations: 15 }));
const embed = `/*! grdp-whatif ${version} | MIT | the <grdp-whatif> element and globalThis.GrdpWhatIf */\n`
  + min.code.replace('"__WASM_B64__"', () => `"${wasmGz.toString('base64')}"`) + '\n';
writeFileSync('dist/embed.js', embed);

const page = read('www/index.html');
const inline = embed.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
// The offline file carries its own CSP: its one script and one style are
// allowed by hash, and nothing may be fetched at all.
const sha = (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
const scriptBody = `\n${inline}`;
const styleBody = `\n${read('www/page.css')}`;
// The widget's own CSS by hash too: a browser without constructed style
// sheets (Safari before 16.4) gets it as a <style> in the shadow root.
const csp = `default-src 'none'; script-src ${sha(scriptBody)} 'wasm-unsafe-eval'; style-src ${sha(styleBody)} ${sha(css)}; img-src data: blob:; base-uri 'none'; form-action 'none'`;
const single = page
  .replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`)
  .replace('<link rel="stylesheet" href="page.css">', () => `<style>${styleBody}</style>`)
  .replace('<script src="embed.js" defer></script>', () => `<script>${scriptBody}</script>`);
if (single === page || single.includes('src="embed.js"')) throw new Error('www/index.html lacks the embed.js or page.css markers');
writeFileSync('dist/grdp-whatif.html', single);

// dist/studio.html: the studio, one file that works from file:// offline.
// It carries the widget's embed.js as its preview (the same script the
// single file runs: the exported file is that page with a dataset inside,
// under the same CSP) and its own engine (the full API) for the form.
{
  const [head, tail, ...rest] = single.split(scriptBody);
  if (rest.length || head + scriptBody + tail !== single) throw new Error('the single file does not split around its script');
  const studioWasm = readFileSync('target/wb-studio/grdp_whatif_bg.wasm');
  const studioGlue = read('target/wb-studio/grdp_whatif.js');
  // The studio's own files, after the widget's DOM helpers it shares.
  const studioJs = joinModules(['www/src/dom.js', ...['words', 'model', 'ui'].map((name) => `www/studio/${name}.js`)]);
  const studioSource = `(function () {
"use strict";
const STUDIO_WASM_B64 = "__WASM_B64__";
const SINGLE_PAGE = ${JSON.stringify({ head, tail })};
function createStudioWasm() {
${studioGlue}
return wasm_bindgen;
}
${studioJs}
})();
`;
  const smin = await minify(studioSource, { ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  if (!smin.code || !smin.code.includes('"__WASM_B64__"')) throw new Error('minify lost the studio wasm placeholder');
  const studioGz = Buffer.from(await gzipAsync(studioWasm, { numiterations: 5 }));
  const studioScript = `\n${smin.code.replace('"__WASM_B64__"', () => `"${studioGz.toString('base64')}"`).replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--')}\n`;
  const studioCss = `\n${read('www/studio/studio.css')}`;
  const studioCsp = `default-src 'none'; script-src ${sha(scriptBody)} ${sha(studioScript)} 'wasm-unsafe-eval'; style-src ${sha(studioCss)} ${sha(css)}; img-src data: blob:; base-uri 'none'; form-action 'none'`;
  const tpl = read('www/studio/studio.html');
  const studio = tpl
    .replace('__CSP__', () => studioCsp)
    .replace('<style>__CSS__</style>', () => `<style>${studioCss}</style>`)
    .replace('<script id="gw-embed">__EMBED__</script>', () => `<script id="gw-embed">${scriptBody}</script>`)
    .replace('<script>__STUDIO__</script>', () => `<script>${studioScript}</script>`);
  if (/__(CSP|CSS|EMBED|STUDIO)__/.test(studio)) throw new Error('www/studio/studio.html: a placeholder was not filled');
  writeFileSync('dist/studio.html', studio);
}
writeFileSync('dist/index.html', page);
copyFileSync('www/page.css', 'dist/page.css');
copyFileSync('www/embed-example.html', 'dist/embed-example.html');
copyFileSync('www/iframe-example.html', 'dist/iframe-example.html');
copyFileSync('target/wb-web/grdp_whatif.js', 'dist/grdp_whatif.js');
copyFileSync('target/wb-web/grdp_whatif.d.ts', 'dist/grdp_whatif.d.ts');
copyFileSync('target/wb-web/grdp_whatif_bg.wasm', 'dist/grdp_whatif_bg.wasm');
copyFileSync('data/lang-son.json', 'dist/lang-son.json');
// Which compiler built the wasm (the benchmark quotes it).
writeFileSync('dist/build-info.json', JSON.stringify({ version, wasm: process.env.GRDP_BUILT_WITH || 'unknown' }, null, 1) + '\n');

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const f of ['dist/grdp_whatif_bg.wasm', 'dist/embed.js', 'dist/grdp-whatif.html', 'dist/studio.html']) {
  const b = readFileSync(f);
  console.log(`${f.padEnd(28)} ${kb(b.length).padStart(10)} raw ${kb(gzipSync(b, { level: 9 }).length).padStart(10)} gzip`);
}
