import { expect, it } from 'vitest';
import { migrateSettings } from './settings.ts';
import { DEFAULT_SETTINGS } from './types.ts';

it('keeps a valid SRAM expert rank (a number or auto) and replaces an invalid one with the default', () => {
  const rank = (expertRank: unknown) => migrateSettings({ options: { sram: { expertRank } } }).options.sram.expertRank;
  expect(rank(4)).toBe(4);
  expect(rank(0)).toBe(0);
  expect(rank('auto')).toBe('auto');
  for (const bad of [-1, 2.5, 'full', null]) expect(rank(bad)).toBe(DEFAULT_SETTINGS.options.sram.expertRank);
  // today's settings come back as they were
  expect(migrateSettings(structuredClone(DEFAULT_SETTINGS))).toEqual(DEFAULT_SETTINGS);
});
