/**
 * Main-thread handle on the training worker (src/workers/train.worker.ts). No React, no store.
 * The worker is created on first use, or ahead of it by warmUp(), and reused (its tfjs backend stays
 * initialised).
 * Runs are started with trainTable() on the table given by setTable() or staged from the data
 * worker; the worker featurises it. exportModel() fetches one of the last finished run's models in
 * the servable format (src/core/export/format.ts), with the run's fitted featurisation bundled.
 */
import type { ExportedModel } from '../core/export/format.ts';
import type { ModelKind, TrainSettings } from '../core/train/types.ts';
import type { BackendChoice, TrainRequest, TrainResponse } from '../protocol/train.ts';
import type { Table } from '../core/table.ts';
import type { TableDelivery } from '../protocol/data.ts';
import type { DataConfig } from '../core/prepare.ts';

/** What TrainClient needs of a Worker (injectable, so tests can wire a fake to the real session). */
export interface TrainWorkerLike {
  postMessage(message: TrainRequest | TableDelivery, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<TrainResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export type TrainWorkerFactory = () => TrainWorkerLike;

function createTrainWorker(): TrainWorkerLike {
  return new Worker(new URL('../workers/train.worker.ts', import.meta.url), { type: 'module' });
}

/** warmUp() creates the worker by then even if the page never goes idle (ms). */
const WARM_UP_TIMEOUT_MS = 3000;

/** The answer to predict(): class indices [rows] into `classes`, per model. */
export interface Predicted {
  classes: string[];
  predictions: Partial<Record<ModelKind, Int32Array>>;
}

export class TrainClient {
  private worker: TrainWorkerLike | null = null;
  /** A warmUp() is waiting for an idle moment. */
  private warming = false;
  private table: Table | null = null;
  /** The load whose table was last staged, and on which worker. */
  private staged: { id: number; worker: TrainWorkerLike } | null = null;
  private nextId = 1;
  private currentId = 0;
  private onMessage: ((message: TrainResponse) => void) | null = null;
  /** Export requests awaiting their answer, by request id. */
  private exports = new Map<number, { resolve(model: ExportedModel): void; reject(error: Error): void }>();
  /** Predict requests awaiting their answer, by request id. */
  private predicts = new Map<number, { resolve(answer: Predicted): void; reject(error: Error): void }>();

  private readonly createWorker: TrainWorkerFactory;

  /** createWorker is injectable so the protocol handling can be tested against the real session in Node. */
  constructor(createWorker: TrainWorkerFactory = createTrainWorker) {
    this.createWorker = createWorker;
  }

  /**
   * Creates the worker (and hands it the table) when the page is next idle, if nothing has made it by
   * then: creating a worker and cloning the table into it cost 20-40 ms of main thread here, which
   * otherwise lands in the Train click's task. Idempotent; training works the same without it.
   */
  warmUp(): void {
    if (this.worker || this.warming) return;
    this.warming = true;
    const run = () => {
      this.warming = false;
      this.ensureWorker();
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: WARM_UP_TIMEOUT_MS });
    else setTimeout(run, 0);
  }

  private ensureWorker(): TrainWorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event: MessageEvent<TrainResponse>) => {
      const message = event.data;
      const asked = this.predicts.get(message.id);
      if (asked) {
        this.predicts.delete(message.id);
        if (message.type === 'predicted') asked.resolve({ classes: message.classes, predictions: message.predictions });
        else asked.reject(new Error(message.type === 'error' ? message.message : `unexpected answer '${message.type}' to a prediction`));
        return;
      }
      const pending = this.exports.get(message.id);
      if (pending) {
        this.exports.delete(message.id);
        if (message.type === 'exported') pending.resolve({ modelJson: message.modelJson, weights: message.weights });
        else pending.reject(new Error(message.type === 'error' ? message.message : `unexpected answer '${message.type}' to an export`));
        return;
      }
      // Only the current run's messages reach the caller; a superseded run's late ones are dropped.
      if (message.id === this.currentId) this.onMessage?.(message);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      const message = `training worker failed: ${event.message || 'could not load'}`;
      this.onMessage?.({ type: 'error', id: this.currentId, message });
      this.rejectExports(message);
      this.dispose();
    };
    this.worker = worker;
    if (this.table) worker.postMessage({ type: 'setTable', table: this.table });
    return worker;
  }

  /**
   * Gives the worker the project's table (kept there for trainTable runs; re-sent if the worker is
   * restarted). Structured clone: the page keeps its own copy for the views.
   */
  setTable(table: Table): void {
    this.table = table;
    this.worker?.postMessage({ type: 'setTable', table });
  }

  /**
   * A port for the data worker to send load `id`'s table down, straight into this worker (staged
   * there until useStagedTable(id); see src/workers/tableInbox.ts).
   */
  stageTable(id: number): MessagePort {
    const channel = new MessageChannel();
    const worker = this.ensureWorker();
    worker.postMessage({ type: 'tablePort', id, port: channel.port2 }, [channel.port2]);
    this.staged = { id, worker };
    return channel.port1;
  }

  /**
   * The page kept load `id`: the worker switches to its staged copy. If the worker was replaced
   * since staging (the staged copy died with it), the page's `table` is sent instead.
   */
  useStagedTable(id: number, table: Table): void {
    const staged = this.staged;
    this.staged = null;
    if (staged?.id !== id || staged.worker !== this.worker) {
      this.setTable(table);
      return;
    }
    this.table = table;
    staged.worker.postMessage({ type: 'useTable', id });
  }

  /**
   * Starts a run on the table given to setTable (stopping any current run); returns its id. The
   * worker featurises the table itself and answers 'prepared' first; 'done' carries predictions.
   */
  trainTable(
    config: DataConfig,
    slices: { name: string; mask: Uint8Array }[],
    settings: TrainSettings,
    backend: BackendChoice,
    onMessage: (message: TrainResponse) => void,
  ): number {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    this.currentId = id;
    this.onMessage = onMessage;
    const request: TrainRequest = {
      type: 'trainTable',
      id,
      config: { ...config, features: [...config.features] },
      slices: slices.map((s) => ({ name: s.name, mask: s.mask })),
      settings: { ...settings, models: [...settings.models] },
      backend,
    };
    worker.postMessage(request);
    return id;
  }

  /**
   * One of the last finished run's models as the two files of the servable format: model.json's
   * text and weights.bin's bytes (the buffer is transferred from the worker, not copied). Rejects
   * with a message for people when nothing was trained, training is running, that model was not
   * trained or diverged, or the run had no meta.
   */
  exportModel(kind: ModelKind): Promise<ExportedModel> {
    if (!this.worker) return Promise.reject(new Error('there is no trained model to export: train first'));
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise<ExportedModel>((resolve, reject) => {
      this.exports.set(id, { resolve, reject });
      const request: TrainRequest = { type: 'export', id, model: kind };
      worker.postMessage(request);
    });
  }

  /**
   * The last finished run's models predict every row of `table` (new data with the same
   * columns): class indices into `classes`, per model; with `model` (an export's two files), that model
   * instead. Rejects with a message for people (nothing trained, training running, columns missing).
   */
  predict(table: Table, model?: ExportedModel): Promise<Predicted> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<Predicted>((resolve, reject) => {
      this.predicts.set(id, { resolve, reject });
      worker.postMessage({ type: 'predict', id, table, ...(model ? { model } : {}) });
    });
  }

  /** Asks the current run to stop after its current batch; it then reports 'done' with stopped: true. */
  stop(): void {
    if (!this.worker || this.currentId === 0) return;
    const request: TrainRequest = { type: 'stop', id: this.currentId };
    this.worker.postMessage(request);
  }

  /** Terminates the worker (and its trained models); the next train() starts a fresh one. */
  dispose(): void {
    this.rejectExports('the training worker was stopped');
    this.worker?.terminate();
    this.worker = null;
  }

  private rejectExports(message: string): void {
    for (const pending of this.exports.values()) pending.reject(new Error(message));
    this.exports.clear();
    for (const pending of this.predicts.values()) pending.reject(new Error(message));
    this.predicts.clear();
  }
}
