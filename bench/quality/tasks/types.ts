/**
 * A benchmark task: a seeded generator of a table-free TrainData with TRUE slice membership, plus
 * noisy training membership for the noisy-SF setting.
 *
 * Contract: data.slices hold the true membership of every row; noisySlices(p, seed) returns the same
 * slices whose masks are corrupted on train rows only (data.trainIdx) and true elsewhere, so that
 * evaluation (on data.validIdx) always scores against the truth.
 */
import type { TrainData } from '../../../src/core/train/types.ts';

export interface TaskInstance {
  data: TrainData;
  noisySlices(p: number, seed: number): TrainData['slices'];
}

export interface TaskOptions {
  /** Total rows: the first half train, the second half test (reported as valid). */
  rows: number;
  seed: number;
}

export interface QualityTask {
  name: string;
  /** One line for the summary. */
  description: string;
  build(options: TaskOptions): TaskInstance;
}
