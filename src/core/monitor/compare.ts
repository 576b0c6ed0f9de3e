/**
 * Per-slice metrics of trained models on new data, beside their training-time (validation) ones,
 * and the slices ranked by how much accuracy dropped: the slice-monitoring workflow.
 *
 * Inputs are plain arrays: y [rows] (class index, -1 = not scored), one prediction array [rows] per
 * model (class index), slice masks [rows] (1 = in slice). Metrics come from computeMetrics, so they
 * mean exactly what the results table's do (Wilson 95% interval included).
 */
import { computeMetrics, type SliceMetrics } from '../metrics.ts';
import type { Evaluation, ModelKind } from '../train/types.ts';

export interface SliceMask {
  name: string;
  mask: Uint8Array;
}

/** Evaluation of each model on the scored rows (y >= 0), overall and per slice. */
export function evaluateNewData(
  y: Int32Array,
  predictions: Partial<Record<ModelKind, Int32Array>>,
  numClasses: number,
  slices: readonly SliceMask[],
): Partial<Record<ModelKind, Evaluation>> {
  const scored: number[] = [];
  for (let r = 0; r < y.length; r++) if ((y[r] as number) >= 0) scored.push(r);
  const rowsOf = slices.map((s) => {
    const rows: number[] = [];
    for (const r of scored) if (s.mask[r]) rows.push(r);
    return Int32Array.from(rows);
  });
  const all = Int32Array.from(scored);
  const out: Partial<Record<ModelKind, Evaluation>> = {};
  for (const [kind, pred] of Object.entries(predictions) as [ModelKind, Int32Array][]) {
    if (pred.length !== y.length) throw new Error(`${kind}: ${pred.length} predictions for ${y.length} rows`);
    const sliceMetrics: Record<string, SliceMetrics> = {};
    slices.forEach((s, i) => {
      sliceMetrics[s.name] = computeMetrics(y, pred, numClasses, rowsOf[i]);
    });
    out[kind] = { overall: computeMetrics(y, pred, numClasses, all), slices: sliceMetrics };
  }
  return out;
}

export interface DriftRow {
  /** A slice name, or 'overall' for all scored rows. */
  slice: string;
  /** Accuracy before (training-time validation) and now, as fractions; null where there are no rows. */
  before: number | null;
  after: number | null;
  beforeCount: number;
  afterCount: number;
  /** before - after (positive = worse now); null when either side has no rows. */
  drop: number | null;
  /** The drop is larger than both 95% intervals' half widths together: unlikely to be noise. */
  significant: boolean;
}

function rowOf(slice: string, before: SliceMetrics | undefined, after: SliceMetrics | undefined): DriftRow {
  const b = before && before.support > 0 ? before : undefined;
  const a = after && after.support > 0 ? after : undefined;
  const drop = b && a ? b.accuracy - a.accuracy : null;
  // Non-overlapping intervals: the before interval's low end above the after interval's high end.
  const significant = drop !== null && drop > 0 && b!.accuracyCi[0] > a!.accuracyCi[1];
  return {
    slice,
    before: b ? b.accuracy : null,
    after: a ? a.accuracy : null,
    beforeCount: before?.support ?? 0,
    afterCount: after?.support ?? 0,
    drop,
    significant,
  };
}

/**
 * One model's rows: all scored rows, and every slice of `slices` in order. `before` may lack slices
 * the run did not have (their before is null).
 */
export function driftRows(
  before: Evaluation | undefined,
  after: Evaluation,
  slices: readonly string[],
): { overall: DriftRow; slices: DriftRow[] } {
  return {
    overall: rowOf('overall', before?.overall, after.overall),
    slices: slices.map((s) => rowOf(s, before?.slices[s], after.slices[s])),
  };
}

/** Slices with a positive drop, the largest first; ties by name. */
export function rankDrops(rows: readonly DriftRow[]): DriftRow[] {
  return rows.filter((r) => r.drop !== null && r.drop > 0).sort((a, b) => b.drop! - a.drop! || a.slice.localeCompare(b.slice));
}
