/**
 * The training worker's message handler, free of worker globals so it runs (and is tested) in Node.
 * src/workers/train.worker.ts only wires it to postMessage / onmessage.
 *
 * One run at a time: a new 'trainTable' request stops the current run (it still reports 'done' with
 * stopped: true under its own id) and starts after it. 'stop' stops the run with that id.
 * The last finished run's models (and its ExportMeta, when the request had one) are kept for later
 * use and disposed when the next run starts.
 * 'export' is answered at once from those models: 'exported' with model.json's text and weights.bin's
 * bytes (posted with the buffer in the transfer list), or 'error' when a run is in progress, the
 * model was not trained (or diverged).
 * 'setTable' keeps a table for 'trainTable' runs, which featurise it here (prepareTrainData), answer
 * 'prepared', train, and end with 'done' carrying each model's predicted class for every row.
 */
import type { BackendChoice, BackendName, TrainRequest, TrainResponse } from '../protocol/train.ts';
import { exportModel } from '../core/export/exportModel.ts';
import { exportMetaOf, type ExportMeta } from '../core/export/format.ts';
import { prepareTrainData } from '../core/prepare.ts';
import type { Table } from '../core/table.ts';
import { predictRows } from '../core/train/predictRows.ts';
import { answerPredict } from './trainPredict.ts'; // 'predict': the run's models on new data
import { trainModels } from '../core/train/train.ts';
import type { TrainedModel } from '../core/train/trained.ts';
import { MODEL_LABELS, type ModelKind, type TrainData } from '../core/train/types.ts';

export interface SessionDeps {
  /** `transfer`: buffers to move (not copy) to the other side; they are unusable here afterwards. */
  post(message: TrainResponse, transfer?: ArrayBuffer[]): void;
  selectBackend(choice: BackendChoice): Promise<{ backend: BackendName; detail: string }>;
}

export interface TrainSession {
  /** Resolves when the request has been handled (for 'trainTable': when that run has finished). */
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
  /** 'trainTable' requests received and not yet finished (running or queued). */
  let pendingRuns = 0;
  const stopRequested = new Set<number>();
  let queue: Promise<void> = Promise.resolve();
  let table: Table | null = null;

  /** Featurises the kept table for a 'trainTable' request and tells the page what came out. */
  function prepare(request: Extract<TrainRequest, { type: 'trainTable' }>): { data: TrainData; meta: ExportMeta } {
    if (!table) throw new Error('no data was sent to the training worker (load a dataset first)');
    const prepared = prepareTrainData(table, request.config, request.slices);
    const { data } = prepared;
    const slices = data.slices.map((s) => {
      let validCount = 0;
      for (const i of data.validIdx) validCount += s.mask[i] ?? 0;
      return { name: s.name, validCount };
    });
    deps.post({
      type: 'prepared',
      id: request.id,
      classes: data.classes,
      slices,
      trainCount: data.trainIdx.length,
      validCount: data.validIdx.length,
      dim: data.dim,
    });
    return { data, meta: exportMetaOf(prepared, request.config) };
  }

  async function run(request: Extract<TrainRequest, { type: 'trainTable' }>): Promise<void> {
    const { id } = request;
    Object.values(models).forEach((m) => m.dispose());
    models = {};
    meta = null;
    try {
      const input = prepare(request);
      const { backend, detail } = await deps.selectBackend(request.backend);
      deps.post({ type: 'backend', id, backend, detail });
      const result = await trainModels(input.data, request.settings, {
        onEvent: (e) =>
          deps.post(
            e.type === 'epoch'
              ? { type: 'epoch', id, report: e.report }
              : { type: 'diverged', id, model: e.model, epoch: e.epoch, message: e.message },
          ),
        shouldStop: () => stopRequested.has(id) || latestId !== id,
      });
      models = result.models;
      meta = input.meta;
      const done = {
        type: 'done' as const,
        id,
        stopped: result.stopped,
        final: result.final,
        seconds: result.seconds,
        parameters: result.parameters,
        recommendation: result.recommendation,
      };
      const predictions = predictRows(models, input.data);
      deps.post(
        { ...done, predictions },
        Object.values(predictions).map((p) => p.buffer as ArrayBuffer),
      );
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
      if (request.type === 'setTable') {
        table = request.table;
        return Promise.resolve();
      }
      if (request.type === 'stop') {
        stopRequested.add(request.id);
        return Promise.resolve();
      }
      if (request.type === 'export') return exportOne(request);
      if (request.type === 'predict')
        return answerPredict(request, { models, meta, busy: pendingRuns > 0 }, deps.post, () => deps.selectBackend('auto'));
      latestId = request.id;
      pendingRuns++;
      queue = queue.then(() => run(request));
      return queue;
    },
    models: () => models,
  };
}
