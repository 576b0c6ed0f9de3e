import { describe, expect, it } from 'vitest';
import type { Table } from '../table.ts';
import { HISTOGRAM_BINS, TEXT_SAMPLE, TOP_LEVELS, summarizeColumn, summarizeColumns } from './summary.ts';
import type { BooleanSummary, CategorySummary, ColumnSummary, NumericSummary, TextSummary } from './summary.ts';

type Of<K> = K extends 'boolean'
  ? BooleanSummary
  : K extends 'category'
    ? CategorySummary
    : K extends 'text'
      ? TextSummary
      : NumericSummary;

function only<K extends ColumnSummary['kind']>(s: ColumnSummary, kind: K): Of<K> {
  if (s.kind !== kind) throw new Error(`expected ${kind}, got ${s.kind}`);
  return s as Of<K>;
}

describe('summarizeColumn', () => {
  it('numbers: missing, min/max/mean and equal-width bins holding every value (max in the last bin)', () => {
    const values = Float64Array.from([0, 1, 2, 3, NaN, 10, 9.99, 5, NaN]);
    const s = only(summarizeColumn({ name: 'x', kind: 'number', values }, values.length), 'number');
    expect(s.missing).toBe(2);
    expect(s.min).toBe(0);
    expect(s.max).toBe(10);
    expect(s.mean).toBeCloseTo((0 + 1 + 2 + 3 + 10 + 9.99 + 5) / 7, 12);
    const h = s.histogram!;
    expect(h.counts).toHaveLength(HISTOGRAM_BINS);
    expect(h.width).toBeCloseTo(0.5, 12);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(7);
    expect(h.counts[0]).toBe(1); // 0
    expect(h.counts[2]).toBe(1); // 1
    expect(h.counts[10]).toBe(1); // 5
    expect(h.counts[19]).toBe(2); // 9.99 and 10
  });

  it('integers with a narrow range get one bin per value', () => {
    const values = Float64Array.from([1, 2, 2, 3, 3, 3, 7]);
    const s = only(summarizeColumn({ name: 'n', kind: 'integer', values }, values.length), 'integer');
    expect(s.histogram!.counts).toEqual([1, 2, 3, 0, 0, 0, 1]);
    expect(s.histogram!.width).toBe(1);
  });

  it('a constant column has one bin; an all-missing column has none', () => {
    const c = only(summarizeColumn({ name: 'c', kind: 'number', values: Float64Array.from([4, 4, 4]) }, 3), 'number');
    expect(c.histogram!.counts).toEqual([3]);
    const m = only(summarizeColumn({ name: 'm', kind: 'number', values: Float64Array.from([NaN, NaN]) }, 2), 'number');
    expect(m.missing).toBe(2);
    expect(m.histogram).toBeNull();
    expect(m.mean).toBeNaN();
  });

  it('dates summarise their epoch milliseconds', () => {
    const values = Float64Array.from([Date.UTC(2020, 0, 1), NaN, Date.UTC(2021, 0, 1)]);
    const s = only(summarizeColumn({ name: 'd', kind: 'date', values }, 3), 'date');
    expect(s.min).toBe(Date.UTC(2020, 0, 1));
    expect(s.max).toBe(Date.UTC(2021, 0, 1));
    expect(s.missing).toBe(1);
  });

  it('booleans count true, false and missing', () => {
    const s = only(summarizeColumn({ name: 'b', kind: 'boolean', values: Float64Array.from([1, 0, 1, NaN, 1]) }, 5), 'boolean');
    expect([s.trueCount, s.falseCount, s.missing]).toEqual([3, 1, 1]);
  });

  it('categories: top levels by count, the rest as other, unused levels not counted as distinct', () => {
    const levels = Array.from({ length: TOP_LEVELS + 3 }, (_, k) => `L${k}`);
    // L0 once, L1 twice, ..., L(k) k+1 times; L10 unused; one missing.
    const codes: number[] = [];
    for (let k = 0; k < TOP_LEVELS + 2; k++) for (let j = 0; j <= k; j++) codes.push(k);
    codes.push(-1);
    const s = only(summarizeColumn({ name: 'c', kind: 'category', codes: Int32Array.from(codes), levels }, codes.length), 'category');
    expect(s.missing).toBe(1);
    expect(s.distinct).toBe(TOP_LEVELS + 2);
    expect(s.top).toHaveLength(TOP_LEVELS);
    expect(s.top[0]).toEqual({ value: `L${TOP_LEVELS + 1}`, count: TOP_LEVELS + 2 });
    expect(s.other).toBe(1 + 2); // L0 and L1 fell out of the top
    expect(s.top.reduce((a, t) => a + t.count, 0) + s.other + s.missing).toBe(codes.length);
  });

  it('text: lengths over non-empty cells, top words without stop words', () => {
    const values = ['Free money now', '', 'money money', 'the cat sat'];
    const s = only(summarizeColumn({ name: 't', kind: 'text', values }, values.length), 'text');
    expect(s.missing).toBe(1);
    expect(s.minLength).toBe(11);
    expect(s.maxLength).toBe(14);
    expect(s.meanLength).toBeCloseTo((14 + 11 + 11) / 3, 12);
    expect(s.topWords[0]).toEqual({ word: 'money', count: 3 });
    expect(s.topWords.map((w) => w.word)).not.toContain('the');
    expect(s.sampledRows).toBe(4);
  });

  it('text: words come from an evenly spaced sample on big columns', () => {
    const rows = TEXT_SAMPLE * 3;
    const values = Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? 'alpha' : 'beta'));
    const s = only(summarizeColumn({ name: 't', kind: 'text', values }, rows), 'text');
    expect(s.sampledRows).toBe(TEXT_SAMPLE);
    // step 3 hits only rows 0, 3, 6, ...: all 'alpha'.
    expect(s.topWords).toEqual([{ word: 'alpha', count: TEXT_SAMPLE }]);
  });
});

describe('summarizeColumns', () => {
  it('one summary per column, in order; 1M numeric rows in one pass each', () => {
    const rows = 1_000_000;
    const x = new Float64Array(rows);
    for (let i = 0; i < rows; i++) x[i] = i % 1000;
    const table: Table = {
      source: 'test',
      rowCount: rows,
      columns: [
        { name: 'x', kind: 'number', values: x },
        { name: 'c', kind: 'category', codes: new Int32Array(rows), levels: ['only'] },
      ],
    };
    const [sx, sc] = summarizeColumns(table);
    expect(sx!.name).toBe('x');
    expect(only(sx!, 'number').mean).toBeCloseTo(499.5, 9);
    expect(only(sx!, 'number').histogram!.counts.every((c) => c === rows / HISTOGRAM_BINS)).toBe(true);
    expect(only(sc!, 'category').top).toEqual([{ value: 'only', count: rows }]);
  });
});
