import { useMemo, useState } from 'react';
import { useStore } from '../../store/store.ts';
import { count, pct } from '../format.ts';
import { CanvasHeatmap } from './CanvasHeatmap.tsx';
import { orderSlices } from './sliceOrder.ts';
import { useSliceScores } from './useSliceScores.ts';

/** Up to this many slices (after the filter) the overlap is a table with every count written out. */
const TABLE_MAX = 16;

/**
 * Rows in both slices, as a share of the row's slice: cell (i, j) = |i ∩ j| / |i|. The counts come
 * from the SF worker (computed there from packed masks), so the page does no O(K²n) work. Slices are
 * listed in the shared order (sort, filter, pins: SliceListControls); past TABLE_MAX a zoomable canvas
 * (CanvasHeatmap) stands in for the table, so 500 slices do not grow the page.
 */
export function OverlapHeatmap() {
  const slices = useStore((s) => s.slices);
  const matrix = useStore((s) => s.overlap);
  const controls = useStore((s) => s.sliceList);
  const { scores } = useSliceScores();
  // Shown by default while small; then the person's choice.
  const [shown, setShown] = useState<boolean | null>(null);
  const order = useMemo(() => {
    const items = slices.map((s, index) => ({ name: s.name, size: s.count, index, ...scores.get(s.name) }));
    return orderSlices(items, controls).map((o) => o.item);
  }, [slices, scores, controls]);
  const names = useMemo(() => order.map((o) => o.name), [order]);
  if (slices.length < 2 || matrix.length !== slices.length) return null;
  const open = shown ?? slices.length <= 12;
  const share = (i: number, j: number) => {
    const a = order[i]!;
    return a.size ? (matrix[a.index]?.[order[j]!.index] ?? 0) / a.size : 0;
  };
  const both = (i: number, j: number) => matrix[order[i]!.index]?.[order[j]!.index] ?? 0;
  return (
    <div className="overlap">
      <button
        type="button"
        className="link disclosure"
        aria-expanded={open}
        data-testid="slices.overlap.toggle"
        onClick={() => setShown(!open)}
      >
        {open ? '▾' : '▸'} Overlap between slices{' '}
        <span className="muted small">
          ({order.length === slices.length ? `${slices.length} slices` : `${order.length} of ${slices.length} slices: the filter applies`})
        </span>
      </button>
      {!open ? null : order.length > TABLE_MAX ? (
        <CanvasHeatmap
          testId="slices.overlap"
          label="Rows in both slices, as a share of the row's slice"
          rows={names}
          cols={names}
          intensity={share}
          neutral={(i, j) => i === j}
          cellText={(i, j) => String(both(i, j))}
          describe={(i, j) =>
            i === j
              ? `${order[i]!.name}: ${count(order[i]!.size)} rows`
              : `${count(both(i, j))} rows in both ${order[i]!.name} and ${order[j]!.name} (${pct(share(i, j))} of ${order[i]!.name})`
          }
        />
      ) : order.length < 2 ? (
        <p className="muted small">Fewer than two slices pass the filter.</p>
      ) : (
        <div className="overlap-scroll">
          <table className="heatmap" data-testid="slices.overlap">
            <thead>
              <tr>
                <th />
                {order.map((s) => (
                  <th key={s.name} className="rot" title={s.name}>
                    <span>{s.name}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {order.map((a, i) => (
                <tr key={a.name}>
                  <th scope="row">{a.name}</th>
                  {order.map((b, j) => {
                    const n = both(i, j);
                    const s = share(i, j);
                    return (
                      <td
                        key={b.name}
                        data-testid={`slices.overlap.${a.name}.${b.name}`}
                        title={`${n} rows in both ${a.name} and ${b.name}`}
                        style={{
                          background: i === j ? '#e8edf3' : `rgba(31, 95, 160, ${s})`,
                          color: s > 0.5 && i !== j ? '#fff' : undefined,
                        }}
                      >
                        {i === j ? '' : n}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
