/**
 * circles2d: the slice-based learning paper's Figure 1 task (see docs: sram-reference, "circles2d").
 *
 * - z ~ U[-1, 1]^2; base label y = 1 when z0 < z1 + 0.25.
 * - 8 circles of radius 0.15 centred on that boundary at (u + 0.125, u - 0.125), u = linspace(-0.6,
 *   0.6, 8); inside any circle the label is flipped. Each circle covers pi * 0.15^2 / 4 = 1.77% of the
 *   square. Neighbouring circles overlap a little (centres 0.24 apart, diameters 0.3).
 * - Model input x = z R + 0.01 N(0, 1), a 64-d embedding with a fixed random R [2, 64].
 *
 * The centres are the paper's rounded to 4 decimals, so the SF source can show them as plain
 * numbers and still agree with inCircles() on every row (same literals, same arithmetic).
 *
 * Random draws, in this order, from createRng(seed): R row by row (128 normals); then per row
 * z0, z1 (uniform) and its 64 noise normals. Same seed, same table.
 */
import { createRng, normal, shuffle } from '../random.ts';
import { cell, getColumn, type Column, type Table } from '../table.ts';

export const CIRCLE_RADIUS = 0.15;
export const FEATURE_DIM = 64;
export const NOISE_STD = 0.01;

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/** Circle centres (z0, z1), circle_1 first. */
export const CIRCLE_CENTRES: readonly (readonly [number, number])[] = Array.from({ length: 8 }, (_, k) => {
  const u = -0.6 + (1.2 * k) / 7;
  return [round4(u + 0.125), round4(u - 0.125)] as const;
});

export const CIRCLE_NAMES: readonly string[] = CIRCLE_CENTRES.map((_, k) => `circle_${k + 1}`);

const R2 = CIRCLE_RADIUS * CIRCLE_RADIUS;

/**
 * Indices (0-based: 0 = circle_1) of the circles containing (z0, z1); usually empty. The test is
 * written exactly as in the SF source, so the two agree bit for bit.
 */
export function inCircles(z0: number, z1: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < CIRCLE_CENTRES.length; k++) {
    const [cx, cy] = CIRCLE_CENTRES[k] as readonly [number, number];
    if ((z0 - cx) ** 2 + (z1 - cy) ** 2 < CIRCLE_RADIUS * CIRCLE_RADIUS) out.push(k);
  }
  return out;
}

function inAnyCircle(z0: number, z1: number): boolean {
  for (const [cx, cy] of CIRCLE_CENTRES) if ((z0 - cx) ** 2 + (z1 - cy) ** 2 < R2) return true;
  return false;
}

export interface Circles2dOptions {
  /** Total rows; the first half is 'train', the rest 'valid'. Default 20000. */
  rows?: number;
  seed?: number;
}

/**
 * The table (columns z0, z1, f0..f63, label, split) and the example SF source (one SF per circle).
 * z0/z1 are metadata for the SFs; f0..f63 are the model's features; label is 0/1.
 */
export function generateCircles2d(options: Circles2dOptions = {}): { table: Table; sfSource: string } {
  const rows = options.rows ?? 20000;
  const seed = options.seed ?? 7;
  const rng = createRng(seed);
  const R = new Float64Array(2 * FEATURE_DIM); // [2, 64] row-major
  for (let i = 0; i < R.length; i++) R[i] = normal(rng);

  const z0 = new Float64Array(rows);
  const z1 = new Float64Array(rows);
  const label = new Float64Array(rows);
  const f = Array.from({ length: FEATURE_DIM }, () => new Float64Array(rows));
  for (let r = 0; r < rows; r++) {
    const a = 2 * rng() - 1;
    const b = 2 * rng() - 1;
    z0[r] = a;
    z1[r] = b;
    const base = a < b + 0.25;
    label[r] = base !== inAnyCircle(a, b) ? 1 : 0;
    for (let j = 0; j < FEATURE_DIM; j++) {
      (f[j] as Float64Array)[r] = a * (R[j] as number) + b * (R[FEATURE_DIM + j] as number) + NOISE_STD * normal(rng);
    }
  }
  const trainRows = Math.floor(rows / 2);
  const splitCodes = Int32Array.from({ length: rows }, (_, r) => (r < trainRows ? 0 : 1));

  const columns: Column[] = [
    { name: 'z0', kind: 'number', values: z0 },
    { name: 'z1', kind: 'number', values: z1 },
    ...f.map((values, j): Column => ({ name: `f${j}`, kind: 'number', values })),
    { name: 'label', kind: 'integer', values: label },
    { name: 'split', kind: 'category', codes: splitCodes, levels: ['train', 'valid'] },
  ];
  return { table: { source: 'example:circles2d', rowCount: rows, columns }, sfSource: circlesSfSource() };
}

