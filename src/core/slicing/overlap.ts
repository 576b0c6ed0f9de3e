/**
 * How much slices overlap: matrix[i][j] = number of rows in both slice i and slice j; the diagonal
 * is each slice's size. Symmetric. Pure.
 */
import type { SliceResult } from './types.ts';

/**
 * Fast path: each mask is packed once into a bitset (32 rows per Uint32 word, any nonzero byte = in
 * the slice), then each pair costs n/32 ANDs and popcounts instead of n byte comparisons. For K
 * slices over n rows: K·n to pack plus K(K+1)/2 · n/32 word operations.
 * All masks must have the same length (the table's rowCount); throws otherwise.
 */
export function overlapMatrix(slices: readonly SliceResult[]): number[][] {
  const first = slices[0];
  if (first === undefined) return [];
  const n = first.mask.length;
  const bitsets = slices.map((slice) => {
    if (slice.mask.length !== n) {
      throw new Error(`overlapMatrix: slice "${slice.name}" has ${slice.mask.length} rows, "${first.name}" has ${n}`);
    }
    return packMask(slice.mask);
  });
  return overlapOfBitsets(bitsets);
}

/**
 * The same matrix from masks already packed by packMask (the SF worker keeps each slice's bitset
 * with its cached mask, so a live update only packs the SFs that re-ran). Equal lengths assumed.
 *
 * Two ways, the cheaper for the masks at hand: pairwise (K(K+1)/2 · n/32 word ANDs, quadratic in K),
 * or by rows (each row's list of slices, then one count per pair of slices a row is in: K·n/32 to
 * scan plus sum over rows of m(m+1)/2 for m slices per row). Many slices are usually narrow (grid
 * cells, one value of a column each), where the second is linear in K: 512 grid cells over 20,000 rows
 * took 364 ms pairwise.
 */
export function overlapOfBitsets(bitsets: readonly Uint32Array[]): number[][] {
  const words = bitsets[0]?.length ?? 0;
  const k = bitsets.length;
  const perRow = new Int32Array(words * 32);
  let pairs = 0;
  if (k > 16) {
    for (const bits of bitsets) forEachRow(bits, (row) => void (pairs += ++perRow[row]!));
  }
  // ~4 operations per word pair (AND, popcount) against ~2 per row pair (list walk, increment).
  if (k <= 16 || pairs * 2 >= ((k * (k + 1)) / 2) * words * 4) return overlapPairwise(bitsets);
  return overlapByRows(bitsets, perRow);
}

function overlapPairwise(bitsets: readonly Uint32Array[]): number[][] {
  const words = bitsets[0]?.length ?? 0;
  const k = bitsets.length;
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let a = 0; a < k; a++) {
    const bitsA = bitsets[a] as Uint32Array;
    const rowA = matrix[a] as number[];
    for (let b = a; b < k; b++) {
      const bitsB = bitsets[b] as Uint32Array;
      let both = 0;
      for (let w = 0; w < words; w++) both += popcount32((bitsA[w] as number) & (bitsB[w] as number));
      rowA[b] = both;
      (matrix[b] as number[])[a] = both;
    }
  }
  return matrix;
}

/** perRow: how many slices each row is in (overlapOfBitsets counted them). */
function overlapByRows(bitsets: readonly Uint32Array[], perRow: Int32Array): number[][] {
  const k = bitsets.length;
  // Each row's slices, in slice order (CSR: start[row] .. start[row + 1]).
  const start = new Int32Array(perRow.length + 1);
  for (let r = 0; r < perRow.length; r++) start[r + 1] = start[r]! + perRow[r]!;
  const members = new Int32Array(start[perRow.length]!);
  const fill = start.slice(0, perRow.length);
  bitsets.forEach((bits, s) => forEachRow(bits, (row) => void (members[fill[row]!++] = s)));
  const counts = new Float64Array(k * k);
  for (let r = 0; r < perRow.length; r++) {
    for (let x = start[r]!; x < start[r + 1]!; x++) {
      const a = members[x]! * k;
      for (let y = x; y < start[r + 1]!; y++) counts[a + members[y]!]!++;
    }
  }
  return Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => (a <= b ? counts[a * k + b]! : counts[b * k + a]!)));
}

/** Calls f(row) for every set bit, skipping empty words. */
function forEachRow(bits: Uint32Array, f: (row: number) => void): void {
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w]!;
    while (word !== 0) {
      const low = word & -word;
      f((w << 5) + 31 - Math.clz32(low));
      word ^= low;
    }
  }
}

/** [rows] bytes → [ceil(rows/32)] words; bit (i & 31) of word (i >>> 5) is row i. */
export function packMask(mask: Uint8Array): Uint32Array {
  const words = (mask.length + 31) >>> 5;
  const bits = new Uint32Array(words);
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] !== 0) bits[i >>> 5] = (bits[i >>> 5] as number) | (1 << (i & 31));
  }
  return bits;
}

/** Number of set bits in a 32-bit integer (SWAR; Math.imul keeps the multiply exact). */
function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
