import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../tfNode.ts';
import { parseTable } from '../data/parse.ts';
import { prepareTrainData } from '../prepare.ts';
import { runSfSource } from '../slicing/run.ts';
import { trainModels } from '../train/train.ts';
import type { TrainedModel } from '../train/trained.ts';
import { DEFAULT_SETTINGS, type ModelKind } from '../train/types.ts';
import { exportModel } from './exportModel.ts';
import { exportMetaOf, MODEL_FORMAT, WEIGHTS_BIN, type ExportedModelJson } from './format.ts';
import { loadExportedModel } from './loadModel.ts';
import { SYNTHETIC_SFS, syntheticCsv } from '../../../test/synthetic.ts';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** A few epochs on the synthetic table: weights far from their seeded init (a no-op load would fail). */
async function trainOn(classes: number) {
  const table = parseTable(syntheticCsv({ rows: 240, classes, seed: 5 }), 'synthetic.csv');
  const applied = runSfSource(table, SYNTHETIC_SFS);
  if (!applied.ok) throw new Error(applied.errors[0]!.message);
  const config = { label: 'label', features: ['x1', 'x2', 'region', 'comment'], splitColumn: 'split', seed: 3 };
  const prepared = prepareTrainData(table, config, applied.slices);
  const settings = { ...DEFAULT_SETTINGS, models: ['plain', 'sram'] as ModelKind[], epochs: 3, batchSize: 32, hiddenSize: 16 };
  const result = await trainModels(prepared.data, settings, { onEvent: () => {}, shouldStop: () => false });
  return { table, prepared, meta: exportMetaOf(prepared, config), models: result.models };
}

