/**
 * Finding weak slices (src/core/discovery, run in the discovery worker through src/bridge): the
 * errors come from the plain model of the run on screen, on the valid rows; without one, a quick
 * plain model is trained first (through the training client, QUICK_EPOCHS epochs). "Add as SF"
 * appends the slice's SF code to the project's SF source and applies it.
 */
import type { StateCreator } from 'zustand';
import type { DiscoverSlice, StoreState } from './types.ts';

export type { DiscoverSlice, DiscoverStatus } from './types.ts';
import { sliceToSf, takenNames } from '../core/discovery/sfCode.ts';
import { DiscoverCancelled } from '../bridge/discoverClient.ts';
import type { TrainResponse } from '../protocol/train.ts';
import type { StoreDeps } from './deps.ts';

/** Epochs of the quick plain model trained when there is no run to take predictions from. */
export const QUICK_EPOCHS = 5;
/** Slices listed. */
const MAX_SLICES = 10;

const IDLE = { discoverStatus: 'idle', discoverMessage: null, discoverProgress: null, discovery: null, discoveredAdded: {} } as const;

export const createDiscoverSlice =
  (deps: StoreDeps): StateCreator<StoreState, [], [], DiscoverSlice> =>
  (set, get) => {
    /** Bumped by every search and cancel: a superseded search's results are dropped. */
    let job = 0;

    const dataConfig = () => {
      const { config, settings } = get();
      return {
        label: config.label,
        features: config.features,
        ...(config.splitColumn !== null ? { splitColumn: config.splitColumn } : {}),
        seed: get().runSettings?.seed ?? settings.seed,
        proportions: { train: 1 - config.validFraction - config.testFraction, valid: config.validFraction, test: config.testFraction },
      };
    };

    /** A quick plain model's predicted class per row (and the classes), or null when stopped. */
    const quickPlain = (mine: number) =>
      new Promise<{ predicted: Int32Array; classes: string[] } | null>((resolve, reject) => {
        const { settings, backendChoice } = get();
        let classes: string[] = [];
        const quick = { ...settings, models: ['plain' as const], epochs: QUICK_EPOCHS };
        deps.train().trainTable(dataConfig(), [], quick, backendChoice, (msg: TrainResponse) => {
          if (mine !== job) return;
          if (msg.type === 'prepared') classes = msg.classes;
          else if (msg.type === 'epoch')
            set({ discoverMessage: `Training a quick plain model: epoch ${msg.report.epoch} of ${QUICK_EPOCHS}…` });
          else if (msg.type === 'error') reject(new Error(msg.message));
          else if (msg.type === 'done') {
            const predicted = msg.predictions?.plain;
            if (msg.stopped || !predicted) resolve(null);
            else resolve({ predicted, classes });
          }
        });
      });

    return {
      ...IDLE,

      async findWeakSlices() {
        const state = get();
        if (!state.table || state.status === 'training' || state.status === 'preparing') return;
        const mine = ++job;
        const fromRun =
          state.predictions.plain && state.runClasses.length > 0 ? { predicted: state.predictions.plain, classes: state.runClasses } : null;
        set({
          ...IDLE,
          discoverStatus: fromRun ? 'searching' : 'training',
          discoverMessage: fromRun ? 'Searching…' : 'Training a quick plain model…',
        });
        try {
          const errors = fromRun ?? (await quickPlain(mine));
          if (mine !== job) return;
          if (errors === null) {
            set({ discoverStatus: 'cancelled', discoverMessage: 'Cancelled.' });
            return;
          }
          set({
            discoverStatus: 'searching',
            discoverMessage: `Searching the valid rows (errors of ${fromRun ? 'the last run’s' : 'a quick'} plain model)…`,
          });
          const { config, table } = get();
          const columns = (table?.columns ?? []).map((c) => c.name).filter((n) => n !== config.label && n !== config.splitColumn);
          const result = await deps
            .discover()
            .discover(
              { config: dataConfig(), errors: { kind: 'predictions', ...errors }, columns, options: { maxSlices: MAX_SLICES } },
              (p) => mine === job && set({ discoverProgress: { level: p.level, maxLevel: p.maxLevel, fraction: p.fraction } }),
            );
          if (mine !== job) return;
          set({
            discoverStatus: 'done',
            discoverProgress: null,
            discovery: result,
            discoverMessage: `${result.slices.length} slices in ${(result.millis / 1000).toFixed(1)} s over ${result.rows} valid rows (${result.columns.length} columns; errors of ${fromRun ? 'the last run’s' : 'a quick'} plain model).`,
          });
        } catch (error) {
          if (mine !== job || error instanceof DiscoverCancelled) return;
          set({ discoverStatus: 'error', discoverProgress: null, discoverMessage: error instanceof Error ? error.message : String(error) });
        }
      },

      cancelDiscovery() {
        const status = get().discoverStatus;
        if (status !== 'training' && status !== 'searching') return;
        job++;
        if (status === 'training') deps.train().stop();
        deps.discover().cancel();
        set({ discoverStatus: 'cancelled', discoverProgress: null, discoverMessage: 'Cancelled.' });
      },

      addDiscoveredSf(index) {
        const { discovery, sfSource, discoveredAdded } = get();
        const slice = discovery?.slices[index];
        if (!discovery || !slice || discoveredAdded[index] !== undefined) return null;
        const { name, code } = sliceToSf(slice, discovery.overallError, takenNames(sfSource));
        const separator = sfSource.length === 0 || sfSource.endsWith('\n\n') ? '' : sfSource.endsWith('\n') ? '\n' : '\n\n';
        get().setSfSource(`${sfSource}${separator}${code}`);
        set({ discoveredAdded: { ...discoveredAdded, [index]: name } });
        void get().applySfs();
        return name;
      },

      discoveryTableChanged(table, loadId) {
        job++;
        if (loadId !== undefined) deps.discover().useStagedTable(loadId, table);
        else deps.discover().setTable(table);
        set({ ...IDLE });
      },
    };
  };
