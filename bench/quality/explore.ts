/**
 * Research runner for docs/ablation.md: trains named configurations on one task, clean and/or noisy,
 * over a few seeds, and prints paired deltas vs plain. Not part of bench:quality.
 *   tsx bench/quality/explore.ts --task circles2d --seeds 3 --noise clean,noisy --configs name1,name2
 * Configurations are defined in CONFIGS below; results are appended to bench/quality/explore.jsonl.
 *
 * Each configuration is one product model kind with its options, trained alone by trainModels; the
 * SRAM-family research variants (src/core/model/research) go through trainModels' build hook:
 * `build: (spec) => spec.model.kind === 'sram' ? createResearchModel(spec, structure) : createModel(spec)`.
 * The ablation's protocol is kept so that its numbers reproduce: the task's train half is trained on
 * whole (--valid-fraction 0, the default here: no hold-out) and the test half is scored; the SRAM
 * variants default to the ablation's temperature 0.1 and max-probability confidence (the former
 * product defaults), with Snorkel's structure (REFERENCE_STRUCTURE) plus each config's changes.
 */
import { appendFileSync } from 'node:fs';
import { initNodeBackend } from '../../src/core/tfNode.ts';
import { createModel } from '../../src/core/model/index.ts';
import { createResearchModel } from '../../src/core/model/research/index.ts';
import { REFERENCE_STRUCTURE, type SramStructure } from '../../src/core/model/sramStructure.ts';
import type { Model, ModelSpec } from '../../src/core/model/types.ts';
import {
  DEFAULT_OPTIONS,
  DEFAULT_SETTINGS,
  type ModelKind,
  type ModelOptions,
  type SramOptions,
  type TrainSettings,
} from '../../src/core/train/types.ts';
import { runInstance } from './runner.ts';
import { taskByName } from './tasks/index.ts';

export interface ExploreConfig {
  id: string;
  kind: ModelKind;
  options: ModelOptions;
  /** SRAM-family research structure (kind 'sram' only); absent = the product's model. */
  structure?: SramStructure;
}

/** The ablation's SRAM options: the former product defaults (T = 0.1, max-probability confidence). */
const ABLATION_SRAM: SramOptions = { temperature: 0.1, confidence: 'maxProb' };

export const CONFIGS: Record<string, ExploreConfig> = {
  plain: { id: 'plain', kind: 'plain', options: DEFAULT_OPTIONS },
};
for (const w of [1.5, 2, 2.5, 3, 3.5, 5, 7, 10]) {
  CONFIGS[`rw${w}`] = { id: `rw${w}`, kind: 'reweighted', options: { ...DEFAULT_OPTIONS, reweighted: { mode: 'constant', weight: w } } };
}
const add = (id: string, structure: Partial<SramStructure>, sram: Partial<SramOptions> = {}) =>
  (CONFIGS[id] = {
    id,
    kind: 'sram',
    options: { ...DEFAULT_OPTIONS, sram: { ...ABLATION_SRAM, ...sram } },
    structure: { ...REFERENCE_STRUCTURE, ...structure },
  });
add('ref', {}, { temperature: 1, confidence: 'positiveClass' });
add('refMax', {}, { temperature: 1, confidence: 'maxProb' });
add('attT01', {});
add('attBal', { indicatorLoss: 'balanced' });
add('attBalMlp', { indicatorLoss: 'balanced', expert: 'mlp' });
add('attTf', { teacherForcing: 1 });
add('attTfMlp', { teacherForcing: 1, expert: 'mlp' });
add('attRes', { residual: true });
add('mix', { combine: 'mixture', teacherForcing: 0 });
add('mixTf', { combine: 'mixture', teacherForcing: 1, expertWeight: 0 });
add('mixTf05', { combine: 'mixture', teacherForcing: 0.5, expertWeight: 0 });
add('mixTfMlp', { combine: 'mixture', teacherForcing: 1, expertWeight: 0, expert: 'mlp' });
add('mixTfBal', { combine: 'mixture', teacherForcing: 1, expertWeight: 0, indicatorLoss: 'balanced' });
for (const w of [2, 3, 5, 10]) add(`mixTfInd${w}`, { combine: 'mixture', teacherForcing: 1, expertWeight: 0, indicatorWeight: w });
for (const w of [2, 3, 5]) add(`mixTfFw${w}`, { combine: 'mixture', teacherForcing: 1, expertWeight: 0, finalSliceWeight: w });
for (const w of [2, 3, 5]) add(`attFw${w}`, { finalSliceWeight: w });

