import { expect, it } from 'vitest';
import { xTicks, yTicks } from './LiveLines.tsx';

it('y ticks: multiples of a 1-2-5 step inside the domain, 3 to 6 of them', () => {
  expect(yTicks(0.9, 1)).toEqual([0.9, 0.95, 1]);
  expect(yTicks(0, 5.99)).toEqual([0, 2, 4]);
  expect(yTicks(0.1855, 0.5564)).toEqual([0.2, 0.3, 0.4, 0.5]);
  expect(yTicks(0.5, 0.5)).toEqual([0.5]);
  for (const [lo, hi] of [
    [0, 1],
    [0.31, 0.87],
    [12, 132],
    [0.001, 0.004],
  ] as const) {
    const ticks = yTicks(lo, hi);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks[0]).toBeGreaterThanOrEqual(lo);
    expect(ticks.at(-1)).toBeLessThanOrEqual(hi);
  }
});

it('x ticks: every epoch up to 6, then a whole step, always ending at the last epoch', () => {
  expect(xTicks(1)).toEqual([1]);
  expect(xTicks(3)).toEqual([1, 2, 3]);
  expect(xTicks(30)).toEqual([1, 6, 11, 16, 21, 26, 30]);
});
