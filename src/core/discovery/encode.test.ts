import { describe, expect, it } from 'vitest';
import { niceCut, quantileCuts } from './encode.ts';
import { discoverSlices } from './index.ts';
import type { Table } from '../table.ts';

describe('numeric bins', () => {
  it('cuts at the shortest decimal that splits the values as the quantile does', () => {
    expect(niceCut(0.19, 0.2003)).toBe(0.2);
    expect(niceCut(-0.3, -0.25)).toBe(-0.25);
    expect(niceCut(-1, 0.5)).toBe(0);
    expect(niceCut(0.254, 0.2549)).toBe(0.2549);
    expect(niceCut(0.29, 0.3)).toBe(0.3);
    expect(niceCut(1234, 1299)).toBe(1290);
  });

  it('puts the cuts near the quantiles of 1..100', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    // Quartiles at 26, 51, 76, each free to move one value: (24, 27] -> 27, (49, 52] -> 50, (74, 77] -> 77.
    expect(quantileCuts(sorted, 4)).toEqual([27, 50, 77]);
  });

  it('gives a column with few values one = predicate per value, and missing its own', () => {
    const table: Table = {
      source: 't',
      rowCount: 6,
      columns: [{ name: 'k', kind: 'integer', values: Float64Array.from([1, 1, 2, 2, 3, NaN]) }],
    };
    const result = discoverSlices({
      table,
      rows: Int32Array.from([0, 1, 2, 3, 4, 5]),
      errors: Uint8Array.from([0, 0, 1, 1, 0, 0]),
      columns: ['k'],
      options: { minSupport: 1, alpha: 0.9 },
    });
    expect(result.slices[0]?.description).toBe('k = 2');
    expect(result.slices[0]?.size).toBe(2);
  });

  it('skips a text column without tokens worth searching, and says why', () => {
    const table: Table = { source: 't', rowCount: 3, columns: [{ name: 's', kind: 'text', values: ['', '', ''] }] };
    const result = discoverSlices({
      table,
      rows: Int32Array.from([0, 1, 2]),
      errors: Uint8Array.from([1, 0, 0]),
      columns: ['s'],
      options: { minSupport: 1 },
    });
    expect(result.skipped).toEqual([{ column: 's', reason: 'no token occurs often enough' }]);
  });
});
