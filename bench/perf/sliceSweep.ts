/**
 * Cost against the number of slices (issue 13), Node part: circles2d (20,000 rows, half train, half
 * valid) with K grid-cell SFs (gridSfs.ts) for K in 8, 32, 128, 512:
 * - SF application: compile + load, apply (the real src/core/slicing code), and the slices × slices
 *   overlap matrix the SF worker sends the page (overlapMatrix, bitsets);
 * - one training epoch per model (src/core/train/train.ts's trainModels: the epoch's steps plus its
 *   validation pass and per-slice metrics), on the current tfjs backend (wasm here). Epoch 1 is
 *   warm-up (kernel set-up, first allocations); the figure is the fastest later epoch, as wall-clock
 *   seconds and as this process's CPU seconds (tfjs wasm runs on this thread: CPU time is what the
 *   epoch costs; ratios are taken from it). This machine is a VM on a shared host, where even CPU
 *   time moves by +-50% with the neighbours' load: each model is trained `repeats` times, the models
 *   taking turns (plain, sram, ..., plain, sram, ...) so that every model meets the same quiet and
 *   busy spells, and the fastest epoch over all repeats is kept, with the median beside it.
 * The browser part (memory, longest main-thread task while the app trains) is in browserBench.ts.
 * `npx tsx bench/perf/sliceSweep.ts [--counts 8,32] [--models plain,sram] [--rows N] [--epochs E] [--repeats R]`
 * runs this alone.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCircles2d } from '../../src/core/data/circles2d.ts';
import { prepareTrainData } from '../../src/core/prepare.ts';
import { overlapMatrix } from '../../src/core/slicing/overlap.ts';
import { applySfs } from '../../src/core/slicing/apply.ts';
import { compileSfs, loadSfs } from '../../src/core/slicing/compile.ts';
import { initNodeBackend } from '../../src/core/tfNode.ts';
import { trainModels } from '../../src/core/train/train.ts';
import { DEFAULT_SETTINGS, MODEL_KINDS, type ModelKind, type TrainSettings } from '../../src/core/train/types.ts';
import { gridSfSource } from './gridSfs.ts';
import { median } from './sfBench.ts';

export const SWEEP_COUNTS = [8, 32, 128, 512] as const;

/** A model as the sweep times it: a product model at its defaults, or SRAM with full-rank experts. */
export type SweepModel = ModelKind | 'sramFull';

export interface SweepRow {
  slices: number;
  rows: number;
  compileMs: number;
  applyMs: number;
  overlapMs: number;
  /** Seconds of one training epoch (its steps and its validation pass), per model: wall clock, and CPU (fastest). */
  epochSeconds: Partial<Record<SweepModel, number>>;
  epochCpuSeconds: Partial<Record<SweepModel, number>>;
  /** The median CPU seconds of the timed epochs (all repeats): how far the fastest is from typical. */
  epochCpuMedian: Partial<Record<SweepModel, number>>;
  /** Timed epochs per model: repeats x (epochs - 1). */
  timedEpochs: number;
  parameters: Partial<Record<SweepModel, number>>;
  /** Models not run at this count because the last count's epoch, scaled linearly, exceeded the budget: that estimate (s). */
  skipped: Partial<Record<SweepModel, number>>;
}

export interface SweepOptions {
  counts: readonly number[];
  models: readonly SweepModel[];
  rows: number;
  /** Epochs per model and repeat (>= 2: the first is warm-up). */
  epochs: number;
  /** Trainings per model, the models taking turns (>= 1). */
  repeats: number;
  /** Skip a model at a count when its previous epoch time, scaled by the slice ratio, exceeds this (s). */
  budgetSeconds: number;
  log: (line: string) => void;
}

export const SWEEP_MODELS: readonly SweepModel[] = [...MODEL_KINDS, 'sramFull'];

function settingsFor(model: SweepModel, epochs: number): TrainSettings {
  const kind: ModelKind = model === 'sramFull' ? 'sram' : model;
  const options =
    model === 'sramFull'
      ? { ...DEFAULT_SETTINGS.options, sram: { ...DEFAULT_SETTINGS.options.sram, expertRank: 0 } }
      : DEFAULT_SETTINGS.options;
  return { ...DEFAULT_SETTINGS, models: [kind], epochs, options };
}

