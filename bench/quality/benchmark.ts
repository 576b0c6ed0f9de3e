/**
 * The quality benchmark: every task x noise setting x seed, ALL product models trained in ONE
 * trainModels call (same data, seed, init and batches), scored on the TEST rows against true slice
 * membership; the recommendation trainModels made on the validation rows (held out of train) is
 * recorded and compared with the best model on test.
 *
 * Seeds: seed s generates the task's data (new points; for the real task a new split), the hold-out,
 * the noisy SF masks (stream s + 1000) and the models' init and batch order, so the std over seeds
 * covers all of them; within a seed every model sees the same data, masks, init and batches, so
 * differences from plain are paired. Sweep points and research rows are separate trainModels calls
 * with the same seed (hence the same init and batch order), still paired with plain.
 * One training at a time (no parallelism): the timings are honest and the machine stays usable.
 */
import type { Model, ModelSpec } from '../../src/core/model/types.ts';
import { createResearchModel } from '../../src/core/model/research/index.ts';
import { REFERENCE_STRUCTURE, type SramStructure } from '../../src/core/model/sramStructure.ts';
import {
  DEFAULT_OBJECTIVE,
  DEFAULT_OPTIONS,
  DEFAULT_SETTINGS,
  MODEL_KINDS,
  type Candidate,
  type Confidence,
  type ModelKind,
  type ModelOptions,
  type Objective,
  type TrainSettings,
} from '../../src/core/train/types.ts';
import { runInstance, type Score } from './runner.ts';
import { stat, type Stat } from './stats.ts';
import { taskByName, type TaskFamily, type TaskInstance } from './tasks/index.ts';

export const NOISE = { clean: 0, noisy: 0.3 } as const;
export type NoiseName = keyof typeof NOISE;

/** The product's models, in report order. */
export const PRODUCT_IDS: readonly ModelKind[] = MODEL_KINDS;
/** The research row: the former 'slicewise' preset (learned loss weights), built through trainModels' build hook. */
export const RESEARCH_ID = 'learnedWeight';
/** The former product preset 'slicewise', exactly: rows weighted by 1 + 4 * (SF mask + detached predicted membership) / 2. */
export const LEARNED_WEIGHT: SramStructure = {
  ...REFERENCE_STRUCTURE,
  combine: 'learnedWeight',
  finalSliceWeight: 5,
  weightSource: 'both',
  detachIndicators: true,
};

/** A trade-off sweep: one numeric option of one model, its values (the default is added as a point). */
export interface Sweep {
  model: Exclude<ModelKind, 'plain'>;
  knob: string;
  values: number[];
}

export interface SramDefaultsSweep {
  tasks: string[];
  /** Seeds 1..seeds (a subset of the main seeds, so plain and the default cell come from the main run). */
  seeds: number;
  temperatures: number[];
  confidences: Confidence[];
}

export interface BenchOptions {
  tasks: string[];
  seeds: number;
  noise: NoiseName[];
  /** Rows of each generated task (half train part, half test); a cap for the real task. */
  rows: number;
  epochs: number;
  /** Train the research row (learnedWeight) beside the product models. */
  research: boolean;
  /** Trade-off sweeps (curves); [] = none. */
  sweeps: Sweep[];
  sramDefaults: SramDefaultsSweep | null;
  quick: boolean;
  /** Called after every trainModels call (progress). */
  log?: (line: string) => void;
}

export const FULL: Omit<BenchOptions, 'log'> = {
  tasks: ['circles2d', 'featureRules', 'wideFlip', 'overlapMulticlass', 'spamAssassin'],
  seeds: 5,
  noise: ['clean', 'noisy'],
  rows: 12000,
  epochs: 30,
  research: true,
  // Plain (weight 1) and the default (3) are further points of the reweighted curve.
  sweeps: [{ model: 'reweighted', knob: 'weight', values: [2, 6] }],
  sramDefaults: {
    tasks: ['circles2d', 'featureRules', 'wideFlip'],
    seeds: 3,
    temperatures: [0.1, 0.5, 1, 2],
    confidences: ['maxProb', 'entropy'],
  },
  quick: false,
};

/** Tiny data and 2 epochs: checks the harness end to end in seconds (numbers mean nothing). */
export const QUICK: Omit<BenchOptions, 'log'> = {
  ...FULL,
  seeds: 2,
  rows: 400,
  epochs: 2,
  sweeps: [{ model: 'reweighted', knob: 'weight', values: [7] }],
  sramDefaults: { tasks: ['featureRules'], seeds: 1, temperatures: [0.1, 1], confidences: ['maxProb', 'entropy'] },
  quick: true,
};

