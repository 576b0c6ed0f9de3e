/**
 * The one set of slice-list controls every slice view shares (slice table, overlap heatmap, results
 * table, live charts, routing heatmaps): how slices are ordered, a name filter, and pinned slices
 * (always first, never filtered out). Plain data; the ordering itself is a pure function
 * (src/ui/slices/sliceOrder.ts) so each view applies the same rule to its own figures.
 */
import type { StateCreator } from 'zustand';
import type { SliceListControls, SliceListSlice, StoreState } from './types.ts';

export { SLICE_SORTS, type SliceListControls, type SliceListSlice, type SliceSort } from './types.ts';

export const DEFAULT_SLICE_LIST: SliceListControls = { sort: 'file', reverse: false, filter: '', pinned: [], model: null };

export const createSliceListSlice: StateCreator<StoreState, [], [], SliceListSlice> = (set, get) => {
  const patch = (p: Partial<SliceListControls>) => set({ sliceList: { ...get().sliceList, ...p } });
  return {
    sliceList: DEFAULT_SLICE_LIST,
    setSliceSort: (sort) => patch({ sort }),
    setSliceSortReverse: (reverse) => patch({ reverse }),
    setSliceFilter: (filter) => patch({ filter }),
    togglePinned(name) {
      const { pinned } = get().sliceList;
      patch({ pinned: pinned.includes(name) ? pinned.filter((n) => n !== name) : [...pinned, name] });
    },
    setSliceSortModel: (model) => patch({ model }),
  };
};
