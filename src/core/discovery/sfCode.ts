/**
 * A found slice as SF code in the one SF format (README, "The slicing-function format"):
 *
 *   /** Found by slice discovery: z0 in [0.2, 0.4) and z1 >= 0.1. ... *\/
 *   export const weak_z0_z1 = (row: Row) => row.z0 >= 0.2 && row.z0 < 0.4 && row.z1 >= 0.1;
 *
 * The code selects exactly the slice's rows: numbers compare as the search binned them (a missing
 * NaN fails every comparison), dates by their epoch ms, categories and text by exact strings
 * (JSON-escaped literals), tokens with the tokeniser of src/core/features.ts. Columns whose names
 * are not identifiers are read as row["my column"].
 */
import type { FoundSlice, Predicate } from './types.ts';

/** features.ts's TOKEN, as a literal for generated code (sfCode.test.ts checks they agree). */
export const TOKEN_PATTERN_SOURCE = "/[\\p{L}\\p{N}]+(?:['’][\\p{L}\\p{N}]+)*/gu";

export interface SfCode {
  name: string;
  code: string;
}

/** Every identifier-like word of `source`: names a new SF must not take (exports and helpers alike). */
export function takenNames(source: string): Set<string> {
  return new Set(source.match(/[A-Za-z_$][\w$]*/g) ?? []);
}

/**
 * The slice as one exported SF with a doc comment (size and error on `rowsLabel`), named
 * weak_<columns> and made unique against `taken` (which gains the name).
 */
export function sliceToSf(slice: FoundSlice, overallError: number, taken: Set<string>, rowsLabel = 'valid rows'): SfCode {
  const name = uniqueName(baseName(slice.predicates), taken);
  taken.add(name);
  const [lo, hi] = slice.errorCi;
  const doc = [
    '/**',
    ` * Found by slice discovery: ${safeDoc(slice.description)}.`,
    ` * On the ${rowsLabel}: ${slice.size} rows, error ${pct(slice.error)} (95% CI ${pct(lo)}–${pct(hi)}),` +
      ` ${slice.lift.toFixed(1)}x the overall ${pct(overallError)}.`,
    ' */',
  ];
  const body = slice.predicates.map(predicateCode).join(' && ');
  return { name, code: `${doc.join('\n')}\nexport const ${name} = (row: Row) =>\n  ${body};\n` };
}

export function predicateCode(p: Predicate): string {
  const v = access(p.column);
  switch (p.kind) {
    case 'range': {
      if (p.columnKind === 'date') {
        const parts = [`${v} !== null`];
        if (p.lo !== null) parts.push(`${v}.getTime() >= ${num(p.lo)}`);
        if (p.hi !== null) parts.push(`${v}.getTime() < ${num(p.hi)}`);
        return parts.join(' && ');
      }
      const parts: string[] = [];
      if (p.lo !== null) parts.push(`${v} >= ${num(p.lo)}`);
      if (p.hi !== null) parts.push(`${v} < ${num(p.hi)}`);
      return parts.length > 0 ? parts.join(' && ') : `!Number.isNaN(${v})`;
    }
    case 'equals':
      if (typeof p.value === 'string') return `${v} === ${JSON.stringify(p.value)}`;
      if (typeof p.value === 'boolean') return `${v} === ${String(p.value)}`;
      if (p.columnKind === 'date') return `${v} !== null && ${v}.getTime() === ${num(p.value)}`;
      return `${v} === ${num(p.value)}`;
    case 'missing':
      if (p.columnKind === 'number' || p.columnKind === 'integer') return `Number.isNaN(${v})`;
      if (p.columnKind === 'boolean' || p.columnKind === 'date') return `${v} === null`;
      return `${v} === ''`;
    case 'token':
      return `(${v}.toLowerCase().match(${TOKEN_PATTERN_SOURCE}) ?? []).includes(${JSON.stringify(p.token)})`;
  }
}

function access(column: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(column) ? `row.${column}` : `row[${JSON.stringify(column)}]`;
}

/** A number literal that reads back as the same double (String gives the shortest such form). */
function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return Object.is(value, -0) ? '0' : String(value);
}

function baseName(predicates: readonly Predicate[]): string {
  const parts = predicates.map((p) => (p.kind === 'token' ? `${p.column}_${p.token}` : p.column));
  const words = parts
    .join('_')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  return `weak_${words.slice(0, 40).replace(/_$/, '') || 'slice'}`;
}

function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let k = 2; ; k++) if (!taken.has(`${base}_${k}`)) return `${base}_${k}`;
}

/** Text that cannot end the doc comment. */
function safeDoc(text: string): string {
  return text.replaceAll('*/', '*\\/').replace(/[\r\n\u2028\u2029]/g, ' ');
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
