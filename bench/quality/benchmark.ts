/**
 * The quality benchmark: every task x noise setting x seed x variant, trained with the app's own
 * trainModels and scored on the test rows against true slice membership.
 *
 * Seeds: seed s generates the task's data (new points), the noisy SF masks (stream s + 1000) and the
 * models' init and batch order, so the std over seeds covers all of them; within a seed every variant
 * sees the same data, masks, init and batches, so differences from plain are paired.
 * One training at a time (no parallelism): the timings are honest and the machine stays usable.
 */
import { DEFAULT_SETTINGS, type ModelKind, type TrainSettings } from '../../src/core/train/types.ts';
import { runVariant, type Score, type Variant } from './runner.ts';
import { stat, type Stat } from './stats.ts';
import { taskByName, TASKS } from './tasks/index.ts';

export const NOISE = { clean: 0, noisy: 0.3 } as const;
export type NoiseName = keyof typeof NOISE;

export interface BenchOptions {
  tasks: string[];
  seeds: number;
  noise: NoiseName[];
  rows: number;
  epochs: number;
  /** Run the knob sweeps (trade-off curves). */
  sweep: boolean;
  reweightSweep: number[];
  sliceAwareSweep: { knob: SliceAwareKnob; values: number[] };
  /** Tasks on which the reference SRAM (Snorkel's structure, ~4x slower) is trained as a fourth row. */
  reference: string[];
  quick: boolean;
  /** Called after every training (progress). */
  log?: (line: string) => void;
}

/** The slice-aware model's trade-off knob (a field of SramOptions) the benchmark sweeps. */
export type SliceAwareKnob = 'finalSliceWeight' | 'indicatorWeight';

export const FULL: Omit<BenchOptions, 'log'> = {
  tasks: TASKS.map((t) => t.name),
  seeds: 5,
  noise: ['clean', 'noisy'],
  rows: 20000,
  epochs: 30,
  sweep: true,
  // With the defaults (reweighted w = 3, sliceAware finalSliceWeight 5) and plain (= weight 1) as
  // further curve points.
  reweightSweep: [1.5, 2.5, 3.5, 5, 7],
  sliceAwareSweep: { knob: 'finalSliceWeight', values: [2.5, 3.5, 7, 10] },
  reference: ['circles2d'],
  quick: false,
};

/** Tiny data and 2 epochs: checks the harness end to end in seconds (numbers mean nothing). */
export const QUICK: Omit<BenchOptions, 'log'> = {
  ...FULL,
  seeds: 2,
  rows: 600,
  epochs: 2,
  reweightSweep: [2.5, 7],
  sliceAwareSweep: { knob: 'finalSliceWeight', values: [2.5] },
  reference: [],
  quick: true,
};

/** The fixed training settings (the reference config): batch 256, Adam 1e-3, backbone 64-64. */
export function baseSettings(o: Pick<BenchOptions, 'epochs'>): Partial<TrainSettings> {
  return { epochs: o.epochs, batchSize: 256, learningRate: 1e-3, hiddenSize: 64 };
}

export const MAIN_IDS = ['plain', 'reweighted', 'sliceAware'] as const;
export const REFERENCE_ID = 'sliceAwareReference';

export function variants(o: Pick<BenchOptions, 'sweep' | 'reweightSweep' | 'sliceAwareSweep'> & { reference: boolean }): Variant[] {
  const main: Variant[] = MAIN_IDS.map((id): Variant => ({ id, model: id as ModelKind, settings: {} }));
  // The reference SRAM: Snorkel's structure, confidence P(class 1) (max class probability when multiclass), T = 1.
  const reference: Variant[] = o.reference ? [{ id: REFERENCE_ID, model: 'sliceAware', settings: { sram: 'reference', sramOptions: {}, temperature: 1 } }] : [];
  if (!o.sweep) return [...main, ...reference];
  const rw = o.reweightSweep.map((w): Variant => ({ id: `reweighted@${w}`, model: 'reweighted', settings: { sliceWeight: w }, sweep: { knob: 'sliceWeight', value: w } }));
  const { knob, values } = o.sliceAwareSweep;
  const sa = values.map((v): Variant => ({
    id: `sliceAware@${v}`,
    model: 'sliceAware',
    settings: { sramOptions: { ...DEFAULT_SETTINGS.sramOptions, [knob]: v } },
    sweep: { knob, value: v },
  }));
  return [...main, ...reference, ...rw, ...sa];
}

export interface RunRecord extends Score {
  seed: number;
  variant: string;
}

export interface VariantSummary {
  overall: Stat;
  meanSlice: Stat;
  worstSlice: Stat;
  slices: Record<string, Stat>;
  /** Paired differences from plain over the same seeds. */
  delta: { overall: Stat; meanSlice: Stat; worstSlice: Stat };
  seconds: Stat;
}

