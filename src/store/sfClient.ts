/**
 * The page's handle on the SF worker (src/workers/sf.worker.ts). Plain class: no React, no zustand;
 * the store wraps it.
 *
 * - setTable(table): sent once, kept in the worker, re-sent after every restart.
 * - apply(source): runs the SF source in the worker. Never rejects. A per-SF timeout (reset on each
 *   'started') terminates a hung worker, starts a fresh one, re-sends the table and resolves with a
 *   'timeout' error naming the SF. The clock starts at apply(), so slow top-level code in the SF
 *   file (run before any SF) is covered too.
 * - Superseding: a new apply(), setTable(), cancel() or an aborted signal while an apply is in flight
 *   resolves that apply with { ok: false, cancelled: true, errors: [] } and restarts the worker (the
 *   old run may be stuck in user code, and its results would be stale anyway). Callers should ignore
 *   cancelled results.
 */
import type { SfError, SliceResult } from '../core/slicing/types.ts';
import type { Table } from '../core/table.ts';
import type { SfRequest, SfResponse } from '../protocol/sf.ts';

/** What SfClient needs of a Worker; a real Worker fits, and tests pass a fake. */
export interface SfWorkerLike {
  postMessage(message: SfRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<SfResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export type SfWorkerFactory = () => SfWorkerLike;

export type SfApplyResult =
  | { ok: true; slices: SliceResult[] }
  | { ok: false; errors: SfError[]; cancelled?: true };

export interface SfApplyOptions {
  /** Longest any one SF (or the file's top-level code) may run, in ms. Default 5000. */
  timeoutMs?: number;
  /** Aborting cancels the apply (see "Superseding" above). */
  signal?: AbortSignal;
  /** Called as each SF starts running (for a "running: name" indicator). */
  onStart?(sf: string): void;
}

export const DEFAULT_SF_TIMEOUT_MS = 5000;

export const createSfWorker: SfWorkerFactory = () =>
  new Worker(new URL('../workers/sf.worker.ts', import.meta.url), { type: 'module', name: 'slicewise-sf' });

interface Pending {
  id: number;
  resolve: (result: SfApplyResult) => void;
  timeoutMs: number;
  /** The SF running now, from the last 'started'; null while the file loads. */
  sf: string | null;
  onStart: ((sf: string) => void) | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  detachSignal: () => void;
}

export class SfClient {
  private worker: SfWorkerLike;
  private table: Table | null = null;
  private pending: Pending | null = null;
  private nextId = 1;
  private disposed = false;
  private readonly createWorker: SfWorkerFactory;

  /** createWorker is injectable so the timeout and restart logic can be tested with a fake worker. */
  constructor(createWorker: SfWorkerFactory = createSfWorker) {
    this.createWorker = createWorker;
    this.worker = this.spawn();
  }

  /** Sends the table to the worker (structured clone; the page keeps its copy to re-send after restarts). */
  setTable(table: Table): void {
    this.table = table;
    if (this.pending !== null) this.cancel(); // restarts the worker, which re-sends the new table
    else this.worker.postMessage({ type: 'setTable', table });
  }

  apply(source: string, options: SfApplyOptions = {}): Promise<SfApplyResult> {
    const { timeoutMs = DEFAULT_SF_TIMEOUT_MS, signal, onStart } = options;
    if (this.disposed) return Promise.resolve(failure({ kind: 'runtime', message: 'The SF client was disposed.' }));
    if (signal?.aborted) return Promise.resolve(cancelled());
    if (this.pending !== null) this.cancel();
    const id = this.nextId++;
    return new Promise<SfApplyResult>((resolve) => {
      const onAbort = (): void => {
        if (this.pending?.id === id) this.cancel();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending = { id, resolve, timeoutMs, sf: null, onStart, timer: undefined, detachSignal: () => signal?.removeEventListener('abort', onAbort) };
      this.armTimer();
      this.worker.postMessage({ type: 'apply', id, source });
    });
  }

  /** Cancels the apply in flight, if any (resolved as cancelled), and restarts the worker. */
  cancel(): void {
    if (this.pending === null) return;
    this.finish(cancelled());
    this.restart();
  }

  /** Terminates the worker; later applies resolve with an error. */
  dispose(): void {
    if (this.pending !== null) this.finish(cancelled());
    this.disposed = true;
    this.detach(this.worker);
  }

  private spawn(): SfWorkerLike {
    const worker = this.createWorker();
    worker.onmessage = (event) => this.onMessage(worker, event.data);
    worker.onerror = (event) => this.onCrash(worker, event);
    if (this.table !== null) worker.postMessage({ type: 'setTable', table: this.table });
    return worker;
  }

  private restart(): void {
    this.detach(this.worker);
    this.worker = this.spawn();
  }

  private detach(worker: SfWorkerLike): void {
    worker.onmessage = null;
    worker.onerror = null;
    worker.terminate();
  }

  private onMessage(worker: SfWorkerLike, message: SfResponse): void {
    const pending = this.pending;
    if (worker !== this.worker || pending === null || message.id !== pending.id) return; // stale
    switch (message.type) {
      case 'started':
        pending.sf = message.sf;
        this.armTimer();
        pending.onStart?.(message.sf);
        return;
      case 'done':
        this.finish({ ok: true, slices: message.slices });
        return;
      case 'failed':
        this.finish({ ok: false, errors: message.errors });
        return;
    }
  }

  /** The worker script failed to load or threw outside the handler: report it and start afresh. */
  private onCrash(worker: SfWorkerLike, event: ErrorEvent): void {
    if (worker !== this.worker) return;
    event.preventDefault?.();
    if (this.pending !== null) {
      const detail = event.message ? `: ${event.message}` : '';
      this.finish(failure({ kind: 'runtime', message: `The SF worker crashed${detail}. It was restarted; apply again.` }));
    }
    this.restart();
  }

  private armTimer(): void {
    const pending = this.pending;
    if (pending === null) return;
    clearTimeout(pending.timer);
    pending.timer = setTimeout(() => this.onTimeout(pending), pending.timeoutMs);
  }

  private onTimeout(pending: Pending): void {
    if (this.pending !== pending) return;
    const seconds = `${Number((pending.timeoutMs / 1000).toFixed(3))} s`;
    const error: SfError = pending.sf === null
      ? { kind: 'timeout', message: `The SF file's top-level code did not finish within ${seconds} and was stopped.` }
      : { kind: 'timeout', sf: pending.sf, message: `SF "${pending.sf}" did not finish within ${seconds} and was stopped.` };
    this.restart();
    this.finish(failure(error));
  }

  private finish(result: SfApplyResult): void {
    const pending = this.pending;
    if (pending === null) return;
    this.pending = null;
    clearTimeout(pending.timer);
    pending.detachSignal();
    pending.resolve(result);
  }
}

function failure(error: SfError): SfApplyResult {
  return { ok: false, errors: [error] };
}

function cancelled(): SfApplyResult {
  return { ok: false, errors: [], cancelled: true };
}
