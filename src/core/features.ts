/**
 * The featurizer: table columns into the model's input matrix x [rows, dim] (Float32, row-major).
 * Fitted on train rows only; the fitted FeaturizerSpec is plain JSON (it ships with exported models)
 * and featurize() applies it to any table with the same column names.
 *
 * Per column kind, in the order the feature columns are given:
 * - number:   (v - mean) / std with the train mean and population std (std 0 -> 1); missing -> 0,
 *             i.e. the mean. 1 dim.
 * - category: one-hot over the levels seen at least minCategoryCount (2) times in train, in code
 *             point order, then one '__other__' dim for rarer and unseen levels; missing -> all 0.
 * - text:     bag of words. Tokens: lowercase, runs of [a-z0-9'] (so 'café' gives 'caf'). Vocabulary:
 *             the maxVocabulary (500) tokens with the highest document frequency in train, ties in
 *             code point order, only tokens in at least minDocumentFrequency (2) documents. Value:
 *             log1p(count in the row).
 * A column whose kind in the table differs from the spec's (a new file inferred differently) is
 * converted: numbers read from text, text from numbers.
 */
import { getColumn, type Column, type Table } from './table.ts';
import { fileError } from './data/errors.ts';
import { normaliseCell, parseNumber } from './data/infer.ts';

export const OTHER_LEVEL = '__other__';

export interface FeaturizerOptions {
  maxVocabulary?: number;
  minDocumentFrequency?: number;
  minCategoryCount?: number;
}

export type ColumnFeatures =
  | { kind: 'number'; column: string; mean: number; std: number }
  /** One dim per level, then one for OTHER_LEVEL. */
  | { kind: 'category'; column: string; levels: string[] }
  | { kind: 'text'; column: string; vocabulary: string[] };

export interface FeaturizerSpec {
  version: 1;
  columns: ColumnFeatures[];
  /** Total input dims: the sum over columns. */
  dim: number;
}

const TOKEN = /[a-z0-9']+/g;

/** Calls `each` with every token of a cell (lowercased). */
export function forEachToken(text: string, each: (token: string) => void): void {
  const lower = text.toLowerCase();
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(lower); m !== null; m = TOKEN.exec(lower)) each(m[0]);
}

function dimsOf(f: ColumnFeatures): number {
  return f.kind === 'number' ? 1 : f.kind === 'category' ? f.levels.length + 1 : f.vocabulary.length;
}

export function fitFeaturizer(
  table: Table,
  featureColumns: string[],
  trainRows: Int32Array,
  options: FeaturizerOptions = {},
): FeaturizerSpec {
  const columns = featureColumns.map((name): ColumnFeatures => {
    const column = getColumn(table, name);
    if (column.kind === 'number') return fitNumber(name, column.values, trainRows);
    if (column.kind === 'category') return fitCategory(name, column.values, trainRows, options.minCategoryCount ?? 2);
    return fitText(name, column.values, trainRows, options.maxVocabulary ?? 500, options.minDocumentFrequency ?? 2);
  });
  return { version: 1, columns, dim: columns.reduce((sum, f) => sum + dimsOf(f), 0) };
}

function fitNumber(column: string, values: Float64Array, rows: Int32Array): ColumnFeatures {
  let n = 0;
  let sum = 0;
  for (const r of rows) {
    const v = values[r] as number;
    if (v === v) {
      n++;
      sum += v;
    }
  }
  const mean = n > 0 ? sum / n : 0;
  let squares = 0;
  for (const r of rows) {
    const v = values[r] as number;
    if (v === v) squares += (v - mean) * (v - mean);
  }
  const std = n > 0 ? Math.sqrt(squares / n) : 0;
  return { kind: 'number', column, mean, std: std > 0 && Number.isFinite(std) ? std : 1 };
}

