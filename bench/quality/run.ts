/**
 * npm run bench:quality [-- --seeds N --tasks a,b --noise clean,noisy --quick --no-sweep --no-research
 *                          --no-sram-defaults --epochs N --rows N --jobs N --out DIR]
 * Writes DIR/results.json, DIR/summary.md and DIR/tradeoff-<task>.svg (DIR default bench/quality).
 * --jobs N (default 2, the machine's cores; 1 in --quick): tasks run in N child processes at a time,
 * each task in one process with one training at a time (epoch-time ratios are measured within one
 * trainModels call, so they do not depend on what runs beside it); the results are merged in task order.
 * Each task's results are kept in --parts DIR (default: a new temporary directory) as it finishes;
 * npm run bench:quality -- --merge DIR [--out DIR2] renders the tasks found there (e.g. of a run that
 * was stopped).
 * npm run bench:quality -- --from FILE [--out DIR]: no training; rewrites the summary and SVGs of a
 * saved results.json (after a change to the report format).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initNodeBackend } from '../../src/core/tfNode.ts';
import { FULL, QUICK, runBenchmark, type BenchOptions, type BenchResults, type NoiseName } from './benchmark.ts';
import { summaryMarkdown, svgFor } from './summary.ts';

export function parseArgs(argv: string[]): { options: Omit<BenchOptions, 'log'>; out: string; jobs: number } {
  const has = (name: string) => argv.includes(`--${name}`);
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
    return v;
  };
  const int = (name: string, fallback: number) => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${v}`);
    return n;
  };
  const base = has('quick') ? QUICK : FULL;
  const noise = (value('noise')?.split(',') ?? base.noise) as NoiseName[];
  for (const n of noise) if (n !== 'clean' && n !== 'noisy') throw new Error(`--noise: unknown setting '${n}' (clean, noisy)`);
  return {
    options: {
      ...base,
      tasks: value('tasks')?.split(',') ?? base.tasks,
      seeds: int('seeds', base.seeds),
      noise,
      rows: int('rows', base.rows),
      epochs: int('epochs', base.epochs),
      research: base.research && !has('no-research'),
      sweeps: has('no-sweep') ? [] : base.sweeps,
      sramDefaults: has('no-sram-defaults') ? null : base.sramDefaults,
    },
    out: value('out') ?? 'bench/quality',
    jobs: int('jobs', has('quick') ? 1 : 2),
  };
}

/** One child process per task, `jobs` at a time; each writes its BenchResults to a file. Merged in task order. */
async function runInChildren(argv: string[], tasks: string[], jobs: number, partsDir?: string): Promise<BenchResults> {
  const t0 = performance.now();
  const dir = partsDir ?? mkdtempSync(join(tmpdir(), 'bench-quality-'));
  mkdirSync(dir, { recursive: true });
  console.log(`task results go to ${dir}`);
  const script = fileURLToPath(import.meta.url);
  const strip = (args: string[]) => {
    const out: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (['--tasks', '--jobs', '--out', '--result-file', '--parts'].includes(args[i]!)) i++;
      else out.push(args[i]!);
    }
    return out;
  };
  const parts = new Map<string, BenchResults>();
  const queue = [...tasks];
  const worker = async () => {
    for (let task = queue.shift(); task !== undefined; task = queue.shift()) {
      const file = join(dir, `${task}.json`);
      const args = [...process.execArgv, script, ...strip(argv), '--tasks', task, '--jobs', '1', '--result-file', file];
      await new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`task ${task}: child exited with ${code}`))));
      });
      parts.set(task, JSON.parse(readFileSync(file, 'utf8')) as BenchResults);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
  const first = parts.get(tasks[0]!)!;
  return {
    ...first,
    createdAt: new Date().toISOString(),
    seconds: (performance.now() - t0) / 1000,
    tasks: [...tasks].sort((a, b) => FULL.tasks.indexOf(a) - FULL.tasks.indexOf(b)).flatMap((t) => parts.get(t)!.tasks),
  };
}

/** The task results found in a --parts directory, merged in the benchmark's task order (seconds: the longest task's). */
export function mergeParts(dir: string): BenchResults {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const parts = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as BenchResults);
  if (parts.length === 0) throw new Error(`no task results in ${dir}`);
  const order = FULL.tasks;
  const tasks = parts.flatMap((p) => p.tasks).sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  return { ...parts[0]!, seconds: Math.max(...parts.map((p) => p.seconds)), tasks };
}

/** Writes results.json, summary.md and one SVG per task into `out`. */
export function writeOutputs(results: Awaited<ReturnType<typeof runBenchmark>>, out: string): string[] {
  mkdirSync(out, { recursive: true });
  const files = [join(out, 'results.json'), join(out, 'summary.md')];
  writeFileSync(files[0]!, JSON.stringify(results, null, 1) + '\n');
  writeFileSync(files[1]!, summaryMarkdown(results));
  for (const task of results.tasks) {
    const file = join(out, `tradeoff-${task.name}.svg`);
    writeFileSync(file, svgFor(results, task));
    files.push(file);
  }
  return files;
}

async function main() {
  const argv = process.argv.slice(2);
  const from = argv.indexOf('--from');
  if (from >= 0) {
    const file = argv[from + 1];
    if (!file) throw new Error('--from needs a results.json path');
    const out = argv.includes('--out') ? argv[argv.indexOf('--out') + 1]! : 'bench/quality';
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Awaited<ReturnType<typeof runBenchmark>>;
    for (const written of writeOutputs(saved, out)) console.log(`wrote ${written}`);
    return;
  }
  const merge = argv.indexOf('--merge');
  if (merge >= 0) {
    const out = argv.includes('--out') ? argv[argv.indexOf('--out') + 1]! : 'bench/quality';
    for (const written of writeOutputs(mergeParts(argv[merge + 1]!), out)) console.log(`wrote ${written}`);
    return;
  }
  const { options, out, jobs } = parseArgs(argv);
  const resultFile = argv.includes('--result-file') ? argv[argv.indexOf('--result-file') + 1]! : null;
  if (jobs > 1 && options.tasks.length > 1) {
    const parts = argv.includes('--parts') ? argv[argv.indexOf('--parts') + 1]! : undefined;
    const results = await runInChildren(argv, options.tasks, jobs, parts);
    for (const file of writeOutputs(results, out)) console.log(`wrote ${file}`);
    console.log(`done in ${(results.seconds / 60).toFixed(1)} min`);
    return;
  }
  const { detail } = await initNodeBackend('wasm');
  const t0 = performance.now();
  const results = await runBenchmark(
    { ...options, log: (line) => console.log(`[${((performance.now() - t0) / 60000).toFixed(1)} min] ${line}`) },
    detail,
  );
  if (resultFile) {
    writeFileSync(resultFile, JSON.stringify(results));
    return;
  }
  for (const file of writeOutputs(results, out)) console.log(`wrote ${file}`);
  console.log(`done in ${(results.seconds / 60).toFixed(1)} min`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
