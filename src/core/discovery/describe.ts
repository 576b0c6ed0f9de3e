/** Predicates and slices in plain language: `z0 in [0.2, 0.4) and z1 in [-0.1, 0.1)`. */
import type { Predicate } from './types.ts';

export function describePredicate(p: Predicate): string {
  const name = p.column;
  switch (p.kind) {
    case 'range': {
      const lo = p.lo === null ? null : formatValue(p.lo, p.columnKind);
      const hi = p.hi === null ? null : formatValue(p.hi, p.columnKind);
      if (lo !== null && hi !== null) return `${name} in [${lo}, ${hi})`;
      if (lo !== null) return `${name} >= ${lo}`;
      if (hi !== null) return `${name} < ${hi}`;
      return `${name} is present`;
    }
    case 'equals':
      return `${name} = ${typeof p.value === 'string' ? JSON.stringify(p.value) : typeof p.value === 'number' ? formatValue(p.value, p.columnKind) : String(p.value)}`;
    case 'missing':
      return `${name} is missing`;
    case 'token':
      return `${name} contains ${JSON.stringify(p.token)}`;
  }
}

export function describeSlice(predicates: readonly Predicate[]): string {
  return predicates.map(describePredicate).join(' and ');
}

/** Numbers as JavaScript writes them (cuts are short decimals already); dates as ISO, the day alone at midnight. */
function formatValue(value: number, kind: string): string {
  if (kind !== 'date') return String(value);
  const iso = new Date(value).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
