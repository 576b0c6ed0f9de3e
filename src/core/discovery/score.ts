/**
 * SliceLine's score and its upper bound (Sagadeeva & Boehm, SIGMOD 2021, sections 2.2 and 3.2).
 *
 *   score(S) = alpha * (e(S) / |S| / ebar - 1) - (1 - alpha) * (n / |S| - 1)
 *
 * with e(S) the wrong rows in S, ebar the overall error rate and n the searched rows. Errors here
 * are 0/1 (a row is misclassified or not), so a slice's largest error is 1 whenever e(S) > 0.
 */
export interface ScoreContext {
  alpha: number;
  /** Searched rows. */
  n: number;
  /** Overall error rate, > 0. */
  meanError: number;
  minSupport: number;
}

export function score(ctx: ScoreContext, size: number, errors: number): number {
  if (size <= 0) return -Infinity;
  return ctx.alpha * (errors / size / ctx.meanError - 1) - (1 - ctx.alpha) * (ctx.n / size - 1);
}

/**
 * The largest score any slice S' inside a slice with at most `sizeUb` rows and `errorsUb` wrong
 * rows can have, given |S'| >= minSupport and e(S') <= min(|S'|, errorsUb) (errors are 0/1).
 * As a function of s = |S'| the best score is monotone on [minSupport, errorsUb] and on
 * [errorsUb, sizeUb], so its maximum over the range is at one of those three points (the python
 * `sliceline` package probes the same points; it uses the number of one-hot columns where n
 * belongs, which gives a looser bound).
 */
export function scoreUpperBound(ctx: ScoreContext, sizeUb: number, errorsUb: number): number {
  if (sizeUb < ctx.minSupport || errorsUb <= 0) return -Infinity;
  const at = (s: number) => (ctx.alpha * (Math.min(s, errorsUb) / ctx.meanError - s) - (1 - ctx.alpha) * (ctx.n - s)) / s;
  return Math.max(at(ctx.minSupport), at(Math.min(sizeUb, Math.max(errorsUb, ctx.minSupport))), at(sizeUb));
}
