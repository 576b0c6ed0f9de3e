/**
 * The order in which every slice view lists slices, from the shared controls (store/sliceListSlice.ts).
 * Pure: unit-tested in Node. Each view passes its own items (a slice table row, a results row, a chart)
 * with the few facts the order needs.
 */
import { MODEL_KINDS, type Evaluation, type ModelKind } from '../../core/train/types.ts';
import type { SliceListControls } from '../../store/sliceListSlice.ts';

export interface SliceFacts {
  name: string;
  /** Rows in the slice (the SF's count, or its validation rows: whatever the view shows). */
  size: number;
  /** Accuracy of the ordering model (fraction), if trained. */
  accuracy?: number;
  /** Accuracy of the ordering model minus plain's (fraction), if both trained. */
  delta?: number;
}

export type Highlight = 'pinned' | 'worst' | 'improved';

const known = (x: number | undefined): x is number => x !== undefined && Number.isFinite(x);

/** Unknown values sort last in either direction. */
function byNumber<T>(get: (t: T) => number | undefined, descending: boolean) {
  return (a: T, b: T) => {
    const [x, y] = [get(a), get(b)];
    if (!known(x) || !known(y)) return known(x) ? -1 : known(y) ? 1 : 0;
    return descending ? y - x : x - y;
  };
}

export function matchesFilter(name: string, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  return f === '' || name.toLowerCase().includes(f);
}

/** The unpinned items that pass the filter, in the controls' order (the input order is the SF file's). */
export function sortSlices<T extends SliceFacts>(items: readonly T[], c: Pick<SliceListControls, 'sort' | 'reverse' | 'filter'>): T[] {
  const kept = items.filter((t) => matchesFilter(t.name, c.filter));
  const compare =
    c.sort === 'size'
      ? byNumber<T>((t) => t.size, true)
      : c.sort === 'accuracy'
        ? byNumber<T>((t) => t.accuracy, false)
        : c.sort === 'delta'
          ? byNumber<T>((t) => t.delta, true)
          : c.sort === 'name'
            ? (a: T, b: T) => a.name.localeCompare(b.name)
            : null;
  const sorted = compare ? kept.sort(compare) : kept; // Array#sort is stable: ties keep file order
  return c.reverse ? sorted.reverse() : sorted;
}

/** Pinned items first (pin order, whatever the filter), then the others: filtered and sorted. */
export function orderSlices<T extends SliceFacts>(items: readonly T[], c: SliceListControls): { item: T; pinned: boolean }[] {
  const byName = new Map(items.map((t) => [t.name, t]));
  const pinned = c.pinned.flatMap((n) => (byName.has(n) ? [byName.get(n)!] : []));
  const pinnedSet = new Set(pinned.map((t) => t.name));
  const rest = sortSlices(
    items.filter((t) => !pinnedSet.has(t.name)),
    c,
  );
  return [...pinned.map((item) => ({ item, pinned: true })), ...rest.map((item) => ({ item, pinned: false }))];
}

/**
 * The live view's order: pinned slices, then the `k` worst (lowest accuracy), then the `k` most
 * improved over plain (positive Δ only), each tagged; then every other slice that passes the filter,
 * in the controls' order. The highlights ignore the filter only when it is empty.
 */
export function liveOrder<T extends SliceFacts>(items: readonly T[], c: SliceListControls, k = 4): { item: T; highlight?: Highlight }[] {
  const ordered = orderSlices(items, c);
  const out: { item: T; highlight?: Highlight }[] = ordered.filter((o) => o.pinned).map((o) => ({ item: o.item, highlight: 'pinned' }));
  const taken = new Set(out.map((o) => o.item.name));
  const candidates = ordered.filter((o) => !o.pinned).map((o) => o.item);
  const take = (list: T[], highlight: Highlight) => {
    for (const item of list.slice(0, k)) {
      if (taken.has(item.name)) continue;
      taken.add(item.name);
      out.push({ item, highlight });
    }
  };
  take([...candidates].filter((t) => known(t.accuracy)).sort(byNumber((t) => t.accuracy, false)), 'worst');
  take([...candidates].filter((t) => known(t.delta) && t.delta > 0).sort(byNumber((t) => t.delta, true)), 'improved');
  for (const item of candidates) if (!taken.has(item.name)) out.push({ item });
  return out;
}

/**
 * The model whose accuracy and Δ order the slices: the chosen one if it was trained, else the
 * recommended one unless that is plain (plain has no Δ), else the first other model trained, else
 * plain; null before any training.
 */
export function orderingModel(trained: readonly ModelKind[], chosen: ModelKind | null, recommended: ModelKind | null): ModelKind | null {
  if (chosen && trained.includes(chosen)) return chosen;
  if (recommended && recommended !== 'plain' && trained.includes(recommended)) return recommended;
  return MODEL_KINDS.find((m) => m !== 'plain' && trained.includes(m)) ?? (trained.includes('plain') ? 'plain' : null);
}

/** Accuracy and Δ vs plain per slice name, of `model` in `evals` (the latest or final evaluations). */
export function sliceScores(
  evals: Partial<Record<ModelKind, Evaluation>>,
  model: ModelKind | null,
): Map<string, { accuracy?: number; delta?: number }> {
  const out = new Map<string, { accuracy?: number; delta?: number }>();
  const e = model ? evals[model] : undefined;
  if (!e) return out;
  const plain = model !== 'plain' ? evals.plain : undefined;
  for (const [name, m] of Object.entries(e.slices)) {
    // A slice with no validation rows has no accuracy (its 0/0 would read as 0%).
    if (m.support === 0) continue;
    const base = plain?.slices[name];
    out.set(name, { accuracy: m.accuracy, ...(base && base.support > 0 ? { delta: m.accuracy - base.accuracy } : {}) });
  }
  return out;
}
