/**
 * The featurizer: table columns into the model's input matrix x [rows, dim] (Float32, row-major).
 * Fitted on train rows only; the fitted FeaturizerSpec is plain JSON (it ships with exported models)
 * and featurize() applies it to any table with the same column names.
 *
 * Per column, in the order the feature columns are given (spec version 2):
 * - number, integer, boolean (0/1), date (epoch ms): 'number' features. (v - mean) / std with the
 *   train mean and population std (std 0 -> 1). A column with missing values in train also gets a
 *   missing-indicator dim: a missing cell is 0 (the train mean) in the value dim and 1 in the
 *   indicator. 1 or 2 dims.
 * - category: one-hot over the levels seen at least minCategoryCount (2) times in train, the
 *   maxCategoryLevels (100) most frequent of them (ties in code point order), listed in code point
 *   order; then one OTHER_LEVEL dim for rarer and unseen levels; then, when train has missing cells,
 *   one MISSING_LEVEL dim. levels + 1 (+ 1) dims.
 * - text: TF-IDF over words and word pairs. Tokens: lowercased runs of Unicode letters and digits
 *   (\p{L}\p{N}, so 'café' and 'naïve' stay whole; an apostrophe between letters is kept: "don't");
 *   terms: every token and every pair of adjacent tokens ('slow app'). Vocabulary: the maxVocabulary
 *   (1000, the cap) terms with the highest document frequency in train, ties in code point order,
 *   only terms in at least minDocumentFrequency (2) train documents. Value: (1 + ln count) * idf,
 *   idf = ln((1 + n) / (1 + df)) + 1 (n = train documents), then the row's text dims are scaled to
 *   unit length (L2). One dim per vocabulary term.
 * Size: x holds every table row densely, so for big tables the category levels and text terms share
 * a budget of DEFAULT_MAX_INPUT_FLOATS / rows dims (fitBudget; 67 dims for 1M rows), keeping the most
 * frequent; the fixed dims alone over budget are a DataError asking for fewer feature columns.
 * Version 1 specs (exported before version 2) are still applied as they were: no indicator or
 * missing dims, text as log1p(count) over [a-z0-9'] words.
 * A column whose kind in the table differs from the spec's (a new file inferred differently) is
 * converted: numbers read from text (also ISO dates, true/false), text from numbers.
 */
import { cellText, getColumn, type Column, type Table } from './table.ts';
import { fileError } from './data/errors.ts';
import { normaliseCell, parseBoolean, parseIsoDate, parseNumber } from './data/cells.ts';

export const OTHER_LEVEL = '__other__';
export const MISSING_LEVEL = '__missing__';
export const DEFAULT_MAX_VOCABULARY = 1000;
export const DEFAULT_MAX_CATEGORY_LEVELS = 100;
/** x [rows, dim] may hold at most this many float32s (256 MB): see fitBudget. */
export const DEFAULT_MAX_INPUT_FLOATS = 2 ** 26;

export interface FeaturizerOptions {
  maxVocabulary?: number;
  minDocumentFrequency?: number;
  minCategoryCount?: number;
  maxCategoryLevels?: number;
  /** Cap on rows x dim of the input matrix. Default DEFAULT_MAX_INPUT_FLOATS. */
  maxInputFloats?: number;
}

export type ColumnFeatures =
  /** missing: a missing-indicator dim follows the value dim. */
  | { kind: 'number'; column: string; mean: number; std: number; missing?: boolean }
  /** One dim per level, then one for OTHER_LEVEL, then (missing) one for MISSING_LEVEL. */
  | { kind: 'category'; column: string; levels: string[]; missing?: boolean }
  /** idf[k] for vocabulary[k] (version 2; absent in version 1: log1p counts). */
  | { kind: 'text'; column: string; vocabulary: string[]; idf?: number[] };

