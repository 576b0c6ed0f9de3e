/**
 * SliceLine's level-wise search over encoded columns (encode.ts), on typed arrays only.
 *
 * Each feature gives every searched row a code (Uint16Array; NO_ITEM = in none of its items); an
 * item is one (feature, code) pair, i.e. one predicate. Level 1 counts every item in one pass per
 * feature. A level L+1 candidate is a level L slice P (its canonical parent: the candidate without
 * its last item) plus an item of a later feature; it is counted only if every other L-subset
 * survived level L (SliceLine's "all parents" rule) and its score upper bound, from the smallest
 * size and error count among its parents, beats both 0 and the current k-th best score. The
 * survivors of one P are counted together: one pass over P's rows per extension feature, as a
 * histogram of that feature's codes. P's rows come from bucketing its prefix's rows by the code of
 * its last feature (one counting sort per prefix and feature, not one filter per slice), so the
 * cost of a level is about the sum of its parents' sizes times the features after them.
 */
import { score, scoreUpperBound, type ScoreContext } from './score.ts';

/** The code of a row that is in none of a feature's items. */
export const NO_ITEM = 0xffff;

export interface SearchFeature {
  /** [searched rows] code per row; NO_ITEM for none. */
  codes: Uint16Array;
  /** Codes run over 0..numCodes-1. */
  numCodes: number;
}

/** One predicate: rows whose code for `feature` is `code`. Items are sorted by feature, then code. */
export interface SearchItem {
  feature: number;
  code: number;
}

export interface SearchInput {
  features: SearchFeature[];
  items: SearchItem[];
  /** [searched rows] 1 = the model got this row wrong. */
  errors: Uint8Array;
  alpha: number;
  minSupport: number;
  maxPredicates: number;
  k: number;
  onProgress?(level: number, fraction: number, evaluated: number): void;
}

export interface ScoredSlice {
  /** Indices into SearchInput.items, ascending. */
  items: number[];
  size: number;
  errors: number;
  score: number;
}

export interface SearchResult {
  top: ScoredSlice[];
  evaluatedPerLevel: number[];
  meanError: number;
}

interface Level {
  slices: ScoredSlice[];
  /** slice key -> index in slices (for the all-parents check). */
  byKey: Map<number | string, number>;
}

