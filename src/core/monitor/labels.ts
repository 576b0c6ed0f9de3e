/**
 * The label column of new data as class indices of a trained run (its class names, in its order).
 * Rows whose label is missing or a class the model never saw get -1 and are left out of every metric;
 * `unknown` counts them by value so the view can say so.
 */
import { cell, getColumn, type Table } from '../table.ts';

export interface KnownLabels {
  /** [rows] index into `classes`, or -1 (missing or unknown label). */
  y: Int32Array;
  /** Label values not among the classes, with their row counts (most frequent first). */
  unknown: { value: string; count: number }[];
  missing: number;
}

/** The class name a label cell stands for, as encodeLabels names classes ('1' for 1.0, strings as is). */
function labelText(v: ReturnType<typeof cell>): string | null {
  if (v === null || v === '') return null;
  if (typeof v === 'number') return Number.isNaN(v) ? null : String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return v;
}

export function encodeKnownLabels(table: Table, column: string, classes: readonly string[]): KnownLabels {
  const col = getColumn(table, column);
  const index = new Map(classes.map((c, i) => [String(c), i]));
  const y = new Int32Array(table.rowCount);
  const unknown = new Map<string, number>();
  let missing = 0;
  for (let r = 0; r < table.rowCount; r++) {
    const text = labelText(cell(col, r));
    if (text === null) {
      y[r] = -1;
      missing++;
      continue;
    }
    const k = index.get(text);
    if (k === undefined) {
      y[r] = -1;
      unknown.set(text, (unknown.get(text) ?? 0) + 1);
    } else y[r] = k;
  }
  return { y, unknown: [...unknown].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count), missing };
}
