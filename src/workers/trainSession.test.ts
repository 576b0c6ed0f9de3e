import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it, vi } from 'vitest';
import { initNodeBackend } from '../core/tfNode.ts';
import type { TrainResponse } from '../protocol/train.ts';
import { loadExportedModel } from '../core/export/loadModel.ts';
import { createTrainSession } from './trainSession.ts';
import { makeBlobs } from '../../test/blobs.ts';
import { DEFAULT_SETTINGS, type TrainSettings } from '../core/train/types.ts';
import { featurize } from '../core/features.ts';
import type { Table } from '../core/table.ts';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

const data = makeBlobs({ rows: 300, dim: 4, classes: 2, slices: 2, seed: 9 });
/** The blobs as the table the page would send: four number columns and the label. */
const table: Table = {
  source: 'blobs.csv',
  rowCount: data.y.length,
  columns: [
    ...['a', 'b', 'c', 'd'].map((name, k) => ({
      name,
      kind: 'number' as const,
      values: Float64Array.from({ length: data.y.length }, (_, i) => data.x[i * 4 + k]!),
    })),
    { name: 'y', kind: 'category' as const, codes: Int32Array.from(data.y), levels: data.classes },
  ],
};
const config = { label: 'y', features: ['a', 'b', 'c', 'd'], seed: 1, proportions: { train: 0.75, valid: 0.25 } };
const slices = data.slices;
const trainTable = (id: number, over: Partial<TrainSettings> = {}) =>
  ({ type: 'trainTable', id, config, slices, settings: { ...settings, ...over }, backend: 'auto' }) as const;
const settings: TrainSettings = { ...DEFAULT_SETTINGS, models: ['plain', 'sram'], epochs: 2, batchSize: 64, hiddenSize: 8 };

function setup(withTable = true) {
  const messages: TrainResponse[] = [];
  const session = createTrainSession({
    post: (m) => messages.push(m),
    selectBackend: async () => ({ backend: 'wasm', detail: 'wasm (test)' }),
  });
  if (withTable) void session.handle({ type: 'setTable', table });
  return { messages, session };
}

it('runs: backend, epochs, done; keeps the models until the next run', async () => {
  const before = tf.memory().numTensors;
  const { messages, session } = setup();
  await session.handle(trainTable(1));
  expect(messages.map((m) => m.type)).toEqual(['prepared', 'backend', 'epoch', 'epoch', 'epoch', 'epoch', 'done']);
  const done = messages.at(-1)!;
  expect(done.type === 'done' && Object.keys(done.final)).toEqual(['plain', 'sram']);
  expect(Object.keys(session.models())).toEqual(['plain', 'sram']);
  const kept = tf.memory().numTensors;
  await session.handle(trainTable(2));
  expect(tf.memory().numTensors).toBe(kept); // the first run's models were disposed
  Object.values(session.models()).forEach((m) => m.dispose());
  expect(tf.memory().numTensors).toBe(before);
});

it('stop, supersede, and errors', async () => {
  const { messages, session } = setup();
  const first = session.handle(trainTable(1, { epochs: 500 }));
  const second = session.handle(trainTable(2, { epochs: 500 }));
  // run 2 supersedes run 1; stop it once it is training
  await vi.waitFor(() => expect(messages.some((m) => m.type === 'epoch' && m.id === 2)).toBe(true), { timeout: 30_000 });
  await session.handle({ type: 'stop', id: 2 });
  await Promise.all([first, second]);
  const dones = messages.filter((m) => m.type === 'done');
  expect(dones.map((m) => [m.id, m.type === 'done' && m.stopped])).toEqual([
    [1, true],
    [2, true],
  ]);
  await session.handle(trainTable(3, { learningRate: -1 }));
  expect(messages.at(-1)).toEqual({ type: 'error', id: 3, message: 'learning rate must be > 0, got -1' });
  Object.values(session.models()).forEach((m) => m.dispose());
});

