/**
 * Per-column summaries of a Table: its kind, how many cells are missing, and the distribution, small
 * enough to post from the data worker and draw as one row per column.
 *
 * Cost: one or two passes over each column's typed array (numbers, dates, booleans, category codes),
 * no per-cell allocation; text columns measure every length but count words on an evenly spaced
 * sample of at most TEXT_SAMPLE rows (tokenising a million texts would dominate a load).
 */
import type { Column, ColumnKind, Table } from '../table.ts';

/** Bins of the numeric histograms (fewer for integer columns with a narrow range: one per value). */
export const HISTOGRAM_BINS = 20;
/** Category levels listed by name; the rest are summed into `other`. */
export const TOP_LEVELS = 8;
/** Rows sampled for a text column's top words. */
export const TEXT_SAMPLE = 20_000;
export const TOP_WORDS = 8;

/**
 * Equal-width bins over [min, max]: bin i covers [min + i·width, min + (i+1)·width), the last one
 * also includes max. width = (max - min) / counts.length (1 for one-value-per-bin integer columns).
 */
export interface Histogram {
  min: number;
  max: number;
  width: number;
  counts: number[];
}

interface Base {
  name: string;
  rowCount: number;
  missing: number;
}

export interface NumericSummary extends Base {
  kind: 'number' | 'integer' | 'date';
  /** Over the non-missing cells; NaN when every cell is missing (and histogram is null). Dates in epoch ms. */
  min: number;
  max: number;
  mean: number;
  histogram: Histogram | null;
}

export interface BooleanSummary extends Base {
  kind: 'boolean';
  trueCount: number;
  falseCount: number;
}

export interface CategorySummary extends Base {
  kind: 'category';
  /** Number of distinct levels present. */
  distinct: number;
  /** The most frequent levels, most frequent first (ties: the level seen first). */
  top: { value: string; count: number }[];
  /** Non-missing cells outside `top`. */
  other: number;
}

export interface TextSummary extends Base {
  kind: 'text';
  /** Lengths (UTF-16 code units) of the non-missing cells; NaN when every cell is missing. */
  minLength: number;
  maxLength: number;
  meanLength: number;
  lengthHistogram: Histogram | null;
  /** Most frequent lower-case words (letters/digits, 3+ characters, no stop words), from `sampledRows` evenly spaced rows. */
  topWords: { word: string; count: number }[];
  sampledRows: number;
}

export type ColumnSummary = NumericSummary | BooleanSummary | CategorySummary | TextSummary;

export function summarizeColumns(table: Table): ColumnSummary[] {
  return table.columns.map((c) => summarizeColumn(c, table.rowCount));
}

export function summarizeColumn(column: Column, rowCount: number): ColumnSummary {
  const base = { name: column.name, rowCount };
  switch (column.kind) {
    case 'boolean': {
      let t = 0;
      let f = 0;
      const v = column.values;
      for (let i = 0; i < rowCount; i++) {
        const x = v[i] as number;
        if (x === 1) t++;
        else if (x === 0) f++;
      }
      return { ...base, kind: 'boolean', missing: rowCount - t - f, trueCount: t, falseCount: f };
    }
    case 'number':
    case 'integer':
    case 'date':
      return { ...base, kind: column.kind, ...numericStats(column.values, rowCount, column.kind) };
    case 'category':
      return { ...base, kind: 'category', ...categoryStats(column.codes, column.levels, rowCount) };
    case 'text':
      return { ...base, kind: 'text', ...textStats(column.values, rowCount) };
  }
}

function numericStats(values: Float64Array, rowCount: number, kind: ColumnKind) {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < rowCount; i++) {
    const x = values[i] as number;
    if (x !== x) continue; // NaN = missing
    if (x < min) min = x;
    if (x > max) max = x;
    sum += x;
    n++;
  }
  if (n === 0) return { missing: rowCount, min: NaN, max: NaN, mean: NaN, histogram: null };
  const perValue = kind === 'integer' && max - min + 1 <= HISTOGRAM_BINS;
  return { missing: rowCount - n, min, max, mean: sum / n, histogram: histogram(values, rowCount, min, max, perValue) };
}

/** Histogram of the non-NaN values in [min, max]; `perValue`: one bin per integer min..max. */
function histogram(values: ArrayLike<number>, rowCount: number, min: number, max: number, perValue: boolean): Histogram {
  const bins = perValue ? max - min + 1 : min === max ? 1 : HISTOGRAM_BINS;
  const width = perValue ? 1 : min === max ? 1 : (max - min) / bins;
  const counts = new Float64Array(bins); // typed: no holey-array slow path in the hot loop
  const last = bins - 1;
  const scale = 1 / width;
  for (let i = 0; i < rowCount; i++) {
    const x = values[i] as number;
    if (x !== x) continue;
    let b = Math.floor((x - min) * scale);
    if (b > last) b = last; // x === max (or float rounding at the top edge)
    counts[b]!++;
  }
  return { min, max, width, counts: Array.from(counts) };
}

function categoryStats(codes: Int32Array, levels: string[], rowCount: number) {
  const counts = new Float64Array(levels.length);
  let missing = 0;
  for (let i = 0; i < rowCount; i++) {
    const c = codes[i] as number;
    if (c < 0) missing++;
    else counts[c]!++;
  }
  const order = Array.from(levels.keys()).filter((k) => (counts[k] as number) > 0);
  const distinct = order.length;
  order.sort((a, b) => (counts[b] as number) - (counts[a] as number) || a - b);
  const top = order.slice(0, TOP_LEVELS).map((k) => ({ value: levels[k] as string, count: counts[k] as number }));
  const inTop = top.reduce((s, t) => s + t.count, 0);
  return { missing, distinct, top, other: rowCount - missing - inTop };
}

const WORD = /[\p{L}\p{N}]+/gu;
/** Words too common to say anything about a column (plus every word under 3 characters). */
const STOP_WORDS = new Set(
  "the and for you your are was were this that with have has had not but from they their them what when which who will would can could all any our out get got its it's just than then there these those been being into about more some one".split(
    ' ',
  ),
);

function textStats(values: string[], rowCount: number) {
  let missing = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  const lengths = new Float64Array(rowCount);
  for (let i = 0; i < rowCount; i++) {
    const len = (values[i] as string).length;
    if (len === 0) {
      missing++;
      lengths[i] = NaN;
      continue;
    }
    lengths[i] = len;
    if (len < min) min = len;
    if (len > max) max = len;
    sum += len;
  }
  const n = rowCount - missing;
  const words = new Map<string, number>();
  const step = Math.max(1, Math.ceil(rowCount / TEXT_SAMPLE));
  let sampledRows = 0;
  for (let i = 0; i < rowCount; i += step) {
    sampledRows++;
    const text = values[i] as string;
    if (text.length === 0) continue;
    for (const m of text.toLowerCase().matchAll(WORD)) {
      const w = m[0];
      if (w.length >= 3 && !STOP_WORDS.has(w)) words.set(w, (words.get(w) ?? 0) + 1);
    }
  }
  const topWords = [...words]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP_WORDS)
    .map(([word, count]) => ({ word, count }));
  if (n === 0) {
    return { missing, minLength: NaN, maxLength: NaN, meanLength: NaN, lengthHistogram: null, topWords, sampledRows };
  }
  return {
    missing,
    minLength: min,
    maxLength: max,
    meanLength: sum / n,
    lengthHistogram: histogram(lengths, rowCount, min, max, max - min + 1 <= HISTOGRAM_BINS),
    topWords,
    sampledRows,
  };
}
