/**
 * Keeps the quality harness from rotting: the --quick benchmark end to end (tiny data, 2 epochs),
 * then the shape and sanity of its outputs. No accuracy value is asserted beyond being a fraction.
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../src/cli/tfNode.ts';
import { MAIN_IDS, runBenchmark, type BenchResults } from './benchmark.ts';
import { parseArgs, writeOutputs } from './run.ts';
import { frontier, marginAbove, stat } from './stats.ts';
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
  }, 120_000);

  it('covers every task, both noise settings, every seed and variant', () => {
    expect(results.tasks.map((t) => t.name)).toEqual(TASKS.map((t) => t.name));
    const ids = results.variants.map((v) => v.id); // no reference SRAM in --quick
    expect(ids.slice(0, 3)).toEqual([...MAIN_IDS]);
    expect(ids.filter((id) => id.startsWith('reweighted@')).length).toBeGreaterThan(0);
    expect(ids.filter((id) => id.startsWith('sliceAware@')).length).toBeGreaterThan(0);
    for (const task of results.tasks) {
      expect(Object.keys(task.results)).toEqual(['clean', 'noisy']);
      for (const r of Object.values(task.results)) {
        expect(r.runs).toHaveLength(results.config.seeds.length * ids.length);
        expect(Object.keys(r.summary)).toEqual(ids);
      }
    }
  });

  it('has sane values: accuracies are fractions, plain has zero delta, stds are finite', () => {
    for (const task of results.tasks) {
      expect(task.classes).toBeGreaterThanOrEqual(2);
      for (const r of Object.values(task.results)) {
        for (const run of r.runs) {
          expect(fraction(run.overall) && fraction(run.meanSlice) && fraction(run.worstSlice)).toBe(true);
          expect(run.worstSlice).toBeLessThanOrEqual(run.meanSlice + 1e-12);
          expect(run.seconds).toBeGreaterThan(0);
        }
        const plain = r.summary.plain!;
        expect(plain.delta.meanSlice.mean).toBe(0);
        for (const s of Object.values(r.summary)) {
          expect(s.overall.n).toBe(results.config.seeds.length);
          expect(Number.isFinite(s.overall.std) && Number.isFinite(s.meanSlice.std)).toBe(true);
          expect(Object.keys(s.slices)).toEqual(task.slices.map((x) => x.name));
        }
      }
    }
    expect(TASKS.some((t) => results.tasks.find((r) => r.name === t.name)!.classes >= 3)).toBe(true);
  });

  it('writes results.json, summary.md and one SVG per task', () => {
    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as BenchResults;
    expect(json.version).toBe(1);
    expect(json.config.quick).toBe(true);
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    for (const t of results.tasks) {
      expect(md).toContain(`## ${t.name}`);
      const svg = readFileSync(join(out, `tradeoff-${t.name}.svg`), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg.match(/<polyline/g)).toHaveLength(4); // 2 methods x 2 noise panels
      expect(svg).not.toContain('NaN');
    }
    expect(existsSync(join(out, 'tradeoff-nope.svg'))).toBe(false);
  });
});

describe('flags and curve helpers', () => {
  it('parses flags', () => {
    const { options, out } = parseArgs(['--seeds', '2', '--tasks', 'circles2d', '--noise', 'noisy', '--no-sweep', '--out', '/tmp/x']);
    expect(options).toMatchObject({ seeds: 2, tasks: ['circles2d'], noise: ['noisy'], sweep: false, rows: 20000, epochs: 30, quick: false });
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
