/** FlatAdam against tfjs's own Adam: the same weights, bit for bit, after several steps. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { initNodeBackend } from '../tfNode.ts';
import { createModel } from '../model/index.ts';
import { FlatAdam } from './adam.ts';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

it.each([
  ['its WebAssembly kernel', true],
  ['tfjs ops (as on GPU backends)', false],
])('FlatAdam takes exactly the steps of tf.train.adam, and leaks nothing: %s', (_, useKernel) => {
  const spec = { dim: 4, hidden: 6, classes: 3, slices: ['s0', 's1'], seed: 5, counts: { slices: [4, 3], outside: 2, rows: 8 } };
  const model = { kind: 'sram' as const, temperature: 0.5, confidence: 'maxProb' as const };
  const [a, b] = [createModel({ ...spec, model }), createModel({ ...spec, model })];
  const batch = {
    x: tf.tensor2d(
      Array.from({ length: 32 }, (_, i) => Math.sin(i * 0.7)),
      [8, 4],
    ),
    yOneHot: tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3).toFloat() as tf.Tensor2D,
    masks: tf.tensor2d([1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0], [8, 2]),
  };
  const stock = tf.train.adam(0.01);
  const lossA: number[] = [];
  for (let step = 0; step < 5; step++) {
    const loss = stock.minimize(() => a.lossFn(batch), true, a.variables)!;
    lossA.push(loss.dataSync()[0]!);
    loss.dispose();
  }
  stock.dispose();
  const before = tf.memory().numTensors;
  const flat = new FlatAdam(0.01, undefined, undefined, undefined, useKernel);
  const lossB: number[] = [];
  for (let step = 0; step < 5; step++) {
    const loss = flat.minimize(() => b.lossFn(batch), b.variables);
    lossB.push(loss.dataSync()[0]!);
    loss.dispose();
  }
  flat.dispose();
  expect(tf.memory().numTensors).toBe(before);
  expect(lossB).toEqual(lossA);
  a.variables.forEach((v, i) => expect(b.variables[i]!.dataSync()).toEqual(v.dataSync()));
  a.dispose();
  b.dispose();
  tf.dispose([batch.x, batch.yOneHot, batch.masks]);
});

it('a variable assigned between steps (a restore, a test) is read again, not overwritten by the kernel', () => {
  const spec = { dim: 3, hidden: 4, classes: 2, slices: [], seed: 2, counts: { slices: [], outside: 4, rows: 4 } };
  const [a, b] = [createModel({ ...spec, model: { kind: 'plain' } }), createModel({ ...spec, model: { kind: 'plain' } })];
  const batch = {
    x: tf.tensor2d([1, 0, -1, 0.5, 2, 0, -1, 1, 1, 0, 0, 3], [4, 3]),
    yOneHot: tf.oneHot(tf.tensor1d([0, 1, 1, 0], 'int32'), 2).toFloat() as tf.Tensor2D,
    masks: null,
  };
  const [stock, flat] = [tf.train.adam(0.05), new FlatAdam(0.05)];
  const step = () => {
    tf.dispose(stock.minimize(() => a.lossFn(batch), true, a.variables)!);
    tf.dispose(flat.minimize(() => b.lossFn(batch), b.variables));
  };
  step();
  step();
  for (const m of [a, b]) m.variables[0]!.assign(tf.fill(m.variables[0]!.shape, 0.25));
  step();
  a.variables.forEach((v, i) => expect(b.variables[i]!.dataSync()).toEqual(v.dataSync()));
  expect(Array.from(b.variables[0]!.dataSync()).some((x) => Math.abs(x - 0.25) > 1e-3)).toBe(true); // it moved on from 0.25
  stock.dispose();
  flat.dispose();
  [a, b].forEach((m) => m.dispose());
  tf.dispose([batch.x, batch.yOneHot]);
});
