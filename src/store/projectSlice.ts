import type { StateCreator } from 'zustand';
import { EXAMPLE_PROJECT_NAME, type StoreState, type ProjectSlice, type DatasetConfig } from './types.ts';
import type { ColumnKind, Table } from '../core/table.ts';
import type { ColumnSummary } from '../core/data/summary.ts';
import { summarizeColumns } from '../core/data/summary.ts';
import { generateCircles2d } from '../core/data/circles2d.ts';
import { loadExampleData, type ExampleId } from '../core/data/examples/index.ts';
import { defaultConfig } from '../core/prepare.ts';
import { singleLabelValue } from '../core/labels.ts';
import { formatBytes } from '../core/data/assemble.ts';
import { LoadCancelled } from '../bridge/dataClient.ts';
import type { StoreDeps } from './deps.ts';

const EXAMPLE_SEED = 7;

/**
 * Larger files are refused up front: their columns would not fit the memory a tab gets (typed
 * arrays for 20 numeric columns take about as much as the CSV text, and the workers keep copies).
 */
const MAX_FILE_BYTES = 2 * 1024 ** 3;

/** The random split when the data has no split column: 80 / 20, no test rows. */
const DEFAULT_VALID_FRACTION = 0.2;
const DEFAULT_TEST_FRACTION = 0;

function toConfig(
  c: { label: string; features: string[]; splitColumn?: string | null },
  types: Record<string, ColumnKind> = {},
): DatasetConfig {
  return {
    label: c.label,
    features: c.features,
    splitColumn: c.splitColumn ?? null,
    validFraction: DEFAULT_VALID_FRACTION,
    testFraction: DEFAULT_TEST_FRACTION,
    types,
  };
}

function singleLabelMessage(file: string, column: string, value: string): string {
  return `${file}: the label column "${column}" has a single value ("${value}") in every row; a classifier needs at least two classes. Choose another label column.`;
}

/** "churn-march.csv" -> "churn-march". */
function fileStem(name: string): string {
  return name.replace(/\.[^.]+$/, '') || name;
}

/** A saved config applies only if its columns still exist in the table. */
function restoreConfig(table: Table, saved: Partial<DatasetConfig>): DatasetConfig {
  const names = new Set(table.columns.map((c) => c.name));
  const fallback = toConfig(defaultConfig(table), saved.types ?? {});
  if (!saved.label || !names.has(saved.label)) return fallback;
  const features = (saved.features ?? []).filter((f) => names.has(f) && f !== saved.label);
  return {
    ...fallback,
    label: saved.label,
    features: features.length > 0 ? features : fallback.features.filter((f) => f !== saved.label),
    splitColumn: saved.splitColumn && names.has(saved.splitColumn) ? saved.splitColumn : null,
    validFraction: saved.validFraction ?? DEFAULT_VALID_FRACTION,
    testFraction: saved.testFraction ?? DEFAULT_TEST_FRACTION,
  };
}