/** The example SF file: one exported SF per circle, sharing a non-exported helper. */
export function circlesSfSource(): string {
  const sfs = CIRCLE_CENTRES.map(([cx, cy], k) => `export const ${CIRCLE_NAMES[k]} = (row: Row) => inCircle(row, ${cx}, ${cy});`);
  return `// circles2d, the task of the slice-based learning paper's Figure 1.
// Each point z = (z0, z1) is uniform in the square [-1, 1] x [-1, 1], and its label is 1 when
// z0 < z1 + 0.25. Eight small circles sit on that boundary line; inside them the label is flipped.
// The model never sees z0 and z1 (it learns from f0..f63, a noisy mix of them), so the points in
// the circles are exactly the small groups a model gets wrong. The slicing functions below tell the
// app who they are: each one marks the points inside one circle.
//
// How slicing functions work: every \`export const NAME = (row: Row) => boolean\` is one slice,
// named by its export. Everything not exported (like R and inCircle) is a shared helper.

const R = ${CIRCLE_RADIUS}; // radius of every circle

/** Is the point inside the circle of centre (cx, cy)? */
const inCircle = (row: Row, cx: number, cy: number) =>
  (row.z0 - cx) ** 2 + (row.z1 - cy) ** 2 < R * R;

${sfs.join('\n')}
`;
}

/** True membership masks [rows], one per circle (circle_1 first), from the table's z0 and z1. */
export function circleMasks(table: Table): Uint8Array[] {
  const z0 = numbers(table, 'z0');
  const z1 = numbers(table, 'z1');
  const masks = CIRCLE_CENTRES.map(() => new Uint8Array(table.rowCount));
  for (let r = 0; r < table.rowCount; r++) {
    for (const k of inCircles(z0[r] as number, z1[r] as number)) (masks[k] as Uint8Array)[r] = 1;
  }
  return masks;
}

/**
 * Noisy SF membership, as the reference's noisy-SF experiment: for each circle, among the rows
 * whose split is 'train', drop round(p * members) true members at random and add as many random
 * non-members. Other rows keep their true membership (evaluation always uses the truth).
 * Returns one mask [rows] per circle, circle_1 first. p in [0, 1].
 */
export function noisyMasks(table: Table, p: number, seed: number): Uint8Array[] {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`noise p must be in [0, 1], got ${p}`);
  const split = getColumn(table, 'split');
  const rng = createRng(seed);
  return circleMasks(table).map((mask) => {
    const members: number[] = [];
    const others: number[] = [];
    for (let r = 0; r < table.rowCount; r++) {
      if (cell(split, r) !== 'train') continue;
      (mask[r] ? members : others).push(r);
    }
    const k = Math.min(Math.round(p * members.length), others.length);
    shuffle(members, rng);
    shuffle(others, rng);
    for (let i = 0; i < k; i++) {
      mask[members[i] as number] = 0;
      mask[others[i] as number] = 1;
    }
    return mask;
  });
}

function numbers(table: Table, name: string): Float64Array {
  const column = getColumn(table, name);
  if (column.kind !== 'number' && column.kind !== 'integer') throw new Error(`${table.source}: column "${name}" is not numeric`);
  return column.values;
}
