import { describe, expect, it } from 'vitest';
import { featureNames, featurize, fitFeaturizer, MISSING_LEVEL, OTHER_LEVEL, tokenize, type FeaturizerSpec } from './features.ts';
import { categoryColumn, type Table } from './table.ts';

// Rows 0-3 are train, rows 4-5 are not: the fit must ignore them.
const table: Table = {
  source: 'data.csv',
  rowCount: 6,
  columns: [
    { name: 'age', kind: 'number', values: Float64Array.from([10, 20, NaN, 30, 1000, 5]) },
    categoryColumn('plan', ['pro', 'basic', 'pro', 'basic', 'pro', 'gold']),
    categoryColumn('region', ['n', 's', 'n', 'e', '', 'w']),
    {
      name: 'note',
      kind: 'text',
      values: ['Slow app, slow support', 'app is great', '', "Don't like the APP", 'slow slow slow zebra', 'zebra'],
    },
  ],
};
const train = Int32Array.from([0, 1, 2, 3]);

describe('featurizer', () => {
  const spec = fitFeaturizer(table, ['age', 'plan', 'region', 'note'], train);
  const std = Math.sqrt(200 / 3);

  it('is fitted on train rows only', () => {
    // age: train values 10, 20, 30 and one missing: mean 20, population std sqrt(200/3), an indicator dim.
    expect(spec.columns[0]).toEqual({ kind: 'number', column: 'age', mean: 20, std, missing: true });
    // plan: basic x2, pro x2 in train ('gold' only outside train); no missing cell in train.
    expect(spec.columns[1]).toEqual({ kind: 'category', column: 'plan', levels: ['basic', 'pro'] });
    // region: only 'n' is seen twice; its missing cell is outside train, so no missing dim.
    expect(spec.columns[2]).toEqual({ kind: 'category', column: 'region', levels: ['n'] });
    // note: document frequencies in train: app 3, every other word and pair 1. 'zebra' not in train.
    expect(spec.columns[3]).toEqual({ kind: 'text', column: 'note', vocabulary: ['app'], idf: [Math.log(5 / 4) + 1] });
    expect(spec.version).toBe(2);
    expect(spec.dim).toBe(2 + 3 + 2 + 1);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });

  it('names its dims', () => {
    expect(featureNames(spec)).toEqual([
      'age',
      'age:missing',
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
    expect(dim).toBe(8);
    const row = (r: number) => Array.from(x.subarray(r * dim, (r + 1) * dim));
    const close = (got: number[], want: number[]) => expect(got).toEqual(want.map((v) => Math.fround(v))); // float32
    // One vocabulary term: its tf-idf weight, L2-normalised, is 1 wherever it occurs.
    close(row(0), [-10 / std, 0, 0, 1, 0, 1, 0, 1]);
    close(row(1), [0, 0, 1, 0, 0, 0, 1, 1]);
    close(row(2), [0, 1, 0, 1, 0, 1, 0, 0]); // missing age -> 0 (the mean) and indicator 1; empty note -> 0
    close(row(3), [10 / std, 0, 1, 0, 0, 0, 1, 1]); // 'APP' lowercased
    close(row(4), [980 / std, 0, 0, 1, 0, 0, 0, 0]); // missing region, no missing dim -> all 0
    close(row(5), [-15 / std, 0, 0, 0, 1, 0, 1, 0]); // unseen 'gold' and 'w' -> other
  });

  it('text: tf-idf over words and word pairs, L2-normalised per row', () => {
    const textSpec = fitFeaturizer(table, ['note'], Int32Array.from([0, 1, 2, 3, 4, 5]));
    const f = textSpec.columns[0] as { vocabulary: string[]; idf: number[] };
    // df over 6 documents: app 3, slow 2 (rows 0, 4), zebra 2 (rows 4, 5); pairs all 1.
    expect(f.vocabulary).toEqual(['app', 'slow', 'zebra']);
    const idf = (df: number) => Math.log(7 / (1 + df)) + 1;
    expect(f.idf).toEqual([idf(3), idf(2), idf(2)]);
    const { x } = featurize(textSpec, table, Int32Array.from([4, 0]));
    const unit = (v: number[]) => v.map((w) => w / Math.hypot(...v));
    const row4 = unit([0, (1 + Math.log(3)) * idf(2), idf(2)]); // slow x3, zebra x1
    const row0 = unit([idf(3), (1 + Math.log(2)) * idf(2), 0]); // app x1, slow x2
    expect(Array.from(x)).toEqual([...row4, ...row0].map((v) => Math.fround(v)));
  });

  it('keeps the top terms by document frequency (pairs too), and std 0 becomes 1', () => {
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
    expect((s.columns[0] as { vocabulary: string[] }).vocabulary).toEqual(['common', 'common w0', 'common w1']);
    expect(s.columns[1]).toEqual({ kind: 'number', column: 'flat', mean: 3, std: 1 });
    expect(fitFeaturizer(t, ['text'], all).dim).toBe(1 + 5 + 5); // common, w0..w4, 'common w0'..'common w4'
  });

  it('tokenises Unicode letters and digits, keeping apostrophes inside words', () => {
    expect(tokenize("Café naïve, DON'T stop: 42x — Ünïcode ça-va")).toEqual([
      'café',
      'naïve',
      "don't",
      'stop',
      '42x',
      'ünïcode',
      'ça',
      'va',
    ]);
    expect(tokenize('日本語 テキスト')).toEqual(['日本語', 'テキスト']);
  });

  it('categories: rare levels grouped into other, at most maxCategoryLevels, a missing level when train has missing cells', () => {
    const values = ['a', 'a', 'a', 'b', 'b', 'c', 'c', 'd', '', ''];
    const t: Table = { source: 't', rowCount: 10, columns: [categoryColumn('k', values)] };
    const all = Int32Array.from({ length: 10 }, (_, i) => i);
    const s = fitFeaturizer(t, ['k'], all, { maxCategoryLevels: 2 });
    // d is rare (1 < 2); of a (3), b (2), c (2) the top 2 by count, ties by code point: a, b.
    expect(s.columns[0]).toEqual({ kind: 'category', column: 'k', levels: ['a', 'b'], missing: true });
    expect(featureNames(s)).toEqual(['k=a', 'k=b', `k=${OTHER_LEVEL}`, `k=${MISSING_LEVEL}`]);
    const { x } = featurize(s, t, Int32Array.from([0, 5, 7, 8]));
    expect(Array.from(x)).toEqual([1, 0, 0, 0, /* c */ 0, 0, 1, 0, /* d */ 0, 0, 1, 0, /* missing */ 0, 0, 0, 1]);
  });

  it('keeps x within its size budget: levels and terms share the dims left, most frequent kept', () => {
    const n = 200;
    const t: Table = {
      source: 'big.csv',
      rowCount: n,
      columns: [
        { name: 'a', kind: 'number', values: Float64Array.from({ length: n }, (_, i) => i) },
        categoryColumn(
          'small',
          Array.from({ length: n }, (_, i) => ['x', 'y', 'z'][i % 3] as string),
        ),
        categoryColumn(
          'big',
          Array.from({ length: n }, (_, i) => `l${i % 40}`),
        ),
        { name: 'words', kind: 'text', values: Array.from({ length: n }, (_, i) => `w${i % 50} w${(i * 7) % 50}`) },
      ],
    };
    const all = Int32Array.from({ length: n }, (_, i) => i);
    // 30 dims for 200 rows: a 1 + small (3 levels + other) + big (levels + other) + words (terms).
    const s = fitFeaturizer(t, ['a', 'small', 'big', 'words'], all, { maxInputFloats: 30 * n });
    expect(s.dim).toBeLessThanOrEqual(30);
    const [, small, big, words] = s.columns as [unknown, { levels: string[] }, { levels: string[] }, { vocabulary: string[] }];
    expect(small.levels).toEqual(['x', 'y', 'z']); // wants little: keeps all
    expect(big.levels.length + words.vocabulary.length).toBe(30 - 1 - 4 - 1);
    expect(Math.abs(big.levels.length - words.vocabulary.length)).toBeLessThanOrEqual(1); // a fair share
    // The fixed dims (a, small's other) alone over budget: refused.
    expect(() => fitFeaturizer(t, ['a', 'small'], all, { maxInputFloats: 1 * n })).toThrow(
      /^big\.csv: the chosen features need at least 2 inputs per row; for 200 rows that is 0 MB, .*choose fewer feature columns$/,
    );
  });

  it('integer, boolean and date columns are numeric features', () => {
    const t: Table = {
      source: 't',
      rowCount: 4,
      columns: [
        { name: 'n', kind: 'integer', values: Float64Array.from([1, 2, 3, 4]) },
        { name: 'b', kind: 'boolean', values: Float64Array.from([1, 0, NaN, 1]) },
        { name: 'd', kind: 'date', values: Float64Array.from([0, 86_400_000, 2 * 86_400_000, NaN]) },
      ],
    };
    const s = fitFeaturizer(t, ['n', 'b', 'd'], Int32Array.from([0, 1, 2, 3]));
    expect(s.columns.map((c) => c.kind)).toEqual(['number', 'number', 'number']);
    expect(s.columns[1]).toMatchObject({ mean: 2 / 3, missing: true });
    expect(s.columns[2]).toMatchObject({ mean: 86_400_000, missing: true });
    expect(s.dim).toBe(1 + 2 + 2);
  });

  it("applies a version 1 spec as before (log1p counts of [a-z0-9'] words, no missing dims)", () => {
    const v1: FeaturizerSpec = {
      version: 1,
      columns: [
        { kind: 'number', column: 'age', mean: 20, std: 10 },
        { kind: 'text', column: 'note', vocabulary: ['slow', 'app'] },
      ],
      dim: 3,
    };
    const { x } = featurize(v1, table, Int32Array.from([0, 2]));
    expect(Array.from(x)).toEqual([-1, Math.log1p(2), Math.log1p(1), 0, 0, 0].map((v) => Math.fround(v)));
  });

  it('reads a column whose kind changed, and names a missing one', () => {
    const other: Table = {
      source: 'new.csv',
      rowCount: 1,
      columns: [
        { name: 'age', kind: 'text', values: ['30'] },
        categoryColumn('plan', ['pro']),
        { name: 'region', kind: 'number', values: Float64Array.from([1]) },
        { name: 'note', kind: 'text', values: ['app'] },
      ],
    };
    const { x } = featurize(spec, other);
    expect(x[0]).toBeCloseTo(10 / std, 5);
    expect(() => featurize(spec, { ...other, columns: other.columns.slice(1) })).toThrow(/^new\.csv: no column named "age"/);
  });
});
