/**
 * The recommendation: which trained model to use, chosen on VALIDATION rows by the run's objective.
 * It reads only the models' validation evaluations (TrainResult.final, measured on data.validIdx,
 * which prepare.ts never fills with test rows), so no test row can sway it.
 */
import { MODEL_LABELS, SIMPLICITY, type Candidate, type Evaluation, type ModelKind, type Objective, type Recommendation } from './types.ts';

/** Two scores closer than this (accuracy fraction: 0.1 point) are a tie, which the simpler model wins. */
export const TIE = 0.001;

export function candidateOf(model: ModelKind, evaluation: Evaluation, parameters: number): Omit<Candidate, 'eligible'> {
  const accs = Object.values(evaluation.slices)
    .filter((m) => m.support > 0)
    .map((m) => m.accuracy);
  return {
    model,
    parameters,
    overall: evaluation.overall.accuracy,
    meanSlice: accs.length > 0 ? accs.reduce((a, b) => a + b, 0) / accs.length : NaN,
    worstSlice: accs.length > 0 ? Math.min(...accs) : NaN,
  };
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(100 * v).toFixed(1)}`;

/**
 * evaluations: each trained model's validation evaluation, in settings order; null when none trained.
 * Without slices (or slice rows) the slice objectives fall back to overall accuracy.
 */
export function recommend(
  evaluations: { model: ModelKind; evaluation: Evaluation; parameters: number }[],
  objective: Objective,
  rows: Recommendation['rows'],
): Recommendation | null {
  if (evaluations.length === 0) return null;
  const base = evaluations.map((e) => candidateOf(e.model, e.evaluation, e.parameters));
  const plain = base.find((c) => c.model === 'plain');
  const slicesScored = base.every((c) => Number.isFinite(c.meanSlice));
  const target = objective.target !== 'overall' && slicesScored ? objective.target : 'overall';
  const floor = target !== 'overall' && plain ? plain.overall - objective.maxOverallDrop : -Infinity;
  const candidates: Candidate[] = base.map((c) => ({ ...c, eligible: c.overall >= floor - 1e-12 }));
  const score = (c: Pick<Candidate, 'overall' | 'meanSlice' | 'worstSlice'>) => c[target];
  const rank = (m: ModelKind) => SIMPLICITY.indexOf(m);
  // Eligible ones first; then the best score, where scores within TIE count as equal and the simpler wins.
  const pool = candidates.filter((c) => c.eligible);
  const best = Math.max(...pool.map(score));
  const chosen = pool.filter((c) => score(c) >= best - TIE).sort((a, b) => rank(a.model) - rank(b.model))[0]!;
  const label = MODEL_LABELS[chosen.model];
  const on = rows === 'valid' ? 'validation rows' : 'rows held out of train (the data has no valid split)';
  const what = { meanSlice: 'mean slice accuracy', worstSlice: 'worst slice accuracy', overall: 'overall accuracy' }[target];
  let reason = `${label}: highest ${what} on ${candidates.length > 1 ? 'the ' : ''}${on}, ${pct(score(chosen))}`;
  if (target !== 'overall' && plain) {
    reason += ` (plain ${pct(score(plain))}), with overall ${pct(chosen.overall)} vs plain's ${pct(plain.overall)} (${signed(chosen.overall - plain.overall)} points; at most ${(100 * objective.maxOverallDrop).toFixed(1)} below allowed)`;
    const excluded = candidates.filter((c) => !c.eligible).map((c) => MODEL_LABELS[c.model]);
    if (excluded.length > 0) reason += `; ${excluded.join(', ')} fell below that`;
  }
  if (target !== objective.target) reason += '; no slice has validation rows, so overall accuracy decided';
  return { model: chosen.model, objective, rows, validRows: evaluations[0]!.evaluation.overall.support, candidates, reason: `${reason}.` };
}