export interface TaskResult {
  name: string;
  description: string;
  classes: number;
  /** Test rows per slice (true membership) for seed 1, and the test rows in total. */
  slices: { name: string; testSupport: number }[];
  testRows: number;
  results: Partial<Record<NoiseName, { runs: RunRecord[]; summary: Record<string, VariantSummary> }>>;
}

export interface BenchResults {
  version: 1;
  createdAt: string;
  backend: string;
  seconds: number;
  config: {
    seeds: number[];
    rows: number;
    epochs: number;
    settings: Partial<TrainSettings>;
    defaults: { sliceWeight: number; sram: TrainSettings['sram']; sramOptions: TrainSettings['sramOptions']; temperature: number; confidence: string };
    noise: Record<NoiseName, number>;
    quick: boolean;
    sweeps: { reweighted: { knob: 'sliceWeight'; values: number[] }; sliceAware: { knob: SliceAwareKnob; values: number[] } } | null;
  };
  variants: Variant[];
  tasks: TaskResult[];
}

function summarise(runs: RunRecord[], ids: string[], sliceNames: string[]): Record<string, VariantSummary> {
  const out: Record<string, VariantSummary> = {};
  for (const id of ids) {
    const mine = runs.filter((r) => r.variant === id);
    const plainOf = (seed: number) => runs.find((r) => r.variant === 'plain' && r.seed === seed)!;
    const diff = (key: 'overall' | 'meanSlice' | 'worstSlice') => stat(mine.map((r) => r[key] - plainOf(r.seed)[key]));
    out[id] = {
      overall: stat(mine.map((r) => r.overall)),
      meanSlice: stat(mine.map((r) => r.meanSlice)),
      worstSlice: stat(mine.map((r) => r.worstSlice)),
      slices: Object.fromEntries(sliceNames.map((s) => [s, stat(mine.map((r) => r.slices[s]!).filter(Number.isFinite))])),
      delta: { overall: diff('overall'), meanSlice: diff('meanSlice'), worstSlice: diff('worstSlice') },
      seconds: stat(mine.map((r) => r.seconds)),
    };
  }
  return out;
}

export async function runBenchmark(o: BenchOptions, backend: string): Promise<BenchResults> {
  const t0 = performance.now();
  const base = baseSettings(o);
  const seeds = Array.from({ length: o.seeds }, (_, i) => i + 1);
  const tasks: TaskResult[] = [];
  for (const name of o.tasks) {
    const task = taskByName(name);
    const vs = variants({ ...o, reference: o.reference.includes(name) });
    const first = task.build({ rows: o.rows, seed: 1 });
    const sliceNames = first.data.slices.map((s) => s.name);
    const result: TaskResult = {
      name,
      description: task.description,
      classes: first.data.classes.length,
      slices: first.data.slices.map(({ name: n, mask }) => ({ name: n, testSupport: Array.from(first.data.validIdx).filter((r) => mask[r]).length })),
      testRows: first.data.validIdx.length,
      results: {},
    };
    for (const noise of o.noise) {
      const runs: RunRecord[] = [];
      for (const seed of seeds) {
        const inst = seed === 1 ? first : task.build({ rows: o.rows, seed });
        const train = NOISE[noise] > 0 ? { ...inst.data, slices: inst.noisySlices(NOISE[noise], seed + 1000) } : inst.data;
        for (const v of vs) {
          const score = await runVariant(train, inst.data.slices, v, base, seed);
          runs.push({ seed, variant: v.id, ...score });
          o.log?.(`${name} ${noise} seed ${seed} ${v.id}: overall ${(100 * score.overall).toFixed(2)} mean slice ${(100 * score.meanSlice).toFixed(2)} worst ${(100 * score.worstSlice).toFixed(2)} (${score.seconds.toFixed(1)} s)`);
        }
      }
      result.results[noise] = { runs, summary: summarise(runs, vs.map((v) => v.id), sliceNames) };
    }
    tasks.push(result);
  }
  const d = DEFAULT_SETTINGS;
  return {
    version: 1,
    createdAt: new Date().toISOString(),
    backend,
    seconds: (performance.now() - t0) / 1000,
    config: {
      seeds,
      rows: o.rows,
      epochs: o.epochs,
      settings: base,
      defaults: { sliceWeight: d.sliceWeight, sram: d.sram, sramOptions: d.sramOptions, temperature: d.temperature, confidence: d.confidence },
      noise: { ...NOISE },
      quick: o.quick,
      sweeps: o.sweep ? { reweighted: { knob: 'sliceWeight', values: o.reweightSweep }, sliceAware: o.sliceAwareSweep } : null,
    },
    variants: variants({ ...o, reference: o.reference.length > 0 }),
    tasks,
  };
}
