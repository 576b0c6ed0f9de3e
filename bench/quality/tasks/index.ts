/** The benchmark's task registry, in report order. */
import { circles2d } from './circles2d.ts';
import { featureRules } from './featureRules.ts';
import { overlapMulticlass } from './overlapMulticlass.ts';
import { spamAssassin } from './spamAssassin.ts';
import type { QualityTask } from './types.ts';
import { wideFlip } from './wideFlip.ts';

export type { QualityTask, TaskFamily, TaskInstance, TaskOptions } from './types.ts';

export const TASKS: readonly QualityTask[] = [circles2d, featureRules, wideFlip, overlapMulticlass, spamAssassin];

export function taskByName(name: string): QualityTask {
  const task = TASKS.find((t) => t.name === name);
  if (!task) throw new Error(`unknown task '${name}' (known: ${TASKS.map((t) => t.name).join(', ')})`);
  return task;
}
