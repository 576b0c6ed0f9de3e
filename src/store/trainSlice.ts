import { appendReports } from './history.ts';
import { dataConfigOf } from '../core/prepare.ts';
import type { StateCreator } from 'zustand';
import type { StoreState, TrainSlice } from './types.ts';
import type { EpochReport } from '../core/train/types.ts';
import { DEFAULT_SETTINGS } from '../core/train/types.ts';
import type { TrainResponse } from '../protocol/train.ts';
import type { StoreDeps } from './deps.ts';
import type { ExportedModel } from '../core/export/format.ts';
import type { ModelKind } from '../core/train/types.ts';

/** Epoch reports reach React at most this often (ms): small summaries, batched. */
const FLUSH_MS = 250;

export const createTrainSlice =
  (deps: StoreDeps): StateCreator<StoreState, [], [], TrainSlice> =>
  (set, get) => {
    /** The run whose messages count; a discarded run's late messages are ignored. */
    let currentRun = 0;
    return {
      settings: DEFAULT_SETTINGS,
      backendChoice: 'auto',
      backend: null,
      status: 'idle',
      runCount: 0,
      trainMessage: null,
      history: [],
      final: {},
      diverged: [],
      runSlices: [],
      runClasses: [],
      runSettings: null,
      predictions: {},
      parameters: {},
      recommendation: null,

      setSettings(patch) {
        set({ settings: { ...get().settings, ...patch } });
      },
      setModelOptions(kind, patch) {
        const settings = get().settings;
        set({ settings: { ...settings, options: { ...settings.options, [kind]: { ...settings.options[kind], ...patch } } } });
      },
      setObjective(patch) {
        const settings = get().settings;
        set({ settings: { ...settings, objective: { ...settings.objective, ...patch } } });
      },
      setBackendChoice(choice) {
        set({ backendChoice: choice });
      },

      async train() {
        const state = get();
        if (state.status === 'training' || state.status === 'preparing' || !state.table) return;
        set({
          status: 'preparing',
          runCount: state.runCount + 1,
          trainMessage: 'Applying slicing functions…',
          history: [],
          final: {},
          diverged: [],
          parameters: {},
          recommendation: null,
        });
        if (state.sfSource !== state.appliedSource || state.sfErrors.length > 0) {
          const ok = await get().applySfs();
          if (!ok) {
            set({ status: 'error', trainMessage: 'Fix the slicing function errors before training.' });
            return;
          }
        }
        const { table, config, slices, settings, backendChoice } = get();
        if (!table) return;
        // Featurisation runs in the worker ('prepared' answers with what came out): never on the page.
        set({
          status: 'training',
          trainMessage: 'Preparing features…',
          runSlices: [],
          runClasses: [],
          runSettings: settings,
          predictions: {},
        });

        const run = ++currentRun;
        let pending: EpochReport[] = [];
        let timer: ReturnType<typeof setTimeout> | null = null;
        const flush = () => {
          timer = null;
          if (pending.length === 0 || run !== currentRun) return;
          const batch = pending;
          pending = [];
          // Routing summaries (slices x experts) only on each model's newest report: see history.ts.
          set({ history: appendReports(get().history, batch) });
        };

        const dataConfig = dataConfigOf(config, settings.seed);
        const masks = slices.map((s) => ({ name: s.name, mask: s.mask }));
        deps.train().trainTable(dataConfig, masks, settings, backendChoice, (msg: TrainResponse) => {
          if (run !== currentRun) return;
          switch (msg.type) {
            case 'prepared':
              set({ runSlices: msg.slices, runClasses: msg.classes, trainMessage: 'Starting the training worker…' });
              break;
            case 'backend':
              set({ backend: { name: msg.backend, detail: msg.detail }, trainMessage: `Training on ${msg.backend}…` });
              break;
            case 'epoch':
              pending.push(msg.report);
              timer ??= setTimeout(flush, FLUSH_MS);
              break;
            case 'diverged':
              set({ diverged: [...get().diverged, { model: msg.model, epoch: msg.epoch, message: msg.message }] });
              break;
            case 'done':
              if (timer) clearTimeout(timer);
              flush();
              set({
                status: msg.stopped ? 'stopped' : 'done',
                final: msg.final,
                predictions: msg.predictions ?? {},
                parameters: msg.parameters ?? {},
                recommendation: msg.recommendation ?? null,
                trainMessage: msg.stopped
                  ? 'Stopped. The table shows the last finished epoch.'
                  : `Finished in ${msg.seconds.toFixed(1)} s.`,
              });
              break;
            case 'error':
              if (timer) clearTimeout(timer);
              flush();
              set({ status: 'error', trainMessage: msg.message });
              break;
          }
        });
      },

      async exportModel(kind: ModelKind): Promise<ExportedModel | string> {
        try {
          return await deps.train().exportModel(kind);
        } catch (e) {
          return (e as Error).message;
        }
      },

      stop() {
        if (get().status !== 'training') return;
        deps.train().stop();
        set({ trainMessage: 'Stopping…' });
      },

      discardRun() {
        if (get().status === 'training') deps.train().stop();
        currentRun++;
      },
    };
  };
