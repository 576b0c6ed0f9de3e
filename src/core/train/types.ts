/**
 * The training contract shared by core, the training worker, the store and the CLI.
 * Everything here is plain serialisable data.
 */
import type { SliceMetrics } from '../metrics.ts';

export const MODEL_KINDS = ['plain', 'reweighted', 'sliceAware'] as const;
/**
 * plain: backbone + head, no SF information.
 * reweighted: the same, in-slice examples weighted `sliceWeight`x in the loss.
 * sliceAware: SRAM (Slice Residual Attention Modules).
 */
export type ModelKind = (typeof MODEL_KINDS)[number];

export const MODEL_LABELS: Record<ModelKind, string> = {
  plain: 'Plain',
  reweighted: 'Reweighted',
  sliceAware: 'Slice-aware (SRAM)',
};

/** How SRAM turns a slice expert's class distribution into a confidence in [0, 1]. */
export type Confidence = 'maxProb' | 'entropy' | 'positiveClass';

export interface TrainSettings {
  models: ModelKind[];
  epochs: number;
  learningRate: number;
  batchSize: number;
  hiddenSize: number;
  seed: number;
  /** SRAM attention temperature: a = softmax(q * p / T). */
  temperature: number;
  confidence: Confidence;
  /** Loss weight of in-slice examples for 'reweighted' (1 = plain). */
  sliceWeight: number;
}

export const DEFAULT_SETTINGS: TrainSettings = {
  models: ['plain', 'sliceAware'],
  epochs: 30,
  learningRate: 1e-3,
  batchSize: 256,
  hiddenSize: 64,
  seed: 1,
  temperature: 0.1,
  confidence: 'maxProb',
  sliceWeight: 3,
};

/** The name of the slice that covers every example; SRAM always adds it. */
export const BASE_SLICE = 'base';

/**
 * Everything a training run needs, as typed arrays (transferable to a worker).
 * x: [rows, dim] row-major. y: class index per row. masks: one Uint8Array [rows] per user slice,
 * 1 = in slice. trainIdx / validIdx: row indices of each split.
 */
export interface TrainData {
  x: Float32Array;
  dim: number;
  y: Int32Array;
  classes: string[];
  slices: { name: string; mask: Uint8Array }[];
  trainIdx: Int32Array;
  validIdx: Int32Array;
}

/** Evaluation of one model on one split: overall and per user slice (keyed by slice name). */
export interface Evaluation {
  overall: SliceMetrics;
  slices: Record<string, SliceMetrics>;
}

/** The AttentionSummary row over all (validation) examples. */
export const ALL_ROWS = 'all';

/**
 * Mean attention weight per (slice, expert), for SRAM only: row = validation examples of a user slice
 * (data order), plus a final row ALL_ROWS ('all') = all validation examples; column = expert (user
 * slices, then BASE_SLICE). Each row sums to 1; a slice with no validation examples has a row of zeros.
 */
export interface AttentionSummary {
  rows: string[];
  experts: string[];
  weights: number[][];
}

export interface EpochReport {
  model: ModelKind;
  epoch: number; // 1-based
  trainLoss: number;
  valid: Evaluation;
  attention?: AttentionSummary;
  seconds: number;
}

export type TrainEvent =
  | { type: 'epoch'; report: EpochReport }
  | { type: 'diverged'; model: ModelKind; epoch: number; message: string };
