/**
 * Turns epoch reports into the small plain arrays the charts draw. Pure: unit-tested in Node.
 */
import { MODEL_KINDS, type EpochReport, type ModelKind } from '../../core/train/types.ts';

/** One colour per model, told apart on a white chart (and matching .swatch-<kind> in app.css). */
export const MODEL_COLORS: Record<ModelKind, string> = {
  plain: '#8a94a6',
  reweighted: '#e8912d',
  sram: '#1f5fa0',
  hps: '#2e9a5b',
  moe: '#8e5bc4',
  groupDro: '#c2417a',
};

export const OVERALL = 'overall';

export type EpochPoint = { epoch: number } & Partial<Record<ModelKind, number>>;

/** Accuracy per epoch for one slice (or OVERALL), one key per model: [{epoch, plain, sram}]. */
export function accuracySeries(history: EpochReport[], slice: string): EpochPoint[] {
  const byEpoch = new Map<number, EpochPoint>();
  for (const r of history) {
    const m = slice === OVERALL ? r.valid.overall : r.valid.slices[slice];
    if (!m) continue;
    const point = byEpoch.get(r.epoch) ?? { epoch: r.epoch };
    point[r.model] = m.accuracy;
    byEpoch.set(r.epoch, point);
  }
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

/** Training loss per epoch, one key per model. */
export function lossSeries(history: EpochReport[]): EpochPoint[] {
  const byEpoch = new Map<number, EpochPoint>();
  for (const r of history) {
    const point = byEpoch.get(r.epoch) ?? { epoch: r.epoch };
    point[r.model] = r.trainLoss;
    byEpoch.set(r.epoch, point);
  }
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

/** The newest report of each model. */
export function latestByModel(history: EpochReport[]): Partial<Record<ModelKind, EpochReport>> {
  const out: Partial<Record<ModelKind, EpochReport>> = {};
  for (const r of history) {
    const prev = out[r.model];
    if (!prev || r.epoch >= prev.epoch) out[r.model] = r;
  }
  return out;
}

/** Models that appear in the history, in a fixed order (MODEL_KINDS). */
export function modelsIn(history: EpochReport[]): ModelKind[] {
  const seen = new Set(history.map((r) => r.model));
  return MODEL_KINDS.filter((k) => seen.has(k));
}
