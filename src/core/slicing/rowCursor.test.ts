import { describe, expect, it } from 'vitest';
import { parseTable } from '../data/parse.ts';
import { rowAt } from '../table.ts';
import { rowTypeDeclaration } from './rowType.ts';
import { runSfSource } from './run.ts';

// Every kind, with a missing cell in row 2.
const table = parseTable(
  [
    'n,i,ok,day,plan,note',
    '1.5,3,true,2024-01-31,pro,"fast, friendly"',
    '-2,4,false,2023-12-01T08:30:00Z,basic,slow',
    'NA,,,,,',
    '0,5,TRUE,2024-02-29,pro,meh',
    '0.5,6,false,2024-03-01,basic,fast again',
    '7,7,true,2024-03-02,pro,ok',
  ].join('\n'),
  'kinds.csv',
);

describe('the row an SF sees', () => {
  it('has the cell() value of each kind: number, boolean | null, Date | null, string', () => {
    expect(table.columns.map((c) => c.kind)).toEqual(['number', 'integer', 'boolean', 'date', 'category', 'text']);
    const result = runSfSource(
      table,
      `
export const positive = (row: Row) => row.n > 0;
export const big_i = (row: Row) => row.i >= 5;
export const is_ok = (row: Row) => row.ok === true;
export const no_ok = (row: Row) => row.ok === null;
export const in_2024 = (row: Row) => row.day !== null && row.day.getUTCFullYear() === 2024;
export const morning = (row: Row) => row.day instanceof Date && row.day.getUTCHours() === 8;
export const pro = (row: Row) => row.plan === 'pro';
export const no_plan = (row: Row) => row.plan === '';
export const fast = (row: Row) => row.note.includes('fast');
`,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const masks = Object.fromEntries(result.slices.map((s) => [s.name, [...s.mask]]));
    expect(masks).toEqual({
      positive: [1, 0, 0, 0, 1, 1],
      big_i: [0, 0, 0, 1, 1, 1],
      is_ok: [1, 0, 0, 1, 0, 1],
      no_ok: [0, 0, 1, 0, 0, 0],
      in_2024: [1, 0, 0, 1, 1, 1],
      morning: [0, 1, 0, 0, 0, 0],
      pro: [1, 0, 0, 1, 0, 1],
      no_plan: [0, 0, 1, 0, 0, 0],
      fast: [1, 0, 0, 0, 1, 0],
    });
  });

  it('matches rowAt, and the Row type says the same', () => {
    expect(rowAt(table, 2)).toEqual({ n: NaN, i: NaN, ok: null, day: null, plan: '', note: '' });
    expect(rowAt(table, 1)).toEqual({ n: -2, i: 4, ok: false, day: new Date('2023-12-01T08:30:00Z'), plan: 'basic', note: 'slow' });
    const declaration = rowTypeDeclaration(table);
    for (const line of [
      'readonly n: number;',
      'readonly i: number;',
      'readonly ok: boolean | null;',
      'readonly day: Date | null;',
      'readonly plan: string;',
      'readonly note: string;',
    ]) {
      expect(declaration).toContain(line);
    }
  });
});
