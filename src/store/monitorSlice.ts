/**
 * Monitoring new data ("next month's data") with the models of the run on screen:
 *   read the file (its own data worker) -> check it has the columns (label, features, SF columns)
 *   -> apply the same SF code to it (a second SfClient, its own worker) -> the training worker's
 *   kept models predict it ('predict') -> per-slice metrics beside the training-time ones
 *   (src/core/monitor), slices ranked by accuracy drop.
 * Each step can fail with a message naming the file, the missing columns or the failing SF.
 * A newer monitorFile() call supersedes an older one (its late results are dropped).
 */
import type { StateCreator } from 'zustand';
import type { MonitorModel, MonitorSlice, StoreState } from './types.ts';

export type { MonitorModel, MonitorResult, MonitorSlice, MonitorStatus } from './types.ts';
import { MODEL_KINDS, type Evaluation, type ModelKind } from '../core/train/types.ts';
import type { Table } from '../core/table.ts';
import type { SliceResult } from '../core/slicing/types.ts';
import { evaluateNewData, encodeKnownLabels, missingColumns, nameList, sfColumns } from '../core/monitor/index.ts';
import { LoadCancelled } from '../bridge/dataClient.ts';
import type { StoreDeps } from './deps.ts';
import { SF_TIMEOUT_MS } from './slicesSlice.ts';

export const createMonitorSlice =
  (deps: StoreDeps): StateCreator<StoreState, [], [], MonitorSlice> =>
  (set, get) => {
    /** The latest check: an older one's late results are dropped. */
    let currentCheck = 0;
    return {
      monitorOpen: false,
      monitorStatus: 'idle',
      monitorMessage: null,
      monitorResult: null,
      monitorModel: null,

      setMonitorOpen(open) {
        set({ monitorOpen: open });
      },

      async chooseMonitorModel(files) {
        if (!files) {
          set({ monitorModel: null, monitorResult: null, monitorStatus: 'idle', monitorMessage: null });
          return;
        }
        try {
          set({ monitorModel: await readModelFiles(files), monitorResult: null, monitorStatus: 'idle', monitorMessage: null });
        } catch (e) {
          set({ monitorModel: null, monitorStatus: 'error', monitorMessage: (e as Error).message, monitorResult: null });
        }
      },

      async monitorFile(file) {
        const check = ++currentCheck;
        const stale = () => check !== currentCheck;
        const fail = (message: string) => {
          if (!stale()) set({ monitorStatus: 'error', monitorMessage: message, monitorResult: null });
        };
        const start = get();
        const imported = start.monitorModel;
        if (!imported && ((start.status !== 'done' && start.status !== 'stopped') || Object.keys(start.final).length === 0)) {
          return fail(
            'Train first (or choose an exported model): monitoring compares models with how they did on the data they came from.',
          );
        }
        const { config, final, table: trainTable } = start;
        const source = start.appliedSource ?? start.sfSource;
        const label = imported ? imported.label : config.label;
        const features = imported ? imported.features : config.features;

        set({ monitorStatus: 'reading', monitorMessage: `Reading ${file.name}…`, monitorResult: null });
        let table;
        try {
          // The project's column type choices apply to next month's data too.
          table = (await deps.monitorData().load(file, file.name, { types: config.types })).table;
        } catch (e) {
          if (e instanceof LoadCancelled) return;
          return fail((e as Error).message);
        }
        if (stale()) return;

        const known = trainTable ? trainTable.columns.map((c) => c.name) : [];
        // The label and the SF columns first: a long feature list would hide them in the message.
        const required = [label, ...sfColumns(source, known), ...features];
        const missing = missingColumns(table, required);
        if (missing.length > 0) {
          return fail(
            `${file.name} lacks ${missing.length === 1 ? 'the column' : `${missing.length} columns`} ${nameList(missing)} ` +
              `that the model (label "${label}" and its features) or the slicing functions need. Monitoring needs data with the same columns.`,
          );
        }

        set({ monitorStatus: 'slicing', monitorMessage: 'Applying the slicing functions to the new data…' });
        const sf = deps.monitorSf();
        sf.setTable(table);
        const sliced = await sf.apply(source, { timeoutMs: SF_TIMEOUT_MS });
        if (stale()) return;
        if (!sliced.ok) {
          if (sliced.cancelled) return;
          const e = sliced.errors[0];
          const where = e
            ? `${e.sf ? `SF ${e.sf}` : 'the SF code'}${e.row !== undefined ? `, row ${e.row + 1} of ${file.name}` : ''}: ${e.message}`
            : 'unknown error';
          return fail(`The slicing functions failed on the new data (${where}).`);
        }

        set({ monitorStatus: 'predicting', monitorMessage: 'Predicting the new data with each trained model…' });
        let predicted;
        try {
          predicted = await deps.train().predict(table, imported?.files);
        } catch (e) {
          return fail(`Could not predict the new data: ${(e as Error).message}`);
        }
        if (stale()) return;

        let labels;
        try {
          labels = encodeKnownLabels(table, label, predicted.classes);
        } catch (e) {
          return fail((e as Error).message);
        }
        const masks = sliced.slices.map((s) => ({ name: s.name, mask: s.mask }));
        const after = evaluateNewData(labels.y, predicted.predictions, predicted.classes.length, masks);
        const scored = labels.y.reduce((n, v) => n + (v >= 0 ? 1 : 0), 0);
        const slices = masks.map((s) => {
          let count = 0;
          for (let r = 0; r < s.mask.length; r++) if (s.mask[r] && (labels.y[r] as number) >= 0) count++;
          return { name: s.name, count };
        });
        // An imported model has no training-time figures: its reference is the project's own data.
        const before = imported && trainTable ? await referenceOf(deps, imported, trainTable, get().slices, label) : final;
        if (stale()) return;
        set({
          monitorStatus: 'done',
          monitorMessage: null,
          monitorResult: {
            fileName: file.name,
            rows: table.rowCount,
            scored,
            unknownLabels: labels.unknown,
            missingLabels: labels.missing,
            slices,
            before,
            after,
            classes: predicted.classes,
            reference: imported ? 'project' : 'validation',
            modelName: imported ? imported.name : null,
          },
        });
      },
    };
  };

