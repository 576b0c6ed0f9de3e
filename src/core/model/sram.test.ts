/** SRAM's loss and attention against a plain-JS transcription of the formulas (sram.ts header). */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { initNodeBackend } from '../tfNode.ts';
import { AUTO_EXPERT_RANK, resolveExpertRank, type Confidence } from '../train/types.ts';
import { createSramModel } from './sram.ts';
import { sramHeadLossHost } from './sramLossHost.ts';
import { REFERENCE_STRUCTURE, type SramStructure } from './sramStructure.ts';
import type { ModelSpec } from './types.ts';

const sramSpec = (
  over: Omit<ModelSpec, 'model' | 'counts'>,
  temperature: number,
  confidence: Confidence,
  expertRank?: number | 'auto',
): ModelSpec => ({
  ...over,
  counts: { slices: over.slices.map(() => 1), outside: 1, rows: 2 },
  model: { kind: 'sram', temperature, confidence, ...(expertRank === undefined ? {} : { expertRank }) },
});

beforeAll(async () => {
  await initNodeBackend('wasm');
});

type M = number[][];
const affine = (x: M, w: M, b: number[]): M => x.map((row) => b.map((bj, j) => bj + row.reduce((s, v, k) => s + v * w[k]![j]!, 0)));
const relu = (x: M): M => x.map((r) => r.map((v) => Math.max(0, v)));
const logSoftmax = (r: number[]) => {
  const mx = Math.max(...r);
  const lse = mx + Math.log(r.reduce((s, v) => s + Math.exp(v - mx), 0));
  return r.map((v) => v - lse);
};
const softmax = (r: number[]) => logSoftmax(r).map(Math.exp);

function reference(vars: M[], x: M, y: number[], masks: M, h: number, t: number, conf: Confidence) {
  const [w1, b1, w2, b2, wf, bf, wi, bi, we, be, wp, bp] = vars as [M, M, M, M, M, M, M, M, M, M, M, M];
  const row = (v: M) => v as unknown as number[]; // biases are 1-d
  const z = relu(affine(relu(affine(x, w1, row(b1))), w2, row(b2)));
  const d = affine(z, wi, row(bi));
  const reps = affine(z, we, row(be));
  const s = d[0]!.length;
  let ceFinal = 0,
    ceInd = 0;
  const predSum = new Array<number>(s).fill(0),
    count = new Array<number>(s).fill(0);
  const attention: M = [];
  z.forEach((_, n) => {
    const m = [...masks[n]!, 1];
    const experts = Array.from({ length: s }, (_, i) => reps[n]!.slice(i * h, (i + 1) * h));
    const lp = experts.map((r) => logSoftmax(affine([r], wp, row(bp))[0]!));
    const p = lp.map((l) =>
      conf === 'maxProb' ? Math.exp(Math.max(...l)) : 1 + l.reduce((acc, v) => acc + Math.exp(v) * v, 0) / Math.log(l.length),
    );
    const q = d[n]!.map((v) => 1 / (1 + Math.exp(-v)));
    const a = softmax(q.map((qi, i) => (qi * p[i]!) / t));
    attention.push(a);
    const r = Array.from({ length: h }, (_, k) => a.reduce((acc, ai, i) => acc + ai * experts[i]![k]!, 0));
    ceFinal -= logSoftmax(affine([r], wf, row(bf))[0]!)[y[n]!]!;
    q.forEach((qi, i) => (ceInd -= m[i] ? Math.log(qi) : Math.log(1 - qi)));
    lp.forEach((l, i) => {
      predSum[i]! += m[i]! * -l[y[n]!]!;
      count[i]! += m[i]!;
    });
  });
  const b = x.length;
  const cePred = predSum.reduce((acc, v, i) => acc + v / Math.max(count[i]!, 1), 0);
  return { loss: ceFinal / b + ceInd / b + cePred, attention };
}

