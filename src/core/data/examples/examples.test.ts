import { describe, expect, it } from 'vitest';
import { cell, getColumn } from '../../table.ts';
import { runSfSource } from '../../slicing/run.ts';
import { EXAMPLES, loadExampleData } from './index.ts';

describe('example projects', () => {
  for (const { id } of EXAMPLES) {
    it(`${id}: its config names real columns and every example SF makes a non-empty, proper slice`, async () => {
      const { table, sfSource, config } = await loadExampleData(id);
      const names = new Set(table.columns.map((c) => c.name));
      expect(names.has(config.label)).toBe(true);
      for (const f of config.features) expect(names.has(f), f).toBe(true);
      expect(config.features).not.toContain(config.label);
      const result = runSfSource(table, sfSource);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      expect(result.slices.length).toBeGreaterThanOrEqual(4);
      for (const s of result.slices) {
        expect(s.count, s.name).toBeGreaterThan(0);
        expect(s.count, s.name).toBeLessThan(table.rowCount);
      }
    });
  }

  it('penguins: the real data, with its missing values', async () => {
    const { table } = await loadExampleData('penguins');
    expect(table.rowCount).toBe(344);
    const species = getColumn(table, 'species');
    const counts: Record<string, number> = {};
    for (let r = 0; r < table.rowCount; r++) counts[String(cell(species, r))] = (counts[String(cell(species, r))] ?? 0) + 1;
    expect(counts).toEqual({ Adelie: 152, Gentoo: 124, Chinstrap: 68 });
    const sex = getColumn(table, 'sex');
    let missing = 0;
    for (let r = 0; r < table.rowCount; r++) if (cell(sex, r) === '') missing++;
    expect(missing).toBe(11);
  });

  it('spam-assassin: 6,046 emails, spam exactly the spam folder, dates parsed', async () => {
    const { table } = await loadExampleData('spam-assassin');
    expect(table.rowCount).toBe(6046);
    const label = getColumn(table, 'label');
    const folder = getColumn(table, 'folder');
    const sent = getColumn(table, 'sent');
    let spam = 0;
    let dated = 0;
    for (let r = 0; r < table.rowCount; r++) {
      const isSpam = cell(label, r) === 'spam';
      expect(isSpam).toBe(cell(folder, r) === 'spam');
      if (isSpam) spam++;
      if (cell(sent, r) instanceof Date) dated++;
    }
    expect(spam).toBe(1896);
    expect(dated).toBeGreaterThan(5900);
  });
});
