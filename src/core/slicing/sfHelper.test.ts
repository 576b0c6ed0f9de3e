import { describe, expect, it } from 'vitest';
import { runSfSource } from './run.ts';
import { spamTable } from '../../../test/tables.ts';

function counts(source: string): [string, number][] {
  const result = runSfSource(spamTable(), source);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.slices.map((s) => [s.name, s.count]);
}

function errorOf(source: string): string {
  const result = runSfSource(spamTable(), source);
  if (result.ok) throw new Error('expected an error');
  return result.errors.map((e) => e.message).join(' | ');
}

describe('sf(): resources and preprocessors (Snorkel resources= / pre=)', () => {
  it('passes resources as the second argument', () => {
    // "please"/"plz" (case-insensitive after pre): rows 1 and 2.
    expect(
      counts(`const lowercase = (row: Row) => ({ text: row.text.toLowerCase() });
export const has_kw = sf({ resources: { words: ['please', 'plz'] }, pre: [lowercase] }, (row, { words }) => words.some((w) => row.text.includes(w)));
export const raw_kw = sf({ resources: { words: ['Please'] } }, (row, { words }) => words.some((w) => row.text.includes(w)));
`),
    ).toEqual([
      ['has_kw', 2],
      ['raw_kw', 1],
    ]);
  });

  it('lays preprocessor fields over the row, in order; other columns stay readable', () => {
    // words: split on spaces; score 2 and 10 are > 1 (NaN is not); long = 9 or 10 words.
    expect(
      counts(`const words = (row: Row) => ({ words: row.text.split(' ') });
const count = (row: Row & { words: string[] }) => ({ n: row.words.length });
export const long_and_scored = sf({ pre: [words, count as (row: Row) => object] }, (row) => (row as any).n >= 9 && row.score > 1);
export const plain = sf({}, (row) => row.score > 1);
`),
    ).toEqual([
      ['long_and_scored', 1],
      ['plain', 3],
    ]);
  });

  it('freezes resources, so an SF cannot change what it or others see next', () => {
    expect(
      errorOf(
        `export const mutates = sf({ resources: { seen: [] as number[] } }, (row, { seen }) => { (seen as number[]).push(1); return true; });`,
      ),
    ).toMatch(/SF "mutates" threw at row 0: .*(not extensible|read.only|Cannot add property)/);
  });

  it('says what is wrong with its options', () => {
    expect(errorOf('export const a = sf({ name: "x" } as any, (row) => true);')).toMatch(
      /unknown option "name" \(the slice is named by its export/,
    );
    expect(errorOf('export const a = sf((row: Row) => true, undefined as any);')).toMatch(/options must be an object/);
    expect(errorOf('export const a = sf({ pre: [1] } as any, (row) => true);')).toMatch(/pre must be an array of preprocessors/);
    expect(errorOf('export const a = sf({ resources: {} }, undefined as any);')).toMatch(/second argument must be the slicing function/);
    expect(errorOf('export const a = sf({ pre: [(row: Row) => 3 as any] }, (row) => true);')).toMatch(
      /SF "a" threw at row 0: preprocessor 1 \(anonymous\) returned number; a preprocessor returns an object/,
    );
  });
});
