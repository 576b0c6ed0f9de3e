/**
 * `slicewise predict`: an exported model (core/export) over a data file. The bundled featurizer
 * turns the file's feature columns into the model's inputs; no SF runs, the label is not needed.
 */
import { loadExportedModel } from '../core/export/loadModel.ts';
import { choiceFlag, parseFlags, requiredFlag, type FlagSpec } from './args.ts';
import { predictionsCsv } from './csv.ts';
import { readModelDir, readTable, writeOut } from './files.ts';
import type { CliIo } from './io.ts';
import { initNodeBackend, silenceTfjsLogs } from '../core/tfNode.ts';
import { NODE_BACKENDS } from './train.ts';
import { PREDICT_USAGE } from './usage.ts';

const FLAGS: Record<string, FlagSpec> = {
  model: {},
  data: {},
  out: {},
  backend: {},
  quiet: { boolean: true },
  help: { boolean: true },
};

export async function predictCommand(argv: readonly string[], io: CliIo): Promise<void> {
  const flags = parseFlags(argv, FLAGS, 'predict');
  if (flags.get('help') === true) {
    io.out(PREDICT_USAGE);
    return;
  }
  const modelDir = requiredFlag(flags, 'model', 'predict');
  const dataPath = requiredFlag(flags, 'data', 'predict');
  const out = requiredFlag(flags, 'out', 'predict');
  const backendChoice = choiceFlag(flags, 'backend', NODE_BACKENDS) ?? 'wasm';
  const files = await readModelDir(modelDir);
  const table = await readTable(dataPath);
  silenceTfjsLogs();
  const { backend, detail } = await initNodeBackend(backendChoice);
  const model = loadExportedModel(files.modelJson, files.weights, files.source);
  try {
    const { proba, predicted } = model.predictTable(table);
    await writeOut(out, predictionsCsv(model.classes, predicted, proba), 'the predictions');
    if (flags.get('quiet') !== true) {
      const note = backend === backendChoice ? '' : ` (${detail})`;
      io.out(`${model.kind} model: ${predicted.length} predictions written to ${out}${note}\n`);
    }
  } finally {
    model.dispose();
  }
}
