/**
 * Moving a Table between threads cheaply. Structured clone copies typed arrays fast only when they
 * are transferred, and copies string arrays one string at a time: measured in headless Chromium on
 * this 2-core machine, cloning 18 Float64Array columns of 1M rows took ~680 ms of the sender's
 * thread, and one 1M-string column ~120 ms. So a table travels as:
 *   - typed-array columns with their buffers in the transfer list (no copy at all);
 *   - text columns packed into one string plus offsets (one copy of one string, ~1 ms), unpacked by
 *     the receiver in slices so that no single task of its thread is long (unpackTable).
 */
import type { Column, Table } from './table.ts';

export type PackedColumn =
  Exclude<Column, { kind: 'text' }> | { name: string; kind: 'text'; packed: { chars: string; offsets: Uint32Array } };

export interface PackedTable extends Omit<Table, 'columns'> {
  columns: PackedColumn[];
}

/** The ArrayBuffers behind a table's typed-array columns: the transfer list for postMessage. */
export function tableBuffers(table: Table | PackedTable): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const column of table.columns) {
    const arrays = 'packed' in column ? [column.packed.offsets] : (Object.values(column) as unknown[]);
    for (const array of arrays) {
      if (ArrayBuffer.isView(array) && array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
    }
  }
  return [...buffers];
}

/** The table with its text columns packed (typed-array columns are shared, not copied). */
export function packTable(table: Table): PackedTable {
  return {
    ...table,
    columns: table.columns.map((column): PackedColumn => {
      if (column.kind !== 'text') return column;
      const offsets = new Uint32Array(column.values.length + 1);
      let at = 0;
      column.values.forEach((v, i) => {
        at += v.length;
        offsets[i + 1] = at;
      });
      return { name: column.name, kind: 'text', packed: { chars: column.values.join(''), offsets } };
    }),
  };
}

/**
 * The table with its text columns unpacked, `chunk` strings at a time, awaiting `pause()` between
 * chunks (the page passes a yield to the event loop; tests pass nothing).
 */
export async function unpackTable(packed: PackedTable, pause: () => Promise<void> = async () => {}, chunk = 100_000): Promise<Table> {
  const columns: Column[] = [];
  for (const column of packed.columns) {
    if (!('packed' in column)) {
      columns.push(column);
      continue;
    }
    const { chars, offsets } = column.packed;
    const values = new Array<string>(offsets.length - 1);
    for (let start = 0; start < values.length; start += chunk) {
      const end = Math.min(values.length, start + chunk);
      for (let i = start; i < end; i++) values[i] = chars.slice(offsets[i], offsets[i + 1]);
      await pause();
    }
    columns.push({ name: column.name, kind: 'text', values });
  }
  return { ...packed, columns };
}
