import { describe, expect, it } from 'vitest';
import { splitRows } from './split.ts';
import { categoryColumn, type Table } from './table.ts';

const withSplit = (values: string[]): Table => ({
  source: 'data.csv',
  rowCount: values.length,
  columns: [categoryColumn('split', values)],
});
const rows = (n: number): Table => ({ source: 'data.csv', rowCount: n, columns: [] });

describe('splitRows', () => {
  it('by column: train / valid (and synonyms) / test', () => {
    const s = splitRows(withSplit(['train', 'valid', 'Test', 'validation', 'dev', ' val ', 'TRAIN']), {
      splitColumn: 'split',
      seed: 1,
    });
    expect(Array.from(s.train)).toEqual([0, 6]);
    expect(Array.from(s.valid)).toEqual([1, 3, 4, 5]);
    expect(Array.from(s.test)).toEqual([2]);
  });

  it('by column: an unknown or empty value names its row', () => {
    expect(() => splitRows(withSplit(['train', 'holdout']), { splitColumn: 'split', seed: 1 })).toThrow(
      /^data\.csv: the split column "split" has an unknown value "holdout" in row 2/,
    );
    expect(() => splitRows(withSplit(['train', 'valid', '']), { splitColumn: 'split', seed: 1 })).toThrow(/has an empty value in row 3/);
  });

  it('random: stratified by label, with the asked proportion in each class', () => {
    const n = 1000;
    const y = Int32Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 1 : 0)); // 100 positives
    const s = splitRows(rows(n), { seed: 3, validFraction: 0.2 }, y);
    expect(s.train.length + s.valid.length).toBe(n);
    expect(s.test.length).toBe(0);
    expect(s.valid.length).toBe(200);
    expect(Array.from(s.valid).filter((r) => y[r] === 1).length).toBe(20);
    const all = new Set([...s.train, ...s.valid]);
    expect(all.size).toBe(n);
    expect(Array.from(s.valid)).toEqual(Array.from(s.valid).sort((a, b) => a - b));
  });

  it('random: deterministic for a seed, different across seeds; default fraction 0.2', () => {
    const y = Int32Array.from({ length: 300 }, (_, i) => i % 3);
    const a = splitRows(rows(300), { seed: 5 }, y);
    const b = splitRows(rows(300), { seed: 5 }, y);
    const c = splitRows(rows(300), { seed: 6 }, y);
    expect(a).toEqual(b);
    expect(Array.from(a.valid)).not.toEqual(Array.from(c.valid));
    expect(a.valid.length).toBe(60);
    expect(splitRows(rows(10), { seed: 1 }).valid.length).toBe(2); // unstratified without y
  });

  it('refuses a fraction outside [0, 1)', () => {
    expect(() => splitRows(rows(10), { seed: 1, validFraction: 1 })).toThrow(/in \[0, 1\)/);
  });

  it('random with proportions: train / valid / test, stratified, normalised, deterministic', () => {
    const n = 2000;
    const y = Int32Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : i % 4 === 1 ? 2 : 0)); // 1000 / 500 / 500
    const proportions = { train: 0.7, valid: 0.15, test: 0.15 };
    const s = splitRows(rows(n), { seed: 9, proportions }, y);
    expect([s.train.length, s.valid.length, s.test.length]).toEqual([1400, 300, 300]);
    const count = (idx: Int32Array, k: number) => Array.from(idx).filter((r) => y[r] === k).length;
    expect([0, 1, 2].map((k) => count(s.test, k))).toEqual([150, 75, 75]); // each class keeps its share
    expect([0, 1, 2].map((k) => count(s.valid, k))).toEqual([150, 75, 75]);
    expect(new Set([...s.train, ...s.valid, ...s.test]).size).toBe(n);
    expect(splitRows(rows(n), { seed: 9, proportions: { train: 70, valid: 15, test: 15 } }, y)).toEqual(s);
    expect(splitRows(rows(n), { seed: 10, proportions }, y).test).not.toEqual(s.test);
    // proportions win over the older validFraction
    expect(splitRows(rows(n), { seed: 9, proportions, validFraction: 0.5 }, y)).toEqual(s);
  });

  it('refuses impossible proportions', () => {
    expect(() => splitRows(rows(10), { seed: 1, proportions: { train: 0, valid: 1 } })).toThrow(
      /^data\.csv: the split proportions must be non-negative numbers with some rows for train, got train 0, valid 1, test 0$/,
    );
    expect(() => splitRows(rows(10), { seed: 1, proportions: { train: 1, valid: -0.1 } })).toThrow(/non-negative/);
  });
});
