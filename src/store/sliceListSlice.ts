/**
 * The one set of slice-list controls every slice view shares (slice table, overlap heatmap, results
 * table, live charts, routing heatmaps): how slices are ordered, a name filter, and pinned slices
 * (always first, never filtered out). Plain data; the ordering itself is a pure function
 * (src/ui/slices/sliceOrder.ts) so each view applies the same rule to its own figures.
 */
import type { StateCreator } from 'zustand';
import type { ModelKind } from '../core/train/types.ts';
import type { StoreState } from './types.ts';

/**
 * 'file': the SF file's order. 'size': largest first. 'accuracy': lowest first (worst first).
 * 'delta': largest gain over plain first. 'name': alphabetical. `reverse` flips any of them.
 */
export const SLICE_SORTS = ['file', 'accuracy', 'delta', 'size', 'name'] as const;
export type SliceSort = (typeof SLICE_SORTS)[number];

export interface SliceListControls {
  sort: SliceSort;
  reverse: boolean;
  /** Case-insensitive substring of the slice name ('' = all). */
  filter: string;
  /** Pinned slice names, in pin order: shown first in every view, whatever the filter. */
  pinned: string[];
  /** The model whose accuracy and Δ vs plain order the slices; null = the recommended one, else the first slice-aware one. */
  model: ModelKind | null;
}

export interface SliceListSlice {
  sliceList: SliceListControls;
  setSliceSort(sort: SliceSort): void;
  setSliceSortReverse(reverse: boolean): void;
  setSliceFilter(filter: string): void;
  togglePinned(name: string): void;
  setSliceSortModel(model: ModelKind | null): void;
}

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
