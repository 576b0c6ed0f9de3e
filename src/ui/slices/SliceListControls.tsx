import { useStore } from '../../store/store.ts';
import { SLICE_SORTS, type SliceSort } from '../../store/sliceListSlice.ts';
import { MODEL_LABELS, type ModelKind } from '../../core/train/types.ts';
import './sliceList.css';

const SORT_LABELS: Record<SliceSort, string> = {
  file: 'SF file order',
  accuracy: 'Worst accuracy first',
  delta: 'Largest gain vs plain first',
  size: 'Largest first',
  name: 'Name',
};

/**
 * The slice-list controls every slice view shares (state in store/sliceListSlice.ts): a name filter,
 * the order, which model's accuracy orders them, and how many are shown. Changing them in one view
 * changes every view. `shown` / `total`: what the view lists; `trained`: models that have results.
 */
export function SliceListControls(props: {
  view: string;
  shown: number;
  total: number;
  trained?: readonly ModelKind[];
  model?: ModelKind | null;
}) {
  const c = useStore((s) => s.sliceList);
  const { setSliceFilter, setSliceSort, setSliceSortReverse, setSliceSortModel } = useStore.getState();
  const trained = props.trained ?? [];
  const orderedByModel = c.sort === 'accuracy' || c.sort === 'delta';
  return (
    <div className="slice-list-controls" data-testid={`${props.view}.controls`}>
      <input
        type="search"
        className="slice-filter"
        placeholder="Filter slices by name"
        aria-label="Filter slices by name"
        data-testid={`${props.view}.filter`}
        value={c.filter}
        onChange={(e) => setSliceFilter(e.target.value)}
      />
      <select
        aria-label="Order slices"
        data-testid={`${props.view}.sort`}
        value={c.sort}
        onChange={(e) => setSliceSort(e.target.value as SliceSort)}
      >
        {SLICE_SORTS.map((s) => (
          <option key={s} value={s}>
            {SORT_LABELS[s]}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="icon-button"
        aria-label="Reverse the order"
        title="Reverse the order"
        aria-pressed={c.reverse}
        onClick={() => setSliceSortReverse(!c.reverse)}
      >
        ⇅
      </button>
      {orderedByModel && trained.length > 1 && (
        <select
          aria-label="Model that orders the slices"
          title="The model whose accuracy (and gain over plain) orders the slices"
          value={c.model ?? ''}
          onChange={(e) => setSliceSortModel(e.target.value === '' ? null : (e.target.value as ModelKind))}
        >
          <option value="">{props.model ? `${MODEL_LABELS[props.model]} (auto)` : 'auto'}</option>
          {trained
            .filter((m) => m !== 'plain' || c.sort === 'accuracy')
            .map((m) => (
              <option key={m} value={m}>
                {MODEL_LABELS[m]}
              </option>
            ))}
        </select>
      )}
      <span className="muted small slice-count" data-testid={`${props.view}.shown`}>
        {props.shown === props.total ? `${props.total} slices` : `${props.shown} of ${props.total}`}
        {c.pinned.length > 0 ? ` · ${c.pinned.length} pinned` : ''}
      </span>
    </div>
  );
}

/**
 * Pins a slice in every view (pinned slices come first and stay through any filter). A checkbox (a pin
 * is on or off), drawn as a pin; its clicks do not reach the row it sits in.
 */
export function PinButton({ name }: { name: string }) {
  const pinned = useStore((s) => s.sliceList.pinned.includes(name));
  return (
    <label
      className={pinned ? 'pin on' : 'pin'}
      title={pinned ? 'Pinned: first in every view (click to unpin)' : 'Pin: show first in every view'}
      onClick={(e) => e.stopPropagation()}
    >
      <input type="checkbox" aria-label={`Pin ${name}`} checked={pinned} onChange={() => useStore.getState().togglePinned(name)} />
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
        <path d="M4 1h4l-.6 3.2L9.5 6.5v1h-3V11L6 11.5 5.5 11V7.5h-3v-1L4.6 4.2z" />
      </svg>
    </label>
  );
}
