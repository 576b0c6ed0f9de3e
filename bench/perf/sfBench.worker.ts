/**
 * Worker side of the SF-application benchmark (Node worker_threads here; bench/perf/browser has the
 * browser's). Keeps the table it is sent, then times the real applier (compileSfs, loadSfs, applySfs)
 * and the hand-written loop over the same columns on request.
 */
import { parentPort } from 'node:worker_threads';
import { applySfs } from '../../src/core/slicing/apply.ts';
import { compileSfs, loadSfs } from '../../src/core/slicing/compile.ts';
import type { Table } from '../../src/core/table.ts';
import { columnsOf, handLoop } from './spam.ts';

export type SfBenchRequest = { type: 'table'; table: Table } | { type: 'apply'; source: string } | { type: 'hand' };
export type SfBenchResponse =
  | { type: 'ready' }
  | { type: 'applied'; compileMs: number; applyMs: number; counts: number[]; millis: number[] }
  | { type: 'hand'; ms: number; counts: number[] }
  | { type: 'error'; message: string };

let table: Table | null = null;

function handle(request: SfBenchRequest): SfBenchResponse {
  if (request.type === 'table') {
    table = request.table;
    return { type: 'ready' };
  }
  if (!table) return { type: 'error', message: 'no table' };
  if (request.type === 'hand') {
    const t0 = performance.now();
    const counts = handLoop(columnsOf(table));
    return { type: 'hand', ms: performance.now() - t0, counts };
  }
  const t0 = performance.now();
  const compiled = compileSfs(request.source);
  if (!compiled.ok) return { type: 'error', message: compiled.errors.map((e) => e.message).join('; ') };
  const loaded = loadSfs(compiled);
  if (!loaded.ok) return { type: 'error', message: loaded.errors.map((e) => e.message).join('; ') };
  const t1 = performance.now();
  const result = applySfs(table, loaded.sfs);
  const t2 = performance.now();
  if (!result.ok) return { type: 'error', message: result.errors.map((e) => e.message).join('; ') };
  return {
    type: 'applied',
    compileMs: t1 - t0,
    applyMs: t2 - t1,
    counts: result.slices.map((s) => s.count),
    millis: result.slices.map((s) => s.millis),
  };
}

parentPort!.on('message', (request: SfBenchRequest) => parentPort!.postMessage(handle(request)));
