/** TrainClient against the real worker logic (createTrainSession) through a fake in-process worker. */
import { beforeAll, expect, it } from 'vitest';
import { initNodeBackend } from '../src/core/tfNode.ts';
import { loadExportedModel } from '../src/core/export/loadModel.ts';
import { createTrainSession } from '../src/workers/trainSession.ts';
import { makeBlobs } from './blobs.ts';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/types.ts';
import type { TrainRequest, TrainResponse } from '../src/protocol/train.ts';
import { TrainClient, type TrainWorkerLike } from '../src/bridge/trainClient.ts';
import type { Table } from '../src/core/table.ts';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

/** A "worker" that hands requests to a session and replies asynchronously, as a real one would. */
function fakeWorker(): TrainWorkerLike & { sessionModels(): ReturnType<ReturnType<typeof createTrainSession>['models']> } {
  const worker: ReturnType<typeof fakeWorker> = {
    onmessage: null,
    onerror: null,
    postMessage(message: TrainRequest) {
      void session.handle(message);
    },
    terminate() {},
    sessionModels: () => session.models(),
  };
  const session = createTrainSession({
    post: (message: TrainResponse) => setTimeout(() => worker.onmessage?.({ data: message } as MessageEvent<TrainResponse>), 0),
    selectBackend: async () => ({ backend: 'wasm', detail: 'wasm (test)' }),
  });
  return worker;
}

it('exportModel(kind): resolves with the two files after a run with meta; rejects with a message otherwise', async () => {
  const data = makeBlobs({ rows: 200, dim: 3, classes: 3, slices: 1, seed: 4 });
  const settings: TrainSettings = { ...DEFAULT_SETTINGS, models: ['plain', 'sram'], epochs: 2, batchSize: 50, hiddenSize: 8 };
  const workers: ReturnType<typeof fakeWorker>[] = [];
  const client = new TrainClient(() => {
    const w = fakeWorker();
    workers.push(w);
    return w;
  });
  await expect(client.exportModel('plain')).rejects.toThrow('there is no trained model to export: train first');

  // The same rows as a table: three number columns and a category label.
  const features = ['a', 'b', 'c'];
  const rows = data.y.length;
  const table: Table = {
    source: 'blobs.csv',
    rowCount: rows,
    columns: [
      ...features.map((name, j) => ({
        name,
        kind: 'number' as const,
        values: Float64Array.from({ length: rows }, (_, i) => data.x[i * 3 + j]!),
      })),
      { name: 'y', kind: 'category' as const, codes: Int32Array.from(data.y), levels: data.classes },
    ],
  };
  client.setTable(table);
  const done = new Promise<TrainResponse>((resolve) => {
    client.trainTable(
      { label: 'y', features, seed: 1 },
      [],
      settings,
      'auto',
      (m) => (m.type === 'done' || m.type === 'error') && resolve(m),
    );
  });
  expect((await done).type).toBe('done');

  await expect(client.exportModel('reweighted')).rejects.toThrow('no trained Reweighted model');
  const { modelJson, weights } = await client.exportModel('sram');
  const loaded = loadExportedModel(modelJson, weights);
  expect(loaded.classes).toEqual(['c0', 'c1', 'c2']);
  const a = loaded.predictProba(data.x, data.dim);
  const b = workers[0]!.sessionModels().sram!.predictProba(data.x, data.dim);
  expect(Math.max(...a.map((v, i) => Math.abs(v - b[i]!)))).toBeLessThanOrEqual(1e-5);
  loaded.dispose();

  const pending = client.exportModel('plain');
  client.dispose();
  await expect(pending).rejects.toThrow('the training worker was stopped');
  Object.values(workers[0]!.sessionModels()).forEach((m) => m.dispose());
});

it('warmUp() makes the worker and hands it the table ahead of the first run, once; the run then reuses it', async () => {
  const made: { posted: string[] }[] = [];
  const client = new TrainClient(() => {
    const record = { posted: [] as string[] };
    made.push(record);
    return {
      onmessage: null,
      onerror: null,
      postMessage: (m: TrainRequest) => void record.posted.push(m.type),
      terminate() {},
    };
  });
  const table: Table = { source: 't.csv', rowCount: 1, columns: [{ name: 'a', kind: 'number', values: Float64Array.of(1) }] };
  client.setTable(table);
  client.warmUp();
  client.warmUp();
  expect(made).toHaveLength(0); // not in the caller's task: when the page is next idle
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(made).toHaveLength(1);
  expect(made[0]!.posted).toEqual(['setTable']);
  client.warmUp();
  client.trainTable({ label: 'a', features: ['a'], seed: 1 }, [], DEFAULT_SETTINGS, 'auto', () => {});
  expect(made).toHaveLength(1);
  expect(made[0]!.posted).toEqual(['setTable', 'trainTable']);
  client.dispose();
});
