/**
 * SF source → slices in one call: compile, load, apply. RUNS USER CODE (worker or Node only).
 * The SF worker's handler and the CLI both use this.
 */
import type { Table } from '../table.ts';
import { applySfs, type ApplyHooks, type ApplyResult } from './apply.ts';
import { compileSfs, loadSfs } from './compile.ts';

export function runSfSource(table: Table, source: string, hooks: ApplyHooks = {}): ApplyResult {
  const compiled = compileSfs(source);
  if (!compiled.ok) return compiled;
  const loaded = loadSfs(compiled);
  if (!loaded.ok) return loaded;
  return applySfs(table, loaded.sfs, hooks);
}
