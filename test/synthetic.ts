/**
 * A small seeded CSV for the export and CLI tests (not used by the app): two number columns, a
 * category, a short text, the label (`classes` classes, names c0, c1, ...) and optionally a split
 * column (first 60% train, next 20% valid, last 20% test). The label depends on every feature kind,
 * and the `region` = north rows follow a different rule (a slice worth finding).
 */
import { createRng, normal } from '../src/core/random.ts';

export interface CsvOptions {
  rows: number;
  classes: number;
  seed: number;
  /** Add a `split` column (default true). */
  splitColumn?: boolean;
}

const REGIONS = ['north', 'south', 'east'];
const WORDS = ['fast', 'slow', 'great', 'bad', 'price', 'support', 'app', 'ok'];

export function syntheticCsv(o: CsvOptions): string {
  const rng = createRng(o.seed);
  const withSplit = o.splitColumn ?? true;
  const lines = [withSplit ? 'x1,x2,region,comment,label,split' : 'x1,x2,region,comment,label'];
  for (let i = 0; i < o.rows; i++) {
    const x1 = normal(rng);
    const x2 = normal(rng);
    const region = REGIONS[Math.floor(rng() * REGIONS.length)]!;
    const words = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => WORDS[Math.floor(rng() * WORDS.length)]!);
    const score = (region === 'north' ? -x1 : x1) + 0.5 * x2 + (words.includes('great') ? 0.7 : 0) + 0.3 * normal(rng);
    // Cut the score into `classes` bands of about equal mass (for a standard-normal-ish score).
    const cuts = Array.from({ length: o.classes - 1 }, (_, k) => -1 + (2 * (k + 1)) / o.classes);
    const label = `c${cuts.filter((c) => score > c).length}`;
    const split = i < o.rows * 0.6 ? 'train' : i < o.rows * 0.8 ? 'valid' : 'test';
    const row = [x1.toFixed(4), x2.toFixed(4), region, words.join(' '), label];
    lines.push((withSplit ? [...row, split] : row).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** SFs over the synthetic CSV's columns (one on metadata, one on a feature). */
export const SYNTHETIC_SFS = `/** The region with the flipped rule. */
export const north = (row: Row) => row.region === 'north';

export function big_x2(row: Row): boolean {
  return row.x2 > 1;
}
`;