export interface FeaturizerSpec {
  version: 1 | 2;
  columns: ColumnFeatures[];
  /** Total input dims: the sum over columns. */
  dim: number;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const LEGACY_TOKEN = /[a-z0-9']+/g;

/** The tokens of a cell, lowercased, in order. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

/** Calls `each` with every term of a cell: each token, then each pair of adjacent tokens. */
export function forEachTerm(text: string, each: (term: string) => void): void {
  const tokens = tokenize(text);
  for (const t of tokens) each(t);
  for (let i = 1; i < tokens.length; i++) each(`${tokens[i - 1] as string} ${tokens[i] as string}`);
}

/** Version 1 tokens (lowercase [a-z0-9'] runs), kept to apply old exported featurizers unchanged. */
function forEachLegacyToken(text: string, each: (token: string) => void): void {
  const lower = text.toLowerCase();
  LEGACY_TOKEN.lastIndex = 0;
  for (let m = LEGACY_TOKEN.exec(lower); m !== null; m = LEGACY_TOKEN.exec(lower)) each(m[0]);
}

function dimsOf(f: ColumnFeatures): number {
  if (f.kind === 'number') return f.missing ? 2 : 1;
  if (f.kind === 'category') return f.levels.length + 1 + (f.missing ? 1 : 0);
  return f.vocabulary.length;
}

export function fitFeaturizer(
  table: Table,
  featureColumns: string[],
  trainRows: Int32Array,
  options: FeaturizerOptions = {},
): FeaturizerSpec {
  const fitted = featureColumns.map((name): ColumnFeatures => {
    const column = getColumn(table, name);
    switch (column.kind) {
      case 'category':
        return fitCategory(
          name,
          column,
          trainRows,
          options.minCategoryCount ?? 2,
          options.maxCategoryLevels ?? DEFAULT_MAX_CATEGORY_LEVELS,
        );
      case 'text':
        return fitText(name, column.values, trainRows, options.maxVocabulary ?? DEFAULT_MAX_VOCABULARY, options.minDocumentFrequency ?? 2);
      default:
        return fitNumber(name, column.values, trainRows);
    }
  });
  const columns = fitBudget(table, fitted, options.maxInputFloats ?? DEFAULT_MAX_INPUT_FLOATS).map((f) =>
    f.kind === 'category' ? { ...f, levels: [...f.levels].sort(byCodePoint) } : f,
  );
  return { version: 2, columns, dim: columns.reduce((sum, f) => sum + dimsOf(f), 0) };
}

/**
 * x is dense: [table rows, dim] float32. Keep it within maxInputFloats by giving the category levels
 * and text terms (each list already in order of train frequency, most frequent first) a fair share of
 * the dims left after the fixed ones (number dims, other/missing dims): water-filling, so a column
 * that wants little keeps all of it and the big ones share the rest. Only matters for big tables
 * (with the default, 1M rows leave 67 dims; 20,000 rows leave 3,355).
 */
function fitBudget(table: Table, fitted: ColumnFeatures[], maxInputFloats: number): ColumnFeatures[] {
  const budget = Math.floor(maxInputFloats / Math.max(1, table.rowCount));
  const variable = (f: ColumnFeatures) => (f.kind === 'category' ? f.levels.length : f.kind === 'text' ? f.vocabulary.length : 0);
  const fixed = fitted.reduce((sum, f) => sum + dimsOf(f) - variable(f), 0);
  const wanted = fitted.reduce((sum, f) => sum + variable(f), 0);
  if (fixed + wanted <= budget) return fitted;
  if (fixed > budget) {
    throw fileError(
      table.source,
      `the chosen features need at least ${fixed} inputs per row; for ${table.rowCount.toLocaleString('en-US')} rows that is ` +
        `${Math.round((fixed * table.rowCount * 4) / 1e6)} MB, over the ${Math.round((maxInputFloats * 4) / 1e6)} MB the model input may take: choose fewer feature columns`,
    );
  }
  const order = fitted.map((_, i) => i).filter((i) => variable(fitted[i] as ColumnFeatures) > 0);
  order.sort((a, b) => variable(fitted[a] as ColumnFeatures) - variable(fitted[b] as ColumnFeatures));
  let left = budget - fixed;
  const share = new Map<number, number>();
  order.forEach((i, k) => {
    const give = Math.min(variable(fitted[i] as ColumnFeatures), Math.floor(left / (order.length - k)));
    share.set(i, give);
    left -= give;
  });
  return fitted.map((f, i) => {
    const keep = share.get(i);
    if (keep === undefined) return f;
    if (f.kind === 'category') return { ...f, levels: f.levels.slice(0, keep) };
    if (f.kind === 'text') return { ...f, vocabulary: f.vocabulary.slice(0, keep), ...(f.idf ? { idf: f.idf.slice(0, keep) } : {}) };
    return f;
  });
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
  const f: ColumnFeatures = { kind: 'number', column, mean, std: std > 0 && Number.isFinite(std) ? std : 1 };
  if (n < rows.length) f.missing = true;
  return f;
}

function fitCategory(
  column: string,
  c: Extract<Column, { kind: 'category' }>,
  rows: Int32Array,
  minCount: number,
  maxLevels: number,
): ColumnFeatures {
  const counts = new Int32Array(c.levels.length);
  let missing = 0;
  for (const r of rows) {
    const code = c.codes[r] as number;
    if (code < 0) missing++;
    else (counts[code] as number)++;
  }
  const kept = c.levels
    .map((level, code) => ({ level, count: counts[code] as number }))
    .filter((l) => l.count >= minCount)
    .sort((a, b) => b.count - a.count || byCodePoint(a.level, b.level))
    .slice(0, maxLevels)
    .map((l) => l.level);
  // Most frequent first here (fitBudget may cut the tail); fitFeaturizer sorts them by code point.
  const f: ColumnFeatures = { kind: 'category', column, levels: kept };
  if (missing > 0) f.missing = true;
  return f;
}

function fitText(column: string, values: string[], rows: Int32Array, maxVocabulary: number, minDf: number): ColumnFeatures {
  const df = new Map<string, number>();
  const seen = new Set<string>();
  for (const r of rows) {
    const v = values[r] as string;
    if (v === '') continue;
    seen.clear();
    forEachTerm(v, (term) => {
      if (seen.has(term)) return;
      seen.add(term);
      df.set(term, (df.get(term) ?? 0) + 1);
    });
  }
  const top = [...df]
    .filter(([, d]) => d >= minDf)
    .sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0]))
    .slice(0, maxVocabulary);
  const n = rows.length;
  return {
    kind: 'text',
    column,
    vocabulary: top.map(([term]) => term),
    idf: top.map(([, d]) => Math.log((1 + n) / (1 + d)) + 1),
  };
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Names of the dims, in order: 'age', 'age:missing', 'plan=pro', 'plan=__other__', 'comment:slow app'. */
export function featureNames(spec: FeaturizerSpec): string[] {
  const names: string[] = [];
  for (const f of spec.columns) {
    if (f.kind === 'number') names.push(f.column, ...(f.missing ? [`${f.column}:missing`] : []));
    else if (f.kind === 'category') {
      names.push(...f.levels.map((l) => `${f.column}=${l}`), `${f.column}=${OTHER_LEVEL}`);
      if (f.missing) names.push(`${f.column}=${MISSING_LEVEL}`);
    } else names.push(...f.vocabulary.map((t) => `${f.column}:${t}`));
  }
  return names;
}

