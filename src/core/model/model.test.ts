import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../cli/tfNode.ts';
import { createModel } from './index.ts';
import { sliceWeights } from './losses.ts';
import type { Batch, ModelSpec } from './types.ts';
import { MODEL_KINDS } from '../train/types.ts';

beforeAll(async () => {
  const { detail } = await initNodeBackend('wasm');
  console.log(`backend: ${detail}`);
});

const spec = (classes: number, over: Partial<ModelSpec> = {}): ModelSpec => ({
  dim: 5, hidden: 8, classes, slices: ['a', 'a_j', 'kind_x'], seed: 7,
  temperature: 0.1, confidence: 'maxProb', sliceWeight: 3, ...over,
});

function batch(rows: number, classes: number, k: number): Batch {
  const labels = Array.from({ length: rows }, (_, i) => i % classes);
  const masks = Array.from({ length: rows * k }, (_, i) => (i % 3 === 0 ? 1 : 0));
  return {
    x: tf.tensor2d(Array.from({ length: rows * 5 }, (_, i) => Math.sin(i)), [rows, 5]),
    yOneHot: tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat() as tf.Tensor2D,
    masks: k > 0 ? tf.tensor2d(masks, [rows, k]) : null,
  };
}

describe.each([2, 3])('models with %i classes', (classes) => {
  it.each(MODEL_KINDS)('%s: shapes, probabilities, scalar finite loss', (kind) => {
    const model = createModel(kind, spec(classes));
    const b = batch(6, classes, 3);
    const p = model.predictProba(b.x);
    expect(p.shape).toEqual([6, classes]);
    for (const row of p.arraySync()) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    const loss = model.lossFn(b);
    expect(loss.shape).toEqual([]);
    expect(Number.isFinite(loss.dataSync()[0])).toBe(true);
    if (kind === 'sliceAware') {
      expect(model.experts).toEqual(['a', 'a_j', 'kind_x', 'base']);
      const a = model.attention!(b.x);
      expect(a.shape).toEqual([6, 4]);
      for (const row of a.arraySync()) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
      a.dispose();
    }
    tf.dispose([p, loss, b.x, b.yOneHot, b.masks!]);
    model.dispose();
  });
});

it('sliceAware works with every confidence and with no user slices', () => {
  for (const confidence of ['maxProb', 'entropy', 'positiveClass'] as const) {
    const m = createModel('sliceAware', spec(2, { confidence, slices: [] }));
    const b = batch(4, 2, 0);
    const loss = m.lossFn(b);
    expect(Number.isFinite(loss.dataSync()[0])).toBe(true);
    tf.dispose([loss, b.x, b.yOneHot]);
    m.dispose();
  }
  expect(() => createModel('sliceAware', spec(3, { confidence: 'positiveClass' }))).toThrow(/binary only/);
});

it('same seed: plain and sliceAware share the backbone and head init; other seed differs', () => {
  const plain = createModel('plain', spec(3));
  const sram = createModel('sliceAware', spec(3));
  const other = createModel('plain', spec(3, { seed: 8 }));
  // plain: [w1, b1, w2, b2, head w, head b]; sram: backbone then final head first
  for (let i = 0; i < 6; i++) expect(sram.variables[i]!.dataSync()).toEqual(plain.variables[i]!.dataSync());
  expect(other.variables[0]!.dataSync()).not.toEqual(plain.variables[0]!.dataSync());
  [plain, sram, other].forEach((m) => m.dispose());
});

it('reweighted: weights and loss match a hand computation', () => {
  // rows: in slice 0 only, in both, in none, in slice 1 only
  const masks = tf.tensor2d([1, 0, 1, 1, 0, 0, 0, 1], [4, 2]);
  expect(Array.from(sliceWeights(masks, 4, 3).dataSync())).toEqual([3, 3, 1, 3]);
  expect(Array.from(sliceWeights(null, 2, 3).dataSync())).toEqual([1, 1]);
  const s = spec(2, { slices: ['s0', 's1'], sliceWeight: 3 });
  const model = createModel('reweighted', s);
  const plain = createModel('plain', s);
  const x = tf.tensor2d([0.5, -1, 2, 0, 1, 1, 0, -2, 0.3, 0.1, -0.5, 1, 1, 1, 1, 2, -1, 0, 0, 0.2], [4, 5]);
  const y = [1, 0, 0, 1];
  const yOneHot = tf.oneHot(tf.tensor1d(y, 'int32'), 2).toFloat() as tf.Tensor2D;
  const p = model.predictProba(x).arraySync();
  const ce = y.map((c, i) => -Math.log(p[i]![c]!));
  const expected = (3 * ce[0]! + 3 * ce[1]! + 1 * ce[2]! + 3 * ce[3]!) / 4; // sum(w * ce) / batch size
  const loss = model.lossFn({ x, yOneHot, masks });
  expect(loss.dataSync()[0]).toBeCloseTo(expected, 5);
  const plainLoss = plain.lossFn({ x, yOneHot, masks });
  expect(plainLoss.dataSync()[0]).toBeCloseTo(ce.reduce((a, b) => a + b) / 4, 5);
  tf.dispose([masks, x, yOneHot, loss, plainLoss]);
  model.dispose();
  plain.dispose();
});
