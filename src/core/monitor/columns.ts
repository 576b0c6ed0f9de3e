/**
 * Which columns new data must have for monitoring: the label, the model's features, and the columns
 * the SF code reads (`row.name` or `row['name']`, matched against the training table's columns).
 */
import type { Table } from '../table.ts';

/** Columns of `known` that the SF source reads through `row.name`, `row['name']` or `row["name"]`. */
export function sfColumns(source: string, known: readonly string[]): string[] {
  const used = new Set<string>();
  for (const m of source.matchAll(/\brow\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*(['"])(.*?)\2\s*\])/g)) used.add(m[1] ?? m[3] ?? '');
  return known.filter((name) => used.has(name));
}

/** The required columns the table lacks, in the order given (duplicates once). */
export function missingColumns(table: Table, required: readonly string[]): string[] {
  const have = new Set(table.columns.map((c) => c.name));
  return [...new Set(required)].filter((name) => !have.has(name));
}

/** "a, b and 3 more": a list for a message, cut after `max` names. */
export function nameList(names: readonly string[], max = 8): string {
  const shown = names.slice(0, max).map((n) => `"${n}"`);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
