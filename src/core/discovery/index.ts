/**
 * Slice discovery: SliceLine over a table's columns on held-out rows, top-k weak slices with plain
 * descriptions, Wilson intervals and lift, ready to become SF code (sfCode.ts).
 *
 *   const rows = validRows(table, config);
 *   const errors = errorsFromPredictions(table, config.label, rows, predicted, classes);
 *   const result = discoverSlices({ table, rows, errors, columns });
 *
 * Synchronous and pure (it runs in a worker in the app, in Node in the CLI); progress by callback.
 */
import { wilson } from '../metrics.ts';
import type { Table } from '../table.ts';
import { describeSlice } from './describe.ts';
import { encodeColumns } from './encode.ts';
import { sliceLine, type SearchFeature, type SearchItem } from './search.ts';
import type { DiscoveryOptions, DiscoveryProgress, DiscoveryResult, FoundSlice, Predicate } from './types.ts';

export type { DiscoveryOptions, DiscoveryProgress, DiscoveryResult, FoundSlice, Predicate } from './types.ts';
export { validRows, errorsFromPredictions, errorsFromColumn, type HeldOutConfig } from './heldOut.ts';
export { sliceToSf, takenNames, predicateCode, type SfCode } from './sfCode.ts';
export { describeSlice, describePredicate } from './describe.ts';
export { sliceRows } from './match.ts';

/** With `distinct`, SliceLine keeps this many times maxSlices, and the filter picks from them. */
const DISTINCT_POOL = 5;
/** A slice sharing more than this share of its rows with a better one is left out (distinct). */
const MAX_SHARED = 0.5;

export interface DiscoveryInput {
  table: Table;
  /** Table rows to search (the valid split). */
  rows: Int32Array;
  /** [rows.length] 1 = the model got that row wrong. */
  errors: Uint8Array;
  /** Columns to search (features and SF-only columns alike; not the label or split). */
  columns: readonly string[];
  options?: DiscoveryOptions;
  onProgress?(progress: DiscoveryProgress): void;
}

export function withDefaults(options: DiscoveryOptions, rows: number): Required<DiscoveryOptions> {
  return {
    maxSlices: options.maxSlices ?? 10,
    minSupport: options.minSupport ?? Math.max(10, Math.ceil(rows / 200)),
    maxPredicates: options.maxPredicates ?? 2,
    alpha: options.alpha ?? 0.95,
    bins: options.bins ?? 8,
    tokensPerColumn: options.tokensPerColumn ?? 30,
    distinct: options.distinct ?? true,
  };
}

export function discoverSlices(input: DiscoveryInput): DiscoveryResult {
  const started = Date.now();
  const { table, rows, errors } = input;
  if (errors.length !== rows.length) throw new Error(`errors for ${errors.length} rows, but ${rows.length} rows to search`);
  const options = withDefaults(input.options ?? {}, rows.length);
  checkOptions(options);
  let wrong = 0;
  for (let k = 0; k < errors.length; k++) wrong += errors[k] as number;
  const n = rows.length;
  const meanError = n > 0 ? wrong / n : 0;
  const ctx = { alpha: options.alpha, n, meanError, minSupport: options.minSupport };
  const { features, skipped } = encodeColumns(table, rows, errors, input.columns, {
    bins: options.bins,
    tokensPerColumn: options.tokensPerColumn,
    score: ctx,
  });
  const items: SearchItem[] = [];
  const predicates: Predicate[] = [];
  features.forEach((f, feature) =>
    f.predicates.forEach((p, code) => {
      items.push({ feature, code });
      predicates.push(p);
    }),
  );
  const found =
    meanError > 0
      ? sliceLine({
          features,
          items,
          errors,
          alpha: options.alpha,
          minSupport: options.minSupport,
          maxPredicates: options.maxPredicates,
          // With distinct, a deeper pool to pick slices that do not repeat each other from.
          k: options.distinct ? options.maxSlices * DISTINCT_POOL : options.maxSlices,
          onProgress: (level, fraction, evaluated) => input.onProgress?.({ level, maxLevel: options.maxPredicates, fraction, evaluated }),
        })
      : { top: [], evaluatedPerLevel: [] };
  const picked = options.distinct
    ? distinctSlices(
        features,
        items,
        found.top.map((s) => s.items),
        rows.length,
        options.maxSlices,
      )
    : null;
  const top = picked ? picked.map((i) => found.top[i] as (typeof found.top)[number]) : found.top.slice(0, options.maxSlices);
  const slices = top.map((s): FoundSlice => {
    const ps = s.items.map((i) => predicates[i] as Predicate);
    const error = s.errors / s.size;
    return {
      predicates: ps,
      description: describeSlice(ps),
      size: s.size,
      errors: s.errors,
      error,
      errorCi: wilson(s.errors, s.size),
      lift: error / meanError,
      score: s.score,
    };
  });
  const searched = new Set(features.map((f) => f.column));
  return {
    slices,
    rows: n,
    errors: wrong,
    overallError: meanError,
    options,
    columns: input.columns.filter((c) => searched.has(c)),
    skipped,
    evaluatedPerLevel: found.evaluatedPerLevel,
    millis: Date.now() - started,
  };
}

