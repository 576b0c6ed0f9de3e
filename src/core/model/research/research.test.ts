/**
 * The research structures (SramStructure): every combine works for 2 and 3 classes, routes by
 * the SF masks in training only (teacher forcing), and predicts from features alone; the joint
 * model's loss and prior correction match a hand computation.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../tfNode.ts';
import { DEFAULT_OPTIONS, modelConfig } from '../../train/types.ts';
import { createModel as createProductModel } from '../index.ts';
import { REFERENCE_STRUCTURE, type SramStructure } from '../sramStructure.ts';
import type { Batch, Model, ModelSpec } from '../types.ts';
import { createResearchModel } from './index.ts';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

const spec = (classes: number, over: Partial<ModelSpec> = {}): ModelSpec => ({
  dim: 4,
  hidden: 6,
  classes,
  slices: ['s0', 's1'],
  seed: 3,
  counts: { slices: [2, 2], outside: 1, rows: 5 },
  model: { kind: 'sram', temperature: 0.5, confidence: 'maxProb' },
  ...over,
});

/** A research variant: the sram spec with a structure. */
const build = (withStructure: { spec: ModelSpec; structure: SramStructure }): Model =>
  createResearchModel(withStructure.spec, withStructure.structure);
const variant = (classes: number, structure: Partial<SramStructure>) => ({
  spec: spec(classes),
  structure: { ...REFERENCE_STRUCTURE, ...structure },
});

function batch(classes: number, masks: number[]): Batch {
  const rows = masks.length / 2;
  return {
    x: tf.tensor2d(
      Array.from({ length: rows * 4 }, (_, i) => Math.cos(i * 1.3)),
      [rows, 4],
    ),
    yOneHot: tf
      .oneHot(
        tf.tensor1d(
          Array.from({ length: rows }, (_, i) => i % classes),
          'int32',
        ),
        classes,
      )
      .toFloat() as tf.Tensor2D,
    masks: tf.tensor2d(masks, [rows, 2]),
  };
}

const COMBOS: Partial<SramStructure>[] = [
  { combine: 'attention', teacherForcing: 1, expert: 'mlp', indicatorLoss: 'balanced', residual: true, finalSliceWeight: 2 },
  { combine: 'mixture', teacherForcing: 1, expertWeight: 0 },
  { combine: 'mixture', teacherForcing: 0.5, expert: 'mlp', indicatorLoss: 'balanced' },
  { combine: 'joint', finalSliceWeight: 3, priorCorrection: 0.5 },
  { combine: 'learnedWeight', finalSliceWeight: 4, weightSource: 'both', detachIndicators: true },
  { combine: 'learnedWeight', finalSliceWeight: 4, weightSource: 'predicted', indicatorLoss: 'balanced' },
];

describe.each([2, 3])('%i classes', (classes) => {
  it.each(COMBOS)('%o: probabilities from features only; the training loss uses the masks', (sram) => {
    const model = build(variant(classes, sram));
    const a = batch(classes, [1, 0, 0, 0, 1, 1, 0, 1, 0, 0]);
    const b = { ...a, masks: tf.tensor2d([0, 0, 1, 0, 0, 0, 0, 0, 1, 1], [5, 2]) };
    // predictProba / attention take x only: no mask can reach inference
    expect(model.predictProba.length).toBe(1);
    const p = model.predictProba(a.x);
    expect(p.shape).toEqual([5, classes]);
    for (const row of p.arraySync()) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    const att = model.attention!(a.x);
    expect(att.shape).toEqual([5, 3]);
    for (const row of att.arraySync()) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    const [la, lb] = [model.lossFn(a).dataSync()[0]!, model.lossFn(b).dataSync()[0]!];
    expect(Number.isFinite(la) && Number.isFinite(lb)).toBe(true);
    expect(la).not.toBeCloseTo(lb, 4);
    // a gradient step changes the weights and keeps the loss finite
    const opt = tf.train.adam(0.01);
    opt.minimize(() => model.lossFn(a), false, model.variables);
    expect(Number.isFinite(model.lossFn(a).dataSync()[0]!)).toBe(true);
    opt.dispose();
    tf.dispose([p, att, a.x, a.yOneHot, a.masks!, b.masks]);
    model.dispose();
  });
});

it('teacher forcing 1 (mixture): the final loss trains each expert on its slice rows only', () => {
  // With t = 1 and indicator/expert weights 0, the loss of a row in no slice is the base head's CE,
  // so it cannot depend on the slice experts' weights.
  const model = build(variant(2, { combine: 'mixture', teacherForcing: 1, indicatorWeight: 0, expertWeight: 0 }));
  const b = batch(2, [0, 0, 0, 0]);
  const before = model.lossFn(b).dataSync()[0]!;
  const expertW = model.variables[8]!; // [backbone w1 b1 w2 b2, base w b, indicator w b, experts w ...]
  expertW.assign(tf.mul(expertW, 5));
  expect(model.lossFn(b).dataSync()[0]).toBeCloseTo(before, 6);
  tf.dispose([b.x, b.yOneHot, b.masks!]);
  model.dispose();
});

