/**
 * Parquet (hyparquet + hyparquet-compressors) and Arrow IPC (flechette) files into a Table. Both are
 * read from one ArrayBuffer (they are binary and column-oriented: a column is decoded at a time). The
 * decoded values keep their types (numbers, bigints, booleans, Dates, strings, null) and go through
 * ColumnBuilder.addValue, so inference, type overrides and missing values work as for CSV; a string
 * column of numbers is a number column, as in a CSV.
 */
import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { tableFromIPC } from '@uwdata/flechette';
import { ColumnBuilder, type ReadPosition } from './builder.ts';
import { assembleTable } from './assemble.ts';
import { fileError } from './errors.ts';
import type { ColumnKind, Table } from '../table.ts';

export interface DecodedColumn {
  name: string;
  /** One value per row, in row order. */
  values: ArrayLike<unknown>;
}

/** Decoded columns into a Table; a column that fails inference is re-added from its values as strings. */
export function tableFromDecoded(
  file: string,
  columns: readonly DecodedColumn[],
  rows: number,
  types: Record<string, ColumnKind> = {},
): Table {
  if (columns.length === 0) throw fileError(file, 'the file has no columns');
  const position: ReadPosition = { line: 0 };
  const build = (c: DecodedColumn, stringsOnly: boolean): ColumnBuilder => {
    const forced = Object.prototype.hasOwnProperty.call(types, c.name) ? (types[c.name] as ColumnKind) : null;
    const b = new ColumnBuilder(c.name, forced, position, rows, stringsOnly);
    const values = c.values;
    for (let r = 0; r < rows; r++) b.addValue(values[r]);
    return b;
  };
  const builders = columns.map((c) => build(c, false));
  const again = new Map<string, ColumnBuilder>();
  columns.forEach((c, i) => {
    if ((builders[i] as ColumnBuilder).failed) again.set(c.name, build(c, true));
  });
  return assembleTable(file, builders, rows, again);
}

/** A Parquet file's top-level columns (nested ones arrive as objects/arrays, shown as JSON text). */
export async function readParquet(buffer: ArrayBuffer, file: string, types?: Record<string, ColumnKind>): Promise<Table> {
  let metadata;
  try {
    metadata = parquetMetadata(buffer);
  } catch (e) {
    throw fileError(file, `not a readable Parquet file (${(e as Error).message})`);
  }
  const rows = Number(metadata.num_rows);
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  const chunks = new Map<string, { rowStart: number; data: ArrayLike<unknown> }[]>(names.map((n) => [n, []]));
  await parquetRead({
    file: buffer,
    metadata,
    compressors,
    onChunk: (chunk) => chunks.get(chunk.columnName)?.push({ rowStart: chunk.rowStart, data: chunk.columnData }),
  });
  const columns = names.map((name): DecodedColumn => {
    const parts = (chunks.get(name) ?? []).sort((a, b) => a.rowStart - b.rowStart);
    if (parts.length === 1 && (parts[0] as { data: ArrayLike<unknown> }).data.length === rows) {
      return { name, values: (parts[0] as { data: ArrayLike<unknown> }).data };
    }
    const values = new Array<unknown>(rows).fill(null);
    for (const p of parts) for (let i = 0; i < p.data.length && p.rowStart + i < rows; i++) values[p.rowStart + i] = p.data[i];
    return { name, values };
  });
  return tableFromDecoded(file, columns, rows, types);
}

/** An Arrow IPC file or stream (.arrow, .feather v2, .ipc). */
export function readArrow(buffer: ArrayBuffer, file: string, types?: Record<string, ColumnKind>): Table {
  let table;
  try {
    table = tableFromIPC(new Uint8Array(buffer), { useDate: true });
  } catch (e) {
    throw fileError(file, `not a readable Arrow IPC file (${(e as Error).message})`);
  }
  const columns = table.schema.fields.map((field, i): DecodedColumn => {
    const child = table.getChildAt(i);
    return { name: field.name, values: child ? (child.toArray() as ArrayLike<unknown>) : [] };
  });
  return tableFromDecoded(file, columns, table.numRows, types);
}
