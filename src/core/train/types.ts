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
  sliceAware: 'Slice-aware',
};

/** How SRAM turns a slice expert's class distribution into a confidence in [0, 1]. */
export type Confidence = 'maxProb' | 'entropy' | 'positiveClass';

/**
 * How the slice-aware model combines its slice experts (docs/quality.md, docs/ablation.md).
 * - 'attention' (the reference, SRAM): r = sum_i a_i R_i with a = softmax(q * p / T) over the experts'
 *   representations R_i, then ONE final head on r.
 * - 'mixture': a mixture of the experts' PREDICTIONS gated by the indicators,
 *   P(y|x) = sum_i g_i P_i(y|x) + g_base P_base(y|x), g = softmax([d_1 .. d_K, 0]) with d_i the
 *   indicator logits (one slice: g_i = sigmoid(d_i) = q_i); P_base is a plain head on the backbone.
 * - 'joint': one head predicts the joint P(y, g | x) of the label and the slice group g (a user slice
 *   or base), trained on (label, SF membership) with in-slice rows weighted finalSliceWeight; the
 *   prediction is the marginal over g after dividing the weighting's bias back out (priorCorrection).
 * - 'learnedWeight': the plain network; its loss weights rows by 1 + (finalSliceWeight - 1) * s, where
 *   s is the membership the model itself predicts from the SF masks (indicator heads), see weightSource.
 */
export type SramCombine = 'attention' | 'mixture' | 'joint' | 'learnedWeight';
/**
 * 'learnedWeight' only: which membership weights the loss. 'masks' the SF outputs (as reweighted);
 * 'predicted' the indicator's P(in any slice | x), no gradient through it; 'both' their mean.
 */
export type WeightSource = 'masks' | 'predicted' | 'both';
/** Slice expert: 'linear' Linear(h, h) as the reference; 'mlp' the same followed by ReLU. */
export type SramExpert = 'linear' | 'mlp';
/**
 * Indicator loss per slice: 'plain' binary cross-entropy over all rows (the reference);
 * 'balanced' the mean of the in-slice rows' and the out-of-slice rows' cross-entropies (each class
 * weighted by the inverse of its share in the batch).
 */
export type IndicatorLoss = 'plain' | 'balanced';

/** The slice-aware model's structure and losses. Plain data; every field has a reference value. */
export interface SramOptions {
  combine: SramCombine;
  expert: SramExpert;
  indicatorLoss: IndicatorLoss;
  /** Weight of the summed indicator losses in the total loss (reference 1). */
  indicatorWeight: number;
  /** Weight of the summed per-slice expert prediction losses (reference 1). */
  expertWeight: number;
  /**
   * Teacher forcing in [0, 1]: during training, routing (attention or gate) is
   * (1 - t) * learned + t * from the SF masks (uniform over the slices a row is in; base if none).
   * Inference always routes by the learned indicators: no SF is ever needed to predict. Reference 0.
   */
  teacherForcing: number;
  /** Loss weight of in-slice rows in the FINAL loss (1 = unweighted, the reference). */
  finalSliceWeight: number;
  /** 'attention' only: r = z + sum_i a_i R_i (a residual connection to the backbone output). Reference false. */
  residual: boolean;
  /**
   * 'joint' only, in [0, 1]: at inference the slice groups' logits are lowered by
   * priorCorrection * log(finalSliceWeight), undoing that share of the weighting's bias (1 = all).
   */
  priorCorrection: number;
  /** 'learnedWeight' only (see WeightSource). */
  weightSource: WeightSource;
  /**
   * 'learnedWeight' and 'mixture': the indicator heads read the backbone output without passing
   * gradient into it, so learning the slices does not compete with the label for the backbone.
   */
  detachIndicators: boolean;
}

/** 'reference': Snorkel's SRAM structure. 'slicewise': the configuration the quality benchmark chose. */
export type SramPreset = 'reference' | 'slicewise';

export const SRAM_PRESETS: Record<SramPreset, SramOptions> = {
  reference: {
    combine: 'attention',
    expert: 'linear',
    indicatorLoss: 'plain',
    indicatorWeight: 1,
    expertWeight: 1,
    teacherForcing: 0,
    finalSliceWeight: 1,
    residual: false,
    priorCorrection: 0,
    weightSource: 'masks',
    detachIndicators: false,
  },
  // learnedWeight (docs/quality.md, docs/ablation.md): rows weighted by 1 + 4 * (SF mask + the
  // model's own detached membership estimate) / 2. Fields marked for other combines do not apply.
  slicewise: {
    combine: 'learnedWeight',
    expert: 'linear',
    indicatorLoss: 'plain',
    indicatorWeight: 1,
    expertWeight: 1,
    teacherForcing: 0,
    finalSliceWeight: 5,
    residual: false,
    priorCorrection: 0,
    weightSource: 'both',
    detachIndicators: true,
  },
};

/** The options a run uses: the preset, then any overrides (missing preset = 'slicewise'). */
export function resolveSram(settings: Pick<TrainSettings, 'sram' | 'sramOptions'>): SramOptions {
  return { ...SRAM_PRESETS[settings.sram ?? 'slicewise'], ...(settings.sramOptions ?? {}) };
}

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
  /** Slice-aware structure preset (SRAM_PRESETS); 'reference' = Snorkel's SRAM. */
  sram: SramPreset;
  /** Overrides of the preset's fields (research, ablations); {} = the preset as is. */
  sramOptions: Partial<SramOptions>;
}

export const DEFAULT_SETTINGS: TrainSettings = {
  models: ['plain', 'reweighted', 'sliceAware'],
  epochs: 30,
  learningRate: 1e-3,
  batchSize: 256,
  hiddenSize: 64,
  seed: 1,
  temperature: 0.1,
  confidence: 'maxProb',
  sliceWeight: 3,
  sram: 'slicewise',
  sramOptions: {},
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
