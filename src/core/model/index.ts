/** Model factory: one backbone, three heads. */
import type { ModelKind } from '../train/types.ts';
import { createPlainModel } from './plain.ts';
import { createSliceAwareModel } from './sram.ts';
import type { Model, ModelSpec } from './types.ts';

export type { Batch, Model, ModelSpec, Prediction } from './types.ts';

export function createModel(kind: ModelKind, spec: ModelSpec): Model {
  return kind === 'sliceAware' ? createSliceAwareModel(spec) : createPlainModel(spec, kind);
}
