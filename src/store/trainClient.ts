/**
 * Main-thread handle on the training worker (src/workers/train.worker.ts). No React, no store.
 * The worker is created on first use and reused (its tfjs backend stays initialised).
 */
import type { TrainData, TrainSettings } from '../core/train/types.ts';
import type { BackendChoice, TrainRequest, TrainResponse } from '../protocol/train.ts';

/** Copies of the typed arrays (so transferring them leaves the caller's intact) and their buffers. */
function transferableCopy(data: TrainData): { data: TrainData; transfer: ArrayBuffer[] } {
  const copy: TrainData = {
    x: data.x.slice(),
    dim: data.dim,
    y: data.y.slice(),
    classes: [...data.classes],
    slices: data.slices.map((s) => ({ name: s.name, mask: s.mask.slice() })),
    trainIdx: data.trainIdx.slice(),
    validIdx: data.validIdx.slice(),
  };
  const arrays = [copy.x, copy.y, copy.trainIdx, copy.validIdx, ...copy.slices.map((s) => s.mask)];
  return { data: copy, transfer: arrays.map((a) => a.buffer as ArrayBuffer) };
}

export class TrainClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private currentId = 0;
  private onMessage: ((message: TrainResponse) => void) | null = null;

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../workers/train.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<TrainResponse>) => {
      // Only the current run's messages reach the caller; a superseded run's late ones are dropped.
      if (event.data.id === this.currentId) this.onMessage?.(event.data);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.onMessage?.({ type: 'error', id: this.currentId, message: `training worker failed: ${event.message || 'could not load'}` });
      this.dispose();
    };
    this.worker = worker;
    return worker;
  }

  /** Starts a run (stopping any current one); returns its id. Messages of this run go to onMessage. */
  train(data: TrainData, settings: TrainSettings, backend: BackendChoice, onMessage: (message: TrainResponse) => void): number {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    this.currentId = id;
    this.onMessage = onMessage;
    const { data: copy, transfer } = transferableCopy(data);
    const request: TrainRequest = { type: 'train', id, data: copy, settings: { ...settings, models: [...settings.models] }, backend };
    worker.postMessage(request, transfer);
    return id;
  }

  /** Asks the current run to stop after its current batch; it then reports 'done' with stopped: true. */
  stop(): void {
    if (!this.worker || this.currentId === 0) return;
    const request: TrainRequest = { type: 'stop', id: this.currentId };
    this.worker.postMessage(request);
  }

  /** Terminates the worker (and its trained models); the next train() starts a fresh one. */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
