/**
 * Short mode of the performance benchmark's browser parts (bench/perf/browserBench.ts), on the built
 * app: keeps `npm run bench` from rotting. It checks fields and relations that must hold (finite,
 * positive, the applier agrees with the hand loop, Monaco and tfjs stay out of first paint), never a
 * speed: speed is measured by `npm run bench`, not by tests.
 */
import { test, expect } from '@playwright/test';
import { appBigLoad, appLoad, appResponsiveness, browserSf, browserTraining, openBenchPage } from '../bench/perf/browserBench.ts';
import { ensureBigCsv } from '../bench/perf/bigCsv.ts';
import { REFERENCE_CONFIG } from '../bench/perf/trainBench.ts';

const base = `http://localhost:${process.env.SLICEWISE_PORT ?? 4173}`;
const dist = process.env.SLICEWISE_DIST ?? 'dist';
const positive = (x: number) => expect(Number.isFinite(x) && x > 0, `${x} should be finite and > 0`).toBe(true);

test('bench page: plain and slice-aware train on wasm and cpu in a worker and report their throughput', async ({ page }) => {
  await openBenchPage(page, base);
  const config = { ...REFERENCE_CONFIG, batch: 32 };
  for (const backend of ['wasm', 'cpu'] as const) {
    const reply = await browserTraining(page, backend, config, 2, 1);
    expect(reply.error).toBeUndefined();
    expect(reply.backend).toBe(backend);
    expect(reply.results.map((r) => r.model)).toEqual(['plain', 'sram']);
    for (const r of reply.results) {
      for (const x of [r.examplesPerSecond, r.msPerStep, r.seconds]) positive(x);
      expect(r.config).toEqual(config);
    }
    // Printed, not asserted: whether a WebGPU adapter exists depends on the machine.
    if (reply.adapter) console.log(`WebGPU adapter: ${JSON.stringify(reply.adapter)}`);
  }
});

test("bench page: the app's SF worker applies the 8 SFs with the same counts as the hand loop", async ({ page }) => {
  await openBenchPage(page, base);
  const m = await browserSf(page, 5000, 1);
  expect(m.counts).toHaveLength(8);
  expect(m.counts).toEqual(m.handCounts);
  for (const x of [m.applyMs, m.roundTripMs, m.handMs]) positive(x);
  expect(Number.isFinite(m.transferMs)).toBe(true); // a field, not a speed: the first round trip's extra, 0 when none
  expect(m.roundTripMs).toBeGreaterThanOrEqual(m.applyMs);
});

test('load: first paint needs only a small entry bundle, without Monaco or tfjs', async ({ page }) => {
  const load = await appLoad(page, base, dist);
  positive(load.firstContentfulPaintMs);
  expect(load.interactiveMs).toBeGreaterThanOrEqual(load.firstContentfulPaintMs);
  expect(load.firstPaintJs.length).toBeGreaterThan(0);
  for (const f of load.firstPaintJs) expect(f.gzipBytes).toBeLessThan(f.bytes);
  expect(load.interactiveJsGzipBytes).toBeGreaterThanOrEqual(load.firstPaintJsGzipBytes);
  expect(load.monacoInFirstPaint).toBe(false);
  expect(load.tfjsInFirstPaint).toBe(false);
});

test('responsiveness: a short training of the example project is watched to the end', async ({ page }) => {
  const r = await appResponsiveness(page, base, 2);
  expect(r.epochs).toBe(2);
  positive(r.trainingSeconds);
  positive(r.framesPerSecond);
  // The loss chart appears after the first epoch and changes with the second.
  expect(r.chartUpdates).toBeGreaterThanOrEqual(1);
  // The long-task recorder agrees with itself: a task counts as long from 50 ms.
  if (r.longTasks === 0) expect(r.longestTaskMs).toBeLessThan(50);
  else expect(r.longestTaskMs).toBeGreaterThanOrEqual(50);
});

test('big load: the app reads a generated CSV with progress and reports time, long tasks and memory', async ({ page }) => {
  const rows = 20_000;
  const m = await appBigLoad(page, base, ensureBigCsv(rows), rows);
  expect(m.rows).toBe(rows);
  positive(m.seconds);
  positive(m.bytes);
  positive(m.mbPerSecond);
  if (m.longTasks === 0) expect(m.longestTaskMs).toBeLessThan(50);
  else expect(m.longestTaskMs).toBeGreaterThanOrEqual(50);
});
