/** Per-epoch evaluation on the validation split: metrics overall and per slice, SRAM attention summary. */
import * as tf from '@tensorflow/tfjs';
import { argmaxRows } from '../argmax.ts';
import { computeMetrics } from '../metrics.ts';
import type { Model } from '../model/types.ts';
import { gatherRows } from './device.ts';
import type { AttentionSummary, Evaluation, TrainData } from './types.ts';
import { ALL_ROWS } from './types.ts';

/** Rows per forward pass at evaluation time (bounds backend memory on large splits). */
const CHUNK = 4096;

export interface ValidSet {
  rows: number;
  classes: number;
  /** [<= CHUNK, dim] row blocks of the split's features, uploaded once (no per-epoch slicing). */
  chunks: tf.Tensor2D[];
  y: Int32Array; // [rows] labels
  /** Per user slice (data order): positions within the split of its rows. */
  sliceRows: { name: string; rows: Int32Array }[];
  dispose(): void;
}

export function createValidSet(data: TrainData): ValidSet {
  const idx = data.validIdx;
  const n = idx.length;
  const chunks: tf.Tensor2D[] = [];
  for (let start = 0; start < n; start += CHUNK) {
    const rows = idx.subarray(start, Math.min(n, start + CHUNK));
    chunks.push(tf.tensor2d(gatherRows(data.x, data.dim, rows), [rows.length, data.dim]));
  }
  const y = Int32Array.from(idx, (i) => data.y[i]!);
  const sliceRows = data.slices.map(({ name, mask }) => {
    const rows: number[] = [];
    for (let j = 0; j < n; j++) if (mask[idx[j]!]) rows.push(j);
    return { name, rows: Int32Array.from(rows) };
  });
  return { rows: n, classes: data.classes.length, chunks, y, sliceRows, dispose: () => tf.dispose(chunks) };
}

export interface EvalOutcome {
  evaluation: Evaluation;
  attention?: AttentionSummary;
  /** False when a prediction is NaN/Infinity (the weights have diverged). */
  finite: boolean;
}

/** One forward pass over the split in chunks: probabilities [rows, C] and SRAM attention [rows, S]. */
async function predictSplit(model: Model, valid: ValidSet): Promise<{ proba: Float32Array; attention?: Float32Array }> {
  const c = valid.classes;
  const s = model.experts?.length ?? 0;
  const proba = new Float32Array(valid.rows * c);
  const attention = model.experts ? new Float32Array(valid.rows * s) : undefined;
  let start = 0;
  for (const chunk of valid.chunks) {
    const out = tf.tidy(() => {
      const p = model.predict(chunk);
      return p.attention ? [p.proba, p.attention] : [p.proba];
    });
    proba.set(await out[0]!.data(), start * c);
    if (attention && out[1]) attention.set(await out[1].data(), start * s);
    tf.dispose(out);
    start += chunk.shape[0];
  }
  return attention ? { proba, attention } : { proba };
}

export async function evaluateModel(model: Model, valid: ValidSet): Promise<EvalOutcome> {
  const c = valid.classes;
  const { proba, attention } = await predictSplit(model, valid);
  const pred = argmaxRows(proba, c);
  const finite = proba.every(Number.isFinite);
  const slices: Evaluation['slices'] = {};
  for (const s of valid.sliceRows) slices[s.name] = computeMetrics(valid.y, pred, c, s.rows);
  const evaluation: Evaluation = { overall: computeMetrics(valid.y, pred, c), slices };
  if (!attention || !model.experts) return { evaluation, finite };
  return { evaluation, finite, attention: summariseAttention(attention, model.experts.length, valid, model.experts) };
}

/**
 * Mean attention per (row group, expert). a: [rows, S] row-major. Row groups: each user slice's
 * validation rows, then ALL_ROWS. A group with no rows gets all-zero weights.
 */
export function summariseAttention(a: Float32Array, s: number, valid: ValidSet, experts: string[]): AttentionSummary {
  const mean = (rows: ArrayLike<number>): number[] => {
    const w = new Array<number>(s).fill(0);
    for (let j = 0; j < rows.length; j++) {
      const r = rows[j]!;
      for (let e = 0; e < s; e++) w[e]! += a[r * s + e]!;
    }
    return rows.length > 0 ? w.map((v) => v / rows.length) : w;
  };
  const all = Int32Array.from({ length: valid.rows }, (_, i) => i);
  return {
    rows: [...valid.sliceRows.map((r) => r.name), ALL_ROWS],
    experts: [...experts],
    weights: [...valid.sliceRows.map((r) => mean(r.rows)), mean(all)],
  };
}
