/**
 * The page's handle on the data worker (src/workers/data.worker.ts). Plain class: no React, no store.
 *
 * load(file, name, options) reads one file in the worker and resolves with its Table and column
 * summaries, or rejects with an Error whose message names the problem (and where). `stage(id)` may
 * return MessagePorts: the worker sends a copy of the table down each (for the other workers), so
 * the page's thread never copies a large table. The page's own copy arrives packed and is unpacked
 * in slices, yielding to the event loop between them. One load at a
 * time: a new load or cancel() while one is in flight rejects it with a LoadCancelled error and
 * terminates the worker (parsing may be deep in a loop; terminating is the only sure stop). The next
 * load starts a fresh worker.
 */
import { JobWorker } from './jobWorker.ts';
import type { ColumnKind, Table } from '../core/table.ts';
import type { ColumnSummary } from '../core/data/summary.ts';
import type { DataRequest, DataResponse } from '../protocol/data.ts';
import { unpackTable } from '../core/tableTransfer.ts';

export interface DataWorkerLike {
  postMessage(message: DataRequest, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<DataResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export type DataWorkerFactory = () => DataWorkerLike;

export interface LoadProgress {
  bytes: number;
  totalBytes: number;
  rows: number;
}

export interface LoadedData {
  /** The load's id: the one `stage` was called with. */
  id: number;
  table: Table;
  summaries: ColumnSummary[];
  millis: number;
}

export class LoadCancelled extends Error {
  constructor() {
    super('loading was cancelled');
    this.name = 'LoadCancelled';
  }
}

const createDataWorker: DataWorkerFactory = () =>
  new Worker(new URL('../workers/data.worker.ts', import.meta.url), { type: 'module', name: 'slicewise-data' });

interface Pending {
  id: number;
  resolve(data: LoadedData): void;
  reject(error: Error): void;
  onProgress: ((p: LoadProgress) => void) | undefined;
}

export class DataClient {
  private pending: Pending | null = null;
  private nextId = 1;
  private readonly worker: JobWorker<DataWorkerLike, DataResponse>;

  constructor(createWorker: DataWorkerFactory = createDataWorker) {
    this.worker = new JobWorker(createWorker, {
      onMessage: (message) => this.onMessage(message),
      onCrash: (detail) => this.fail(new Error(`The data reader crashed${detail}. Try again.`)),
    });
  }

  get busy(): boolean {
    return this.pending !== null;
  }

  load(
    file: Blob,
    name: string,
    options: { types?: Record<string, ColumnKind>; onProgress?(p: LoadProgress): void; stage?(id: number): MessagePort[] } = {},
  ): Promise<LoadedData> {
    this.cancel();
    const id = this.nextId++;
    const worker = this.worker.ensure();
    const ports = options.stage?.(id) ?? [];
    return new Promise<LoadedData>((resolve, reject) => {
      this.pending = { id, resolve, reject, onProgress: options.onProgress };
      const request: DataRequest = {
        type: 'load',
        id,
        file,
        name,
        ...(options.types ? { types: options.types } : {}),
        ...(ports.length ? { ports } : {}),
      };
      worker.postMessage(request, ports);
    });
  }

  /** Stops the load in flight, if any: its promise rejects with LoadCancelled. */
  cancel(): void {
    if (this.pending === null) return;
    this.worker.drop();
    this.fail(new LoadCancelled());
  }

  /** Ends the pending load, if any, with `error`. */
  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }

  private onMessage(message: DataResponse): void {
    const pending = this.pending;
    if (pending === null || message.id !== pending.id) return; // a cancelled load's late message
    switch (message.type) {
      case 'progress':
        pending.onProgress?.({ bytes: message.bytes, totalBytes: message.totalBytes, rows: message.rows });
        return;
      case 'loaded': {
        // Still pending while unpacking: a cancel() meanwhile wins (this result is then dropped).
        const { summaries, millis } = message;
        void unpackTable(message.table, yieldToEventLoop).then((table) => {
          if (this.pending !== pending) return;
          this.pending = null;
          pending.resolve({ id: pending.id, table, summaries, millis });
        });
        return;
      }
      case 'failed':
        this.pending = null;
        pending.reject(new Error(message.message));
        return;
    }
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
