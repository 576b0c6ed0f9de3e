/**
 * Trains models on one task instance with the product's own trainModels (one call: every listed model
 * on the same data, seed, init and batches) and scores each on the TEST rows (never seen by
 * trainModels, which trains on data.trainIdx and evaluates / recommends on data.validIdx) against TRUE
 * slice membership.
 */
import { createModel } from '../../src/core/model/index.ts';
import type { Model, ModelSpec } from '../../src/core/model/types.ts';
import { trainModels } from '../../src/core/train/train.ts';
import type { TrainedModel } from '../../src/core/train/trained.ts';
import type { Candidate, ModelKind, TrainData, TrainSettings } from '../../src/core/train/types.ts';

export interface Score {
  overall: number;
  /** Accuracy per slice (test rows, true membership), keyed by slice name; NaN for a slice with no test row. */
  slices: Record<string, number>;
  meanSlice: number;
  worstSlice: number;
  /** Median seconds of the model's epochs (train + validation pass), as trainModels reports them. */
  epochSeconds: number;
  parameters: number;
}

export interface InstanceRun {
  scores: Partial<Record<ModelKind, Score>>;
  /** What trainModels recommended on the validation rows (null when it did not recommend). */
  recommendation: { model: ModelKind; candidates: Candidate[] } | null;
  seconds: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Accuracy of a trained model on `rows`, overall and per slice of `truth`. */
export function scoreOnRows(
  model: TrainedModel,
  data: TrainData,
  rows: Int32Array,
  truth: TrainData['slices'],
): Omit<Score, 'epochSeconds' | 'parameters'> {
  const proba = model.predictProba(gather(data.x, data.dim, rows), data.dim);
  const c = data.classes.length;
  const correct = new Uint8Array(rows.length);
  rows.forEach((row, j) => {
    let best = 0;
    for (let k = 1; k < c; k++) if (proba[j * c + k]! > proba[j * c + best]!) best = k;
    correct[j] = best === data.y[row] ? 1 : 0;
  });
  const overall = correct.reduce((a, b) => a + b, 0) / correct.length;
  const slices: Record<string, number> = {};
  for (const { name, mask } of truth) {
    let n = 0,
      k = 0;
    rows.forEach((row, j) => {
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
    meanSlice: values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN,
    worstSlice: values.length ? Math.min(...values) : NaN,
  };
}

/**
 * One trainModels call with `settings` (its models, options and seed) on `train` (whose slices may be
 * noisy on the user's rows), then every trained model scored on `testIdx` against `truth`.
 * build: trainModels' build hook (research variants), default the product's createModel.
 */
export async function runInstance(
  train: TrainData,
  testIdx: Int32Array,
  truth: TrainData['slices'],
  settings: TrainSettings,
  build?: (spec: ModelSpec) => Model,
): Promise<InstanceRun> {
  const epochs: Partial<Record<ModelKind, number[]>> = {};
  const result = await trainModels(train, settings, {
    onEvent: (e) => {
      if (e.type === 'epoch') (epochs[e.report.model] ??= []).push(e.report.seconds);
    },
    shouldStop: () => false,
    build: build ?? createModel,
  });
  try {
    if (result.diverged.length > 0) throw new Error(`${result.diverged.join(', ')} diverged (seed ${settings.seed})`);
    const scores: InstanceRun['scores'] = {};
    for (const kind of settings.models) {
      const model = result.models[kind];
      if (!model) throw new Error(`${kind} did not train (seed ${settings.seed})`);
      scores[kind] = {
        ...scoreOnRows(model, train, testIdx, truth),
        epochSeconds: median(epochs[kind] ?? []),
        parameters: result.parameters[kind]!,
      };
    }
    const rec = result.recommendation;
    return { scores, recommendation: rec ? { model: rec.model, candidates: rec.candidates } : null, seconds: result.seconds };
  } finally {
    Object.values(result.models).forEach((m) => m.dispose());
  }
}

function gather(x: Float32Array, dim: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * dim);
  rows.forEach((r, j) => out.set(x.subarray(r * dim, (r + 1) * dim), j * dim));
  return out;
}
