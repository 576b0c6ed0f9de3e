/**
 * Research runner for docs/ablation.md: trains named configurations on one task, clean and/or noisy,
 * over a few seeds, and prints paired deltas vs plain. Not part of bench:quality.
 *   tsx bench/quality/explore.ts --task circles2d --seeds 3 --noise clean,noisy --configs name1,name2
 * Configurations are defined in CONFIGS below; results are appended to bench/quality/explore.jsonl.
 */
import { appendFileSync } from 'node:fs';
import { initNodeBackend } from '../../src/cli/tfNode.ts';
import type { SramOptions } from '../../src/core/train/types.ts';
import { runVariant, type Variant } from './runner.ts';
import { taskByName } from './tasks/index.ts';

const sw = (o: Partial<SramOptions>, extra: Variant['settings'] = {}): Variant['settings'] => ({ sram: 'reference', sramOptions: o, ...extra });
const CONFIGS: Record<string, Variant> = {
  plain: { id: 'plain', model: 'plain', settings: {} },
};
for (const w of [1.5, 2, 2.5, 3, 3.5, 5, 7, 10]) CONFIGS[`rw${w}`] = { id: `rw${w}`, model: 'reweighted', settings: { sliceWeight: w } };
const add = (id: string, settings: Variant['settings']) => (CONFIGS[id] = { id, model: 'sliceAware', settings });
add('ref', sw({}, { temperature: 1, confidence: 'positiveClass' }));
add('refMax', sw({}, { temperature: 1, confidence: 'maxProb' }));
add('attT01', sw({}));
add('attBal', sw({ indicatorLoss: 'balanced' }));
add('attBalMlp', sw({ indicatorLoss: 'balanced', expert: 'mlp' }));
add('attTf', sw({ teacherForcing: 1 }));
add('attTfMlp', sw({ teacherForcing: 1, expert: 'mlp' }));
add('attRes', sw({ residual: true }));
add('mix', sw({ combine: 'mixture', teacherForcing: 0 }));
add('mixTf', sw({ combine: 'mixture', teacherForcing: 1, expertWeight: 0 }));
add('mixTf05', sw({ combine: 'mixture', teacherForcing: 0.5, expertWeight: 0 }));
add('mixTfMlp', sw({ combine: 'mixture', teacherForcing: 1, expertWeight: 0, expert: 'mlp' }));
add('mixTfBal', sw({ combine: 'mixture', teacherForcing: 1, expertWeight: 0, indicatorLoss: 'balanced' }));
for (const w of [2, 3, 5, 10]) add(`mixTfInd${w}`, sw({ combine: 'mixture', teacherForcing: 1, expertWeight: 0, indicatorWeight: w }));
for (const w of [2, 3, 5]) add(`mixTfFw${w}`, sw({ combine: 'mixture', teacherForcing: 1, expertWeight: 0, finalSliceWeight: w }));
for (const w of [2, 3, 5]) add(`attFw${w}`, sw({ finalSliceWeight: w }));

for (const w of [1.5, 2.5, 3.5, 5, 7, 10]) for (const c of [0, 0.5, 1]) add(`joint${w}c${c}`, sw({ combine: 'joint', finalSliceWeight: w, priorCorrection: c }));
for (const w of [2.5, 3.5, 5, 7]) for (const src of ['masks', 'predicted', 'both'] as const) {
  add(`lw${w}${src}`, sw({ combine: 'learnedWeight', finalSliceWeight: w, weightSource: src }));
  add(`lw${w}${src}Bal`, sw({ combine: 'learnedWeight', finalSliceWeight: w, weightSource: src, indicatorLoss: 'balanced' }));
}
for (const w of [2.5, 3.5, 5, 7]) for (const src of ['predicted', 'both'] as const) add(`lw${w}${src}Det`, sw({ combine: 'learnedWeight', finalSliceWeight: w, weightSource: src, detachIndicators: true }));
add('mixTfDet', sw({ combine: 'mixture', teacherForcing: 1, expertWeight: 0, detachIndicators: true }));
add('mixE2eDet', sw({ combine: 'mixture', teacherForcing: 0, expertWeight: 0, detachIndicators: true }));
add('joint1', sw({ combine: 'joint', finalSliceWeight: 1 }));

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
  const out = flag('out', 'bench/quality/explore.jsonl');
  for (const noise of noises) {
    const acc: Record<string, { o: number[]; m: number[]; w: number[]; s: number[] }> = {};
    for (let seed = 1; seed <= seeds; seed++) {
      const inst = task.build({ rows, seed });
      const train = noise === 'noisy' ? { ...inst.data, slices: inst.noisySlices(0.3, seed + 1000) } : inst.data;
      let plain: { overall: number; meanSlice: number; worstSlice: number } | null = null;
      for (const id of ['plain', ...configs.filter((c) => c !== 'plain')]) {
        const v = CONFIGS[id];
        if (!v) throw new Error(`unknown config ${id}`);
        const r = await runVariant(train, inst.data.slices, v, { epochs }, seed);
        if (id === 'plain') plain = r;
        const a = (acc[id] ??= { o: [], m: [], w: [], s: [] });
        a.o.push(r.overall - plain!.overall);
        a.m.push(r.meanSlice - plain!.meanSlice);
        a.w.push(r.worstSlice - plain!.worstSlice);
        a.s.push(r.seconds);
        appendFileSync(out, JSON.stringify({ task: task.name, noise, seed, id, epochs, ...r }) + '\n');
        console.log(`${noise} seed ${seed} ${id.padEnd(12)} overall ${(100 * r.overall).toFixed(2)} mean ${(100 * r.meanSlice).toFixed(2)} worst ${(100 * r.worstSlice).toFixed(2)} ${r.seconds.toFixed(1)}s`);
      }
    }
    const f = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
      return `${(100 * m >= 0 ? '+' : '') + (100 * m).toFixed(2)}±${(100 * sd).toFixed(2)}`;
    };
    console.log(`== ${task.name} ${noise}, ${seeds} seeds, deltas vs plain (points): overall / mean slice / worst slice`);
    for (const [id, a] of Object.entries(acc)) console.log(`${id.padEnd(12)} ${f(a.o).padStart(12)} ${f(a.m).padStart(12)} ${f(a.w).padStart(12)}  ${(a.s.reduce((x, y) => x + y, 0) / a.s.length).toFixed(1)}s`);
  }
}

void main();
