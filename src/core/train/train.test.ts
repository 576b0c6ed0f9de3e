import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../tfNode.ts';
import { makeBlobs } from '../../../test/blobs.ts';
import { trainModels, type TrainResult } from './train.ts';
import {
  ALL_ROWS,
  DEFAULT_OPTIONS,
  DEFAULT_SETTINGS,
  MODEL_KINDS,
  MODEL_LABELS,
  type EpochReport,
  type TrainData,
  type TrainEvent,
  type TrainSettings,
} from './types.ts';

beforeAll(async () => {
  const { detail } = await initNodeBackend('wasm');
  console.log(`backend: ${detail}`);
});

const settings = (over: Partial<TrainSettings> = {}): TrainSettings => ({
  ...DEFAULT_SETTINGS,
  models: ['plain', 'reweighted', 'sram'],
  epochs: 4,
  batchSize: 32,
  hiddenSize: 16,
  learningRate: 0.01,
  ...over,
});

async function run(data: TrainData, s: TrainSettings, stopAfter = Infinity) {
  const events: TrainEvent[] = [];
  const tensorsAtEpoch: number[] = [];
  const result = await trainModels(data, s, {
    onEvent: (e) => {
      events.push(e);
      tensorsAtEpoch.push(tf.memory().numTensors);
    },
    shouldStop: () => events.length >= stopAfter,
  });
  const reports = events.flatMap((e) => (e.type === 'epoch' ? [e.report] : []));
  return { events, reports, result, tensorsAtEpoch };
}

/** The model's label as a regex prefix (labels may contain parentheses). */
const label = (kind: keyof typeof MODEL_LABELS) => MODEL_LABELS[kind].replace(/[()]/g, '\\$&');
const disposeAll = (r: TrainResult) => Object.values(r.models).forEach((m) => m.dispose());
const strip = (reports: EpochReport[]) => reports.map(({ seconds: _s, ...rest }) => rest);

describe.each([2, 3])('%i classes', (classes) => {
  const data = makeBlobs({ rows: 600, dim: 6, classes, slices: 2, seed: 3 });

  it('every model learns: loss decreases, accuracy high, events interleaved by epoch', async () => {
    const { reports, result } = await run(data, settings());
    expect(reports.map((r) => `${r.epoch}${r.model}`).slice(0, 4)).toEqual(['1plain', '1reweighted', '1sram', '2plain']);
    for (const kind of ['plain', 'reweighted', 'sram'] as const) {
      const losses = reports.filter((r) => r.model === kind).map((r) => r.trainLoss);
      expect(losses).toHaveLength(4);
      expect(losses[3]!).toBeLessThan(losses[0]!);
      expect(result.final[kind]!.overall.accuracy).toBeGreaterThan(0.8);
      expect(Object.keys(result.final[kind]!.slices)).toEqual(['slice_0', 'slice_1']);
      const probs = result.models[kind]!.predictProba(data.x.subarray(0, 6 * 3), 6);
      expect(probs).toHaveLength(3 * classes);
    }
    disposeAll(result);
  });
});

describe('the recommendation never reads test rows', () => {
  it('scrambling every row outside train and valid (features and labels) changes no number of the run', async () => {
    const base = makeBlobs({ rows: 500, dim: 5, classes: 2, slices: 2, seed: 9 });
    // rows 0..99 valid, 125..399 train, 400..499 test (in neither index)
    const data = { ...base, validIdx: base.validIdx.slice(0, 100), trainIdx: base.trainIdx.slice(0, 275) };
    const test = Array.from({ length: 100 }, (_, i) => 400 + i);
    expect(test.every((r) => !data.trainIdx.includes(r) && !data.validIdx.includes(r))).toBe(true);
    const scrambled = { ...data, x: data.x.slice(), y: data.y.slice() };
    for (const r of test) {
      scrambled.y[r] = 1 - scrambled.y[r]!;
      for (let k = 0; k < 5; k++) scrambled.x[r * 5 + k] = 100 * Math.sin(r + k);
    }
    const s = settings({ models: ['plain', 'reweighted', 'sram'], epochs: 2 });
    const [a, b] = [await run(data, s), await run(scrambled, s)];
    expect(b.result.recommendation).toEqual(a.result.recommendation);
    expect(strip(b.reports)).toEqual(strip(a.reports));
    [a, b].forEach((r) => disposeAll(r.result));
  });
});

