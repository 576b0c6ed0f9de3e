/**
 * JSON (an array of objects) and JSON Lines (one object per line) into a Table.
 *
 * Each object is a row; the columns are the union of the keys, in first-seen order; a key a row
 * lacks is missing there. Values become cells as text and then go through the same inference as
 * CSV: numbers and strings as written, true/false as 'true'/'false', null as missing, nested
 * objects and arrays as their JSON text.
 */
import { buildColumn } from './infer.ts';
import { fileError, lineError, DataError } from './errors.ts';
import { locateJsonError } from './json-error.ts';
import type { Table } from '../table.ts';

/** Collects rows column by column; a column first seen at row r is back-filled with r missing cells. */
class ColumnCollector {
  private readonly columns = new Map<string, string[]>();
  rows = 0;

  add(record: Record<string, unknown>): void {
    for (const key in record) {
      if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
      let cells = this.columns.get(key);
      if (!cells) {
        cells = new Array<string>(this.rows).fill('');
        this.columns.set(key, cells);
      }
      cells.push(toCell(record[key]));
    }
    this.rows++;
    for (const cells of this.columns.values()) if (cells.length < this.rows) cells.push('');
  }

  table(file: string): Table {
    if (this.rows === 0) throw fileError(file, 'there are no rows (no objects) in the file');
    if (this.columns.size === 0) throw fileError(file, 'the objects have no keys, so there are no columns');
    const columns = [];
    let index = 0;
    for (const [name, cells] of this.columns) {
      index++;
      if (name.trim() === '') throw fileError(file, `key number ${index} is an empty name`);
      columns.push(buildColumn(name, cells));
    }
    return { source: file, rowCount: this.rows, columns };
  }
}

function toCell(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return Number.isFinite(v) ? String(v) : '';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      return v === null ? '' : JSON.stringify(v);
    default:
      return '';
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

/** A JSON document holding an array of objects (BOM already stripped). */
export function parseJsonTable(text: string, file: string): Table {
  const data = parseJson(text, file);
  if (!Array.isArray(data)) {
    throw fileError(file, `expected an array of objects ([{...}, {...}]), but the file holds ${describe(data)}`);
  }
  const collector = new ColumnCollector();
  for (let i = 0; i < data.length; i++) {
    const item: unknown = data[i];
    if (!isRecord(item)) throw fileError(file, `item ${i + 1} of the array is ${describe(item)}, not an object`);
    collector.add(item);
  }
  return collector.table(file);
}

/** JSON Lines: one object per line; blank lines are skipped (BOM already stripped). */
export function parseJsonLines(raw: string, file: string): Table {
  const text = raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
  const collector = new ColumnCollector();
  let pos = 0;
  let line = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    line++;
    const source = text.slice(pos, end);
    pos = end + 1;
    if (source.trim() === '') continue;
    const item = parseJson(source, file, line);
    if (!isRecord(item)) throw lineError(file, line, `expected an object ({...}), but the line holds ${describe(item)}`);
    collector.add(item);
  }
  return collector.table(file);
}
