/**
 * From a parsed table, the user's choices and the applied slices to the TrainData a training run
 * takes (src/core/train/types.ts), plus the fitted featurizer (it ships with exported models) and
 * the split.
 *
 * Which rows validate: validIdx (per-epoch monitoring, and the rows the recommendation is chosen on)
 * holds the valid rows when there are any. When there are none (e.g. a split column with only train
 * and test), HOLD_OUT_SHARE of the train rows are held out for it (seeded, stratified by label;
 * data.heldOut = true, and the returned split lists them as valid). Test rows never validate: they
 * stay in `split.test`, unseen by training and by the choice of model, for the final report.
 * The featurizer is fitted on the train rows only; x covers every row of the table, so trainIdx and
 * validIdx (and slice masks) index table rows directly.
 */
import type { TrainData } from './train/types.ts';
import type { ColumnKind, Table } from './table.ts';
import { fileError } from './data/errors.ts';
import { encodeLabels } from './labels.ts';
import { HOLD_OUT_SHARE, holdOut, isSplitColumn, splitRows, type Split, type SplitProportions } from './split.ts';
import { featurize, fitFeaturizer, type FeaturizerSpec } from './features.ts';

export interface DataConfig {
  label: string;
  features: string[];
  /** A column of train/valid/test values; without it, a seeded stratified random split. */
  splitColumn?: string;
  seed: number;
  /** Relative sizes of the random split. Default { train: 0.8, valid: 0.2 } (DEFAULT_PROPORTIONS). */
  proportions?: SplitProportions;
  /** Older form: { train: 1 - validFraction, valid: validFraction }; ignored when proportions is set. */
  validFraction?: number;
}

/**
 * A project's data choices as the app saves them (the Data panel; a project file's "config").
 * dataConfigOf turns them into prepareTrainData's DataConfig: the one way, used by the app and by
 * `slicewise train --project`, so a project reproduces its split and featurisation headless.
 */
export interface DatasetChoices {
  label: string;
  features: string[];
  /** A column of split names (train/valid/test), or null for a seeded random split. */
  splitColumn: string | null;
  /** The random split's shares of valid and test rows (the rest trains); stratified by label. */
  validFraction: number;
  testFraction: number;
  /** Column types the person chose over the inferred ones (applied when the file is read). */
  types: Record<string, ColumnKind>;
}

export function dataConfigOf(choices: DatasetChoices, seed: number): DataConfig {
  return {
    label: choices.label,
    features: choices.features,
    ...(choices.splitColumn !== null ? { splitColumn: choices.splitColumn } : {}),
    seed,
    proportions: { train: 1 - choices.validFraction - choices.testFraction, valid: choices.validFraction, test: choices.testFraction },
  };
}

export interface PreparedData {
  data: TrainData;
  featurizer: FeaturizerSpec;
  split: Split;
}

export function prepareTrainData(table: Table, config: DataConfig, slices: { name: string; mask: Uint8Array }[]): PreparedData {
  const file = table.source;
  const has = (name: string) => table.columns.some((c) => c.name === name);
  if (!has(config.label)) throw fileError(file, `there is no column named "${config.label}" to use as the label`);
  if (config.features.length === 0) throw fileError(file, 'choose at least one feature column');
  const seen = new Set<string>();
  for (const name of config.features) {
    if (!has(name)) throw fileError(file, `there is no column named "${name}" to use as a feature`);
    if (name === config.label) {
      throw fileError(file, `"${name}" is the label, so it cannot also be a feature (the model would just copy it)`);
    }
    if (name === config.splitColumn) throw fileError(file, `"${name}" is the split column, so it cannot be a feature`);
    if (seen.has(name)) throw fileError(file, `the feature "${name}" is listed twice`);
    seen.add(name);
  }
  if (config.splitColumn !== undefined) {
    if (!has(config.splitColumn)) throw fileError(file, `there is no column named "${config.splitColumn}" to split by`);
    if (config.splitColumn === config.label) throw fileError(file, `"${config.label}" cannot be both the label and the split column`);
  }
  for (const s of slices) {
    if (s.mask.length !== table.rowCount) {
      throw new Error(`slice ${s.name}: mask has ${s.mask.length} rows, the table ${table.rowCount}`);
    }
  }

  const { y, classes } = encodeLabels(table, config.label);
  const { split, heldOut } = trainingSplit(table, config, y);
  if (split.train.length === 0) throw fileError(file, 'no rows are in the train split');
  const validIdx = split.valid;
  const trainClasses = new Set<number>();
  for (const r of split.train) trainClasses.add(y[r] as number);
  if (trainClasses.size < 2) {
    const only = classes[[...trainClasses][0] ?? 0];
    throw fileError(file, `every train row has the same label ("${only}"); a classifier needs at least two classes to learn`);
  }

  const featurizer = fitFeaturizer(table, config.features, split.train);
  if (featurizer.dim === 0) {
    throw fileError(file, 'the chosen features give the model no inputs (text columns need words that occur in at least 2 train rows)');
  }
  const { x, dim } = featurize(featurizer, table);
  return {
    data: { x, dim, y, classes, slices, trainIdx: split.train, validIdx, ...(heldOut ? { heldOut: true } : {}) },
    featurizer,
    split,
  };
}