describe.each([2, 3])('%i classes: export -> load', (classes) => {
  let run: Awaited<ReturnType<typeof trainOn>>;
  beforeAll(async () => {
    run = await trainOn(classes);
  });
  afterAll(() => Object.values(run.models).forEach((m: TrainedModel) => m.dispose()));

  it.each(['plain', 'sram'] as const)('%s: a fresh model reproduces predictProba and predictTable (<= 1e-5)', async (kind) => {
    const trained = run.models[kind]!;
    const { data } = run.prepared;
    const expected = trained.predictProba(data.x, data.dim);
    const before = tf.memory().numTensors;

    const exported = await exportModel(trained, run.meta);
    expect(tf.memory().numTensors).toBe(before);
    const json = JSON.parse(exported.modelJson) as ExportedModelJson;
    expect(json).toMatchObject({
      format: MODEL_FORMAT,
      version: 2,
      kind,
      classes: data.classes,
      label: 'label',
      spec: { model: { kind } },
    });
    expect(json.features).toEqual(['x1', 'x2', 'region', 'comment']);
    expect(json.spec).toEqual(trained.spec);
    expect(json.weightsManifest[0].paths).toEqual([WEIGHTS_BIN]);
    const snapshot = trained.snapshot();
    expect(json.weightsManifest[0].weights.map((w) => w.shape)).toEqual(snapshot.variables.map((v) => v.shape));
    // Any tfjs tool can read weights.bin: decodeWeights gives back every variable exactly.
    const decoded = tf.io.decodeWeights(exported.weights, json.weightsManifest[0].weights);
    snapshot.variables.forEach((v, i) => expect(decoded[`${kind}/${i}`]!.dataSync()).toEqual(v.values));
    tf.dispose(Object.values(decoded));

    // The model.json text and a copy of the bytes, as a fresh process would read them from disk.
    const loaded = loadExportedModel(exported.modelJson, exported.weights.slice(0));
    expect(maxAbsDiff(loaded.predictProba(data.x, data.dim), expected)).toBeLessThanOrEqual(1e-5);
    const fromTable = loaded.predictTable(run.table);
    expect(maxAbsDiff(fromTable.proba, expected)).toBeLessThanOrEqual(1e-5);
    expect(fromTable.predicted).toHaveLength(run.table.rowCount);
    expect(new Set(fromTable.predicted).size).toBeGreaterThan(1);
    for (const p of fromTable.predicted) expect(data.classes).toContain(p);
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('load errors', () => {
  let run: Awaited<ReturnType<typeof trainOn>>;
  let files: { modelJson: string; weights: ArrayBuffer };
  beforeAll(async () => {
    run = await trainOn(2);
    files = await exportModel(run.models.plain!, run.meta);
  });
  afterAll(() => Object.values(run.models).forEach((m: TrainedModel) => m.dispose()));

  const edit = (change: (json: ExportedModelJson) => void) => {
    const json = JSON.parse(files.modelJson) as ExportedModelJson;
    change(json);
    return JSON.stringify(json);
  };

  it('names the file and the problem; leaks no tensors', () => {
    const before = tf.memory().numTensors;
    expect(() => loadExportedModel('{"format": "other"}', files.weights, 'm/model.json')).toThrow(
      'm/model.json: not a Slicewise model (format is "other", expected "slicewise-model")',
    );
    expect(() => loadExportedModel('not json', files.weights)).toThrow(/^model\.json: not valid JSON/);
    expect(() => loadExportedModel(files.modelJson, files.weights.slice(4))).toThrow(
      /weights\.bin has \d+ bytes, the manifest describes \d+/,
    );
    const wider = edit((j) => {
      j.spec.hidden += 1;
    });
    expect(() => loadExportedModel(wider, files.weights)).toThrow(
      /variable 0 of the saved plain model has shape \[\d+, 16\], this version expects \[\d+, 17\]/,
    );
    const fewer = edit((j) => {
      j.featurizer.dim -= 1;
    });
    expect(() => loadExportedModel(fewer, files.weights)).toThrow(/the featurizer gives \d+ inputs, the model takes \d+/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads a version 1 file (before the six models): sliceAware is served as sram, research structures are refused', async () => {
    // A version 1 SRAM had full-rank experts: train one so (expertRank 0).
    const options = { ...DEFAULT_SETTINGS.options, sram: { ...DEFAULT_SETTINGS.options.sram, expertRank: 0 } };
    const full = await trainModels(
      run.prepared.data,
      { ...DEFAULT_SETTINGS, models: ['sram'], epochs: 1, batchSize: 32, hiddenSize: 16, options },
      { onEvent: () => {}, shouldStop: () => false },
    );
    const fullRank = full.models.sram!;
    const sram = await exportModel(fullRank, run.meta);
    const v2 = JSON.parse(sram.modelJson) as ExportedModelJson;
    const { model, counts: _c, ...rest } = v2.spec;
    if (model.kind !== 'sram') throw new Error('expected an sram export');
    const v1 = {
      ...v2,
      version: 1,
      kind: 'sliceAware',
      spec: {
        ...rest,
        temperature: model.temperature,
        confidence: model.confidence,
        sliceWeight: 3,
        sram: { combine: 'attention', expert: 'linear', residual: false },
      },
    };
    const loaded = loadExportedModel(JSON.stringify(v1), sram.weights);
    expect(loaded.kind).toBe('sram');
    expect(
      maxAbsDiff(
        loaded.predictProba(run.prepared.data.x, run.prepared.data.dim),
        fullRank.predictProba(run.prepared.data.x, run.prepared.data.dim),
      ),
    ).toBeLessThanOrEqual(1e-6);
    loaded.dispose();
    fullRank.dispose();
    const learned = { ...v1, spec: { ...v1.spec, sram: { combine: 'learnedWeight' } } };
    expect(() => loadExportedModel(JSON.stringify(learned), sram.weights)).toThrow(
      /structure "learnedWeight", which this version no longer serves/,
    );
  });

  it('refuses meta that does not fit the model', async () => {
    await expect(exportModel(run.models.plain!, { ...run.meta, classes: ['a', 'b', 'c'] })).rejects.toThrow(
      '3 class names for a plain model with 2 outputs',
    );
  });
});
