/**
 * SF application in a Node worker thread: the one-time cost of getting the table into the worker
 * (structured clone, post to ready), then the per-apply rate of the real applier and of the hand loop
 * over the same columns, in row·SF evaluations per second. Each is run `reps` times; the median counts.
 */
import { Worker } from 'node:worker_threads';
import type { SfBenchRequest, SfBenchResponse } from './sfBench.worker.ts';
import { SF_NAMES, SPAM_SF_SOURCE, spamColumns, spamTable } from './spam.ts';

export interface SfMeasure {
  where: string;
  rows: number;
  sfs: number;
  /** Posting the table to the worker until it answers: paid once per dataset. */
  transferMs: number;
  /** Compiling and loading the SF source (sucrase + new Function), per apply. */
  compileMs: number;
  applyMs: number;
  handMs: number;
  /** row·SF evaluations per second. */
  applierRate: number;
  handRate: number;
  /** applierRate / handRate. */
  applierShareOfHand: number;
  /** Applier milliseconds per SF (median run): where the time goes. */
  perSfMs: Record<string, number>;
  /** In-slice rows per SF (applier and hand loop agree, or the run fails). */
  counts: Record<string, number>;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function ask(worker: Worker, request: SfBenchRequest): Promise<SfBenchResponse> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: SfBenchResponse) => {
      worker.off('error', reject);
      if (message.type === 'error') reject(new Error(`SF bench worker: ${message.message}`));
      else resolve(message);
    };
    worker.once('message', onMessage);
    worker.once('error', reject);
    worker.postMessage(request);
  });
}

export async function runSfBench(rows: number, reps: number): Promise<SfMeasure> {
  const table = spamTable(spamColumns(rows));
  const worker = new Worker(new URL('./sfBench.boot.mjs', import.meta.url));
  try {
    await ask(worker, { type: 'hand' }).catch(() => undefined); // boot (tsx, imports) outside the timing: answers 'no table'
    const t0 = performance.now();
    await ask(worker, { type: 'table', table });
    const transferMs = performance.now() - t0;
    const applied: { compileMs: number; applyMs: number; millis: number[] }[] = [];
    const hand: number[] = [];
    let counts: number[] = [];
    for (let r = 0; r < reps; r++) {
      const a = await ask(worker, { type: 'apply', source: SPAM_SF_SOURCE });
      const h = await ask(worker, { type: 'hand' });
      if (a.type !== 'applied' || h.type !== 'hand') throw new Error('SF bench worker: unexpected answer');
      if (a.counts.join() !== h.counts.join()) throw new Error(`applier and hand loop disagree: ${a.counts.join()} vs ${h.counts.join()}`);
      applied.push(a);
      hand.push(h.ms);
      counts = a.counts;
    }
    const applyMs = median(applied.map((a) => a.applyMs));
    const typical = applied.find((a) => a.applyMs === applyMs)!;
    const handMs = median(hand);
    const evaluations = rows * SF_NAMES.length;
    return {
      where: 'node worker_threads',
      rows,
      sfs: SF_NAMES.length,
      transferMs,
      compileMs: median(applied.map((a) => a.compileMs)),
      applyMs,
      handMs,
      applierRate: evaluations / (applyMs / 1000),
      handRate: evaluations / (handMs / 1000),
      applierShareOfHand: handMs / applyMs,
      perSfMs: Object.fromEntries(SF_NAMES.map((name, i) => [name, typical.millis[i]!])),
      counts: Object.fromEntries(SF_NAMES.map((name, i) => [name, counts[i]!])),
    };
  } finally {
    await worker.terminate();
  }
}
