/**
 * Column kind inference on cells already in memory (tests, small tools). The rules live in
 * builder.ts (ColumnBuilder); this runs them over an array of strings, with the same second pass as
 * the file readers for a column that looked numeric and was not.
 */
import { ColumnBuilder } from './builder.ts';
import type { Column, ColumnKind } from '../table.ts';

export { MAX_CATEGORY_LEVELS } from './builder.ts';
export { MISSING_TOKENS, normaliseCell, parseNumber, parseBoolean, parseIsoDate } from './cells.ts';

/** A typed column from raw cells; `kind` forces it (cells that do not fit become missing). */
export function buildColumn(name: string, cells: readonly string[], kind: ColumnKind | null = null): Column {
  const position = { line: 0 };
  let builder = new ColumnBuilder(name, kind, position, cells.length);
  for (const c of cells) builder.addString(c);
  if (builder.failed) {
    builder = new ColumnBuilder(name, null, position, cells.length, true);
    for (const c of cells) builder.addString(c);
  }
  return builder.finish();
}

/** The kind the inference rules give these cells. */
export function inferKind(cells: readonly string[]): ColumnKind {
  return buildColumn('', cells).kind;
}
