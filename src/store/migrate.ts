/**
 * Saved settings and runs from before the six-model contract, brought to today's shape on load.
 *
 * Before: `{ models: ['plain','reweighted','sliceAware'], temperature, confidence, sliceWeight, sram:
 * 'slicewise'|'reference', sramOptions }`, runs keyed 'sliceAware'. Now (src/core/train/types.ts):
 * `{ models, epochs, learningRate, batchSize, hiddenSize, seed, options, objective }`.
 * - model 'sliceAware' -> 'sram' (in settings, history, final, predictions, diverged);
 * - sliceWeight -> options.reweighted.weight; temperature / confidence -> options.sram;
 * - unknown fields (sram, sramOptions, ...) are dropped; missing or invalid ones come from DEFAULT_SETTINGS.
 * Pure functions of plain data: they never throw, whatever a file holds.
 */
import {
  DEFAULT_MODELS,
  DEFAULT_OBJECTIVE,
  DEFAULT_OPTIONS,
  DEFAULT_SETTINGS,
  MODEL_KINDS,
  type EpochReport,
  type Evaluation,
  type ModelKind,
  type ModelOptions,
  type Objective,
  type Recommendation,
  type TrainSettings,
} from '../core/train/types.ts';
import type { SavedRun } from './persist.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A model id of today, from today's or an old one ('sliceAware'); null for anything else. */
export function migrateModelKind(kind: unknown): ModelKind | null {
  if (kind === 'sliceAware') return 'sram';
  return MODEL_KINDS.includes(kind as ModelKind) ? (kind as ModelKind) : null;
}

/** `raw[key]` when it is a finite number >= min (integer if asked), else `fallback`. */
function num(raw: Obj, key: string, fallback: number, min = 0, integer = false): number {
  const v = raw[key];
  return typeof v === 'number' && Number.isFinite(v) && v >= min && (!integer || Number.isInteger(v)) ? v : fallback;
}

function pick<T extends string>(v: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(v as T) ? (v as T) : fallback;
}

function migrateOptions(raw: Obj): ModelOptions {
  // Old flat fields first, then today's `options` over them.
  const o = isObject(raw.options) ? raw.options : {};
  const part = (k: keyof ModelOptions): Obj => (isObject(o[k]) ? (o[k] as Obj) : {});
  const rw = part('reweighted');
  const sram = part('sram');
  const hps = part('hps');
  const moe = part('moe');
  const dro = part('groupDro');
  const d = DEFAULT_OPTIONS;
  return {
    reweighted: {
      mode: pick(rw.mode, ['constant', 'inverseFrequency'] as const, d.reweighted.mode),
      weight: num(rw, 'weight', num(raw, 'sliceWeight', d.reweighted.weight, 0), 0),
    },
    sram: {
      temperature: num(sram, 'temperature', num(raw, 'temperature', d.sram.temperature, 1e-9), 1e-9),
      confidence: pick(sram.confidence ?? raw.confidence, ['maxProb', 'entropy', 'positiveClass'] as const, d.sram.confidence),
    },
    hps: { sliceLossWeight: num(hps, 'sliceLossWeight', d.hps.sliceLossWeight) },
    moe: { expertLossWeight: num(moe, 'expertLossWeight', d.moe.expertLossWeight) },
    groupDro: { eta: num(dro, 'eta', d.groupDro.eta), sizeAdjustment: num(dro, 'sizeAdjustment', d.groupDro.sizeAdjustment) },
  };
}

function migrateObjective(raw: unknown): Objective {
  const o = isObject(raw) ? raw : {};
  return {
    target: pick(o.target, ['meanSlice', 'worstSlice', 'overall'] as const, DEFAULT_OBJECTIVE.target),
    maxOverallDrop: num(o, 'maxOverallDrop', DEFAULT_OBJECTIVE.maxOverallDrop),
  };
}

/** Today's TrainSettings from whatever a project saved (old shapes, partial, or garbage). */
export function migrateSettings(raw: unknown): TrainSettings {
  const s = isObject(raw) ? raw : {};
  const listed = Array.isArray(s.models) ? s.models.map(migrateModelKind).filter((k): k is ModelKind => k !== null) : [];
  const models = MODEL_KINDS.filter((k) => listed.includes(k));
  const d = DEFAULT_SETTINGS;
  return {
    models: models.length > 0 ? models : [...DEFAULT_MODELS],
    epochs: num(s, 'epochs', d.epochs, 1, true),
    learningRate: num(s, 'learningRate', d.learningRate, 1e-12),
    batchSize: num(s, 'batchSize', d.batchSize, 1, true),
    hiddenSize: num(s, 'hiddenSize', d.hiddenSize, 1, true),
    seed: num(s, 'seed', d.seed, 0, true),
    options: migrateOptions(s),
    objective: migrateObjective(s.objective),
  };
}

/** A record keyed by model id, with old ids renamed and unknown ones dropped. */
function rekey<T>(raw: unknown, keep: (v: unknown) => v is T): Partial<Record<ModelKind, T>> {
  const out: Partial<Record<ModelKind, T>> = {};
  if (!isObject(raw)) return out;
  for (const [k, v] of Object.entries(raw)) {
    const kind = migrateModelKind(k);
    if (kind && keep(v)) out[kind] = v;
  }
  return out;
}

const isEvaluation = (v: unknown): v is Evaluation => isObject(v) && isObject(v.overall) && isObject(v.slices);
const isInt32 = (v: unknown): v is Int32Array => v instanceof Int32Array;
const isNumber = (v: unknown): v is number => typeof v === 'number';

function migrateRecommendation(raw: unknown): Recommendation | null {
  if (!isObject(raw) || !migrateModelKind(raw.model) || typeof raw.reason !== 'string' || !Array.isArray(raw.candidates)) return null;
  return { ...(raw as unknown as Recommendation), model: migrateModelKind(raw.model)!, objective: migrateObjective(raw.objective) };
}

/**
 * Today's SavedRun from a saved one (null when it is not one). Old epoch reports have no parameter
 * count: NaN (shown as "–").
 */
export function migrateRun(raw: unknown): SavedRun | null {
  if (!isObject(raw) || !Array.isArray(raw.history)) return null;
  const history: EpochReport[] = [];
  for (const r of raw.history as unknown[]) {
    if (!isObject(r)) continue;
    const model = migrateModelKind(r.model);
    if (!model || !isEvaluation(r.valid)) continue;
    history.push({ ...(r as unknown as EpochReport), model, parameters: typeof r.parameters === 'number' ? r.parameters : NaN });
  }
  const diverged = Array.isArray(raw.diverged)
    ? (raw.diverged as unknown[]).flatMap((d) => {
        const model = isObject(d) ? migrateModelKind(d.model) : null;
        return model ? [{ ...(d as { epoch: number; message: string }), model }] : [];
      })
    : [];
  return {
    status: raw.status === 'stopped' ? 'stopped' : 'done',
    trainMessage: typeof raw.trainMessage === 'string' ? raw.trainMessage : null,
    history,
    final: rekey(raw.final, isEvaluation),
    diverged,
    runSlices: Array.isArray(raw.runSlices) ? (raw.runSlices as SavedRun['runSlices']) : [],
    runSettings: raw.runSettings ? migrateSettings(raw.runSettings) : null,
    runClasses: Array.isArray(raw.runClasses) ? (raw.runClasses as string[]) : [],
    predictions: rekey(raw.predictions, isInt32),
    parameters: rekey(raw.parameters, isNumber),
    recommendation: migrateRecommendation(raw.recommendation),
  };
}
