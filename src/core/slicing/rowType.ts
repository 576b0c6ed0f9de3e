/**
 * The ambient `Row` type for the SF editor (Monaco `addExtraLib`) and docs: one read-only field per
 * column, in column order; number columns are `number` (missing = NaN), category and text columns
 * `string` (missing = ''). The output is a global script declaration (no import/export), so the
 * SF module sees `Row` without importing it.
 */
import type { ColumnKind, Table } from '../table.ts';

const KIND_DOC: Record<ColumnKind, string> = {
  number: 'number column (missing = NaN)',
  category: "category column (string; missing = '')",
  text: "text column (string; missing = '')",
};

export function rowTypeDeclaration(table: Table): string {
  const lines = [
    `/** One row of ${docText(table.source)} (${table.rowCount} rows). Read-only; valid only during the SF call. */`,
    'declare interface Row {',
  ];
  for (const column of table.columns) {
    lines.push(`  /** ${KIND_DOC[column.kind]} */`);
    lines.push(`  readonly ${propertyKey(column.name)}: ${column.kind === 'number' ? 'number' : 'string'};`);
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
