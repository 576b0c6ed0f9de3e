import { describe, expect, it } from 'vitest';
import { customersCsv, raggedCsv, RAGGED_LINE } from '../../../e2e/fixtures/fixtures.ts';
import { DataError, parseTable } from './parse.ts';
import { columnCells, type Column, type Table } from '../table.ts';

function col(table: Table, name: string): Column {
  const c = table.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}
const values = (table: Table, name: string) => columnCells(col(table, name), table.rowCount);

/** The DataError parseTable throws for `text`. */
function failure(text: string, file = 'data.csv'): DataError {
  try {
    parseTable(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

describe('parseTable: CSV', () => {
  it('reads quotes, embedded delimiters, newlines and quotes, a BOM and missing values', () => {
    const text =
      '\uFEFFid,note,score,grade\n' +
      '1,"a, b",3.5,A\n' +
      '2,"two\nlines",NA,B\n' +
      '\n' +
      '3,"say ""hi""",,A\n' +
      '4,plain,N/A,\n' +
      '5,null,NaN,B\n' +
      '6,"",7,null\n';
    const t = parseTable(text, 'data.csv');
    expect(t.source).toBe('data.csv');
    expect(t.rowCount).toBe(6);
    expect(t.columns.map((c) => c.name)).toEqual(['id', 'note', 'score', 'grade']);
    expect(values(t, 'id')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(values(t, 'note')).toEqual(['a, b', 'two\nlines', 'say "hi"', 'plain', '', '']);
    expect(values(t, 'score')).toEqual([3.5, NaN, NaN, NaN, NaN, 7]);
    expect(col(t, 'grade').kind).toBe('category');
    expect(values(t, 'grade')).toEqual(['A', 'B', 'A', '', 'B', '']);
  });

  it('reads CRLF files, trims cells and keeps a last line without a newline', () => {
    const t = parseTable('a,b\r\n 1 , x \r\n2,"y\r\nz"\r\n3,w', 'crlf.csv');
    expect(values(t, 'a')).toEqual([1, 2, 3]);
    expect(values(t, 'b')).toEqual(['x', 'y\nz', 'w']);
  });

  it('sniffs ; | and tab delimiters', () => {
    expect(values(parseTable('a;b\n1,5;x\n2,5;y\n', 'eu.csv'), 'a')).toEqual(['1,5', '2,5']);
    expect(values(parseTable('a|b\n1|x\n2|y\n', 'pipe.txt'), 'b')).toEqual(['x', 'y']);
    expect(values(parseTable('a\tb\n1\t"x,y"\n', 'tab.txt'), 'b')).toEqual(['x,y']);
    // A comma inside a quoted header name does not fool the sniffer.
    expect(parseTable('"x,y";z\n1;2\n3;4\n', 'q.csv').columns.map((c) => c.name)).toEqual(['x,y', 'z']);
  });

  it('reads a one-column file (uDSV drops those rows; the scan reads them)', () => {
    const t = parseTable('only\n"1"\n\n2\nNA\n', 'one.csv');
    expect(t.rowCount).toBe(3);
    expect(values(t, 'only')).toEqual([1, 2, NaN]);
  });

  it('re-reads a column that looks numeric and is not', () => {
    const t = parseTable('code,n\n007,1\n12,2\nA9,3\n', 'codes.csv');
    expect(col(t, 'code').kind).not.toBe('number');
    expect(values(t, 'code')).toEqual(['007', '12', 'A9']);
    expect(values(t, 'n')).toEqual([1, 2, 3]);
  });

  it('reads the e2e fixtures (customers.csv; ragged.csv fails at its known line)', () => {
    expect(failure(raggedCsv(), 'ragged.csv').message).toBe(`ragged.csv line ${RAGGED_LINE}: 2 fields, but the header has 3`);
    const t = parseTable(customersCsv(), 'customers.csv');
    expect(t.rowCount).toBe(400);
    expect(t.columns.map((c) => `${c.name}:${c.kind}`)).toEqual([
      'age:integer',
      'income:integer',
      'plan:category',
      'comment:text',
      'region:category',
      'churned:category',
    ]);
  });
});

describe('parseTable: errors name the file and line', () => {
  it('a row with a missing or an extra field', () => {
    const short = failure('a,b,c,d\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3\n1,2,3,4\n');
    expect(short.message).toBe('data.csv line 7: 3 fields, but the header has 4');
    expect(short).toMatchObject({ file: 'data.csv', line: 7 });
    const long = failure('a,b\n1,2\n1,2,3\n');
    expect(long.message).toMatch(/^data\.csv line 3: 3 fields, but the header has 2/);
  });

  it('counts lines inside quoted values and reports a ragged record at its first line', () => {
    const e = failure('a,b\n1,"x\ny"\n2,"p\nq",extra\n');
    expect(e.message).toMatch(/^data\.csv line 4: 3 fields/);
  });

  it('an unclosed quote, at the line where it opens', () => {
    const text = ['a,b', ...Array.from({ length: 10 }, (_, i) => `${i},x`), '11,"oops', '12,y', ''].join('\n');
    const e = failure(text);
    expect(e.message).toMatch(/^data\.csv line 12: unclosed quote/);
    expect(e).toMatchObject({ line: 12, column: 4 });
  });

  it('text after a closing quote', () => {
    expect(failure('a,b\n1,"x"y\n').message).toMatch(/^data\.csv line 2: unexpected text "y" after a closing quote/);
  });

  it('an empty file, a header without rows', () => {
    expect(failure('').message).toBe('data.csv: the file is empty');
    expect(failure('\uFEFF \n\n').message).toBe('data.csv: the file is empty');
    expect(failure('a,b\n').message).toBe('data.csv: there are no data rows after the header');
  });

  it('empty and duplicate header names', () => {
    expect(failure('a,,c\n1,2,3\n').message).toBe('data.csv line 1: column 2 of the header has an empty name');
    expect(failure('age,x,age\n1,2,3\n').message).toBe('data.csv line 1: duplicate column name "age" (columns 1 and 3)');
  });

  it('an unsupported file type', () => {
    expect(failure('x', 'data.xlsx').message).toBe(
      'data.xlsx: unsupported file type ".xlsx" (use .csv, .tsv, .json, .jsonl, .parquet or .arrow)',
    );
    expect(failure('x', 'README').message).toMatch(/^README: a file name without an extension/);
  });
});

describe('parseTable: TSV, JSON, JSON Lines', () => {
  it('reads TSV (tab forced, commas are data)', () => {
    const t = parseTable('name\tsize\nx,y\t1\nz\t2\n', 'data.tsv');
    expect(values(t, 'name')).toEqual(['x,y', 'z']);
    expect(values(t, 'size')).toEqual([1, 2]);
  });

  it('reads a JSON array of objects: union of keys, booleans, nulls, nested values', () => {
    const t = parseTable(
      JSON.stringify([
        { a: 1, b: 'x', ok: true },
        { a: 2.5, c: null, ok: false, nested: { k: 1 } },
        { b: 'NA', a: null },
      ]),
      'data.json',
    );
    expect(t.rowCount).toBe(3);
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'b', 'ok', 'c', 'nested']);
    expect(values(t, 'a')).toEqual([1, 2.5, NaN]);
    expect(values(t, 'b')).toEqual(['x', '', '']);
    expect(col(t, 'ok').kind).toBe('boolean');
    expect(values(t, 'ok')).toEqual([true, false, null]);
    expect(values(t, 'nested')).toEqual(['', '{"k":1}', '']);
  });

  it('reports where JSON is broken', () => {
    const e = failure('[\n  {"a": 1},\n  {"a": }\n]', 'data.json');
    expect(e.message).toMatch(/^data\.json: not valid JSON \(line 3, column 9\)/);
    expect(e).toMatchObject({ line: 3, column: 9 });
    expect(failure('[{"a": 1}', 'data.json').message).toMatch(/not valid JSON \(line 1, column 10\)/);
    expect(failure('{"a": 1}', 'data.json').message).toMatch(/expected an array of objects/);
    expect(failure('[{"a": 1}, 3]', 'data.json').message).toBe('data.json: item 2 of the array is a number, not an object');
  });

  it('reads JSON Lines and names the bad line', () => {
    const t = parseTable('{"a": 1, "b": "x"}\r\n\n{"a": 2}\n', 'data.jsonl');
    expect(values(t, 'a')).toEqual([1, 2]);
    expect(values(t, 'b')).toEqual(['x', '']);
    expect(parseTable('{"a": 1}\n', 'x.ndjson').rowCount).toBe(1);
    expect(failure('{"a": 1}\n{"a": 2}\n{"a": 3,}\n', 'data.jsonl').message).toMatch(/^data\.jsonl line 3: not valid JSON \(column 9\)/);
    expect(failure('{"a": 1}\n[1]\n', 'data.jsonl').message).toMatch(/^data\.jsonl line 2: expected an object/);
  });
});
