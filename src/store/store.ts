/**
 * The one store, built from typed slices (project, slices, training). Actions call the workers;
 * components select atoms of it.
 */
import { create } from 'zustand';
import type { StoreState } from './types.ts';
import { createProjectSlice } from './projectSlice.ts';
import { createSlicesSlice } from './slicesSlice.ts';
import { createTrainSlice } from './trainSlice.ts';
import { createProjectsSlice, startAutosave } from './projectsSlice.ts';
import { createMonitorSlice } from './monitorSlice.ts';
import { createDiscoverSlice } from './discoverSlice.ts';
import { createSliceListSlice } from './sliceListSlice.ts';

export const useStore = create<StoreState>()((...a) => ({
  ...createProjectSlice(...a),
  ...createSlicesSlice(...a),
  ...createTrainSlice(...a),
  ...createProjectsSlice(...a),
  ...createMonitorSlice(...a),
  ...createDiscoverSlice(...a), // finding weak slices
  ...createSliceListSlice(...a), // sort, filter and pins shared by every slice view
}));

// The open project (data choices, SF code, settings, last run) autosaves to IndexedDB
// as the person works (debounced; see projectsSlice.ts). init() opens the project of the last visit.
startAutosave(useStore);
