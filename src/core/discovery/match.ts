/**
 * Which rows a slice holds, straight from the table's columns (no row objects): the reference the
 * generated SF code must agree with (sfCode.test.ts), and what the overlap filter (index.ts) uses.
 */
import { tokenize } from '../features.ts';
import { getColumn, type Column, type Table } from '../table.ts';
import type { Predicate } from './types.ts';

/** The rows of `rows` (table row indices) that satisfy every predicate, in order. */
export function sliceRows(table: Table, rows: Int32Array, predicates: readonly Predicate[]): Int32Array {
  const tests = predicates.map((p) => rowTest(getColumn(table, p.column), p));
  const out: number[] = [];
  for (const r of rows) if (tests.every((t) => t(r))) out.push(r);
  return Int32Array.from(out);
}

function rowTest(column: Column, p: Predicate): (row: number) => boolean {
  if (p.kind === 'token') {
    if (column.kind !== 'text' && column.kind !== 'category') throw new Error(`column "${column.name}" has no text`);
    const text = (r: number) => (column.kind === 'text' ? (column.values[r] as string) : (column.levels[column.codes[r] as number] ?? ''));
    return (r) => tokenize(text(r)).includes(p.token);
  }
  if (column.kind === 'text' || column.kind === 'category') {
    const text = (r: number) => (column.kind === 'text' ? (column.values[r] as string) : (column.levels[column.codes[r] as number] ?? ''));
    if (p.kind === 'missing') return (r) => text(r) === '';
    if (p.kind === 'equals') return (r) => text(r) === p.value;
    throw new Error(`a range on the ${column.kind} column "${column.name}"`);
  }
  const values = column.values;
  switch (p.kind) {
    case 'missing':
      return (r) => Number.isNaN(values[r]);
    case 'equals': {
      const v = typeof p.value === 'boolean' ? (p.value ? 1 : 0) : p.value;
      return (r) => values[r] === v;
    }
    case 'range': {
      const lo = p.lo ?? -Infinity;
      const hi = p.hi ?? Infinity;
      return (r) => {
        const v = values[r] as number;
        return v >= lo && v < hi;
      };
    }
  }
}
