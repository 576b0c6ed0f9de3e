/**
 * ColumnBuilder: one column of a Table, built cell by cell as a file streams in, straight into its
 * final typed storage (no array of strings per number column, no row objects).
 *
 * Inference (no kind given). The first present cell picks a state, later cells must fit it:
 *   number    a plain decimal number ('1', '-2.5', '1e3'; not '0x1f', 'Infinity', '1,5'). At the end:
 *             'integer' when no cell had a decimal point or exponent and all are safe integers,
 *             else 'number'. (0/1 columns are integers, not booleans.)
 *   boolean   true/false, any case (yes/no stays a category: its words are kept).
 *   date      ISO 8601 dates or date-times only (see parseIsoDate); '01/02/2023' is not a date.
 *   category  any other string: dictionary-encoded while there are at most MAX_LEVELS_WHILE_READING
 *             levels, then it turns into text (losslessly: the codes are expanded). At the end a
 *             category column stays one only if it has at most MAX_CATEGORY_LEVELS levels, or at most
 *             5% as many levels as present cells (max 1000); else it is text.
 * A number/boolean/date column that meets a cell not of its kind cannot go back (the earlier cells'
 * spelling is gone), so it marks itself `failed`: the reader reads that column again as strings
 * (loadTable re-reads the file for the failed columns only). Missing cells (MISSING_TOKENS, blank)
 * never decide a kind; an all-missing column is a category with no levels.
 *
 * Forced kind (a type override): cells are read as that kind; a cell that does not fit (e.g. 'abc'
 * in an integer column, '2.5' in an integer column, 'maybe' in a boolean one) becomes missing, and
 * the builder counts them and keeps the first with its line and row: Table.conversions reports it,
 * so a changed type never hides a mess. A forced boolean also takes yes/no, y/n, t/f and 0/1.
 */
import type { Column, ColumnKind, Conversion } from '../table.ts';
import { isMissingRange, numberInfo, parseBoolean, parseIsoDate, parseNumberRange } from './cells.ts';

export const MAX_CATEGORY_LEVELS = 50;
export const MAX_LEVELS_WHILE_READING = 1000;
/** A category with more than MAX_CATEGORY_LEVELS levels needs at least this many present cells per level. */
export const MIN_CELLS_PER_LEVEL = 20;

const EMPTY = 0;
const NUMBER = 1;
const BOOLEAN = 2;
const DATE = 3;
const CATEGORY = 4;
const TEXT = 5;
const FAILED = 6;

/** Where the reader is, for conversion reports: the 1-based line of the current record (0: not a text file). */
export interface ReadPosition {
  line: number;
}

function stateOf(kind: ColumnKind): number {
  switch (kind) {
    case 'number':
    case 'integer':
      return NUMBER;
    case 'boolean':
      return BOOLEAN;
    case 'date':
      return DATE;
    case 'category':
      return CATEGORY;
    case 'text':
      return TEXT;
  }
}

export class ColumnBuilder {
  readonly name: string;
  /** The kind the user chose, or null: inferred. */
  readonly forced: ColumnKind | null;
  private state: number;
  private rows = 0;
  private present = 0;
  private allInteger = true;
  private nums: Float64Array;
  private codes: Int32Array;
  private levels: string[] = [];
  /**
   * Open-addressing hash of the levels (slot -> code + 1, 0 = empty; size a power of two, at most half
   * full), keyed by the characters of a range: a category cell is looked up in the chunk without
   * slicing it into a string first. Only a new level makes a string.
   */
  private slots = new Int32Array(64);
  private texts: string[] = [];
  private readonly position: ReadPosition;
  private conversion: Conversion | null = null;

  /**
   * `stringsOnly`: an inferred column read again after failing as number/boolean/date: it can only be
   * a category or text now.
   */
  constructor(name: string, forced: ColumnKind | null, position: ReadPosition, capacity = 1024, stringsOnly = false) {
    this.name = name;
    this.forced = forced;
    this.position = position;
    this.state = forced !== null ? stateOf(forced) : stringsOnly ? CATEGORY : EMPTY;
    const numeric = this.state === EMPTY || this.state === NUMBER || this.state === BOOLEAN || this.state === DATE;
    this.nums = new Float64Array(numeric ? capacity : 0);
    this.codes = new Int32Array(this.state === CATEGORY ? capacity : 0);
  }

  get failed(): boolean {
    return this.state === FAILED;
  }

  get rowCount(): number {
    return this.rows;
  }