export function sliceLine(input: SearchInput): SearchResult {
  const { features, items, errors } = input;
  const n = errors.length;
  let wrong = 0;
  for (let r = 0; r < n; r++) wrong += errors[r] as number;
  const evaluatedPerLevel: number[] = [];
  if (n === 0 || wrong === 0) return { top: [], evaluatedPerLevel, meanError: n === 0 ? 0 : 0 };
  const ctx: ScoreContext = { alpha: input.alpha, n, meanError: wrong / n, minSupport: input.minSupport };
  const top = new TopK(input.k);
  const keyOf = sliceKey(items.length, input.maxPredicates);

  // Level 1: one histogram per feature.
  const itemStats = countItems(features, items, errors);
  let level: Level = { slices: [], byKey: new Map() };
  for (let i = 0; i < items.length; i++) {
    const { size, errors: e } = itemStats[i] as { size: number; errors: number };
    if (size < input.minSupport || e === 0) continue;
    const slice: ScoredSlice = { items: [i], size, errors: e, score: score(ctx, size, e) };
    level.byKey.set(keyOf([i]), level.slices.length);
    level.slices.push(slice);
    top.offer(slice);
  }
  evaluatedPerLevel.push(items.length);
  input.onProgress?.(1, 1, items.length);
  const itemRows = rowsByItem(features, items, new Set(level.slices.map((s) => s.items[0] as number)));
  const firstItemOfFeature = firstItems(features.length, items);
  const survivors = new Uint8Array(items.length);
  for (const s of level.slices) survivors[s.items[0] as number] = 1;

  let total = items.length;
  for (let depth = 2; depth <= input.maxPredicates && level.slices.length > 0; depth++) {
    const next: Level = { slices: [], byKey: new Map() };
    const keepNext = depth < input.maxPredicates;
    let evaluated = 0;
    const hist = new Histogram(features);
    const candidate: number[] = new Array<number>(depth);
    const subset: number[] = new Array<number>(depth - 1);
    let lastReport = Date.now();
    forEachParentRows(level.slices, features, items, itemRows, (parent, rows, index) => {
      // Every extension lies inside the parent, so the parent's own bound covers them all.
      if (scoreUpperBound(ctx, parent.size, parent.errors) <= top.threshold()) return;
      const last = parent.items[depth - 2] as number;
      const start = firstItemOfFeature[(items[last] as SearchItem).feature + 1] as number;
      const chosen: number[] = [];
      const threshold = top.threshold();
      for (let i = start; i < items.length; i++) {
        if (survivors[i] === 0) continue;
        const stats = itemStats[i] as { size: number; errors: number };
        let sizeUb = Math.min(parent.size, stats.size);
        let errorsUb = Math.min(parent.errors, stats.errors);
        if (scoreUpperBound(ctx, sizeUb, errorsUb) <= threshold) continue;
        // Every other parent (the candidate without one of P's items) must have survived level L.
        let ok = true;
        for (let drop = 0; drop < depth - 1 && ok; drop++) {
          if (depth === 2) break;
          let w = 0;
          for (let j = 0; j < depth - 1; j++) if (j !== drop) subset[w++] = parent.items[j] as number;
          subset[w] = i;
          const other = level.byKey.get(keyOf(subset));
          if (other === undefined) ok = false;
          else {
            const o = level.slices[other] as ScoredSlice;
            sizeUb = Math.min(sizeUb, o.size);
            errorsUb = Math.min(errorsUb, o.errors);
          }
        }
        if (ok && scoreUpperBound(ctx, sizeUb, errorsUb) > threshold) chosen.push(i);
      }
      if (chosen.length > 0) {
        hist.count(rows, errors, chosen, items);
        for (const i of chosen) {
          const { feature, code } = items[i] as SearchItem;
          const size = hist.size(feature, code);
          const e = hist.errors(feature, code);
          evaluated++;
          if (size < input.minSupport || e === 0) continue;
          for (let j = 0; j < depth - 1; j++) candidate[j] = parent.items[j] as number;
          candidate[depth - 1] = i;
          const slice: ScoredSlice = { items: candidate.slice(), size, errors: e, score: score(ctx, size, e) };
          top.offer(slice);
          if (keepNext) {
            next.byKey.set(keyOf(slice.items), next.slices.length);
            next.slices.push(slice);
          }
        }
        hist.clear(chosen, items);
      }
      const now = Date.now();
      if (input.onProgress && now - lastReport > 100) {
        lastReport = now;
        input.onProgress(depth, index / level.slices.length, total + evaluated);
      }
    });
    total += evaluated;
    evaluatedPerLevel.push(evaluated);
    input.onProgress?.(depth, 1, total);
    level = next;
  }
  return { top: top.sorted(), evaluatedPerLevel, meanError: ctx.meanError };
}

/** Keys for the all-parents lookup: a number while item ids fit in 53 bits, else a string. */
function sliceKey(itemCount: number, maxPredicates: number): (ids: readonly number[]) => number | string {
  const base = itemCount + 1;
  if (base ** maxPredicates < Number.MAX_SAFE_INTEGER) {
    return (ids) => {
      let key = 0;
      for (const id of ids) key = key * base + id + 1;
      return key;
    };
  }
  return (ids) => ids.join(',');
}

function countItems(features: SearchFeature[], items: SearchItem[], errors: Uint8Array): { size: number; errors: number }[] {
  const counts = features.map((f) => ({ size: new Float64Array(f.numCodes), errors: new Float64Array(f.numCodes) }));
  features.forEach((f, j) => {
    const { size, errors: wrong } = counts[j] as { size: Float64Array; errors: Float64Array };
    const codes = f.codes;
    for (let r = 0; r < codes.length; r++) {
      const c = codes[r] as number;
      if (c === NO_ITEM) continue;
      size[c]!++;
      wrong[c]! += errors[r] as number;
    }
  });
  return items.map(({ feature, code }) => {
    const c = counts[feature] as { size: Float64Array; errors: Float64Array };
    return { size: c.size[code] as number, errors: c.errors[code] as number };
  });
}

