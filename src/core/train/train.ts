/**
 * Trains every model in settings.models on the same data, seed and batch order, interleaved by epoch
 * (epoch 1 of each model, then epoch 2, ...) so that live charts of all models move together.
 *
 * Speed: the training split is prepared once (device.ts: on the GPU with per-batch gathers, or as host
 * arrays on wasm/cpu); the loss is accumulated on the backend and read back once per epoch (no
 * per-step readbacks); the models' layers avoid wasm's slow transposed matMuls (model/linear.ts);
 * Adam updates all of a model's variables as one flat vector (adam.ts: tfjs's Adam, same numbers).
 * Memory: every tensor is disposed; tf.memory().numTensors is flat across epochs and, once the
 * returned models are disposed, equal to its value before the call.
 * Optimiser: Adam(settings.learningRate) (FlatAdam), NO gradient clipping. Adam already normalises each
 * parameter's step; a global-norm clip at 1.0 (the reference's) shrinks every step whenever SRAM's
 * 2K+3 loss terms make the gradient norm large, which starves the final head. Blow-ups are caught
 * instead by the divergence check (loss non-finite or > MAX_LOSS, or non-finite predictions) below.
 */
import * as tf from '@tensorflow/tfjs';
import { createModel, parameterCount } from '../model/index.ts';
import { FlatAdam } from './adam.ts';
import { deriveSeed } from '../model/init.ts';
import type { GroupCounts, Model, ModelSpec } from '../model/types.ts';
import { createRng, shuffle } from '../random.ts';
import { uploadSplit, type DeviceSplit } from './device.ts';
import { createValidSet, evaluateModel, type ValidSet } from './evaluate.ts';
import { toTrainedModel, type TrainedModel } from './trained.ts';
import { recommend } from './recommend.ts';
import {
  MODEL_LABELS,
  modelConfig,
  type Evaluation,
  type ModelKind,
  type Recommendation,
  type TrainData,
  type TrainEvent,
  type TrainSettings,
} from './types.ts';
import { countNonFinite, validateTrainInput } from './validate.ts';
import { Pacer } from './yieldNow.ts';

export interface TrainHooks {
  onEvent(event: TrainEvent): void;
  /** Polled between batches; true ends the run after the current batch. */
  shouldStop(): boolean;
  /**
   * Builds each model (default: the product's createModel). Research scripts pass their own to train
   * variants the product does not offer (bench/quality/explore.ts); the app and the CLI never do.
   */
  build?: (spec: ModelSpec) => Model;
}

export interface TrainResult {
  stopped: boolean;
  seconds: number;
  /** Validation evaluation after each model's last completed epoch (diverged models omitted). */
  final: Partial<Record<ModelKind, Evaluation>>;
  /** Trained models (diverged ones are disposed and omitted). The caller owns and disposes them. */
  models: Partial<Record<ModelKind, TrainedModel>>;
  diverged: ModelKind[];
  /** Trainable parameters per model. */
  parameters: Partial<Record<ModelKind, number>>;
  /** The model to use, chosen on the validation rows by settings.objective; null if none trained. */
  recommendation: Recommendation | null;
}

interface Run {
  kind: ModelKind;
  model: Model;
  optimizer: FlatAdam;
  final?: Evaluation;
  diverged: boolean;
}

/** Training rows per slice and in none: what inverse-frequency weights and Group DRO need. */
export function groupCounts(data: TrainData): GroupCounts {
  const slices = data.slices.map(({ mask }) => {
    let n = 0;
    for (const i of data.trainIdx) n += mask[i]!;
    return n;
  });
  let outside = 0;
  for (const i of data.trainIdx) if (!data.slices.some(({ mask }) => mask[i])) outside++;
  return { slices, outside, rows: data.trainIdx.length };
}

export function modelSpec(data: TrainData, settings: TrainSettings, kind: ModelKind, counts = groupCounts(data)): ModelSpec {
  return {
    dim: data.dim,
    hidden: settings.hiddenSize,
    classes: data.classes.length,
    slices: data.slices.map((s) => s.name),
    seed: settings.seed,
    counts,
    model: modelConfig(kind, settings.options),
  };
}

/**
 * A mean training loss above this counts as diverged. Every loss here is a sum of at most 2K+3
 * cross-entropies, a few units at initialisation; 1e6 only happens once the weights have blown up
 * (a huge learning rate gives finite losses around 1e26 before they turn NaN).
 */
export const MAX_LOSS = 1e6;

export function isDiverged(loss: number): boolean {
  return !Number.isFinite(loss) || loss > MAX_LOSS;
}