/** The fixed training settings (the reference config): batch 256, Adam 1e-3, backbone 64-64, the product's defaults. */
export function baseSettings(o: Pick<BenchOptions, 'epochs'>): TrainSettings {
  return {
    ...DEFAULT_SETTINGS,
    epochs: o.epochs,
    batchSize: 256,
    learningRate: 1e-3,
    hiddenSize: 64,
    options: DEFAULT_OPTIONS,
    objective: DEFAULT_OBJECTIVE,
  };
}

export const sweepId = (s: Pick<Sweep, 'model' | 'knob'>, value: number) => `${s.model}@${s.knob}=${value}`;
export const sramCellId = (temperature: number, confidence: Confidence) => `sram@T=${temperature},${confidence}`;
export const DEFAULT_SRAM_CELL = sramCellId(DEFAULT_OPTIONS.sram.temperature, DEFAULT_OPTIONS.sram.confidence);

function withOption(options: ModelOptions, model: Exclude<ModelKind, 'plain'>, patch: object): ModelOptions {
  return { ...options, [model]: { ...options[model], ...patch } };
}

export interface RunRecord extends Score {
  seed: number;
  variant: string;
  /** epochSeconds over plain's in the same seed's main call. */
  epochRatio: number;
}

/** The recommendation of one (task, noise, seed), and where it landed on test. */
export interface RecRecord {
  seed: number;
  model: ModelKind;
  /** The validation figures it chose from (trainModels' candidates). */
  valid: Candidate[];
}

export interface VariantSummary {
  overall: Stat;
  meanSlice: Stat;
  worstSlice: Stat;
  slices: Record<string, Stat>;
  /** Paired differences from plain over the same seeds. */
  delta: { overall: Stat; meanSlice: Stat; worstSlice: Stat };
  epochSeconds: Stat;
  epochRatio: Stat;
  parameters: number;
}

/** How the recommendation did on test, over the seeds (accuracy fractions). */
export interface RecSummary {
  picks: ModelKind[];
  /** Test figures of the model picked in each seed, and paired differences from plain. */
  overall: Stat;
  meanSlice: Stat;
  deltaOverall: Stat;
  deltaMeanSlice: Stat;
  /**
   * The best product model on test under the objective, fixed over seeds: the highest mean (over
   * seeds) mean slice among models whose mean overall is at most maxOverallDrop below plain's.
   */
  bestModel: ModelKind;
  /** bestModel's mean slice minus the picked models' (mean over seeds): >= 0 = the pick is below the best. */
  gapToBest: number;
  /** Per seed, the best eligible model ON THAT SEED's test rows minus the pick (an oracle: stricter). */
  gapToOracle: Stat;
}

export interface NoiseResult {
  runs: RunRecord[];
  recommendations: RecRecord[];
  summary: Record<string, VariantSummary>;
  recommendation: RecSummary;
}

export interface TaskResult {
  name: string;
  family: TaskFamily;
  description: string;
  classes: number;
  dim: number;
  /** Seed 1: rows per split, and per slice its test rows (true membership) and share of the training rows. */
  rows: { train: number; valid: number; test: number };
  slices: { name: string; testSupport: number; trainShare: number }[];
  results: Partial<Record<NoiseName, NoiseResult>>;
  /** The SRAM (temperature x confidence) sweep, clean SFs, seeds 1..n (plain and the default cell from the main runs). */
  sramDefaults?: { runs: RunRecord[]; summary: Record<string, VariantSummary> };
}

export interface BenchResults {
  version: 2;
  createdAt: string;
  backend: string;
  /** Wall time of the run (with --jobs, of all its processes together). */
  seconds: number;
  /** How the file was put together when it is not one run's output (a merge of --parts), shown in summary.md. */
  provenance?: string;
  config: {
    seeds: number[];
    rows: number;
    epochs: number;
    settings: Omit<TrainSettings, 'models' | 'seed'>;
    objective: Objective;
    noise: Record<NoiseName, number>;
    quick: boolean;
    research: { id: string; structure: SramStructure } | null;
    sweeps: Sweep[];
    sramDefaults: SramDefaultsSweep | null;
  };
  tasks: TaskResult[];
}

