/**
 * Training settings from whatever a project file or an old save holds, in today's shape. Pure: never
 * throws. Shared by the app (store/migrate.ts) and the CLI (`slicewise train --project`).
 *
 * Before the six models: `{ models: ['plain','reweighted','sliceAware'], temperature, confidence,
 * sliceWeight, sram: 'slicewise'|'reference', sramOptions }`. Now (types.ts): `{ models, epochs,
 * learningRate, batchSize, hiddenSize, seed, options, objective }`.
 * - model 'sliceAware' -> 'sram'; sliceWeight -> options.reweighted.weight; temperature / confidence -> options.sram;
 * - unknown fields (sram, sramOptions, ...) are dropped; missing or invalid ones come from DEFAULT_SETTINGS.
 */
import {
  DEFAULT_MODELS,
  DEFAULT_OBJECTIVE,
  DEFAULT_OPTIONS,
  DEFAULT_SETTINGS,
  MODEL_KINDS,
  type ModelKind,
  type ModelOptions,
  type Objective,
  type TrainSettings,
} from './types.ts';

export type Obj = Record<string, unknown>;
export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

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
      expertRank:
        sram.expertRank === 'auto' || (typeof sram.expertRank === 'number' && Number.isInteger(sram.expertRank) && sram.expertRank >= 0)
          ? sram.expertRank
          : d.sram.expertRank,
    },
    hps: { sliceLossWeight: num(hps, 'sliceLossWeight', d.hps.sliceLossWeight) },
    moe: { expertLossWeight: num(moe, 'expertLossWeight', d.moe.expertLossWeight) },
    groupDro: { eta: num(dro, 'eta', d.groupDro.eta), sizeAdjustment: num(dro, 'sizeAdjustment', d.groupDro.sizeAdjustment) },
  };
}

export function migrateObjective(raw: unknown): Objective {
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
