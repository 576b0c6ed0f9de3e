import { expect, it } from 'vitest';
import { fastExp, log1pUnit } from './fastMath.ts';

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

it('fastExp matches Math.exp to 1e-10 relative over [-700, 50], including the ends of its reduction interval', () => {
  let worst = 0;
  for (let i = 0; i <= 200_000; i++) {
    const x = -700 * (i / 200_000) ** 3; // dense near 0, where the loops live
    worst = Math.max(worst, relative(fastExp(x), Math.exp(x)));
  }
  for (const x of [0, -1e-12, -Math.LN2 / 2, Math.LN2 / 2, -Math.LN2 * 1.5, -1, -10, -699.9, 1, 50]) {
    worst = Math.max(worst, relative(fastExp(x), Math.exp(x)));
  }
  expect(worst).toBeLessThan(1e-10);
  expect(fastExp(0)).toBe(1);
  expect(fastExp(-800)).toBe(0);
});

it('log1pUnit matches Math.log1p to 1e-10 relative over (0, 1]', () => {
  let worst = 0;
  for (let i = 1; i <= 100_000; i++) {
    const e = (i / 100_000) ** 2;
    worst = Math.max(worst, relative(log1pUnit(e), Math.log1p(e)));
  }
  for (const e of [1e-300, 1e-12, 0.5, 1]) worst = Math.max(worst, relative(log1pUnit(e), Math.log1p(e)));
  expect(worst).toBeLessThan(1e-10);
  expect(log1pUnit(0)).toBe(0);
});
