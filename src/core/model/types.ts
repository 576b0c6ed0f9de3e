/**
 * The model contract: pure functions over tf.Variables, no tf.layers.
 * Every tensor-returning method allocates new tensors the caller owns (wrap calls in tf.tidy).
 */
import type * as tf from '@tensorflow/tfjs';
import type { ModelConfig, ModelKind } from '../train/types.ts';

/** Training rows per group: each user slice (mask-column order), and the rows in no slice. */
export interface GroupCounts {
  slices: number[];
  outside: number;
  rows: number;
}

/** Everything needed to build a model. Plain data, part of a run's saved settings and of an export. */
export interface ModelSpec {
  dim: number; // input features
  hidden: number; // backbone width h
  classes: number; // C >= 2
  /** User slice names, in the order of the mask columns. SRAM and MoE add the base slice last. */
  slices: string[];
  seed: number;
  /** The training split's group sizes (inverse-frequency weights, Group DRO); not used at inference. */
  counts: GroupCounts;
  /** The model's kind and its own options. */
  model: ModelConfig;
}

/** One training batch, already on the backend. B = batch rows, K = user slices. */
export interface Batch {
  x: tf.Tensor2D; // [B, dim] float32
  yOneHot: tf.Tensor2D; // [B, C] float32, one-hot labels
  /** [B, K] float32 0/1 user-slice membership (SF outputs); null when K = 0. Never used at inference. */
  masks: tf.Tensor2D | null;
}

export interface Prediction {
  proba: tf.Tensor2D; // [B, C]
  attention?: tf.Tensor2D; // [B, K + 1], models with experts (sram, moe) only
}

export interface Model {
  readonly kind: ModelKind;
  readonly spec: ModelSpec;
  readonly variables: tf.Variable[];
  /** Class probabilities [B, C] from features alone (no slice masks at inference). */
  predictProba(x: tf.Tensor2D): tf.Tensor2D;
  /** predictProba plus, for SRAM, the attention, from ONE forward pass (evaluation). */
  predict(x: tf.Tensor2D): Prediction;
  /** The scalar training loss of a batch (differentiable w.r.t. `variables`). */
  lossFn(batch: Batch): tf.Scalar;
  /** sram, moe: per-example routing [B, K + 1] over experts (user slices, then base); rows sum to 1. */
  attention?(x: tf.Tensor2D): tf.Tensor2D;
  /** Expert names, in attention column order (sram, moe). */
  readonly experts?: string[];
  dispose(): void;
}
