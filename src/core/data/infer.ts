/**
 * Column type inference, done while the cells stream in (ColumnBuilder), so that a number column
 * never holds its cells as strings and a category column holds one shared string per level.
 *
 * Rules, in order:
 * 1. 'number'   every non-missing cell is a finite decimal number ('1', '-2.5', '1e3', ' 7 '), and
 *               there is at least one. Hex/binary/octal literals ('0x1f') and 'Infinity' don't count.
 * 2. 'category' at most MAX_CATEGORY_LEVELS (50) distinct values, and at most half as many distinct
 *               values as non-missing cells (2 distinct values always qualify): true/false, yes/no,
 *               regions, plan tiers. A column with no values at all is a category too.
 * 3. 'text'     anything else: free text, names, ids (featurised as a bag of words).
 * Missing cells (see MISSING_TOKENS) are NaN in number columns and '' in the others.
 */
import type { Column, ColumnKind } from '../table.ts';

export const MAX_CATEGORY_LEVELS = 50;
export const MAX_CATEGORY_RATIO = 0.5;

/** Cells that mean "no value" (after trimming). Compared case-sensitively. */
export const MISSING_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'n/a', 'null', 'NULL', 'NaN', 'nan'];
const MISSING = new Set(MISSING_TOKENS);

/**
 * Trim surrounding whitespace and map missing tokens to ''. Fast path: most cells need neither, and
 * the Set lookup only runs for cells of length <= 4 (the longest missing token).
 */
export function normaliseCell(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  if (s.charCodeAt(0) <= 32 || s.charCodeAt(n - 1) <= 32) s = s.trim();
  return s.length <= 4 && MISSING.has(s) ? '' : s;
}

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The number in a normalised, non-missing cell, or NaN when it is not a plain decimal number.
 * Fast path (why it is fast): cells like '-123.456' with at most 15 digits are read with charCodeAt
 * into an integer mantissa and divided by an exact power of ten; both operands are exact doubles, so
 * the one rounding gives the same double as `+s` (Clinger's fast path), at a fraction of the cost.
 * Everything else (exponents, long numbers, non-numbers) goes through `+s`.
 */
export function parseNumber(s: string): number {
  const n = s.length;
  let i = 0;
  let c = s.charCodeAt(0);
  const negative = c === 45; // -
  if (negative || c === 43) i = 1; // + -
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let dot = false;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (dot) scale++;
    } else if (c === 46 && !dot) dot = true;
    else break;
  }
  if (i === n && digits > 0 && digits <= 15) {
    const v = scale === 0 ? mantissa : mantissa / (POW10[scale] as number);
    return negative ? -v : v;
  }
  return parseNumberSlow(s);
}

function parseNumberSlow(s: string): number {
  const v = +s;
  if (!Number.isFinite(v) || s.trim() === '') return NaN;
  // '0x1f', '0b101', '0o17' (signed too): JS reads them, CSV authors don't mean them.
  const start = s.charCodeAt(0) === 43 || s.charCodeAt(0) === 45 ? 1 : 0;
  if (s.charCodeAt(start) === 48 && s.length >= start + 2) {
    const c = s.charCodeAt(start + 1) | 32;
    if (c === 120 || c === 98 || c === 111) return NaN;
  }
  return v;
}

type State = 'number' | 'category' | 'text' | 'failed';

/**
 * Builds one column from raw cells, one add() per row, for a known row count (`capacity`).
 * A column starts as a number column (cells parsed straight into a Float64Array). If a cell is not a
 * number before any number was seen, it switches to strings. If numbers were seen first, the earlier
 * cells are gone, so the builder marks itself `failed` and ignores the rest: the caller must read
 * the column's cells again into a builder made with `numeric = false`. That costs a second pass, but
 * only for columns that look numeric and are not.
 */
export class ColumnBuilder {
  readonly name: string;
  private state: State;
  private numbers: Float64Array | null;
  private strings: string[] = [];
  private readonly levels = new Map<string, string>();
  private rows = 0;
  private present = 0;

  constructor(name: string, capacity: number, numeric = true) {
    this.name = name;
    this.state = numeric ? 'number' : 'category';
    this.numbers = numeric ? new Float64Array(capacity) : null;
  }

  get failed(): boolean {
    return this.state === 'failed';
  }

  add(raw: string): void {
    const s = normaliseCell(raw);
    const row = this.rows++;
    if (s !== '') this.present++;
    switch (this.state) {
      case 'number': {
        const numbers = this.numbers as Float64Array;
        if (s === '') {
          numbers[row] = NaN;
          return;
        }
        const v = parseNumber(s);
        if (v === v) {
          numbers[row] = v;
          return;
        }
        if (this.present > 1) {
          this.state = 'failed';
          this.numbers = null;
          return;
        }
        // Only missing cells so far: carry on as strings.
        this.numbers = null;
        this.strings = new Array<string>(row).fill('');
        this.state = 'category';
        this.addString(s);
        return;
      }
      case 'category':
      case 'text':
        this.addString(s);
        return;
      case 'failed':
        return;
    }
  }

  /** Category cells are interned while the level count allows a category. */
  private addString(s: string): void {
    if (this.state === 'category' && s !== '') {
      const level = this.levels.get(s);
      if (level !== undefined) s = level;
      else if (this.levels.size < MAX_CATEGORY_LEVELS) this.levels.set(s, s);
      else {
        this.state = 'text';
        this.levels.clear();
      }
    }
    this.strings.push(s);
  }

  finish(): Column {
    const name = this.name;
    if (this.state === 'failed') throw new Error(`column ${name}: read again with numeric = false`);
    if (this.state === 'number') {
      if (this.present > 0) return { name, kind: 'number', values: this.numbers as Float64Array };
      return { name, kind: 'category', values: new Array<string>(this.rows).fill('') };
    }
    const kind: ColumnKind =
      this.state === 'category' && this.levels.size <= Math.max(2, this.present * MAX_CATEGORY_RATIO)
        ? 'category'
        : 'text';
    return { name, kind, values: this.strings };
  }
}

/** A typed column from raw cells (all in memory already, e.g. from JSON). */
export function buildColumn(name: string, cells: readonly string[]): Column {
  let builder = new ColumnBuilder(name, cells.length);
  for (let i = 0; i < cells.length; i++) builder.add(cells[i] as string);
  if (builder.failed) {
    builder = new ColumnBuilder(name, cells.length, false);
    for (let i = 0; i < cells.length; i++) builder.add(cells[i] as string);
  }
  return builder.finish();
}

/** The kind rules 1-3 give these cells. */
export function inferKind(cells: readonly string[]): ColumnKind {
  return buildColumn('', cells).kind;
}
