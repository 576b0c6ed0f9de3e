/**
 * The SF source as sucrase's token stream, and syntax errors with positions a person can use.
 * Pure: runs on the page (for instant editor markers), in workers and in Node.
 */
import { parse } from 'sucrase/dist/parser/index.js';
import { formatTokenType } from 'sucrase/dist/parser/tokenizer/types.js';

export interface SfToken {
  /** Sucrase's label for the token type: 'export', 'name', 'const', '{', '=>', 'string', ... */
  label: string;
  /** The token's source text. */
  text: string;
  /** [start, end): 0-based UTF-16 offsets into the source. */
  start: number;
  end: number;
  /** 1-based. */
  line: number;
  column: number;
  /** 0 at the top level; +1 per function or block scope (brackets and parens do not count). */
  scopeDepth: number;
  isType: boolean;
  /** Sucrase's IdentifierRole on name tokens, else null (see TOP_LEVEL_DECLARATION). */
  identifierRole: number | null;
  /** On an `export` token: index of the first token after the export statement. */
  rhsEndIndex: number | null;
}

/** IdentifierRole values (sucrase dist/parser/tokenizer/index.js) for names a top-level statement declares. */
export const TOP_LEVEL_DECLARATION = 2;
export const OBJECT_SHORTHAND_TOP_LEVEL_DECLARATION = 5;

export interface SyntaxProblem {
  /** Sucrase's message without its "(line:column)" suffix, e.g. 'Unexpected token, expected ";"'. */
  message: string;
  /** 1-based. */
  line: number;
  column: number;
}

export type TokenizeResult = { ok: true; tokens: SfToken[] } | { ok: false; error: SyntaxProblem };

/** Maps 0-based offsets to 1-based line/column, counting '\n' as sucrase and V8 do. */
export function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function positionAt(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/** Tokenizes TypeScript source (no JSX). Never throws on bad input: returns the syntax error. */
export function tokenizeSfSource(source: string): TokenizeResult {
  const first = tryParse(source);
  const starts = lineStarts(source);
  if ('failure' in first) {
    const { message, pos } = relocateArrowError(source, first.failure);
    return { ok: false, error: { message, ...positionAt(starts, pos) } };
  }
  const tokens: SfToken[] = [];
  for (const t of first.tokens) {
    const label = formatTokenType(t.type);
    if (label === 'eof') continue;
    tokens.push({
      label,
      text: source.slice(t.start, t.end),
      start: t.start,
      end: t.end,
      ...positionAt(starts, t.start),
      scopeDepth: t.scopeDepth,
      isType: t.isType,
      identifierRole: t.identifierRole,
      rhsEndIndex: t.rhsEndIndex,
    });
  }
  return { ok: true, tokens };
}

interface ParseFailure {
  message: string;
  /** 0-based offset. */
  pos: number;
}

function tryParse(source: string): { tokens: ReturnType<typeof parse>['tokens'] } | { failure: ParseFailure } {
  try {
    return { tokens: parse(source, false, true, false).tokens };
  } catch (error) {
    // Sucrase's syntax errors are SyntaxErrors with a numeric `pos`; its message ends in " (line:col)".
    if (error instanceof SyntaxError && typeof (error as { pos?: unknown }).pos === 'number') {
      const pos = (error as SyntaxError & { pos: number }).pos;
      return { failure: { message: error.message.replace(/ \(\d+:\d+\)$/, ''), pos } };
    }
    // Anything else is a sucrase bug; report it as a syntax error at the start rather than crash.
    return { failure: { message: `the parser failed: ${String(error)}`, pos: 0 } };
  }
}

/**
 * Sucrase parses `(params) => body` speculatively and, on ANY error inside the body, backtracks and
 * reports a misleading error at the `=>`, or at the `:` of a return type (sucrase issue #833). SFs are mostly arrow functions, so
 * that would point every typo at the arrow. Workaround: while the error sits on a `=>`, blank the
 * parenthesised parameter list (and return type) into a single identifier, `(row: Row) =>` becoming
 * `         _ =>` (same length, newlines kept, so every later position is unchanged), and parse
 * again: sucrase parses `x => body` without backtracking, so the real error surfaces. Kept only if
 * the new error lies after the arrow; if the rewritten source parses, the parameters themselves
 * were the problem and the original error stands.
 */
function relocateArrowError(source: string, failure: ParseFailure): ParseFailure {
  let current = failure;
  let text = source;
  for (let attempt = 0; attempt < 32; attempt++) {
    const arrowPos = arrowAt(text, current.pos);
    if (arrowPos === null) break;
    const rewritten = blankArrowParams(text, arrowPos);
    if (rewritten === null) break;
    const again = tryParse(rewritten);
    if (!('failure' in again) || again.failure.pos <= arrowPos) break;
    current = again.failure;
    text = rewritten;
  }
  return current;
}

/** The `=>` the error points at: at pos itself, or after a return type annotation starting at pos. */
function arrowAt(text: string, pos: number): number | null {
  if (text.startsWith('=>', pos)) return pos;
  const annotation = /^:[^()=;{}]*=>/.exec(text.slice(pos, pos + 200));
  return annotation === null ? null : pos + annotation[0].length - 2;
}

/** `(a: T, b): R =>` ending at arrowPos → spaces + `_` (same length, newlines kept); null if unsure. */
function blankArrowParams(text: string, arrowPos: number): string | null {
  const close = text.lastIndexOf(')', arrowPos - 1);
  if (close === -1) return null;
  // Between `)` and `=>` only whitespace or a simple return type annotation (no parens) may stand.
  if (!/^\s*(:[^()=;{}]*)?$/.test(text.slice(close + 1, arrowPos))) return null;
  let depth = 0;
  let open = -1;
  for (let i = close; i >= 0; i--) {
    const ch = text[i];
    if (ch === ')') depth++;
    else if (ch === '(' && --depth === 0) {
      open = i;
      break;
    }
  }
  const before = text[arrowPos - 1];
  if (open === -1 || before === undefined || before === '\n') return null;
  const blanked = text.slice(open, arrowPos - 1).replace(/[^\n]/g, ' ');
  return text.slice(0, open) + blanked + '_' + text.slice(arrowPos);
}
