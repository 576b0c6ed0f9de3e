import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import './sliceList.css';

const ZOOMS = [4, 6, 8, 10, 12, 14, 18, 24, 32] as const;
const FONT = '11px Inter, system-ui, sans-serif';
const CELL_FONT = '9px Inter, system-ui, sans-serif';
const MAX_LABEL = 150;
const INK = '#1c2433';
const MUTED = '#667085';
const ACCENT = '#1f5fa0';

export interface CanvasHeatmapProps {
  testId: string;
  rows: readonly string[];
  cols: readonly string[];
  /** Colour strength of cell (i, j) in [0, 1]. */
  intensity(i: number, j: number): number;
  /** A short value drawn inside the cell when the zoom leaves room for it. */
  cellText?(i: number, j: number): string;
  /** One line read out for the cell under the pointer (or the clicked one). */
  describe(i: number, j: number): string;
  /** Cells drawn neutral (e.g. a slice against itself). */
  neutral?(i: number, j: number): boolean;
  /** What the axes are, for the readout's hint and the canvas's label. */
  label: string;
  /** Tallest the scroll box gets (px). */
  maxHeight?: number;
}

/**
 * A heatmap of any size drawn on ONE canvas the size of its visible box: a scroll area as large as the
 * whole matrix holds a sticky canvas, and each scroll or zoom redraws only the visible cells (a few
 * hundred to a few thousand fillRects, well under a millisecond) with the row and column labels pinned
 * to the left and top edges. 500 × 500 slices cost the same as 20 × 20. Zoom: − / +; labels are drawn
 * at every row and column that has room (every n-th when zoomed out). Point at a cell to read it out
 * below; click to keep that readout.
 */
