import { describe, expect, it } from 'vitest';
import type { Table } from '../table.ts';
import { driftRows, encodeKnownLabels, evaluateNewData, missingColumns, nameList, rankDrops, sfColumns } from './index.ts';

const table = (columns: Table['columns'], rowCount: number): Table => ({ source: 'next.csv', rowCount, columns });

describe('columns', () => {
  it('finds the columns SF code reads, by dot and by bracket, only among known columns', () => {
    const source =
      "const k = 3;\nexport const a = (row: Row) => row.age > k && row['plan name'] === 'pro';\nexport const b = (row: Row) => row .text.length > 2 || rowCount > 1;";
    expect(sfColumns(source, ['age', 'plan name', 'text', 'income'])).toEqual(['age', 'plan name', 'text']);
  });
  it('names missing columns, once, in order', () => {
    const t = table([{ name: 'a', kind: 'number', values: new Float64Array(1) }], 1);
    expect(missingColumns(t, ['label', 'a', 'f0', 'label'])).toEqual(['label', 'f0']);
    expect(nameList(['x'])).toBe('"x"');
    expect(nameList(['x', 'y', 'z'])).toBe('"x", "y" and "z"');
    expect(nameList(['a', 'b', 'c', 'd'], 2)).toBe('"a", "b" and 2 more');
  });
});

describe('labels', () => {
  it('maps number and string labels to the run classes; unknown and missing rows get -1', () => {
    const nums = table([{ name: 'label', kind: 'number', values: Float64Array.from([0, 1, 2, NaN, 1]) }], 5);
    const a = encodeKnownLabels(nums, 'label', ['0', '1']);
    expect([...a.y]).toEqual([0, 1, -1, -1, 1]);
    expect(a.unknown).toEqual([{ value: '2', count: 1 }]);
    expect(a.missing).toBe(1);
    const cats = table([{ name: 'y', kind: 'category', codes: Int32Array.from([1, 0, -1, 2]), levels: ['no', 'yes', 'maybe'] }], 4);
    const b = encodeKnownLabels(cats, 'y', ['no', 'yes']);
    expect([...b.y]).toEqual([1, 0, -1, -1]);
    expect(b.unknown).toEqual([{ value: 'maybe', count: 1 }]);
  });
});

describe('compare', () => {
  // 8 rows; slice s = rows 0..3; row 7 is not scored.
  const y = Int32Array.from([1, 1, 0, 0, 1, 0, 1, -1]);
  const pred = Int32Array.from([0, 0, 0, 1, 1, 0, 1, 1]);
  const s = { name: 's', mask: Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 1]) };
  const t = { name: 't', mask: Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1]) };

  it('evaluates each model on the scored rows, overall and per slice', () => {
    const ev = evaluateNewData(y, { plain: pred }, 2, [s, t]).plain!;
    expect(ev.overall.support).toBe(7);
    expect(ev.overall.accuracy).toBeCloseTo(4 / 7);
    expect(ev.slices.s!.support).toBe(4);
    expect(ev.slices.s!.accuracy).toBeCloseTo(1 / 4);
    expect(ev.slices.t!.accuracy).toBe(1);
    expect(() => evaluateNewData(y, { plain: pred.subarray(1) }, 2, [s])).toThrow(/7 predictions for 8 rows/);
  });

  it('ranks slices by accuracy drop; slices without training-time rows have no drop', () => {
    const after = evaluateNewData(y, { plain: pred }, 2, [s, t]).plain!;
    // "Before": the same model on data where it was always right.
    const before = evaluateNewData(
      y.map((v) => Math.max(v, 0)),
      { plain: Int32Array.from(y.map((v) => Math.max(v, 0))) },
      2,
      [s, t],
    ).plain!;
    const { overall, slices } = driftRows(before, after, ['s', 't', 'new_sf']);
    expect(overall.drop).toBeCloseTo(1 - 4 / 7);
    expect(slices.map((r) => r.slice)).toEqual(['s', 't', 'new_sf']);
    expect(slices[2]!.before).toBeNull();
    expect(slices[2]!.drop).toBeNull();
    const ranked = rankDrops(slices);
    expect(ranked.map((r) => r.slice)).toEqual(['s']); // t did not drop
    expect(ranked[0]!.drop).toBeCloseTo(0.75);
    expect(ranked[0]!.significant).toBe(false); // 4 rows: the intervals overlap
  });
});
