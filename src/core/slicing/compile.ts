/**
 * SF source → runnable code, and runnable code → slicing functions.
 *
 * The SF source format (editor, files, CLI alike) is a TypeScript module. Every export is one slicing
 * function, named by its export name:
 *   export const short_comment = (row: Row) => row.text.split(/\s+/).length < 5;
 *   export function keyword_please(row: Row): boolean { ... }
 *   export { helper as my_sf };
 * Non-exported declarations are shared helpers (keyword lists, regexes). `Row` is an ambient type
 * (rowType.ts). No imports of any kind. Duplicate names are an error (as in snorkel.slicing).
 *
 * compileSfs only parses and transforms (safe anywhere, ~1-7 ms). loadSfs RUNS the code: call it only
 * in a worker or in Node (see sandbox.ts).
 */
import { ALL_ROWS, BASE_SLICE } from '../train/types.ts';
import { transform } from 'sucrase/dist/index.js';
import type { Row } from '../table.ts';
import { prepareSfModule, runSfModule, sfSourceLine } from './sandbox.ts';
import { OBJECT_SHORTHAND_TOP_LEVEL_DECLARATION, TOP_LEVEL_DECLARATION, tokenizeSfSource, type SfToken } from './tokens.ts';
import type { SfError } from './types.ts';
import { sfCacheKeys } from './keys.ts';

export interface CompiledSfs {
  ok: true;
  /** SF names in source order. */
  names: string[];
  /** 1-based line of each SF's export, parallel to names. */
  lines: number[];
  /** Cache key of each SF, parallel to names: equal keys give equal masks on one table (keys.ts). */
  keys: string[];
  /** A CommonJS-style body for `exports`; same line numbers as the source. */
  code: string;
}

export type CompileResult = CompiledSfs | { ok: false; errors: SfError[] };

export interface LoadedSf {
  name: string;
  /** Called with a reused, read-only row view (apply.ts); anything but true/false is an error. */
  fn: (row: Row) => unknown;
  /** 1-based line of the export, when known. */
  line?: number;
}

export type LoadResult = { ok: true; sfs: LoadedSf[] } | { ok: false; errors: SfError[] };

/**
 * Names an SF may not take: 'base' is the slice of all examples every slice-aware model adds, 'all'
 * the all-rows row of the attention summary, 'overall' the whole-split row of every results table.
 */
export const RESERVED_SLICE_NAMES: readonly string[] = [BASE_SLICE, ALL_ROWS, 'overall'];

const EXAMPLE = 'export const short_comment = (row: Row) => row.text.length < 20;';

/** Parses and checks the SF source and compiles it to runnable code. Never throws, never runs it. */
export function compileSfs(source: string): CompileResult {
  const tokenized = tokenizeSfSource(source);
  if (!tokenized.ok) {
    const { message, line, column } = tokenized.error;
    return fail([{ kind: 'compile', message: `Syntax error at line ${line}, column ${column}: ${message}`, line, column }]);
  }
  const tokens = tokenized.tokens;
  const { sites, errors } = findExports(tokens);

  const firstLine = new Map<string, number>();
  const duplicated = new Set<string>();
  for (const site of sites) {
    if (RESERVED_SLICE_NAMES.includes(site.name)) {
      errors.push({
        kind: 'compile',
        sf: site.name,
        line: site.line,
        column: site.column,
        message: `"${site.name}" is reserved (${RESERVED_SLICE_NAMES.map((n) => `"${n}"`).join(', ')} name built-in rows and slices): rename this SF.`,
      });
    }
    const previous = firstLine.get(site.name);
    if (previous === undefined) {
      firstLine.set(site.name, site.line);
      continue;
    }
    duplicated.add(site.name);
    errors.push({
      kind: 'duplicate',
      sf: site.name,
      line: site.line,
      column: site.column,
      message:
        `Duplicate SF name "${site.name}" at line ${site.line} (first defined at line ${previous}). ` +
        'Each SF defines one slice, so each needs its own name.',
    });
  }
  errors.push(...redeclarations(tokens, duplicated));
  if (errors.length > 0) return fail(errors);

  if (sites.length === 0) {
    const helpers = topLevelNames(tokens);
    const hint =
      helpers.length > 0
        ? ` Top-level declarations without "export" (${helpers
            .slice(0, 3)
            .map((n) => `"${n}"`)
            .join(', ')}) are helpers, not SFs.`
        : '';
    return fail([
      {
        kind: 'noSfs',
        message: `No slicing functions found. An SF is an exported function of a row, e.g.\n  ${EXAMPLE}${hint}`,
      },
    ]);
  }

  let code: string;
  try {
    code = transform(source, { transforms: ['typescript', 'imports'], disableESTransforms: true }).code;
  } catch (error) {
    return fail([{ kind: 'compile', message: `Could not compile the SF source: ${errorMessage(error)}` }]);
  }
  return {
    ok: true,
    names: sites.map((s) => s.name),
    lines: sites.map((s) => s.line),
    keys: sfCacheKeys(tokens, sites),
    code,
  };
}

