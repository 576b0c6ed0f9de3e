/**
 * The training worker's message handler, free of worker globals so it runs (and is tested) in Node.
 * src/workers/train.worker.ts only wires it to postMessage / onmessage.
 *
 * One run at a time: a new 'train' request stops the current run (it still reports 'done' with
 * stopped: true under its own id) and starts after it. 'stop' stops the run with that id.
 * The last finished run's models (and its ExportMeta, when the request had one) are kept for later
 * use and disposed when the next run starts.
 * 'export' is answered at once from those models: 'exported' with model.json's text and weights.bin's
 * bytes (posted with the buffer in the transfer list), or 'error' when a run is in progress, the
 * model was not trained (or diverged), or the run had no meta.
 */
import type { BackendChoice, BackendName, TrainRequest, TrainResponse } from '../../protocol/train.ts';
import { exportModel } from '../export/exportModel.ts';
import type { ExportMeta } from '../export/format.ts';
import { trainModels } from './train.ts';
import type { TrainedModel } from './trained.ts';
import { MODEL_LABELS, type ModelKind } from './types.ts';

export interface SessionDeps {
  /** `transfer`: buffers to move (not copy) to the other side; they are unusable here afterwards. */
  post(message: TrainResponse, transfer?: ArrayBuffer[]): void;
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
  let meta: ExportMeta | null = null;
  let latestId: number | null = null;
  /** 'train' requests received and not yet finished (running or queued). */
  let pendingRuns = 0;
  const stopRequested = new Set<number>();
  let queue: Promise<void> = Promise.resolve();

  async function run(request: Extract<TrainRequest, { type: 'train' }>): Promise<void> {
    const { id } = request;
    Object.values(models).forEach((m) => m.dispose());
    models = {};
    meta = null;
    try {
      const { backend, detail } = await deps.selectBackend(request.backend);
      deps.post({ type: 'backend', id, backend, detail });
      const result = await trainModels(request.data, request.settings, {
        onEvent: (e) =>
          deps.post(e.type === 'epoch' ? { type: 'epoch', id, report: e.report } : { type: 'diverged', id, model: e.model, epoch: e.epoch, message: e.message }),
        shouldStop: () => stopRequested.has(id) || latestId !== id,
      });
      models = result.models;
      meta = request.meta ?? null;
      deps.post({ type: 'done', id, stopped: result.stopped, final: result.final, seconds: result.seconds });
    } catch (error) {
      deps.post({ type: 'error', id, message: errorMessage(error) });
    } finally {
      stopRequested.delete(id);
      pendingRuns--;
    }
  }

  async function exportOne(request: Extract<TrainRequest, { type: 'export' }>): Promise<void> {
    const { id, model: kind } = request;
    const label = MODEL_LABELS[kind] ?? String(kind);
    const fail = (message: string) => deps.post({ type: 'error', id, message });
    if (pendingRuns > 0) return fail(`cannot export the ${label} model while training is running; export when it has finished`);
    const trained = models[kind];
    if (!trained) return fail(`there is no trained ${label} model to export (train it first; a model that diverged is not kept)`);
    if (!meta) return fail('this run was started without export metadata (featurizer, classes, label, features), so it cannot be exported');
    try {
      const { modelJson, weights } = await exportModel(trained, meta);
      deps.post({ type: 'exported', id, model: kind, modelJson, weights }, [weights]);
    } catch (error) {
      fail(`export of the ${label} model failed: ${errorMessage(error)}`);
    }
  }

  return {
    handle(request) {
      if (request.type === 'stop') {
        stopRequested.add(request.id);
        return Promise.resolve();
      }
      if (request.type === 'export') return exportOne(request);
      latestId = request.id;
      pendingRuns++;
      queue = queue.then(() => run(request));
      return queue;
    },
    models: () => models,
  };
}
