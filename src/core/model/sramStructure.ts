/**
 * The knobs of SRAM's structure and losses. The product always builds the reference structure
 * (REFERENCE_STRUCTURE, Snorkel's SliceAwareClassifier); the other values exist for the research
 * variants under ./research and the ablation (bench/quality/explore.ts, docs/ablation.md), which
 * is why sram.ts and its fused loss accept them.
 *
 * How SRAM combines its slice experts (docs/quality.md, docs/ablation.md).
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

/** SRAM's structure and losses. Plain data; every field has a reference value (REFERENCE_STRUCTURE). */
export interface SramStructure {
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

export const REFERENCE_STRUCTURE: SramStructure = {
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
};
