/**
 * Labels: a table column into class indices.
 *
 * classes: number and integer labels sorted numerically and shown as strings ('0', '1', '2.5'); other
 * labels (category levels, text, booleans as 'false'/'true') sorted by code point ('no' < 'yes', 'ham' < 'spam'), so the usual "positive" word is class 1.
 * y[row] is the index into classes. Every row must have a label; there must be 2..MAX_CLASSES
 * classes (Slicewise trains classifiers; a label with hundreds of numeric values is a regression
 * target and is refused with a message saying so).
 */
import { cellText, getColumn, type Table } from './table.ts';
import { fileError } from './data/errors.ts';

export const MAX_CLASSES = 100;

export interface EncodedLabels {
  /** [rows] class index per row. */
  y: Int32Array;
  classes: string[];
}

export function encodeLabels(table: Table, column: string): EncodedLabels {
  const col = getColumn(table, column);
  const y = new Int32Array(table.rowCount);
  let classes: string[];
  if (col.kind === 'number' || col.kind === 'integer') {
    const values = col.values;
    const missing = values.findIndex((v) => Number.isNaN(v));
    if (missing !== -1) throw missingLabel(table, column, missing);
    const sorted = Array.from(new Set(values)).sort((a, b) => a - b);
    checkCount(table, column, sorted.length, () => sorted.slice(0, 1).map(String));
    const index = new Map(sorted.map((v, i) => [v, i]));
    for (let r = 0; r < values.length; r++) y[r] = index.get(values[r] as number) as number;
    classes = sorted.map(String);
  } else if (col.kind === 'category') {
    // Classes are the levels that occur, sorted by code point; codes map to classes through a table.
    const { codes, levels } = col;
    const used = new Uint8Array(levels.length);
    for (let r = 0; r < codes.length; r++) {
      const c = codes[r] as number;
      if (c < 0) throw missingLabel(table, column, r);
      used[c] = 1;
    }
    classes = levels.filter((_, c) => used[c] === 1).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    checkCount(table, column, classes.length, () => classes.slice(0, 1));
    const index = new Map(classes.map((v, i) => [v, i]));
    const classOf = Int32Array.from(levels, (l) => index.get(l) ?? -1);
    for (let r = 0; r < codes.length; r++) y[r] = classOf[codes[r] as number] as number;
  } else {
    // text, boolean ('false' < 'true'), date (ISO text): by the cells' text.
    const values = Array.from({ length: table.rowCount }, (_, r) => cellText(col, r));
    const missing = values.indexOf('');
    if (missing !== -1) throw missingLabel(table, column, missing);
    classes = Array.from(new Set(values)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    checkCount(table, column, classes.length, () => classes.slice(0, 1));
    const index = new Map(classes.map((v, i) => [v, i]));
    for (let r = 0; r < values.length; r++) y[r] = index.get(values[r] as string) as number;
  }
  return { y, classes };
}

/**
 * The label column's only value when every labelled row has the same one (missing cells aside),
 * else null: a column that cannot be a classifier's label, found as soon as a file is loaded.
 * Stops at the second distinct value.
 */
export function singleLabelValue(table: Table, column: string): string | null {
  const col = getColumn(table, column);
  let first: string | null = null;
  for (let r = 0; r < table.rowCount; r++) {
    const text = cellText(col, r);
    if (text === '') continue;
    if (first === null) first = text;
    else if (text !== first) return null;
  }
  return first;
}

function missingLabel(table: Table, column: string, row: number) {
  return fileError(
    table.source,
    `the label column "${column}" has no value in row ${row + 1} (rows counted from 1, header excluded); ` + 'every row needs a label',
    { row: row + 1 },
  );
}

function checkCount(table: Table, column: string, count: number, first: () => string[]): void {
  if (count < 2) {
    const value = first()[0];
    throw fileError(
      table.source,
      `the label column "${column}" has a single class${value === undefined ? '' : ` ("${value}")`}; ` + 'a classifier needs at least two',
    );
  }
  if (count > MAX_CLASSES) {
    throw fileError(
      table.source,
      `the label column "${column}" has ${count} distinct values; Slicewise trains classifiers ` +
        `(at most ${MAX_CLASSES} classes), so pick a column of class labels`,
    );
  }
}
