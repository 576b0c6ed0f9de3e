import { describe, expect, it } from 'vitest';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { tableFromArrays, tableToIPC } from '@uwdata/flechette';
import { loadTable, type LoadProgress } from './load.ts';
import { parseTable } from './parse.ts';
import { CsvReader } from './csv.ts';
import { describeConversion } from './assemble.ts';
import { DataError } from './errors.ts';
import { columnCells, getColumn, type Table } from '../table.ts';

const blob = (text: string | Uint8Array<ArrayBuffer>) => new Blob([text]);
const cells = (t: Table, name: string) => columnCells(getColumn(t, name), t.rowCount);
const shape = (t: Table) => t.columns.map((c) => `${c.name}:${c.kind}`);
const content = (t: Table) => Object.fromEntries(t.columns.map((c) => [c.name, cells(t, c.name)]));

async function loadFailure(text: string | Blob, name: string): Promise<DataError> {
  try {
    await loadTable(typeof text === 'string' ? blob(text) : text, name);
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

const TRICKY =
  '\uFEFFid;note;score;when;ok\r\n' +
  '1;"a; b";3.5;2024-01-02;true\r\n' +
  '2;"two\r\nlines";NA;2024-01-03T10:00:00Z;false\r\n' +
  '\r\n' +
  '3;"say ""hi""";;;TRUE\n' +
  '4;plain;N/A;2024-02-29;\n' +
  '5;"";7;2024-03-01;false';

describe('CsvReader fed in pieces', () => {
  it('gives the same table wherever the text is cut (quotes, CRLF, quoted newlines)', () => {
    const body = TRICKY.slice(1);
    const whole = parseTable(TRICKY, 'data.csv');
    expect(shape(whole)).toEqual(['id:integer', 'note:text', 'score:number', 'when:date', 'ok:boolean']);
    for (let k = 0; k <= body.length; k++) {
      for (const j of [k, Math.min(body.length, k + 1), Math.min(body.length, k + 7)]) {
        const reader = new CsvReader('data.csv', { delimiter: ';' });
        reader.feed(body.slice(0, k), false);
        reader.feed(body.slice(k, j), false);
        reader.feed(body.slice(j), true);
        const { builders, rows } = reader.result();
        expect(rows, `cut at ${k}, ${j}`).toBe(5);
        const columns = builders.map((b) => b!.finish());
        expect(content({ source: 'x', rowCount: rows, columns }), `cut at ${k}, ${j}`).toEqual(content(whole));
      }
    }
  });
});

describe('loadTable', () => {
  it('streams CSV in chunks, reports progress and reads every kind', async () => {
    const lines = ['n,x,plan,comment,day,flag'];
    for (let i = 0; i < 40_000; i++) {
      lines.push(
        `${i},${(i * 0.37).toFixed(3)},${['basic', 'pro'][i % 2]},"word ${i}, more",2024-01-${String((i % 28) + 1).padStart(2, '0')},${i % 3 === 0}`,
      );
    }
    const text = `${lines.join('\n')}\n`;
    const progress: LoadProgress[] = [];
    const t = await loadTable(blob(text), 'big.csv', { onProgress: (p) => progress.push(p) });
    expect(t.rowCount).toBe(40_000);
    expect(shape(t)).toEqual(['n:integer', 'x:number', 'plan:category', 'comment:text', 'day:date', 'flag:boolean']);
    expect(rowOf(t, 39_999)).toEqual({
      n: 39_999,
      x: Number((39_999 * 0.37).toFixed(3)),
      plan: 'pro',
      comment: 'word 39999, more',
      day: new Date(Date.UTC(2024, 0, (39_999 % 28) + 1)),
      flag: 39_999 % 3 === 0,
    });
    expect(progress.length).toBeGreaterThan(1); // > 1 MB of text: more than one piece
    expect(progress.at(-1)).toEqual({ bytes: text.length, totalBytes: text.length, rows: 40_000 });
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.bytes).toBeGreaterThanOrEqual(progress[i - 1]!.bytes);
    // The same as the one-shot parser.
    expect(content(parseTable(text, 'big.csv'))).toEqual(content(t));
  });

  it('reads a column a second time when it looked numeric for a while and was not', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `${i},${i < 29_000 ? i : `code${i}`}`);
    const t = await loadTable(blob(['id,code', ...rows].join('\n')), 'codes.csv');
    expect(getColumn(t, 'code').kind).toBe('text');
    expect(cells(t, 'code')[5]).toBe('5');
    expect(cells(t, 'code')[29_500]).toBe('code29500');
  });

  it('stops promptly when aborted, with an AbortError', async () => {
    const text = `a,b\n${'1,x\n'.repeat(1_000_000)}`;
    const controller = new AbortController();
    let calls = 0;
    const loading = loadTable(blob(text), 'big.csv', {
      signal: controller.signal,
      onProgress: () => {
        calls++;
        controller.abort();
      },
    });
    await expect(loading).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(1);
  });

  it('applies type overrides and reports the cells that did not fit', async () => {
    const text = 'age,flag,when,code\n30,yes,2024-01-01,1\nabc,no,soon,2\n2.5,maybe,2024-01-03,3\n40,1,,4\n';
    const t = await loadTable(blob(text), 'typed.csv', {
      types: { age: 'integer', flag: 'boolean', when: 'date', code: 'category' },
    });
    expect(shape(t)).toEqual(['age:integer', 'flag:boolean', 'when:date', 'code:category']);
    expect(cells(t, 'age')).toEqual([30, NaN, NaN, 40]);
    expect(cells(t, 'flag')).toEqual([true, false, null, true]);
    expect(cells(t, 'code')).toEqual(['1', '2', '3', '4']);
    expect(t.conversions?.map(describeConversion)).toEqual([
      'column "age" (integer): 2 values do not fit and became missing (first: "abc", line 3)',
      'column "flag" (boolean): 1 value does not fit and became missing (first: "maybe", line 4)',
      'column "when" (date): 1 value does not fit and became missing (first: "soon", line 3)',
    ]);
    // Inferred kinds never convert anything.
    expect((await loadTable(blob(text), 'typed.csv')).conversions).toBeUndefined();
  });

  it('reads TSV, pipe-separated, JSON Lines and JSON arrays', async () => {
    expect(cells(await loadTable(blob('a\tb\n1\tx,y\n'), 'd.tsv'), 'b')).toEqual(['x,y']);
    expect(cells(await loadTable(blob('a|b\n1|x\n2|y\n'), 'd.csv'), 'a')).toEqual([1, 2]);
    expect(shape(await loadTable(blob('\uFEFFid,name\n1,x\n'), 'bom.csv'))).toEqual(['id:integer', 'name:category']); // BOM dropped
    const jsonl = await loadTable(blob('{"a": 1, "b": "x"}\r\n\n{"a": 2, "c": true}\n'), 'd.jsonl');
    expect(content(jsonl)).toEqual({ a: [1, 2], b: ['x', ''], c: [null, true] });
    const json = await loadTable(blob('[{"a": 1.5}, {"a": null}]'), 'd.json');
    expect(content(json)).toEqual({ a: [1.5, NaN] });
  });

  it('reads Parquet (hyparquet) with its types', async () => {
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'n', data: Int32Array.from([1, 2, 3]) },
        { name: 'x', data: Float64Array.from([0.5, NaN, 2]) },
        { name: 'plan', data: ['pro', null, 'pro'] },
        { name: 'ok', data: [true, false, null] },
      ],
    });
    const t = await loadTable(blob(new Uint8Array(buffer)), 'd.parquet');
    expect(shape(t)).toEqual(['n:integer', 'x:number', 'plan:category', 'ok:boolean']);
    expect(content(t)).toEqual({ n: [1, 2, 3], x: [0.5, NaN, 2], plan: ['pro', '', 'pro'], ok: [true, false, null] });
  });

  it('reads Arrow IPC (flechette)', async () => {
    const bytes = tableToIPC(
      tableFromArrays({ n: Int32Array.from([4, 5]), word: ['a', null], x: [1.5, null], when: [new Date(Date.UTC(2024, 0, 2)), null] }),
      { format: 'file' },
    );
    const t = await loadTable(blob(bytes as Uint8Array<ArrayBuffer>), 'd.arrow');
    expect(shape(t)).toEqual(['n:integer', 'word:category', 'x:number', 'when:date']);
    expect(content(t)).toEqual({ n: [4, 5], word: ['a', ''], x: [1.5, NaN], when: [new Date(Date.UTC(2024, 0, 2)), null] });
    expect((await loadFailure(blob(new Uint8Array([1, 2, 3])), 'bad.feather')).message).toMatch(
      /^bad\.feather: not a readable Arrow IPC file/,
    );
  });
});

