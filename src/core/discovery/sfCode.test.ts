import { describe, expect, it } from 'vitest';
import { tokenize } from '../features.ts';
import { categoryColumn, type Table } from '../table.ts';
import { compileSfs } from '../slicing/compile.ts';
import { runSfSource } from '../slicing/run.ts';
import { discoverSlices, sliceRows, sliceToSf, takenNames, type FoundSlice, type Predicate } from './index.ts';
import { TOKEN_PATTERN_SOURCE } from './sfCode.ts';
import { describeSlice } from './describe.ts';

const DAY = 86_400_000;
// Every column kind, missing values in each, and names and values that need escaping.
const table: Table = {
  source: 'test:kinds',
  rowCount: 8,
  columns: [
    { name: 'x', kind: 'number', values: Float64Array.from([0.1, 0.25, NaN, 0.3, -0.5, 0.2, 0.25, 1e-7]) },
    { name: 'my col', kind: 'integer', values: Float64Array.from([1, 2, 3, NaN, 1, 2, 3, 1]) },
    { name: 'ok', kind: 'boolean', values: Float64Array.from([1, 0, NaN, 1, 1, 0, 1, NaN]) },
    { name: 'when', kind: 'date', values: Float64Array.from([0, DAY, 2 * DAY, NaN, 0, DAY, 2 * DAY, 3 * DAY]) },
    categoryColumn('kind "q"', ['a"b', 'c*/d', '', 'a"b', 'line\nbreak', 'c*/d', 'a"b', '']),
    { name: 'text', kind: 'text', values: ["Don't stop", 'FREE money', '', 'café naïve', 'free-ish', "don't", 'x', 'Free'] },
  ],
};
const allRows = Int32Array.from({ length: 8 }, (_, r) => r);

const predicates: Predicate[] = [
  { kind: 'range', column: 'x', columnKind: 'number', lo: 0.2, hi: 0.3 },
  { kind: 'range', column: 'x', columnKind: 'number', lo: null, hi: 0.2 },
  { kind: 'range', column: 'x', columnKind: 'number', lo: 0.25, hi: null },
  { kind: 'missing', column: 'x', columnKind: 'number' },
  { kind: 'equals', column: 'my col', columnKind: 'integer', value: 2 },
  { kind: 'missing', column: 'my col', columnKind: 'integer' },
  { kind: 'equals', column: 'ok', columnKind: 'boolean', value: true },
  { kind: 'equals', column: 'ok', columnKind: 'boolean', value: false },
  { kind: 'missing', column: 'ok', columnKind: 'boolean' },
  { kind: 'range', column: 'when', columnKind: 'date', lo: DAY, hi: 3 * DAY },
  { kind: 'equals', column: 'when', columnKind: 'date', value: 0 },
  { kind: 'missing', column: 'when', columnKind: 'date' },
  { kind: 'equals', column: 'kind "q"', columnKind: 'category', value: 'a"b' },
  { kind: 'equals', column: 'kind "q"', columnKind: 'category', value: 'c*/d' },
  { kind: 'equals', column: 'kind "q"', columnKind: 'category', value: 'line\nbreak' },
  { kind: 'missing', column: 'kind "q"', columnKind: 'category' },
  { kind: 'token', column: 'text', token: 'free' },
  { kind: 'token', column: 'text', token: "don't" },
  { kind: 'token', column: 'text', token: 'café' },
  { kind: 'missing', column: 'text', columnKind: 'text' },
];

function found(ps: Predicate[]): FoundSlice {
  const size = sliceRows(table, allRows, ps).length;
  return {
    predicates: ps,
    description: describeSlice(ps),
    size,
    errors: 1,
    error: 1 / Math.max(1, size),
    errorCi: [0.1, 0.9],
    lift: 2,
    score: 1,
  };
}

describe('sliceToSf', () => {
  it('compiles with the SF compiler and selects exactly the slice rows, for every predicate kind', () => {
    const taken = new Set<string>();
    const sfs = predicates.map((p) => sliceToSf(found([p]), 0.25, taken));
    const source = sfs.map((s) => s.code).join('\n');
    const compiled = compileSfs(source);
    expect(compiled.ok).toBe(true);
    const applied = runSfSource(table, source);
    if (!applied.ok) throw new Error(JSON.stringify(applied.errors));
    predicates.forEach((p, i) => {
      const mask = applied.slices[i]!.mask;
      const fromSf = allRows.filter((r) => mask[r] === 1);
      expect([...fromSf], describeSlice([p])).toEqual([...sliceRows(table, allRows, [p])]);
    });
    // Spot checks by hand: 0.2 <= x < 0.3 is rows 1, 5, 6; tokens as the featuriser sees them.
    expect([...sliceRows(table, allRows, [predicates[0]!])]).toEqual([1, 5, 6]);
    expect([...sliceRows(table, allRows, [predicates[16]!])]).toEqual([1, 4, 7]);
    expect([...sliceRows(table, allRows, [predicates[17]!])]).toEqual([0, 5]);
  });

  it('joins predicates with &&, names by columns, unique against every name in the file', () => {
    const source = 'const weak_x_my_col = 1;\nexport const weak_x_my_col_2 = (row: Row) => row.x > weak_x_my_col;\n';
    const taken = takenNames(source);
    const slice = found([predicates[0]!, predicates[4]!]);
    const { name, code } = sliceToSf(slice, 0.25, taken);
    expect(name).toBe('weak_x_my_col_3');
    expect(code).toContain('row.x >= 0.2 && row.x < 0.3 && row["my col"] === 2');
    expect(code).toContain(`${slice.size} rows, error`);
    const applied = runSfSource(table, source + code);
    if (!applied.ok) throw new Error(JSON.stringify(applied.errors));
    const mask = applied.slices.find((s) => s.name === name)!.mask;
    expect(allRows.filter((r) => mask[r] === 1)).toEqual(sliceRows(table, allRows, slice.predicates));
  });

  it('keeps a description with */ from ending the doc comment', () => {
    const { code } = sliceToSf(found([predicates[13]!]), 0.25, new Set());
    expect(code).toContain('c*\\/d');
    expect(compileSfs(code).ok).toBe(true);
  });

  it('uses the featuriser tokeniser', () => {
    const pattern = new RegExp(TOKEN_PATTERN_SOURCE.slice(1, -3), 'gu');
    for (const text of ["Don't STOP", 'café-naïve 12', 'a’b c', ''])
      expect(text.toLowerCase().match(pattern) ?? []).toEqual(tokenize(text));
  });

  it('turns every slice discovery finds into an SF holding the same rows', () => {
    const errors = Uint8Array.from([1, 1, 0, 0, 1, 0, 0, 1]);
    const result = discoverSlices({
      table,
      rows: allRows,
      errors,
      columns: table.columns.map((c) => c.name),
      options: { minSupport: 1, alpha: 0.99, maxSlices: 20, bins: 2, distinct: false },
    });
    expect(result.slices.length).toBeGreaterThan(3);
    const taken = new Set<string>();
    const sfs = result.slices.map((s) => sliceToSf(s, result.overallError, taken));
    const applied = runSfSource(table, sfs.map((s) => s.code).join('\n'));
    if (!applied.ok) throw new Error(JSON.stringify(applied.errors));
    result.slices.forEach((s, i) => {
      expect(applied.slices[i]!.count).toBe(s.size);
      expect(allRows.filter((r) => applied.slices[i]!.mask[r] === 1)).toEqual(sliceRows(table, allRows, s.predicates));
    });
  });
});
