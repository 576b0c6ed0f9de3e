/**
 * Which rows discovery searches, and which of them the model got wrong.
 *
 * Only the rows training validates on: they were not trained on, and the test split stays untouched
 * for the final check (a slice found on test rows and then reported on them would flatter itself).
 */
import { cellText, getColumn, type Table } from '../table.ts';
import { encodeLabels } from '../labels.ts';
import { trainingSplit } from '../prepare.ts';
import type { SplitProportions } from '../split.ts';

export interface HeldOutConfig {
  label: string;
  splitColumn?: string;
  seed: number;
  proportions?: SplitProportions;
}

/**
 * The rows training validates on (ascending): the valid split, or the rows held out of train when the
 * data has none (prepare.ts trainingSplit, the same function training uses). Never test rows.
 */
export function validRows(table: Table, config: HeldOutConfig): Int32Array {
  const { y } = encodeLabels(table, config.label);
  return trainingSplit(table, config, y).split.valid;
}

/**
 * errors[k] = 1 when the model's class for rows[k] is not its label. `predicted` holds a class index
 * into `classes` per TABLE row (as a training run reports them).
 */
export function errorsFromPredictions(
  table: Table,
  label: string,
  rows: Int32Array,
  predicted: Int32Array,
  classes: readonly string[],
): Uint8Array {
  if (predicted.length !== table.rowCount) throw new Error(`predictions for ${predicted.length} rows, the table has ${table.rowCount}`);
  const { y, classes: labelClasses } = encodeLabels(table, label);
  const toLabel = classes.map((c) => labelClasses.indexOf(c));
  const errors = new Uint8Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as number;
    errors[k] = toLabel[predicted[r] as number] === y[r] ? 0 : 1;
  }
  return errors;
}

/** errors[k] = 1 when column `prediction` differs from the label at rows[k] (as text: '1' = 1). */
export function errorsFromColumn(table: Table, label: string, prediction: string, rows: Int32Array): Uint8Array {
  const truth = getColumn(table, label);
  const guess = getColumn(table, prediction);
  const errors = new Uint8Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as number;
    errors[k] = cellText(truth, r) === cellText(guess, r) ? 0 : 1;
  }
  return errors;
}
