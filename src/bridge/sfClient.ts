/**
 * The one SF supervisor: the caller's handle on an SF worker — the app's Web Worker
 * (src/workers/sf.worker.ts, created by browserWorkers.ts) or the CLI's worker thread (src/cli/sfRunner.ts).
 * Plain class: no React, no zustand, no DOM or Node API (the worker comes from the factory), so the
 * app and the CLI share one policy: a hung SF is stopped, skipped and named, and the others still report.
 *
 * - setTable(table): sent once, kept in the worker, re-sent after every restart.
 * - apply(source): runs the SF source in the worker. Never rejects. A per-SF timeout (reset on each
 *   'started') terminates a hung worker and starts a fresh one (re-sending the table). If an SF hung,
 *   its cache key is remembered and the same apply is sent again with that key skipped, so the other
 *   SFs' results and errors still arrive, next to a 'timeout' error naming the hung SF (at its line).
 *   Later applies skip it too until its code (its key) changes or the table does. The clock starts
 *   at apply(), so slow top-level code in the SF file (run before any SF) is covered too: that
 *   resolves with a file-level 'timeout' error. Until the worker acknowledges the apply (it may be
 *   booting), the clock allows WORKER_START_MS instead.
 * - Superseding: a new apply(), setTable(), cancel() or an aborted signal while an apply is in flight
 *   resolves that apply with { ok: false, cancelled: true, errors: [] } and restarts the worker (the
 *   old run may be stuck in user code, and its results would be stale anyway). Callers should ignore
 *   cancelled results.
 */
import type { SfError, SliceResult } from '../core/slicing/types.ts';
import type { Table } from '../core/table.ts';
import type { SfRequest, SfResponse } from '../protocol/sf.ts';
import type { TableDelivery } from '../protocol/data.ts';

/** What SfClient needs of a worker; a browser Worker fits, the CLI adapts a worker thread, tests pass a fake. */
export interface SfWorkerLike {
  postMessage(message: SfRequest | TableDelivery, transfer?: Transferable[]): void;
  terminate(): void;
  // Handlers as method types (bivariant), so a browser Worker, whose handlers take the DOM's
  // MessageEvent / ErrorEvent, fits as it is.
  onmessage: { handle(event: { data: SfResponse }): void }['handle'] | null;
  onerror: { handle(event: WorkerCrash): void }['handle'] | null;
}

/** What SfClient reads of a worker's error event. */
export interface WorkerCrash {
  message?: string;
  preventDefault?(): void;
}

export type SfWorkerFactory = () => SfWorkerLike;

/** overlap[i][j] = rows in slices i and j, parallel to slices (computed in the worker). */
export type SfApplyResult =
  | { ok: true; slices: SliceResult[]; overlap: number[][] }
  | { ok: false; errors: SfError[]; slices?: SliceResult[]; overlap?: number[][]; cancelled?: true };

export interface SfApplyOptions {
  /** Longest any one SF (or the file's top-level code) may run, in ms. Default 5000. */
  timeoutMs?: number;
  /** Aborting cancels the apply (see "Superseding" above). */
  signal?: AbortSignal;
  /** Called as each SF starts running (for a "running: name" indicator). */
  onStart?(sf: string): void;
}

export const DEFAULT_SF_TIMEOUT_MS = 5000;

/**
 * How long a (re)started worker may take to boot and take the table before it acknowledges an apply
 * ('started' with phase 'load'); only then does the per-SF clock start. Generous: on a loaded
 * machine a fresh module worker can take seconds, and that is no fault of the SF code.
 */
export const WORKER_START_MS = 30_000;

interface Pending {
  id: number;
  source: string;
  resolve: (result: SfApplyResult) => void;
  timeoutMs: number;
  /** The SF running now, from the last 'started'; null while the file loads. */
  sf: string | null;
  /** Its cache key, from the same 'started'. */
  key: string | null;
  onStart: ((sf: string) => void) | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  detachSignal: () => void;
}

export class SfClient {
  private worker: SfWorkerLike;
  private table: Table | null = null;
  /** The load whose table was last staged, and on which worker. */
  private staged: { id: number; worker: SfWorkerLike } | null = null;
  private pending: Pending | null = null;
  private nextId = 1;
  private disposed = false;
  /** Cache keys of SFs that hung on this table: skipped by the worker until their code changes. */
  private hung = new Set<string>();
  private readonly createWorker: SfWorkerFactory;
  private readonly startMs: number;

