/** Writing predictions as CSV (RFC 4180 quoting). */

/** A field quoted when it holds a comma, quote, line break or edge spaces. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The shortest decimal that reads back as the same float32 (at most 9 significant digits), so a
 * probability survives the CSV exactly: Math.fround(Number(text)) === v.
 */
export function formatFloat32(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  for (let digits = 1; digits < 9; digits++) {
    const text = String(Number(v.toPrecision(digits)));
    if (Math.fround(Number(text)) === v) return text;
  }
  return String(Number(v.toPrecision(9)));
}

/** Header `predicted,proba_<class>...`, then one line per row. proba: [rows, classes] row-major. */
export function predictionsCsv(classes: readonly string[], predicted: readonly string[], proba: Float32Array): string {
  const c = classes.length;
  const lines = [['predicted', ...classes.map((k) => `proba_${k}`)].map(csvField).join(',')];
  for (let i = 0; i < predicted.length; i++) {
    const fields = [csvField(predicted[i]!)];
    for (let k = 0; k < c; k++) fields.push(formatFloat32(proba[i * c + k]!));
    lines.push(fields.join(','));
  }
  return `${lines.join('\n')}\n`;
}
