import { useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useStore } from '../../store/store.ts';
import { MODEL_LABELS } from '../../core/train/types.ts';
import { count, pct, points } from '../format.ts';
import { PinButton, SliceListControls } from './SliceListControls.tsx';
import { orderSlices } from './sliceOrder.ts';
import { useSliceScores } from './useSliceScores.ts';
import { PadRow, virtualRows } from '../virtualRows.tsx';

/** Fixed row height (px): rows are never measured. */
const ROW_H = 26;
/** Rows visible before the list scrolls (the page never grows past this). */
const VISIBLE_ROWS = 10;

/**
 * One row per slice: size, share of all rows, a bar, the ordering model's accuracy once trained, and
 * whether the last apply re-ran it. Sorted, filtered and pinned by the shared controls; a bounded,
 * virtualised list (only the rows in view are in the page), so 500 slices cost what 10 do.
 */
export function SliceTable() {
  const slices = useStore((s) => s.slices);
  const rows = useStore((s) => s.table?.rowCount ?? 0);
  const selected = useStore((s) => s.selectedSlice);
  const controls = useStore((s) => s.sliceList);
  const select = useStore.getState().selectSlice;
  const { scores, model, trained } = useSliceScores();
  const ordered = useMemo(
    () =>
      orderSlices(
        slices.map((s) => ({ name: s.name, size: s.count, slice: s, ...scores.get(s.name) })),
        controls,
      ),
    [slices, scores, controls],
  );
  const max = useMemo(() => slices.reduce((m, s) => Math.max(m, s.count), 1), [slices]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: ordered.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_H,
    overscan: 8,
  });
  if (slices.length === 0) return <p className="muted">No slices yet.</p>;
  const { items, top, bottom } = virtualRows(virtualizer);
  const withAccuracy = model !== null && scores.size > 0;
  const columns = withAccuracy ? 7 : 6;
  return (
    <div className="slice-list">
      <SliceListControls view="slices" shown={ordered.length} total={slices.length} trained={trained} model={model} />
      <div className="slice-scroll" ref={scroller} style={{ maxHeight: ROW_H * (VISIBLE_ROWS + 1) + 2 }}>
        <table className="slice-table" data-testid="slices.table">
          <thead>
            <tr>
              <th aria-label="Pinned" />
              <th>Slice</th>
              <th className="num">Rows</th>
              <th className="num">Share</th>
              <th aria-hidden />
              {withAccuracy && (
                <th className="num" title={`Validation accuracy of ${MODEL_LABELS[model]} and its difference from plain (points)`}>
                  {MODEL_LABELS[model]}
                </th>
              )}
              <th className="num" title="Time of the SF's last run; 'kept' when its code did not change and its mask was reused">
                Run
              </th>
            </tr>
          </thead>
          <tbody>
            <PadRow height={top} columns={columns} />
            {items.map((v) => {
              const { item, pinned } = ordered[v.index]!;
              const s = item.slice;
              const classes = [s.name === selected ? 'selected' : '', pinned ? 'pinned' : ''].filter(Boolean).join(' ');
              return (
                <tr
                  key={s.name}
                  style={{ height: ROW_H }}
                  data-testid={`slices.row.${s.name}`}
                  className={classes || undefined}
                  onClick={() => select(s.name === selected ? null : s.name)}
                >
                  <td className="pin-cell">
                    <PinButton name={s.name} />
                  </td>
                  <td className="name-cell" title={s.name}>
                    <button type="button" className="link" aria-pressed={s.name === selected}>
                      {s.name}
                    </button>
                  </td>
                  <td className="num" data-testid={`slices.count.${s.name}`}>
                    {count(s.count)}
                  </td>
                  <td className="num" data-testid={`slices.share.${s.name}`}>
                    {pct(rows ? s.count / rows : 0)}
                  </td>
                  <td className="bar-cell">
                    <div className="bar" style={{ width: `${(100 * s.count) / max}%` }} />
                  </td>
                  {withAccuracy && (
                    <td className="num acc small" data-testid={`slices.accuracy.${s.name}`}>
                      {item.accuracy === undefined ? '–' : pct(item.accuracy)}
                      {item.delta !== undefined && (
                        <span className={item.delta > 0 ? 'delta up' : item.delta < 0 ? 'delta down' : 'delta'}>{points(item.delta)}</span>
                      )}
                    </td>
                  )}
                  <td className="num muted small" data-testid={`slices.run.${s.name}`}>
                    {s.reused ? 'kept' : `${s.millis < 10 ? s.millis.toFixed(1) : Math.round(s.millis)} ms`}
                  </td>
                </tr>
              );
            })}
            <PadRow height={bottom} columns={columns} />
          </tbody>
        </table>
        {ordered.length === 0 && <div className="empty-filter">No slice name contains “{controls.filter}”.</div>}
      </div>
    </div>
  );
}
