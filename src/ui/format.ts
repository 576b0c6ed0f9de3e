/** Number formatting shared by the panels. */
export const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
export const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;
export const count = (n: number) => n.toLocaleString('en-US');
export function formatCell(v: number | string): string {
  if (typeof v === 'string') return v;
  if (Number.isNaN(v)) return '';
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
}
