/**
 * The servable model format: a folder (or a download) of two files, in TensorFlow.js's weights format.
 *
 *   model.json   ExportedModelJson (below): what the model is (kind + full ModelSpec), how to turn a
 *                table into its inputs (the fitted FeaturizerSpec), what its outputs mean (classes),
 *                and a tfjs `weightsManifest` describing weights.bin.
 *   weights.bin  every variable of the model (`model.variables`, in order), float32 little-endian,
 *                concatenated; written by tf.io.encodeWeights, so tf.io.decodeWeights (or any tfjs
 *                tool reading a weightsManifest) reads it back.
 *
 * Weight names are positional, `<kind>/<i>` (tfjs variable names are per-process counters and mean
 * nothing elsewhere); loading rebuilds the model with createModel(spec) and assigns weight i to
 * model.variables[i], checking every shape. Slice masks are not part of a served model: it predicts
 * from the features alone.
 */
import type { io } from '@tensorflow/tfjs';
import type { FeaturizerSpec } from '../features.ts';
import type { ModelSpec } from '../model/types.ts';
import type { ModelKind } from '../train/types.ts';

export const MODEL_FORMAT = 'slicewise-model';
/** 2: ModelSpec carries `model` (kind + options) and `counts`. Version 1 files are upgraded on load (loadModel.ts). */
export const MODEL_FORMAT_VERSION = 2;
export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

/** What a trained model needs from its run besides the weights: the data side of the contract. */
export interface ExportMeta {
  /** The featurizer fitted on the run's train rows (PreparedData.featurizer). */
  featurizer: FeaturizerSpec;
  /** Class names, index = output column (TrainData.classes). */
  classes: string[];
  /** The label column the model was trained on (informational; not needed to predict). */
  label: string;
  /** The feature columns, in order (the featurizer's columns). */
  features: string[];
}

export interface ExportedModelJson extends ExportMeta {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_FORMAT_VERSION;
  kind: ModelKind;
  spec: ModelSpec;
  weightsManifest: [{ paths: [typeof WEIGHTS_BIN]; weights: io.WeightsManifestEntry[] }];
}

/** The two files of an export: model.json's text and weights.bin's bytes. */
export interface ExportedModel {
  modelJson: string;
  weights: ArrayBuffer;
}

/** The meta of a prepared run: `exportMetaOf(prepareTrainData(table, config, slices), config)`. */
export function exportMetaOf(prepared: { featurizer: FeaturizerSpec; data: { classes: string[] } }, config: { label: string }): ExportMeta {
  return {
    featurizer: prepared.featurizer,
    classes: [...prepared.data.classes],
    label: config.label,
    features: prepared.featurizer.columns.map((c) => c.column),
  };
}