/**
 * RUNS USER CODE (the file's top level): only in a worker or in Node. Checks that every export is
 * a function; errors name the export. Returns the SFs in source order.
 */
export function loadSfs(compiled: CompiledSfs): LoadResult {
  let body: ReturnType<typeof prepareSfModule>;
  try {
    body = prepareSfModule(compiled.code);
  } catch (error) {
    // Early errors sucrase does not check, e.g. `let x` declared twice inside one function.
    return fail([{ kind: 'compile', message: `Syntax error: ${errorMessage(error)}` }]);
  }
  let exported: Record<string, unknown>;
  try {
    exported = runSfModule(body);
  } catch (error) {
    const line = sfSourceLine(error);
    const where = line === undefined ? '' : ` at line ${line}`;
    return fail([
      {
        kind: 'runtime',
        message: `The SF file's top-level code threw${where}: ${errorMessage(error)}`,
        ...(line === undefined ? {} : { line }),
      },
    ]);
  }
  const sfs: LoadedSf[] = [];
  const errors: SfError[] = [];
  compiled.names.forEach((name, i) => {
    const fn = exported[name];
    const line = compiled.lines[i];
    if (typeof fn === 'function') {
      sfs.push({ name, fn: fn as LoadedSf['fn'], ...(line === undefined ? {} : { line }) });
    } else {
      errors.push({ ...notAFunction(name, describeValue(fn)), ...(line === undefined ? {} : { line }) });
    }
  });
  return errors.length > 0 ? fail(errors) : { ok: true, sfs };
}

/** A short description of a value for messages: 'undefined', 'a number (1)', 'an array', ... */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof RegExp) return 'a regular expression';
  if (value instanceof Promise) return 'a Promise';
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'number':
      return `a number (${value})`;
    case 'bigint':
      return `a bigint (${value})`;
    case 'string':
      return `a string (${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)})`;
    case 'boolean':
      return `a boolean (${value})`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      return 'an object';
  }
}

/** The message of anything thrown, without ever throwing itself. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return 'a value that cannot be printed';
  }
}

interface ExportSite {
  name: string;
  line: number;
  column: number;
  /** [start, end): token indices of the export statement. */
  start: number;
  end: number;
}

/** Walks the top-level statements; every value export becomes a site, every bad form an error. */
function findExports(tokens: readonly SfToken[]): { sites: ExportSite[]; errors: SfError[] } {
  const sites: ExportSite[] = [];
  const errors: SfError[] = [];
  tokens.forEach((token, i) => {
    // `import.meta` tokenizes as the name "import" (a reserved word: as a name it is only that, or a property key).
    const importMeta = token.label === 'name' && token.text === 'import' && tokens[i + 1]?.label === '.' && tokens[i - 1]?.label !== '.';
    if (token.label === 'import' || importMeta) {
      errors.push(at(token, importError(token, tokens[i + 1])));
      return;
    }
    if (isNamespace(tokens, i)) {
      errors.push(
        at(token, {
          kind: 'compile',
          message:
            `TypeScript namespaces are not supported in SF files (line ${token.line}); the compiler would drop ` +
            'them. Use plain constants or an object instead.',
        }),
      );
      return;
    }
    if (token.label !== 'export' || token.isType || token.scopeDepth !== 0) return;
    const end = token.rhsEndIndex ?? tokens.length;
    const result = readExport(tokens, i, end);
    if ('error' in result) {
      if (result.error !== null) errors.push(result.error);
    } else {
      sites.push(...result.sites.map((s) => ({ ...s, start: i, end })));
    }
  });
  return { sites, errors };
}

