/** Mean ± sample standard deviation over seeds, and the trade-off curve helpers. */

export interface Stat {
  mean: number;
  /** Sample standard deviation (n - 1); 0 for n = 1. */
  std: number;
  n: number;
}

export function stat(values: number[]): Stat {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN, n };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const std = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, std, n };
}

/** A point of a trade-off curve: mean overall and mean-slice accuracy (fractions). */
export interface CurvePoint {
  label: string;
  overall: number;
  meanSlice: number;
}

/**
 * The Pareto frontier of a curve (no other point has both higher overall and higher mean-slice
 * accuracy), sorted by overall accuracy descending (so mean slice ascends).
 */
export function frontier(points: CurvePoint[]): CurvePoint[] {
  const sorted = [...points].sort((a, b) => b.overall - a.overall || b.meanSlice - a.meanSlice);
  const out: CurvePoint[] = [];
  for (const p of sorted) if (out.length === 0 || p.meanSlice > out[out.length - 1]!.meanSlice) out.push(p);
  return out;
}

/**
 * How far `p` lies above the frontier of `curve`, in mean-slice accuracy at p's overall accuracy
 * (linear between frontier points). null when p's overall accuracy is outside the frontier's range,
 * except that a point with higher overall AND higher mean slice than the frontier's best-overall
 * point counts as above by that margin.
 */
export function marginAbove(p: CurvePoint, curve: CurvePoint[]): number | null {
  const f = frontier(curve);
  if (f.length === 0) return null;
  const first = f[0]!;
  const last = f[f.length - 1]!;
  if (p.overall >= first.overall) return p.meanSlice > first.meanSlice ? p.meanSlice - first.meanSlice : null;
  if (p.overall < last.overall) return null;
  for (let i = 0; i + 1 < f.length; i++) {
    const [a, b] = [f[i]!, f[i + 1]!];
    if (p.overall <= a.overall && p.overall >= b.overall) {
      const t = a.overall === b.overall ? 0 : (a.overall - p.overall) / (a.overall - b.overall);
      return p.meanSlice - (a.meanSlice + t * (b.meanSlice - a.meanSlice));
    }
  }
  return null;
}

/**
 * Overall accuracy of a curve at a given mean-slice accuracy, linear between the curve's points
 * sorted by mean slice; null outside the curve's mean-slice range. The curve is one seed's points
 * (a method's sweep), so comparing at equal mean slice can be paired by seed.
 */
export function overallAt(meanSlice: number, curve: CurvePoint[]): number | null {
  const sorted = [...curve].sort((a, b) => a.meanSlice - b.meanSlice);
  for (let i = 0; i + 1 < sorted.length; i++) {
    const [a, b] = [sorted[i]!, sorted[i + 1]!];
    if (meanSlice >= a.meanSlice && meanSlice <= b.meanSlice) {
      const t = b.meanSlice === a.meanSlice ? 0 : (meanSlice - a.meanSlice) / (b.meanSlice - a.meanSlice);
      return a.overall + t * (b.overall - a.overall);
    }
  }
  return null;
}
