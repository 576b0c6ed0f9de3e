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
 * The file is bench/perf/bigCsv.ts's (20 columns, about 150 bytes a row).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, openAsBlob, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBigCsv, HEADER } from './bigCsv.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const outDir = join(root, 'bench/out');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
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
    const { seconds, cpuSeconds, rows, peakRssMb } = JSON.parse(last) as {
      seconds: number;
      cpuSeconds: number;
      rows: number;
      peakRssMb: number;
    };
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
  const path = ensureBigCsv(rows);
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
    results.push(
      python
        ? measure('pandas.read_csv', python, ['-c', PANDAS, path], bytes, repeat)
        : { parser: 'pandas.read_csv', ok: false, note: 'no python3 with pandas on this machine' },
    );
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ file: path, rows, columns: HEADER.length, bytes, generatedAt: new Date().toISOString(), results }, null, 2)}\n`,
  );

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
