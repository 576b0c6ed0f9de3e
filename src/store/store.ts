/**
 * The one store, built from typed slices (project, slices, training). Actions call the workers;
 * components select atoms of it.
 */
import { create } from 'zustand';
import type { StoreState } from './types.ts';
import { createProjectSlice } from './projectSlice.ts';
import { createSlicesSlice } from './slicesSlice.ts';
import { createTrainSlice } from './trainSlice.ts';
import { loadProject, saveProject } from './persist.ts';

export const useStore = create<StoreState>()((...a) => ({
  ...createProjectSlice(...a),
  ...createSlicesSlice(...a),
  ...createTrainSlice(...a),
}));

// Settings survive a reload too.
const saved = loadProject();
if (saved?.settings) useStore.setState({ settings: { ...useStore.getState().settings, ...saved.settings } });
if (saved?.backend) useStore.setState({ backendChoice: saved.backend });

/** Save the project on every change of what a person would hate to lose. */
useStore.subscribe((state, prev) => {
  if (!state.table) return;
  if (
    state.sfSource === prev.sfSource &&
    state.config === prev.config &&
    state.settings === prev.settings &&
    state.backendChoice === prev.backendChoice &&
    state.datasetName === prev.datasetName
  )
    return;
  const error = saveProject({
    datasetName: state.datasetName,
    label: state.config.label,
    features: state.config.features,
    splitColumn: state.config.splitColumn,
    sfSource: state.sfSource,
    settings: state.settings,
    backend: state.backendChoice,
  });
  if (error !== state.saveError) useStore.setState({ saveError: error });
});