for (const w of [1.5, 2.5, 3.5, 5, 7, 10])
  for (const c of [0, 0.5, 1]) add(`joint${w}c${c}`, { combine: 'joint', finalSliceWeight: w, priorCorrection: c });
for (const w of [2.5, 3.5, 5, 7])
  for (const src of ['masks', 'predicted', 'both'] as const) {
    add(`lw${w}${src}`, { combine: 'learnedWeight', finalSliceWeight: w, weightSource: src });
    add(`lw${w}${src}Bal`, { combine: 'learnedWeight', finalSliceWeight: w, weightSource: src, indicatorLoss: 'balanced' });
  }
for (const w of [2.5, 3.5, 5, 7])
  for (const src of ['predicted', 'both'] as const)
    add(`lw${w}${src}Det`, { combine: 'learnedWeight', finalSliceWeight: w, weightSource: src, detachIndicators: true });
add('mixTfDet', { combine: 'mixture', teacherForcing: 1, expertWeight: 0, detachIndicators: true });
add('mixE2eDet', { combine: 'mixture', teacherForcing: 0, expertWeight: 0, detachIndicators: true });
add('joint1', { combine: 'joint', finalSliceWeight: 1 });
// The product's models at their defaults (for comparison with the research variants).
for (const kind of ['sram', 'hps', 'moe', 'groupDro'] as const)
  CONFIGS[`product:${kind}`] = { id: `product:${kind}`, kind, options: DEFAULT_OPTIONS };

/** trainModels' build hook for a configuration: research structures for SRAM, else the product's factory. */
export function buildFor(config: ExploreConfig): ((spec: ModelSpec) => Model) | undefined {
  const { structure } = config;
  if (!structure) return undefined;
  return (spec) => (spec.model.kind === 'sram' ? createResearchModel(spec, structure) : createModel(spec));
}

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

async function main() {
  await initNodeBackend('wasm');
  const task = taskByName(flag('task', 'circles2d'));
  const seeds = Number(flag('seeds', '3'));
  const noises = flag('noise', 'clean,noisy').split(',');
  const configs = flag('configs', 'plain').split(',');
  const rows = Number(flag('rows', '20000'));
  const epochs = Number(flag('epochs', '30'));
  const validFraction = Number(flag('valid-fraction', '0'));
  const out = flag('out', 'bench/quality/explore.jsonl');
  for (const noise of noises) {
    const acc: Record<string, { o: number[]; m: number[]; w: number[]; s: number[] }> = {};
    for (let seed = 1; seed <= seeds; seed++) {
      const inst = await task.build({ rows, seed, validFraction });
      const train = noise === 'noisy' ? { ...inst.data, slices: inst.noisySlices(0.3, seed + 1000) } : inst.data;
      let plain: { overall: number; meanSlice: number; worstSlice: number } | null = null;
      for (const id of ['plain', ...configs.filter((c) => c !== 'plain')]) {
        const config = CONFIGS[id];
        if (!config) throw new Error(`unknown config ${id}`);
        const settings: TrainSettings = { ...DEFAULT_SETTINGS, epochs, seed, models: [config.kind], options: config.options };
        const run = await runInstance(train, inst.testIdx, inst.data.slices, settings, buildFor(config));
        const r = { ...run.scores[config.kind]!, seconds: run.seconds };
        if (id === 'plain') plain = r;
        const a = (acc[id] ??= { o: [], m: [], w: [], s: [] });
        a.o.push(r.overall - plain!.overall);
        a.m.push(r.meanSlice - plain!.meanSlice);
        a.w.push(r.worstSlice - plain!.worstSlice);
        a.s.push(r.seconds);
        appendFileSync(out, JSON.stringify({ task: task.name, noise, seed, id, epochs, ...r }) + '\n');
        console.log(
          `${noise} seed ${seed} ${id.padEnd(12)} overall ${(100 * r.overall).toFixed(2)} mean ${(100 * r.meanSlice).toFixed(2)} worst ${(100 * r.worstSlice).toFixed(2)} ${r.seconds.toFixed(1)}s`,
        );
      }
    }
    const f = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
      return `${(100 * m >= 0 ? '+' : '') + (100 * m).toFixed(2)}±${(100 * sd).toFixed(2)}`;
    };
    console.log(`== ${task.name} ${noise}, ${seeds} seeds, deltas vs plain (points): overall / mean slice / worst slice`);
    for (const [id, a] of Object.entries(acc))
      console.log(
        `${id.padEnd(12)} ${f(a.o).padStart(12)} ${f(a.m).padStart(12)} ${f(a.w).padStart(12)}  ${(a.s.reduce((x, y) => x + y, 0) / a.s.length).toFixed(1)}s`,
      );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
