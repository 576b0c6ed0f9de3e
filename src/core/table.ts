/**
 * A dataset held column by column, in typed arrays where the kind allows (no row objects):
 *
 *   number, integer  Float64Array, missing = NaN
 *   boolean          Float64Array of 0/1, missing = NaN
 *   date             Float64Array of epoch milliseconds (UTC), missing = NaN
 *   category         dictionary-encoded: codes Int32Array (index into levels), missing = -1
 *   text             string[], missing = ''
 *
 * cell() is the value a slicing function sees for one cell; rowAt() a whole row of them. Readers that
 * loop over many rows should read the arrays directly (see features.ts, slicing/apply.ts).
 */
export type ColumnKind = 'number' | 'integer' | 'boolean' | 'date' | 'category' | 'text';

export const COLUMN_KINDS: readonly ColumnKind[] = ['number', 'integer', 'boolean', 'date', 'category', 'text'];

export type NumericKind = 'number' | 'integer' | 'boolean' | 'date';

export type Column =
  | { name: string; kind: NumericKind; values: Float64Array }
  | { name: string; kind: 'category'; codes: Int32Array; levels: string[] }
  | { name: string; kind: 'text'; values: string[] };

/**
 * Cells that did not fit the kind the user chose for a column (options.types): they became missing.
 * Inferred kinds never produce these (a column that does not fit is inferred as another kind).
 */
export interface Conversion {
  column: string;
  kind: ColumnKind;
  /** How many cells became missing. */
  count: number;
  /** The first such cell as written, and where: a 1-based line (text formats) or data row. */
  first: { value: string; line?: number; row: number };
}

export interface Table {
  /** Where it came from, for messages: a file name or 'example:circles2d'. */
  source: string;
  rowCount: number;
  columns: Column[];
  /** Present when a type override turned some cells into missing ones; one entry per such column. */
  conversions?: Conversion[];
}

export type CellValue = number | string | boolean | Date | null;
export type Row = Record<string, CellValue>;

export function isNumericKind(kind: ColumnKind): kind is NumericKind {
  return kind === 'number' || kind === 'integer' || kind === 'boolean' || kind === 'date';
}

export function getColumn(table: Table, name: string): Column {
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw new Error(`${table.source}: no column named "${name}"`);
  return column;
}

/**
 * The value of one cell as an SF sees it: number (NaN if missing), boolean | null, Date | null (a new
 * Date per call), string ('' if missing).
 */
export function cell(column: Column, row: number): CellValue {
  switch (column.kind) {
    case 'number':
    case 'integer':
      return column.values[row] as number;
    case 'boolean': {
      const v = column.values[row] as number;
      return v !== v ? null : v === 1;
    }
    case 'date': {
      const v = column.values[row] as number;
      return v !== v ? null : new Date(v);
    }
    case 'category': {
      const code = column.codes[row] as number;
      return code < 0 ? '' : (column.levels[code] as string);
    }
    case 'text':
      return column.values[row] as string;
  }
}

/** A cell as display text: '' for missing, dates as ISO (date only at midnight UTC), booleans true/false. */
export function cellText(column: Column, row: number): string {
  const v = cell(column, row);
  if (v === null) return '';
  if (typeof v === 'number') return v !== v ? '' : String(v);
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return String(v);
}

/** One row as a plain object (for display and tests; the SF applier uses a reused object). */
export function rowAt(table: Table, row: number): Row {
  const out: Row = {};
  for (const c of table.columns) out[c.name] = cell(c, row);
  return out;
}

/** Every cell of a column, as cell() gives them (tests, small tables). */
export function columnCells(column: Column, rowCount: number): CellValue[] {
  return Array.from({ length: rowCount }, (_, r) => cell(column, r));
}

/** Every cell of a column as display text (cellText). */
export function columnTexts(column: Column, rowCount: number): string[] {
  return Array.from({ length: rowCount }, (_, r) => cellText(column, r));
}

/** A category column from strings ('' = missing); levels in first-seen order (tests, generators). */
export function categoryColumn(name: string, values: readonly string[]): Column {
  const levels: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  values.forEach((v, r) => {
    if (v === '') {
      codes[r] = -1;
      return;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = levels.length;
      levels.push(v);
      index.set(v, code);
    }
    codes[r] = code;
  });
  return { name, kind: 'category', codes, levels };
}
