/**
 * npm run bench:quality [-- --seeds N --tasks a,b --noise clean,noisy --quick --no-sweep --no-research
 *                          --no-sram-defaults --epochs N --rows N --out DIR]
 * Writes DIR/results.json, DIR/summary.md and DIR/tradeoff-<task>.svg (DIR default bench/quality).
 * npm run bench:quality -- --from FILE [--out DIR]: no training; rewrites the summary and SVGs of a
 * saved results.json (after a change to the report format).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initNodeBackend } from '../../src/core/tfNode.ts';
import { FULL, QUICK, runBenchmark, type BenchOptions, type NoiseName } from './benchmark.ts';
import { summaryMarkdown, svgFor } from './summary.ts';

export function parseArgs(argv: string[]): { options: Omit<BenchOptions, 'log'>; out: string } {
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
  };
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
  const { options, out } = parseArgs(argv);
  const { detail } = await initNodeBackend('wasm');
  const results = await runBenchmark({ ...options, log: (line) => console.log(line) }, detail);
  for (const file of writeOutputs(results, out)) console.log(`wrote ${file}`);
  console.log(`done in ${(results.seconds / 60).toFixed(1)} min`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