/** One `export ...` statement: tokens[i] is `export`, tokens[end] the first token after it. */
type Site = Omit<ExportSite, 'start' | 'end'>;

function readExport(tokens: readonly SfToken[], i: number, end: number): { sites: Site[] } | { error: SfError | null } {
  const exportToken = tokens[i] as SfToken;
  const next = tokens[i + 1];
  const site = (t: SfToken | undefined): { sites: Site[] } | { error: SfError } =>
    t?.label === 'name' ? { sites: [{ name: t.text, line: t.line, column: t.column }] } : { error: unsupported(exportToken) };
  if (next === undefined) return { error: unsupported(exportToken) };

  switch (next.label) {
    case 'default':
      return {
        error: at(exportToken, {
          kind: 'compile',
          message: `"export default" at line ${exportToken.line} gives no name, and an SF is named by its export. Write e.g.\n  ${EXAMPLE}`,
        }),
      };
    case '*':
      return { error: reexport(exportToken) };
    case 'import':
      return { error: null }; // `export import A = B.C`: already reported as an import.
    case 'const':
    case 'let':
    case 'var': {
      const declared = tokens
        .slice(i + 2, end)
        .filter(
          (t) =>
            t.scopeDepth === 0 &&
            (t.identifierRole === TOP_LEVEL_DECLARATION || t.identifierRole === OBJECT_SHORTHAND_TOP_LEVEL_DECLARATION),
        );
      const first = tokens[i + 2];
      const only = declared.length === 1 ? declared[0] : undefined;
      if (only !== undefined && only === first) return site(first);
      if (only !== undefined && first?.label === 'enum') return { error: at(only, notAFunction(only.text, 'an enum')) };
      return {
        error: at(exportToken, {
          kind: 'compile',
          message:
            `"export ${next.text}" at line ${exportToken.line} must declare exactly one SF` +
            (declared.length > 1 ? ` (it declares ${declared.map((t) => `"${t.text}"`).join(', ')})` : '') +
            `. Export each SF on its own, e.g.\n  ${EXAMPLE}`,
        }),
      };
    }
    case 'function':
      return site(tokens[i + 2]?.label === '*' ? tokens[i + 3] : tokens[i + 2]);
    case 'class':
    case 'abstract':
    case 'enum': {
      const nameToken = tokens.slice(i + 1, end).find((t) => t.label === 'name' && t.text !== 'abstract');
      const what = next.label === 'enum' ? 'an enum' : 'a class';
      return { error: at(nameToken ?? exportToken, notAFunction(nameToken?.text ?? '?', what)) };
    }
    case '{':
      return readSpecifiers(tokens, i, end);
    default:
      if (next.label === 'name' && next.text === 'async' && tokens[i + 2]?.label === 'function') {
        return site(tokens[i + 3]?.label === '*' ? tokens[i + 4] : tokens[i + 3]);
      }
      return { error: unsupported(exportToken) };
  }
}

/** `export { a, b as c, type T }` → sites a, c. `export { a } from 'm'` is an import. */
function readSpecifiers(tokens: readonly SfToken[], i: number, end: number): { sites: Site[] } | { error: SfError } {
  const exportToken = tokens[i] as SfToken;
  const sites: Site[] = [];
  let group: SfToken[] = [];
  const flush = (): SfError | null => {
    const values = group.filter((t) => !t.isType);
    group = [];
    const exported = values[values.length - 1];
    if (exported === undefined) return null; // a type-only specifier, or a trailing comma
    if (exported.label !== 'name') return unsupported(exportToken);
    sites.push({ name: exported.text, line: exported.line, column: exported.column });
    return null;
  };
  let k = i + 2;
  for (; k < end; k++) {
    const t = tokens[k] as SfToken;
    if (t.label === '}' || t.label === ',') {
      const error = flush();
      if (error !== null) return { error };
      if (t.label === '}') break;
    } else {
      group.push(t);
    }
  }
  if (tokens[k + 1]?.text === 'from') return { error: reexport(exportToken) };
  return { sites };
}

