/**
 * The ambient `Row` type for the SF editor (Monaco `addExtraLib`) and docs: one read-only field per
 * column, in column order, typed as cell() (table.ts) gives it: number and integer columns `number`
 * (missing = NaN), boolean `boolean | null`, date `Date | null` (a new Date per read), category and
 * text `string` (missing = ''). The output is a global script declaration (no import/export), so the
 * SF module sees `Row` without importing it.
 */
import type { ColumnKind, Table } from '../table.ts';

const KIND_DOC: Record<ColumnKind, string> = {
  number: 'number column (missing = NaN)',
  integer: 'integer column (number; missing = NaN)',
  boolean: 'boolean column (missing = null)',
  date: 'date column (a Date, UTC; missing = null)',
  category: "category column (string; missing = '')",
  text: "text column (string; missing = '')",
};

const KIND_TYPE: Record<ColumnKind, string> = {
  number: 'number',
  integer: 'number',
  boolean: 'boolean | null',
  date: 'Date | null',
  category: 'string',
  text: 'string',
};

export function rowTypeDeclaration(table: Table): string {
  const lines = [
    `/** One row of ${docText(table.source)} (${table.rowCount} rows). Read-only; valid only during the SF call. */`,
    'declare interface Row {',
  ];
  for (const column of table.columns) {
    lines.push(`  /** ${KIND_DOC[column.kind]} */`);
    lines.push(`  readonly ${propertyKey(column.name)}: ${KIND_TYPE[column.kind]};`);
  }
  lines.push('}', '');
  return lines.join('\n');
}

/** A bare key when the name is a plain ASCII identifier, else a quoted (JSON-escaped) one. */
function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** Text that cannot end the doc comment. */
function docText(text: string): string {
  return JSON.stringify(text).replaceAll('*/', '*\\/');
}
