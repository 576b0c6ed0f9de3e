import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_OBJECTIVE, DEFAULT_OPTIONS, DEFAULT_SETTINGS, type Recommendation } from '../core/train/types.ts';
import {
  deleteProjectData,
  listProjects,
  loadDataset,
  loadProjectDoc,
  markV1Migrated,
  readV1,
  saveDataset,
  saveProjectDoc,
  setStorage,
  type KvStorage,
  type ProjectDoc,
} from './persist.ts';
import { decodeProjectFile, encodeProjectFile, projectFileName } from './projectFile.ts';
import { migrateRun, migrateSettings } from './migrate.ts';

function memoryStorage(): KvStorage & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    get: async (k) => map.get(k),
    set: async (k, v) => void map.set(k, structuredClone(v)),
    del: async (k) => void map.delete(k),
  };
}

const doc = (id: string, name: string): ProjectDoc => ({
  version: 2,
  id,
  name,
  createdAt: 1,
  updatedAt: 2,
  datasetName: 'data.csv',
  config: { label: 'y', features: ['a', 'b'], splitColumn: null, validFraction: 0.2, testFraction: 0, types: { a: 'category' } },
  sfSource: 'export const big = (row: Row) => row.a > 2;\n',
  settings: { ...DEFAULT_SETTINGS, epochs: 7 },
  backend: 'wasm',
  run: {
    status: 'done',
    trainMessage: 'Finished in 1.0 s.',
    history: [
      {
        model: 'plain',
        epoch: 1,
        trainLoss: NaN,
        seconds: 0.5,
        parameters: 4417,
        valid: {
          overall: {
            support: 3,
            accuracy: 1,
            precision: 1,
            recall: 1,
            f1: 1,
            accuracyCi: [0.4, 1],
            confusion: [
              [1, 0],
              [0, 2],
            ],
          },
          slices: {},
        },
      },
    ],
    final: {},
    diverged: [{ model: 'plain', epoch: 1, message: 'diverged' }],
    runSlices: [{ name: 'big', validCount: 2 }],
    runSettings: DEFAULT_SETTINGS,
    runClasses: ['no', 'yes'],
    predictions: { plain: Int32Array.from([1, 0, 1]) },
    parameters: { plain: 4417 },
    recommendation: null,
  },
});

let store: ReturnType<typeof memoryStorage>;
beforeEach(() => {
  store = memoryStorage();
  setStorage(store);
});
afterEach(() => setStorage(null));

it('keeps several projects, each with its own doc and data file; deleting removes both', async () => {
  await saveProjectDoc(doc('a', 'First'));
  await saveProjectDoc(doc('b', 'Second'));
  await saveProjectDoc({ ...doc('a', 'First, renamed'), updatedAt: 9 });
  await saveDataset('a', new Blob(['a,y\n1,no\n']), 'data.csv');
  expect((await listProjects()).map((p) => [p.id, p.name, p.updatedAt])).toEqual([
    ['a', 'First, renamed', 9],
    ['b', 'Second', 2],
  ]);
  expect((await loadProjectDoc('a'))?.settings.epochs).toBe(7);
  expect(await (await loadDataset('a'))!.blob.text()).toBe('a,y\n1,no\n');
  expect(await loadDataset('b')).toBeNull();
  expect((await deleteProjectData('a')).map((p) => p.id)).toEqual(['b']);
  expect(await loadProjectDoc('a')).toBeNull();
  expect(await loadDataset('a')).toBeNull();
});

it('reads the v1 project (localStorage + text data) once, until marked migrated', async () => {
  const v1 = {
    datasetName: 'old.csv',
    label: 'y',
    features: ['a'],
    splitColumn: null,
    sfSource: 'export const s = (row: Row) => true;',
    settings: { epochs: 3 },
  };
  const local = { getItem: (k: string) => (k === 'slicewise.project.v1' ? JSON.stringify(v1) : null) };
  store.map.set('slicewise.dataset.v1', { name: 'old.csv', text: 'a,y\n1,no\n' });
  const read = await readV1(local);
  expect(read?.project.sfSource).toBe(v1.sfSource);
  expect(read?.data?.name).toBe('old.csv');
  expect(await read!.data!.blob.text()).toBe('a,y\n1,no\n');
  await markV1Migrated();
  expect(await readV1(local)).toBeNull();
  expect(await readV1({ getItem: () => null })).toBeNull();
});

