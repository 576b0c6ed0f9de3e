/**
 * Train / valid / test split of a table's rows.
 *
 * With a split column: each row's value (trimmed, any case) says where it goes:
 *   train, training -> train;  valid, validation, val, dev -> valid;  test, testing -> test.
 * Anything else (an empty cell too) is a DataError naming the value and its row.
 * Without one: a seeded random split, stratified by label when y is given: within each class,
 * round(count * validFraction) rows go to valid, the rest to train; test is empty.
 * Index arrays are sorted ascending. Same seed and table, same split.
 */
import { createRng, shuffle } from './random.ts';
import { getColumn, type Table } from './table.ts';
import { fileError } from './data/errors.ts';

export type SplitName = 'train' | 'valid' | 'test';

export interface Split {
  train: Int32Array;
  valid: Int32Array;
  test: Int32Array;
}

export interface SplitOptions {
  splitColumn?: string;
  /** Fraction of rows (of each class) for valid in a random split, in [0, 1). Default 0.2. */
  validFraction?: number;
  seed: number;
}

const SPLIT_VALUES: Readonly<Record<string, SplitName>> = {
  train: 'train',
  training: 'train',
  valid: 'valid',
  validation: 'valid',
  val: 'valid',
  dev: 'valid',
  test: 'test',
  testing: 'test',
};

/** 'train' for ' Train ', undefined for a value that names no split. */
export function splitOf(value: string): SplitName | undefined {
  const key = value.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(SPLIT_VALUES, key) ? SPLIT_VALUES[key] : undefined;
}

export function splitRows(table: Table, options: SplitOptions, y?: Int32Array): Split {
  if (options.splitColumn !== undefined) return splitByColumn(table, options.splitColumn);
  const fraction = options.validFraction ?? 0.2;
  if (!(fraction >= 0 && fraction < 1)) {
    throw fileError(table.source, `the validation fraction must be in [0, 1), got ${fraction}`);
  }
  if (y && y.length !== table.rowCount) throw new Error(`splitRows: y has ${y.length} rows, table ${table.rowCount}`);
  const rng = createRng(options.seed);
  const groups: number[][] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const g = y ? (y[r] as number) : 0;
    (groups[g] ??= []).push(r);
  }
  const train: number[] = [];
  const valid: number[] = [];
  for (const rows of groups) {
    if (!rows) continue;
    shuffle(rows, rng);
    const nValid = Math.round(rows.length * fraction);
    for (let i = 0; i < rows.length; i++) (i < nValid ? valid : train).push(rows[i] as number);
  }
  return { train: sorted(train), valid: sorted(valid), test: new Int32Array(0) };
}

function splitByColumn(table: Table, name: string): Split {
  const column = getColumn(table, name);
  const out: Record<SplitName, number[]> = { train: [], valid: [], test: [] };
  for (let r = 0; r < table.rowCount; r++) {
    const raw = column.kind === 'number' ? formatNumber(column.values[r] as number) : (column.values[r] as string);
    const where = splitOf(raw);
    if (!where) {
      const what = raw === '' ? 'an empty value' : `an unknown value "${raw}"`;
      throw fileError(
        table.source,
        `the split column "${name}" has ${what} in row ${r + 1}; use train, valid (or validation, val, dev) or test`,
        { row: r + 1 },
      );
    }
    out[where].push(r);
  }
  return { train: Int32Array.from(out.train), valid: Int32Array.from(out.valid), test: Int32Array.from(out.test) };
}

function formatNumber(v: number): string {
  return Number.isNaN(v) ? '' : String(v);
}

function sorted(rows: number[]): Int32Array {
  return Int32Array.from(rows).sort();
}
