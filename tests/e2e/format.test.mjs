// The widget formats numbers itself (www/widget.js, formatNumber) instead of
// with Intl.NumberFormat, for speed. This checks it writes what Intl writes,
// for both languages and every kind of option the widget uses, on 20,000+
// values (seeded), including the halfway cases binary floats get wrong.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const src = readFileSync(new URL('../../www/widget.js', import.meta.url), 'utf8');
const code = src.slice(src.indexOf('const SEPARATORS'), src.indexOf('const fmtCache'));
const formatNumber = new Function(`${code}; return formatNumber;`)();

const OPTIONS = [
  { minimumFractionDigits: 1, maximumFractionDigits: 1 },
  { minimumFractionDigits: 0, maximumFractionDigits: 0 },
  { maximumFractionDigits: 0 },
  { maximumFractionDigits: 2 },
  {},
  { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 },
  { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 0 },
  { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false },
  { maximumFractionDigits: 2, useGrouping: false },
];

function values() {
  let s = 42;
  const rnd = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const out = [0, 1, 1.005, 2.675, 71.1, 130, 24517, 1917.4, 0.12834, 0.1283, -0.003, 0.0005, 12345678.9, 999.95, 0.125, 1.45, -2.5, 8.345, 4.4e-7, 1e14];
  for (let i = 0; i < 10000; i++) out.push((rnd() - 0.3) * 10 ** Math.floor(rnd() * 12 - 4));
  for (let i = 0; i < 10000; i++) out.push(Math.round(rnd() * 1e6) / 1000 - 100); // many exact halves
  return out;
}

test('formatNumber writes what Intl.NumberFormat writes (vi-VN, en-US)', () => {
  let n = 0;
  for (const locale of ['vi-VN', 'en-US']) {
    for (const o of OPTIONS) {
      for (const v of values()) {
        let want = new Intl.NumberFormat(locale, o).format(v);
        // Deliberate difference: a value that rounds to zero shows no minus sign.
        if (/^-0([.,]0*)?%?$/.test(want)) want = want.slice(1);
        assert.equal(formatNumber(v, locale, o), want, `${locale} ${JSON.stringify(o)} ${v}`);
        n++;
      }
    }
  }
  assert.ok(n > 300000);
});

test('formatNumber: the house figures', () => {
  assert.equal(formatNumber(71.1, 'vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }), '71,1');
  assert.equal(formatNumber(0.12834, 'vi-VN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }), '12,8%');
  assert.equal(formatNumber(24517, 'vi-VN', { maximumFractionDigits: 0 }), '24.517');
  assert.equal(formatNumber(24517, 'en-US', { maximumFractionDigits: 0 }), '24,517');
  assert.equal(formatNumber(-0.0004, 'vi-VN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }), '0,0%');
  assert.equal(formatNumber(Infinity, 'vi-VN', {}), '∞');
});

test('nf: the texts it remembers are the texts formatNumber writes', () => {
  const code2 = src.slice(src.indexOf('const SEPARATORS'), src.indexOf('function isWasmTrap'));
  const { nf, fmt } = new Function(`${code2}; return { nf, fmt: formatNumber };`)();
  const opts = [OPTIONS[0], OPTIONS[5], OPTIONS[2]];
  const vs = values().slice(0, 3000);
  // Twice through (the second time from memory), with the memory filling
  // and clearing (more than 512 values), and 0 / −0 / NaN / ±∞.
  for (const locale of ['vi-VN', 'en-US']) {
    for (const o of opts) {
      const f = nf(locale, o);
      assert.equal(nf(locale, { ...o }), f, 'one format per locale and options');
      for (const v of [...vs, ...vs, 0, -0, -0.00001, NaN, Infinity, -Infinity, 0.5, 0.5]) {
        assert.equal(f.format(v), fmt(v, locale, o), `${locale} ${JSON.stringify(o)} ${v}`);
      }
    }
  }
  assert.notEqual(nf('vi-VN', OPTIONS[0]).format(0.5), nf('en-US', OPTIONS[0]).format(0.5));
});
