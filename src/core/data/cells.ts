/**
 * Reading one cell's text: missing tokens, numbers, booleans and ISO dates. The range forms read a
 * cell straight out of a chunk of the file (s, from a to b) without slicing it into a string first;
 * that is what keeps number columns cheap.
 */

/** Cells that mean "no value" (after trimming). Compared case-sensitively. */
export const MISSING_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'n/a', 'null', 'NULL', 'NaN', 'nan'];
const MISSING = new Set(MISSING_TOKENS);

/** Trim surrounding whitespace and map missing tokens to ''. */
export function normaliseCell(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  if (s.charCodeAt(0) <= 32 || s.charCodeAt(n - 1) <= 32) s = s.trim();
  return s.length <= 4 && MISSING.has(s) ? '' : s;
}

/** Is s[a, b) (already trimmed, non-empty) a missing token? Only cells starting with N or n can be. */
export function isMissingRange(s: string, a: number, b: number): boolean {
  if (b - a > 4) return false;
  const c = s.charCodeAt(a);
  return (c === 78 || c === 110) && MISSING.has(s.slice(a, b));
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Set by parseNumberRange (hadFraction): whether the number it read had a decimal point or an exponent (so "3.0"
 * makes a column 'number', not 'integer'). A shared object rather than a returned pair: no
 * allocation per cell.
 */
export const numberInfo = { hadFraction: false };

/**
 * The number in s[a, b) (trimmed, non-missing), or NaN when it is not a plain decimal number.
 * Fast path (why it is fast): cells like '-123.456' with at most 15 digits are read with charCodeAt
 * into an integer mantissa and divided by an exact power of ten; both operands are exact doubles, so
 * the one rounding gives the same double as `+s` (Clinger's fast path) with no string made.
 * Everything else (exponents, long numbers, non-numbers) goes through parseNumber(slice).
 */
export function parseNumberRange(s: string, a: number, b: number): number {
  let i = a;
  let c = s.charCodeAt(i);
  const negative = c === 45; // -
  if (negative || c === 43) i++; // + -
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let dot = false;
  for (; i < b; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (dot) scale++;
    } else if (c === 46 && !dot) dot = true;
    else break;
  }
  if (i === b && digits > 0 && digits <= 15) {
    numberInfo.hadFraction = dot;
    const v = scale === 0 ? mantissa : mantissa / (POW10[scale] as number);
    return negative ? -v : v;
  }
  const text = s.slice(a, b);
  numberInfo.hadFraction = /[.eE]/.test(text);
  return parseNumber(text);
}

/** parseNumberRange over a whole (trimmed) string. Refuses '0x1f', 'Infinity', '1,5'. */
export function parseNumber(s: string): number {
  if (s.length === 0) return NaN;
  const c0 = s.charCodeAt(0);
  if (c0 <= 32 || s.charCodeAt(s.length - 1) <= 32) return parseNumber(s.trim());
  const v = +s;
  if (!Number.isFinite(v)) return NaN;
  // '0x1f', '0b101', '0o17' (signed too): JS reads them, CSV authors don't mean them.
  const start = c0 === 43 || c0 === 45 ? 1 : 0;
  if (s.charCodeAt(start) === 48 && s.length >= start + 2) {
    const c = s.charCodeAt(start + 1) | 32;
    if (c === 120 || c === 98 || c === 111) return NaN;
  }
  return v;
}

/**
 * 1 for true, 0 for false (any case), NaN otherwise. `lenient` (a column the user made boolean) also
 * takes yes/no, y/n, t/f and 0/1. Inference is strict: a yes/no column stays a category, so its values
 * (and label classes) keep the words people wrote; 0/1 columns are integers.
 */
export function parseBoolean(s: string, lenient = false): number {
  if (s.length > 5) return NaN;
  switch (s.toLowerCase()) {
    case 'true':
      return 1;
    case 'false':
      return 0;
    case 'yes':
    case 'y':
    case 't':
    case '1':
      return lenient ? 1 : NaN;
    case 'no':
    case 'n':
    case 'f':
    case '0':
      return lenient ? 0 : NaN;
    default:
      return NaN;
  }
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** The value of the two digits at s[i], s[i+1], or -1. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Epoch ms of an ISO 8601 date or date-time, or NaN. Conservative on purpose: only
 * YYYY-MM-DD, optionally followed by T or space, HH:MM[:SS[.fff]] and Z or ±HH[:]MM. A date-time
 * without an offset is read as UTC (not local time: the same file gives the same numbers anywhere).
 * Impossible dates (2023-02-30, 25:00) are not dates. Read with charCodeAt (no regex, no Date object):
 * date columns are common and this runs for every cell.
 */
export function parseIsoDate(s: string): number {
  const n = s.length;
  if (n < 10 || n > 35 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const hi = two(s, 0);
  const lo = two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  if (hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1 || day > (DAYS[month - 1] as number)) return NaN;
  const year = hi * 100 + lo;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return NaN;
  let t = daysFromCivil(year, month, day) * 86_400_000;
  if (n === 10) return t;
  const sep = s.charCodeAt(10);
  if ((sep !== 84 && sep !== 32) || n < 16 || s.charCodeAt(13) !== 58) return NaN; // T or space, HH:MM
  const hour = two(s, 11);
  const minute = two(s, 14);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return NaN;
  t += hour * 3_600_000 + minute * 60_000;
  let i = 16;
  if (i < n && s.charCodeAt(i) === 58) {
    const second = two(s, i + 1);
    if (second < 0 || second > 59) return NaN;
    t += second * 1000;
    i += 3;
    if (i < n && s.charCodeAt(i) === 46) {
      i++;
      let digits = 0;
      let fraction = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        if (digits < 3) fraction = fraction * 10 + c;
        digits++;
      }
      if (digits === 0 || digits > 9) return NaN;
      t += fraction * (digits === 1 ? 100 : digits === 2 ? 10 : 1);
    }
  }
  if (i === n) return t;
  const z = s.charCodeAt(i);
  if (z === 90) return i + 1 === n ? t : NaN; // Z
  if (z !== 43 && z !== 45) return NaN;
  const oh = two(s, i + 1);
  const colon = s.charCodeAt(i + 3) === 58 ? 1 : 0;
  const om = two(s, i + 3 + colon);
  if (oh < 0 || oh > 23 || om < 0 || om > 59 || i + 5 + colon !== n) return NaN;
  return t - (z === 45 ? -1 : 1) * (oh * 60 + om) * 60_000;
}