it.each(['maxProb', 'entropy'] as const)('loss and attention match the formulas (%s, 3 classes)', (confidence) => {
  const h = 4,
    temperature = 0.5;
  const model = createSramModel(sramSpec({ dim: 3, hidden: h, classes: 3, slices: ['a', 'a_j'], seed: 11 }, temperature, confidence));
  // Give biases non-zero values so they are exercised too.
  model.variables.forEach((v, i) => v.shape.length === 1 && v.assign(tf.fill(v.shape, 0.1 * ((i % 3) - 1))));
  const x = [
    [1, -0.5, 2],
    [0.3, 0.3, -1],
    [-2, 1, 0.5],
    [0, 0.7, 0.2],
  ];
  const y = [0, 2, 1, 2];
  const masks = [
    [1, 0],
    [1, 0],
    [0, 0],
    [1, 0],
  ]; // slice 'a_j' empty in this batch: its pred loss is 0
  const vars = model.variables.map((v) => v.arraySync() as M);
  const ref = reference(vars, x, y, masks, h, temperature, confidence);
  const xt = tf.tensor2d(x);
  const yOneHot = tf.oneHot(tf.tensor1d(y, 'int32'), 3).toFloat() as tf.Tensor2D;
  const mt = tf.tensor2d(masks);
  const loss = model.lossFn({ x: xt, yOneHot, masks: mt });
  expect(loss.dataSync()[0]).toBeCloseTo(ref.loss, 4);
  const att = model.attention!(xt);
  (att.arraySync() as M).forEach((r, n) => r.forEach((v, i) => expect(v).toBeCloseTo(ref.attention[n]![i]!, 5)));
  tf.dispose([loss, att, xt, yOneHot, mt]);
  model.dispose();
});

const FOLD_CASES: [Confidence, number, Partial<SramStructure>][] = [
  ['maxProb', 3, {}],
  ['maxProb', 3, { residual: true, teacherForcing: 0.3 }],
  ['entropy', 3, { teacherForcing: 0.3, indicatorLoss: 'balanced', finalSliceWeight: 2.5 }],
  ['positiveClass', 2, { indicatorWeight: 0.5, expertWeight: 2 }],
  ['entropy', 2, { indicatorLoss: 'balanced', teacherForcing: 0.5 }],
  ['maxProb', 2, {}],
  ['maxProb', 2, { teacherForcing: 0.4, finalSliceWeight: 3 }],
  // Two classes, the product's structure: the host op's class-difference heads (sramBinaryHost.ts).
  ['entropy', 2, {}],
  ['entropy', 2, { indicatorLoss: 'balanced', expertWeight: 0.5 }],
  ['positiveClass', 2, { indicatorLoss: 'balanced' }],
];

/**
 * On wasm the default fused loss is sramHostOp.ts (host arrays: with two classes, the WebAssembly
 * kernel's slice layer, sramBinaryLayer.ts; kernel false: the JS loops); hostOp false is the tensor
 * version the GPU backends run; fold false is the unfused model under tfjs autodiff. All must agree.
 */
function compareFused(confidence: Confidence, classes: number, sram: Partial<SramStructure>, slices: string[], expertRank?: number) {
  const spec = sramSpec({ dim: 3, hidden: 5, classes, slices, seed: 7 }, 0.5, confidence, expertRank);
  const structure = { ...REFERENCE_STRUCTURE, ...sram };
  const folded = createSramModel(spec, structure);
  const loops = createSramModel(spec, structure, { kernel: false });
  const device = createSramModel(spec, structure, { hostOp: false });
  const full = createSramModel(spec, structure, { fold: false });
  folded.variables.forEach((v, i) => v.shape.length === 1 && v.assign(tf.fill(v.shape, 0.05 * (i - 5))));
  [loops, device, full].forEach((m) => m.variables.forEach((v, i) => v.assign(folded.variables[i]!)));
  const masks = [
    [1, 0],
    [1, 1],
    [0, 0],
    [1, 0],
  ].map((r) => r.slice(0, slices.length));
  const batch = {
    x: tf.tensor2d([
      [1, -0.5, 2],
      [0.3, 0.3, -1],
      [-2, 1, 0.5],
      [0, 0.7, 0.2],
    ]),
    yOneHot: tf.oneHot(tf.tensor1d([0, classes - 1, 1, classes - 1], 'int32'), classes).toFloat() as tf.Tensor2D,
    masks: slices.length ? tf.tensor2d(masks) : null,
  };
  const before = tf.memory().numTensors;
  const grads = (m: typeof full) => tf.variableGrads(() => m.lossFn(batch), m.variables);
  const [a, l, d, b] = [grads(folded), grads(loops), grads(device), grads(full)];
  const modelOf = new Map([
    [a, folded],
    [l, loops],
    [d, device],
  ]);
  for (const other of [a, l, d]) {
    expect(other.value.dataSync()[0]).toBeCloseTo(b.value.dataSync()[0]!, 5);
    folded.variables.forEach((_, i) => {
      const go = other.grads[modelOf.get(other)!.variables[i]!.name]!.dataSync(),
        gb = b.grads[full.variables[i]!.name]!.dataSync();
      expect(go.length).toBe(gb.length);
      go.forEach((g, j) => expect(g).toBeCloseTo(gb[j]!, 5));
    });
  }
  // The gradients are not all ~0 (the comparison above would then be empty).
  expect(Math.max(...Object.values(a.grads).map((g) => tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0]!)))).toBeGreaterThan(1e-3);
  tf.dispose([a, l, b, d].flatMap((g) => [g.value, ...Object.values(g.grads)]));
  expect(tf.memory().numTensors).toBe(before); // the fused loss keeps nothing past its gradient
  const [pa, pl, pb] = [folded.predict(batch.x), loops.predict(batch.x), full.predict(batch.x)];
  for (const p of [pa, pl]) {
    p.proba.dataSync().forEach((v, j) => expect(v).toBeCloseTo(pb.proba.dataSync()[j]!, 6));
    p.attention!.dataSync().forEach((v, j) => expect(v).toBeCloseTo(pb.attention!.dataSync()[j]!, 6));
  }
  tf.dispose([pa, pl, pb].flatMap((p) => [p.proba, p.attention!]));
  tf.dispose([batch.x, batch.yOneHot, ...(batch.masks ? [batch.masks] : [])]);
  [folded, loops, device, full].forEach((m) => m.dispose());
}