export function summarise(
  runs: RunRecord[],
  ids: string[],
  sliceNames: string[],
  plainRuns: RunRecord[] = runs,
): Record<string, VariantSummary> {
  const out: Record<string, VariantSummary> = {};
  for (const id of ids) {
    const mine = runs.filter((r) => r.variant === id);
    const plainOf = (seed: number) => plainRuns.find((r) => r.variant === 'plain' && r.seed === seed)!;
    const diff = (key: 'overall' | 'meanSlice' | 'worstSlice') => stat(mine.map((r) => r[key] - plainOf(r.seed)[key]));
    out[id] = {
      overall: stat(mine.map((r) => r.overall)),
      meanSlice: stat(mine.map((r) => r.meanSlice)),
      worstSlice: stat(mine.map((r) => r.worstSlice)),
      slices: Object.fromEntries(sliceNames.map((s) => [s, stat(mine.map((r) => r.slices[s]!).filter(Number.isFinite))])),
      delta: { overall: diff('overall'), meanSlice: diff('meanSlice'), worstSlice: diff('worstSlice') },
      epochSeconds: stat(mine.map((r) => r.epochSeconds)),
      epochRatio: stat(mine.map((r) => r.epochRatio)),
      parameters: mine[0]?.parameters ?? NaN,
    };
  }
  return out;
}

export function summariseRecommendation(runs: RunRecord[], recs: RecRecord[], objective: Objective): RecSummary {
  const at = (seed: number, id: string) => runs.find((r) => r.seed === seed && r.variant === id)!;
  const picked = recs.map((r) => at(r.seed, r.model));
  const plain = recs.map((r) => at(r.seed, 'plain'));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const models = PRODUCT_IDS.filter((id) => runs.some((r) => r.variant === id));
  const byModel = models.map((id) => {
    const mine = recs.map((r) => at(r.seed, id));
    return { id, overall: mean(mine.map((r) => r.overall)), meanSlice: mean(mine.map((r) => r.meanSlice)) };
  });
  const floor = mean(plain.map((r) => r.overall)) - objective.maxOverallDrop;
  const eligible = byModel.filter((m) => m.overall >= floor - 1e-12);
  const best = (eligible.length ? eligible : byModel).reduce((a, b) => (b.meanSlice > a.meanSlice ? b : a));
  const oracle = recs.map((r, i) => {
    const seedFloor = plain[i]!.overall - objective.maxOverallDrop;
    const ok = models.map((id) => at(r.seed, id)).filter((s) => s.overall >= seedFloor - 1e-12);
    return Math.max(...ok.map((s) => s.meanSlice)) - picked[i]!.meanSlice;
  });
  return {
    picks: recs.map((r) => r.model),
    overall: stat(picked.map((r) => r.overall)),
    meanSlice: stat(picked.map((r) => r.meanSlice)),
    deltaOverall: stat(picked.map((r, i) => r.overall - plain[i]!.overall)),
    deltaMeanSlice: stat(picked.map((r, i) => r.meanSlice - plain[i]!.meanSlice)),
    bestModel: best.id as ModelKind,
    gapToBest: best.meanSlice - mean(picked.map((r) => r.meanSlice)),
    gapToOracle: stat(oracle),
  };
}

const pts = (v: number) => (100 * v).toFixed(2);

