/**
 * The training contract shared by core, the training worker, the store and the CLI.
 * Everything here is plain serialisable data.
 */
import type { SliceMetrics } from '../metrics.ts';

/**
 * The product's models, all on one backbone (Linear-ReLU-Linear-ReLU, width h) with the same seed,
 * initialisation and batch order. Ids are part of REPORT.json and saved projects: never rename one.
 * - plain: backbone + head; knows nothing of the slices.
 * - reweighted: plain with in-slice rows weighted in the loss (a constant, or inverse slice frequency).
 * - sram: Slice Residual Attention Modules (Chen et al. 2019; Snorkel's SliceAwareClassifier).
 * - hps: hard parameter sharing: one head per slice on the shared backbone, plus the base head that serves.
 * - moe: a mixture of per-slice expert networks (each a whole backbone + head) with a learned gate.
 * - groupDro: online Group DRO (Sagawa et al. 2020) over the slices and the rows in none.
 * None of them runs an SF at inference: each predicts from the feature columns alone.
 */
export const MODEL_KINDS = ['plain', 'reweighted', 'sram', 'hps', 'moe', 'groupDro'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export const MODEL_LABELS: Record<ModelKind, string> = {
  plain: 'Plain',
  reweighted: 'Reweighted',
  sram: 'SRAM',
  hps: 'Hard sharing',
  moe: 'Mixture of experts',
  groupDro: 'Group DRO',
};

/** Ticked in a new project: the baselines, the seed's method, and (always) the recommendation. */
export const DEFAULT_MODELS: readonly ModelKind[] = ['plain', 'reweighted', 'sram'];

/**
 * Simplest first (fewest moving parts, then fewest parameters): the recommendation's tie-break.
 * plain < reweighted (a loss weight) < groupDro (adaptive loss weights) < hps (K extra heads)
 * < sram (heads, experts, attention) < moe (K + 1 whole networks).
 */
export const SIMPLICITY: readonly ModelKind[] = ['plain', 'reweighted', 'groupDro', 'hps', 'sram', 'moe'];

/** How SRAM turns a slice expert's class distribution into a confidence in [0, 1]. */
export type Confidence = 'maxProb' | 'entropy' | 'positiveClass';

/**
 * reweighted. 'constant': rows in any slice weigh `weight`, others 1. 'inverseFrequency': every group
 * (each slice, and the rows in no slice) gets the same total weight; a row in several slices counts
 * for its smallest one; weights are scaled to average 1 over the training rows (Idrissi et al. 2022).
 */
export interface ReweightedOptions {
  mode: 'constant' | 'inverseFrequency';
  weight: number;
}

/**
 * sram: attention a = softmax(q * p / temperature); confidence p as above.
 * expertRank: the slice layer (indicator heads and experts) reads the backbone output z [h] (0: full,
 * the reference) or a learned projection of it to r < h values shared by all slices (r: compact
 * experts, model/sram.ts): ~h / r times less work per row and slice, and ~h / r times fewer expert
 * weights. 'auto' (the default): full up to AUTO_EXPERT_RANK.fullUpTo user slices, rank
 * AUTO_EXPERT_RANK.rank beyond. Absent in a model exported before the option: full rank (settings
 * saved before it take the default, like any missing field).
 */
export interface SramOptions {
  temperature: number;
  confidence: Confidence;
  expertRank?: number | 'auto';
}

/** hps: loss = CE(base head, all rows) + sliceLossWeight * sum_k mean CE(head k, rows in slice k). */
export interface HpsOptions {
  sliceLossWeight: number;
}

/** moe: loss = CE(mixture) + expertLossWeight * sum_k mean CE(expert k, its rows) + CE(gate, slice membership). */
export interface MoeOptions {
  expertLossWeight: number;
}

/**
 * groupDro: groups = each slice and the rows in none. loss = sum_g q_g L_g with L_g the mean loss of
 * group g's rows in the batch; after each batch q_g <- q_g exp(eta (L_g + sizeAdjustment / sqrt(n_g))),
 * renormalised (n_g: group g's training rows).
 */
export interface GroupDroOptions {
  eta: number;
  sizeAdjustment: number;
}

/** Each model's own options (plain has none). Plain data, part of a run's saved settings. */
export interface ModelOptions {
  reweighted: ReweightedOptions;
  sram: SramOptions;
  hps: HpsOptions;
  moe: MoeOptions;
  groupDro: GroupDroOptions;
}

/** One model's kind and options: what its factory builds (a discriminated union on kind). */
export type ModelConfig =
  | { kind: 'plain' }
  | ({ kind: 'reweighted' } & ReweightedOptions)
  | ({ kind: 'sram' } & SramOptions)
  | ({ kind: 'hps' } & HpsOptions)
  | ({ kind: 'moe' } & MoeOptions)
  | ({ kind: 'groupDro' } & GroupDroOptions);

export function modelConfig(kind: ModelKind, options: ModelOptions): ModelConfig {
  return kind === 'plain' ? { kind } : ({ kind, ...options[kind] } as ModelConfig);
}

/**
 * What the recommendation maximises on the validation rows.
 * 'meanSlice' (default): the highest mean slice accuracy among the models whose overall accuracy is
 * not below plain's by more than maxOverallDrop; 'worstSlice': the same with the worst slice;
 * 'overall': the highest overall accuracy. Ties (within 0.1 point) go to the simpler model (SIMPLICITY).
 */
export interface Objective {
  target: 'meanSlice' | 'worstSlice' | 'overall';
  /** Accuracy as a fraction: 0.005 = half a point. Ignored by 'overall'. */
  maxOverallDrop: number;
}

export interface TrainSettings {
  models: ModelKind[];
  epochs: number;
  learningRate: number;
  batchSize: number;
  hiddenSize: number;
  seed: number;
  options: ModelOptions;
  objective: Objective;
}

/**
 * SRAM's 'auto' expert rank, chosen by measurement (docs/performance.md, cost against the number of
 * slices): full experts keep the reference's quality where they are affordable (at 8 slices an SRAM
 * epoch costs ~1.5x plain's on wasm); rank 8 keeps an epoch at 128 slices within ~3x plain's (full
 * rank: ~20x), and lost less mean slice accuracy on circles2d than ranks 2 and 4.
 */
export const AUTO_EXPERT_RANK = { fullUpTo: 16, rank: 8 } as const;

/** The rank SRAM uses with `slices` user slices: 0 = full (see SramOptions.expertRank). */
export function resolveExpertRank(rank: SramOptions['expertRank'], slices: number): number {
  if (rank === 'auto') return slices <= AUTO_EXPERT_RANK.fullUpTo ? 0 : AUTO_EXPERT_RANK.rank;
  return rank ?? 0;
}

/**
 * Defaults chosen by `npm run bench:quality` (docs/quality.md, "SRAM defaults"), not copied: SRAM at
 * temperature 0.1 with confidence 1 - normalised entropy was the best of 8 temperature x confidence
 * cells over circles2d, featureRules and wideFlip (3 seeds: +2.1 overall / +20.2 mean slice against
 * plain, vs +0.9 / +7.5 at temperature 1 with the max class probability). With the max class
 * probability, temperature 0.1 makes the attention collapse onto the base expert; with entropy it
 * does not. Both confidences work for any number of classes (the reference's P(class 1) is binary).
 */
export const DEFAULT_OPTIONS: ModelOptions = {
  reweighted: { mode: 'constant', weight: 3 },
  sram: { temperature: 0.1, confidence: 'entropy', expertRank: 'auto' },
  hps: { sliceLossWeight: 1 },
  moe: { expertLossWeight: 1 },
  groupDro: { eta: 0.01, sizeAdjustment: 0 },
};

export const DEFAULT_OBJECTIVE: Objective = { target: 'meanSlice', maxOverallDrop: 0.005 };

export const DEFAULT_SETTINGS: TrainSettings = {
  models: [...DEFAULT_MODELS],
  epochs: 30,
  learningRate: 1e-3,
  batchSize: 256,
  hiddenSize: 64,
  seed: 1,
  options: DEFAULT_OPTIONS,
  objective: DEFAULT_OBJECTIVE,
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
  /**
   * true: validIdx was held out of the training rows (seeded, stratified) because the data has no
   * valid split; absent/false: validIdx is the data's valid split. Never test rows (see prepare.ts).
   */
  heldOut?: boolean;
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
  /** Trainable parameters of the model (its size, not its inference cost). */
  parameters: number;
}

/** One trained model's validation figures, as the recommendation saw them (accuracy fractions). */
export interface Candidate {
  model: ModelKind;
  parameters: number;
  overall: number;
  /** Mean and minimum over the slices that have validation rows (NaN when none has). */
  meanSlice: number;
  worstSlice: number;
  /** Passes the objective's overall-accuracy constraint. */
  eligible: boolean;
}

/** The model to use, chosen on validation rows (never test rows) by the run's objective. */
export interface Recommendation {
  model: ModelKind;
  objective: Objective;
  /** 'valid': the data's valid split; 'heldOut': rows held out of train because there was none. */
  rows: 'valid' | 'heldOut';
  validRows: number;
  /** Every trained model, in settings order. */
  candidates: Candidate[];
  /** One sentence with the numbers that made the choice. */
  reason: string;
}

export type TrainEvent = { type: 'epoch'; report: EpochReport } | { type: 'diverged'; model: ModelKind; epoch: number; message: string };
