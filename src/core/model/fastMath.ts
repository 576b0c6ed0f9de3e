/**
 * exp and log1p for SRAM's host loops (sramBinaryHost.ts), where three exps (and, with the entropy
 * confidence, a log1p) per row and expert are a large share of an epoch at 100+ slices. V8's Math.exp /
 * Math.log1p are calls out of the JIT's code; these inline, as short polynomials split to shorten their
 * dependency chains: the kernels ran 15-25% faster (docs/performance.md). Relative error below 1e-10
 * (fastMath.test.ts), far under the float32 results; forward and gradient both use them.
 */

const LN2 = Math.LN2;
const INV_LN2 = 1 / LN2;
/** 2^m for m in [-1074, 1023], at index m + 1074. */
const POW2 = new Float64Array(2098);
for (let m = -1074; m < 1024; m++) POW2[m + 1074] = 2 ** m;

/** exp(x) for x <= 700; 0 below -700 (exp(-700) ~ 1e-304). */
export function fastExp(x: number): number {
  if (x < -700) return 0;
  const k = Math.round(x * INV_LN2); // x = k ln2 + r, |r| <= ln2 / 2
  const r = x - k * LN2;
  const r2 = r * r;
  // Taylor to r^9 (error < 1e-11 relative), grouped by powers of r^2.
  const p =
    1 +
    r +
    r2 * (0.5 + r * (1 / 6)) +
    r2 * r2 * (1 / 24 + r * (1 / 120) + r2 * (1 / 720 + r * (1 / 5040) + r2 * (1 / 40320 + r * (1 / 362880))));
  return p * POW2[k + 1074]!;
}

/** log(1 + e) for e in [0, 1]: 2 atanh(t) with t = e / (2 + e) <= 1/3, its series to t^19. */
export function log1pUnit(e: number): number {
  const t = e / (2 + e);
  const t2 = t * t,
    t4 = t2 * t2;
  return (
    2 * t * (1 + t2 / 3 + t4 * (1 / 5 + t2 / 7) + t4 * t4 * (1 / 9 + t2 / 11 + t4 * (1 / 13 + t2 / 15) + t4 * t4 * (1 / 17 + t2 / 19)))
  );
}
