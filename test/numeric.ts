import { expect } from 'vitest';

/**
 * Largest |a - b| over the largest |b|: float32 rounding is ~1e-7 of the values' scale. Fails if the
 * lengths differ or b is all zeros (a comparison with nothing in it).
 */
export function scaledError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let diff = 0,
    scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  expect(scale).toBeGreaterThan(0);
  return diff / scale;
}
