import { describe, expect, it } from 'vitest';
import { computeMetrics, wilson, withinNoise } from './metrics.ts';

describe('metrics', () => {
  it('binary: accuracy, precision, recall, F1 of class 1, confusion', () => {
    // y:    1 1 1 0 0 0 1 0
    // pred: 1 1 0 0 1 0 1 0  -> tp 3, fn 1, fp 1, tn 3
    const m = computeMetrics([1, 1, 1, 0, 0, 0, 1, 0], [1, 1, 0, 0, 1, 0, 1, 0], 2);
    expect(m.support).toBe(8);
    expect(m.accuracy).toBe(6 / 8);
    expect(m.precision).toBe(3 / 4);
    expect(m.recall).toBe(3 / 4);
    expect(m.f1).toBeCloseTo(0.75, 12);
    expect(m.confusion).toEqual([
      [3, 1],
      [1, 3],
    ]);
  });

  it('restricts to the given rows', () => {
    const m = computeMetrics([1, 0, 1, 0], [1, 1, 0, 0], 2, [0, 1]);
    expect(m.support).toBe(2);
    expect(m.accuracy).toBe(0.5);
    expect(m.precision).toBe(0.5);
    expect(m.recall).toBe(1);
  });

  it('multiclass: macro averages over classes present', () => {
    // class 0: tp1 fp0 fn1 -> p 1, r .5 ; class 1: tp1 fp1 fn0 -> p .5 r 1 ; class 2: tp 1 -> 1,1
    const m = computeMetrics([0, 0, 1, 2], [0, 1, 1, 2], 3);
    expect(m.accuracy).toBe(0.75);
    expect(m.precision).toBeCloseTo((1 + 0.5 + 1) / 3, 12);
    expect(m.recall).toBeCloseTo((0.5 + 1 + 1) / 3, 12);
    const f1 = (p: number, r: number) => (2 * p * r) / (p + r);
    expect(m.f1).toBeCloseTo((f1(1, 0.5) + f1(0.5, 1) + 1) / 3, 12);
  });

  it('Wilson interval matches a hand computation', () => {
    // k = 8, n = 10: centre (0.8 + 1.9208/10) / 1.38416 = 0.71673; half = 1.96 * sqrt(0.016 + 0.0096040) / 1.38416
    const [lo, hi] = wilson(8, 10);
    expect(lo).toBeCloseTo(0.4902, 3);
    expect(hi).toBeCloseTo(0.9433, 3);
    expect(wilson(0, 0)).toEqual([0, 1]);
    const [lo0] = wilson(0, 20);
    expect(lo0).toBe(0);
  });

  it('calls small differences noise and big ones not', () => {
    const a = computeMetrics(new Array(20).fill(1), [...new Array(15).fill(1), ...new Array(5).fill(0)], 2);
    const b = computeMetrics(new Array(20).fill(1), [...new Array(16).fill(1), ...new Array(4).fill(0)], 2);
    expect(withinNoise(a, b)).toBe(true);
    const big = (k: number) => computeMetrics(new Array(2000).fill(1), [...new Array(k).fill(1), ...new Array(2000 - k).fill(0)], 2);
    expect(withinNoise(big(1500), big(1800))).toBe(false);
  });
});
