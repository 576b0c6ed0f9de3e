/**
 * The servable format (format.ts) back into a model that predicts from a table: the bundled
 * featurizer turns the table's feature columns into x, the restored model gives probabilities.
 * No SF runs and no slice masks: a served model needs the feature columns only.
 */
import * as tf from '@tensorflow/tfjs';
import { argmaxRows } from '../argmax.ts';
import { featurize, type FeaturizerSpec } from '../features.ts';
import type { ModelSpec } from '../model/types.ts';
import type { Table } from '../table.ts';
import { restoreTrainedModel, type VariableSnapshot } from '../train/trained.ts';
import { MODEL_KINDS, type Confidence, type ModelConfig, type ModelKind } from '../train/types.ts';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, MODEL_JSON, type ExportedModelJson } from './format.ts';

export interface TablePrediction {
  /** [rows, classes] row-major class probabilities. */
  proba: Float32Array;
  /** [rows] the most probable class's name (the first one on ties). */
  predicted: string[];
}

export interface LoadedModel {
  readonly kind: ModelKind;
  readonly spec: ModelSpec;
  readonly featurizer: FeaturizerSpec;
  readonly classes: string[];
  readonly label: string;
  readonly features: string[];
  /** x [rows, dim] row-major (already featurized) -> probabilities [rows, classes]. */
  predictProba(x: Float32Array, dim: number): Float32Array;
  /** Featurizes `table` with the bundled featurizer and predicts every row. */
  predictTable(table: Table): TablePrediction;
  dispose(): void;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

/**
 * A version 1 model.json (before the six models) as version 2: its kinds were plain, reweighted and
 * sliceAware, and its spec held temperature / confidence / sliceWeight / sram flat. Only the
 * reference SRAM structure ('attention', linear experts, no residual) still serves, as 'sram'; the
 * learned-weight and other research structures were removed from the product.
 */
function upgradeV1(json: Record<string, unknown>, fail: (detail: string) => never): Record<string, unknown> {
  const spec = isObject(json.spec) ? json.spec : fail('"spec" is missing or incomplete');
  const kind = json.kind;
  const sram = isObject(spec.sram) ? spec.sram : {};
  let model: ModelConfig;
  if (kind === 'plain') model = { kind: 'plain' };
  else if (kind === 'reweighted') model = { kind: 'reweighted', mode: 'constant', weight: Number(spec.sliceWeight ?? 3) };
  else if (kind === 'sliceAware') {
    if ((sram.combine ?? 'attention') !== 'attention' || (sram.expert ?? 'linear') !== 'linear' || sram.residual === true) {
      fail(
        `this model was exported with the slice-aware structure "${String(sram.combine)}", which this version no longer serves; train it again and export the new model`,
      );
    }
    // Version 1 experts were full rank (expertRank 0).
    model = {
      kind: 'sram',
      temperature: Number(spec.temperature ?? 1),
      confidence: (spec.confidence as Confidence | undefined) ?? 'maxProb',
      expertRank: 0,
    };
  } else return fail(`unknown model kind ${JSON.stringify(kind)}`);
  const { temperature: _t, confidence: _c, sliceWeight: _w, sram: _s, ...rest } = spec;
  const k = Array.isArray(rest.slices) ? rest.slices.length : 0;
  const counts = { slices: new Array<number>(k).fill(0), outside: 0, rows: 0 };
  return { ...json, version: MODEL_FORMAT_VERSION, kind: model.kind, spec: { ...rest, counts, model } };
}

/** Parses and checks model.json (version 1 or 2); errors start with `source: `. */
export function parseModelJson(modelJson: string | object, source = MODEL_JSON): ExportedModelJson {
  const fail = (detail: string): never => {
    throw new Error(`${source}: ${detail}`);
  };
  let json: unknown = modelJson;
  if (typeof modelJson === 'string') {
    try {
      json = JSON.parse(modelJson);
    } catch (error) {
      fail(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (!isObject(json)) return fail('not a Slicewise model (expected a JSON object)');
  if (json.format !== MODEL_FORMAT) fail(`not a Slicewise model (format is ${JSON.stringify(json.format)}, expected "${MODEL_FORMAT}")`);
  if (json.version === 1) json = upgradeV1(json, fail);
  if (!isObject(json) || json.version !== MODEL_FORMAT_VERSION) {
    fail(
      `format version ${JSON.stringify((json as { version?: unknown }).version)} is not supported (this version reads 1 and ${MODEL_FORMAT_VERSION})`,
    );
  }
  if (!isObject(json)) return fail('not a Slicewise model');
  if (!MODEL_KINDS.includes(json.kind as ModelKind)) fail(`unknown model kind ${JSON.stringify(json.kind)}`);
  const spec = json.spec;
  if (!isObject(spec) || typeof spec.dim !== 'number' || typeof spec.classes !== 'number') return fail('"spec" is missing or incomplete');
  if (!isObject(spec.model) || spec.model.kind !== json.kind) fail(`"spec.model" must describe the ${String(json.kind)} model`);
  const featurizer = json.featurizer;
  if (!isObject(featurizer) || !Array.isArray(featurizer.columns) || typeof featurizer.dim !== 'number') {
    fail('"featurizer" is missing or incomplete');
  }
  const featurizerVersion = (featurizer as { version?: unknown }).version;
  if (featurizerVersion !== 1 && featurizerVersion !== 2) {
    fail(`featurizer version ${JSON.stringify(featurizerVersion)} is not one this Slicewise reads (1 or 2)`);
  }
  if (!isStringArray(json.classes)) fail('"classes" must be an array of strings');
  if (!isStringArray(json.features)) fail('"features" must be an array of strings');
  if (typeof json.label !== 'string') fail('"label" must be a string');
  const parsed = json as unknown as ExportedModelJson;
  if (parsed.featurizer.dim !== parsed.spec.dim)
    fail(`the featurizer gives ${parsed.featurizer.dim} inputs, the model takes ${parsed.spec.dim}`);
  if (parsed.classes.length !== parsed.spec.classes) fail(`${parsed.classes.length} class names for ${parsed.spec.classes} outputs`);
  const manifest = json.weightsManifest;
  if (!Array.isArray(manifest) || manifest.length !== 1 || !isObject(manifest[0]) || !Array.isArray(manifest[0].weights)) {
    fail('"weightsManifest" must hold one group (weights.bin)');
  }
  for (const w of parsed.weightsManifest[0].weights) {
    if (!isObject(w) || typeof w.name !== 'string' || !Array.isArray(w.shape) || w.dtype !== 'float32') {
      fail(`weight entry ${JSON.stringify(w)} must have a name, a shape and dtype "float32"`);
    }
  }
  return parsed;
}

/**
 * A model from the two files of an export. Throws (with `source` in the message) on a malformed
 * model.json, a weights.bin of the wrong size, or weights that do not fit the model the spec builds.
 */
export function loadExportedModel(modelJson: string | object, weights: ArrayBuffer, source = MODEL_JSON): LoadedModel {
  const json = parseModelJson(modelJson, source);
  const entries = json.weightsManifest[0].weights;
  const expectedBytes = entries.reduce((sum, w) => sum + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
  if (weights.byteLength !== expectedBytes) {
    throw new Error(`${source}: weights.bin has ${weights.byteLength} bytes, the manifest describes ${expectedBytes}`);
  }
  const decoded = tf.io.decodeWeights(weights, entries);
  let variables: VariableSnapshot[];
  try {
    variables = entries.map((w) => {
      const t = decoded[w.name];
      if (!t) throw new Error(`${source}: weight "${w.name}" is missing from weights.bin`);
      return { shape: [...w.shape], dtype: 'float32', values: Float32Array.from(t.dataSync() as Float32Array) };
    });
  } finally {
    tf.dispose(Object.values(decoded));
  }
  let trained;
  try {
    trained = restoreTrainedModel({ kind: json.kind, spec: json.spec, variables });
  } catch (error) {
    throw new Error(`${source}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { featurizer, classes } = json;
  const c = classes.length;
  return {
    kind: json.kind,
    spec: trained.spec,
    featurizer,
    classes: [...classes],
    label: json.label,
    features: [...json.features],
    predictProba: (x, dim) => trained.predictProba(x, dim),
    predictTable(table) {
      const { x, dim } = featurize(featurizer, table);
      const proba = trained.predictProba(x, dim);
      const predicted = Array.from(argmaxRows(proba, c), (k) => classes[k]!);
      return { proba, predicted };
    },
    dispose: () => trained.dispose(),
  };
}
