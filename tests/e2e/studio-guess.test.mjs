// The studio's reading of a header (www/studio/model.js, a pure module): a
// unit is never swapped for another one, and a per-person figure that the
// per-capita model cannot take is not made into GRDP per capita. These are
// the false figures a journalist's spreadsheet made ("đạt 7 USD" for tỷ USD;
// nghìn đồng read as triệu đồng).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { guess } from '../../www/studio/model.js';
import { engine } from './engine.mjs';
import { DIST } from './helpers.mjs';

test('the unit a header gives is kept, as written when the format has no name for it', () => {
  assert.deepEqual(guess('Kim ngạch xuất khẩu (tỷ USD)'), { model: 'compound', unit: { vi: 'tỷ USD', en: 'billion USD' } });
  assert.deepEqual(guess('Thu nhập bình quân (nghìn đồng/người/tháng)'), { model: 'compound', unit: { vi: 'nghìn đồng', en: 'thousand VND' } });
  assert.deepEqual(guess('Kim ngạch (triệu USD)'), { model: 'compound', unit: 'millionUsd' });
  assert.deepEqual(guess('Thu ngân sách (tỷ đồng)'), { model: 'compound', unit: 'billionVnd' });
  assert.deepEqual(guess('GRDP bình quân đầu người (triệu đồng)'), { model: 'perCapita', unit: 'millionVnd' });
  assert.deepEqual(guess('GRDP bình quân đầu người'), { model: 'perCapita', unit: 'millionVnd' });
  assert.deepEqual(guess('Số doanh nghiệp (doanh nghiệp)'), { model: 'compound', unit: { vi: 'doanh nghiệp', en: 'doanh nghiệp' } });
});

test('cells written with % make a percentage, as a (%) header does', () => {
  assert.deepEqual(guess('Tốc độ tăng GRDP', true), { model: 'rate', unit: 'percent' });
  assert.deepEqual(guess('Tốc độ tăng GRDP (%)', false), { model: 'rate', unit: 'percent' });
  assert.equal(guess('Tốc độ tăng GRDP', false).unit, null);
});

test('a dataset whose figures are too uneven to simulate is refused with the indicator named, in both languages', async () => {
  const api = await engine();
  const d = JSON.parse(readFileSync(`${DIST}/lang-son.json`, 'utf8'));
  const ind = d.indicators.find((i) => i.id === 'exports');
  // A figure typed with an extra ".000": 100 → 100.000 in a year.
  ind.history = [
    { year: 2021, value: 70, source: ind.history[0].source },
    { year: 2022, value: 80, source: ind.history[0].source },
    { year: 2023, value: 90, source: ind.history[0].source },
    { year: 2025, value: 100000, source: ind.history[0].source },
  ];
  ind.targets = [];
  delete ind.spread;
  const text = JSON.stringify(d);
  let err = null;
  try { api.loadDataset(text); } catch (e) { err = e; }
  assert.ok(err, 'refused');
  // The widget's engine reads it, and refuses that indicator as it opens it.
  const e = api.Engine.fromJson(text);
  assert.ok(e.start('grdpPerCapita'));
  let opened = null;
  try { e.start('exports'); } catch (x) { opened = x; }
  assert.ok(opened, 'exports refused');
  assert.equal(opened.vi, err.vi);
  assert.match(err.field, /^indicators\[\d+\]\.history$/);
  assert.match(err.vi, /Chỉ tiêu “[^”]+” không hiển thị được/);
  assert.match(err.vi, /gõ sai/);
  assert.match(err.en, /cannot be shown/);
  const found = api.checkDataset(text);
  assert.ok(found.some((f) => f.field === err.field), JSON.stringify(found));
});
