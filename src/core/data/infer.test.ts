import { describe, expect, it } from 'vitest';
import { buildColumn, inferKind, normaliseCell, parseNumber } from './infer.ts';
import { columnCells } from '../table.ts';

describe('inference', () => {
  it('normalises missing tokens and whitespace', () => {
    expect(['', ' ', 'NA', 'N/A', 'null', 'NaN', ' NA '].map(normaliseCell)).toEqual(['', '', '', '', '', '', '']);
    expect(normaliseCell('  a b ')).toBe('a b');
    expect(normaliseCell('None')).toBe('None');
  });

  it('parses numbers like +s, but refuses radix literals and infinities', () => {
    for (const s of ['0', '-0', '1.', '.5', '-2.25', '+3', '007', '0.1', '1e3', '-2.5E-3', '12345678901234567890']) {
      expect(Object.is(parseNumber(s), +s)).toBe(true);
    }
    for (const s of ['0x1f', '-0b1', '0o7', 'Infinity', '1,5', '1.2.3', '.', '-', 'abc']) {
      expect(parseNumber(s)).toBeNaN();
    }
  });

  it('number: every present value is numeric', () => {
    expect(inferKind(['1', '2.5', '', '-3e2'])).toBe('number');
    expect(inferKind(['1', '2', 'x'])).not.toBe('number');
    const c = buildColumn('n', ['1', 'NA', '3']);
    expect(c.kind).toBe('integer');
    expect(columnCells(c, 3)).toEqual([1, NaN, 3]);
  });

  it('integer, boolean (true/false only), date (ISO only)', () => {
    expect(inferKind(['1', '0', '', '1'])).toBe('integer');
    expect(inferKind(['1', '2.0'])).toBe('number');
    expect(inferKind(['true', 'FALSE', 'True', ''])).toBe('boolean');
    expect(inferKind(['2024-01-31', '', '2023-12-01T10:00:00Z'])).toBe('date');
    // A date column that meets a non-ISO value is read again as strings.
    const mixed = ['2024-01-31', '31/01/2024', '2024-02-01'];
    expect(inferKind([...mixed, ...mixed])).toBe('category');
    expect(inferKind(['01/31/2024', '02/01/2024', '01/31/2024', '02/01/2024'])).toBe('category');
    expect(columnCells(buildColumn('b', ['true', '', 'false']), 3)).toEqual([true, null, false]);
    expect(columnCells(buildColumn('d', ['2024-01-31', 'NA']), 2)).toEqual([new Date(Date.UTC(2024, 0, 31)), null]);
  });

  it('category: few distinct values; yes/no stays a category (its words are kept)', () => {
    expect(inferKind(['true', 'false', 'maybe', 'true', 'false', 'maybe'])).toBe('category');
    expect(inferKind(['yes', 'no'])).toBe('category');
    const plans = Array.from({ length: 100 }, (_, i) => ['basic', 'plus', 'pro'][i % 3] as string);
    expect(inferKind(plans)).toBe('category');
    expect(inferKind(['', '', ''])).toBe('category');
  });

  it('text: many distinct values (more than 50, or more than half the rows)', () => {
    const sentences = Array.from({ length: 60 }, (_, i) => `comment number ${i}`);
    expect(inferKind([...sentences, ...sentences])).toBe('text');
    expect(inferKind(['ann', 'bob', 'cy', 'dee'])).toBe('text');
    const levels = Array.from({ length: 200 }, (_, i) => `level${i % 40}`);
    expect(inferKind(levels)).toBe('category');
    // Many levels are a category only with many rows per level (here 20 each).
    const cities = Array.from({ length: 4000 }, (_, i) => `city${i % 200}`);
    expect(inferKind(cities)).toBe('category');
    expect(inferKind(cities.slice(0, 1000))).toBe('text');
  });

  it('interns category values', () => {
    const c = buildColumn('c', ['a', 'b', 'a', 'b']);
    expect(c.kind).toBe('category');
    expect(c).toMatchObject({ levels: ['a', 'b'], codes: Int32Array.from([0, 1, 0, 1]) });
  });
});