export async function sweepNode(o: SweepOptions): Promise<SweepRow[]> {
  const { table } = generateCircles2d({ rows: o.rows, seed: 3 });
  const features = table.columns.filter((c) => /^f\d+$/.test(c.name)).map((c) => c.name);
  const out: SweepRow[] = [];
  for (const k of o.counts) {
    const t0 = performance.now();
    const compiled = compileSfs(gridSfSource(k));
    if (!compiled.ok) throw new Error(compiled.errors.map((e) => e.message).join('; '));
    const loaded = loadSfs(compiled);
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
    const t1 = performance.now();
    const applied = applySfs(table, loaded.sfs);
    const t2 = performance.now();
    if (!applied.ok) throw new Error(applied.errors.map((e) => e.message).join('; '));
    overlapMatrix(applied.slices);
    const t3 = performance.now();
    const covered = applied.slices.reduce((n, s) => n + s.count, 0);
    if (covered !== table.rowCount) throw new Error(`${k} grid cells cover ${covered} rows, expected ${table.rowCount}`);
    const { data } = prepareTrainData(
      table,
      { label: 'label', features, splitColumn: 'split', seed: 1 },
      applied.slices.map((s) => ({ name: s.name, mask: s.mask })),
    );
    const row: SweepRow = {
      slices: k,
      rows: table.rowCount,
      compileMs: t1 - t0,
      applyMs: t2 - t1,
      overlapMs: t3 - t2,
      epochSeconds: {},
      epochCpuSeconds: {},
      epochCpuMedian: {},
      timedEpochs: o.repeats * (o.epochs - 1),
      parameters: {},
      skipped: {},
    };
    const prev = out.at(-1);
    o.log(
      `${k} slices: compile ${row.compileMs.toFixed(0)} ms, apply ${row.applyMs.toFixed(0)} ms, overlap ${row.overlapMs.toFixed(0)} ms`,
    );
    const run = o.models.filter((model) => {
      const before = prev?.epochCpuSeconds[model] ?? prev?.skipped[model];
      const estimate = prev && before !== undefined ? (before * k) / prev.slices : 0;
      if (estimate <= o.budgetSeconds) return true;
      row.skipped[model] = estimate;
      o.log(`  ${model}: skipped (an epoch would take ~${estimate.toFixed(0)} s)`);
      return false;
    });
    const seconds = new Map<SweepModel, number[]>(run.map((m) => [m, []]));
    const cpu = new Map<SweepModel, number[]>(run.map((m) => [m, []]));
    for (let repeat = 0; repeat < o.repeats; repeat++) {
      for (const model of run) {
        let last = process.cpuUsage();
        let epoch = 0;
        const result = await trainModels(data, settingsFor(model, o.epochs), {
          onEvent: (e) => {
            if (e.type !== 'epoch') return;
            const now = process.cpuUsage();
            // Epoch 1 of every training is warm-up (kernel set-up, first allocations).
            if (epoch++ > 0) {
              seconds.get(model)!.push(e.report.seconds);
              cpu.get(model)!.push((now.user + now.system - last.user - last.system) / 1e6);
            }
            last = now;
          },
          shouldStop: () => false,
        });
        Object.values(result.models).forEach((m) => m.dispose());
        row.parameters[model] = Object.values(result.parameters)[0] ?? NaN;
      }
    }
    for (const model of run) {
      const fastest = (xs: number[]) => (xs.length ? Math.min(...xs) : NaN);
      row.epochSeconds[model] = fastest(seconds.get(model)!);
      row.epochCpuSeconds[model] = fastest(cpu.get(model)!);
      row.epochCpuMedian[model] = cpu.get(model)!.length ? median(cpu.get(model)!) : NaN;
      o.log(
        `  ${model}: epoch ${row.epochSeconds[model]!.toFixed(2)} s, CPU ${row.epochCpuSeconds[model]!.toFixed(2)} s (median ${row.epochCpuMedian[model]!.toFixed(2)} of ${cpu.get(model)!.length}; ${row.parameters[model]} parameters)`,
      );
    }
    out.push(row);
  }
  return out;
}

const fmt = (x: number | undefined, digits = 2) => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits));

/** The cost-vs-slices table (Markdown): epoch CPU seconds, also as a multiple of plain's. */
export function sweepMarkdown(rows: readonly SweepRow[], models: readonly SweepModel[]): string {
  const head = ['slices', 'SF compile (ms)', 'SF apply (ms)', 'overlap (ms)', ...models.map((m) => `${m} epoch (CPU s)`)];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const r of rows) {
    const plain = r.epochCpuSeconds.plain;
    const cells = models.map((m) => {
      const s = r.epochCpuSeconds[m];
      const skipped = r.skipped[m];
      if (s === undefined && skipped !== undefined) return `not run (~${fmt(skipped, 0)} est.)`;
      return m !== 'plain' && plain && s !== undefined ? `${fmt(s)} (${fmt(s / plain, 1)}×)` : fmt(s);
    });
    lines.push(`| ${[r.slices, fmt(r.compileMs, 0), fmt(r.applyMs, 0), fmt(r.overlapMs, 0), ...cells].join(' | ')} |`);
  }
  return lines.join('\n') + '\n';
}

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const counts = (arg(argv, '--counts') ?? SWEEP_COUNTS.join(',')).split(',').map(Number);
  const models = (arg(argv, '--models')?.split(',') ?? SWEEP_MODELS) as SweepModel[];
  const started = await initNodeBackend('wasm');
  console.log(`backend ${started.backend}`);
  const rows = await sweepNode({
    counts,
    models,
    rows: Number(arg(argv, '--rows') ?? 20_000),
    epochs: Number(arg(argv, '--epochs') ?? 3),
    repeats: Number(arg(argv, '--repeats') ?? 3),
    budgetSeconds: Number(arg(argv, '--budget') ?? 60),
    log: console.log,
  });
  console.log(sweepMarkdown(rows, models));
  console.log(JSON.stringify(rows));
}
