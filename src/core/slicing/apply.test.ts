import { describe, expect, it } from 'vitest';
import { rowAt, type Row } from '../table.ts';
import { applySfs, type ApplyResult } from './apply.ts';
import type { LoadedSf } from './compile.ts';
import { runSfSource } from './run.ts';
import { SPAM_MASKS, SPAM_SFS, spamTable } from '../../../test/tables.ts';
import type { SliceResult } from './types.ts';

function slicesOf(result: ApplyResult): SliceResult[] {
  if (!result.ok) throw new Error(`expected slices: ${JSON.stringify(result.errors)}`);
  return result.slices;
}

describe('applySfs', () => {
  it('computes the spam tutorial slices (hand-computed masks)', () => {
    const t0 = performance.now();
    const slices = slicesOf(runSfSource(spamTable(), SPAM_SFS));
    const elapsed = performance.now() - t0;
    expect(slices.map((s) => s.name)).toEqual(Object.keys(SPAM_MASKS));
    for (const slice of slices) {
      expect([...slice.mask], slice.name).toEqual(SPAM_MASKS[slice.name]);
      expect(slice.count).toBe(SPAM_MASKS[slice.name]?.filter((v) => v === 1).length);
      // each SF's own time, in ms: a share of the whole call's
      expect(slice.millis).toBeLessThanOrEqual(elapsed);
      expect(slice.mask.buffer.byteLength).toBe(6); // own buffer: transferable
    }
  });

  it('reads number, category and oddly named columns (NaN compares false)', () => {
    const slices = slicesOf(
      runSfSource(
        spamTable(),
        `
export const high_score = (row: Row) => row.score > 1;
export const is_spam = (row: Row) => row.label === 'spam';
export const flagged = (row: Row) => row['my col'] === 1;
export const missing_score = (row: Row) => Number.isNaN(row.score);
`,
      ),
    );
    expect(slices.map((s) => [s.name, [...s.mask], s.count])).toEqual([
      ['high_score', [0, 1, 0, 0, 1, 1], 3],
      ['is_spam', [1, 0, 1, 0, 1, 0], 3],
      ['flagged', [1, 0, 0, 1, 0, 1], 3],
      ['missing_score', [0, 0, 1, 0, 0, 0], 1],
    ]);
  });

  it('passes one reused row object whose fields are the current row', () => {
    const table = spamTable();
    const seen: Row[] = [];
    const objects = new Set<Row>();
    const sf: LoadedSf = {
      name: 'spy',
      fn: (row) => {
        seen.push({ ...row });
        objects.add(row);
        return false;
      },
    };
    expect(slicesOf(applySfs(table, [sf]))[0]?.count).toBe(0);
    expect(objects.size).toBe(1);
    expect(seen).toEqual(Array.from({ length: 6 }, (_, i) => rowAt(table, i)));
  });

  it('calls onStart before each SF, in order', () => {
    const events: string[] = [];
    const sfs: LoadedSf[] = ['a', 'b'].map((name) => ({
      name,
      fn: () => {
        events.push(`run ${name}`);
        return true;
      },
    }));
    applySfs({ ...spamTable(), rowCount: 1 }, sfs, { onStart: (name) => events.push(`start ${name}`) });
    expect(events).toEqual(['start a', 'run a', 'start b', 'run b']);
  });

  it('names the SF, the row and the source line when an SF throws', () => {
    const result = runSfSource(
      spamTable(),
      `export const fine = (row: Row) => true;
export function boom(row: Row): boolean {
  if (row.score > 2) {
    return (row as any).nope.x;
  }
  return false;
}
export const short_comment = (row: Row) => (row as any).body.split(' ').length < 5;
`,
    );
    expect(result).toEqual({
      ok: false,
      // The SFs that succeeded are still reported.
      slices: [{ name: 'fine', mask: Uint8Array.from([1, 1, 1, 1, 1, 1]), count: 6, millis: expect.any(Number) }],
      errors: [
        {
          kind: 'runtime',
          sf: 'boom',
          row: 4,
          line: 4,
          message: `SF "boom" threw at row 4: Cannot read properties of undefined (reading 'x')`,
        },
        {
          kind: 'runtime',
          sf: 'short_comment',
          row: 0,
          line: 8,
          message: `SF "short_comment" threw at row 0: Cannot read properties of undefined (reading 'split')`,
        },
      ],
    });
  });

  it('flags an SF that returns something other than a boolean, with the type returned', () => {
    const result = runSfSource(
      spamTable(),
      `export const score = (row: Row) => row.score > 0 ? true : (row.score as unknown as boolean);
export function forgot(row: Row) {
  row.score > 1;
}
export const word = (row: Row) => (row.text || 'empty') as unknown as boolean;
export const later = async (row: Row) => true;
`,
    );
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.map((e) => [e.kind, e.sf, e.row, e.line])).toEqual([
      ['nonBoolean', 'score', 2, 1], // NaN > 0 is false, so row 2 returns NaN
      ['nonBoolean', 'forgot', 0, 2],
      ['nonBoolean', 'word', 0, 5],
      ['nonBoolean', 'later', 0, 6],
    ]);
    expect(result.errors.map((e) => e.message)).toEqual([
      'SF "score" returned a number (NaN) at row 2; an SF must return true or false (compare it, e.g. `=== 1` or `!== \'\'`).',
      'SF "forgot" returned undefined at row 0; an SF must return true or false (is a `return` missing?).',
      'SF "word" returned a string ("check out my channel") at row 0; an SF must return true or false (compare it, e.g. `=== 1` or `!== \'\'`).',
      'SF "later" returned a Promise at row 0; an SF must return true or false (async SFs are not supported).',
    ]);
  });

  it('does not let an SF write to the row', () => {
    const result = runSfSource(spamTable(), 'export const sneaky = (row: Row) => { (row as any).score = 0; return true; };');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ kind: 'runtime', sf: 'sneaky', row: 0, line: 1 });
  });

  it('handles an empty table', () => {
    const table = { source: 'empty', rowCount: 0, columns: [{ name: 'text', kind: 'text' as const, values: [] }] };
    expect(slicesOf(runSfSource(table, SPAM_SFS)).map((s) => s.count)).toEqual([0, 0, 0, 0]);
  });

  it('stops at compile errors before running anything', () => {
    const result = runSfSource(spamTable(), 'export const a = (row: Row) => true;\nexport const a = (row: Row) => false;');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.kind).toBe('duplicate');
  });
});
