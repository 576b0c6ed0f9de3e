/**
 * The browser benchmark page (bench/perf/browser/index.html, built with the app). Playwright calls
 * globalThis.slicewiseBench.train / .sf and reads the results (bench/perf/browserBench.ts).
 * Typed against the WebWorker lib (no DOM needed here), see tsconfig.worker.json.
 */
import type { SfResponse } from '../../../src/protocol/sf.ts';
import type { SliceResult } from '../../../src/core/slicing/types.ts';
import { SF_NAMES, SPAM_SF_SOURCE, spamColumns, spamTable } from '../spam.ts';
import type { BrowserSfMeasure, HandReply, TrainReply, TrainRequest } from './protocol.ts';

function once<T>(worker: Worker, accept: (data: unknown) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (event: MessageEvent) => {
      const value = accept(event.data);
      if (value === undefined) return;
      worker.removeEventListener('message', onMessage);
      resolve(value);
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', (event) => reject(new Error(`worker error: ${event.message}`)), { once: true });
  });
}

async function train(request: TrainRequest): Promise<TrainReply> {
  const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' });
  try {
    const reply = once(worker, (data) => data as TrainReply);
    worker.postMessage(request);
    return await reply;
  } finally {
    worker.terminate();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function sf(rows: number, reps: number): Promise<BrowserSfMeasure> {
  const table = spamTable(spamColumns(rows));
  // The app's own SF worker, as src/store/sfClient.ts starts it.
  const worker = new Worker(new URL('../../../src/workers/sf.worker.ts', import.meta.url), { type: 'module', name: 'slicewise-sf' });
  const hand = new Worker(new URL('./hand.worker.ts', import.meta.url), { type: 'module' });
  let id = 0;
  const apply = async (source: string) => {
    const current = ++id;
    const done = once(worker, (data) => {
      const message = data as SfResponse;
      if (message.id !== current || message.type === 'started') return undefined;
      return message;
    });
    const t0 = performance.now();
    worker.postMessage({ type: 'apply', id: current, source });
    const message = await done;
    if (message.type === 'failed') throw new Error(`SF worker: ${message.errors.map((e) => e.message).join('; ')}`);
    return { ms: performance.now() - t0, slices: message.slices as SliceResult[] };
  };
  try {
    const trivial = 'export const nothing = (row: Row) => false;';
    const t0 = performance.now();
    worker.postMessage({ type: 'setTable', table });
    await apply(trivial);
    const first = performance.now() - t0;
    const again = await apply(trivial);
    const runs: { ms: number; applyMs: number; counts: number[] }[] = [];
    const handRuns: HandReply[] = [];
    for (let r = 0; r < reps; r++) {
      const result = await apply(SPAM_SF_SOURCE);
      runs.push({ ms: result.ms, applyMs: result.slices.reduce((s, x) => s + x.millis, 0), counts: result.slices.map((s) => s.count) });
      const handReply = once(hand, (data) => data as HandReply);
      hand.postMessage(r === 0 ? table : null);
      handRuns.push(await handReply);
    }
    return {
      rows,
      transferMs: Math.max(0, first - again.ms),
      applyMs: median(runs.map((r) => r.applyMs)),
      roundTripMs: median(runs.map((r) => r.ms)),
      handMs: median(handRuns.map((h) => h.ms)),
      counts: runs[0]!.counts,
      handCounts: handRuns[0]!.counts,
    };
  } finally {
    worker.terminate();
    hand.terminate();
  }
}

(globalThis as unknown as { slicewiseBench: unknown }).slicewiseBench = { train, sf, sfNames: SF_NAMES };
