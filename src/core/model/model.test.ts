/**
 * The six product models: shapes, probabilities, loss falls, determinism, no tensor leaks, multiclass,
 * and each model's loss against a hand computation where one is small enough to write down.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../tfNode.ts';
import { FlatAdam } from '../train/adam.ts';
import { DEFAULT_OPTIONS, MODEL_KINDS, modelConfig, type ModelKind, type ModelOptions } from '../train/types.ts';
import { createModel, parameterCount } from './index.ts';
import { createHpsModel } from './hps.ts';
import { groupRowWeights, inverseFrequencyWeights, sliceWeights } from './losses.ts';
import type { Batch, ModelSpec } from './types.ts';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

const SLICES = ['a', 'a_j', 'kind_x'];

function spec(kind: ModelKind, classes: number, over: Partial<ModelSpec> = {}, options: Partial<ModelOptions> = {}): ModelSpec {
  const slices = over.slices ?? SLICES;
  return {
    dim: 5,
    hidden: 8,
    classes,
    slices,
    seed: 7,
    counts: { slices: slices.map(() => 10), outside: 20, rows: 40 },
    model: modelConfig(kind, { ...DEFAULT_OPTIONS, ...options }),
    ...over,
  };
}

/**
 * rows x 5 features, learnable: labels cycle over the classes and feature j is shifted by 2 on rows of
 * class j. masks: row i is in slice j when (i + j) % 3 === 0.
 */
function batch(rows: number, classes: number, k: number): Batch {
  const labels = Array.from({ length: rows }, (_, i) => i % classes);
  const x = Array.from({ length: rows * 5 }, (_, n) => Math.sin(n) + (labels[Math.floor(n / 5)] === n % 5 ? 2 : 0));
  const masks = Array.from({ length: rows * k }, (_, n) => ((Math.floor(n / k) + (n % k)) % 3 === 0 ? 1 : 0));
  return {
    x: tf.tensor2d(x, [rows, 5]),
    yOneHot: tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat() as tf.Tensor2D,
    masks: k > 0 ? tf.tensor2d(masks, [rows, k]) : null,
  };
}

const disposeBatch = (b: Batch) => tf.dispose([b.x, b.yOneHot, ...(b.masks ? [b.masks] : [])]);

/** n Adam steps on one batch; the losses. */
function train(kind: ModelKind, classes: number, steps: number, seed = 7): number[] {
  const model = createModel(spec(kind, classes, { seed }));
  const opt = new FlatAdam(0.01);
  const b = batch(24, classes, SLICES.length);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const loss = opt.minimize(() => model.lossFn(b), model.variables);
    losses.push(loss.dataSync()[0]!);
    loss.dispose();
  }
  opt.dispose();
  model.dispose();
  disposeBatch(b);
  return losses;
}

describe.each([2, 3])('every model with %i classes', (classes) => {
  it.each(MODEL_KINDS)('%s: shapes, probabilities, routing, finite scalar loss', (kind) => {
    const model = createModel(spec(kind, classes));
    expect(model.kind).toBe(kind);
    const b = batch(6, classes, 3);
    const out = model.predict(b.x);
    expect(out.proba.shape).toEqual([6, classes]);
    for (const row of out.proba.arraySync()) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    const loss = model.lossFn(b);
    expect(loss.shape).toEqual([]);
    expect(Number.isFinite(loss.dataSync()[0])).toBe(true);
    if (kind === 'sram' || kind === 'moe') {
      expect(model.experts).toEqual([...SLICES, 'base']);
      expect(out.attention!.shape).toEqual([6, 4]);
      for (const row of out.attention!.arraySync()) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    } else {
      expect(out.attention).toBeUndefined();
    }
    tf.dispose([out.proba, ...(out.attention ? [out.attention] : []), loss]);
    disposeBatch(b);
    model.dispose();
  });

  it.each(MODEL_KINDS)('%s: the training loss falls, and the same seed gives the same losses', (kind) => {
    const first = train(kind, classes, 40);
    expect(first[39]!).toBeLessThan(0.7 * first[0]!);
    expect(train(kind, classes, 5)).toEqual(first.slice(0, 5));
    expect(train(kind, classes, 5, 8)).not.toEqual(first.slice(0, 5));
  });
});

it.each(MODEL_KINDS)('%s: no tensor is left behind by building, training, predicting and disposing', (kind) => {
  const b = batch(12, 3, 3);
  const before = tf.memory().numTensors;
  const model = createModel(spec(kind, 3));
  const opt = new FlatAdam(0.01);
  for (let i = 0; i < 3; i++) opt.minimize(() => model.lossFn(b), model.variables).dispose();
  const out = model.predict(b.x);
  tf.dispose([out.proba, ...(out.attention ? [out.attention] : [])]);
  opt.dispose();
  model.dispose();
  expect(tf.memory().numTensors).toBe(before);
  disposeBatch(b);
});

