import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { overlapMatrix } from './overlap.ts';
import { SPAM_MASKS } from '../../../test/tables.ts';
import type { SliceResult } from './types.ts';

function slice(name: string, bits: ArrayLike<number>): SliceResult {
  const mask = Uint8Array.from(bits);
  return { name, mask, count: mask.reduce((a, b) => a + b, 0), millis: 0 };
}

describe('overlapMatrix', () => {
  it('counts rows in both slices; the diagonal is each size (spam SFs, by hand)', () => {
    // short_comment {0,2,4,5}, keyword_please {1,2}, regex_check_out {0,4}, short_link {2,4}
    const slices = Object.entries(SPAM_MASKS).map(([name, bits]) => slice(name, bits));
    expect(overlapMatrix(slices)).toEqual([
      [4, 1, 2, 2],
      [1, 2, 0, 1],
      [2, 0, 2, 1],
      [2, 1, 1, 2],
    ]);
  });

  it('matches a naive count across 32-row word boundaries', () => {
    const rand = createRng(7);
    for (const n of [1, 31, 32, 33, 64, 65, 1000]) {
      const slices = [0.05, 0.5, 0.95, 0].map((p, k) =>
        slice(
          `s${k}`,
          Array.from({ length: n }, () => (rand() < p ? 1 : 0)),
        ),
      );
      const naive = slices.map((a) => slices.map((b) => a.mask.reduce((sum, v, i) => sum + (v && b.mask[i] ? 1 : 0), 0)));
      expect(overlapMatrix(slices), `n=${n}`).toEqual(naive);
    }
  });

  it('matches a naive count with many slices: narrow ones (counted by rows) and wide ones (pairwise)', () => {
    const rand = createRng(11);
    const n = 517;
    const naive = (slices: SliceResult[]) =>
      slices.map((a) => slices.map((b) => a.mask.reduce((sum, v, i) => sum + (v && b.mask[i] ? 1 : 0), 0)));
    // 40 grid-like cells (each row in one or two) and 40 slices each holding half the rows.
    const narrow = Array.from({ length: 40 }, (_, k) =>
      slice(
        `cell${k}`,
        Array.from({ length: n }, (_, i) => (i % 40 === k || (i % 97 === 0 && k === 3) ? 1 : 0)),
      ),
    );
    const wide = Array.from({ length: 40 }, (_, k) =>
      slice(
        `half${k}`,
        Array.from({ length: n }, () => (rand() < 0.5 ? 1 : 0)),
      ),
    );
    for (const slices of [narrow, wide, [...narrow, ...wide.slice(0, 3)]]) expect(overlapMatrix(slices)).toEqual(naive(slices));
  });

  it('handles no slices, and rejects masks of different lengths', () => {
    expect(overlapMatrix([])).toEqual([]);
    expect(() => overlapMatrix([slice('a', [1, 0]), slice('b', [1])])).toThrow(/"b" has 1 rows, "a" has 2/);
  });
});
