/**
 * Parse benchmark: loading a big CSV, ours next to references measured in the same run.
 *
 * CLI (stable; bench/perf/run.ts calls it):
 *   npx tsx bench/perf/parse.ts [--rows N] [--out FILE] [--only ours,udsv,pandas] [--repeat K]
 *     --rows  data rows of the generated file (default 1000000); the file is cached as
 *             bench/out/parse-<rows>.csv and re-made only when missing
 *     --out   where the results go (default bench/out/parse.json)
 *     --only  which parsers to run (default all three)
 *     --repeat  runs per parser (default 1), each in a fresh process; the fastest (wall time) is
 *             reported, with its own CPU time and peak memory (a busy machine only ever slows runs)
 * Output JSON (bench/out/parse.json):
 *   { file: string, rows: number, columns: number, bytes: number, generatedAt: string,
 *     results: [{ parser: 'slicewise loadTable' | 'uDSV typedCols' | 'pandas.read_csv',
 *                 ok: boolean, seconds?: number, cpuSeconds?: number, rowsPerSecond?: number, mbPerSecond?: number,
 *                 peakRssMb?: number, peakOverFile?: number, note?: string }] }
 *   MB = 10^6 bytes. seconds is the wall time of the load alone (reading the file included), and
 *   rows/s and MB/s are from it; cpuSeconds the CPU time (user + system, all threads) of the same
 *   span, the steadier figure on a busy machine;
 *   peakRssMb the child process's peak resident memory (process.resourceUsage().maxRSS for Node,
 *   resource.getrusage for Python), so it includes the runtime itself (~40-50 MB for Node).
 * Each parser runs in a fresh child process, one after the other (no sharing of heaps or caches
 * beyond the OS page cache, which is warmed by generating or reading the file once first).
 * pandas runs via `python3` (or /usr/bin/python3) when one of them can import pandas; else its row
 * says ok: false with a note.
 *
 * The file: 20 columns: id (integer), 6 decimals (some missing), 4 integers, 4 categories (3 to 200
 * levels, some missing), 2 short texts (some quoted, with commas and doubled quotes), a boolean, an
 * ISO date and a 0/1 integer. About 150 bytes a row.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openAsBlob, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const outDir = join(root, 'bench/out');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

/** mulberry32: a small seeded generator, so the file is the same on every machine. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'the quick brown fox jumps over lazy dog fast slow good bad great awful price support delivery refund app crash login'.split(' ');
const CITIES = Array.from({ length: 200 }, (_, i) => `city_${i}`);

export const HEADER = [
  'id', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'n1', 'n2', 'n3', 'n4',
  'plan', 'region', 'segment', 'city', 'title', 'comment', 'active', 'signup', 'label',
];

function generate(path: string, rows: number): void {
  const random = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const maybe = (s: string, p = 0.03) => (random() < p ? '' : s);
  const words = (k: number) => Array.from({ length: k }, () => pick(WORDS)).join(' ');
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  writeSync(fd, `${HEADER.join(',')}\n`);
  let buffer: string[] = [];
  for (let r = 0; r < rows; r++) {
    const x = Array.from({ length: 6 }, (_, k) => maybe(((random() - 0.5) * 10 ** (k % 3 + 1)).toFixed(4)));
    const n = [Math.floor(random() * 100), Math.floor(random() * 100000), maybe(String(Math.floor(random() * 50) - 25)), Math.floor(random() * 1e9)];
    let comment = words(2 + Math.floor(random() * 5));
    if (random() < 0.1) comment = `"${comment}, ${pick(WORDS)}"`;
    else if (random() < 0.02) comment = `"she said ""${pick(WORDS)}"""`;
    const day = 1 + Math.floor(random() * 28);
    const month = 1 + Math.floor(random() * 12);
    buffer.push(
      [
        r, ...x, ...n,
        pick(['basic', 'plus', 'pro']), maybe(pick(['north', 'south', 'east', 'west', 'centre', 'islands', 'abroad', 'online', 'mixed', 'other'])),
        `seg${Math.floor(random() * 50)}`, maybe(pick(CITIES), 0.05),
        words(2), maybe(comment, 0.05),
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

interface Result {
  parser: string;
  ok: boolean;
  seconds?: number;
  cpuSeconds?: number;
  rowsPerSecond?: number;
  mbPerSecond?: number;
  peakRssMb?: number;
  peakOverFile?: number;
  note?: string;
}

/** In a child: run one parser, print { seconds, rows, peakRssMb } as JSON on the last line. */
async function child(which: string, path: string): Promise<void> {
  // Modules are loaded before the clock starts: the load alone is measured.
  const { loadTable } = await import('../../src/core/data/load.ts');
  const { inferSchema, initParser } = await import('udsv');
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let rows = 0;
  if (which === 'ours') {
    const blob = await openAsBlob(path);
    const table = await loadTable(blob, path);
    rows = table.rowCount;
  } else if (which === 'udsv') {
    const text = readFileSync(path, 'utf8');
    const schema = inferSchema(text);
    const parser = initParser(schema);
    const cols = parser.typedCols(text);
    rows = (cols[0] as unknown[] | undefined)?.length ?? 0;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ seconds, cpuSeconds, rows, peakRssMb }));
}