it('a failing storage rejects with its own error (the slice turns it into a message)', async () => {
  setStorage({ ...memoryStorage(), set: () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')) });
  await expect(saveProjectDoc(doc('a', 'A'))).rejects.toThrow(/quota/);
});

it('a project file round-trips: choices, SF code, the run (NaN and predictions included) and the data bytes', async () => {
  const bytes = new Uint8Array([0, 1, 2, 250, 255, 10]);
  const file = await encodeProjectFile(doc('a', 'Churn / March'), {
    name: 'data.parquet',
    blob: new Blob([bytes], { type: 'application/octet-stream' }),
  });
  const back = await decodeProjectFile(file, 'x.slicewise.json');
  expect(back.project.name).toBe('Churn / March');
  expect(back.project.config).toEqual(doc('a', '').config);
  expect(back.project.sfSource).toBe(doc('a', '').sfSource);
  expect(back.project.run!.history[0]!.trainLoss).toBeNaN();
  expect(back.project.run!.predictions.plain).toEqual(Int32Array.from([1, 0, 1]));
  expect(back.project.run!.runSlices).toEqual([{ name: 'big', validCount: 2 }]);
  expect(new Uint8Array(await back.data!.blob.arrayBuffer())).toEqual(bytes);
  expect(back.data!.name).toBe('data.parquet');
  expect(projectFileName('Churn / March')).toBe('Churn _ March.slicewise.json');
});

it('a wrong file says what is wrong, with the file name', async () => {
  await expect(decodeProjectFile(new Blob(['{"format":"slicewise-model"}']), 'model.json')).rejects.toThrow(
    /^model.json: not a Slicewise project file/,
  );
  await expect(decodeProjectFile(new Blob(['not json']), 'a.json')).rejects.toThrow(
    /^a.json: not a Slicewise project file \(not valid JSON/,
  );
  const noData = JSON.stringify({
    format: 'slicewise-project',
    version: 1,
    project: { name: 'p', datasetName: 'd.csv', config: { label: 'y', features: [] }, sfSource: '', settings: {} },
    dataset: null,
  });
  await expect(decodeProjectFile(new Blob([noData]), 'p.slicewise.json')).rejects.toThrow(
    /uses the data file "d.csv", but the file holds no data/,
  );
});

// Settings and a run as projects saved them before the six-model contract.
const OLD_SETTINGS = {
  models: ['plain', 'reweighted', 'sliceAware'],
  epochs: 12,
  learningRate: 0.01,
  batchSize: 64,
  hiddenSize: 32,
  seed: 3,
  temperature: 0.1,
  confidence: 'entropy',
  sliceWeight: 5,
  sram: 'slicewise',
  sramOptions: { combine: 'mixture' },
};
const acc = (accuracy: number) => ({
  support: 4,
  accuracy,
  precision: 1,
  recall: 1,
  f1: 1,
  accuracyCi: [0.2, 1],
  confusion: [
    [2, 0],
    [0, 2],
  ],
});
const OLD_RUN = {
  status: 'done',
  trainMessage: 'Finished in 2.0 s.',
  history: [
    { model: 'plain', epoch: 1, trainLoss: 0.6, seconds: 0.5, valid: { overall: acc(0.5), slices: {} } },
    {
      model: 'sliceAware',
      epoch: 1,
      trainLoss: 0.9,
      seconds: 0.7,
      valid: { overall: acc(0.75), slices: {} },
      attention: { rows: ['all'], experts: ['s', 'base'], weights: [[0.5, 0.5]] },
    },
    { model: 'learnedWeight', epoch: 1, trainLoss: 0.9, seconds: 0.7, valid: { overall: acc(0.75), slices: {} } },
  ],
  final: { plain: { overall: acc(0.5), slices: {} }, sliceAware: { overall: acc(0.75), slices: {} } },
  diverged: [{ model: 'sliceAware', epoch: 1, message: 'diverged' }],
  runSlices: [{ name: 's', validCount: 2 }],
  runSettings: OLD_SETTINGS,
  runClasses: ['no', 'yes'],
  predictions: { plain: Int32Array.from([0, 1]), sliceAware: Int32Array.from([1, 1]) },
};

it('migrates old settings: sliceAware -> sram, sliceWeight and temperature/confidence into options, old fields dropped', () => {
  const s = migrateSettings(OLD_SETTINGS);
  expect(s).toEqual({
    models: ['plain', 'reweighted', 'sram'],
    epochs: 12,
    learningRate: 0.01,
    batchSize: 64,
    hiddenSize: 32,
    seed: 3,
    options: {
      ...DEFAULT_OPTIONS,
      reweighted: { mode: 'constant', weight: 5 },
      sram: { ...DEFAULT_OPTIONS.sram, temperature: 0.1, confidence: 'entropy' },
    },
    objective: DEFAULT_OBJECTIVE,
  });
  expect(Object.keys(s)).not.toContain('sram');
  expect(Object.keys(s)).not.toContain('sliceWeight');
  // Partial, empty and broken settings fill in from the defaults; today's settings come through unchanged.
  expect(migrateSettings({ epochs: 7 })).toEqual({ ...DEFAULT_SETTINGS, epochs: 7 });
  expect(migrateSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  expect(migrateSettings({ models: ['nope'], epochs: -1, batchSize: 'big', objective: { target: 'best' } })).toEqual(DEFAULT_SETTINGS);
  const today = {
    ...DEFAULT_SETTINGS,
    models: ['moe', 'groupDro'],
    options: { ...DEFAULT_OPTIONS, groupDro: { eta: 0.1, sizeAdjustment: 2 } },
    objective: { target: 'worstSlice', maxOverallDrop: 0.01 },
  };
  expect(migrateSettings(today)).toEqual(today);
});

it('migrates an old run: its sliceAware results become sram, unknown models are dropped, missing parameter counts are NaN', () => {
  const run = migrateRun(structuredClone(OLD_RUN))!;
  expect(run.history.map((h) => h.model)).toEqual(['plain', 'sram']);
  expect(run.history[1]!.attention?.experts).toEqual(['s', 'base']);
  expect(run.history[0]!.parameters).toBeNaN();
  expect(Object.keys(run.final)).toEqual(['plain', 'sram']);
  expect(run.final.sram!.overall.accuracy).toBe(0.75);
  expect(run.predictions.sram).toEqual(Int32Array.from([1, 1]));
  expect(run.diverged).toEqual([{ model: 'sram', epoch: 1, message: 'diverged' }]);
  expect(run.runSettings!.models).toEqual(['plain', 'reweighted', 'sram']);
  expect(run.parameters).toEqual({});
  expect(run.recommendation).toBeNull();
  expect(migrateRun(null)).toBeNull();
  expect(migrateRun({ status: 'done' })).toBeNull();
});

it("keeps a new run's parameter counts and recommendation", () => {
  const recommendation: Recommendation = {
    model: 'sram',
    objective: DEFAULT_OBJECTIVE,
    rows: 'heldOut',
    validRows: 4,
    candidates: [],
    reason: 'SRAM: highest mean slice accuracy on 4 rows, 75.0%.',
  };
  const run = migrateRun({ ...doc('a', 'A').run, parameters: { plain: 10, sram: 30 }, recommendation })!;
  expect(run.parameters).toEqual({ plain: 10, sram: 30 });
  expect(run.recommendation).toEqual(recommendation);
  expect(run.history[0]!.parameters).toBe(4417);
});

it("an old exported project file decodes, and its settings and run migrate to today's shape", async () => {
  const old = JSON.stringify({
    format: 'slicewise-project',
    version: 1,
    exportedAt: '2024-01-01T00:00:00.000Z',
    project: {
      name: 'Old',
      datasetName: null,
      config: { label: 'label', features: ['x1', 'x2'] },
      sfSource: '',
      settings: OLD_SETTINGS,
      backend: 'auto',
      run: { ...OLD_RUN, predictions: {} },
    },
    dataset: null,
  });
  const { project } = await decodeProjectFile(new Blob([old]), 'old.slicewise.json');
  expect(migrateSettings(project.settings).options.reweighted.weight).toBe(5);
  expect(Object.keys(migrateRun(project.run)!.final)).toEqual(['plain', 'sram']);
});
