/**
 * Columns into SliceLine features (search.ts): one code per searched row and one predicate per code.
 *
 * - number, integer, date: up to `bins` quantile bins of the searched rows' values, cut at the
 *   shortest decimal that splits the values exactly where the quantile does (so `[0.2, 0.4)` is
 *   both what the slice holds and what the description says); a column with at most `bins`
 *   distinct values gets one `=` predicate per value instead. Missing values: one more predicate.
 * - boolean: true, false, missing.
 * - category: one predicate per level, and one for missing ('').
 * - text: one feature per token (features.ts tokenize), present or not, for the `tokensPerColumn`
 *   tokens whose SliceLine upper bound is best (no slice containing the others could score higher).
 * Values are read straight from the table's typed arrays; nothing is built per row but the codes.
 */
import { tokenize } from '../features.ts';
import type { Column, Table } from '../table.ts';
import { getColumn } from '../table.ts';
import { NO_ITEM, type SearchFeature } from './search.ts';
import { scoreUpperBound, type ScoreContext } from './score.ts';
import type { Predicate } from './types.ts';

export interface EncodedFeature extends SearchFeature {
  column: string;
  /** predicates[code]: what rows with that code satisfy. */
  predicates: Predicate[];
}

export interface EncodeOptions {
  bins: number;
  tokensPerColumn: number;
  /** For ranking text tokens. */
  score: ScoreContext;
}

/** More distinct values than this are binned from an evenly spaced sample of the values. */
const QUANTILE_SAMPLE = 200_000;
const MAX_LEVELS = NO_ITEM - 1;

export function encodeColumns(
  table: Table,
  rows: Int32Array,
  errors: Uint8Array,
  columns: readonly string[],
  options: EncodeOptions,
): { features: EncodedFeature[]; skipped: { column: string; reason: string }[] } {
  const features: EncodedFeature[] = [];
  const skipped: { column: string; reason: string }[] = [];
  for (const name of columns) {
    const column = getColumn(table, name);
    const encoded = encodeColumn(column, rows, errors, options);
    if (typeof encoded === 'string') skipped.push({ column: name, reason: encoded });
    else features.push(...encoded);
  }
  return { features, skipped };
}

function encodeColumn(column: Column, rows: Int32Array, errors: Uint8Array, options: EncodeOptions): EncodedFeature[] | string {
  switch (column.kind) {
    case 'number':
    case 'integer':
    case 'date':
      return [numericFeature(column.name, column.kind, column.values, rows, options.bins)];
    case 'boolean':
      return [booleanFeature(column.name, column.values, rows)];
    case 'category':
      if (column.levels.length > MAX_LEVELS) return `more than ${MAX_LEVELS} levels`;
      return [categoryFeature(column.name, column.codes, column.levels, rows)];
    case 'text': {
      const found = tokenFeatures(column.name, column.values, rows, errors, options);
      return found.length > 0 ? found : 'no token occurs often enough';
    }
  }
}

function numericFeature(
  name: string,
  kind: 'number' | 'integer' | 'date',
  values: Float64Array,
  rows: Int32Array,
  bins: number,
): EncodedFeature {
  let present = 0;
  for (let k = 0; k < rows.length; k++) if (!Number.isNaN(values[rows[k] as number])) present++;
  const stride = Math.max(1, Math.ceil(present / QUANTILE_SAMPLE));
  const sample = new Float64Array(Math.ceil(present / stride));
  for (let k = 0, seen = 0, m = 0; k < rows.length; k++) {
    const v = values[rows[k] as number] as number;
    if (Number.isNaN(v)) continue;
    if (seen++ % stride === 0) sample[m++] = v;
  }
  sample.sort();
  const distinct = distinctSorted(sample, bins + 1);
  const predicates: Predicate[] = [];
  const codes = new Uint16Array(rows.length);
  if (distinct.length <= bins) {
    // Few values: one predicate each. (With a sample, an unseen value is in no item.)
    const index = new Map(distinct.map((v, i) => [v, i]));
    for (const value of distinct) predicates.push({ kind: 'equals', column: name, columnKind: kind, value });
    for (let k = 0; k < rows.length; k++) {
      const v = values[rows[k] as number] as number;
      codes[k] = Number.isNaN(v) ? distinct.length : (index.get(v) ?? NO_ITEM);
    }
  } else {
    const cuts = quantileCuts(sample, bins);
    for (let b = 0; b <= cuts.length; b++) {
      predicates.push({
        kind: 'range',
        column: name,
        columnKind: kind,
        lo: b === 0 ? null : (cuts[b - 1] as number),
        hi: b === cuts.length ? null : (cuts[b] as number),
      });
    }
    for (let k = 0; k < rows.length; k++) {
      const v = values[rows[k] as number] as number;
      if (Number.isNaN(v)) {
        codes[k] = predicates.length;
        continue;
      }
      let b = 0;
      while (b < cuts.length && v >= (cuts[b] as number)) b++;
      codes[k] = b;
    }
  }
  if (present < rows.length) predicates.push({ kind: 'missing', column: name, columnKind: kind });
  return { column: name, codes, numCodes: predicates.length, predicates };
}

