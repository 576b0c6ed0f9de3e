import { describe, expect, it } from 'vitest';
import { rowTypeDeclaration } from './rowType.ts';
import { spamTable } from '../../../test/tables.ts';
import { categoryColumn } from '../table.ts';

describe('rowTypeDeclaration', () => {
  it('declares one read-only, documented field per column, quoting names that are not identifiers', () => {
    const table = spamTable();
    table.columns.push({ name: 'z0', kind: 'number', values: new Float64Array(6) });
    table.columns.push(categoryColumn('class', ['', '', '', '', '', '']));
    table.columns.push({ name: '2nd "quoted" */ name', kind: 'text', values: ['', '', '', '', '', ''] });
    expect(rowTypeDeclaration(table)).toBe(`/** One row of "test:spam" (6 rows). Read-only; valid only during the SF call. */
declare interface Row {
  /** text column (string; missing = '') */
  readonly text: string;
  /** number column (missing = NaN) */
  readonly score: number;
  /** category column (string; missing = '') */
  readonly label: string;
  /** number column (missing = NaN) */
  readonly "my col": number;
  /** number column (missing = NaN) */
  readonly z0: number;
  /** category column (string; missing = '') */
  readonly class: string;
  /** text column (string; missing = '') */
  readonly "2nd \\"quoted\\" */ name": string;
}
`);
  });

  it('keeps the table source from closing the doc comment', () => {
    const declaration = rowTypeDeclaration({ source: 'evil */ file.csv', rowCount: 0, columns: [] });
    expect(declaration.split('\n')[0]).toBe('/** One row of "evil *\\/ file.csv" (0 rows). Read-only; valid only during the SF call. */');
  });
});
