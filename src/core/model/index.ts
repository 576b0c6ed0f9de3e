/** Model factory: one backbone, three heads. */
import type { ModelKind } from '../train/types.ts';
import { createPlainModel } from './plain.ts';
import { createGatedModel } from './gated.ts';
import { createJointModel } from './joint.ts';
import { createLearnedWeightModel } from './learnedWeight.ts';
import { createSliceAwareModel } from './sram.ts';
import type { Model, ModelSpec } from './types.ts';

export type { Batch, Model, ModelSpec, Prediction } from './types.ts';

export function createModel(kind: ModelKind, spec: ModelSpec): Model {
  if (kind !== 'sliceAware') return createPlainModel(spec, kind);
  // ModelSpec without sram = the reference structure (attention).
  const combine = spec.sram?.combine ?? 'attention';
  switch (combine) {
    case 'mixture':
      return createGatedModel(spec);
    case 'joint':
      return createJointModel(spec);
    case 'learnedWeight':
      return createLearnedWeightModel(spec);
    case 'attention':
      return createSliceAwareModel(spec);
  }
}
