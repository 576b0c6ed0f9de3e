import { useMemo, useRef, useState } from 'react';
import { elementScroll, observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
import { useStore } from '../../store/store.ts';
import { cellText, type Column, type Table } from '../../core/table.ts';
import { MODEL_KINDS, MODEL_LABELS, type ModelKind } from '../../core/train/types.ts';
import { count } from '../format.ts';

/** Fixed row height (px): rows are never measured, so scrolling a million of them costs nothing extra. */
const ROW_H = 24;
/** Sticky header height (px), as in dataView.css. */
const HEAD_H = 25;
/**
 * Tallest body we let the browser lay out (px). Browsers cap element heights (Firefox near 17.9M px,
 * Chromium near 33.5M), and 1M rows of 24 px are 24M px: past this cap the body keeps this height and
 * the scroll position maps linearly onto the rows (a "scaled" scroll), so the last row stays reachable.
 */
const MAX_BODY_PX = 8_000_000;
const NUMBERS: ReadonlySet<Column['kind']> = new Set(['number', 'integer']);
const WIDTH: Record<Column['kind'], number> = { number: 96, integer: 84, boolean: 70, date: 140, category: 120, text: 280 };

interface ViewColumn {
  key: string;
  title: string;
  width: number;
  numeric: boolean;
  text(row: number): string;
  /** A prediction column: is this row's prediction wrong? */
  wrong?(row: number): boolean;
  className?: string;
  /** Long values: the full text shows on hover (cells are cut to one line). */
  full?: boolean;
}

/** Which rows to show: every row, one slice's rows, or the rows a model gets wrong. */
type Filter = { kind: 'all' } | { kind: 'slice'; name: string } | { kind: 'wrong'; model: ModelKind };

const filterKey = (f: Filter) => (f.kind === 'all' ? 'all' : f.kind === 'slice' ? `slice:${f.name}` : `wrong:${f.model}`);

/**
 * The table's rows in a virtualised grid: only the rows in view (plus a few) are in the DOM. The
 * label comes first, then each trained model's prediction (wrong ones marked), then every column.
 */
export function DataView() {
  const table = useStore((s) => s.table);
  const label = useStore((s) => s.config.label);
  const slices = useStore((s) => s.slices);
  const predictions = useStore((s) => s.predictions);
  const classes = useStore((s) => s.runClasses);
  const [filterId, setFilterId] = useState('all');

  const models = useMemo(
    () => (table ? MODEL_KINDS.filter((m) => predictions[m]?.length === table.rowCount && classes.length > 0) : []),
    [table, predictions, classes],
  );
  const filters = useMemo<Filter[]>(
    () => [
      { kind: 'all' },
      ...slices.map((s): Filter => ({ kind: 'slice', name: s.name })),
      ...models.map((m): Filter => ({ kind: 'wrong', model: m })),
    ],
    [slices, models],
  );
  const filter = filters.find((f) => filterKey(f) === filterId) ?? { kind: 'all' };
  const columns = useMemo(
    () => (table ? viewColumns(table, label, models, predictions, classes) : []),
    [table, label, models, predictions, classes],
  );
  const rows = useMemo(() => (table ? rowsOf(table, filter, slices, columns) : null), [table, filter, slices, columns]);

  if (!table || !rows) return null;
  const shown = rows === 'all' ? table.rowCount : rows.length;
  const sliceCount = (name: string) => slices.find((s) => s.name === name)?.count ?? 0;
  return (
    <div className="data-view">
      <div className="row toolbar">
        <label className="row">
          <span className="muted small">Show</span>
          <select
            aria-label="Rows to show"
            data-testid="dataview.filter"
            value={filterKey(filter)}
            onChange={(e) => setFilterId(e.target.value)}
          >
            {filters.map((f) => (
              <option key={filterKey(f)} value={filterKey(f)}>
                {f.kind === 'all'
                  ? `All rows (${count(table.rowCount)})`
                  : f.kind === 'slice'
                    ? `Slice ${f.name} (${count(sliceCount(f.name))})`
                    : `Rows ${MODEL_LABELS[f.model]} gets wrong`}
              </option>
            ))}
          </select>
        </label>
        <span className="muted small" data-testid="dataview.count">
          {count(shown)} of {count(table.rowCount)} rows
        </span>
        {models.length === 0 && <span className="muted small">Predictions appear here once a run finishes.</span>}
      </div>
      {/* A new filter (or new columns) starts afresh: a remount resets the scroll position and sizes. */}
      <Grid key={`${filterKey(filter)}|${columns.map((c) => c.key).join('|')}`} table={table} columns={columns} rows={rows} />
    </div>
  );
}

function Grid({ table, columns, rows }: { table: Table; columns: ViewColumn[]; rows: 'all' | Int32Array }) {
  const scroller = useRef<HTMLDivElement>(null);
  const n = rows === 'all' ? table.rowCount : rows.length;
  const total = n * ROW_H;
  const bodyHeight = Math.min(total, MAX_BODY_PX);
  /** Virtual offset per real scroll px: maps the real scroll range onto the virtual one, end to end. */
  const ratio = (el: Element | null) => {
    if (total <= MAX_BODY_PX) return 1;
    const view = el?.clientHeight ?? 440;
    return (HEAD_H + total - view) / Math.max(1, HEAD_H + bodyHeight - view);
  };
  const virtualizer = useVirtualizer({
    count: n,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_H,
    overscan: 10,
    observeElementOffset: (instance, cb) =>
      observeElementOffset(instance, (offset, isScrolling) => cb(offset * ratio(instance.scrollElement), isScrolling)),
    scrollToFn: (offset, options, instance) => elementScroll(offset / ratio(instance.scrollElement), options, instance),
  });
  // Rows sit at their virtual position shifted by (virtual - real) scroll offset: no shift unscaled.
  const virtualOffset = virtualizer.scrollOffset ?? 0;
  const shift = virtualOffset - virtualOffset / ratio(scroller.current);
  const rowNumberWidth = Math.max(56, 10 + 8 * count(table.rowCount).length);
  const width = rowNumberWidth + columns.reduce((a, c) => a + c.width, 0);
  // Columns are virtualised too (a wide table has hundreds): only those in view, after a spacer.
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => columns[i]!.width,
    paddingStart: rowNumberWidth,
    overscan: 3,
  });
  const shownColumns = columnVirtualizer.getVirtualItems();
  const lead = shownColumns.length > 0 ? shownColumns[0]!.start - rowNumberWidth : 0;
  const visible = shownColumns.map((v) => columns[v.index]!);
  return (
    <div
      ref={scroller}
      className="grid-scroll"
      tabIndex={0}
      role="table"
      aria-label="Data rows"
      aria-rowcount={n + 1}
      data-testid="dataview.scroller"
    >
      <div className="grid-head" role="row" style={{ width }}>
        <div className="grid-cell num rownum" role="columnheader" style={{ width: rowNumberWidth }}>
          row
        </div>
        <div className="grid-spacer" style={{ width: lead }} />
        {visible.map((c) => (
          <div
            key={c.key}
            role="columnheader"
            className={`grid-cell${c.numeric ? ' num' : ''} ${c.className ?? ''}`}
            style={{ width: c.width }}
            title={c.title}
          >
            {c.title}
          </div>
        ))}
      </div>
      <div className="grid-body" style={{ height: bodyHeight, width }}>
        {virtualizer.getVirtualItems().map((v) => {
          const r = rows === 'all' ? v.index : (rows[v.index] as number);
          return (
            <div
              key={v.key}
              role="row"
              aria-rowindex={v.index + 2}
              className="grid-row"
              data-testid={`dataview.row.${r + 1}`}
              style={{ transform: `translateY(${v.start - shift}px)`, width }}
            >
              <div className="grid-cell num rownum muted" role="cell" style={{ width: rowNumberWidth }}>
                {count(r + 1)}
              </div>
              <div className="grid-spacer" style={{ width: lead }} />
              {visible.map((c) => {
                const wrong = c.wrong?.(r);
                const text = c.text(r);
                return (
                  <div
                    key={c.key}
                    role="cell"
                    className={`grid-cell${c.numeric ? ' num' : ''} ${c.className ?? ''}${wrong ? ' wrong' : ''}`}
                    style={{ width: c.width }}
                    title={wrong ? 'wrong prediction' : c.full ? text : undefined}
                  >
                    {wrong ? '✗ ' : ''}
                    {text}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** ISO date-times as "2002-08-22 11:26" (dates alone stay "2002-08-22"). */
function formatDate(v: string): string {
  return v.length > 10 ? `${v.slice(0, 10)} ${v.slice(11, 16)}` : v;
}

function formatNumber(v: string): string {
  if (v === '') return '';
  const x = Number(v);
  return Number.isInteger(x) ? v : x.toFixed(3);
}

function viewColumns(
  table: Table,
  label: string,
  models: readonly ModelKind[],
  predictions: Partial<Record<ModelKind, Int32Array>>,
  classes: string[],
): ViewColumn[] {
  const labelColumn = table.columns.find((c) => c.name === label);
  const asView = (c: Column, className?: string): ViewColumn => {
    const numeric = NUMBERS.has(c.kind);
    return {
      key: `col:${c.name}`,
      title: c.name,
      // Wide enough for the header too (about 8 px a character at 12 px bold).
      width: Math.min(320, Math.max(WIDTH[c.kind], 18 + 8 * c.name.length)),
      numeric,
      text: numeric ? (r) => formatNumber(cellText(c, r)) : c.kind === 'date' ? (r) => formatDate(cellText(c, r)) : (r) => cellText(c, r),
      full: c.kind === 'text',
      ...(className ? { className } : {}),
    };
  };
  const out: ViewColumn[] = [];
  if (labelColumn)
    out.push({ ...asView(labelColumn, 'label-col'), title: `${label} (label)`, width: Math.max(WIDTH[labelColumn.kind], 130) });
  for (const m of models) {
    const pred = predictions[m] as Int32Array;
    const truth = labelColumn ? (r: number) => cellText(labelColumn, r) : null;
    out.push({
      key: `pred:${m}`,
      title: `${MODEL_LABELS[m]} predicts`,
      width: 160,
      numeric: false,
      text: (r) => classes[pred[r] as number] ?? '',
      ...(truth ? { wrong: (r: number) => classes[pred[r] as number] !== truth(r) } : {}),
      className: `pred-col pred-${m}`,
    });
  }
  for (const c of table.columns) if (c !== labelColumn) out.push(asView(c));
  return out;
}

/** The table rows a filter keeps, in table order ('all' without building an index array). */
function rowsOf(table: Table, filter: Filter, slices: { name: string; mask: Uint8Array }[], columns: ViewColumn[]): 'all' | Int32Array {
  if (filter.kind === 'all') return 'all';
  let keep: (r: number) => boolean;
  if (filter.kind === 'slice') {
    const mask = slices.find((s) => s.name === filter.name)?.mask;
    if (!mask) return new Int32Array(0);
    keep = (r) => mask[r] === 1;
  } else {
    const wrong = columns.find((c) => c.key === `pred:${filter.model}`)?.wrong;
    if (!wrong) return new Int32Array(0);
    keep = wrong;
  }
  const out = new Int32Array(table.rowCount);
  let k = 0;
  for (let r = 0; r < table.rowCount; r++) if (keep(r)) out[k++] = r;
  return out.slice(0, k);
}
