/** The servable model format: export a trained model, load it back anywhere tfjs runs. See format.ts. */
export * from './format.ts';
export { exportModel } from './exportModel.ts';
export { loadExportedModel, parseModelJson, type LoadedModel, type TablePrediction } from './loadModel.ts';
