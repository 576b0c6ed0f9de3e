import { describe, expect, it } from 'vitest';
import { isMissingRange, normaliseCell, parseBoolean, parseIsoDate, parseNumber, parseNumberRange } from './cells.ts';

describe('cells', () => {
  it('normalises missing tokens and whitespace', () => {
    expect(['', ' ', 'NA', 'N/A', 'null', 'NaN', ' NA '].map(normaliseCell)).toEqual(['', '', '', '', '', '', '']);
    expect(normaliseCell('  a b ')).toBe('a b');
    expect(normaliseCell('None')).toBe('None');
    expect(isMissingRange('x,NA,y', 2, 4)).toBe(true);
    expect(isMissingRange('x,No,y', 2, 4)).toBe(false);
  });

  it('parses numbers like +s, but refuses radix literals and infinities', () => {
    for (const s of ['0', '-0', '1.', '.5', '-2.25', '+3', '007', '0.1', '1e3', '-2.5E-3', '12345678901234567890', '123456.789012345']) {
      expect(Object.is(parseNumber(s), +s)).toBe(true);
      expect(Object.is(parseNumberRange(`,${s},`, 1, s.length + 1), +s)).toBe(true);
    }
    for (const s of ['0x1f', '-0b1', '0o7', 'Infinity', '1,5', '1.2.3', '.', '-', 'abc']) {
      expect(parseNumber(s)).toBeNaN();
      expect(parseNumberRange(s, 0, s.length)).toBeNaN();
    }
  });

  it('booleans: true/false when inferring, more words when the user chose boolean', () => {
    expect(['true', 'FALSE', 'True'].map((s) => parseBoolean(s))).toEqual([1, 0, 1]);
    expect(parseBoolean('yes')).toBeNaN();
    expect(['yes', 'No', '1', '0', 'y', 'F'].map((s) => parseBoolean(s, true))).toEqual([1, 0, 1, 0, 1, 0]);
  });

  it('ISO dates and date-times, as UTC unless an offset is given; same as Date.parse with Z', () => {
    const cases = [
      '2024-02-29',
      '1969-12-31',
      '2023-06-01T12:34',
      '2023-06-01 12:34:56',
      '2023-06-01T12:34:56.7',
      '2023-06-01T12:34:56.789123Z',
      '1900-03-01',
      '2400-02-29',
    ];
    for (const s of cases) {
      const iso = s.replace(' ', 'T');
      const expected = Date.parse(iso.length === 10 || /Z$/.test(iso) ? iso : `${iso}Z`);
      expect(parseIsoDate(s)).toBe(expected);
    }
    expect(parseIsoDate('2023-06-01T12:00+02:00')).toBe(Date.parse('2023-06-01T10:00Z'));
    expect(parseIsoDate('2023-06-01T12:00-0130')).toBe(Date.parse('2023-06-01T13:30Z'));
    for (const s of [
      '2023-02-29',
      '2023-02-30',
      '2023-13-01',
      '2023-06-01T24:00',
      '01/02/2023',
      '2023-6-1',
      '20230601',
      '2023-06-01T',
      '2023-06-01Tx',
      '2023-06-01T12:00Zz',
    ]) {
      expect(parseIsoDate(s)).toBeNaN();
    }
  });
});