/**
 * x [rows.length, dim] row-major for the given rows (default: all rows, in order).
 * Fast: one pass per column over typed arrays, writing straight into x; no per-row objects; category
 * codes map to dims through a per-level table.
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
      const indicator = f.missing === true;
      const { mean, std } = f;
      if (rows === undefined && column.kind !== 'category' && column.kind !== 'text') {
        // The common case (all rows of a numeric column): a straight loop over the typed array.
        const values = column.values;
        for (let i = 0, at = offset; i < n; i++, at += dim) {
          const v = values[i] as number;
          if (v === v) x[at] = (v - mean) / std;
          else if (indicator) x[at + 1] = 1;
        }
      } else {
        const values = numbersOf(column);
        for (let i = 0; i < n; i++) {
          const v = values(rowAt(i));
          if (v === v) x[i * dim + offset] = (v - mean) / std;
          else if (indicator) x[i * dim + offset + 1] = 1;
        }
      }
    } else if (f.kind === 'category') {
      const index = new Map(f.levels.map((l, k) => [l, k]));
      const other = f.levels.length;
      const missing = f.missing ? other + 1 : -1;
      const dimOf = (level: string) => (level === '' ? missing : (index.get(level) ?? other));
      if (column.kind === 'category') {
        const byCode = Int32Array.from(column.levels, dimOf);
        const codes = column.codes;
        for (let i = 0; i < n; i++) {
          const code = codes[rowAt(i)] as number;
          const k = code < 0 ? missing : (byCode[code] as number);
          if (k >= 0) x[i * dim + offset + k] = 1;
        }
      } else {
        const values = stringsOf(column);
        for (let i = 0; i < n; i++) {
          const k = dimOf(values(rowAt(i)));
          if (k >= 0) x[i * dim + offset + k] = 1;
        }
      }
    } else if (f.idf === undefined) {
      featurizeLegacyText(f.vocabulary, stringsOf(column), x, n, dim, offset, rowAt);
    } else {
      featurizeText(f.vocabulary, f.idf, stringsOf(column), x, n, dim, offset, rowAt);
    }
    offset += dimsOf(f);
  }
  return { x, dim };
}

function featurizeText(
  vocabulary: string[],
  idf: number[],
  values: (r: number) => string,
  x: Float32Array,
  n: number,
  dim: number,
  offset: number,
  rowAt: (i: number) => number,
): void {
  const index = new Map(vocabulary.map((t, k) => [t, k]));
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const v = values(rowAt(i));
    if (v === '') continue;
    counts.clear();
    forEachTerm(v, (term) => {
      const k = index.get(term);
      if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
    });
    if (counts.size === 0) continue;
    let norm = 0;
    for (const [k, c] of counts) {
      const w = (1 + Math.log(c)) * (idf[k] as number);
      counts.set(k, w);
      norm += w * w;
    }
    const scale = 1 / Math.sqrt(norm);
    const base = i * dim + offset;
    for (const [k, w] of counts) x[base + k] = w * scale;
  }
}

function featurizeLegacyText(
  vocabulary: string[],
  values: (r: number) => string,
  x: Float32Array,
  n: number,
  dim: number,
  offset: number,
  rowAt: (i: number) => number,
): void {
  const index = new Map(vocabulary.map((t, k) => [t, k]));
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = values(rowAt(i));
    if (v === '') continue;
    const base = i * dim + offset;
    touched.length = 0;
    forEachLegacyToken(v, (token) => {
      const k = index.get(token);
      if (k === undefined) return;
      const count = x[base + k] as number;
      if (count === 0) touched.push(k);
      x[base + k] = count + 1;
    });
    for (const k of touched) x[base + k] = Math.log1p(x[base + k] as number);
  }
}

function findColumn(table: Table, spec: FeaturizerSpec, name: string): Column {
  const column = table.columns.find((c) => c.name === name);
  if (column) return column;
  const expected = spec.columns.map((f) => f.column).join(', ');
  throw fileError(table.source, `no column named "${name}" (the features were fitted on: ${expected})`);
}

/** A cell as a number: numeric kinds as stored; strings parsed as a number, an ISO date or true/false. */
function numbersOf(column: Column): (r: number) => number {
  if (column.kind !== 'category' && column.kind !== 'text') {
    const values = column.values;
    return (r) => values[r] as number;
  }
  const parse = (raw: string): number => {
    const s = normaliseCell(raw);
    if (s === '') return NaN;
    const v = parseNumber(s);
    if (v === v) return v;
    const t = parseIsoDate(s);
    return t === t ? t : parseBoolean(s);
  };
  if (column.kind === 'category') {
    const byCode = column.levels.map(parse);
    const codes = column.codes;
    return (r) => {
      const c = codes[r] as number;
      return c < 0 ? NaN : (byCode[c] as number);
    };
  }
  const values = column.values;
  return (r) => parse(values[r] as string);
}

/** A cell as text ('' = missing): strings as stored, other kinds as cellText writes them. */
function stringsOf(column: Column): (r: number) => string {
  if (column.kind === 'text') {
    const values = column.values;
    return (r) => values[r] as string;
  }
  if (column.kind === 'category') {
    const { codes, levels } = column;
    return (r) => {
      const c = codes[r] as number;
      return c < 0 ? '' : (levels[c] as string);
    };
  }
  return (r) => cellText(column, r);
}
