/**
 * The training worker's message handler, free of worker globals so it runs (and is tested) in Node.
 * src/workers/train.worker.ts only wires it to postMessage / onmessage.
 *
 * One run at a time: a new 'train' request stops the current run (it still reports 'done' with
 * stopped: true under its own id) and starts after it. 'stop' stops the run with that id.
 * The last finished run's models are kept for later use and disposed when the next run starts.
 */
import type { BackendChoice, BackendName, TrainRequest, TrainResponse } from '../../protocol/train.ts';
import { trainModels } from './train.ts';
import type { TrainedModel } from './trained.ts';
import type { ModelKind } from './types.ts';

export interface SessionDeps {
  post(message: TrainResponse): void;
  selectBackend(choice: BackendChoice): Promise<{ backend: BackendName; detail: string }>;
}

export interface TrainSession {
  /** Resolves when the request has been handled (for 'train': when that run has finished). */
  handle(request: TrainRequest): Promise<void>;
  /** Trained models of the last finished run (empty before any, or while a new run is starting). */
  models(): Partial<Record<ModelKind, TrainedModel>>;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createTrainSession(deps: SessionDeps): TrainSession {
  let models: Partial<Record<ModelKind, TrainedModel>> = {};
  let latestId: number | null = null;
  const stopRequested = new Set<number>();
  let queue: Promise<void> = Promise.resolve();

  async function run(request: Extract<TrainRequest, { type: 'train' }>): Promise<void> {
    const { id } = request;
    Object.values(models).forEach((m) => m.dispose());
    models = {};
    try {
      const { backend, detail } = await deps.selectBackend(request.backend);
      deps.post({ type: 'backend', id, backend, detail });
      const result = await trainModels(request.data, request.settings, {
        onEvent: (e) =>
          deps.post(e.type === 'epoch' ? { type: 'epoch', id, report: e.report } : { type: 'diverged', id, model: e.model, epoch: e.epoch, message: e.message }),
        shouldStop: () => stopRequested.has(id) || latestId !== id,
      });
      models = result.models;
      deps.post({ type: 'done', id, stopped: result.stopped, final: result.final, seconds: result.seconds });
    } catch (error) {
      deps.post({ type: 'error', id, message: errorMessage(error) });
    } finally {
      stopRequested.delete(id);
    }
  }

  return {
    handle(request) {
      if (request.type === 'stop') {
        stopRequested.add(request.id);
        return Promise.resolve();
      }
      latestId = request.id;
      queue = queue.then(() => run(request));
      return queue;
    },
    models: () => models,
  };
}