const PANDAS = `
import sys, time, resource
import pandas as pd
t = time.perf_counter()
c = time.process_time()
df = pd.read_csv(sys.argv[1])
s = time.perf_counter() - t
import json
print(json.dumps({"seconds": s, "cpuSeconds": time.process_time() - c, "rows": len(df), "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;

function pythonWithPandas(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', 'import pandas'], { encoding: 'utf8' });
    if (probe.status === 0) return python;
  }
  return null;
}

function measure(parser: string, command: string, args: string[], bytes: number, repeat = 1): Result {
  let best: Result | null = null;
  for (let k = 0; k < repeat; k++) {
    const r = measureOnce(parser, command, args, bytes);
    if (!r.ok) return r;
    if (best === null || (r.seconds ?? Infinity) < (best.seconds ?? Infinity)) best = r;
  }
  return best as Result;
}

function measureOnce(parser: string, command: string, args: string[], bytes: number): Result {
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 24, cwd: root });
  const last = run.stdout.trim().split('\n').pop() ?? '';
  try {
    const { seconds, cpuSeconds, rows, peakRssMb } = JSON.parse(last) as { seconds: number; cpuSeconds: number; rows: number; peakRssMb: number };
    return {
      parser,
      ok: true,
      seconds: round(seconds, 3),
      cpuSeconds: round(cpuSeconds, 3),
      rowsPerSecond: Math.round(rows / seconds),
      mbPerSecond: round(bytes / 1e6 / seconds, 1),
      peakRssMb: Math.round(peakRssMb),
      peakOverFile: round((peakRssMb * 1024 * 1024) / bytes, 2),
    };
  } catch {
    const why = (run.stderr || run.stdout || String(run.error ?? 'no output')).trim().split('\n').slice(-3).join(' / ');
    return { parser, ok: false, note: why.slice(0, 300) };
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

async function main(): Promise<void> {
  const which = arg('child');
  if (which !== undefined) return child(which, arg('file') as string);

  const rows = Number(arg('rows') ?? 1_000_000);
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows must be a positive integer, got ${arg('rows')}`);
  const out = resolve(arg('out') ?? join(outDir, 'parse.json'));
  const only = new Set((arg('only') ?? 'ours,udsv,pandas').split(','));
  const repeat = Math.max(1, Number(arg('repeat') ?? 1) | 0);
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, `parse-${rows}.csv`);
  if (!existsSync(path)) {
    console.log(`generating ${path} (${rows} rows)...`);
    generate(path, rows);
  }
  const bytes = statSync(path).size;
  readFileSync(path); // warm the page cache for everyone alike
  console.log(`${path}: ${rows} rows x ${HEADER.length} columns, ${(bytes / 1e6).toFixed(1)} MB`);

  const self = fileURLToPath(import.meta.url);
  const node = (w: string): [string, string[]] => [process.execPath, ['--import', 'tsx', self, '--child', w, '--file', path]];
  const results: Result[] = [];
  if (only.has('ours')) results.push(measure('slicewise loadTable', ...node('ours'), bytes, repeat));
  if (only.has('udsv')) results.push(measure('uDSV typedCols', ...node('udsv'), bytes, repeat));
  if (only.has('pandas')) {
    const python = pythonWithPandas();
    results.push(python ? measure('pandas.read_csv', python, ['-c', PANDAS, path], bytes, repeat) : { parser: 'pandas.read_csv', ok: false, note: 'no python3 with pandas on this machine' });
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ file: path, rows, columns: HEADER.length, bytes, generatedAt: new Date().toISOString(), results }, null, 2)}\n`);

  console.log('parser               MB/s    rows/s      seconds  cpu s    peak MB  peak/file');
  for (const r of results) {
    if (!r.ok) console.log(`${r.parser.padEnd(20)} failed: ${r.note}`);
    else {
      console.log(
        `${r.parser.padEnd(20)} ${String(r.mbPerSecond).padStart(6)}  ${String(r.rowsPerSecond).padStart(9)}  ${String(r.seconds).padStart(9)}  ${String(r.cpuSeconds).padStart(7)}  ${String(r.peakRssMb).padStart(7)}  ${String(r.peakOverFile).padStart(8)}`,
      );
    }
  }
  console.log(`written ${out}`);
}

await main();
