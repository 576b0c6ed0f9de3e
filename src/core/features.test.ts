import { describe, expect, it } from 'vitest';
import { featureNames, featurize, fitFeaturizer, OTHER_LEVEL } from './features.ts';
import type { Table } from './table.ts';

// Rows 0-3 are train, rows 4-5 are not: the fit must ignore them.
const table: Table = {
  source: 'data.csv',
  rowCount: 6,
  columns: [
    { name: 'age', kind: 'number', values: Float64Array.from([10, 20, NaN, 30, 1000, 5]) },
    { name: 'plan', kind: 'category', values: ['pro', 'basic', 'pro', 'basic', 'pro', 'gold'] },
    { name: 'region', kind: 'category', values: ['n', 's', 'n', 'e', '', 'w'] },
    {
      name: 'note',
      kind: 'text',
      values: ["Slow app, slow support", 'app is great', '', "Don't like the APP", 'slow slow slow zebra', 'zebra'],
    },
  ],
};
const train = Int32Array.from([0, 1, 2, 3]);

describe('featurizer', () => {
  const spec = fitFeaturizer(table, ['age', 'plan', 'region', 'note'], train);

  it('is fitted on train rows only', () => {
    // age: train values 10, 20, 30 (row 2 missing): mean 20, population std sqrt(200/3).
    expect(spec.columns[0]).toEqual({ kind: 'number', column: 'age', mean: 20, std: Math.sqrt(200 / 3) });
    // plan: basic x2, pro x2 in train ('gold' only outside train).
    expect(spec.columns[1]).toEqual({ kind: 'category', column: 'plan', levels: ['basic', 'pro'] });
    // region: only 'n' is seen twice.
    expect(spec.columns[2]).toEqual({ kind: 'category', column: 'region', levels: ['n'] });
    // note: document frequencies in train: app 3, slow 1 (twice in one row), others 1. 'zebra' not in train.
    expect(spec.columns[3]).toEqual({ kind: 'text', column: 'note', vocabulary: ['app'] });
    expect(spec.dim).toBe(1 + 3 + 2 + 1);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });

  it('names its dims', () => {
    expect(featureNames(spec)).toEqual([
      'age',
      'plan=basic',
      'plan=pro',
      `plan=${OTHER_LEVEL}`,
      'region=n',
      `region=${OTHER_LEVEL}`,
      'note:app',
    ]);
  });

  it('computes the hand-worked values', () => {
    const { x, dim } = featurize(spec, table);
    expect(dim).toBe(7);
    const row = (r: number) => Array.from(x.subarray(r * dim, (r + 1) * dim));
    const std = Math.sqrt(200 / 3);
    const close = (got: number[], want: number[]) => expect(got).toEqual(want.map((v) => Math.fround(v))); // float32
    close(row(0), [-10 / std, 0, 1, 0, 1, 0, Math.log1p(1)]);
    close(row(1), [0, 1, 0, 0, 0, 1, Math.log1p(1)]);
    close(row(2), [0, 0, 1, 0, 1, 0, 0]); // missing age -> 0 (the mean); empty note -> 0
    close(row(3), [10 / std, 1, 0, 0, 0, 1, Math.log1p(1)]); // 'APP' lowercased
    close(row(4), [980 / std, 0, 1, 0, 0, 0, 0]); // missing region -> all 0
    close(row(5), [-15 / std, 0, 0, 1, 0, 1, 0]); // unseen 'gold' and 'w' -> other
  });

  it('featurizes a subset of rows, and counts repeated tokens with log1p', () => {
    const textSpec = fitFeaturizer(table, ['note'], Int32Array.from([0, 1, 2, 3, 4, 5]));
    expect((textSpec.columns[0] as { vocabulary: string[] }).vocabulary).toEqual(['app', 'slow', 'zebra']);
    const { x } = featurize(textSpec, table, Int32Array.from([4, 0]));
    expect(Array.from(x)).toEqual(
      [0, Math.log1p(3), Math.log1p(1), Math.log1p(1), Math.log1p(2), 0].map((v) => Math.fround(v)),
    );
  });

  it('keeps the top tokens by document frequency, and std 0 becomes 1', () => {
    const docs = Array.from({ length: 20 }, (_, i) => `common w${i % 5} rare${i}`);
    const t: Table = {
      source: 't',
      rowCount: 20,
      columns: [
        { name: 'text', kind: 'text', values: docs },
        { name: 'flat', kind: 'number', values: new Float64Array(20).fill(3) },
      ],
    };
    const all = Int32Array.from({ length: 20 }, (_, i) => i);
    const s = fitFeaturizer(t, ['text', 'flat'], all, { maxVocabulary: 3 });
    expect(s.columns[0]).toEqual({ kind: 'text', column: 'text', vocabulary: ['common', 'w0', 'w1'] });
    expect(s.columns[1]).toEqual({ kind: 'number', column: 'flat', mean: 3, std: 1 });
  });

  it('reads a column whose kind changed, and names a missing one', () => {
    const other: Table = {
      source: 'new.csv',
      rowCount: 1,
      columns: [
        { name: 'age', kind: 'text', values: ['30'] },
        { name: 'plan', kind: 'category', values: ['pro'] },
        { name: 'region', kind: 'number', values: Float64Array.from([1]) },
        { name: 'note', kind: 'text', values: ['app'] },
      ],
    };
    const { x } = featurize(spec, other);
    expect(x[0]).toBeCloseTo(10 / Math.sqrt(200 / 3), 5);
    expect(() => featurize(spec, { ...other, columns: other.columns.slice(1) })).toThrow(
      /^new\.csv: no column named "age"/,
    );
  });
});
