import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { initNodeBackend } from '../core/tfNode.ts';
import type { TrainResponse } from '../protocol/train.ts';
import { loadExportedModel } from '../core/export/loadModel.ts';
import { createTrainSession } from './trainSession.ts';
import { makeBlobs } from '../../test/blobs.ts';
import { DEFAULT_SETTINGS, type TrainSettings } from '../core/train/types.ts';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

const data = makeBlobs({ rows: 300, dim: 4, classes: 2, slices: 2, seed: 9 });
const settings: TrainSettings = { ...DEFAULT_SETTINGS, models: ['plain', 'sram'], epochs: 2, batchSize: 64, hiddenSize: 8 };

function setup() {
  const messages: TrainResponse[] = [];
  const session = createTrainSession({
    post: (m) => messages.push(m),
    selectBackend: async () => ({ backend: 'wasm', detail: 'wasm (test)' }),
  });
  return { messages, session };
}

it('runs: backend, epochs, done; keeps the models until the next run', async () => {
  const before = tf.memory().numTensors;
  const { messages, session } = setup();
  await session.handle({ type: 'train', id: 1, data, settings, backend: 'auto' });
  expect(messages.map((m) => m.type)).toEqual(['backend', 'epoch', 'epoch', 'epoch', 'epoch', 'done']);
  const done = messages.at(-1)!;
  expect(done.type === 'done' && Object.keys(done.final)).toEqual(['plain', 'sram']);
  expect(Object.keys(session.models())).toEqual(['plain', 'sram']);
  const kept = tf.memory().numTensors;
  await session.handle({ type: 'train', id: 2, data, settings, backend: 'auto' });
  expect(tf.memory().numTensors).toBe(kept); // the first run's models were disposed
  Object.values(session.models()).forEach((m) => m.dispose());
  expect(tf.memory().numTensors).toBe(before);
});

it('stop, supersede, and errors', async () => {
  const { messages, session } = setup();
  const first = session.handle({ type: 'train', id: 1, data, settings: { ...settings, epochs: 500 }, backend: 'auto' });
  const second = session.handle({ type: 'train', id: 2, data, settings: { ...settings, epochs: 500 }, backend: 'auto' });
  await new Promise((r) => setTimeout(r, 50));
  await session.handle({ type: 'stop', id: 2 });
  await Promise.all([first, second]);
  const dones = messages.filter((m) => m.type === 'done');
  expect(dones.map((m) => [m.id, m.type === 'done' && m.stopped])).toEqual([[1, true], [2, true]]);
  await session.handle({ type: 'train', id: 3, data, settings: { ...settings, learningRate: -1 }, backend: 'auto' });
  expect(messages.at(-1)).toEqual({ type: 'error', id: 3, message: 'learning rate must be > 0, got -1' });
  Object.values(session.models()).forEach((m) => m.dispose());
});

it('export: the last run\'s model in the servable format, weights transferred; clear errors otherwise', async () => {
  const before = tf.memory().numTensors;
  const posted: { message: TrainResponse; transfer?: ArrayBuffer[] }[] = [];
  const session = createTrainSession({
    post: (message, transfer) => posted.push({ message, ...(transfer ? { transfer } : {}) }),
    selectBackend: async () => ({ backend: 'wasm', detail: 'wasm (test)' }),
  });
  const last = () => posted.at(-1)!.message;
  await session.handle({ type: 'export', id: 1, model: 'plain' });
  expect(last()).toEqual({ type: 'error', id: 1, message: expect.stringContaining('no trained Plain model to export') });

  // Without meta the models train but cannot be exported.
  await session.handle({ type: 'train', id: 2, data, settings, backend: 'auto' });
  await session.handle({ type: 'export', id: 3, model: 'plain' });
  expect(last()).toEqual({ type: 'error', id: 3, message: expect.stringContaining('without export metadata') });

  const featurizer = { version: 1 as const, columns: ['a', 'b', 'c', 'd'].map((column) => ({ kind: 'number' as const, column, mean: 0, std: 1 })), dim: 4 };
  const meta = { featurizer, classes: data.classes, label: 'y', features: ['a', 'b', 'c', 'd'] };
  const running = session.handle({ type: 'train', id: 4, data, settings, backend: 'auto', meta });
  await session.handle({ type: 'export', id: 5, model: 'plain' });
  expect(last()).toEqual({ type: 'error', id: 5, message: expect.stringContaining('while training is running') });
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
  const a = loaded.predictProba(data.x, data.dim);
  const b = trained.predictProba(data.x, data.dim);
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
    table: { source: 't.csv', rowCount: rows, columns: [{ name: 'f0', kind: 'number', values: f0 }, { name: 'label', kind: 'category', codes, levels: ['neg', 'pos'] }] },
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
  const { messages, session } = setup();
  const config = { label: 'label', features: ['f0'], seed: 1 };
  await session.handle({ type: 'trainTable', id: 1, config, slices: [], settings, backend: 'auto' });
  expect(messages.at(-1)).toMatchObject({ type: 'error', id: 1, message: expect.stringMatching(/load a dataset/) });
  await session.handle({ type: 'setTable', table: { source: 't.csv', rowCount: 2, columns: [{ name: 'f0', kind: 'number', values: new Float64Array(2) }] } });
  await session.handle({ type: 'trainTable', id: 2, config, slices: [], settings, backend: 'auto' });
  expect(messages.at(-1)).toMatchObject({ type: 'error', id: 2, message: expect.stringMatching(/"label"/) });
});