export async function runBenchmark(o: BenchOptions, backend: string): Promise<BenchResults> {
  const t0 = performance.now();
  const base = baseSettings(o);
  const seeds = Array.from({ length: o.seeds }, (_, i) => i + 1);
  const researchBuild = (spec: ModelSpec): Model => createResearchModel(spec, LEARNED_WEIGHT);
  const tasks: TaskResult[] = [];
  for (const name of o.tasks) {
    const task = taskByName(name);
    const instances = new Map<number, TaskInstance>();
    const instance = async (seed: number) => {
      let inst = instances.get(seed);
      if (!inst) instances.set(seed, (inst = await task.build({ rows: o.rows, seed })));
      return inst;
    };
    const first = await instance(1);
    const d = first.data;
    const inTrain = (mask: Uint8Array) => Array.from(d.trainIdx).filter((r) => mask[r]).length / d.trainIdx.length;
    const result: TaskResult = {
      name,
      family: task.family,
      description: task.description,
      classes: d.classes.length,
      dim: d.dim,
      rows: { train: d.trainIdx.length, valid: d.validIdx.length, test: first.testIdx.length },
      slices: d.slices.map(({ name: n, mask }) => ({
        name: n,
        testSupport: Array.from(first.testIdx).filter((r) => mask[r]).length,
        trainShare: inTrain(mask),
      })),
      results: {},
    };
    const sliceNames = d.slices.map((s) => s.name);
    const sramSweep = o.sramDefaults && o.sramDefaults.tasks.includes(name) ? o.sramDefaults : null;
    const sramRuns: RunRecord[] = [];
    const noises = o.noise.filter((n) => n === 'clean' || task.noisy);
    for (const noise of noises) {
      const runs: RunRecord[] = [];
      const recs: RecRecord[] = [];
      for (const seed of seeds) {
        const inst = await instance(seed);
        const train = NOISE[noise] > 0 ? { ...inst.data, slices: inst.noisySlices(NOISE[noise], seed + 1000) } : inst.data;
        const truth = inst.data.slices;
        const settings: TrainSettings = { ...base, models: [...PRODUCT_IDS], seed };
        const main = await runInstance(train, inst.testIdx, truth, settings);
        const plainEpoch = main.scores.plain!.epochSeconds;
        const record = (variant: string, s: Score): RunRecord => ({ seed, variant, ...s, epochRatio: s.epochSeconds / plainEpoch });
        for (const id of PRODUCT_IDS) runs.push(record(id, main.scores[id]!));
        if (main.recommendation) recs.push({ seed, model: main.recommendation.model, valid: main.recommendation.candidates });
        const line = PRODUCT_IDS.map((id) => `${id} ${pts(main.scores[id]!.overall)}/${pts(main.scores[id]!.meanSlice)}`).join(', ');
        o.log?.(`${name} ${noise} seed ${seed}: ${line}; recommended ${main.recommendation?.model} (${main.seconds.toFixed(0)} s)`);
        const single = async (variant: string, model: ModelKind, options: ModelOptions, build?: (spec: ModelSpec) => Model) => {
          const r = await runInstance(train, inst.testIdx, truth, { ...settings, models: [model], options }, build);
          const s = r.scores[model]!;
          o.log?.(
            `${name} ${noise} seed ${seed} ${variant}: ${pts(s.overall)}/${pts(s.meanSlice)} worst ${pts(s.worstSlice)} (${r.seconds.toFixed(0)} s)`,
          );
          return record(variant, s);
        };
        if (o.research) runs.push(await single(RESEARCH_ID, 'sram', base.options, researchBuild));
        for (const sw of o.sweeps) {
          for (const v of sw.values)
            runs.push(await single(sweepId(sw, v), sw.model, withOption(base.options, sw.model, { [sw.knob]: v })));
        }
        if (noise === 'clean' && sramSweep && seed <= sramSweep.seeds) {
          for (const t of sramSweep.temperatures) {
            for (const c of sramSweep.confidences) {
              const id = sramCellId(t, c);
              if (id === DEFAULT_SRAM_CELL) sramRuns.push({ ...record(id, main.scores.sram!) });
              else sramRuns.push(await single(id, 'sram', withOption(base.options, 'sram', { temperature: t, confidence: c })));
            }
          }
        }
      }
      const ids = [...PRODUCT_IDS, ...(o.research ? [RESEARCH_ID] : []), ...o.sweeps.flatMap((sw) => sw.values.map((v) => sweepId(sw, v)))];
      result.results[noise] = {
        runs,
        recommendations: recs,
        summary: summarise(runs, ids, sliceNames),
        recommendation: summariseRecommendation(runs, recs, base.objective),
      };
    }
    if (sramSweep && sramRuns.length) {
      const ids = sramSweep.temperatures.flatMap((t) => sramSweep.confidences.map((c) => sramCellId(t, c)));
      result.sramDefaults = { runs: sramRuns, summary: summarise(sramRuns, ids, sliceNames, result.results.clean!.runs) };
    }
    tasks.push(result);
  }
  const { models: _m, seed: _s, ...settings } = base;
  return {
    version: 2,
    createdAt: new Date().toISOString(),
    backend,
    seconds: (performance.now() - t0) / 1000,
    config: {
      seeds,
      rows: o.rows,
      epochs: o.epochs,
      settings,
      objective: base.objective,
      noise: { ...NOISE },
      quick: o.quick,
      research: o.research ? { id: RESEARCH_ID, structure: LEARNED_WEIGHT } : null,
      sweeps: o.sweeps,
      sramDefaults: o.sramDefaults,
    },
    tasks,
  };
}