describe('runs', () => {
  const data = makeBlobs({ rows: 400, dim: 5, classes: 2, slices: 3, seed: 5 });

  it('same seed gives identical numbers, another seed different ones', async () => {
    const a = await run(data, settings({ epochs: 2 }));
    const b = await run(data, settings({ epochs: 2 }));
    const c = await run(data, settings({ epochs: 2, seed: 2 }));
    expect(strip(b.reports)).toEqual(strip(a.reports));
    expect(c.reports.map((r) => r.trainLoss)).not.toEqual(a.reports.map((r) => r.trainLoss));
    [a, b, c].forEach((r) => disposeAll(r.result));
  });

  it('leaks no tensors: flat across epochs, equal before and after', async () => {
    const before = tf.memory().numTensors;
    const { result, tensorsAtEpoch } = await run(data, settings({ epochs: 3 }));
    // 3 models x 3 epochs; from epoch 2 (all Adam slots exist) the count at model m's report is the same
    for (let i = 6; i < tensorsAtEpoch.length; i++) expect(tensorsAtEpoch[i]).toBe(tensorsAtEpoch[i - 3]);
    disposeAll(result);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('attention summary: slice rows then all, experts then base, rows sum to 1', async () => {
    const { reports, result } = await run(data, settings({ models: ['sram'], epochs: 2 }));
    const att = reports[1]!.attention!;
    expect(att.rows).toEqual(['slice_0', 'slice_1', 'slice_2', ALL_ROWS]);
    expect(att.experts).toEqual(['slice_0', 'slice_1', 'slice_2', 'base']);
    for (const row of att.weights) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    expect(reports[0]!.attention).toBeDefined();
    disposeAll(result);
  });

  it('reports divergence on NaN features and keeps no diverged model', async () => {
    const bad = { ...data, x: data.x.slice() };
    bad.x[data.trainIdx[0]! * data.dim] = NaN;
    const before = tf.memory().numTensors;
    const { events, result } = await run(bad, settings({ models: ['plain', 'sram'] }));
    const diverged = events.filter((e) => e.type === 'diverged');
    expect(diverged.map((e) => e.model)).toEqual(['plain', 'sram']);
    expect(diverged[1]).toMatchObject({ epoch: 1 });
    if (diverged[1]!.type === 'diverged')
      expect(diverged[1]!.message).toMatch(new RegExp(`^${label('sram')} diverged at epoch 1 \\(loss NaN\\).*NaN/Infinity`));
    expect(result.diverged).toEqual(['plain', 'sram']);
    expect(result.models).toEqual({});
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports divergence on a huge learning rate', async () => {
    const { events, result } = await run(data, settings({ models: ['sram'], learningRate: 1e6, epochs: 5 }));
    const diverged = events.find((e) => e.type === 'diverged');
    expect(diverged).toMatchObject({ type: 'diverged', model: 'sram', epoch: 1 });
    if (diverged?.type === 'diverged')
      expect(diverged.message).toMatch(new RegExp(`^${label('sram')} diverged at epoch 1 \\(loss .*\\): lower the learning rate$`));
    expect(result.models).toEqual({});
    disposeAll(result);
  });

  it('honours stop: between batches, and from another task while training', async () => {
    const { reports, result } = await run(data, settings(), 2);
    expect(result.stopped).toBe(true);
    expect(reports).toHaveLength(2);
    expect(Object.keys(result.final)).toEqual(['plain', 'reweighted']);
    disposeAll(result);

    let stop = false;
    setTimeout(() => (stop = true), 30);
    const big = makeBlobs({ rows: 4000, dim: 5, classes: 2, slices: 3, seed: 5 });
    const t0 = performance.now();
    const r = await trainModels(big, settings({ epochs: 200 }), { onEvent: () => {}, shouldStop: () => stop });
    expect(r.stopped).toBe(true);
    expect(performance.now() - t0).toBeLessThan(1000);
    disposeAll(r);
  });

  it('reweighted with weight 1 trains exactly like plain', async () => {
    const { reports, result } = await run(
      data,
      settings({
        models: ['plain', 'reweighted'],
        options: { ...DEFAULT_OPTIONS, reweighted: { mode: 'constant', weight: 1 } },
        epochs: 2,
      }),
    );
    const by = (kind: string) => strip(reports.filter((r) => r.model === kind)).map(({ model: _m, ...rest }) => rest);
    expect(by('reweighted')).toEqual(by('plain'));
    disposeAll(result);
  });

  it('trains without user slices; trained models predict from features only', async () => {
    const bare = { ...data, slices: [] };
    const { reports, result } = await run(bare, settings({ epochs: 1 }));
    expect(reports).toHaveLength(3);
    expect(reports[2]!.attention).toEqual({ rows: [ALL_ROWS], experts: ['base'], weights: [[expect.closeTo(1, 5)]] });
    const sram = result.models.sram!;
    const rows = data.validIdx.slice(0, 4);
    const x = Float32Array.from(Array.from(rows).flatMap((i) => Array.from(data.x.subarray(i * 5, i * 5 + 5))));
    const p = sram.predictProba(x, 5);
    expect(p).toHaveLength(8);
    expect(p[0]! + p[1]!).toBeCloseTo(1, 5);
    expect(sram.attention!(x, 5)).toHaveLength(4);
    expect(() => sram.predictProba(x, 4)).toThrow(/expects 5 features/);
    disposeAll(result);
  });

  it('all six models train side by side, with parameter counts and a recommendation among them', async () => {
    const { reports, result } = await run(data, settings({ models: [...MODEL_KINDS], epochs: 2 }));
    expect(new Set(reports.map((r) => r.model))).toEqual(new Set(MODEL_KINDS));
    for (const kind of MODEL_KINDS) expect(reports.find((r) => r.model === kind)!.parameters).toBe(result.parameters[kind]);
    expect(result.parameters.moe!).toBeGreaterThan(3 * result.parameters.plain!);
    const rec = result.recommendation!;
    expect(MODEL_KINDS).toContain(rec.model);
    expect(rec.candidates.map((c) => c.model)).toEqual([...MODEL_KINDS]);
    expect(rec.candidates.find((c) => c.model === 'plain')!.overall).toBe(result.final.plain!.overall.accuracy);
    expect(rec.rows).toBe('valid');
    disposeAll(result);
  });

  it('rejects bad input with a clear message', async () => {
    const hooks = { onEvent: () => {}, shouldStop: () => false };
    await expect(trainModels(data, settings({ epochs: 0 }), hooks)).rejects.toThrow(/epochs/);
    const dup = { ...data, slices: [data.slices[0]!, data.slices[0]!] };
    await expect(trainModels(dup, settings(), hooks)).rejects.toThrow(/duplicate slice name/);
  });
});