/**
 * model.json and weights.bin, chosen together. Only a light check here (tfjs stays out of the page):
 * the training worker loads and checks the model fully when it predicts.
 */
async function readModelFiles(files: File[]): Promise<MonitorModel> {
  const json = files.find((f) => f.name.endsWith('.json'));
  const bin = files.find((f) => f.name.endsWith('.bin'));
  if (!json || !bin) {
    throw new Error(
      `Choose both files of an exported model together: model.json and weights.bin (got ${files.map((f) => f.name).join(', ') || 'none'}).`,
    );
  }
  const text = await json.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`${json.name}: not valid JSON (${(e as Error).message})`);
  }
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (parsed.format !== 'slicewise-model' || typeof parsed.label !== 'string' || !strings(parsed.features) || !strings(parsed.classes)) {
    throw new Error(`${json.name}: not a Slicewise model (export one with the Training panel's download buttons)`);
  }
  const kind = MODEL_KINDS.includes(parsed.kind as ModelKind) ? (parsed.kind as ModelKind) : 'plain';
  return {
    name: json.name,
    kind,
    label: parsed.label,
    features: parsed.features as string[],
    classes: parsed.classes as string[],
    files: { modelJson: text, weights: await bin.arrayBuffer() },
  };
}

/** An imported model on the project's own table (all rows, the project's slices), or {} if it cannot run there. */
async function referenceOf(
  deps: StoreDeps,
  model: MonitorModel,
  table: Table,
  slices: SliceResult[],
  label: string,
): Promise<Partial<Record<ModelKind, Evaluation>>> {
  if (missingColumns(table, [label, ...model.features]).length > 0 || slices.some((s) => s.mask.length !== table.rowCount)) return {};
  try {
    const predicted = await deps.train().predict(table, model.files);
    const labels = encodeKnownLabels(table, label, predicted.classes);
    return evaluateNewData(
      labels.y,
      predicted.predictions,
      predicted.classes.length,
      slices.map((s) => ({ name: s.name, mask: s.mask })),
    );
  } catch {
    return {};
  }
}