function fitCategory(column: string, values: string[], rows: Int32Array, minCount: number): ColumnFeatures {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const v = values[r] as string;
    if (v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const levels = [...counts].filter(([, c]) => c >= minCount).map(([v]) => v);
  return { kind: 'category', column, levels: levels.sort(byCodePoint) };
}

function fitText(column: string, values: string[], rows: Int32Array, maxVocabulary: number, minDf: number): ColumnFeatures {
  const df = new Map<string, number>();
  const lastDoc = new Map<string, number>();
  for (const r of rows) {
    const v = values[r] as string;
    if (v === '') continue;
    forEachToken(v, (token) => {
      if (lastDoc.get(token) === r) return;
      lastDoc.set(token, r);
      df.set(token, (df.get(token) ?? 0) + 1);
    });
  }
  const vocabulary = [...df]
    .filter(([, d]) => d >= minDf)
    .sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0]))
    .slice(0, maxVocabulary)
    .map(([token]) => token);
  return { kind: 'text', column, vocabulary };
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Names of the dims, in order: 'age', 'plan=pro', 'plan=__other__', 'comment:slow'. */
export function featureNames(spec: FeaturizerSpec): string[] {
  const names: string[] = [];
  for (const f of spec.columns) {
    if (f.kind === 'number') names.push(f.column);
    else if (f.kind === 'category') names.push(...f.levels.map((l) => `${f.column}=${l}`), `${f.column}=${OTHER_LEVEL}`);
    else names.push(...f.vocabulary.map((t) => `${f.column}:${t}`));
  }
  return names;
}

/**
 * x [rows.length, dim] row-major for the given rows (default: all rows, in order).
 * Fast: one pass per column over typed arrays, writing straight into x; no per-row objects.
 */
export function featurize(spec: FeaturizerSpec, table: Table, rows?: Int32Array): { x: Float32Array; dim: number } {
  const n = rows ? rows.length : table.rowCount;
  const dim = spec.dim;
  const x = new Float32Array(n * dim);
  const rowAt = rows ? (i: number) => rows[i] as number : (i: number) => i;
  let offset = 0;
  for (const f of spec.columns) {
    const column = findColumn(table, spec, f.column);
    if (f.kind === 'number') {
      const values = numbersOf(column);
      for (let i = 0; i < n; i++) {
        const v = values(rowAt(i));
        x[i * dim + offset] = v === v ? (v - f.mean) / f.std : 0;
      }
    } else if (f.kind === 'category') {
      const index = new Map(f.levels.map((l, k) => [l, k]));
      const other = f.levels.length;
      const values = stringsOf(column);
      for (let i = 0; i < n; i++) {
        const v = values(rowAt(i));
        if (v !== '') x[i * dim + offset + (index.get(v) ?? other)] = 1;
      }
    } else {
      const index = new Map(f.vocabulary.map((t, k) => [t, k]));
      const values = stringsOf(column);
      const touched: number[] = [];
      for (let i = 0; i < n; i++) {
        const v = values(rowAt(i));
        if (v === '') continue;
        const base = i * dim + offset;
        touched.length = 0;
        forEachToken(v, (token) => {
          const k = index.get(token);
          if (k === undefined) return;
          const count = x[base + k] as number;
          if (count === 0) touched.push(k);
          x[base + k] = count + 1;
        });
        for (const k of touched) x[base + k] = Math.log1p(x[base + k] as number);
      }
    }
    offset += dimsOf(f);
  }
  return { x, dim };
}

function findColumn(table: Table, spec: FeaturizerSpec, name: string): Column {
  const column = table.columns.find((c) => c.name === name);
  if (column) return column;
  const expected = spec.columns.map((f) => f.column).join(', ');
  throw fileError(table.source, `no column named "${name}" (the features were fitted on: ${expected})`);
}

function numbersOf(column: Column): (r: number) => number {
  if (column.kind === 'number') {
    const values = column.values;
    return (r) => values[r] as number;
  }
  const values = column.values;
  return (r) => {
    const s = normaliseCell(values[r] as string);
    return s === '' ? NaN : parseNumber(s);
  };
}

function stringsOf(column: Column): (r: number) => string {
  if (column.kind !== 'number') {
    const values = column.values;
    return (r) => values[r] as string;
  }
  const values = column.values;
  return (r) => {
    const v = values[r] as number;
    return v === v ? String(v) : '';
  };
}
