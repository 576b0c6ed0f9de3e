/** Checks of a training request, with messages a user can act on. */
import { MODEL_KINDS, BASE_SLICE, type TrainData, type TrainSettings } from './types.ts';

/** Throws an Error describing the first problem found. */
export function validateTrainInput(data: TrainData, settings: TrainSettings): void {
  const fail = (message: string): never => {
    throw new Error(message);
  };
  const rows = data.y.length;
  if (!(data.dim >= 1) || !Number.isInteger(data.dim)) fail(`dim must be a positive integer, got ${data.dim}`);
  if (data.x.length !== rows * data.dim) fail(`x has ${data.x.length} values, expected rows (${rows}) x dim (${data.dim})`);
  if (data.classes.length < 2) fail(`need at least 2 classes, got ${data.classes.length}`);
  for (const v of data.y) if (!(v >= 0 && v < data.classes.length)) fail(`label ${v} out of range [0, ${data.classes.length})`);
  const names = new Set<string>();
  for (const s of data.slices) {
    if (s.name === BASE_SLICE) fail(`'${BASE_SLICE}' is reserved for the slice of all examples; rename that slice`);
    if (names.has(s.name)) fail(`duplicate slice name '${s.name}'`);
    names.add(s.name);
    if (s.mask.length !== rows) fail(`slice '${s.name}' mask has ${s.mask.length} rows, expected ${rows}`);
  }
  if (data.trainIdx.length === 0) fail('the training split is empty');
  for (const idx of [data.trainIdx, data.validIdx]) {
    for (const i of idx) if (!(i >= 0 && i < rows)) fail(`split row index ${i} out of range [0, ${rows})`);
  }
  const s = settings;
  if (s.models.length === 0) fail('no model selected');
  for (const m of s.models) if (!MODEL_KINDS.includes(m)) fail(`unknown model '${String(m)}'`);
  if (new Set(s.models).size !== s.models.length) fail('a model is listed twice');
  if (!(Number.isInteger(s.epochs) && s.epochs >= 1)) fail(`epochs must be a positive integer, got ${s.epochs}`);
  if (!(Number.isInteger(s.batchSize) && s.batchSize >= 1)) fail(`batch size must be a positive integer, got ${s.batchSize}`);
  if (!(Number.isInteger(s.hiddenSize) && s.hiddenSize >= 1)) fail(`hidden size must be a positive integer, got ${s.hiddenSize}`);
  if (!(s.learningRate > 0 && Number.isFinite(s.learningRate))) fail(`learning rate must be > 0, got ${s.learningRate}`);
  const o = s.options;
  const positive = (v: number) => v > 0 && Number.isFinite(v);
  const nonNegative = (v: number) => v >= 0 && Number.isFinite(v);
  if (!positive(o.reweighted.weight)) fail(`reweighted: in-slice weight must be > 0, got ${o.reweighted.weight}`);
  if (!positive(o.sram.temperature)) fail(`SRAM: temperature must be > 0, got ${o.sram.temperature}`);
  if (!nonNegative(o.hps.sliceLossWeight)) fail(`hard sharing: slice loss weight must be >= 0, got ${o.hps.sliceLossWeight}`);
  if (!nonNegative(o.moe.expertLossWeight)) fail(`mixture of experts: expert loss weight must be >= 0, got ${o.moe.expertLossWeight}`);
  if (!nonNegative(o.groupDro.eta)) fail(`Group DRO: step size eta must be >= 0, got ${o.groupDro.eta}`);
  if (!nonNegative(o.groupDro.sizeAdjustment)) fail(`Group DRO: size adjustment must be >= 0, got ${o.groupDro.sizeAdjustment}`);
  if (!nonNegative(s.objective.maxOverallDrop)) fail(`objective: the allowed overall drop must be >= 0, got ${s.objective.maxOverallDrop}`);
  if (s.models.includes('sram') && o.sram.confidence === 'positiveClass' && data.classes.length !== 2) {
    fail(`SRAM: confidence 'positiveClass' is binary only; this task has ${data.classes.length} classes (use 'maxProb' or 'entropy')`);
  }
}

/** Number of NaN / Infinity feature values (used to explain a divergence). */
export function countNonFinite(x: Float32Array): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i]!)) n++;
  return n;
}
