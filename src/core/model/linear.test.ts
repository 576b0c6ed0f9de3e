import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { initNodeBackend } from '../tfNode.ts';
import { linear } from './linear.ts';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

it.each(['linear', 'relu'] as const)('%s: value and gradients match the stock tfjs ops', (activation) => {
  const x = tf.tensor2d([
    [1, -2, 0.5],
    [0.3, 0.1, -1],
    [-0.7, 2, 1.5],
    [0, 0, 0.2],
  ]);
  const w = tf.tensor2d([
    [0.2, -0.4],
    [0.1, 0.3],
    [-0.5, 0.6],
  ]);
  const b = tf.tensor1d([0.05, -0.1]);
  const up = tf.tensor2d([
    [1, 2],
    [3, -1],
    [0.5, 0.5],
    [-2, 1],
  ]); // makes the loss asymmetric
  const loss = (f: (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D) => (xi: tf.Tensor, wi: tf.Tensor, bi: tf.Tensor) =>
    tf.sum(tf.mul(f(xi as tf.Tensor2D, wi as tf.Tensor2D, bi as tf.Tensor1D), up)) as tf.Scalar;
  const stock = (xi: tf.Tensor2D, wi: tf.Tensor2D, bi: tf.Tensor1D) => {
    const y = tf.add(tf.matMul(xi, wi), bi);
    return (activation === 'relu' ? tf.relu(y) : y) as tf.Tensor2D;
  };
  const ours = (xi: tf.Tensor2D, wi: tf.Tensor2D, bi: tf.Tensor1D) => linear(xi, wi, bi, activation);
  const [gs, go] = [tf.grads(loss(stock)), tf.grads(loss(ours))];
  const [expected, actual] = [gs([x, w, b]), go([x, w, b])];
  expect(linear(x, w, b, activation).arraySync()).toEqual(
    stock(x, w, b)
      .arraySync()
      .map((r) => r.map((v) => expect.closeTo(v, 6))),
  );
  expected.forEach((e, i) => {
    const a = actual[i]!.dataSync();
    Array.from(e.dataSync()).forEach((v, j) => expect(a[j]).toBeCloseTo(v, 5));
  });
  // inputGrad false: same weight gradients, zero input gradient
  const noInput = tf.grads(loss((xi, wi, bi) => linear(xi, wi, bi, activation, false)))([x, w, b]);
  expect(Array.from(noInput[0]!.dataSync()).every((v) => v === 0)).toBe(true);
  expect(noInput[1]!.dataSync()).toEqual(actual[1]!.dataSync());
});
