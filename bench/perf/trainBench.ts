/**
 * Training throughput: examples/s of one model's training steps in steady state, on whatever tfjs
 * backend is current. Pure core + tfjs: runs in Node and in a browser worker alike.
 *
 * It drives the same pieces as src/core/train/train.ts (createModel, uploadSplit's batches,
 * FlatAdam.minimize with the loss kept on the backend and read back once per timed window), on a
 * synthetic split of random features, labels and slice masks. Warm-up steps (kernel compilation,
 * first allocations) are run and excluded; the timed window ends with a readback so queued GPU work
 * is counted.
 */
import * as tf from '@tensorflow/tfjs';
import { createModel } from '../../src/core/model/index.ts';
import { createRng } from '../../src/core/random.ts';
import { FlatAdam } from '../../src/core/train/adam.ts';
import { uploadSplit } from '../../src/core/train/device.ts';
import { modelSpec } from '../../src/core/train/train.ts';
import { DEFAULT_SETTINGS, type SramPreset, type TrainData, type TrainSettings } from '../../src/core/train/types.ts';

export interface TrainConfig {
  features: number;
  hidden: number;
  slices: number; // user slices K (SRAM adds the base)
  batch: number;
}

export const REFERENCE_CONFIG: TrainConfig = { features: 64, hidden: 64, slices: 8, batch: 256 };
export const LARGE_CONFIG: TrainConfig = { features: 64, hidden: 512, slices: 32, batch: 1024 };

export interface TrainMeasure {
  model: 'plain' | 'sliceAware';
  /** The slice-aware preset ('reference' = Snorkel's SRAM); ignored by plain. */
  sram: SramPreset;
  backend: string;
  config: TrainConfig;
  warmupSteps: number;
  steps: number;
  seconds: number;
  examplesPerSecond: number;
  /** Milliseconds per training step (one batch), over all timed steps. */
  msPerStep: number;
  /**
   * The fastest window of `window` consecutive steps, as examples/s: on a shared machine other
   * processes' load only ever slows a window down, so this is the closest to the code's own speed.
   */
  bestWindowExamplesPerSecond: number;
  window: number;
}

/** A split of `rows` random rows: features N(0,1)-ish, 2 classes, each slice covering ~10-30%. */
export function syntheticTrainData(rows: number, config: TrainConfig, seed = 1): TrainData {
  const rng = createRng(seed);
  const x = new Float32Array(rows * config.features);
  for (let i = 0; i < x.length; i++) x[i] = 2 * rng() - 1;
  const y = new Int32Array(rows);
  for (let i = 0; i < rows; i++) y[i] = (x[i * config.features]! + 0.3 * (rng() - 0.5) > 0 ? 1 : 0);
  const slices = Array.from({ length: config.slices }, (_, s) => {
    const mask = new Uint8Array(rows);
    const coverage = 0.1 + 0.2 * ((s * 7) % 10) / 10;
    for (let i = 0; i < rows; i++) mask[i] = rng() < coverage ? 1 : 0;
    return { name: `sf_${s}`, mask };
  });
  const trainIdx = Int32Array.from({ length: rows }, (_, i) => i);
  return { x, dim: config.features, y, classes: ['0', '1'], slices, trainIdx, validIdx: new Int32Array(0) };
}

/**
 * Times `steps` training steps after `warmupSteps` untimed ones. The batch order cycles over a split
 * of 8 batches' worth of rows (enough to vary the batches; the data size does not change a step's cost).
 */
export async function measureTraining(
  kind: 'plain' | 'sliceAware',
  config: TrainConfig,
  steps: number,
  warmupSteps = 5,
  sram: SramPreset = 'reference',
): Promise<TrainMeasure> {
  const rows = config.batch * 8;
  const data = syntheticTrainData(rows, config);
  const settings: TrainSettings = { ...DEFAULT_SETTINGS, hiddenSize: config.hidden, batchSize: config.batch, sram };
  const model = createModel(kind, modelSpec(data, settings));
  const optimizer = new FlatAdam(settings.learningRate);
  const split = uploadSplit(data, data.trainIdx);
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const step = async (n: number): Promise<number> => {
    let total: tf.Scalar = tf.scalar(0);
    for (let i = 0; i < n; i++) {
      const start = (i % 8) * config.batch;
      const next = tf.tidy(() => {
        const batch = split.batch(order, start, start + config.batch);
        const cost = optimizer.minimize(() => model.lossFn(batch), model.variables);
        return tf.add(total, cost) as tf.Scalar;
      });
      total.dispose();
      total = next;
    }
    const value = (await total.data())[0]!;
    total.dispose();
    return value;
  };
  try {
    const warm = await step(warmupSteps);
    if (!Number.isFinite(warm)) throw new Error(`${kind} on ${tf.getBackend()}: non-finite loss during warm-up`);
    const window = Math.max(1, Math.min(10, Math.floor(steps / 3)));
    let seconds = 0;
    let best = Infinity;
    for (let done = 0; done < steps; done += window) {
      const n = Math.min(window, steps - done);
      const t0 = performance.now();
      const loss = await step(n);
      const s = (performance.now() - t0) / 1000;
      if (!Number.isFinite(loss)) throw new Error(`${kind} on ${tf.getBackend()}: non-finite loss`);
      seconds += s;
      if (n === window) best = Math.min(best, s);
    }
    return {
      model: kind,
      sram,
      backend: tf.getBackend(),
      config,
      warmupSteps,
      steps,
      seconds,
      examplesPerSecond: (steps * config.batch) / seconds,
      msPerStep: (seconds * 1000) / steps,
      bestWindowExamplesPerSecond: (window * config.batch) / best,
      window,
    };
  } finally {
    split.dispose();
    optimizer.dispose();
    model.dispose();
  }
}
