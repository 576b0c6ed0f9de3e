/**
 * A dataset held column by column. Numbers live in Float64Array (missing = NaN); strings in plain
 * arrays (missing = ''). Row objects are only built transiently (see rowView) where user code needs them.
 */
export type ColumnKind = 'number' | 'category' | 'text';

export type Column =
  | { name: string; kind: 'number'; values: Float64Array }
  | { name: string; kind: 'category' | 'text'; values: string[] };

export interface Table {
  /** Where it came from, for messages: a file name or 'example:circles2d'. */
  source: string;
  rowCount: number;
  columns: Column[];
}

export type CellValue = number | string;
export type Row = Record<string, CellValue>;

export function getColumn(table: Table, name: string): Column {
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw new Error(`${table.source}: no column named "${name}"`);
  return column;
}

export function cell(column: Column, row: number): CellValue {
  return column.values[row] as CellValue;
}

/** One row as a plain object (for display and tests; the SF applier uses a reused object). */
export function rowAt(table: Table, row: number): Row {
  const out: Row = {};
  for (const c of table.columns) out[c.name] = cell(c, row);
  return out;
}
