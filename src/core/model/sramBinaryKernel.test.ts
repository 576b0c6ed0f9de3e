import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import type { Confidence } from '../train/types.ts';
import { binaryHeadLossHost, binaryInferHost } from './sramBinaryHost.ts';
import { kernelHeadLoss, kernelInfer, sramKernelAvailable } from './sramBinaryKernel.ts';
import { REFERENCE_STRUCTURE, type SramStructure } from './sramStructure.ts';
import { scaledError } from '../../../test/numeric.ts';

/** Head outputs [B, 3S] in [-spread, spread], one-hot labels, and 0/1 masks with some rows in several slices. */
function inputs(b: number, s: number, seed: number, spread = 4) {
  const rng = createRng(seed);
  const both = Float32Array.from({ length: b * 3 * s }, () => (2 * rng() - 1) * spread);
  const y = new Float32Array(b * 2);
  for (let n = 0; n < b; n++) y[2 * n + (rng() < 0.4 ? 1 : 0)] = 1;
  const k = s - 1;
  const masks = Float32Array.from({ length: b * k }, () => (rng() < 0.3 ? 1 : 0));
  return { both, y, masks: k > 0 ? masks : null };
}

const options = (confidence: Confidence, invT: number, sram: Partial<SramStructure> = {}) => ({
  invT,
  confidence,
  sram: { ...REFERENCE_STRUCTURE, ...sram },
});

it('the kernel compiles and runs here (Node; the app checks the same in Chromium through its e2e training runs)', () => {
  expect(sramKernelAvailable()).toBe(true);
});

describe('the WebAssembly kernel matches the JS loops', () => {
  // S = 1 (no masks), 7 and 129 (not multiples of 4: padding lanes), 8 (none); three temperatures.
  const cases: [Confidence, 'plain' | 'balanced', number, number][] = [
    ['entropy', 'plain', 129, 10],
    ['entropy', 'balanced', 7, 1],
    ['maxProb', 'plain', 8, 10],
    ['maxProb', 'balanced', 129, 1],
    ['positiveClass', 'plain', 7, 100],
    ['positiveClass', 'balanced', 1, 1],
  ];
  it.each(cases)('loss, gradient and column sums (%s, %s indicator, S = %i, 1/T = %d)', (confidence, indicatorLoss, s, invT) => {
    const b = 37;
    const { both, y, masks } = inputs(b, s, s * 31 + invT);
    const o = options(confidence, invT, { indicatorLoss, indicatorWeight: 0.7, expertWeight: 1.3 });
    const js = binaryHeadLossHost(both, b, s, y, masks, o);
    const wasm = kernelHeadLoss(both, b, s, y, masks, o)!;
    expect(Math.abs(wasm.value - js.value) / js.value).toBeLessThan(1e-6);
    expect(scaledError(wasm.grad, js.grad)).toBeLessThan(1e-5);
    const sums = new Float64Array(3 * s);
    js.grad.forEach((g, i) => (sums[i % (3 * s)]! += g));
    expect(scaledError(wasm.colSums, sums)).toBeLessThan(1e-5);
  });

  it.each(['entropy', 'maxProb', 'positiveClass'] as const)('prediction and attention (%s)', (confidence) => {
    const b = 21,
      s = 13;
    const { both } = inputs(b, s, 5);
    const js = binaryInferHost(both, b, s, 10, confidence);
    const wasm = kernelInfer(both, b, s, 10, confidence)!;
    expect(scaledError(wasm.proba, js.proba)).toBeLessThan(1e-6);
    expect(scaledError(wasm.attention, js.attention)).toBeLessThan(1e-5);
    for (let n = 0; n < b; n++) {
      expect(wasm.proba[2 * n]! + wasm.proba[2 * n + 1]!).toBeCloseTo(1, 6);
      expect(wasm.attention.subarray(n * s, (n + 1) * s).reduce((x, v) => x + v, 0)).toBeCloseTo(1, 5);
    }
  });

  it('far from zero: logits of +-60 and a low temperature (the exp clamp, the softmax shift)', () => {
    const b = 16,
      s = 11;
    const { both, y, masks } = inputs(b, s, 9, 60);
    const o = options('entropy', 100);
    const js = binaryHeadLossHost(both, b, s, y, masks, o);
    const wasm = kernelHeadLoss(both, b, s, y, masks, o)!;
    expect(Number.isFinite(wasm.value)).toBe(true);
    // At 1/T = 100 float32's 6e-8 relative error in the attention logits becomes ~6e-6 in their exps.
    expect(Math.abs(wasm.value - js.value) / js.value).toBeLessThan(1e-5);
    expect(scaledError(wasm.grad, js.grad)).toBeLessThan(5e-5);
    const attention = kernelInfer(both, b, s, 100, 'entropy')!.attention;
    expect(scaledError(attention, binaryInferHost(both, b, s, 100, 'entropy').attention)).toBeLessThan(5e-5);
  });

  it('successive calls of different sizes reuse its memory without leaking one call into the next', () => {
    const big = inputs(300, 129, 1);
    const small = inputs(3, 5, 2);
    const o = options('entropy', 10);
    const first = kernelHeadLoss(small.both, 3, 5, small.y, small.masks, o)!;
    kernelHeadLoss(big.both, 300, 129, big.y, big.masks, o);
    const again = kernelHeadLoss(small.both, 3, 5, small.y, small.masks, o)!;
    expect(again.value).toBe(first.value);
    expect(Array.from(again.grad)).toEqual(Array.from(first.grad));
  });
});

it('masks that are not 0/1 are refused (null: the JS loops take them)', () => {
  const { both, y, masks } = inputs(4, 3, 3);
  masks![1] = 0.5;
  expect(kernelHeadLoss(both, 4, 3, y, masks, options('entropy', 10))).toBeNull();
});
