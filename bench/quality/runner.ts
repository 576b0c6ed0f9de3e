/**
 * Trains one model variant on one task instance and scores it on the test rows (data.validIdx)
 * against TRUE slice membership. Pure orchestration over src/core (same trainModels as the app).
 */
import { trainModels } from '../../src/core/train/train.ts';
import { DEFAULT_SETTINGS, type ModelKind, type TrainData, type TrainSettings } from '../../src/core/train/types.ts';

/** A model configuration to benchmark. settings: overrides of the run's base settings. */
export interface Variant {
  id: string;
  model: ModelKind;
  settings: Partial<TrainSettings>;
  /** Present on sweep points: the knob's name and value. */
  sweep?: { knob: string; value: number };
}

export interface Score {
  overall: number;
  /** Accuracy per slice, keyed by slice name. */
  slices: Record<string, number>;
  meanSlice: number;
  worstSlice: number;
  seconds: number;
}

/**
 * train: the data to train on (its slices may be noisy on train rows); truth: the true slices used
 * for scoring (same rows). Accuracy on a slice = over its test rows.
 */
export async function runVariant(train: TrainData, truth: TrainData['slices'], variant: Variant, base: Partial<TrainSettings>, seed: number): Promise<Score> {
  const settings: TrainSettings = { ...DEFAULT_SETTINGS, ...base, ...variant.settings, models: [variant.model], seed };
  const result = await trainModels(train, settings, { onEvent: () => {}, shouldStop: () => false });
  try {
    const model = result.models[variant.model];
    if (!model) throw new Error(`${variant.id} diverged (seed ${seed})`);
    const proba = model.predictProba(gather(train.x, train.dim, train.validIdx), train.dim);
    const c = train.classes.length;
    const correct = new Uint8Array(train.validIdx.length);
    train.validIdx.forEach((row, j) => {
      let best = 0;
      for (let k = 1; k < c; k++) if (proba[j * c + k]! > proba[j * c + best]!) best = k;
      correct[j] = best === train.y[row] ? 1 : 0;
    });
    const overall = correct.reduce((a, b) => a + b, 0) / correct.length;
    const slices: Record<string, number> = {};
    for (const { name, mask } of truth) {
      let n = 0, k = 0;
      train.validIdx.forEach((row, j) => {
        if (!mask[row]) return;
        n++;
        k += correct[j]!;
      });
      slices[name] = n === 0 ? NaN : k / n;
    }
    const values = Object.values(slices).filter((v) => Number.isFinite(v));
    return {
      overall,
      slices,
      meanSlice: values.reduce((a, b) => a + b, 0) / values.length,
      worstSlice: Math.min(...values),
      seconds: result.seconds,
    };
  } finally {
    Object.values(result.models).forEach((m) => m.dispose());
  }
}

function gather(x: Float32Array, dim: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * dim);
  rows.forEach((r, j) => out.set(x.subarray(r * dim, (r + 1) * dim), j * dim));
  return out;
}
