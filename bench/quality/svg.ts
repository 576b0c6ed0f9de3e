/**
 * A hand-rolled SVG line chart (no plotting dependency): mean-slice accuracy (y) against overall
 * accuracy (x), one polyline per method, a marker per point with ± std whiskers on both axes,
 * one panel per noise setting side by side. Values are fractions; axes show percent.
 */

export interface Series {
  name: string;
  colour: string;
  points: { label: string; x: number; y: number; xStd: number; yStd: number }[];
}

export interface Panel {
  title: string;
  series: Series[];
}

const W = 460,
  H = 360,
  M = { left: 58, right: 16, top: 34, bottom: 46 };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const f1 = (v: number) => v.toFixed(1);

/** Round tick positions covering [lo, hi] (about 5 ticks). */
export function ticks(lo: number, hi: number): number[] {
  const span = hi - lo || 1;
  const raw = span / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

function panel(p: Panel, dx: number): string {
  const pts = p.series.flatMap((s) => s.points);
  const xs = pts.flatMap((q) => [q.x - q.xStd, q.x + q.xStd]).map((v) => v * 100);
  const ys = pts.flatMap((q) => [q.y - q.yStd, q.y + q.yStd]).map((v) => v * 100);
  const pad = (lo: number, hi: number) => {
    const d = Math.max(hi - lo, 0.5) * 0.08;
    return [lo - d, hi + d] as const;
  };
  const [x0, x1] = pts.length ? pad(Math.min(...xs), Math.max(...xs)) : [0, 100];
  const [y0, y1] = pts.length ? pad(Math.min(...ys), Math.max(...ys)) : [0, 100];
  const px = (v: number) => dx + M.left + ((v * 100 - x0) / (x1 - x0)) * (W - M.left - M.right);
  const py = (v: number) => M.top + (1 - (v * 100 - y0) / (y1 - y0)) * (H - M.top - M.bottom);
  const out: string[] = [];
  out.push(`<text x="${dx + W / 2}" y="18" text-anchor="middle" font-weight="bold">${esc(p.title)}</text>`);
  out.push(
    `<rect x="${dx + M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#999"/>`,
  );
  for (const t of ticks(x0, x1)) {
    const x = px(t / 100);
    out.push(`<line x1="${f1(x)}" y1="${H - M.bottom}" x2="${f1(x)}" y2="${H - M.bottom + 4}" stroke="#999"/>`);
    out.push(`<text x="${f1(x)}" y="${H - M.bottom + 16}" text-anchor="middle" font-size="11">${t}</text>`);
  }
  for (const t of ticks(y0, y1)) {
    const y = py(t / 100);
    out.push(`<line x1="${dx + M.left - 4}" y1="${f1(y)}" x2="${dx + M.left}" y2="${f1(y)}" stroke="#999"/>`);
    out.push(`<text x="${dx + M.left - 6}" y="${f1(y + 4)}" text-anchor="end" font-size="11">${t}</text>`);
  }
  out.push(
    `<text x="${dx + M.left + (W - M.left - M.right) / 2}" y="${H - 10}" text-anchor="middle" font-size="12">overall accuracy (%)</text>`,
  );
  out.push(
    `<text transform="translate(${dx + 14} ${M.top + (H - M.top - M.bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="12">mean slice accuracy (%)</text>`,
  );
  p.series.forEach((s, i) => {
    const line = s.points.map((q) => `${f1(px(q.x))},${f1(py(q.y))}`).join(' ');
    out.push(`<polyline points="${line}" fill="none" stroke="${s.colour}" stroke-width="1.8"/>`);
    for (const q of s.points) {
      const [cx, cy] = [px(q.x), py(q.y)];
      out.push(
        `<line x1="${f1(px(q.x - q.xStd))}" y1="${f1(cy)}" x2="${f1(px(q.x + q.xStd))}" y2="${f1(cy)}" stroke="${s.colour}" stroke-opacity="0.45"/>`,
      );
      out.push(
        `<line x1="${f1(cx)}" y1="${f1(py(q.y - q.yStd))}" x2="${f1(cx)}" y2="${f1(py(q.y + q.yStd))}" stroke="${s.colour}" stroke-opacity="0.45"/>`,
      );
      out.push(
        `<circle cx="${f1(cx)}" cy="${f1(cy)}" r="3.2" fill="${s.colour}"><title>${esc(`${s.name} ${q.label}: overall ${(q.x * 100).toFixed(2)}, mean slice ${(q.y * 100).toFixed(2)}`)}</title></circle>`,
      );
      out.push(`<text x="${f1(cx + 5)}" y="${f1(cy - 5)}" font-size="9" fill="${s.colour}">${esc(q.label)}</text>`);
    }
    out.push(`<rect x="${dx + M.left + 8}" y="${M.top + 8 + i * 16}" width="10" height="10" fill="${s.colour}"/>`);
    out.push(`<text x="${dx + M.left + 22}" y="${M.top + 17 + i * 16}" font-size="11">${esc(s.name)}</text>`);
  });
  return out.join('\n');
}

/** A standalone SVG document with the panels side by side. */
export function tradeoffSvg(title: string, panels: Panel[]): string {
  const width = W * Math.max(1, panels.length);
  const body = panels.map((p, i) => panel(p, i * W)).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${H + 20}" viewBox="0 0 ${width} ${H + 20}" font-family="sans-serif">
<title>${esc(title)}</title>
<rect width="100%" height="100%" fill="white"/>
<g transform="translate(0 10)">
${body}
</g>
</svg>
`;
}
