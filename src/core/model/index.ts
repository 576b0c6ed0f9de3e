/** The product's model factory: one backbone, six ways to use the slices (train/types.ts MODEL_KINDS). */
import { createGroupDroModel } from './groupDro.ts';
import { createHpsModel } from './hps.ts';
import { createMoeModel } from './moe.ts';
import { createPlainModel } from './plain.ts';
import { createSramModel } from './sram.ts';
import type { Model, ModelSpec } from './types.ts';

export type { Batch, GroupCounts, Model, ModelSpec, Prediction } from './types.ts';

export function createModel(spec: ModelSpec): Model {
  switch (spec.model.kind) {
    case 'plain':
    case 'reweighted':
      return createPlainModel(spec);
    case 'sram':
      return createSramModel(spec);
    case 'hps':
      return createHpsModel(spec);
    case 'moe':
      return createMoeModel(spec);
    case 'groupDro':
      return createGroupDroModel(spec);
  }
}

/** Trainable parameters: the number of values in the model's variables. */
export function parameterCount(model: Model): number {
  return model.variables.reduce((n, v) => n + v.size, 0);
}
