/**
 * Research variants of SRAM's structure (docs/ablation.md): not offered in the product. They are
 * built only by the ablation scripts (bench/quality/explore.ts), through trainModels' `build` hook.
 */
import { createSramModel } from '../sram.ts';
import type { SramStructure } from '../sramStructure.ts';
import type { Model, ModelSpec } from '../types.ts';
import { createGatedModel } from './gated.ts';
import { createJointModel } from './joint.ts';
import { createLearnedWeightModel } from './learnedWeight.ts';

/** An SRAM-family model with the given structure; spec.model must be an sram config (temperature, confidence). */
export function createResearchModel(spec: ModelSpec, structure: SramStructure): Model {
  switch (structure.combine) {
    case 'mixture':
      return createGatedModel(spec, structure);
    case 'joint':
      return createJointModel(spec, structure);
    case 'learnedWeight':
      return createLearnedWeightModel(spec, structure);
    case 'attention':
      return createSramModel(spec, structure);
  }
}