export const createProjectSlice =
  (deps: StoreDeps): StateCreator<StoreState, [], [], ProjectSlice> =>
  (set, get) => {
    /** Swap in a new table: the workers get it, old slices and results go. */
    const useTable = (
      table: Table,
      summaries: ColumnSummary[],
      data: { name: string; file: Blob } | null,
      config: DatasetConfig,
      sfSource?: string,
      /** The data worker's load id when the workers already have this table staged (a read file). */
      loadId?: number,
    ) => {
      // A run on the old data must not report into the new project.
      get().discardRun();
      if (loadId !== undefined) {
        deps.sf().useStagedTable(loadId, table);
        deps.train().useStagedTable(loadId, table);
      } else {
        deps.sf().setTable(table);
        deps.train().setTable(table);
      }
      // The training worker is made now, while the page is idle, not in the Train click's task.
      deps.train().warmUp();
      get().discoveryTableChanged(table, loadId);
      set({
        table,
        summaries,
        datasetName: data?.name ?? null,
        exampleId: data ? null : get().exampleId, // a generated example sets its own id after this
        dataFile: data?.file ?? null,
        config,
        dataError: null,
        slices: [],
        appliedSource: null,
        sfErrors: [],
        selectedSlice: null,
        history: [],
        final: {},
        predictions: {},
        parameters: {},
        recommendation: null,
        diverged: [],
        status: 'idle',
        trainMessage: null,
        ...(sfSource !== undefined ? { sfSource } : {}),
      });
      void get().applySfs();
    };

    /** Reads a file in the data worker with a progress bar; rejects with LoadCancelled when cancelled or superseded. */
    const read = async (file: Blob, name: string, types: Record<string, ColumnKind>) => {
      set({ loading: { name, bytes: 0, totalBytes: file.size, rows: 0 }, dataError: null });
      try {
        return await deps.data().load(file, name, {
          types,
          onProgress: (p) => set({ loading: { name, ...p } }),
          stage: (id) => [deps.sf().stageTable(id), deps.train().stageTable(id), ...deps.discover().stageTable(id)],
        });
      } finally {
        if (!deps.data().busy) set({ loading: null });
      }
    };

    /** Bumped by every example request, so only the last one picked lands (their chunks load async). */
    let exampleRequest = 0;

    /** A saved project on a built-in example: that example's data with the saved choices and SFs. */
    const openSavedExample = async (id: ExampleId, saved: Partial<DatasetConfig>, sfSource: string | undefined) => {
      try {
        const example = await loadExampleData(id);
        const config = saved.label ? restoreConfig(example.table, saved) : toConfig(example.config);
        useTable(example.table, summarizeColumns(example.table), null, config, sfSource ?? example.sfSource);
        set({ exampleId: id });
        return true;
      } catch {
        return false; // falls back to circles2d; the saved SF code is kept
      }
    };

    const loadGeneratedExample = (saved: Partial<DatasetConfig> | null, sfSource?: string) => {
      const { table, sfSource: exampleSource } = generateCircles2d({ seed: EXAMPLE_SEED });
      const config = saved ? restoreConfig(table, saved) : toConfig(defaultConfig(table));
      useTable(table, summarizeColumns(table), null, config, sfSource ?? exampleSource);
      set({ exampleId: 'circles2d' });
    };

    return {
      table: null,
      datasetName: null,
      exampleId: 'circles2d',
      loadingExample: null,
      dataFile: null,
      summaries: [],
      config: toConfig({ label: '', features: [] }),
      sfSource: '',
      dataError: null,
      loading: null,
      saveError: null,
      maxFileBytes: MAX_FILE_BYTES,

      // init() opens the project of the last visit (projectsSlice.openStartProject), which
      // calls openSaved() below with that project's choices and data file.
      async init() {
        await get().openStartProject();
      },

      // The body init() had, with the saved project passed in. sfSource null = the example's.
      async openSaved(saved, stored) {
        const config = saved?.config ?? {};
        let problem: string | null = null;
        if (saved?.datasetName && stored && stored.name === saved.datasetName) {
          try {
            const loaded = await read(stored.blob, stored.name, config.types ?? {});
            useTable(
              loaded.table,
              loaded.summaries,
              { name: stored.name, file: stored.blob },
              restoreConfig(loaded.table, config),
              saved.sfSource ?? '',
              loaded.id,
            );
            return;
          } catch (e) {
            // Fall through to the example; the saved SF code is kept below.
            if (e instanceof LoadCancelled) return;
            problem = `The saved data file could not be read again: ${(e as Error).message}`;
          }
        }
        const keepSource = saved?.sfSource ?? undefined;
        const exampleId = saved?.datasetName === null ? saved.exampleId : null;
        if (exampleId && exampleId !== 'circles2d' && (await openSavedExample(exampleId, config, keepSource))) return;
        loadGeneratedExample(saved && saved.datasetName === null && config.label ? config : null, keepSource);
        if (saved?.datasetName && !stored)
          problem = `The data file "${saved.datasetName}" of this project is not saved in this browser; upload it again.`;
        if (problem) set({ dataError: problem });
      },

      async loadExample(id: ExampleId = 'circles2d') {
        const request = ++exampleRequest;
        deps.data().cancel();
        set({ loadingExample: id, dataError: null });
        try {
          const example = await loadExampleData(id);
          if (request !== exampleRequest) return;
          void get().saveDataFile(null); // the project uses the example again
          useTable(example.table, summarizeColumns(example.table), null, toConfig(example.config), example.sfSource);
          set({ exampleId: id });
        } catch (e) {
          if (request === exampleRequest) set({ dataError: `Could not load the example ${id}: ${(e as Error).message}` });
        } finally {
          if (request === exampleRequest) set({ loadingExample: null });
        }
      },

      async uploadFile(file: File) {
        const limit = get().maxFileBytes;
        if (file.size > limit) {
          set({
            dataError: `${file.name}: the file is too large for this browser tab (${formatBytes(file.size)}; the limit is ${formatBytes(limit)}). Use a sample of it, or fewer columns.`,
          });
          return;
        }
        try {
          const loaded = await read(file, file.name, {});
          const config = toConfig(defaultConfig(loaded.table));
          const only = config.label ? singleLabelValue(loaded.table, config.label) : null;
          if (only !== null) {
            // Flagged now, not at Train; the project stays as it was.
            set({ dataError: singleLabelMessage(file.name, config.label, only) });
            return;
          }
          // The SF code stays as the person wrote it: it may reference columns of the old data, and the
          // editor's type check will say which.
          useTable(loaded.table, loaded.summaries, { name: file.name, file }, config, undefined, loaded.id);
          await get().saveDataFile(file, file.name); // kept with the project (IndexedDB, as a Blob)
          // The starting project, still named for the example, takes the file's name.
          const { projectId, projectName } = get();
          if (projectId && projectName === EXAMPLE_PROJECT_NAME) await get().renameProject(projectId, fileStem(file.name));
        } catch (e) {
          if (!(e instanceof LoadCancelled)) set({ dataError: (e as Error).message });
        }
      },

      cancelLoad() {
        deps.data().cancel();
        set({ loading: null });
      },

      async setColumnType(column, kind) {
        const { dataFile, datasetName, config } = get();
        if (!dataFile || !datasetName) {
          set({ dataError: 'Column types of the generated example are fixed; upload a file to choose types.' });
          return;
        }
        const types = { ...config.types };
        if (kind === null) delete types[column];
        else types[column] = kind;
        try {
          const loaded = await read(dataFile, datasetName, types);
          useTable(
            loaded.table,
            loaded.summaries,
            { name: datasetName, file: dataFile },
            { ...restoreConfig(loaded.table, config), types },
            undefined,
            loaded.id,
          );
        } catch (e) {
          if (!(e instanceof LoadCancelled)) set({ dataError: (e as Error).message });
        }
      },

      setLabel(column) {
        const { config, table, datasetName } = get();
        const only = table ? singleLabelValue(table, column) : null;
        if (only !== null) {
          set({ dataError: singleLabelMessage(datasetName ?? table?.source ?? 'the data', column, only) });
          return;
        }
        set({ config: { ...config, label: column, features: config.features.filter((f) => f !== column) }, dataError: null });
      },
      setFeatures(columns) {
        set({ config: { ...get().config, features: columns } });
      },
      setSplitColumn(column) {
        set({ config: { ...get().config, splitColumn: column } });
      },
      setSplitFractions(valid, test) {
        set({ config: { ...get().config, validFraction: valid, testFraction: test } });
      },
      setSfSource(source) {
        set({ sfSource: source });
      },
    };
  };