  /** Make room for `rows` rows in total (an estimate from the file size; growing is by doubling). */
  reserve(rows: number): void {
    if (this.nums.length > 0 && rows > this.nums.length) this.nums = grow(this.nums, rows);
    if (this.codes.length > 0 && rows > this.codes.length) this.codes = grow(this.codes, rows);
  }

  /** A missing cell. */
  addMissing(): void {
    const row = this.rows++;
    switch (this.state) {
      case EMPTY:
      case NUMBER:
      case BOOLEAN:
      case DATE:
        if (row >= this.nums.length) this.nums = grow(this.nums, row + 1);
        this.nums[row] = NaN;
        return;
      case CATEGORY:
        if (row >= this.codes.length) this.codes = grow(this.codes, row + 1);
        this.codes[row] = -1;
        return;
      case TEXT:
        this.texts.push('');
        return;
    }
  }

  /**
   * The cell s[a, b) as written in the file (quotes already removed by the caller when it was quoted
   * it comes through addString instead). The hot path of CSV reading: number cells are parsed in
   * place, no string is made for them.
   */
  addRange(s: string, a: number, b: number): void {
    while (a < b && s.charCodeAt(a) <= 32) a++;
    while (b > a && s.charCodeAt(b - 1) <= 32) b--;
    if (a === b || isMissingRange(s, a, b)) {
      this.addMissing();
      return;
    }
    if (this.state === CATEGORY) {
      const code = this.findLevel(s, a, b);
      if (code >= 0) {
        const row = this.rows++;
        if (row >= this.codes.length) this.codes = grow(this.codes, row + 1);
        this.codes[row] = code;
        this.present++;
        return;
      }
    } else if (this.state === NUMBER) {
      const v = parseNumberRange(s, a, b);
      if (v === v) {
        const row = this.rows++;
        if (row >= this.nums.length) this.nums = grow(this.nums, row + 1);
        this.nums[row] = v;
        this.present++;
        if (numberInfo.hadFraction || !Number.isSafeInteger(v)) {
          if (this.forced === 'integer') this.reject(s.slice(a, b), row);
          this.allInteger = false;
        }
        return;
      }
    }
    this.addPresent(s.slice(a, b));
  }

  /**
   * The field that starts at s[a] and ends at the next `delimiter` (a char code) or at lineEnd (a line
   * without quotes: the CSV fast path). Returns where it ended (the delimiter's index, or lineEnd).
   * Why: in a number column the digits are parsed in the same pass that finds the field's end, so
   * each character is read once; anything unusual (spaces, exponents, long numbers, other kinds)
   * takes the general path (find the end, then addRange).
   */
  addField(s: string, a: number, lineEnd: number, delimiter: number): number {
    if (this.state === NUMBER) {
      let i = a;
      let c = s.charCodeAt(i);
      const negative = c === 45;
      if (negative) c = s.charCodeAt(++i);
      let mantissa = 0;
      let digits = 0;
      let scale = 0;
      let dot = false;
      while (i < lineEnd) {
        if (c >= 48 && c <= 57) {
          mantissa = mantissa * 10 + (c - 48);
          digits++;
          if (dot) scale++;
        } else if (c === 46 && !dot) dot = true;
        else break;
        c = s.charCodeAt(++i);
      }
      if ((i === lineEnd || c === delimiter) && digits > 0 && digits <= 15) {
        const v = scale === 0 ? mantissa : mantissa / (POW10[scale] as number);
        const row = this.rows++;
        if (row >= this.nums.length) this.nums = grow(this.nums, row + 1);
        this.nums[row] = negative ? -v : v;
        this.present++;
        if (dot) {
          if (this.forced === 'integer') this.reject(s.slice(a, i), row);
          this.allInteger = false;
        }
        return i;
      }
    } else if (this.state === CATEGORY) {
      // Hash while finding the end; a known level costs no string.
      let h = 0x811c9dc5;
      let end = a;
      while (end < lineEnd) {
        const c = s.charCodeAt(end);
        if (c === delimiter) break;
        h = Math.imul(h ^ c, 0x01000193);
        end++;
      }
      if (end > a && s.charCodeAt(a) > 32 && s.charCodeAt(end - 1) > 32 && !isMissingRange(s, a, end)) {
        const code = this.findHashed(s, a, end, h >>> 0);
        if (code >= 0) {
          const row = this.rows++;
          if (row >= this.codes.length) this.codes = grow(this.codes, row + 1);
          this.codes[row] = code;
          this.present++;
          return end;
        }
      }
      this.addRange(s, a, end);
      return end;
    }
    let end = a;
    while (end < lineEnd && s.charCodeAt(end) !== delimiter) end++;
    this.addRange(s, a, end);
    return end;
  }

