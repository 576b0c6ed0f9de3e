import { expect, it } from 'vitest';
import { packTable, tableBuffers, unpackTable } from './tableTransfer.ts';
import type { Table } from './table.ts';

const table: Table = {
  source: 't.csv',
  rowCount: 4,
  columns: [
    { name: 'n', kind: 'number', values: new Float64Array([1, NaN, 3, 4]) },
    { name: 'c', kind: 'category', codes: new Int32Array([0, 1, -1, 0]), levels: ['a', 'b'] },
    { name: 't', kind: 'text', values: ['héllo wörld', '', 'line\nbreak, "quoted"', '😀 emoji'] },
  ],
};

it('packs text columns into one string and unpacks them unchanged, in chunks', async () => {
  const packed = packTable(table);
  const text = packed.columns[2]!;
  expect('packed' in text && text.packed.offsets).toEqual(new Uint32Array([0, 11, 11, 31, 39]));
  let pauses = 0;
  const back = await unpackTable(structuredClone(packed), async () => void pauses++, 3);
  expect(back.columns[2]).toEqual(table.columns[2]);
  expect(back.columns[0]).toEqual(table.columns[0]);
  expect(back.columns[1]).toEqual(table.columns[1]);
  expect(pauses).toBe(2); // 4 strings in chunks of 3
});

it('lists each typed-array buffer once, including the packed offsets', () => {
  const buffers = tableBuffers(packTable(table));
  expect(buffers).toHaveLength(3);
  expect(buffers.every((b) => b instanceof ArrayBuffer)).toBe(true);
});
