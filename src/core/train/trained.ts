/**
 * A trained model behind plain arrays: what a worker keeps for predictions and export.
 * snapshot() / restoreTrainedModel() copy a model's parameters out and back in as plain data (the
 * export format, src/core/export, is built on them). They are generic over the model code: the
 * parameters are `model.variables` in order, and a restored model is `createModel(spec)` with
 * those values assigned, so new ModelSpec options and new variables need no change here.
 */
import * as tf from '@tensorflow/tfjs';
import { createModel } from '../model/index.ts';
import type { Model, ModelSpec } from '../model/types.ts';
import type { ModelKind } from './types.ts';
import { upgradeMoeVariables } from '../model/moe.ts';

/** Rows per forward pass (bounds backend memory). */
const CHUNK = 4096;

/** One variable's values, row-major. Only float32 parameters exist (and are supported) today. */
export interface VariableSnapshot {
  shape: number[];
  dtype: 'float32';
  values: Float32Array;
}

/** Everything needed to rebuild a trained model: plain, structured-cloneable data. */
export interface ModelSnapshot {
  kind: ModelKind;
  spec: ModelSpec;
  /** In `model.variables` order. */
  variables: VariableSnapshot[];
}

export interface TrainedModel {
  readonly kind: ModelKind;
  /** The spec the model was built from (a copy). */
  readonly spec: ModelSpec;
  readonly dim: number;
  readonly classes: number;
  /** Attention expert names (user slices, then base), SRAM only. */
  readonly experts?: string[];
  /** x: [rows, dim] row-major -> class probabilities [rows, C] row-major. Uses features only. */
  predictProba(x: Float32Array, dim: number): Float32Array;
  /** SRAM only: x [rows, dim] -> attention [rows, S] over `experts`. */
  attention?(x: Float32Array, dim: number): Float32Array;
  /** Copies of the current parameter values (for export). */
  snapshot(): ModelSnapshot;
  dispose(): void;
}

function runChunked(x: Float32Array, dim: number, expectDim: number, cols: number, fn: (x: tf.Tensor2D) => tf.Tensor2D): Float32Array {
  if (dim !== expectDim) throw new Error(`model expects ${expectDim} features, got ${dim}`);
  if (x.length % dim !== 0) throw new Error(`x has ${x.length} values, not a multiple of dim ${dim}`);
  const rows = x.length / dim;
  const out = new Float32Array(rows * cols);
  for (let start = 0; start < rows; start += CHUNK) {
    const size = Math.min(CHUNK, rows - start);
    // Copied out inside tidy, not returned from it: tidy walks a returned typed array index by index.
    tf.tidy(() => out.set(fn(tf.tensor2d(x.subarray(start * dim, (start + size) * dim), [size, dim])).dataSync(), start * cols));
  }
  return out;
}

/** A deep copy of a spec (plain data; structuredClone keeps any option the model code adds). */
function copySpec(spec: ModelSpec): ModelSpec {
  return structuredClone(spec);
}

function snapshotOf(model: Model): ModelSnapshot {
  const variables = model.variables.map((v, i): VariableSnapshot => {
    if (v.dtype !== 'float32')
      throw new Error(`cannot export variable ${i} of the ${model.kind} model: dtype ${v.dtype} (only float32 is supported)`);
    // dataSync may return the backend's own buffer: copy it.
    return { shape: [...v.shape], dtype: 'float32', values: Float32Array.from(v.dataSync() as Float32Array) };
  });
  return { kind: model.kind, spec: copySpec(model.spec), variables };
}

export function toTrainedModel(model: Model): TrainedModel {
  const { dim, classes } = model.spec;
  const attention = model.attention;
  const experts = model.experts;
  return {
    kind: model.kind,
    spec: copySpec(model.spec),
    dim,
    classes,
    ...(experts ? { experts: [...experts] } : {}),
    predictProba: (x, d) => runChunked(x, d, dim, classes, (t) => model.predictProba(t)),
    ...(attention && experts
      ? { attention: (x: Float32Array, d: number) => runChunked(x, d, dim, experts.length, (t) => attention(t)) }
      : {}),
    snapshot: () => snapshotOf(model),
    dispose: () => model.dispose(),
  };
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/**
 * A fresh model from a snapshot: createModel(spec), then every variable assigned its saved
 * values. Throws (disposing the half-built model) when the saved variables do not match what this
 * version's model code creates for that spec: a different count or shape means the snapshot was
 * made by incompatible model code.
 */
export function restoreTrainedModel(snapshot: ModelSnapshot): TrainedModel {
  const model = createModel(copySpec(snapshot.spec));
  try {
    // moe exported before its experts' first layers were kept apart: the same numbers, split per expert.
    const saved = snapshot.kind === 'moe' ? upgradeMoeVariables(snapshot.variables, snapshot.spec) : snapshot.variables;
    if (saved.length !== model.variables.length) {
      throw new Error(
        `the saved ${snapshot.kind} model has ${saved.length} variables, but this version builds ${model.variables.length} ` +
          'from its spec (exported by an incompatible version?)',
      );
    }
    model.variables.forEach((v, i) => {
      const s = saved[i]!;
      if (!sameShape(s.shape, v.shape)) {
        throw new Error(
          `variable ${i} of the saved ${snapshot.kind} model has shape [${s.shape.join(', ')}], this version expects ` +
            `[${v.shape.join(', ')}] (exported by an incompatible version?)`,
        );
      }
      const size = s.shape.reduce((a, b) => a * b, 1);
      if (s.values.length !== size) throw new Error(`variable ${i}: ${s.values.length} values for shape [${s.shape.join(', ')}]`);
      tf.tidy(() => v.assign(tf.tensor(s.values, s.shape, 'float32')));
    });
  } catch (error) {
    model.dispose();
    throw error;
  }
  return toTrainedModel(model);
}
