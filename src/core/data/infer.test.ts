import { describe, expect, it } from 'vitest';
import { buildColumn, inferKind, normaliseCell, parseNumber } from './infer.ts';

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
    expect(c.kind).toBe('number');
    expect(Array.from(c.values as Float64Array)).toEqual([1, NaN, 3]);
  });

  it('category: few distinct values; booleans are categories', () => {
    expect(inferKind(['true', 'false', 'true', ''])).toBe('category');
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
  });

  it('interns category values', () => {
    const c = buildColumn('c', ['a', 'b', 'a', 'b']);
    expect(c.kind).toBe('category');
    expect(c.values).toEqual(['a', 'b', 'a', 'b']);
  });
});
