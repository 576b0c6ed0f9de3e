/**
 * Classification metrics for a subset of rows (a slice, a split). Multiclass precision/recall/F1
 * are macro averages over the classes present in the subset's labels or predictions.
 */
export interface SliceMetrics {
  support: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** 95% Wilson score interval for accuracy, [low, high]. */
  accuracyCi: [number, number];
  /** confusion[true][predicted], counts. */
  confusion: number[][];
}

/** Wilson score interval for k successes in n trials (z = 1.96 for 95%). */
export function wilson(k: number, n: number, z = 1.96): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * Metrics over the rows in `rows` (indices into y/pred), or all rows when omitted.
 * Binary tasks (2 classes) report precision/recall/F1 of class 1; others the macro average.
 */
export function computeMetrics(y: ArrayLike<number>, pred: ArrayLike<number>, numClasses: number, rows?: ArrayLike<number>): SliceMetrics {
  const confusion = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  const n = rows ? rows.length : y.length;
  let correct = 0;
  for (let j = 0; j < n; j++) {
    const i = rows ? (rows[j] as number) : j;
    const t = y[i] as number;
    const p = pred[i] as number;
    (confusion[t] as number[])[p]! += 1;
    if (t === p) correct++;
  }
  const perClass = (c: number) => {
    let tp = 0,
      fp = 0,
      fn = 0;
    for (let k = 0; k < numClasses; k++) {
      if (k !== c) {
        fp += confusion[k]![c]!;
        fn += confusion[c]![k]!;
      }
    }
    tp = confusion[c]![c]!;
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { precision, recall, f1, present: tp + fp + fn > 0 };
  };
  let precision = 0,
    recall = 0,
    f1 = 0;
  if (numClasses === 2) {
    ({ precision, recall, f1 } = perClass(1));
  } else {
    let present = 0;
    for (let c = 0; c < numClasses; c++) {
      const m = perClass(c);
      if (!m.present) continue;
      present++;
      precision += m.precision;
      recall += m.recall;
      f1 += m.f1;
    }
    if (present > 0) {
      precision /= present;
      recall /= present;
      f1 /= present;
    }
  }
  return {
    support: n,
    accuracy: n === 0 ? 0 : correct / n,
    precision,
    recall,
    f1,
    accuracyCi: wilson(correct, n),
    confusion,
  };
}

/**
 * Is the difference between two accuracies on the same n rows within noise? A conservative check:
 * the two Wilson intervals overlap the other's point estimate.
 */
export function withinNoise(a: SliceMetrics, b: SliceMetrics): boolean {
  return (
    (b.accuracy >= a.accuracyCi[0] && b.accuracy <= a.accuracyCi[1]) || (a.accuracy >= b.accuracyCi[0] && a.accuracy <= b.accuracyCi[1])
  );
}