export function CanvasHeatmap(props: CanvasHeatmapProps) {
  const { rows, cols } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [cell, setCell] = useState<number>(() => (Math.max(rows.length, cols.length) > 60 ? 12 : 14));
  const [hover, setHover] = useState<[number, number] | null>(null);
  const [picked, setPicked] = useState<[number, number] | null>(null);
  const [view, setView] = useState({ w: 0, h: 0 });
  const frame = useRef(0);

  // Label gutters: the longest label's width, capped.
  const [lw, lh] = useMemo(() => {
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) return [100, 80];
    ctx.font = FONT;
    const widest = (labels: readonly string[]) => labels.reduce((m, l) => Math.max(m, ctx.measureText(l).width), 0);
    return [Math.min(MAX_LABEL, Math.ceil(widest(rows)) + 10), Math.min(MAX_LABEL, Math.ceil(widest(cols)) + 10)];
  }, [rows, cols]);
  const fullW = lw + cols.length * cell;
  const fullH = lh + rows.length * cell;
  const boxH = Math.min(fullH + 14, props.maxHeight ?? 420);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setView({ w: el.clientWidth, h: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const latest = useRef({ props, cell, hover, picked, lw, lh, view });
  latest.current = { props, cell, hover, picked, lw, lh, view };

  const draw = useCallback(() => {
    const el = scroller.current;
    const cv = canvas.current;
    const ctx = cv?.getContext('2d');
    if (!el || !cv || !ctx) return;
    const { props: p, cell: size, hover: hv, picked: pk, lw: gw, lh: gh, view: v } = latest.current;
    const w = Math.min(v.w, gw + p.cols.length * size);
    const h = Math.min(v.h, gh + p.rows.length * size);
    const dpr = window.devicePixelRatio || 1;
    if (cv.width !== Math.round(w * dpr) || cv.height !== Math.round(h * dpr)) {
      cv.width = Math.round(w * dpr);
      cv.height = Math.round(h * dpr);
      cv.style.width = `${w}px`;
      cv.style.height = `${h}px`;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const [sl, st] = [el.scrollLeft, el.scrollTop];
    const c0 = Math.max(0, Math.floor(sl / size));
    const c1 = Math.min(p.cols.length, Math.ceil((sl + w - gw) / size));
    const r0 = Math.max(0, Math.floor(st / size));
    const r1 = Math.min(p.rows.length, Math.ceil((st + h - gh) / size));
    const gap = size >= 8 ? 1 : 0;
    const focus = pk ?? hv;
    for (let r = r0; r < r1; r++) {
      const y = gh + r * size - st;
      for (let c = c0; c < c1; c++) {
        const x = gw + c * size - sl;
        const neutral = p.neutral?.(r, c) ?? false;
        ctx.fillStyle = neutral ? '#e8edf3' : `rgba(31, 95, 160, ${Math.max(0, Math.min(1, p.intensity(r, c))).toFixed(3)})`;
        ctx.fillRect(x, y, size - gap, size - gap);
        if (size >= 24 && p.cellText && !neutral) {
          const strong = p.intensity(r, c) > 0.55;
          ctx.fillStyle = strong ? '#fff' : INK;
          ctx.font = CELL_FONT;
          ctx.textAlign = 'center';
          ctx.textBaseline = 'middle';
          ctx.fillText(p.cellText(r, c), x + size / 2, y + size / 2, size - 2);
        }
      }
    }
    if (focus) {
      const [r, c] = focus;
      ctx.strokeStyle = '#d89c00';
      ctx.lineWidth = 2;
      ctx.strokeRect(gw + c * size - sl - 1, gh + r * size - st - 1, size + 1, size + 1);
    }
    // Gutters over any cell that scrolled under them, then the labels that have room (every n-th).
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, gw, h);
    ctx.fillRect(0, 0, w, gh);
    ctx.font = FONT;
    const step = Math.max(1, Math.ceil(12 / size));
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let r = r0 - (r0 % step); r < r1; r += step) {
      const y = gh + r * size - st + size / 2;
      if (y < gh) continue;
      ctx.fillStyle = focus?.[0] === r ? ACCENT : MUTED;
      ctx.fillText(p.rows[r]!, gw - 5, y, gw - 8);
    }
    ctx.textAlign = 'left';
    for (let c = c0 - (c0 % step); c < c1; c += step) {
      const x = gw + c * size - sl + size / 2;
      if (x < gw) continue;
      ctx.save();
      ctx.translate(x, gh - 5);
      ctx.rotate(-Math.PI / 2);
      ctx.fillStyle = focus?.[1] === c ? ACCENT : MUTED;
      ctx.fillText(p.cols[c]!, 0, 0, gh - 8);
      ctx.restore();
    }
  }, []);

  useEffect(() => {
    draw();
  }, [draw, props, cell, hover, picked, lw, lh, view]);

  const onScroll = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(draw);
  };

  const cellAt = (e: React.MouseEvent<HTMLCanvasElement>): [number, number] | null => {
    const el = scroller.current;
    if (!el) return null;
    const rect = e.currentTarget.getBoundingClientRect();
    const [x, y] = [e.clientX - rect.left, e.clientY - rect.top];
    if (x < lw || y < lh) return null;
    const c = Math.floor((x - lw + el.scrollLeft) / cell);
    const r = Math.floor((y - lh + el.scrollTop) / cell);
    return r >= 0 && r < rows.length && c >= 0 && c < cols.length ? [r, c] : null;
  };

  const zoom = (dir: 1 | -1) => {
    const i = ZOOMS.findIndex((z) => z >= cell);
    const next = ZOOMS[Math.max(0, Math.min(ZOOMS.length - 1, (i === -1 ? ZOOMS.length - 1 : i) + dir))]!;
    setCell(next);
  };
  const fit = () => {
    const avail = (scroller.current?.clientWidth ?? 600) - lw;
    const best = [...ZOOMS].reverse().find((z) => z * cols.length <= avail) ?? ZOOMS[0];
    setCell(best);
  };
  const shown = picked ?? hover;
  return (
    <div className="hm" data-testid={props.testId}>
      <div className="hm-tools">
        <span className="muted">
          {rows.length} × {cols.length}
        </span>
        <button type="button" aria-label="Zoom out" onClick={() => zoom(-1)} disabled={cell <= ZOOMS[0]}>
          −
        </button>
        <button type="button" aria-label="Zoom in" onClick={() => zoom(1)} disabled={cell >= ZOOMS[ZOOMS.length - 1]!}>
          +
        </button>
        <button type="button" onClick={fit} title="Zoom so that every column fits the width">
          Fit width
        </button>
        <span className="muted">{cell < 10 ? 'every ' + Math.ceil(12 / cell) + ' labels shown; zoom in to read all' : ''}</span>
      </div>
      <div className="hm-scroll" ref={scroller} onScroll={onScroll} style={{ height: boxH }}>
        <div style={{ width: fullW, height: fullH }}>
          <canvas
            ref={canvas}
            role="img"
            aria-label={`${props.label}: ${rows.length} rows × ${cols.length} columns`}
            data-testid={`${props.testId}.canvas`}
            onMouseMove={(e) => {
              const at = cellAt(e);
              if (at?.[0] !== hover?.[0] || at?.[1] !== hover?.[1]) setHover(at);
            }}
            onMouseLeave={() => setHover(null)}
            onClick={(e) => {
              const at = cellAt(e);
              setPicked(at && (at[0] !== picked?.[0] || at[1] !== picked?.[1]) ? at : null);
            }}
          />
        </div>
      </div>
      <div className="hm-readout" data-testid={`${props.testId}.readout`} aria-live="polite">
        {shown ? props.describe(shown[0], shown[1]) : <span className="muted">Point at a cell to read it; click to keep it.</span>}
      </div>
    </div>
  );
}
