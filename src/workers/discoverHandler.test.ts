import { describe, expect, it } from 'vitest';
import { categoryColumn, type Table } from '../core/table.ts';
import type { DiscoverResponse } from '../protocol/discover.ts';
import { createDiscoverHandler } from './discoverHandler.ts';

// 8 rows, split column: rows 0-3 valid, 4-7 test. The "model" predicts 'n' everywhere.
const table: Table = {
  source: 'test:handler',
  rowCount: 8,
  columns: [
    categoryColumn('a', ['p', 'p', 'q', 'q', 'p', 'p', 'q', 'q']),
    categoryColumn('y', ['y', 'y', 'n', 'n', 'y', 'y', 'y', 'y']),
    categoryColumn('pred', ['n', 'n', 'n', 'n', 'n', 'n', 'n', 'n']),
    categoryColumn('split', ['valid', 'valid', 'valid', 'valid', 'test', 'test', 'test', 'test']),
  ],
};

function run(errors: Extract<Parameters<ReturnType<typeof createDiscoverHandler>>[0], { type: 'discover' }>['errors']) {
  const out: DiscoverResponse[] = [];
  const handle = createDiscoverHandler((m) => out.push(m));
  handle({ type: 'setTable', table });
  handle({
    type: 'discover',
    id: 7,
    config: { label: 'y', splitColumn: 'split', seed: 1 },
    errors,
    columns: ['a'],
    options: { minSupport: 1, alpha: 0.9 },
  });
  return out;
}

describe('the discovery worker handler', () => {
  it('searches the valid rows only, with errors from per-row predictions', () => {
    // classes ['n', 'y'], class 0 = 'n' predicted for every row.
    const out = run({ kind: 'predictions', predicted: new Int32Array(8), classes: ['n', 'y'] });
    const done = out.find((m) => m.type === 'done');
    if (done?.type !== 'done') throw new Error(JSON.stringify(out));
    expect(done.id).toBe(7);
    // Valid rows 0-3: wrong on 0, 1 (a = p). The test rows (all wrong) are never looked at.
    expect(done.result.rows).toBe(4);
    expect(done.result.errors).toBe(2);
    expect(done.result.slices[0]?.description).toBe('a = "p"');
    expect(done.result.slices[0]?.error).toBe(1);
    expect(out.some((m) => m.type === 'progress' && m.progress.fraction === 1)).toBe(true);
  });

  it('takes errors from a prediction column as well', () => {
    const done = run({ kind: 'column', column: 'pred' }).find((m) => m.type === 'done');
    expect(done?.type === 'done' && done.result.slices[0]?.description).toBe('a = "p"');
  });

  it('answers failed, naming the problem, before a table or for an unknown column', () => {
    const out: DiscoverResponse[] = [];
    const handle = createDiscoverHandler((m) => out.push(m));
    handle({
      type: 'discover',
      id: 1,
      config: { label: 'y', seed: 1 },
      errors: { kind: 'column', column: 'pred' },
      columns: ['a'],
      options: {},
    });
    expect(out).toEqual([{ type: 'failed', id: 1, message: 'no table to search yet' }]);
    expect(run({ kind: 'column', column: 'nope' })).toEqual([{ type: 'failed', id: 7, message: 'test:handler: no column named "nope"' }]);
  });
});