  /**
   * createWorker: a fresh worker (a restart calls it again). startMs: how long a (re)started worker
   * may take to acknowledge an apply (default WORKER_START_MS; the CLI's tsx thread needs longer).
   */
  constructor(createWorker: SfWorkerFactory, options: { startMs?: number } = {}) {
    this.createWorker = createWorker;
    this.startMs = options.startMs ?? WORKER_START_MS;
    this.worker = this.spawn();
  }

  /** Sends the table to the worker (structured clone; the page keeps its copy to re-send after restarts). */
  setTable(table: Table): void {
    this.table = table;
    this.hung.clear();
    if (this.pending !== null)
      this.cancel(); // restarts the worker, which re-sends the new table
    else this.worker.postMessage({ type: 'setTable', table });
  }

  /**
   * A port for the data worker to send load `id`'s table down, straight into the SF worker (staged
   * there until useStagedTable; see src/workers/tableInbox.ts): the page's thread never copies it.
   */
  stageTable(id: number): MessagePort {
    const channel = new MessageChannel();
    this.worker.postMessage({ type: 'tablePort', id, port: channel.port2 }, [channel.port2]);
    this.staged = { id, worker: this.worker };
    return channel.port1;
  }

  /**
   * The page kept load `id`: the worker switches to its staged copy. If the worker was restarted
   * since staging (the staged copy died with it), the page's `table` is sent instead.
   */
  useStagedTable(id: number, table: Table): void {
    const staged = this.staged;
    this.staged = null;
    if (staged?.id !== id || staged.worker !== this.worker || this.pending !== null) {
      this.setTable(table);
      return;
    }
    this.table = table;
    this.hung.clear();
    this.worker.postMessage({ type: 'useTable', id });
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
      this.pending = {
        id,
        source,
        resolve,
        timeoutMs,
        sf: null,
        key: null,
        onStart,
        timer: undefined,
        detachSignal: () => signal?.removeEventListener('abort', onAbort),
      };
      this.post(this.pending);
    });
  }

  private post(pending: Pending): void {
    pending.sf = null;
    pending.key = null;
    this.armTimer(Math.max(pending.timeoutMs, this.startMs));
    this.worker.postMessage({ type: 'apply', id: pending.id, source: pending.source, skip: [...this.hung], timeoutMs: pending.timeoutMs });
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
        if (message.phase === 'load') {
          this.armTimer(); // the file's top-level code runs now
          return;
        }
        pending.sf = message.sf;
        pending.key = message.key ?? null;
        this.armTimer();
        pending.onStart?.(message.sf);
        return;
      case 'done':
        this.finish({ ok: true, slices: message.slices, overlap: message.overlap ?? [] });
        return;
      case 'failed':
        this.finish({
          ok: false,
          errors: message.errors,
          ...(message.slices === undefined ? {} : { slices: message.slices }),
          ...(message.overlap === undefined ? {} : { overlap: message.overlap }),
        });
        return;
    }
  }

  /** The worker script failed to load or threw outside the handler: report it and start afresh. */
  private onCrash(worker: SfWorkerLike, event: WorkerCrash): void {
    if (worker !== this.worker) return;
    event.preventDefault?.();
    if (this.pending !== null) {
      const detail = event.message ? `: ${event.message}` : '';
      this.finish(failure({ kind: 'runtime', message: `The SF worker crashed${detail}. It was restarted; apply again.` }));
    }
    this.restart();
  }

  private armTimer(ms?: number): void {
    const pending = this.pending;
    if (pending === null) return;
    clearTimeout(pending.timer);
    pending.timer = setTimeout(() => this.onTimeout(pending), ms ?? pending.timeoutMs);
  }

  private onTimeout(pending: Pending): void {
    if (this.pending !== pending) return;
    if (pending.key !== null && !this.hung.has(pending.key)) {
      // An SF hung: run the file again on a fresh worker without it, so the others still report.
      this.hung.add(pending.key);
      this.restart();
      this.post(pending);
      return;
    }
    const seconds = `${Number((pending.timeoutMs / 1000).toFixed(3))} s`;
    const error: SfError =
      pending.sf === null
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