it.each(MODEL_KINDS)('%s works with no user slices', (kind) => {
  const model = createModel(spec(kind, 2, { slices: [], counts: { slices: [], outside: 40, rows: 40 } }));
  const b = batch(4, 2, 0);
  const loss = model.lossFn(b);
  expect(Number.isFinite(loss.dataSync()[0])).toBe(true);
  tf.dispose(loss);
  disposeBatch(b);
  model.dispose();
});

it('parameter counts: plain-sized baselines, then HPS (K heads), SRAM (experts), MoE (K + 1 networks)', () => {
  const count = (kind: ModelKind) => {
    const m = createModel(spec(kind, 2));
    const n = parameterCount(m);
    m.dispose();
    return n;
  };
  // plain: 5*8+8 + 8*8+8 + 8*2+2 = 138
  expect(count('plain')).toBe(138);
  expect(count('reweighted')).toBe(138);
  expect(count('groupDro')).toBe(138);
  expect(count('hps')).toBe(138 + 3 * (8 * 2 + 2));
  expect(count('sram')).toBeGreaterThan(count('hps'));
  // moe: 4 experts of (5*8+8 + 8*8+8 + 8*2+2) and a gate 8*4+4
  expect(count('moe')).toBe(4 * 138 + 36);
});

it("same seed: every plain-network model starts from plain's backbone and head; another seed differs", () => {
  const plain = createModel(spec('plain', 3));
  for (const kind of ['reweighted', 'sram', 'hps', 'groupDro'] as const) {
    const other = createModel(spec(kind, 3));
    for (let i = 0; i < 6; i++) expect(other.variables[i]!.dataSync()).toEqual(plain.variables[i]!.dataSync());
    other.dispose();
  }
  const reseeded = createModel(spec('plain', 3, { seed: 8 }));
  expect(reseeded.variables[0]!.dataSync()).not.toEqual(plain.variables[0]!.dataSync());
  [plain, reseeded].forEach((m) => m.dispose());
});

it('sram: every confidence works; P(class 1) is refused for 3 classes', () => {
  for (const confidence of ['maxProb', 'entropy', 'positiveClass'] as const) {
    const m = createModel(spec('sram', 2, {}, { sram: { temperature: 1, confidence } }));
    const b = batch(4, 2, 3);
    const loss = m.lossFn(b);
    expect(Number.isFinite(loss.dataSync()[0])).toBe(true);
    tf.dispose(loss);
    disposeBatch(b);
    m.dispose();
  }
  expect(() => createModel(spec('sram', 3, {}, { sram: { temperature: 1, confidence: 'positiveClass' } }))).toThrow(/binary only/);
});

/** Per-row cross-entropy of a model's current predictions. */
function rowCe(model: ReturnType<typeof createModel>, x: tf.Tensor2D, y: number[]): number[] {
  const p = model.predictProba(x);
  const rows = p.arraySync();
  p.dispose();
  return y.map((c, i) => -Math.log(rows[i]![c]!));
}

const X = () => tf.tensor2d([0.5, -1, 2, 0, 1, 1, 0, -2, 0.3, 0.1, -0.5, 1, 1, 1, 1, 2, -1, 0, 0, 0.2], [4, 5]);
const Y = [1, 0, 0, 1];
// rows: in slice 0 only, in both, in none, in slice 1 only
const MASKS = [1, 0, 1, 1, 0, 0, 0, 1];
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

it('reweighted, constant: sum(w * ce) / batch size with w = weight in any slice, else 1', () => {
  const masks = tf.tensor2d(MASKS, [4, 2]);
  expect(Array.from(sliceWeights(masks, 4, 3).dataSync())).toEqual([3, 3, 1, 3]);
  const s = spec(
    'reweighted',
    2,
    { slices: ['s0', 's1'], counts: { slices: [2, 2], outside: 1, rows: 4 } },
    { reweighted: { mode: 'constant', weight: 3 } },
  );
  const model = createModel(s);
  const x = X();
  const yOneHot = tf.oneHot(tf.tensor1d(Y, 'int32'), 2).toFloat() as tf.Tensor2D;
  const ce = rowCe(model, x, Y);
  const loss = model.lossFn({ x, yOneHot, masks });
  expect(loss.dataSync()[0]).toBeCloseTo((3 * ce[0]! + 3 * ce[1]! + ce[2]! + 3 * ce[3]!) / 4, 5);
  tf.dispose([masks, x, yOneHot, loss]);
  model.dispose();
});

