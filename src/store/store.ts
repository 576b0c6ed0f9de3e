/**
 * The one store, built from typed slices (project, slices, training, projects, monitoring,
 * discovery, slice lists). Actions call the workers through the injected clients (deps.ts);
 * components select atoms of it. createAppStore makes a store of its own each time (tests make
 * theirs with fake clients); the app's is useStore, on the browser's workers.
 * The open project (data choices, SF code, settings, last run) autosaves to IndexedDB as the person
 * works (projectsSlice.ts); init() opens the project of the last visit.
 */
import { create } from 'zustand';
import { browserDeps } from './browserDeps.ts';
import type { StoreDeps } from './deps.ts';
import { createDiscoverSlice } from './discoverSlice.ts';
import { createMonitorSlice } from './monitorSlice.ts';
import { createProjectSlice } from './projectSlice.ts';
import { createProjectsSlice } from './projectsSlice.ts';
import { createSliceListSlice } from './sliceListSlice.ts';
import { createSlicesSlice } from './slicesSlice.ts';
import { createTrainSlice } from './trainSlice.ts';
import type { StoreState } from './types.ts';

export function createAppStore(deps: StoreDeps) {
  return create<StoreState>()((...a) => ({
    ...createProjectSlice(deps)(...a),
    ...createSlicesSlice(deps)(...a),
    ...createTrainSlice(deps)(...a),
    ...createProjectsSlice(...a),
    ...createMonitorSlice(deps)(...a),
    ...createDiscoverSlice(deps)(...a), // finding weak slices
    ...createSliceListSlice(...a), // sort, filter and pins shared by every slice view
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;

export const useStore = createAppStore(browserDeps());
