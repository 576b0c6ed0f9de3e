import type { StateCreator } from 'zustand';
import type { StoreState, ProjectSlice, DatasetConfig } from './types.ts';
import type { Table } from '../core/table.ts';
import { generateCircles2d } from '../core/data/circles2d.ts';
import { parseTable } from '../core/data/parse.ts';
import { defaultConfig } from '../core/prepare.ts';
import { sfClient } from './clients.ts';
import { loadProject, loadDatasetText, saveDatasetText, clearDatasetText } from './persist.ts';

const EXAMPLE_SEED = 7;

function toConfig(c: { label: string; features: string[]; splitColumn?: string | null }): DatasetConfig {
  return { label: c.label, features: c.features, splitColumn: c.splitColumn ?? null };
}

/** A saved config applies only if its columns still exist in the table. */
function restoreConfig(table: Table, saved: Partial<DatasetConfig>): DatasetConfig {
  const names = new Set(table.columns.map((c) => c.name));
  const fallback = toConfig(defaultConfig(table));
  if (!saved.label || !names.has(saved.label)) return fallback;
  const features = (saved.features ?? []).filter((f) => names.has(f) && f !== saved.label);
  return {
    label: saved.label,
    features: features.length > 0 ? features : fallback.features.filter((f) => f !== saved.label),
    splitColumn: saved.splitColumn && names.has(saved.splitColumn) ? saved.splitColumn : null,
  };
}

export const createProjectSlice: StateCreator<StoreState, [], [], ProjectSlice> = (set, get) => {
  /** Swap in a new table: the worker gets it, old slices and results go. */
  const useTable = (table: Table, datasetName: string | null, config: DatasetConfig, sfSource?: string) => {
    // A run on the old data must not report into the new project.
    get().discardRun();
    sfClient().setTable(table);
    set({
      table,
      datasetName,
      config,
      dataError: null,
      slices: [],
      appliedSource: null,
      sfErrors: [],
      selectedSlice: null,
      history: [],
      final: {},
      diverged: [],
      status: 'idle',
      trainMessage: null,
      ...(sfSource !== undefined ? { sfSource } : {}),
    });
    void get().applySfs();
  };

  return {
    table: null,
    datasetName: null,
    config: { label: '', features: [], splitColumn: null },
    sfSource: '',
    dataError: null,
    loadingData: false,
    saveError: null,

    async init() {
      const saved = loadProject();
      if (saved?.datasetName) {
        const stored = await loadDatasetText();
        if (stored && stored.name === saved.datasetName) {
          try {
            const table = parseTable(stored.text, stored.name);
            useTable(table, stored.name, restoreConfig(table, saved), saved.sfSource ?? '');
            return;
          } catch {
            /* fall through to the example; the saved SF code is kept below */
          }
        }
      }
      const { table, sfSource } = generateCircles2d({ seed: EXAMPLE_SEED });
      const source = saved && saved.datasetName === null && saved.sfSource ? saved.sfSource : sfSource;
      useTable(table, null, saved && saved.datasetName === null ? restoreConfig(table, saved) : toConfig(defaultConfig(table)), source);
    },

    loadExample() {
      const { table, sfSource } = generateCircles2d({ seed: EXAMPLE_SEED });
      void clearDatasetText();
      useTable(table, null, toConfig(defaultConfig(table)), sfSource);
    },

    async uploadFile(file: File) {
      set({ loadingData: true, dataError: null });
      try {
        const text = await file.text();
        const table = parseTable(text, file.name);
        const saveError = await saveDatasetText(file.name, text);
        // The SF code stays as the person wrote it: it may reference columns of the old data, and the
        // editor's type check will say which.
        useTable(table, file.name, toConfig(defaultConfig(table)));
        set({ saveError });
      } catch (e) {
        set({ dataError: (e as Error).message });
      } finally {
        set({ loadingData: false });
      }
    },

    setLabel(column) {
      const { config } = get();
      set({ config: { ...config, label: column, features: config.features.filter((f) => f !== column) } });
    },
    setFeatures(columns) {
      set({ config: { ...get().config, features: columns } });
    },
    setSplitColumn(column) {
      set({ config: { ...get().config, splitColumn: column } });
    },
    setSfSource(source) {
      set({ sfSource: source });
    },
  };
};
