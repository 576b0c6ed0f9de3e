/**
 * Training throughput: examples/s of one model's training in steady state, on whatever tfjs backend
 * is current. Pure core + tfjs: runs in Node and in a browser worker alike.
 *
 * It times the PRODUCT's own training epoch: src/core/train/train.ts's trainModels (its batches,
 * FlatAdam steps, loss kept on the backend and read back once per epoch, the per-epoch validation
 * pass and divergence check), on a synthetic split of random features, labels and slice masks, and
 * reads each epoch's seconds from its epoch events. An epoch is 8 batches (the split holds 8 batches'
 * worth of rows; the data size does not change a step's cost) plus a validation pass over one batch
 * of rows. Warm-up epochs (kernel compilation, first allocations) are run and excluded.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../src/core/random.ts';
import { trainModels } from '../../src/core/train/train.ts';
import { DEFAULT_SETTINGS, type TrainData, type TrainSettings } from '../../src/core/train/types.ts';

export interface TrainConfig {
  features: number;
  hidden: number;
  slices: number; // user slices K (SRAM adds the base)
  batch: number;
}

export const REFERENCE_CONFIG: TrainConfig = { features: 64, hidden: 64, slices: 8, batch: 256 };
export const LARGE_CONFIG: TrainConfig = { features: 64, hidden: 512, slices: 32, batch: 1024 };

/** The models the perf benchmark times: the baseline and the seed's method (at the product's default options). */
export type MeasuredModel = 'plain' | 'sram';

/** Training batches per timed epoch. */
export const STEPS_PER_EPOCH = 8;

export interface TrainMeasure {
  model: MeasuredModel;
  backend: string;
  config: TrainConfig;
  warmupSteps: number;
  /** Timed training steps (whole epochs: the requested steps rounded up to STEPS_PER_EPOCH). */
  steps: number;
  seconds: number;
  examplesPerSecond: number;
  /** Milliseconds per training step (one batch, its share of the epoch's validation pass included), over all timed steps. */
  msPerStep: number;
  /**
   * The fastest window (one epoch of `window` steps), as examples/s: on a shared machine other
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
  for (let i = 0; i < rows; i++) y[i] = x[i * config.features]! + 0.3 * (rng() - 0.5) > 0 ? 1 : 0;
  const slices = Array.from({ length: config.slices }, (_, s) => {
    const mask = new Uint8Array(rows);
    const coverage = 0.1 + (0.2 * ((s * 7) % 10)) / 10;
    for (let i = 0; i < rows; i++) mask[i] = rng() < coverage ? 1 : 0;
    return { name: `sf_${s}`, mask };
  });
  const trainIdx = Int32Array.from({ length: rows }, (_, i) => i);
  return { x, dim: config.features, y, classes: ['0', '1'], slices, trainIdx, validIdx: new Int32Array(0) };
}

/**
 * Times at least `steps` training steps (whole epochs of STEPS_PER_EPOCH) after at least
 * `warmupSteps` untimed ones (whole epochs, at least one), with trainModels.
 */
export async function measureTraining(kind: MeasuredModel, config: TrainConfig, steps: number, warmupSteps = 5): Promise<TrainMeasure> {
  const trainRows = config.batch * STEPS_PER_EPOCH;
  const data = syntheticTrainData(trainRows + config.batch, config);
  data.trainIdx = Int32Array.from({ length: trainRows }, (_, i) => i);
  data.validIdx = Int32Array.from({ length: config.batch }, (_, i) => trainRows + i);
  const warmEpochs = Math.max(1, Math.ceil(warmupSteps / STEPS_PER_EPOCH));
  const timedEpochs = Math.max(1, Math.ceil(steps / STEPS_PER_EPOCH));
  const settings: TrainSettings = {
    ...DEFAULT_SETTINGS,
    models: [kind],
    epochs: warmEpochs + timedEpochs,
    hiddenSize: config.hidden,
    batchSize: config.batch,
  };
  const epochSeconds: number[] = [];
  let diverged = '';
  const result = await trainModels(data, settings, {
    onEvent: (e) => {
      if (e.type === 'epoch') epochSeconds.push(e.report.seconds);
      else diverged = e.message;
    },
    shouldStop: () => false,
  });
  Object.values(result.models).forEach((m) => m.dispose());
  if (diverged) throw new Error(`${kind}: ${diverged}`);
  const timed = epochSeconds.slice(warmEpochs);
  const seconds = timed.reduce((a, b) => a + b, 0);
  const done = timed.length * STEPS_PER_EPOCH;
  return {
    model: kind,
    backend: tf.getBackend(),
    config,
    warmupSteps: warmEpochs * STEPS_PER_EPOCH,
    steps: done,
    seconds,
    examplesPerSecond: (done * config.batch) / seconds,
    msPerStep: (seconds * 1000) / done,
    bestWindowExamplesPerSecond: (STEPS_PER_EPOCH * config.batch) / Math.min(...timed),
    window: STEPS_PER_EPOCH,
  };
}
