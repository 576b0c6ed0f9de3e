/**
 * Cache keys for live slices: an SF's mask can be reused while its key is unchanged.
 *
 * key(SF) = the tokens of every top-level statement that is not an export (the shared helpers and
 * resources every SF can see) + the tokens of the SF's own export statement + those of any other
 * exported SF it names (transitively: `export const both = (row: Row) => a(row) && b(row)`).
 * Tokens, not characters: whitespace and comments do not count, so formatting the file or editing a
 * comment re-runs nothing; changing shared top-level code re-runs every SF. Keys are compared only
 * against keys from the same table (the worker drops its cache when the table changes).
 */
import type { SfToken } from './tokens.ts';

export interface ExportStatement {
  /** The SF's name. */
  name: string;
  /** [start, end): token indices of the export statement it comes from. */
  start: number;
  end: number;
}

export function sfCacheKeys(tokens: readonly SfToken[], exports: readonly ExportStatement[]): string[] {
  const inExport = new Uint8Array(tokens.length);
  for (const e of exports) inExport.fill(1, e.start, e.end);
  const shared = tokens
    .filter((_, i) => inExport[i] === 0)
    .map((t) => t.text)
    .join(' ');
  const byName = new Map(exports.map((e) => [e.name, e]));
  const statementText = (e: ExportStatement) =>
    tokens
      .slice(e.start, e.end)
      .map((t) => t.text)
      .join(' ');
  return exports.map((own) => {
    // Own statement first, then the other SFs it reaches, in a stable order.
    const reached = new Set<ExportStatement>([own]);
    const queue = [own];
    for (let e = queue.pop(); e !== undefined; e = queue.pop()) {
      for (let i = e.start; i < e.end; i++) {
        const t = tokens[i] as SfToken;
        const other = t.label === 'name' ? byName.get(t.text) : undefined;
        if (other !== undefined && !reached.has(other)) {
          reached.add(other);
          queue.push(other);
        }
      }
    }
    const others = [...reached].slice(1).sort((a, b) => a.start - b.start);
    return [shared, statementText(own), ...others.map(statementText)].join('\n\u0000\n');
  });
}