it('joint: loss and prior-corrected marginal match a hand computation', () => {
  const w = 4,
    corr = 0.5,
    classes = 2;
  const model = build(variant(classes, { combine: 'joint', finalSliceWeight: w, priorCorrection: corr }));
  const b = batch(classes, [1, 0, 1, 1, 0, 0]); // row 0 in s0, row 1 in both, row 2 in none
  const vars = model.variables.map((v) => v.arraySync() as number[][]);
  const [w1, b1, w2, b2, wh, bh] = vars as [number[][], number[], number[][], number[], number[][], number[]];
  const x = b.x.arraySync();
  const affine = (v: number[], m: number[][], bias: number[]) => bias.map((bj, j) => bj + v.reduce((s, vi, i) => s + vi * m[i]![j]!, 0));
  const relu = (v: number[]) => v.map((u) => Math.max(0, u));
  const logits = x.map((row) => affine(relu(affine(relu(affine(row, w1, b1)), w2, b2)), wh, bh)); // [3, 3 groups * 2]
  const lse = (r: number[]) => Math.log(r.reduce((s, v) => s + Math.exp(v), 0));
  const y = [0, 1, 0];
  const route = [
    [1, 0, 0],
    [0.5, 0.5, 0],
    [0, 0, 1],
  ];
  const weights = [w, w, 1];
  let loss = 0;
  logits.forEach((l, n) => {
    const z = lse(l);
    route[n]!.forEach((r, g) => (loss -= weights[n]! * r * (l[g * classes + y[n]!]! - z)));
  });
  expect(model.lossFn(b).dataSync()[0]).toBeCloseTo(loss / 3, 4);
  const shift = corr * Math.log(w);
  const expected = logits.map((l) => {
    const adj = l.map((v, j) => (j < 2 * classes ? v - shift : v));
    const z = lse(adj);
    return [0, 1].map((c) => [0, 1, 2].reduce((s, g) => s + Math.exp(adj[g * classes + c]! - z), 0));
  });
  const p = model.predictProba(b.x).arraySync();
  p.forEach((row, n) => row.forEach((v, c) => expect(v).toBeCloseTo(expected[n]![c]!, 5)));
  tf.dispose([b.x, b.yOneHot, b.masks!]);
  model.dispose();
});

it("the product's sram is the research factory with the reference structure", () => {
  const [a, b] = [createProductModel(spec(2)), createResearchModel(spec(2), REFERENCE_STRUCTURE)];
  const x = batch(2, [1, 0, 0, 1, 0, 0]);
  expect(b.lossFn(x).dataSync()[0]).toBe(a.lossFn(x).dataSync()[0]);
  tf.dispose([x.x, x.yOneHot, x.masks!]);
  [a, b].forEach((m) => m.dispose());
});

it('learnedWeight: masks + detached indicators trains the backbone and head exactly like reweighted', () => {
  const w = 3;
  const lw = build(variant(2, { combine: 'learnedWeight', finalSliceWeight: w, weightSource: 'masks', detachIndicators: true }));
  const rw = createProductModel(
    spec(2, { model: modelConfig('reweighted', { ...DEFAULT_OPTIONS, reweighted: { mode: 'constant', weight: w } }) }),
  );
  const b = batch(2, [1, 0, 0, 0, 0, 1, 0, 0]);
  const shared = rw.variables.length; // backbone + head, drawn identically
  for (let i = 0; i < shared; i++) expect(lw.variables[i]!.dataSync()).toEqual(rw.variables[i]!.dataSync());
  const g1 = tf.variableGrads(() => lw.lossFn(b), lw.variables.slice(0, shared));
  const g2 = tf.variableGrads(() => rw.lossFn(b), rw.variables);
  rw.variables.forEach((v, i) => {
    const a = g1.grads[lw.variables[i]!.name]!.dataSync();
    const e = g2.grads[v.name]!.dataSync();
    Array.from(e).forEach((x, j) => expect(a[j]).toBeCloseTo(x, 6));
  });
  // the predicted membership is a constant weight: with no indicator loss, the indicator gets no gradient
  const pred = build(variant(2, { combine: 'learnedWeight', finalSliceWeight: w, weightSource: 'predicted', indicatorWeight: 0 }));
  const ind = pred.variables.slice(-2);
  const g3 = tf.variableGrads(() => pred.lossFn(b), ind);
  for (const v of ind) expect(Array.from(g3.grads[v.name]!.dataSync()).every((x) => x === 0)).toBe(true);
  tf.dispose([
    ...Object.values(g1.grads),
    ...Object.values(g2.grads),
    ...Object.values(g3.grads),
    g1.value,
    g2.value,
    g3.value,
    b.x,
    b.yOneHot,
    b.masks!,
  ]);
  [lw, rw, pred].forEach((m) => m.dispose());
});
