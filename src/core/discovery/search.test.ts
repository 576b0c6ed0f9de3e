import { describe, expect, it } from 'vitest';
import { categoryColumn, type Table } from '../table.ts';
import { createRng } from '../random.ts';
import { discoverSlices } from './index.ts';
import { score, scoreUpperBound } from './score.ts';
import { NO_ITEM, sliceLine, type SearchFeature, type SearchItem } from './search.ts';

// 8 rows; errors on rows 0 and 2 (overall error 2/8 = 0.25):
//   a: p p p p q q q q      b: u v u v u v u v
// a = "p" and b = "u" holds rows 0, 2, both wrong.
const table: Table = {
  source: 'test:hand',
  rowCount: 8,
  columns: [categoryColumn('a', ['p', 'p', 'p', 'p', 'q', 'q', 'q', 'q']), categoryColumn('b', ['u', 'v', 'u', 'v', 'u', 'v', 'u', 'v'])],
};
const rows = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
const errors = Uint8Array.from([1, 0, 1, 0, 0, 0, 0, 0]);

describe('SliceLine score', () => {
  const ctx = { alpha: 0.9, n: 8, meanError: 0.25, minSupport: 2 };

  it('is alpha * (slice error / overall error - 1) - (1 - alpha) * (n / size - 1)', () => {
    // 0.9 * (1 / 0.25 - 1) - 0.1 * (8 / 2 - 1) = 2.7 - 0.3
    expect(score(ctx, 2, 2)).toBeCloseTo(2.4, 12);
    // a = "p": 0.9 * (0.5 / 0.25 - 1) - 0.1 * (8 / 4 - 1) = 0.9 - 0.1
    expect(score(ctx, 4, 2)).toBeCloseTo(0.8, 12);
    expect(score(ctx, 4, 0)).toBeCloseTo(-0.9 - 0.1, 12);
  });

  it('bounds every sub-slice: at most min(size, errors) wrong rows, at least minSupport rows', () => {
    // Inside a 4-row slice with 2 errors, the best is 2 rows, both wrong: score 2.4.
    expect(scoreUpperBound(ctx, 4, 2)).toBeCloseTo(2.4, 12);
    expect(scoreUpperBound(ctx, 1, 1)).toBe(-Infinity); // below min support
    expect(scoreUpperBound(ctx, 4, 0)).toBe(-Infinity); // no errors at all
    // Brute force over every (size, errors) a sub-slice can have.
    for (const [size, errs] of [
      [6, 3],
      [8, 2],
      [3, 1],
      [5, 5],
    ] as const) {
      let best = -Infinity;
      for (let s = ctx.minSupport; s <= size; s++) for (let e = 0; e <= Math.min(s, errs); e++) best = Math.max(best, score(ctx, s, e));
      expect(scoreUpperBound(ctx, size, errs)).toBeGreaterThanOrEqual(best - 1e-12);
      expect(scoreUpperBound(ctx, size, errs)).toBeCloseTo(best, 9);
    }
  });
});