it("export: the last run's model in the servable format, weights transferred; clear errors otherwise", async () => {
  const before = tf.memory().numTensors;
  const posted: { message: TrainResponse; transfer?: ArrayBuffer[] }[] = [];
  const session = createTrainSession({
    post: (message, transfer) => posted.push({ message, ...(transfer ? { transfer } : {}) }),
    selectBackend: async () => ({ backend: 'wasm', detail: 'wasm (test)' }),
  });
  await session.handle({ type: 'setTable', table });
  const last = () => posted.at(-1)!.message;
  const answerTo = (id: number) => posted.find((p) => p.message.id === id)!.message;
  await session.handle({ type: 'export', id: 1, model: 'plain' });
  expect(last()).toEqual({ type: 'error', id: 1, message: expect.stringContaining('no trained Plain model to export') });

  const running = session.handle(trainTable(4));
  await session.handle({ type: 'export', id: 5, model: 'plain' });
  expect(answerTo(5)).toEqual({ type: 'error', id: 5, message: expect.stringContaining('while training is running') });
  await running;

  await session.handle({ type: 'export', id: 6, model: 'reweighted' });
  expect(last()).toEqual({ type: 'error', id: 6, message: expect.stringContaining('no trained Reweighted model') });
  await session.handle({ type: 'export', id: 7, model: 'sram' });
  const { message, transfer } = posted.at(-1)!;
  if (message.type !== 'exported') throw new Error(`expected 'exported', got ${JSON.stringify(message)}`);
  expect(message).toMatchObject({ id: 7, model: 'sram' });
  expect(transfer).toEqual([message.weights]);
  expect(JSON.parse(message.modelJson)).toMatchObject({ format: 'slicewise-model', kind: 'sram', label: 'y', classes: data.classes });
  const loaded = loadExportedModel(message.modelJson, message.weights);
  const trained = session.models().sram!;
  const a = loaded.predictTable(table).proba;
  const b = trained.predictProba(featurize(loaded.featurizer, table).x, data.dim);
  expect(Math.max(...a.map((v, i) => Math.abs(v - b[i]!)))).toBeLessThanOrEqual(1e-5);
  loaded.dispose();
  Object.values(session.models()).forEach((m) => m.dispose());
  expect(tf.memory().numTensors).toBe(before);
});

it('trainTable: featurises the table it was given, answers prepared, and ends with predictions for every row', async () => {
  const { messages, session } = setup();
  const rows = 200;
  const f0 = new Float64Array(rows);
  const codes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    f0[i] = (i % 10) - 4.5;
    codes[i] = f0[i]! > 0 ? 1 : 0;
  }
  const mask = new Uint8Array(rows).map((_, i) => (i % 10 === 9 ? 1 : 0));
  await session.handle({
    type: 'setTable',
    table: {
      source: 't.csv',
      rowCount: rows,
      columns: [
        { name: 'f0', kind: 'number', values: f0 },
        { name: 'label', kind: 'category', codes, levels: ['neg', 'pos'] },
      ],
    },
  });
  const config = { label: 'label', features: ['f0'], seed: 1, validFraction: 0.25 };
  await session.handle({ type: 'trainTable', id: 5, config, slices: [{ name: 'nines', mask }], settings, backend: 'auto' });
  const prepared = messages.find((m) => m.type === 'prepared');
  if (!prepared) throw new Error(JSON.stringify(messages.map((m) => (m.type === 'error' ? m.message : m.type))));
  expect(prepared?.type === 'prepared' && prepared.classes).toEqual(['neg', 'pos']);
  expect(prepared?.type === 'prepared' && prepared.validCount).toBe(50);
  expect(prepared?.type === 'prepared' && prepared.slices.map((s) => s.name)).toEqual(['nines']);
  const done = messages.at(-1)!;
  if (done.type !== 'done') throw new Error(`expected done, got ${done.type}`);
  expect(Object.keys(done.predictions ?? {})).toEqual(['plain', 'sram']);
  const predicted = done.predictions!.plain!;
  expect(predicted).toHaveLength(rows);
  expect(predicted.every((c) => c === 0 || c === 1)).toBe(true);
});

it('trainTable: a bad choice of columns is an error naming the column; no table is an error too', async () => {
  const { messages, session } = setup(false);
  const config = { label: 'label', features: ['f0'], seed: 1 };
  await session.handle({ type: 'trainTable', id: 1, config, slices: [], settings, backend: 'auto' });
  expect(messages.at(-1)).toMatchObject({ type: 'error', id: 1, message: expect.stringMatching(/load a dataset/) });
  await session.handle({
    type: 'setTable',
    table: { source: 't.csv', rowCount: 2, columns: [{ name: 'f0', kind: 'number', values: new Float64Array(2) }] },
  });
  await session.handle({ type: 'trainTable', id: 2, config, slices: [], settings, backend: 'auto' });
  expect(messages.at(-1)).toMatchObject({ type: 'error', id: 2, message: expect.stringMatching(/"label"/) });
});