/**
 * The rows of each split as training uses them: the data's split (its split column, or the seeded
 * stratified random one), with HOLD_OUT_SHARE of train held out as valid when it has no valid rows
 * (heldOut true). Test rows are never in train or valid. Shared by training and slice discovery, so
 * both look at the same held-out rows.
 */
export function trainingSplit(
  table: Table,
  config: Pick<DataConfig, 'splitColumn' | 'seed' | 'proportions' | 'validFraction'>,
  y: Int32Array,
): { split: Split; heldOut: boolean } {
  const file = table.source;
  const given = splitRows(
    table,
    config.splitColumn !== undefined
      ? { splitColumn: config.splitColumn, seed: config.seed }
      : {
          seed: config.seed,
          ...(config.proportions !== undefined
            ? { proportions: config.proportions }
            : config.validFraction !== undefined
              ? { validFraction: config.validFraction }
              : {}),
        },
    y,
  );
  const heldOut = given.valid.length === 0;
  // A stream of its own (not the split's seed), so the held-out rows do not mirror the split's shuffle.
  const held = heldOut ? holdOut(given.train, y, HOLD_OUT_SHARE, (config.seed ^ 0x5bd1e995) >>> 0) : null;
  const split: Split = held ? { ...given, train: held.kept, valid: held.heldOut } : given;
  if (split.valid.length === 0) {
    throw fileError(file, 'no rows to validate on: too few train rows to hold some out (add a valid split or more rows)');
  }
  return { split, heldOut };
}

const LABEL_NAMES = ['label', 'target', 'y', 'class'];
const FEATURE_NAME = /^(f\d+|feature[_\-.]?\w+)$/i;
const ID_NAME = /^(id|index|row|.*[_\s-]id)$/i;

/**
 * A first guess the user can change:
 * - label: the first column named label, target, y or class (any case), else the last column.
 * - splitColumn: a column named split (any case) whose values all name a split (train/valid/...).
 * - features: when there are columns named like features (f0, f1, ... or feature_*), exactly
 *   those (circles2d: f0..f63, leaving z0/z1 to the SFs); else every other column except id-like
 *   ones (id, index, row, *_id).
 */
export function defaultConfig(table: Table): { label: string; features: string[]; splitColumn?: string } {
  const names = table.columns.map((c) => c.name);
  // The split column first, so that a trailing `split` column is never taken for the label.
  const splitColumn = table.columns.find((c) => c.name.toLowerCase() === 'split' && isSplitColumn(c, table.rowCount))?.name;
  const candidates = names.filter((n) => n !== splitColumn);
  const label = candidates.find((n) => LABEL_NAMES.includes(n.toLowerCase())) ?? candidates[candidates.length - 1] ?? '';
  const others = names.filter((n) => n !== label && n !== splitColumn);
  const named = others.filter((n) => FEATURE_NAME.test(n));
  const features = named.length > 0 ? named : others.filter((n) => !ID_NAME.test(n));
  return splitColumn !== undefined ? { label, features, splitColumn } : { label, features };
}
