import type { StateCreator } from 'zustand';
import type { StoreState, TrainSlice } from './types.ts';
import type { EpochReport } from '../core/train/types.ts';
import { DEFAULT_SETTINGS } from '../core/train/types.ts';
import { prepareTrainData } from '../core/prepare.ts';
import type { TrainResponse } from '../protocol/train.ts';
import { trainClient } from './clients.ts';
import { exportMetaOf, type ExportedModel } from '../core/export/format.ts';
import type { ModelKind } from '../core/train/types.ts';

/** Epoch reports reach React at most this often (ms): small summaries, batched. */
const FLUSH_MS = 250;

/** The run whose messages count; a discarded run's late messages are ignored. */
let currentRun = 0;

export const createTrainSlice: StateCreator<StoreState, [], [], TrainSlice> = (set, get) => ({
  settings: DEFAULT_SETTINGS,
  backendChoice: 'auto',
  backend: null,
  status: 'idle',
  trainMessage: null,
  history: [],
  final: {},
  diverged: [],
  runSlices: [],
  runClasses: [],
  runSettings: null,

  setSettings(patch) {
    set({ settings: { ...get().settings, ...patch } });
  },
  setBackendChoice(choice) {
    set({ backendChoice: choice });
  },

  async train() {
    const state = get();
    if (state.status === 'training' || state.status === 'preparing' || !state.table) return;
    set({ status: 'preparing', trainMessage: 'Applying slicing functions…', history: [], final: {}, diverged: [] });
    if (state.sfSource !== state.appliedSource || state.sfErrors.length > 0) {
      const ok = await get().applySfs();
      if (!ok) {
        set({ status: 'error', trainMessage: 'Fix the slicing function errors before training.' });
        return;
      }
    }
    const { table, config, slices, settings, backendChoice } = get();
    if (!table) return;
    let prepared;
    try {
      prepared = prepareTrainData(
        table,
        { label: config.label, features: config.features, splitColumn: config.splitColumn ?? undefined, seed: settings.seed },
        slices.map((s) => ({ name: s.name, mask: s.mask })),
      );
    } catch (e) {
      set({ status: 'error', trainMessage: (e as Error).message });
      return;
    }
    const { data } = prepared;
    const runSlices = data.slices.map((s) => {
      let validCount = 0;
      for (const i of data.validIdx) validCount += s.mask[i] ?? 0;
      return { name: s.name, validCount };
    });
    set({ status: 'training', trainMessage: 'Starting the training worker…', runSlices, runClasses: data.classes, runSettings: settings });

    const run = ++currentRun;
    let pending: EpochReport[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      if (pending.length === 0 || run !== currentRun) return;
      const batch = pending;
      pending = [];
      set({ history: [...get().history, ...batch] });
    };

    const meta = exportMetaOf(prepared, { label: config.label });
    trainClient().train(data, settings, backendChoice, (msg: TrainResponse) => {
      if (run !== currentRun) return;
      switch (msg.type) {
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
    }, meta);
  },

  async exportModel(kind: ModelKind): Promise<ExportedModel | string> {
    try {
      return await trainClient().exportModel(kind);
    } catch (e) {
      return (e as Error).message;
    }
  },

  stop() {
    if (get().status !== 'training') return;
    trainClient().stop();
    set({ trainMessage: 'Stopping…' });
  },

  discardRun() {
    if (get().status === 'training') trainClient().stop();
    currentRun++;
  },
});