describe('loadTable: bad input names the problem and where', () => {
  it('an empty file, a blank one, a header without rows', async () => {
    expect((await loadFailure('', 'data.csv')).message).toBe('data.csv: the file is empty');
    expect((await loadFailure('\uFEFF \n\n', 'data.csv')).message).toBe('data.csv: the file is empty');
    expect((await loadFailure('a,b\n', 'data.csv')).message).toBe('data.csv: there are no data rows after the header');
  });

  it('no header: the first line looks like data', async () => {
    const e = await loadFailure('5.1,3.5,setosa\n4.9,3.0,setosa\n', 'iris.csv');
    expect(e.message).toBe(
      'iris.csv line 1: the first line looks like data, not a header ("5.1" is a number); the first line must name the columns: add a header line',
    );
    expect(e).toMatchObject({ line: 1 });
    // Whole-number names (years) are fine next to other names.
    expect(shapeOf(parseTable('country,2019,2020\nfr,1,2\n', 'y.csv'))).toEqual(['country', '2019', '2020']);
    expect(shapeOf(parseTable('0,1,2\n5,7,9\n', 'pandas.csv'))).toEqual(['0', '1', '2']);
    expect((await loadFailure('3,1,4\n1,5,9\n', 'pi.csv')).message).toMatch(
      /^pi\.csv line 1: the first line looks like data, not a header \("3" is a number\)/,
    );
  });

  it('ragged rows and an unclosed quote, at their lines', async () => {
    const ragged = await loadFailure(`a,b,c\n${'1,2,3\n'.repeat(100_000)}1,2\n`, 'data.csv');
    expect(ragged.message).toBe('data.csv line 100002: 2 fields, but the header has 3');
    const unclosed = await loadFailure(`a,b\n1,x\n2,"oops\n${'3,y\n'.repeat(300_000)}`, 'data.csv');
    expect(unclosed.message).toMatch(/^data\.csv line 3: unclosed quote/);
    expect(unclosed).toMatchObject({ line: 3, column: 3 });
  });

  it('an unknown file type and invalid JSON (line, column)', async () => {
    expect((await loadFailure('x', 'data.xlsx')).message).toBe(
      'data.xlsx: unsupported file type ".xlsx" (use .csv, .tsv, .json, .jsonl, .parquet or .arrow)',
    );
    const json = await loadFailure('[\n  {"a": 1},\n  {"a": }\n]', 'data.json');
    expect(json).toMatchObject({ line: 3, column: 9 });
    expect((await loadFailure('{"a": 1}\n{"a": 2,}\n', 'data.jsonl')).message).toMatch(/^data\.jsonl line 2: not valid JSON \(column 9\)/);
    expect((await loadFailure(blob(new Uint8Array([80, 65, 82, 49, 0, 0])), 'x.parquet')).message).toMatch(
      /^x\.parquet: not a readable Parquet file/,
    );
  });

  it('a file too large to hold: the allocation failure becomes a DataError with the size', async () => {
    const huge = {
      size: 3.5 * 1024 ** 3,
      arrayBuffer: () => Promise.reject(new RangeError('Array buffer allocation failed')),
    } as unknown as Blob;
    const e = await loadFailure(huge, 'huge.parquet');
    expect(e.message).toMatch(/^huge\.parquet: the file is too large to hold in memory here \(3\.5 GB; .*Array buffer allocation failed/);
    const stream = {
      size: 2 * 1024 ** 3,
      stream: () =>
        new ReadableStream({
          pull() {
            throw new RangeError('Invalid string length');
          },
        }),
    } as unknown as Blob;
    expect((await loadFailure(stream, 'huge.csv')).message).toMatch(/^huge\.csv: the file is too large to hold in memory here \(2\.0 GB/);
  });
});

function rowOf(t: Table, r: number): Record<string, unknown> {
  return Object.fromEntries(t.columns.map((c) => [c.name, columnCells(c, t.rowCount)[r]]));
}

function shapeOf(t: Table): string[] {
  return t.columns.map((c) => c.name);
}