it('reweighted, inverse frequency: every group gets the same total weight; a row counts for its smallest slice', () => {
  // 100 rows: slice s0 has 10, s1 has 40, 50 are in none; 3 groups -> w = 100 / (3 n)
  const w = inverseFrequencyWeights({ slices: [10, 40], outside: 50, rows: 100 });
  expect(w.slices[0]).toBeCloseTo(100 / 30, 10);
  expect(w.slices[1]).toBeCloseTo(100 / 120, 10);
  expect(w.outside).toBeCloseTo(100 / 150, 10);
  // an empty group is not counted
  expect(inverseFrequencyWeights({ slices: [0, 50], outside: 50, rows: 100 }).slices).toEqual([0, 1]);
  const masks = tf.tensor2d(MASKS, [4, 2]);
  const rows = Array.from(groupRowWeights(masks, 4, w).dataSync());
  [w.slices[0]!, w.slices[0]!, w.outside, w.slices[1]!].forEach((v, i) => expect(rows[i]).toBeCloseTo(v, 5));
  masks.dispose();
});

it('groupDro: q moves toward the groups with the highest loss, and the loss is sum q_g L_g (two batches by hand)', () => {
  const eta = 0.5;
  const s = spec(
    'groupDro',
    2,
    { slices: ['s0', 's1'], counts: { slices: [4, 9], outside: 16, rows: 25 } },
    { groupDro: { eta, sizeAdjustment: 1 } },
  );
  const model = createModel(s);
  const x = X();
  const yOneHot = tf.oneHot(tf.tensor1d(Y, 'int32'), 2).toFloat() as tf.Tensor2D;
  const masks = tf.tensor2d(MASKS, [4, 2]);
  const ce = rowCe(model, x, Y);
  // groups: s0 = rows 0, 1; s1 = rows 1, 3; outside = row 2; sizes 4, 9, 16 -> adjustments 1/2, 1/3, 1/4
  const losses = [mean([ce[0]!, ce[1]!]), mean([ce[1]!, ce[3]!]), ce[2]!];
  const adj = [1 / 2, 1 / 3, 1 / 4];
  let q = [1 / 3, 1 / 3, 1 / 3];
  for (let step = 0; step < 2; step++) {
    const next = q.map((qg, g) => qg * Math.exp(eta * (losses[g]! + adj[g]!)));
    const sum = next.reduce((a, b) => a + b, 0);
    q = next.map((v) => v / sum);
    const loss = model.lossFn({ x, yOneHot, masks });
    expect(loss.dataSync()[0]).toBeCloseTo(
      q.reduce((acc, qg, g) => acc + qg * losses[g]!, 0),
      5,
    );
    loss.dispose();
  }
  tf.dispose([x, yOneHot, masks]);
  model.dispose();
});

it('hps: with slice loss weight 0 it is plain; the slice heads add their in-slice losses', () => {
  const x = X();
  const yOneHot = tf.oneHot(tf.tensor1d(Y, 'int32'), 2).toFloat() as tf.Tensor2D;
  const masks = tf.tensor2d(MASKS, [4, 2]);
  const over = { slices: ['s0', 's1'], counts: { slices: [2, 2], outside: 1, rows: 4 } };
  const plain = createModel(spec('plain', 2, over));
  const off = createModel(spec('hps', 2, over, { hps: { sliceLossWeight: 0 } }));
  const on = createModel(spec('hps', 2, over, { hps: { sliceLossWeight: 2 } }));
  const value = (m: typeof plain) => {
    const l = m.lossFn({ x, yOneHot, masks });
    const v = l.dataSync()[0]!;
    l.dispose();
    return v;
  };
  expect(value(off)).toBeCloseTo(value(plain), 6);
  expect(value(on)).toBeGreaterThan(value(plain) + 0.1);
  // serving uses the base head only: the same predictions as plain at the same init
  const [a, b] = [plain.predictProba(x), on.predictProba(x)];
  expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
  tf.dispose([a, b, x, yOneHot, masks]);
  [plain, off, on].forEach((m) => m.dispose());
});

it.each([2, 3])('hps: the host slice loss (wasm / cpu) gives the tensor version’s loss and every gradient (%i classes)', (classes) => {
  const s = spec('hps', classes, {}, { hps: { sliceLossWeight: 1.5 } });
  const host = createHpsModel(s);
  const tensor = createHpsModel(s, { hostLoss: false });
  const b = batch(12, classes, SLICES.length);
  const before = tf.memory().numTensors;
  const [g1, g2] = [host, tensor].map((m) => tf.variableGrads(() => m.lossFn(b), m.variables));
  expect(g1!.value.dataSync()[0]).toBeCloseTo(g2!.value.dataSync()[0]!, 5);
  let largest = 0;
  host.variables.forEach((v, i) => {
    const a = g1!.grads[v.name]!.dataSync(),
      c = g2!.grads[tensor.variables[i]!.name]!.dataSync();
    a.forEach((x, j) => expect(x).toBeCloseTo(c[j]!, 5));
    largest = Math.max(largest, ...Array.from(a, Math.abs));
  });
  expect(largest).toBeGreaterThan(1e-3);
  [g1!, g2!].forEach((g) => tf.dispose([g.value, ...Object.values(g.grads)]));
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose([b.x, b.yOneHot, ...(b.masks ? [b.masks] : [])]);
  [host, tensor].forEach((m) => m.dispose());
});
