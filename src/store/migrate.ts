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
import { isObject, migrateModelKind, migrateObjective, migrateSettings } from '../core/train/settings.ts';
import type { EpochReport, Evaluation, ModelKind, Recommendation } from '../core/train/types.ts';

export { migrateModelKind, migrateSettings };
import type { SavedRun } from './persist.ts';

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
