import { describe, expect, it } from 'vitest';
import { CIRCLE_CENTRES, CIRCLE_NAMES, circleMasks, generateCircles2d, inCircles, noisyMasks } from './circles2d.ts';
import { columnCells, getColumn, type Column, type Table } from '../table.ts';

const { table, sfSource } = generateCircles2d();
const nums = (name: string) => numbersOf(table, name);
function numbersOf(t: Table, name: string): Float64Array {
  const c: Column = getColumn(t, name);
  if (c.kind === 'category' || c.kind === 'text') throw new Error(`${name} is not numeric`);
  return c.values;
}

describe('circles2d', () => {
  it('has 20000 rows: z0, z1, f0..f63, label, split (10k train / 10k valid)', () => {
    expect(table.rowCount).toBe(20000);
    expect(table.columns.map((c) => c.name)).toEqual(['z0', 'z1', ...Array.from({ length: 64 }, (_, j) => `f${j}`), 'label', 'split']);
    const split = getColumn(table, 'split');
    expect(split.kind).toBe('category');
    const cells = columnCells(split, table.rowCount);
    expect(cells.filter((v) => v === 'train').length).toBe(10000);
    expect(cells[0]).toBe('train');
    expect(cells[19999]).toBe('valid');
  });

  it("centres are the paper's (u + 0.125, u - 0.125), u = linspace(-0.6, 0.6, 8), to 4 decimals", () => {
    expect(CIRCLE_CENTRES[0]).toEqual([-0.475, -0.725]);
    expect(CIRCLE_CENTRES[7]).toEqual([0.725, 0.475]);
    CIRCLE_CENTRES.forEach(([cx, cy], k) => {
      const u = -0.6 + (1.2 * k) / 7;
      expect(Math.abs(cx - (u + 0.125))).toBeLessThan(5e-5);
      expect(Math.abs(cy - (u - 0.125))).toBeLessThan(5e-5);
    });
  });

  it('each circle holds ~1.6-1.9% of points, and the label is flipped inside', () => {
    const z0 = nums('z0');
    const z1 = nums('z1');
    const label = nums('label');
    const masks = circleMasks(table);
    for (const mask of masks) {
      const share = mask.reduce((s, v) => s + v, 0) / table.rowCount;
      expect(share).toBeGreaterThan(0.016);
      expect(share).toBeLessThan(0.019);
    }
    let inside = 0;
    let wrong = 0;
    let outOfRange = 0;
    for (let r = 0; r < table.rowCount; r++) {
      const a = z0[r] as number;
      const b = z1[r] as number;
      if (a < -1 || a >= 1 || b < -1 || b >= 1) outOfRange++;
      const base = a < b + 0.25 ? 1 : 0;
      const flipped = inCircles(a, b).length > 0;
      if (flipped) inside++;
      if (label[r] !== (flipped ? 1 - base : base)) wrong++;
    }
    expect(outOfRange).toBe(0);
    expect(wrong).toBe(0);
    expect(inside / table.rowCount).toBeGreaterThan(0.1); // 8 circles, some overlap
  });

  it('features are a noisy linear map of z (f = z R + 0.01 noise)', () => {
    // Least squares of f0 on (z0, z1): residual std ~ 0.01.
    const z0 = nums('z0');
    const z1 = nums('z1');
    const f0 = nums('f0');
    let s00 = 0,
      s01 = 0,
      s11 = 0,
      s0y = 0,
      s1y = 0;
    for (let r = 0; r < table.rowCount; r++) {
      const a = z0[r] as number,
        b = z1[r] as number,
        y = f0[r] as number;
      s00 += a * a;
      s01 += a * b;
      s11 += b * b;
      s0y += a * y;
      s1y += b * y;
    }
    const det = s00 * s11 - s01 * s01;
    const w0 = (s11 * s0y - s01 * s1y) / det;
    const w1 = (s00 * s1y - s01 * s0y) / det;
    let sse = 0;
    for (let r = 0; r < table.rowCount; r++) sse += ((f0[r] as number) - w0 * (z0[r] as number) - w1 * (z1[r] as number)) ** 2;
    expect(Math.sqrt(sse / table.rowCount)).toBeCloseTo(0.01, 3);
  });

  it('is deterministic for a seed', () => {
    const again = generateCircles2d({ rows: 500, seed: 7 }).table;
    const other = generateCircles2d({ rows: 500, seed: 8 }).table;
    const small = generateCircles2d({ rows: 500 }).table;
    expect(numbersOf(again, 'f5')).toEqual(numbersOf(small, 'f5'));
    expect(numbersOf(again, 'z0')).not.toEqual(numbersOf(other, 'z0'));
    // The first rows do not depend on the row count.
    expect(numbersOf(small, 'z0')[10]).toBe(nums('z0')[10]);
  });

  it('its SF source exports circle_1..circle_8 with the same centres', () => {
    const names = [...sfSource.matchAll(/^export const (\w+) = \(row: Row\) =>/gm)].map((m) => m[1]);
    expect(names).toEqual([...CIRCLE_NAMES]);
    expect(names).toEqual(Array.from({ length: 8 }, (_, k) => `circle_${k + 1}`));
    const centres = [...sfSource.matchAll(/inCircle\(row, (-?[\d.]+), (-?[\d.]+)\)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(centres).toEqual(CIRCLE_CENTRES.map((c) => [...c]));
    expect(sfSource).toContain('const R = 0.15;');
    expect(sfSource).toContain('(row.z0 - cx) ** 2 + (row.z1 - cy) ** 2 < R * R');
  });

  it('the SF source, run as JS, agrees with inCircles on every row', () => {
    // Strip the type annotations by hand (the real SF compiler is elsewhere).
    const js = sfSource.replace(/: (Row|number)\b/g, '').replace(/export const (\w+)/g, 'exports.$1');
    const sfs: Record<string, (row: { z0: number; z1: number }) => boolean> = {};
    new Function('exports', js)(sfs);
    const masks = circleMasks(table);
    const z0 = nums('z0');
    const z1 = nums('z1');
    CIRCLE_NAMES.forEach((name, k) => {
      const sf = sfs[name];
      if (!sf) throw new Error(`${name} not exported`);
      let disagree = 0;
      for (let r = 0; r < table.rowCount; r++) {
        if ((sf({ z0: z0[r] as number, z1: z1[r] as number }) ? 1 : 0) !== (masks[k] as Uint8Array)[r]) disagree++;
      }
      expect(disagree).toBe(0);
    });
  });

  it('noisy masks: on train, p of each slice dropped and as many non-members added', () => {
    const truth = circleMasks(table);
    const noisy = noisyMasks(table, 0.3, 1);
    const split = columnCells(getColumn(table, 'split'), table.rowCount);
    truth.forEach((t, k) => {
      const n = noisy[k] as Uint8Array;
      let members = 0,
        dropped = 0,
        added = 0,
        validDiff = 0;
      for (let r = 0; r < table.rowCount; r++) {
        if (split[r] !== 'train') {
          if (n[r] !== t[r]) validDiff++;
          continue;
        }
        if (t[r]) members++;
        if (t[r] && !n[r]) dropped++;
        if (!t[r] && n[r]) added++;
      }
      expect(validDiff).toBe(0);
      expect(dropped).toBe(Math.round(0.3 * members));
      expect(added).toBe(dropped);
    });
    const same = (a: Uint8Array[], b: Uint8Array[]) => a.every((m, k) => m.every((v, r) => v === b[k]?.[r]));
    expect(same(noisyMasks(table, 0.3, 1), noisy)).toBe(true);
    expect(same(noisyMasks(table, 0.3, 2), noisy)).toBe(false);
    expect(same(noisyMasks(table, 0, 1), truth)).toBe(true);
  });
});
