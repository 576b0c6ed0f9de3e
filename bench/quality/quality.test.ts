/**
 * Keeps the quality harness from rotting: the --quick benchmark end to end (tiny data, 2 epochs),
 * then the shape and sanity of its outputs, and that the recommendation never sees a test row. No
 * accuracy value is asserted beyond being a fraction.
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../src/core/tfNode.ts';
import { MODEL_KINDS } from '../../src/core/train/types.ts';
import { DEFAULT_SRAM_CELL, PRODUCT_IDS, RESEARCH_ID, runBenchmark, sramCellId, type BenchResults } from './benchmark.ts';
import { parseArgs, writeOutputs } from './run.ts';
import { frontier, marginAbove, stat } from './stats.ts';
import { targetChecks } from './summary.ts';
import { holdOut } from './tasks/split.ts';
import { TASKS } from './tasks/index.ts';

const fraction = (v: number) => Number.isFinite(v) && v >= 0 && v <= 1;

describe('bench:quality --quick', () => {
  let results: BenchResults;
  let out: string;
  beforeAll(async () => {
    const { options } = parseArgs(['--quick']);
    const { detail } = await initNodeBackend('wasm');
    results = await runBenchmark(options, detail);
    out = mkdtempSync(join(tmpdir(), 'quality-'));
    writeOutputs(results, out);
  }, 60_000);

  it('covers every task and family, both noise settings where the task has them, every seed and model', () => {
    expect(results.tasks.map((t) => t.name)).toEqual(TASKS.map((t) => t.name));
    expect(new Set(results.tasks.map((t) => t.family))).toEqual(new Set(['metadata', 'features', 'real']));
    expect([...PRODUCT_IDS]).toEqual([...MODEL_KINDS]);
    const seeds = results.config.seeds.length;
    for (const task of results.tasks) {
      const spec = TASKS.find((t) => t.name === task.name)!;
      expect(Object.keys(task.results)).toEqual(spec.noisy ? ['clean', 'noisy'] : ['clean']);
      for (const r of Object.values(task.results)) {
        const ids = [...MODEL_KINDS, RESEARCH_ID, 'reweighted@weight=7'];
        expect(Object.keys(r.summary)).toEqual(ids);
        expect(r.runs).toHaveLength(seeds * ids.length);
        expect(r.recommendations).toHaveLength(seeds);
        for (const rec of r.recommendations) {
          expect(MODEL_KINDS).toContain(rec.model);
          expect(rec.valid.map((c) => c.model)).toEqual([...MODEL_KINDS]);
        }
        expect(MODEL_KINDS).toContain(r.recommendation.bestModel);
      }
    }
  });

  it('splits train / valid / test without overlap, valid held out of train', async () => {
    for (const spec of TASKS) {
      const inst = await spec.build({ rows: 400, seed: 3 });
      const { trainIdx, validIdx, heldOut } = inst.data;
      expect(heldOut).toBe(true);
      const sets = [trainIdx, validIdx, inst.testIdx].map((a) => new Set(a));
      expect(sets.map((s) => s.size)).toEqual([trainIdx.length, validIdx.length, inst.testIdx.length]);
      for (const r of validIdx) expect(sets[0]!.has(r) || sets[2]!.has(r)).toBe(false);
      for (const r of inst.testIdx) expect(sets[0]!.has(r)).toBe(false);
      expect(validIdx.length / (trainIdx.length + validIdx.length)).toBeCloseTo(0.2, 1);
      // Noisy masks change only the user's rows (train + valid); test rows keep the truth.
      const noisy = inst.noisySlices(0.3, 7);
      inst.data.slices.forEach(({ mask }, k) => {
        for (const r of inst.testIdx) expect(noisy[k]!.mask[r]).toBe(mask[r]);
      });
    }
    const y = Int32Array.from({ length: 100 }, (_, i) => (i < 30 ? 1 : 0));
    const { trainIdx, validIdx } = holdOut(
      Int32Array.from({ length: 100 }, (_, i) => i),
      y,
      0.2,
      1,
    );
    expect(Array.from(validIdx).filter((r) => y[r] === 1)).toHaveLength(6); // stratified
    expect(trainIdx.length + validIdx.length).toBe(100);
  });

  it('has sane values: accuracies are fractions, plain has zero delta, stds, parameters and times are finite', () => {
    for (const task of results.tasks) {
      expect(task.classes).toBeGreaterThanOrEqual(2);
      for (const r of Object.values(task.results)) {
        for (const run of r.runs) {
          expect(fraction(run.overall) && fraction(run.meanSlice) && fraction(run.worstSlice)).toBe(true);
          expect(run.worstSlice).toBeLessThanOrEqual(run.meanSlice + 1e-12);
          expect(run.epochSeconds).toBeGreaterThan(0);
          expect(run.parameters).toBeGreaterThan(0);
        }
        const plain = r.summary.plain!;
        expect(plain.delta.meanSlice.mean).toBe(0);
        expect(plain.epochRatio.mean).toBe(1);
        expect(r.summary.moe!.parameters).toBeGreaterThan(r.summary.sram!.parameters);
        expect(r.summary.reweighted!.parameters).toBe(plain.parameters);
        for (const s of Object.values(r.summary)) {
          expect(s.overall.n).toBe(results.config.seeds.length);
          expect(Number.isFinite(s.overall.std) && Number.isFinite(s.meanSlice.std)).toBe(true);
          expect(Object.keys(s.slices)).toEqual(task.slices.map((x) => x.name));
        }
        expect(r.recommendation.gapToBest).toBeGreaterThanOrEqual(-1);
      }
    }
    expect(results.tasks.some((t) => t.classes >= 3)).toBe(true);
  });

  it('runs the SRAM defaults sweep, reusing the main run for the default cell', () => {
    const task = results.tasks.find((t) => t.sramDefaults)!;
    const cells = results.config.sramDefaults!;
    expect(Object.keys(task.sramDefaults!.summary)).toHaveLength(cells.temperatures.length * cells.confidences.length);
    const main = task.results.clean!.runs.find((r) => r.variant === 'sram' && r.seed === 1)!;
    const cell = task.sramDefaults!.runs.find((r) => r.variant === DEFAULT_SRAM_CELL && r.seed === 1)!;
    expect(cell.overall).toBe(main.overall);
    // A separate call with the default options reproduces the main call's sram: the same init and batches.
    const other = task.sramDefaults!.runs.find((r) => r.variant === sramCellId(0.1, 'maxProb'))!;
    expect(fraction(other.overall)).toBe(true);
  });

  it('writes results.json, summary.md (targets, recommendation, SRAM defaults, per-task tables) and one SVG per task', () => {
    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as BenchResults;
    expect(json.version).toBe(2);
    expect(json.config.quick).toBe(true);
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    for (const heading of ['## Targets', '## The recommendation', '## SRAM defaults', '## Cost']) expect(md).toContain(heading);
    for (const t of results.tasks) {
      expect(md).toContain(`## ${t.name} (${t.family})`);
      const svg = readFileSync(join(out, `tradeoff-${t.name}.svg`), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).not.toContain('NaN');
    }
    expect(existsSync(join(out, 'tradeoff-nope.svg'))).toBe(false);
    const checks = targetChecks(results);
    expect(checks.filter((c) => c.target.startsWith('feature-defined')).length).toBe(4); // 2 tasks x 2 noise settings
    expect(checks.some((c) => c.target.startsWith('sram epoch'))).toBe(true);
  });
});

describe('flags and curve helpers', () => {
  it('parses flags', () => {
    const { options, out } = parseArgs([
      '--seeds',
      '2',
      '--tasks',
      'circles2d',
      '--noise',
      'noisy',
      '--no-sweep',
      '--no-research',
      '--no-sram-defaults',
      '--out',
      '/tmp/x',
    ]);
    expect(options).toMatchObject({
      seeds: 2,
      tasks: ['circles2d'],
      noise: ['noisy'],
      sweeps: [],
      research: false,
      sramDefaults: null,
      epochs: 30,
      quick: false,
    });
    expect(out).toBe('/tmp/x');
    expect(() => parseArgs(['--seeds', '0'])).toThrow(/positive integer/);
    expect(() => parseArgs(['--noise', 'loud'])).toThrow(/unknown setting/);
  });

  it('stat, frontier and the margin above a curve', () => {
    expect(stat([1, 2, 3])).toEqual({ mean: 2, std: 1, n: 3 });
    const curve = [
      { label: 'a', overall: 0.97, meanSlice: 0.88 },
      { label: 'b', overall: 0.96, meanSlice: 0.92 },
      { label: 'c', overall: 0.965, meanSlice: 0.87 }, // dominated by a
    ];
    expect(frontier(curve).map((p) => p.label)).toEqual(['a', 'b']);
    expect(marginAbove({ label: 'p', overall: 0.965, meanSlice: 0.91 }, curve)).toBeCloseTo(0.01, 10);
    expect(marginAbove({ label: 'p', overall: 0.98, meanSlice: 0.9 }, curve)).toBeCloseTo(0.02, 10);
    expect(marginAbove({ label: 'p', overall: 0.95, meanSlice: 0.9 }, curve)).toBeNull();
  });
});
