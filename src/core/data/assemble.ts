/**
 * From finished builders to a Table, with the shared checks and the one recovery step: columns that
 * looked like numbers (or booleans, dates) and then were not are read a second time as strings by the
 * caller's `again` (a second pass over the same source, for those columns only).
 */
import type { ColumnBuilder } from './builder.ts';
import { DataError, fileError } from './errors.ts';
import type { Column, Conversion, Table } from '../table.ts';

/** Names of the builders that need a second, strings-only pass. */
export function failedColumns(builders: readonly (ColumnBuilder | null)[]): Set<string> {
  const out = new Set<string>();
  for (const b of builders) if (b?.failed) out.add(b.name);
  return out;
}

/**
 * The table: `builders` in column order (all non-null on the first pass), the failed ones replaced
 * by their re-read builder from `again`.
 */
export function assembleTable(
  file: string,
  builders: readonly (ColumnBuilder | null)[],
  rows: number,
  again: ReadonlyMap<string, ColumnBuilder> = new Map(),
): Table {
  if (rows === 0) throw fileError(file, 'there are no data rows after the header');
  const columns: Column[] = [];
  const conversions: Conversion[] = [];
  for (const first of builders) {
    if (first === null) continue;
    const b = first.failed ? again.get(first.name) : first;
    if (b === undefined) throw new Error(`${file}: column ${first.name} was not read again`);
    if (b.rowCount !== rows)
      throw new DataError(file, `${file}: could not be parsed (column "${b.name}" has ${b.rowCount} of ${rows} rows)`);
    columns.push(b.finish());
    const report = b.conversionReport;
    if (report) conversions.push(report);
  }
  return conversions.length > 0 ? { source: file, rowCount: rows, columns, conversions } : { source: file, rowCount: rows, columns };
}

/** One line per conversion, for people: `column "age" (integer): 3 values did not fit and are missing (first: "abc", line 17)`. */
export function describeConversion(c: Conversion): string {
  const where = c.first.line !== undefined ? `line ${c.first.line}` : `row ${c.first.row}`;
  const values = c.count === 1 ? '1 value does' : `${c.count} values do`;
  return `column "${c.column}" (${c.kind}): ${values} not fit and became missing (first: ${JSON.stringify(c.first.value)}, ${where})`;
}

/**
 * An allocation failure (RangeError: "Array buffer allocation failed", "Invalid array length",
 * "Invalid string length", or an out-of-memory error) as a DataError naming the size; others as is.
 */
export function asTooLarge(e: unknown, file: string, bytes: number): unknown {
  if (e instanceof DataError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const allocation = e instanceof RangeError || /out of memory|allocation failed|invalid (array|string|typed array) length/i.test(message);
  if (!allocation) return e;
  return fileError(
    file,
    `the file is too large to hold in memory here (${formatBytes(bytes)}; the browser refused to allocate ` +
      `more: ${message}). Try a smaller file, fewer columns, or a 64-bit browser with more memory`,
  );
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024 / 1024).toFixed(1)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} bytes`;
}
