/**
 * A benchmark task: a seeded generator of a TrainData with a train / valid / test split and TRUE
 * slice membership, plus noisy membership for the noisy-SF setting.
 *
 * Contract (see split.ts):
 * - data.trainIdx: the rows the models train on; data.validIdx: rows HELD OUT of the train part
 *   (seeded, stratified by label, VALID_FRACTION of it; data.heldOut = true): per-epoch evaluation
 *   and the recommendation read only these; testIdx: the test rows, never shown to trainModels, on
 *   which the benchmark scores every model.
 * - data.slices hold the true membership of every row. noisySlices(p, seed) returns the same slices
 *   corrupted on the user's rows (train + valid: the rows whose SF outputs a user would have) and
 *   true on the test rows, so that scoring always uses the truth while the recommendation sees what
 *   a user would see.
 */
import type { TrainData } from '../../../src/core/train/types.ts';

export interface TaskInstance {
  data: TrainData;
  testIdx: Int32Array;
  noisySlices(p: number, seed: number): TrainData['slices'];
}

export interface TaskOptions {
  /** Generated tasks: total rows, half train (incl. valid), half test. Real tasks: a cap on the rows used. */
  rows: number;
  seed: number;
  /**
   * Share of the train part held out as validation (default VALID_FRACTION). 0: no hold-out, the
   * test rows double as validIdx (the old protocol; research scripts only, never the benchmark).
   */
  validFraction?: number;
}

/**
 * metadata: the SFs read columns the model sees only through an embedding (circles2d);
 * features: the SFs are rules on the model's own inputs; real: a real dataset with hand-written SFs.
 */
export type TaskFamily = 'metadata' | 'features' | 'real';

export interface QualityTask {
  name: string;
  family: TaskFamily;
  /** One line for the summary. */
  description: string;
  /** false: the benchmark runs this task with clean SFs only (real SFs are the truth by definition). */
  noisy: boolean;
  build(options: TaskOptions): Promise<TaskInstance>;
}
