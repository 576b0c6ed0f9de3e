import { useStore } from '../../store/store.ts';
import { cellText, type Table } from '../../core/table.ts';
import type { SfError } from '../../core/slicing/types.ts';
import { revealInEditor } from '../editor/reveal.ts';

const MAX_COLUMNS = 6;

/** Every SF problem: where (line, a click moves the editor there), what, and the first failing row's values. */
export function SfErrors() {
  const errors = useStore((s) => s.sfErrors);
  const table = useStore((s) => s.table);
  const source = useStore((s) => s.appliedSource ?? s.sfSource);
  if (errors.length === 0) return null;
  return (
    <div className="error" role="alert" data-testid="slices.errors">
      <strong>{errors.length === 1 ? 'A slicing function failed' : `${errors.length} problems in the slicing functions`}</strong>
      <ul>
        {errors.map((e, i) => (
          <li key={i} data-testid={`slices.error.${e.sf ?? 'file'}`}>
            {e.line !== undefined && (
              <button type="button" className="link where" onClick={() => revealInEditor(e.line as number)}>
                line {e.line}
                {e.column !== undefined ? `:${e.column}` : ''}
              </button>
            )}
            {e.line !== undefined && ' · '}
            {e.message}
            {e.row !== undefined && table && e.row < table.rowCount && <FailingRow table={table} error={e} source={source} />}
          </li>
        ))}
      </ul>
      <div className="muted">Your code is kept; slices that failed keep no result until they run again.</div>
    </div>
  );
}

/** The values of the first failing row: the columns the SF file mentions (else the first few). */
function FailingRow({ table, error, source }: { table: Table; error: SfError; source: string }) {
  const row = error.row as number;
  const mentioned = table.columns.filter((c) => mentions(source, c.name));
  const columns = (mentioned.length > 0 ? mentioned : table.columns).slice(0, MAX_COLUMNS);
  return (
    <div className="failing-row-wrap">
      <table className="failing-row" data-testid="slices.errors.row">
        <caption>row {row}</caption>
        <tbody>
          <tr>
            {columns.map((c) => (
              <th key={c.name}>{c.name}</th>
            ))}
          </tr>
          <tr>
            {columns.map((c) => (
              <td key={c.name}>{show(cellText(c, row))}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** `row.name`-style or quoted mentions of a column name (whole names only: f1 is not f10). */
function mentions(source: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\.${escaped}(?![\\w$])`).test(source) || source.includes(JSON.stringify(name)) || source.includes(`'${name}'`);
}

function show(text: string): string {
  if (text === '') return '(missing)';
  if (/^-?\d+\.\d{7,}$/.test(text)) return String(Number(Number(text).toPrecision(7)));
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
