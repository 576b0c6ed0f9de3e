/** TrainClient.predict against the real session through a fake in-process worker (as trainClient.test.ts). */
import { beforeAll, expect, it } from 'vitest';
import { initNodeBackend } from '../src/core/tfNode.ts';
import { generateCircles2d } from '../src/core/data/circles2d.ts';
import { createTrainSession } from '../src/workers/trainSession.ts';
import { DEFAULT_SETTINGS } from '../src/core/train/types.ts';
import type { TrainRequest, TrainResponse } from '../src/protocol/train.ts';
import { TrainClient, type TrainWorkerLike } from '../src/bridge/trainClient.ts';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

function fakeWorker(): TrainWorkerLike {
  const worker: TrainWorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(message: TrainRequest) {
      void session.handle(message);
    },
    terminate() {},
  };
  const session = createTrainSession({
    post: (message: TrainResponse) => setTimeout(() => worker.onmessage?.({ data: message } as MessageEvent<TrainResponse>), 0),
    selectBackend: async () => ({ backend: 'wasm', detail: 'wasm (test)' }),
  });
  return worker;
}

it('predict(table): rejects with a message before a run; after one, one class per row per model', async () => {
  const client = new TrainClient(fakeWorker);
  const { table } = generateCircles2d({ rows: 400, seed: 7 });
  const next = generateCircles2d({ rows: 90, seed: 8 }).table;
  await expect(client.predict(next)).rejects.toThrow(/no trained model in this session/);

  client.setTable(table);
  const features = Array.from({ length: 64 }, (_, j) => `f${j}`);
  const settings = { ...DEFAULT_SETTINGS, models: ['plain' as const], epochs: 1, batchSize: 100, hiddenSize: 8 };
  await new Promise<void>((resolve, reject) => {
    client.trainTable({ label: 'label', features, seed: 1 }, [], settings, 'auto', (m) => {
      if (m.type === 'done') resolve();
      if (m.type === 'error') reject(new Error(m.message));
    });
  });
  const answer = await client.predict(next);
  expect(answer.classes).toHaveLength(2);
  expect(Object.keys(answer.predictions)).toEqual(['plain']);
  expect(answer.predictions.plain).toHaveLength(90);
  client.dispose();
});
