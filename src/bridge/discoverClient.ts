/**
 * The page's handle on the discovery worker (src/workers/discover.worker.ts). No React, no store.
 *
 * The worker starts on the first discover() and then lives on, holding the table: it gets the
 * page's table once at start (one structured clone on the page), and from then on each loaded
 * file's table comes straight from the data worker (stageTable / useStagedTable), as for the SF
 * and training workers. cancel() terminates it (the search is one tight loop); the next discover()
 * starts a fresh one. One search at a time: a new discover() cancels the one in flight.
 */
import { JobWorker } from './jobWorker.ts';
import type { Table } from '../core/table.ts';
import type { DiscoveryProgress, DiscoveryResult } from '../core/discovery/types.ts';
import type { DiscoverRequest, DiscoverResponse } from '../protocol/discover.ts';
import type { TableDelivery } from '../protocol/data.ts';

export interface DiscoverWorkerLike {
  postMessage(message: DiscoverRequest | TableDelivery, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<DiscoverResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export type DiscoverWorkerFactory = () => DiscoverWorkerLike;

/** A discover() that was cancelled or superseded rejects with this. */
export class DiscoverCancelled extends Error {
  constructor() {
    super('slice discovery was cancelled');
    this.name = 'DiscoverCancelled';
  }
}

export type DiscoverJob = Omit<Extract<DiscoverRequest, { type: 'discover' }>, 'type' | 'id'>;

const createDiscoverWorker: DiscoverWorkerFactory = () =>
  new Worker(new URL('../workers/discover.worker.ts', import.meta.url), { type: 'module', name: 'slicewise-discover' });

interface Pending {
  id: number;
  resolve(result: DiscoveryResult): void;
  reject(error: Error): void;
  onProgress: ((p: DiscoveryProgress) => void) | undefined;
}

export class DiscoverClient {
  private table: Table | null = null;
  private staged: { id: number; worker: DiscoverWorkerLike } | null = null;
  private pending: Pending | null = null;
  private nextId = 1;
  private readonly worker: JobWorker<DiscoverWorkerLike, DiscoverResponse>;

  constructor(createWorker: DiscoverWorkerFactory = createDiscoverWorker) {
    this.worker = new JobWorker(createWorker, {
      onMessage: (message) => this.onMessage(message),
      onCrash: (detail) => this.fail(new Error(`The slice search crashed${detail}. Try again.`)),
      // A fresh worker gets the project's table before its first search.
      onSpawn: (worker) => {
        if (this.table) worker.postMessage({ type: 'setTable', table: this.table });
      },
      onDrop: () => (this.staged = null),
    });
  }

  get busy(): boolean {
    return this.pending !== null;
  }

  /** The project's table (kept for a worker started later; sent now to a running one). */
  setTable(table: Table): void {
    this.cancel();
    this.table = table;
    this.worker.current?.postMessage({ type: 'setTable', table });
  }

  /** Ports for the data worker to send load `id`'s table down: none while no worker runs. */
  stageTable(id: number): MessagePort[] {
    const worker = this.worker.current;
    if (worker === null) return [];
    const channel = new MessageChannel();
    worker.postMessage({ type: 'tablePort', id, port: channel.port2 }, [channel.port2]);
    this.staged = { id, worker };
    return [channel.port1];
  }

  /** The page kept load `id`: the worker uses its staged copy, or gets `table` if it has none. */
  useStagedTable(id: number, table: Table): void {
    const staged = this.staged;
    this.staged = null;
    if (staged?.id !== id || staged.worker !== this.worker.current || this.pending !== null) {
      this.setTable(table);
      return;
    }
    this.table = table;
    staged.worker.postMessage({ type: 'useTable', id });
  }

  discover(job: DiscoverJob, onProgress?: (p: DiscoveryProgress) => void): Promise<DiscoveryResult> {
    this.cancel();
    const worker = this.worker.ensure();
    const id = this.nextId++;
    return new Promise<DiscoveryResult>((resolve, reject) => {
      this.pending = { id, resolve, reject, onProgress };
      const request: DiscoverRequest = { type: 'discover', id, ...job };
      // The predictions' buffer is copied, not transferred: the page keeps its run's predictions.
      worker.postMessage(request);
    });
  }

  /** Stops the search in flight, if any (terminating the worker): its promise rejects with DiscoverCancelled. */
  cancel(): void {
    if (this.pending === null) return;
    this.worker.drop();
    this.fail(new DiscoverCancelled());
  }

  /** Ends the pending search, if any, with `error`. */
  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }

  private onMessage(message: DiscoverResponse): void {
    const pending = this.pending;
    if (pending === null || message.id !== pending.id) return;
    switch (message.type) {
      case 'progress':
        pending.onProgress?.(message.progress);
        return;
      case 'done':
        this.pending = null;
        pending.resolve(message.result);
        return;
      case 'failed':
        this.pending = null;
        pending.reject(new Error(message.message));
        return;
    }
  }
}