  /** A whole cell as a string (a quoted CSV field, a JSON string): trimmed, missing tokens mapped. */
  addString(raw: string): void {
    this.addRange(raw, 0, raw.length);
  }

  /** A typed value (JSON, Parquet, Arrow): numbers, booleans, Dates, bigints, strings; null/undefined missing. */
  addValue(v: unknown): void {
    switch (typeof v) {
      case 'number':
        if (!Number.isFinite(v)) this.addMissing();
        else if (this.state === NUMBER || (this.state === EMPTY && this.forced === null)) this.addNumber(v);
        else this.addRange(String(v), 0, String(v).length);
        return;
      case 'bigint':
        this.addValue(Number(v));
        return;
      case 'string':
        this.addRange(v, 0, v.length);
        return;
      case 'boolean':
        if (this.state === BOOLEAN || (this.state === EMPTY && this.forced === null)) {
          if (this.state === EMPTY) this.state = BOOLEAN;
          this.pushNumber(v ? 1 : 0);
        } else this.addPresent(v ? 'true' : 'false');
        return;
      case 'object':
        if (v === null) this.addMissing();
        else if (v instanceof Date) {
          const t = v.getTime();
          if (t !== t) this.addMissing();
          else if (this.state === DATE || (this.state === EMPTY && this.forced === null)) {
            if (this.state === EMPTY) this.state = DATE;
            this.pushNumber(t);
          } else this.addPresent(v.toISOString());
        } else this.addPresent(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x)));
        return;
      default:
        this.addMissing();
    }
  }

  private addNumber(v: number): void {
    if (this.state === EMPTY) this.state = NUMBER;
    if (!Number.isSafeInteger(v)) {
      if (this.forced === 'integer') {
        this.reject(String(v), this.rows);
        this.addMissing();
        return;
      }
      this.allInteger = false;
    }
    this.pushNumber(v);
  }

  private pushNumber(v: number): void {
    const row = this.rows++;
    if (row >= this.nums.length) this.nums = grow(this.nums, row + 1);
    this.nums[row] = v;
    this.present++;
  }

  /** A present, trimmed, non-missing cell that the NUMBER fast path did not take. */
  private addPresent(s: string): void {
    switch (this.state) {
      case EMPTY: {
        // The first present cell decides (inferred columns only: forced ones never are EMPTY).
        const v = parseNumberRange(s, 0, s.length);
        if (v === v) {
          this.state = NUMBER;
          this.addRange(s, 0, s.length);
        } else if (parseBoolean(s) === parseBoolean(s)) {
          this.state = BOOLEAN;
          this.addPresent(s);
        } else if (parseIsoDate(s) === parseIsoDate(s)) {
          this.state = DATE;
          this.addPresent(s);
        } else {
          this.toStrings();
          this.addPresent(s);
        }
        return;
      }
      case NUMBER:
        // parseNumberRange already said no.
        if (this.forced === null) this.fail();
        else this.rejectMissing(s);
        return;
      case BOOLEAN: {
        const v = parseBoolean(s, this.forced === 'boolean');
        if (v === v) this.pushNumber(v);
        else if (this.forced === null) this.fail();
        else this.rejectMissing(s);
        return;
      }
      case DATE: {
        const v = parseIsoDate(s);
        if (v === v) this.pushNumber(v);
        else if (this.forced === null) this.fail();
        else this.rejectMissing(s);
        return;
      }
      case CATEGORY: {
        let code = this.findLevel(s, 0, s.length);
        if (code < 0) {
          if (this.forced === null && this.levels.length >= MAX_LEVELS_WHILE_READING) {
            this.categoryToText();
            this.addPresent(s);
            return;
          }
          code = this.addLevel(own(s));
        }
        const row = this.rows++;
        if (row >= this.codes.length) this.codes = grow(this.codes, row + 1);
        this.codes[row] = code;
        this.present++;
        return;
      }
      case TEXT:
        this.rows++;
        this.present++;
        this.texts.push(own(s));
        return;
      case FAILED:
        this.rows++;
        return;
    }
  }

  /** From EMPTY (only missing cells so far) to CATEGORY. */
  private toStrings(): void {
    const codes = new Int32Array(Math.max(this.nums.length, 16));
    codes.fill(-1, 0, this.rows);
    this.codes = codes;
    this.nums = new Float64Array(0);
    this.state = CATEGORY;
  }

  private categoryToText(): void {
    const texts = new Array<string>(this.rows);
    const { codes, levels } = this;
    for (let r = 0; r < this.rows; r++) {
      const c = codes[r] as number;
      texts[r] = c < 0 ? '' : (levels[c] as string);
    }
    this.texts = texts;
    this.codes = new Int32Array(0);
    this.levels = [];
    this.slots = new Int32Array(0);
    this.state = TEXT;
  }

  /** The code of level s[a, b), or -1. */
  private findLevel(s: string, a: number, b: number): number {
    return this.findHashed(s, a, b, hashRange(s, a, b));
  }

  /** findLevel with the range's hash already computed. */
  private findHashed(s: string, a: number, b: number, hash: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    const length = b - a;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[slot] as number;
      if (entry === 0) return -1;
      const level = this.levels[entry - 1] as string;
      if (level.length === length && sameRange(level, s, a)) return entry - 1;
      slot = (slot + 1) & mask;
    }
  }

  private addLevel(level: string): number {
    const code = this.levels.length;
    this.levels.push(level);
    if (this.levels.length * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2);
      this.levels.forEach((l, c) => this.insertSlot(l, c));
    } else this.insertSlot(level, code);
    return code;
  }

  private insertSlot(level: string, code: number): void {
    const mask = this.slots.length - 1;
    let slot = hashRange(level, 0, level.length) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = code + 1;
  }

  private fail(): void {
    this.state = FAILED;
    this.nums = new Float64Array(0);
    this.rows++;
  }

  /** A forced-kind cell that does not fit: recorded, stored as missing. */
  private rejectMissing(s: string): void {
    this.reject(s, this.rows);
    this.addMissing();
  }

  private reject(value: string, row: number): void {
    if (this.conversion === null) {
      const line = this.position.line;
      this.conversion = {
        column: this.name,
        kind: this.forced as ColumnKind,
        count: 0,
        first: line > 0 ? { value, line, row: row + 1 } : { value, row: row + 1 },
      };
    }
    this.conversion.count++;
    if (this.forced === 'integer' && row < this.rows) this.nums[row] = NaN; // addRange already stored it
  }

  /** Cells that did not fit a forced kind, or null. */
  get conversionReport(): Conversion | null {
    return this.conversion;
  }

  /** The finished column (`rows` cells). Throws on a failed builder: read the column again as strings. */
  finish(): Column {
    const { name, rows } = this;
    switch (this.state) {
      case FAILED:
        throw new Error(`column ${name}: read it again as strings`);
      case EMPTY:
        return { name, kind: this.forced ?? 'category', codes: new Int32Array(rows).fill(-1), levels: [] } as Column;
      case NUMBER: {
        const kind = this.forced ?? (this.allInteger ? 'integer' : 'number');
        return { name, kind: kind as 'number' | 'integer', values: trim(this.nums, rows) };
      }
      case BOOLEAN:
        return { name, kind: 'boolean', values: trim(this.nums, rows) };
      case DATE:
        return { name, kind: 'date', values: trim(this.nums, rows) };
      case CATEGORY: {
        const levelCount = this.levels.length;
        const fits =
          levelCount <= MAX_CATEGORY_LEVELS
            ? levelCount <= Math.max(2, this.present / 2)
            : levelCount * MIN_CELLS_PER_LEVEL <= this.present;
        if (this.forced === null && !fits) {
          this.categoryToText();
          return { name, kind: 'text', values: this.texts };
        }
        return { name, kind: 'category', codes: trim(this.codes, rows), levels: this.levels };
      }
      default:
        return { name, kind: 'text', values: this.texts };
    }
  }
}

/** FNV-1a over the UTF-16 code units of s[a, b). */
function hashRange(s: string, a: number, b: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** level === s.slice(a, a + level.length), without the slice. */
function sameRange(level: string, s: string, a: number): boolean {
  for (let i = 0; i < level.length; i++) if (level.charCodeAt(i) !== s.charCodeAt(a + i)) return false;
  return true;
}

/**
 * A copy of s that does not keep its source alive. V8 makes a slice of 13+ characters a view into the
 * string it came from (a 1 MB chunk of the file, here), so a text column of slices would keep every
 * chunk of the file in memory. Concatenating and slicing again forces a flat private copy.
 */
function own(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

function grow<T extends Float64Array | Int32Array>(a: T, atLeast: number): T {
  const next = new (a.constructor as new (n: number) => T)(Math.max(atLeast, a.length * 2, 16));
  next.set(a);
  return next;
}

/** The first `rows` values; copied when more than 1/8 of the buffer would be wasted (it is transferred whole). */
function trim<T extends Float64Array | Int32Array>(a: T, rows: number): T {
  if (a.length === rows) return a;
  return (a.length - rows > a.length / 8 ? a.slice(0, rows) : a.subarray(0, rows)) as T;
}
