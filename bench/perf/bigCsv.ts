/**
 * The big benchmark CSV: 20 columns, about 150 bytes a row, deterministic (same bytes on every
 * machine), cached as bench/out/parse-<rows>.csv. Used by bench/perf/parse.ts (parsing speed), the
 * browser load benchmark and e2e/scale.spec.ts (the whole flow on 1M rows).
 *
 * Columns: id (integer), 6 decimals (some missing), 4 integers, 4 categories (3 to 200 levels, some
 * missing), 2 short texts (some quoted, with commas and doubled quotes), a boolean, an ISO date and
 * a 0/1 integer label.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '../../src/core/random.ts';

const outDir = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'bench/out');

const WORDS = 'the quick brown fox jumps over lazy dog fast slow good bad great awful price support delivery refund app crash login'.split(
  ' ',
);
const CITIES = Array.from({ length: 200 }, (_, i) => `city_${i}`);

export const HEADER = [
  'id',
  'x1',
  'x2',
  'x3',
  'x4',
  'x5',
  'x6',
  'n1',
  'n2',
  'n3',
  'n4',
  'plan',
  'region',
  'segment',
  'city',
  'title',
  'comment',
  'active',
  'signup',
  'label',
];

export function generate(path: string, rows: number): void {
  const random = createRng(42); // mulberry32: the same bytes on every machine
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const maybe = (s: string, p = 0.03) => (random() < p ? '' : s);
  const words = (k: number) => Array.from({ length: k }, () => pick(WORDS)).join(' ');
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  writeSync(fd, `${HEADER.join(',')}\n`);
  let buffer: string[] = [];
  for (let r = 0; r < rows; r++) {
    const x = Array.from({ length: 6 }, (_, k) => maybe(((random() - 0.5) * 10 ** ((k % 3) + 1)).toFixed(4)));
    const n = [
      Math.floor(random() * 100),
      Math.floor(random() * 100000),
      maybe(String(Math.floor(random() * 50) - 25)),
      Math.floor(random() * 1e9),
    ];
    let comment = words(2 + Math.floor(random() * 5));
    if (random() < 0.1) comment = `"${comment}, ${pick(WORDS)}"`;
    else if (random() < 0.02) comment = `"she said ""${pick(WORDS)}"""`;
    const day = 1 + Math.floor(random() * 28);
    const month = 1 + Math.floor(random() * 12);
    buffer.push(
      [
        r,
        ...x,
        ...n,
        pick(['basic', 'plus', 'pro']),
        maybe(pick(['north', 'south', 'east', 'west', 'centre', 'islands', 'abroad', 'online', 'mixed', 'other'])),
        `seg${Math.floor(random() * 50)}`,
        maybe(pick(CITIES), 0.05),
        words(2),
        maybe(comment, 0.05),
        random() < 0.5 ? 'true' : 'false',
        `20${10 + Math.floor(random() * 15)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        random() < 0.3 ? 1 : 0,
      ].join(','),
    );
    if (buffer.length === 10000) {
      writeSync(fd, `${buffer.join('\n')}\n`);
      buffer = [];
    }
  }
  if (buffer.length > 0) writeSync(fd, `${buffer.join('\n')}\n`);
  closeSync(fd);
  renameSync(tmp, path);
}

/** The path of the cached file with `rows` data rows, generated first if missing. */
export function ensureBigCsv(rows: number): string {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, `parse-${rows}.csv`);
  if (!existsSync(path)) generate(path, rows);
  return path;
}