/**
 * Top-level names declared twice, e.g. a helper and an SF both called "a" (the engine would reject
 * the file without saying where). Names already reported as duplicate SFs are skipped.
 */
function redeclarations(tokens: readonly SfToken[], reported: ReadonlySet<string>): SfError[] {
  const seen = new Map<string, number>();
  const errors: SfError[] = [];
  tokens.forEach((t, i) => {
    if (!isTopLevelDeclaration(t) || tokens[i - 1]?.label === 'var') return;
    const previous = seen.get(t.text);
    if (previous === undefined) {
      seen.set(t.text, t.line);
    } else if (!reported.has(t.text)) {
      errors.push(
        at(t, {
          kind: 'compile',
          message: `"${t.text}" is declared twice (lines ${previous} and ${t.line}); rename one of them.`,
        }),
      );
    }
  });
  return errors;
}

function topLevelNames(tokens: readonly SfToken[]): string[] {
  return [...new Set(tokens.filter(isTopLevelDeclaration).map((t) => t.text))];
}

function isTopLevelDeclaration(t: SfToken): boolean {
  return (
    t.scopeDepth === 0 &&
    !t.isType &&
    t.label === 'name' &&
    (t.identifierRole === TOP_LEVEL_DECLARATION || t.identifierRole === OBJECT_SHORTHAND_TOP_LEVEL_DECLARATION)
  );
}

/** `namespace N {` or `module N {` (not `declare module`): sucrase treats these as types and drops them. */
function isNamespace(tokens: readonly SfToken[], i: number): boolean {
  const t = tokens[i] as SfToken;
  if (t.label !== 'name' || !t.isType || (t.text !== 'namespace' && t.text !== 'module')) return false;
  const next = tokens[i + 1];
  return next?.label === 'name' && next.isType && tokens[i - 1]?.label !== 'declare' && tokens[i - 1]?.text !== 'declare';
}

/** `import(...)`, `import.meta` and static imports: each blocked, with a message saying which. */
function importError(token: SfToken, next: SfToken | undefined): SfError {
  const where = `line ${token.line}, column ${token.column}`;
  if (next?.label === '(') {
    return {
      kind: 'compile',
      message: `Dynamic import() is blocked (${where}): SF code cannot load code or reach the network. Put what you need in this file.`,
    };
  }
  if (next?.label === '.') {
    return { kind: 'compile', message: `import.meta is blocked (${where}): SF code cannot inspect or load modules.` };
  }
  return {
    kind: 'compile',
    message:
      `SFs cannot import modules (${where}). An SF file is self-contained: put helpers such ` +
      'as keyword lists and regexes in it as constants without "export".',
  };
}

function notAFunction(name: string, what: string): SfError {
  return {
    kind: 'compile',
    sf: name,
    message:
      `"${name}" is exported but is ${what}, not a function. Only SFs, functions (row: Row) => boolean, ` +
      'may be exported; remove "export" from helpers such as keyword lists.',
  };
}

function reexport(token: SfToken): SfError {
  return at(token, {
    kind: 'compile',
    message: `SFs cannot import modules, and re-exporting from one (line ${token.line}) is an import. Define the SFs in this file.`,
  });
}

function unsupported(token: SfToken): SfError {
  return at(token, {
    kind: 'compile',
    message:
      `Unsupported export at line ${token.line}. Export each SF as "export const name = (row: Row) => ..." ` +
      'or "export function name(row: Row): boolean { ... }".',
  });
}

function at(token: SfToken, error: SfError): SfError {
  return { ...error, line: token.line, column: token.column };
}

function fail(errors: SfError[]): { ok: false; errors: SfError[] } {
  return { ok: false, errors: errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)) };
}