export function divergedMessage(kind: ModelKind, epoch: number, loss: number, nonFiniteInputs: number): string {
  const what = !Number.isFinite(loss) ? `loss ${loss}` : loss > MAX_LOSS ? `loss ${loss.toExponential(1)}` : 'predictions not finite';
  const fix =
    nonFiniteInputs > 0
      ? `the features contain ${nonFiniteInputs} NaN/Infinity values: fix the data or featurisation`
      : 'lower the learning rate';
  return `${MODEL_LABELS[kind]} diverged at epoch ${epoch} (${what}): ${fix}`;
}

/** One epoch of one model over `order` (positions in the split). Mean loss, or null if stopped. */
async function trainEpoch(
  run: Run,
  split: DeviceSplit,
  order: Int32Array,
  batchSize: number,
  hooks: TrainHooks,
  pacer: Pacer,
): Promise<number | null> {
  let total: tf.Scalar = tf.scalar(0);
  try {
    for (let start = 0; start < order.length; start += batchSize) {
      if (hooks.shouldStop()) return null;
      const rows = Math.min(batchSize, order.length - start);
      const next = tf.tidy(() => {
        const batch = split.batch(order, start, start + rows);
        const cost = run.optimizer.minimize(() => run.model.lossFn(batch), run.model.variables);
        return tf.add(total, tf.mul(cost, rows)) as tf.Scalar;
      });
      total.dispose();
      total = next;
      await pacer.tick();
    }
    return (await total.data())[0]! / order.length;
  } finally {
    total.dispose();
  }
}

export async function trainModels(data: TrainData, settings: TrainSettings, hooks: TrainHooks): Promise<TrainResult> {
  validateTrainInput(data, settings);
  const t0 = performance.now();
  const nonFinite = countNonFinite(data.x);
  const counts = groupCounts(data);
  const build = hooks.build ?? createModel;
  const runs: Run[] = [];
  const result: TrainResult = { stopped: false, seconds: 0, final: {}, models: {}, diverged: [], parameters: {}, recommendation: null };
  let split: DeviceSplit | null = null;
  let valid: ValidSet | null = null;
  try {
    split = uploadSplit(data, data.trainIdx);
    valid = createValidSet(data);
    const [trainSplit, validSet] = [split, valid];
    for (const kind of settings.models) {
      const model = build(modelSpec(data, settings, kind, counts));
      result.parameters[kind] = parameterCount(model);
      runs.push({ kind, model, optimizer: new FlatAdam(settings.learningRate), diverged: false });
    }
    // One batch order per epoch, shared by every model; its own stream derived from the seed.
    const orderRng = createRng(deriveSeed(settings.seed, 2));
    const order = Int32Array.from({ length: split.rows }, (_, i) => i);
    const pacer = new Pacer();
    const diverge = (run: Run, epoch: number, loss: number) => {
      run.diverged = true;
      result.diverged.push(run.kind);
      hooks.onEvent({ type: 'diverged', model: run.kind, epoch, message: divergedMessage(run.kind, epoch, loss, nonFinite) });
    };
    training: for (let epoch = 1; epoch <= settings.epochs; epoch++) {
      shuffle(order, orderRng);
      for (const run of runs) {
        if (run.diverged) continue;
        const start = performance.now();
        const loss = await trainEpoch(run, trainSplit, order, settings.batchSize, hooks, pacer);
        if (loss === null) {
          result.stopped = true;
          break training;
        }
        if (isDiverged(loss)) {
          diverge(run, epoch, loss);
          continue;
        }
        const outcome = await evaluateModel(run.model, validSet);
        if (!outcome.finite) {
          diverge(run, epoch, loss);
          continue;
        }
        run.final = outcome.evaluation;
        const seconds = (performance.now() - start) / 1000;
        const report = {
          model: run.kind,
          epoch,
          trainLoss: loss,
          valid: outcome.evaluation,
          seconds,
          parameters: result.parameters[run.kind]!,
        };
        hooks.onEvent({ type: 'epoch', report: outcome.attention ? { ...report, attention: outcome.attention } : report });
      }
      if (runs.every((r) => r.diverged)) break;
    }
    for (const run of runs) {
      if (run.diverged) continue;
      if (run.final) result.final[run.kind] = run.final;
      result.models[run.kind] = toTrainedModel(run.model);
    }
    const trained = runs.flatMap((r) =>
      r.final && !r.diverged ? [{ model: r.kind, evaluation: r.final, parameters: result.parameters[r.kind]! }] : [],
    );
    result.recommendation = recommend(trained, settings.objective, data.heldOut ? 'heldOut' : 'valid');
  } catch (error) {
    for (const run of runs) if (!run.diverged) run.model.dispose();
    throw error;
  } finally {
    for (const run of runs) {
      run.optimizer.dispose();
      if (run.diverged) run.model.dispose();
    }
    split?.dispose();
    valid?.dispose();
  }
  result.seconds = (performance.now() - t0) / 1000;
  return result;
}
