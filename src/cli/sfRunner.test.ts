import { describe, expect, it } from 'vitest';
import { applySfsInWorker } from './sfRunner.ts';
import type { Table } from '../core/table.ts';

const table: Table = {
  source: 't.csv',
  rowCount: 4,
  columns: [{ name: 'x', kind: 'number', values: Float64Array.from([1, 2, 3, 4]) }],
};

describe('the CLI applies SFs in a worker thread', () => {
  it('returns the same masks as the app', async () => {
    const result = await applySfsInWorker(table, 'export const big = (row: Row) => row.x > 2;\n', 5000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.slices.map((s) => s.name)).toEqual(['big']);
    expect([...result.slices[0]!.mask]).toEqual([0, 0, 1, 1]);
  });

  it("stops an SF that never returns, names it, and still reports the others (the app's policy)", async () => {
    const source = [
      'export const fine = (row: Row) => row.x > 0;',
      'export const forever = (row: Row) => { while (true) {} };',
      'export const broken = (row: Row) => (row as any).nope.length > 1;',
    ].join('\n');
    const result = await applySfsInWorker(table, source, 800);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const hung = result.errors.find((e) => e.kind === 'timeout');
    expect(hung).toMatchObject({ kind: 'timeout', sf: 'forever' });
    expect(hung!.message).toContain('SF "forever" did not finish within 0.8 s');
    // the SF after the hung one still ran: its own error arrives too
    expect(result.errors.find((e) => e.sf === 'broken')).toMatchObject({ kind: 'runtime', row: 0 });
  });

  it('passes SF errors through with the SF name and row', async () => {
    const result = await applySfsInWorker(table, 'export const bad = (row: Row) => (row as any).nope.length > 1;\n', 5000);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ kind: 'runtime', sf: 'bad', row: 0 });
  });

  it('blocks the function-constructor escape, as the app does', async () => {
    const source = "export const escape = (row: Row) => (() => 0).constructor('return globalThis')() !== undefined;\n";
    const result = await applySfsInWorker(table, source, 5000);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ kind: 'runtime', sf: 'escape', row: 0 });
    expect(result.errors[0]!.message).toMatch(/blocked/i);
  });
});
