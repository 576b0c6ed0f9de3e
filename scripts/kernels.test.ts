import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { KERNELS, renderKernel } from './kernels.ts';

it.each(KERNELS.map((k) => [k.wat, k]))('the committed module is what %s assembles to (else: npm run kernels)', async (_, kernel) => {
  expect(readFileSync(resolve(import.meta.dirname, '..', kernel.module), 'utf8')).toBe(await renderKernel(kernel));
});