describe('discoverSlices on a hand-computed table', () => {
  it('ranks a = "p" and b = "u" first, then a = "p"', () => {
    const result = discoverSlices({
      table,
      rows,
      errors,
      columns: ['a', 'b'],
      options: { alpha: 0.9, minSupport: 2, maxSlices: 2, distinct: false },
    });
    expect(result.overallError).toBe(0.25);
    expect(result.slices.map((s) => s.description)).toEqual(['a = "p" and b = "u"', 'a = "p"']);
    const [top, second] = result.slices;
    expect(top?.score).toBeCloseTo(2.4, 12);
    expect(top?.size).toBe(2);
    expect(top?.error).toBe(1);
    expect(top?.lift).toBe(4);
    // Wilson 95% for 2 of 2: [0.342, 1].
    expect(top?.errorCi[0]).toBeCloseTo(0.3424, 3);
    expect(top?.errorCi[1]).toBe(1);
    expect(second?.score).toBeCloseTo(0.8, 12);
  });

  it('returns nothing when min support is above every slice, or the model makes no errors', () => {
    expect(discoverSlices({ table, rows, errors, columns: ['a', 'b'], options: { minSupport: 5 } }).slices).toEqual([]);
    expect(discoverSlices({ table, rows, errors: new Uint8Array(8), columns: ['a', 'b'] }).slices).toEqual([]);
  });

  it('with one predicate allowed, finds only single predicates', () => {
    const result = discoverSlices({
      table,
      rows,
      errors,
      columns: ['a', 'b'],
      options: { alpha: 0.9, minSupport: 2, maxPredicates: 1, distinct: false },
    });
    expect(result.slices.every((s) => s.predicates.length === 1)).toBe(true);
    expect(result.slices[0]?.description).toBe('a = "p"');
  });

  it('leaves out a slice that mostly repeats a better one (distinct)', () => {
    // b = "u" holds rows 0, 2, 4, 6: half of them in the top slice, so it stays; a = "p" too (2 of 4).
    const all = discoverSlices({ table, rows, errors, columns: ['a', 'b'], options: { alpha: 0.99, minSupport: 1, maxSlices: 10 } });
    const descriptions = all.slices.map((s) => s.description);
    expect(descriptions[0]).toBe('a = "p" and b = "u"');
    // Row 0 alone (a = "p" and b = "u" is rows 0 and 2) would share all of its rows: never listed.
    for (const s of all.slices.slice(1)) expect(s.size).toBeGreaterThan(1);
  });
});

describe('sliceLine against brute force', () => {
  it('finds the same top-k as scoring every conjunction (pruning loses nothing)', () => {
    const rng = createRng(3);
    const n = 400;
    const features: SearchFeature[] = [3, 4, 2, 5].map((numCodes) => ({
      numCodes,
      codes: Uint16Array.from({ length: n }, () => (rng() < 0.05 ? NO_ITEM : Math.floor(rng() * numCodes))),
    }));
    const items: SearchItem[] = features.flatMap((f, feature) => Array.from({ length: f.numCodes }, (_, code) => ({ feature, code })));
    // Errors more likely where feature 0 is 1 and feature 2 is 0.
    const errs = Uint8Array.from({ length: n }, (_, r) => {
      const hot = features[0]!.codes[r] === 1 && features[2]!.codes[r] === 0;
      return rng() < (hot ? 0.6 : 0.1) ? 1 : 0;
    });
    const opts = { alpha: 0.9, minSupport: 8, maxPredicates: 3, k: 6 };
    const found = sliceLine({ features, items, errors: errs, ...opts });

    const meanError = errs.reduce((a, b) => a + b, 0) / n;
    const ctx = { alpha: opts.alpha, n, meanError, minSupport: opts.minSupport };
    const all: number[] = [];
    const visit = (chosen: SearchItem[], from: number) => {
      if (chosen.length > 0) {
        let size = 0,
          wrong = 0;
        for (let r = 0; r < n; r++) {
          if (chosen.every((it) => features[it.feature]!.codes[r] === it.code)) {
            size++;
            wrong += errs[r]!;
          }
        }
        if (size >= opts.minSupport && wrong > 0) {
          const s = score(ctx, size, wrong);
          if (s > 0) all.push(s);
        }
      }
      if (chosen.length === opts.maxPredicates) return;
      for (let i = from; i < items.length; i++) {
        const last = chosen[chosen.length - 1];
        if (last && items[i]!.feature <= last.feature) continue;
        visit([...chosen, items[i]!], i + 1);
      }
    };
    visit([], 0);
    all.sort((a, b) => b - a);
    expect(found.top.length).toBe(6);
    expect(found.top.map((s) => s.score.toFixed(10))).toEqual(all.slice(0, 6).map((s) => s.toFixed(10)));
    // And it did prune: fewer level-3 candidates counted than exist.
    expect(found.evaluatedPerLevel[2]).toBeLessThan(3 * 4 * 2 + 3 * 4 * 5 + 3 * 2 * 5 + 4 * 2 * 5);
  });
});
