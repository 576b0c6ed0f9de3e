/** A trained model (+ its run's meta) into the two files of the servable format (format.ts). */
import * as tf from '@tensorflow/tfjs';
import type { TrainedModel } from '../train/trained.ts';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, WEIGHTS_BIN, type ExportedModel, type ExportedModelJson, type ExportMeta } from './format.ts';

/** Throws when the meta does not describe this model's inputs and outputs. */
function checkMeta(trained: TrainedModel, meta: ExportMeta): void {
  if (meta.featurizer.dim !== trained.spec.dim) {
    throw new Error(`the featurizer gives ${meta.featurizer.dim} inputs, the ${trained.kind} model takes ${trained.spec.dim}`);
  }
  if (meta.classes.length !== trained.spec.classes) {
    throw new Error(`${meta.classes.length} class names for a ${trained.kind} model with ${trained.spec.classes} outputs`);
  }
}

/**
 * model.json (pretty-printed) and weights.bin for `trained`. Reads the weights once (a copy); the
 * model stays usable. Every tensor created here is disposed.
 */
export async function exportModel(trained: TrainedModel, meta: ExportMeta): Promise<ExportedModel> {
  checkMeta(trained, meta);
  const snapshot = trained.snapshot();
  const named = snapshot.variables.map((v, i) => ({
    name: `${snapshot.kind}/${i}`,
    tensor: tf.tensor(v.values, v.shape, v.dtype),
  }));
  let encoded: Awaited<ReturnType<typeof tf.io.encodeWeights>>;
  try {
    encoded = await tf.io.encodeWeights(named);
  } finally {
    tf.dispose(named.map((n) => n.tensor));
  }
  const json: ExportedModelJson = {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    kind: snapshot.kind,
    spec: snapshot.spec,
    featurizer: meta.featurizer,
    classes: [...meta.classes],
    label: meta.label,
    features: [...meta.features],
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: encoded.specs }],
  };
  return { modelJson: `${JSON.stringify(json, null, 2)}\n`, weights: encoded.data };
}
