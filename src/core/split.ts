/**
 * Train / valid / test split of a table's rows.
 *
 * With a split column: each row's value (trimmed, any case) says where it goes:
 *   train, training -> train;  valid, validation, val, dev -> valid;  test, testing -> test.
 * Anything else (an empty cell too) is a DataError naming the value and its row.
 * Without one: a seeded random split with the given proportions (default 80% train, 20% valid, no
 * test), stratified by label when y is given: within each class the rows are shuffled (seeded), then
 * round(count * valid) go to valid, round(count * test) to test, the rest to train. So every class
 * keeps its share in each split (a class too small for a share stays in train).
 * Index arrays are sorted ascending. Same seed, table and proportions: same split.
 */
import { createRng, shuffle } from './random.ts';
import { cellText, getColumn, type Column, type Table } from './table.ts';
import { fileError } from './data/errors.ts';

export type SplitName = 'train' | 'valid' | 'test';

export interface Split {
  train: Int32Array;
  valid: Int32Array;
  test: Int32Array;
}

/**
 * Relative sizes of a random split, e.g. { train: 0.7, valid: 0.15, test: 0.15 }. Normalised to sum 1,
 * so { train: 70, valid: 15, test: 15 } is the same. test defaults to 0.
 */
export interface SplitProportions {
  train: number;
  valid: number;
  test?: number;
}

export const DEFAULT_PROPORTIONS: Readonly<SplitProportions> = { train: 0.8, valid: 0.2 };

export interface SplitOptions {
  splitColumn?: string;
  /** For a random split. Default DEFAULT_PROPORTIONS. */
  proportions?: SplitProportions;
  /** Older form of proportions: { train: 1 - validFraction, valid: validFraction }. */
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
  const { valid: pValid, test: pTest } = normalisedProportions(table, options);
  if (y && y.length !== table.rowCount) throw new Error(`splitRows: y has ${y.length} rows, table ${table.rowCount}`);
  const rng = createRng(options.seed);
  const groups: number[][] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const g = y ? (y[r] as number) : 0;
    (groups[g] ??= []).push(r);
  }
  const train: number[] = [];
  const valid: number[] = [];
  const test: number[] = [];
  for (const rows of groups) {
    if (!rows) continue;
    shuffle(rows, rng);
    const nValid = Math.round(rows.length * pValid);
    const nTest = Math.min(rows.length - nValid, Math.round(rows.length * pTest));
    for (let i = 0; i < rows.length; i++) (i < nValid ? valid : i < nValid + nTest ? test : train).push(rows[i] as number);
  }
  return { train: sorted(train), valid: sorted(valid), test: sorted(test) };
}

/** Share of the train rows held out for validation when the data has no valid split (holdOut). */
export const HOLD_OUT_SHARE = 0.2;

/**
 * Seeded, stratified hold-out of `share` of `rows` (within each label of y, round(count * share)
 * shuffled rows, at least one), e.g. validation rows out of train when the data has none. Sorted
 * ascending. A class with a single row stays in `kept`.
 */
export function holdOut(rows: Int32Array, y: Int32Array, share: number, seed: number): { kept: Int32Array; heldOut: Int32Array } {
  const rng = createRng(seed);
  const groups = new Map<number, number[]>();
  for (const r of rows) {
    const g = y[r]!;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(r);
  }
  const kept: number[] = [];
  const held: number[] = [];
  for (const g of [...groups.keys()].sort((a, b) => a - b)) {
    const members = groups.get(g)!;
    shuffle(members, rng);
    const n = members.length > 1 ? Math.max(1, Math.round(members.length * share)) : 0;
    members.forEach((r, i) => (i < n ? held : kept).push(r));
  }
  return { kept: sorted(kept), heldOut: sorted(held) };
}

/** valid and test shares (summing with train to 1); a DataError for impossible proportions. */
function normalisedProportions(table: Table, options: SplitOptions): { valid: number; test: number } {
  if (options.proportions === undefined && options.validFraction !== undefined) {
    const fraction = options.validFraction;
    if (!(fraction >= 0 && fraction < 1)) {
      throw fileError(table.source, `the validation fraction must be in [0, 1), got ${fraction}`);
    }
    return { valid: fraction, test: 0 };
  }
  const p = options.proportions ?? DEFAULT_PROPORTIONS;
  const test = p.test ?? 0;
  const parts = [p.train, p.valid, test];
  if (!parts.every((x) => Number.isFinite(x) && x >= 0) || !(p.train > 0)) {
    throw fileError(
      table.source,
      `the split proportions must be non-negative numbers with some rows for train, got train ${p.train}, valid ${p.valid}, test ${test}`,
    );
  }
  const sum = p.train + p.valid + test;
  return { valid: p.valid / sum, test: test / sum };
}

function splitByColumn(table: Table, name: string): Split {
  const column = getColumn(table, name);
  const out: Record<SplitName, number[]> = { train: [], valid: [], test: [] };
  for (let r = 0; r < table.rowCount; r++) {
    const raw = cellText(column, r);
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

/** Whether every cell of the column names a split (a category or text column). */
export function isSplitColumn(column: Column, rowCount: number): boolean {
  if (column.kind === 'category') {
    if (column.levels.some((l) => splitOf(l) === undefined)) return false;
    for (let r = 0; r < rowCount; r++) if ((column.codes[r] as number) < 0) return false;
    return true;
  }
  return column.kind === 'text' && column.values.every((v) => splitOf(v) !== undefined);
}

function sorted(rows: number[]): Int32Array {
  return Int32Array.from(rows).sort();
}