it.each(FOLD_CASES)(
  'folded heads and the fused loss (host and tensor versions) keep the loss, every gradient and the predictions (%s, %i classes, %o)',
  (confidence, classes, sram) => {
    compareFused(confidence, classes, sram, ['a', 'b']);
  },
);

it.each(['maxProb', 'entropy'] as const)('the fused loss matches autodiff with no user slices (%s)', (confidence) => {
  compareFused(confidence, 3, { teacherForcing: 0.3, finalSliceWeight: 2 }, []);
});

/** Compact experts (expertRank r < h): the slice layer reads z P, P [h, r] shared; same three paths. */
it.each(FOLD_CASES)(
  'compact experts (rank 2 of 5): the fused loss (host and tensor) matches autodiff, every gradient and the predictions (%s, %i classes, %o)',
  (confidence, classes, sram) => {
    compareFused(confidence, classes, sram, ['a', 'b'], 2);
  },
);

it('compact experts with no user slices match autodiff', () => {
  compareFused('maxProb', 3, {}, [], 3);
});

it('the expert rank sets the slice layer size: S(r+1)(h+1) - S + hr weights instead of S(h+1)(h+1) - S; 0 and r >= h are the reference', () => {
  const size = (expertRank?: number | 'auto') => {
    const m = createSramModel(sramSpec({ dim: 3, hidden: 16, classes: 2, slices: ['a', 'b', 'c'], seed: 1 }, 1, 'maxProb', expertRank));
    const n = m.variables.reduce((acc, v) => acc + v.size, 0);
    m.dispose();
    return n;
  };
  const full = size();
  const s = 4,
    h = 16,
    r = 4;
  expect(size(0)).toBe(full);
  expect(size(16)).toBe(full);
  // indicator [u, S] + [S], experts [u, S*h] + [S*h], P [h, r]: u = h (full) or r (compact)
  expect(full - size(r)).toBe((h - r) * s + (h - r) * s * h - h * r);
  expect(() => size(1.5)).toThrow(/expert rank/);
  // 'auto': full up to AUTO_EXPERT_RANK.fullUpTo user slices (3 here), compact beyond.
  expect(size('auto')).toBe(full);
});

it("'auto' expert rank: full experts up to 16 user slices, rank 8 beyond", () => {
  expect(resolveExpertRank('auto', 8)).toBe(0);
  expect(resolveExpertRank('auto', AUTO_EXPERT_RANK.fullUpTo)).toBe(0);
  expect(resolveExpertRank('auto', AUTO_EXPERT_RANK.fullUpTo + 1)).toBe(AUTO_EXPERT_RANK.rank);
  expect(resolveExpertRank(undefined, 128)).toBe(0);
  expect(resolveExpertRank(4, 2)).toBe(4);
});

it('the host loss stays finite at 1,200 slices (its product of softplus terms is renormalised)', () => {
  const b = 2,
    s = 1201,
    c = 2;
  // All head outputs 0: every indicator term is softplus(0) = log 2, the final and base-expert CEs log 2.
  const both = new Float32Array(b * (s + 2 * s * c));
  const { value } = sramHeadLossHost(both, b, s, c, Float32Array.from([1, 0, 0, 1]), new Float32Array(b * (s - 1)), {
    invT: 1,
    confidence: 'maxProb',
    sram: REFERENCE_STRUCTURE,
  });
  expect(value).toBeCloseTo((s + 2) * Math.log(2), 6);
});