/**
 * Indices (best first) of up to k slices of `pool` (best first) such that none shares more than
 * MAX_SHARED of its rows with a better one kept: SliceLine's top-k tends to list one weak region
 * many times, each with a slightly different box around it. Membership comes from the encoded
 * codes (typed arrays), not by evaluating predicates row by row.
 */
function distinctSlices(features: SearchFeature[], items: SearchItem[], pool: number[][], n: number, k: number): number[] {
  const kept: { index: number; mask: Uint8Array }[] = [];
  for (let i = 0; i < pool.length && kept.length < k; i++) {
    const mine = (pool[i] as number[]).map((id) => items[id] as SearchItem);
    const codes = mine.map((it) => (features[it.feature] as SearchFeature).codes);
    const want = mine.map((it) => it.code);
    const mask = new Uint8Array(n);
    let size = 0;
    const shared = new Float64Array(kept.length);
    for (let r = 0; r < n; r++) {
      let inside = true;
      for (let j = 0; j < codes.length && inside; j++) inside = (codes[j] as Uint16Array)[r] === want[j];
      if (!inside) continue;
      mask[r] = 1;
      size++;
      for (let q = 0; q < kept.length; q++) shared[q]! += (kept[q] as { mask: Uint8Array }).mask[r] as number;
    }
    if (!shared.some((s) => s > MAX_SHARED * size)) kept.push({ index: i, mask });
  }
  return kept.map((x) => x.index);
}

function checkOptions(o: Required<DiscoveryOptions>): void {
  const bad = (what: string) => {
    throw new RangeError(`slice discovery: ${what}`);
  };
  if (!(Number.isInteger(o.maxSlices) && o.maxSlices >= 1)) bad(`max slices must be a whole number >= 1, got ${o.maxSlices}`);
  if (!(Number.isInteger(o.minSupport) && o.minSupport >= 1)) bad(`min support must be a whole number >= 1, got ${o.minSupport}`);
  if (!(Number.isInteger(o.maxPredicates) && o.maxPredicates >= 1 && o.maxPredicates <= 5))
    bad(`max predicates must be 1 to 5, got ${o.maxPredicates}`);
  if (!(o.alpha > 0 && o.alpha <= 1)) bad(`alpha must be in (0, 1], got ${o.alpha}`);
  if (!(Number.isInteger(o.bins) && o.bins >= 2 && o.bins <= 64)) bad(`bins must be 2 to 64, got ${o.bins}`);
  if (!(Number.isInteger(o.tokensPerColumn) && o.tokensPerColumn >= 0))
    bad(`tokens per column must be a whole number >= 0, got ${o.tokensPerColumn}`);
}
