import { describe, expect, it } from 'vitest';
import { customersCsv } from '../../e2e/fixtures/fixtures.ts';
import { defaultConfig, prepareTrainData } from './prepare.ts';
import { generateCircles2d, circleMasks, CIRCLE_NAMES } from './data/circles2d.ts';
import { parseTable } from './data/parse.ts';
import { categoryColumn, type Table } from './table.ts';

const circles = generateCircles2d({ rows: 2000 }).table;
const customers = parseTable(customersCsv(), 'customers.csv');

describe('defaultConfig', () => {
  it('circles2d: label, split column, features f0..f63 only', () => {
    const c = defaultConfig(circles);
    expect(c.label).toBe('label');
    expect(c.splitColumn).toBe('split');
    expect(c.features).toEqual(Array.from({ length: 64 }, (_, j) => `f${j}`));
  });

  it('customers.csv: the last column is the label, every other column a feature', () => {
    expect(defaultConfig(customers)).toEqual({
      label: 'churned',
      features: ['age', 'income', 'plan', 'comment', 'region'],
    });
  });

  it('skips id-like columns; a split column must hold split names', () => {
    const t: Table = {
      source: 't',
      rowCount: 2,
      columns: [
        { name: 'customer_id', kind: 'text', values: ['a', 'b'] },
        { name: 'Target', kind: 'number', values: Float64Array.from([0, 1]) },
        categoryColumn('split', ['train', 'other']),
        { name: 'x', kind: 'number', values: Float64Array.from([1, 2]) },
      ],
    };
    expect(defaultConfig(t)).toEqual({ label: 'Target', features: ['split', 'x'] });
  });

  it('never takes a trailing split column for the label', () => {
    const t: Table = {
      source: 't',
      rowCount: 2,
      columns: [
        { name: 'x', kind: 'number', values: Float64Array.from([1, 2]) },
        categoryColumn('species', ['a', 'b']),
        categoryColumn('split', ['train', 'valid']),
      ],
    };
    expect(defaultConfig(t)).toEqual({ label: 'species', features: ['x'], splitColumn: 'split' });
  });
});

describe('prepareTrainData', () => {
  it('circles2d: split by column, features standardised on train, slices passed through', () => {
    const masks = circleMasks(circles);
    const slices = CIRCLE_NAMES.map((name, k) => ({ name, mask: masks[k] as Uint8Array }));
    const config = { ...defaultConfig(circles), seed: 1 };
    const { data, featurizer, split } = prepareTrainData(circles, config, slices);
    expect(data.dim).toBe(64);
    expect(data.x.length).toBe(2000 * 64);
    expect(data.classes).toEqual(['0', '1']);
    expect(data.trainIdx.length).toBe(1000);
    expect(data.validIdx).toEqual(split.valid);
    expect(data.validIdx[0]).toBe(1000);
    expect(data.slices).toBe(slices);
    // Standardised on train: mean ~0, std ~1 over the train rows.
    let sum = 0,
      sq = 0;
    for (const r of data.trainIdx) {
      const v = data.x[r * 64 + 3] as number;
      sum += v;
      sq += v * v;
    }
    expect(sum / 1000).toBeCloseTo(0, 4);
    expect(sq / 1000).toBeCloseTo(1, 3);
    expect(featurizer.columns).toHaveLength(64);
  });

  it('customers.csv: stratified random split, one-hot and bag of words', () => {
    const config = { ...defaultConfig(customers), seed: 3 };
    const { data, featurizer } = prepareTrainData(customers, config, []);
    expect(data.classes).toEqual(['no', 'yes']);
    expect(data.trainIdx.length + data.validIdx.length).toBe(400);
    expect(data.validIdx.length).toBe(80);
    expect(featurizer.columns.map((c) => c.kind)).toEqual(['number', 'number', 'category', 'text', 'category']);
    expect(data.dim).toBe(featurizer.dim);
    expect(data.x.length).toBe(400 * data.dim);
    expect(prepareTrainData(customers, config, []).data.validIdx).toEqual(data.validIdx);
  });

  it('holds validation rows out of train when there are no valid rows, never test rows', () => {
    const t: Table = {
      source: 't.csv',
      rowCount: 6,
      columns: [
        { name: 'x', kind: 'number', values: Float64Array.from([1, 2, 3, 4, 5, 6]) },
        { name: 'y', kind: 'number', values: Float64Array.from([0, 1, 0, 1, 0, 1]) },
        categoryColumn('split', ['train', 'train', 'train', 'train', 'test', 'test']),
      ],
    };
    const { data, split } = prepareTrainData(t, { label: 'y', features: ['x'], splitColumn: 'split', seed: 1 }, []);
    expect(data.heldOut).toBe(true);
    // One row of each class out of the 4 train rows; the test rows stay out of both.
    expect(data.validIdx.length).toBe(2);
    expect(new Set(Array.from(data.validIdx, (r) => data.y[r]))).toEqual(new Set([0, 1]));
    expect([...data.trainIdx, ...data.validIdx].sort()).toEqual([0, 1, 2, 3]);
    expect(Array.from(split.test)).toEqual([4, 5]);
    expect(Array.from(split.valid)).toEqual(Array.from(data.validIdx));
  });

  it('refuses bad configurations with clear messages', () => {
    const base = { label: 'churned', features: ['age'], seed: 1 };
    expect(() => prepareTrainData(customers, { ...base, features: [] }, [])).toThrow('customers.csv: choose at least one feature column');
    expect(() => prepareTrainData(customers, { ...base, features: ['age', 'churned'] }, [])).toThrow(
      /"churned" is the label, so it cannot also be a feature/,
    );
    expect(() => prepareTrainData(customers, { ...base, label: 'nope' }, [])).toThrow(/no column named "nope"/);
    expect(() => prepareTrainData(customers, { ...base, features: ['agee'] }, [])).toThrow(/no column named "agee"/);
  });

  it('a label column with a single class is refused, naming the column and the class', () => {
    const t = parseTable('x,verdict\n1,ok\n2,ok\n3,ok\n4,ok\n', 'one.csv');
    expect(() => prepareTrainData(t, { label: 'verdict', features: ['x'], seed: 1 }, [])).toThrow(
      'one.csv: the label column "verdict" has a single class ("ok"); a classifier needs at least two',
    );
  });

  it('random split with proportions: the test rows are kept out of train and valid', () => {
    const config = { label: 'churned', features: ['age', 'plan'], seed: 4, proportions: { train: 0.6, valid: 0.2, test: 0.2 } };
    const { data, split } = prepareTrainData(customers, config, []);
    expect(split.test.length).toBe(80);
    expect(data.validIdx).toBe(split.valid);
    expect(data.trainIdx.length).toBe(240);
    // Default: 80 / 20, no test.
    const plain = prepareTrainData(customers, { ...config, proportions: undefined }, []).split;
    expect([plain.train.length, plain.valid.length, plain.test.length]).toEqual([320, 80, 0]);
  });
});
