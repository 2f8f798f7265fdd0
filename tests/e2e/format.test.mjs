// The engine writes every number the widget shows (src/format.rs), in
// vi-VN and en-US, as Intl.NumberFormat does. This checks the engine's
// formatNumber (the same code the readouts use) against Intl, for both
// languages and every kind of style the widget uses, on 20,000+ values
// (seeded), including the halfway cases binary floats get wrong.
import test from 'node:test';
import assert from 'node:assert/strict';
import { engine } from './engine.mjs';

const { formatNumber } = await engine();

// [min, max, percent, grouping] as the engine takes them, and the Intl options.
const STYLES = [
  [1, 1, false, true], [0, 0, false, true], [0, 2, false, true], [0, 6, false, true],
  [1, 1, true, true], [0, 0, true, true], [2, 2, true, true], [2, 2, false, false], [0, 2, false, false],
];
const intl = ([min, max, pct, grp]) => ({ minimumFractionDigits: min, maximumFractionDigits: max, style: pct ? 'percent' : 'decimal', useGrouping: grp });

function values() {
  let s = 42;
  const rnd = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const out = [0, 1, 1.005, 2.675, 71.1, 130, 24517, 1917.4, 0.12834, 0.1283, -0.003, 0.0005, 12345678.9, 999.95, 0.125, 1.45, -2.5, 8.345, 4.4e-7, 1e14, 226.64999999999998];
  for (let i = 0; i < 10000; i++) out.push((rnd() - 0.3) * 10 ** Math.floor(rnd() * 12 - 4));
  for (let i = 0; i < 10000; i++) out.push(Math.round(rnd() * 1e6) / 1000 - 100); // many exact halves
  return out;
}

test('the engine writes numbers as Intl.NumberFormat does (vi-VN, en-US)', () => {
  let n = 0;
  for (const [lang, locale] of [['vi', 'vi-VN'], ['en', 'en-US']]) {
    for (const st of STYLES) {
      const f = new Intl.NumberFormat(locale, intl(st));
      for (const v of values()) {
        let want = f.format(v);
        // Deliberate difference: a value that rounds to zero shows no minus sign.
        if (/^-0([.,]0*)?%?$/.test(want)) want = want.slice(1);
        assert.equal(formatNumber(v, lang, ...st), want, `${locale} ${JSON.stringify(st)} ${v}`);
        n++;
      }
    }
  }
  assert.ok(n > 300000);
});

test('the house figures', () => {
  assert.equal(formatNumber(71.1, 'vi', 1, 1, false, true), '71,1');
  assert.equal(formatNumber(0.12834, 'vi', 1, 1, true, true), '12,8%');
  assert.equal(formatNumber(24517, 'vi', 0, 0, false, true), '24.517');
  assert.equal(formatNumber(24517, 'en', 0, 0, false, true), '24,517');
  assert.equal(formatNumber(-0.0004, 'vi', 1, 1, true, true), '0,0%');
  assert.equal(formatNumber(Infinity, 'vi', 0, 0, false, true), '∞');
});

test('decimals outside 0–20 or not whole are refused, as Intl refuses them (a RangeError there), not printed with 20 decimals', () => {
  for (const [lo, hi] of [[-1, -1], [0, 21], [1.5, 2], [NaN, 1]]) {
    assert.throws(() => formatNumber(1.5, 'vi', lo, hi), (e) => /FractionDigits/.test(e.field) && /0/.test(e.message), `${lo}, ${hi}`);
    if (Number.isInteger(lo)) assert.throws(() => new Intl.NumberFormat('vi-VN', { minimumFractionDigits: lo, maximumFractionDigits: hi }).format(1.5), RangeError);
  }
  assert.equal(formatNumber(1.5, 'vi', 0, 20, false, true), new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 20 }).format(1.5));
});