/** Rows of each kept item (ascending), by a counting sort of its feature's codes; null for the others. */
function rowsByItem(features: SearchFeature[], items: SearchItem[], kept: Set<number>): (Int32Array | null)[] {
  const out: (Int32Array | null)[] = items.map(() => null);
  features.forEach((f, j) => {
    const mine = items.map((it, i) => ({ it, i })).filter(({ it, i }) => it.feature === j && kept.has(i));
    if (mine.length === 0) return;
    const want = new Int32Array(f.numCodes).fill(-1);
    for (const { it, i } of mine) want[it.code] = i;
    const sizes = new Int32Array(f.numCodes);
    const codes = f.codes;
    for (let r = 0; r < codes.length; r++) {
      const c = codes[r] as number;
      if (c !== NO_ITEM && (want[c] as number) >= 0) sizes[c]!++;
    }
    const lists = Array.from(sizes, (s, c) => ((want[c] as number) >= 0 ? new Int32Array(s) : null));
    const fill = new Int32Array(f.numCodes);
    for (let r = 0; r < codes.length; r++) {
      const c = codes[r] as number;
      if (c === NO_ITEM) continue;
      const list = lists[c];
      if (list) list[fill[c]!++] = r;
    }
    for (const { it, i } of mine) out[i] = lists[it.code] ?? null;
  });
  return out;
}

/** firstItemOfFeature[f] = index of the first item of feature >= f (items.length past the end). */
function firstItems(featureCount: number, items: SearchItem[]): Int32Array {
  const first = new Int32Array(featureCount + 2).fill(items.length);
  for (let i = items.length - 1; i >= 0; i--) first[(items[i] as SearchItem).feature] = i;
  for (let f = featureCount; f >= 0; f--) first[f] = Math.min(first[f] as number, first[f + 1] as number);
  return first;
}

/**
 * Calls visit(parent, its rows, its index) for every slice of a level, in order. The slices are in
 * lexicographic order of their items, so those sharing a prefix (all items but the last) are
 * contiguous: the prefix's rows are found once (its first item's rows filtered by the others), then
 * bucketed by the code of each last-item feature in one counting sort.
 */
function forEachParentRows(
  slices: ScoredSlice[],
  features: SearchFeature[],
  items: SearchItem[],
  itemRows: (Int32Array | null)[],
  visit: (parent: ScoredSlice, rows: Int32Array, index: number) => void,
): void {
  const n = features[0]?.codes.length ?? 0;
  const prefixBuffer = new Int32Array(n);
  const bucketBuffer = new Int32Array(n);
  let s = 0;
  while (s < slices.length) {
    const first = slices[s] as ScoredSlice;
    const depth = first.items.length;
    if (depth === 1) {
      visit(first, itemRows[first.items[0] as number] as Int32Array, s);
      s++;
      continue;
    }
    // The group of slices with the same prefix.
    let end = s + 1;
    while (end < slices.length && samePrefix(first, slices[end] as ScoredSlice)) end++;
    const base = itemRows[first.items[0] as number] as Int32Array;
    let prefixRows = base;
    if (depth > 2) {
      let m = 0;
      outer: for (let k = 0; k < base.length; k++) {
        const r = base[k] as number;
        for (let j = 1; j < depth - 1; j++) {
          const it = items[first.items[j] as number] as SearchItem;
          if ((features[it.feature] as SearchFeature).codes[r] !== it.code) continue outer;
        }
        prefixBuffer[m++] = r;
      }
      prefixRows = prefixBuffer.subarray(0, m);
    }
    // Within the group, slices are ordered by their last item, so each last feature is one run.
    let g = s;
    while (g < end) {
      const feature = (items[(slices[g] as ScoredSlice).items[depth - 1] as number] as SearchItem).feature;
      let gEnd = g + 1;
      while (gEnd < end && (items[(slices[gEnd] as ScoredSlice).items[depth - 1] as number] as SearchItem).feature === feature) gEnd++;
      const f = features[feature] as SearchFeature;
      const starts = bucket(prefixRows, f, bucketBuffer);
      for (let t = g; t < gEnd; t++) {
        const slice = slices[t] as ScoredSlice;
        const code = (items[slice.items[depth - 1] as number] as SearchItem).code;
        visit(slice, bucketBuffer.subarray(starts[code] as number, starts[code + 1] as number), t);
      }
      g = gEnd;
    }
    s = end;
  }
}

