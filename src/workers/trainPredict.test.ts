import { beforeAll, expect, it } from 'vitest';
import { initNodeBackend } from '../core/tfNode.ts';
import type { TrainResponse } from '../protocol/train.ts';
import { generateCircles2d } from '../core/data/circles2d.ts';
import type { Table } from '../core/table.ts';
import { createTrainSession } from './trainSession.ts';
import { DEFAULT_SETTINGS, type TrainSettings } from '../core/train/types.ts';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

const settings: TrainSettings = { ...DEFAULT_SETTINGS, models: ['plain', 'reweighted'], epochs: 2, batchSize: 64, hiddenSize: 8 };
const features = Array.from({ length: 64 }, (_, j) => `f${j}`);

function setup() {
  const messages: TrainResponse[] = [];
  const session = createTrainSession({ post: (m) => messages.push(m), selectBackend: async () => ({ backend: 'wasm', detail: 'test' }) });
  return { messages, session };
}

it('says there is nothing to predict with before a run', async () => {
  const { messages, session } = setup();
  await session.handle({ type: 'predict', id: 5, table: generateCircles2d({ rows: 50, seed: 1 }).table });
  expect(messages).toEqual([{ type: 'error', id: 5, message: expect.stringMatching(/no trained model.*train first/) }]);
});

it("predicts a new table with the run's featurizer: on the training table it equals the run's own predictions", async () => {
  const { messages, session } = setup();
  const { table } = generateCircles2d({ rows: 600, seed: 7 });
  await session.handle({ type: 'setTable', table });
  const circle = { name: 'c', mask: new Uint8Array(600).map((_, i) => (i % 7 === 0 ? 1 : 0)) };
  await session.handle({
    type: 'trainTable',
    id: 1,
    config: { label: 'label', features, seed: 1 },
    slices: [circle],
    settings,
    backend: 'auto',
  });
  const done = messages.find((m) => m.type === 'done');
  if (!done) throw new Error(JSON.stringify(messages.map((m) => (m.type === 'error' ? m.message : m.type))));
  expect(done?.type === 'done' && done.predictions).toBeTruthy();
  const own = done!.type === 'done' ? done!.predictions! : {};

  await session.handle({ type: 'predict', id: 2, table });
  const same = messages.at(-1)!;
  expect(same.type).toBe('predicted');
  if (same.type !== 'predicted') return;
  const prepared = messages.find((m) => m.type === 'prepared');
  expect(same.classes).toEqual(prepared?.type === 'prepared' ? prepared.classes : null);
  expect(same.classes).toHaveLength(2);
  expect(Object.keys(same.predictions).sort()).toEqual(['plain', 'reweighted']);
  expect([...same.predictions.plain!]).toEqual([...own.plain!]);

  // New rows (another seed) with the same columns: one class per row, from the run's classes.
  const next = generateCircles2d({ rows: 120, seed: 3 }).table;
  await session.handle({ type: 'predict', id: 3, table: next });
  const other = messages.at(-1)!;
  expect(other.type === 'predicted' && other.predictions.reweighted!.length).toBe(120);
  expect(other.type === 'predicted' && [...other.predictions.reweighted!].every((k) => k === 0 || k === 1)).toBe(true);

  // Missing feature columns are named.
  const lacking: Table = { ...next, columns: next.columns.filter((c) => c.name !== 'f3' && c.name !== 'f10') };
  await session.handle({ type: 'predict', id: 4, table: lacking });
  expect(messages.at(-1)).toEqual({
    type: 'error',
    id: 4,
    message: expect.stringContaining('lacks the model\'s feature columns "f3", "f10"'),
  });

  // The plain model exported, then imported into a fresh session (nothing trained there): the same
  // predictions on the new rows.
  await session.handle({ type: 'export', id: 6, model: 'plain' });
  const exported = messages.at(-1)!;
  if (exported.type !== 'exported') throw new Error(JSON.stringify(exported));
  await session.handle({ type: 'predict', id: 7, table: next });
  const fromRun = messages.at(-1)!;
  const fresh = setup();
  let backendAsked = 0;
  const freshSession = createTrainSession({
    post: (m) => fresh.messages.push(m),
    selectBackend: async () => (backendAsked++, { backend: 'wasm', detail: 'test' }),
  });
  await freshSession.handle({ type: 'predict', id: 1, table: next, model: { modelJson: exported.modelJson, weights: exported.weights } });
  const imported = fresh.messages.at(-1)!;
  expect(imported.type).toBe('predicted');
  expect(backendAsked).toBe(1);
  expect(imported.type === 'predicted' && Object.keys(imported.predictions)).toEqual(['plain']);
  expect(imported.type === 'predicted' && [...imported.predictions.plain!]).toEqual(
    fromRun.type === 'predicted' ? [...fromRun.predictions.plain!] : null,
  );
  await freshSession.handle({
    type: 'predict',
    id: 2,
    table: lacking,
    model: { modelJson: exported.modelJson, weights: exported.weights },
  });
  expect(fresh.messages.at(-1)).toEqual({ type: 'error', id: 2, message: expect.stringContaining('"f3", "f10"') });
  Object.values(session.models()).forEach((m) => m.dispose());
});
