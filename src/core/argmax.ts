/**
 * The predicted class of each row: the index of the highest probability, the first one on ties.
 * proba: [rows, classes] row-major. The one argmax of the codebase (evaluation, reports, serving).
 */
export function argmaxRows(proba: Float32Array, classes: number): Int32Array {
  const rows = Math.floor(proba.length / classes);
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const at = i * classes;
    let best = 0;
    for (let k = 1; k < classes; k++) if (proba[at + k]! > proba[at + best]!) best = k;
    out[i] = best;
  }
  return out;
}
