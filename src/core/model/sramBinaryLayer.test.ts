/**
 * The two-class slice layer on the WebAssembly kernel at the product's size and defaults (128 slices,
 * h = 64, compact experts of rank 8, entropy confidence, T = 0.1), against sramHostOp.ts's JS loops
 * with tfjs matMuls (sram.test.ts checks both against autodiff at toy sizes).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { initNodeBackend } from '../tfNode.ts';
import { createSramModel } from './sram.ts';
import type { ModelSpec } from './types.ts';
import { scaledError } from '../../../test/numeric.ts';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

it.each([
  [128, 'entropy', 'auto'],
  [37, 'maxProb', 0],
] as const)(
  '%i slices (%s, expert rank %s): loss, every gradient, prediction and attention match the JS path',
  (k, confidence, expertRank) => {
    const slices = Array.from({ length: k }, (_, i) => `cell_${i}`);
    const spec: ModelSpec = {
      dim: 6,
      hidden: 64,
      classes: 2,
      slices,
      seed: 3,
      counts: { slices: slices.map(() => 10), outside: 0, rows: 10 * k },
      model: { kind: 'sram', temperature: 0.1, confidence, expertRank },
    };
    const kernel = createSramModel(spec);
    const loops = createSramModel(spec, undefined, { kernel: false });
    const b = 96;
    const rng = createRng(k);
    const masks = new Float32Array(b * k);
    for (let n = 0; n < b; n++) masks[n * k + Math.floor(rng() * k)] = 1; // grid cells: one slice per row
    const batch = {
      x: tf.tensor2d(
        Float32Array.from({ length: b * 6 }, () => 2 * rng() - 1),
        [b, 6],
      ),
      yOneHot: tf
        .oneHot(
          tf.tensor1d(
            Array.from({ length: b }, () => (rng() < 0.5 ? 1 : 0)),
            'int32',
          ),
          2,
        )
        .toFloat() as tf.Tensor2D,
      masks: tf.tensor2d(masks, [b, k]),
    };
    const [gk, gl] = [kernel, loops].map((m) => tf.variableGrads(() => m.lossFn(batch), m.variables));
    expect(Math.abs(gk!.value.dataSync()[0]! - gl!.value.dataSync()[0]!) / gl!.value.dataSync()[0]!).toBeLessThan(1e-5);
    kernel.variables.forEach((v, i) => {
      const a = gk!.grads[v.name]!.dataSync(),
        c = gl!.grads[loops.variables[i]!.name]!.dataSync();
      expect(scaledError(a, c), v.name).toBeLessThan(1e-4);
    });
    const [pk, pl] = [kernel, loops].map((m) => m.predict(batch.x));
    expect(scaledError(pk!.proba.dataSync(), pl!.proba.dataSync())).toBeLessThan(1e-5);
    expect(scaledError(pk!.attention!.dataSync(), pl!.attention!.dataSync())).toBeLessThan(1e-4);
    tf.dispose([gk!, gl!].flatMap((g) => [g.value, ...Object.values(g.grads)]));
    tf.dispose([pk!, pl!].flatMap((p) => [p.proba, p.attention!]));
    tf.dispose([batch.x, batch.yOneHot, batch.masks]);
    [kernel, loops].forEach((m) => m.dispose());
  },
);

it('a variable assigned between two predictions is read again (the host copy of the weights is not stale)', () => {
  const spec: ModelSpec = {
    dim: 3,
    hidden: 8,
    classes: 2,
    slices: ['a', 'b', 'c'],
    seed: 4,
    counts: { slices: [1, 1, 1], outside: 1, rows: 4 },
    model: { kind: 'sram', temperature: 0.1, confidence: 'entropy' },
  };
  const [kernel, loops] = [createSramModel(spec), createSramModel(spec, undefined, { kernel: false })];
  const x = tf.tensor2d([1, -1, 0.5, 0, 2, -2], [2, 3]);
  const first = kernel.predict(x);
  for (const m of [kernel, loops]) m.variables.forEach((v) => v.assign(tf.add(v, 0.3)));
  const [pk, pl] = [kernel.predict(x), loops.predict(x)];
  expect(scaledError(pk.proba.dataSync(), pl.proba.dataSync())).toBeLessThan(1e-5);
  expect(scaledError(pk.proba.dataSync(), first.proba.dataSync())).toBeGreaterThan(1e-3);
  tf.dispose([x, ...[first, pk, pl].flatMap((p) => [p.proba, p.attention!])]);
  [kernel, loops].forEach((m) => m.dispose());
});

it('masks that are not 0/1 leave the kernel: the model runs the JS path and gives its numbers exactly', () => {
  const spec: ModelSpec = {
    dim: 3,
    hidden: 8,
    classes: 2,
    slices: ['a', 'b'],
    seed: 6,
    counts: { slices: [1, 1], outside: 1, rows: 3 },
    model: { kind: 'sram', temperature: 0.1, confidence: 'entropy' },
  };
  const [kernel, loops] = [createSramModel(spec), createSramModel(spec, undefined, { kernel: false })];
  const batch = {
    x: tf.tensor2d([1, -1, 0.5, 0, 2, -2, 0.3, 0.1, 1], [3, 3]),
    yOneHot: tf.oneHot(tf.tensor1d([0, 1, 1], 'int32'), 2).toFloat() as tf.Tensor2D,
    masks: tf.tensor2d([0.5, 0, 1, 1, 0, 0.25], [3, 2]),
  };
  const [gk, gl] = [kernel, loops].map((m) => tf.variableGrads(() => m.lossFn(batch), m.variables));
  expect(gk!.value.dataSync()[0]).toBe(gl!.value.dataSync()[0]);
  kernel.variables.forEach((v, i) => expect(gk!.grads[v.name]!.dataSync()).toEqual(gl!.grads[loops.variables[i]!.name]!.dataSync()));
  tf.dispose([gk!, gl!].flatMap((g) => [g.value, ...Object.values(g.grads)]));
  tf.dispose([batch.x, batch.yOneHot, batch.masks]);
  [kernel, loops].forEach((m) => m.dispose());
});
