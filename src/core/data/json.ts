/**
 * JSON (an array of objects) and JSON Lines (one object per line) into ColumnBuilders.
 *
 * Each object is a row; the columns are the union of the keys, in first-seen order; a key a row
 * lacks is missing there. Values keep their JSON type: numbers and strings as written, true/false
 * as booleans, null as missing, nested objects and arrays as their JSON text.
 * JSON Lines is read in chunks (JsonLinesReader.feed), a line at a time; a JSON array needs the
 * whole document (JSON.parse).
 */
import { ColumnBuilder, type ReadPosition } from './builder.ts';
import { fileError, lineError, DataError } from './errors.ts';
import { locateJsonError } from './json-error.ts';
import type { ColumnKind } from '../table.ts';

export interface RecordsOptions {
  types?: Record<string, ColumnKind>;
  /** Re-read pass: only these columns, as strings (see ColumnBuilder stringsOnly). */
  only?: Set<string>;
}

/** Builders keyed by object key; a column first seen at row r is back-filled with r missing cells. */
export class RecordCollector {
  readonly builders = new Map<string, ColumnBuilder>();
  rows = 0;
  readonly position: ReadPosition = { line: 0 };
  private readonly options: RecordsOptions;

  constructor(options: RecordsOptions = {}) {
    this.options = options;
  }

  add(record: Record<string, unknown>): void {
    const { types = {}, only } = this.options;
    for (const key in record) {
      if (!Object.prototype.hasOwnProperty.call(record, key) || this.builders.has(key)) continue;
      if (only !== undefined && !only.has(key)) continue;
      const forced = Object.prototype.hasOwnProperty.call(types, key) ? (types[key] as ColumnKind) : null;
      const b = new ColumnBuilder(key, forced, this.position, Math.max(1024, this.rows), only !== undefined);
      for (let r = 0; r < this.rows; r++) b.addMissing();
      this.builders.set(key, b);
    }
    for (const [key, b] of this.builders) {
      if (Object.prototype.hasOwnProperty.call(record, key)) b.addValue(record[key]);
      else b.addMissing();
    }
    this.rows++;
  }

  check(file: string): void {
    if (this.rows === 0) throw fileError(file, 'there are no rows (no objects) in the file');
    if (this.builders.size === 0) throw fileError(file, 'the objects have no keys, so there are no columns');
    let index = 0;
    for (const name of this.builders.keys()) {
      index++;
      if (name.trim() === '') throw fileError(file, `key number ${index} is an empty name`);
    }
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * JSON.parse, with a DataError naming the line and column of a syntax error. `lineOffset` > 0: the
 * text is that line of a JSON Lines file.
 */
function parseJson(text: string, file: string, lineOffset = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (e instanceof RangeError) throw e; // out of memory, not bad JSON
    const found = locateJsonError(text);
    if (!found) throw fileError(file, `not valid JSON (${(e as Error).message})`);
    const { line, column } = lineColumn(text, found.offset);
    if (lineOffset > 0) throw lineError(file, lineOffset, `not valid JSON (column ${column}): ${found.reason}`, column);
    throw new DataError(file, `${file}: not valid JSON (line ${line}, column ${column}): ${found.reason}`, {
      line,
      column,
    });
  }
}

/** The objects of a JSON document holding an array of objects (BOM already stripped). */
export function parseJsonArray(text: string, file: string): Record<string, unknown>[] {
  const data = parseJson(text, file);
  if (!Array.isArray(data)) {
    throw fileError(file, `expected an array of objects ([{...}, {...}]), but the file holds ${describe(data)}`);
  }
  for (let i = 0; i < data.length; i++) {
    const item: unknown = data[i];
    if (!isRecord(item)) throw fileError(file, `item ${i + 1} of the array is ${describe(item)}, not an object`);
  }
  return data as Record<string, unknown>[];
}

/** Objects into a collector (a JSON array's, already parsed). */
export function collectRecords(records: readonly Record<string, unknown>[], options: RecordsOptions): RecordCollector {
  const collector = new RecordCollector(options);
  for (const r of records) collector.add(r);
  return collector;
}

/** JSON Lines fed in chunks: one object per line; blank lines are skipped. */
export class JsonLinesReader {
  readonly collector: RecordCollector;
  private readonly file: string;
  private pending = '';
  private line = 0;

  constructor(file: string, options: RecordsOptions = {}) {
    this.file = file;
    this.collector = new RecordCollector(options);
  }

  get rows(): number {
    return this.collector.rows;
  }

  feed(chunk: string, final: boolean): void {
    const text = this.pending === '' ? chunk : this.pending + chunk;
    let pos = 0;
    for (;;) {
      let end = text.indexOf('\n', pos);
      if (end === -1) {
        if (!final || pos >= text.length) break;
        end = text.length;
      }
      this.line++;
      let source = text.slice(pos, end);
      pos = end + 1;
      if (source.charCodeAt(source.length - 1) === 13) source = source.slice(0, -1);
      if (source.trim() === '') continue;
      const item = parseJson(source, this.file, this.line);
      if (!isRecord(item)) {
        throw lineError(this.file, this.line, `expected an object ({...}), but the line holds ${describe(item)}`);
      }
      this.collector.position.line = this.line;
      this.collector.add(item);
    }
    this.pending = pos < text.length ? text.slice(pos) : '';
  }
}
