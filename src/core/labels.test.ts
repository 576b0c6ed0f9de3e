import { describe, expect, it } from 'vitest';
import { encodeLabels } from './labels.ts';
import { DataError } from './data/errors.ts';
import { categoryColumn, type Column, type Table } from './table.ts';

const table = (...columns: Column[]): Table => ({
  source: 'data.csv',
  rowCount: columns[0] ? (columns[0].kind === 'category' ? columns[0].codes.length : columns[0].values.length) : 0,
  columns,
});
const nums = (name: string, v: number[]): Column => ({ name, kind: 'number', values: Float64Array.from(v) });
const cats = (name: string, v: string[]): Column => categoryColumn(name, v);

describe('encodeLabels', () => {
  it('numeric labels: classes sorted numerically, as strings', () => {
    const { y, classes } = encodeLabels(table(nums('label', [1, 0, 10, 2, 0])), 'label');
    expect(classes).toEqual(['0', '1', '2', '10']);
    expect(Array.from(y)).toEqual([1, 0, 3, 2, 0]);
  });

  it('string labels: sorted, so no/yes gives yes = 1', () => {
    const { y, classes } = encodeLabels(table(cats('churned', ['yes', 'no', 'no', 'yes'])), 'churned');
    expect(classes).toEqual(['no', 'yes']);
    expect(Array.from(y)).toEqual([1, 0, 0, 1]);
  });

  it('multiclass', () => {
    const { y, classes } = encodeLabels(table(cats('kind', ['cat', 'dog', 'bird', 'dog'])), 'kind');
    expect(classes).toEqual(['bird', 'cat', 'dog']);
    expect(Array.from(y)).toEqual([1, 2, 0, 2]);
  });

  it('a missing label names the row', () => {
    expect(() => encodeLabels(table(cats('y', ['a', 'b', '', 'a'])), 'y')).toThrow(
      /^data\.csv: the label column "y" has no value in row 3 /,
    );
    try {
      encodeLabels(table(nums('y', [0, 1, NaN])), 'y');
    } catch (e) {
      expect(e).toBeInstanceOf(DataError);
      expect(e).toMatchObject({ row: 3, file: 'data.csv' });
    }
    expect.assertions(3);
  });

  it('a single class, too many classes', () => {
    expect(() => encodeLabels(table(nums('label', [1, 1, 1])), 'label')).toThrow(
      'data.csv: the label column "label" has a single class ("1"); a classifier needs at least two',
    );
    expect(() =>
      encodeLabels(
        table(
          nums(
            'income',
            Array.from({ length: 500 }, (_, i) => i),
          ),
        ),
        'income',
      ),
    ).toThrow(/has 500 distinct values/);
  });
});