/** Up to `limit` distinct values of a sorted array, in order. */
function distinctSorted(sorted: Float64Array, limit: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < sorted.length && out.length < limit; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(sorted[i] as number);
  }
  return out;
}

/**
 * Cut points c_1 < c_2 < ... (at most bins - 1) near the quantiles of a sorted sample: bin b holds
 * c_b <= v < c_{b+1}. Each cut is the shortest decimal that falls within `slack` values of its
 * quantile (in (the value below that window, the value at its top]), so bins read `[0.2, 0.45)`.
 */
export function quantileCuts(sorted: Float64Array, bins: number): number[] {
  const cuts: number[] = [];
  // A cut may move this many values off its quantile, for a shorter number (bins stay within ~5%).
  const slack = Math.floor(sorted.length / bins / 20);
  for (let b = 1; b < bins; b++) {
    const at = Math.floor((b * sorted.length) / bins);
    const q = sorted[Math.min(sorted.length - 1, at + slack)] as number;
    let lo = Math.max(0, at - slack) - 1;
    while (lo >= 0 && sorted[lo] === q) lo--;
    if (lo < 0) continue; // no value below: no cut
    const cut = niceCut(sorted[lo] as number, q);
    if (cuts.length === 0 || cut > (cuts[cuts.length - 1] as number)) cuts.push(cut);
  }
  return cuts;
}

/** The number with the fewest significant digits in (below, q]: it splits values exactly as q does. */
export function niceCut(below: number, q: number): number {
  if (below < 0 && q >= 0) return 0;
  for (let p = 1; p <= 17; p++) {
    const nearest = Number(q.toPrecision(p));
    if (nearest > below && nearest <= q) return nearest;
    const scale = 10 ** (Math.floor(Math.log10(Math.abs(q))) - p + 1);
    const down = Number((Math.floor(q / scale) * scale).toPrecision(p));
    if (down > below && down <= q) return down;
  }
  return q;
}

function booleanFeature(name: string, values: Float64Array, rows: Int32Array): EncodedFeature {
  const predicates: Predicate[] = [
    { kind: 'equals', column: name, columnKind: 'boolean', value: true },
    { kind: 'equals', column: name, columnKind: 'boolean', value: false },
    { kind: 'missing', column: name, columnKind: 'boolean' },
  ];
  const codes = new Uint16Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const v = values[rows[k] as number] as number;
    codes[k] = v === 1 ? 0 : v === 0 ? 1 : 2;
  }
  return { column: name, codes, numCodes: 3, predicates };
}

function categoryFeature(name: string, columnCodes: Int32Array, levels: string[], rows: Int32Array): EncodedFeature {
  const predicates: Predicate[] = levels.map((value) => ({ kind: 'equals', column: name, columnKind: 'category', value }));
  predicates.push({ kind: 'missing', column: name, columnKind: 'category' });
  const missing = levels.length;
  const codes = new Uint16Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const c = columnCodes[rows[k] as number] as number;
    codes[k] = c < 0 ? missing : c;
  }
  return { column: name, codes, numCodes: predicates.length, predicates };
}

/**
 * One binary feature per kept token (code 0 = present; absent rows are in no item). Tokens are
 * ranked by SliceLine's upper bound over their rows, ties by frequency then code point.
 */
function tokenFeatures(name: string, values: string[], rows: Int32Array, errors: Uint8Array, options: EncodeOptions): EncodedFeature[] {
  const counts = new Map<string, { size: number; errors: number }>();
  for (let k = 0; k < rows.length; k++) {
    for (const token of new Set(tokenize(values[rows[k] as number] as string))) {
      let c = counts.get(token);
      if (!c) counts.set(token, (c = { size: 0, errors: 0 }));
      c.size++;
      c.errors += errors[k] as number;
    }
  }
  const ranked = [...counts]
    .map(([token, c]) => ({ token, ...c, ub: scoreUpperBound(options.score, c.size, c.errors) }))
    .filter((t) => t.ub > 0)
    .sort((a, b) => b.ub - a.ub || b.size - a.size || (a.token < b.token ? -1 : 1))
    .slice(0, options.tokensPerColumn);
  if (ranked.length === 0) return [];
  const index = new Map(ranked.map((t, i) => [t.token, i]));
  const codes = ranked.map(() => new Uint16Array(rows.length).fill(NO_ITEM));
  for (let k = 0; k < rows.length; k++) {
    for (const token of tokenize(values[rows[k] as number] as string)) {
      const i = index.get(token);
      if (i !== undefined) (codes[i] as Uint16Array)[k] = 0;
    }
  }
  return ranked.map((t, i) => ({
    column: name,
    codes: codes[i] as Uint16Array,
    numCodes: 1,
    predicates: [{ kind: 'token', column: name, token: t.token }],
  }));
}