function samePrefix(a: ScoredSlice, b: ScoredSlice): boolean {
  for (let j = 0; j < a.items.length - 1; j++) if (a.items[j] !== b.items[j]) return false;
  return true;
}

/** Counting sort of `rows` by f's code into out; returns starts[code] (length numCodes + 1). */
function bucket(rows: Int32Array, f: SearchFeature, out: Int32Array): Int32Array {
  const starts = new Int32Array(f.numCodes + 1);
  const codes = f.codes;
  for (let k = 0; k < rows.length; k++) {
    const c = codes[rows[k] as number] as number;
    if (c !== NO_ITEM) starts[c + 1]!++;
  }
  for (let c = 0; c < f.numCodes; c++) starts[c + 1] = (starts[c + 1] as number) + (starts[c] as number);
  const fill = starts.slice(0, f.numCodes);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as number;
    const c = codes[r] as number;
    if (c !== NO_ITEM) out[fill[c]!++] = r;
  }
  return starts;
}

/** Per-feature code histograms over one parent's rows; only the features asked for are counted. */
class Histogram {
  private sizes: Float64Array[];
  private wrong: Float64Array[];
  private marked: Uint8Array;

  constructor(private readonly features: SearchFeature[]) {
    this.sizes = features.map((f) => new Float64Array(f.numCodes));
    this.wrong = features.map((f) => new Float64Array(f.numCodes));
    this.marked = new Uint8Array(features.length);
  }

  count(rows: Int32Array, errors: Uint8Array, chosen: number[], items: SearchItem[]): void {
    for (const i of chosen) {
      const feature = (items[i] as SearchItem).feature;
      if (this.marked[feature] === 1) continue;
      this.marked[feature] = 1;
      const codes = (this.features[feature] as SearchFeature).codes;
      const sizes = this.sizes[feature] as Float64Array;
      const wrong = this.wrong[feature] as Float64Array;
      for (let k = 0; k < rows.length; k++) {
        const r = rows[k] as number;
        const c = codes[r] as number;
        if (c === NO_ITEM) continue;
        sizes[c]!++;
        wrong[c]! += errors[r] as number;
      }
    }
  }

  size(feature: number, code: number): number {
    return (this.sizes[feature] as Float64Array)[code] as number;
  }

  errors(feature: number, code: number): number {
    return (this.wrong[feature] as Float64Array)[code] as number;
  }

  clear(chosen: number[], items: SearchItem[]): void {
    for (const i of chosen) {
      const feature = (items[i] as SearchItem).feature;
      if (this.marked[feature] === 0) continue;
      this.marked[feature] = 0;
      (this.sizes[feature] as Float64Array).fill(0);
      (this.wrong[feature] as Float64Array).fill(0);
    }
  }
}

/** The k best slices seen so far (score > 0), best first; ties: larger first, then fewer predicates. */
class TopK {
  private best: ScoredSlice[] = [];
  constructor(private readonly k: number) {}

  /** A candidate must score above this to enter (0 until k slices are in). */
  threshold(): number {
    return this.best.length < this.k ? 0 : (this.best[this.best.length - 1] as ScoredSlice).score;
  }

  offer(slice: ScoredSlice): void {
    if (!(slice.score > this.threshold())) return;
    let at = this.best.length;
    while (at > 0 && before(slice, this.best[at - 1] as ScoredSlice)) at--;
    this.best.splice(at, 0, slice);
    if (this.best.length > this.k) this.best.pop();
  }

  sorted(): ScoredSlice[] {
    return this.best.slice();
  }
}

function before(a: ScoredSlice, b: ScoredSlice): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.size !== b.size) return a.size > b.size;
  return a.items.length < b.items.length;
}
