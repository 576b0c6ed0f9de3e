/**
 * The run's epoch reports as the store keeps them. A routing summary (SRAM attention, MoE gate) is
 * slices × experts numbers: 263k at 512 slices, per report. Only the newest of each model is ever
 * drawn, so older reports drop theirs: the history grows linearly in slices and epochs, not in
 * slices² × epochs (a 30-epoch run at 512 slices kept ~16M numbers, in memory and in the saved project).
 */
import type { EpochReport } from '../core/train/types.ts';

/** `history` + `batch`, with attention kept only on each model's newest report. Pure; reuses unchanged reports. */
export function appendReports(history: readonly EpochReport[], batch: readonly EpochReport[]): EpochReport[] {
  const all = [...history, ...batch];
  const newest = new Map<string, number>();
  all.forEach((r, i) => {
    if (r.attention) newest.set(r.model, i);
  });
  return all.map((r, i) => {
    if (!r.attention || newest.get(r.model) === i) return r;
    const { attention: _dropped, ...rest } = r;
    return rest;
  });
}
