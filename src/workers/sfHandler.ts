/**
 * The SF worker's logic, kept out of the worker file so it runs (and is tested) in Node.
 * src/workers/sf.worker.ts (and the CLI's src/cli/sfWorker.ts) only wire it to postMessage.
 * RUNS USER CODE.
 *
 * Live slices: every apply compiles and loads the whole file (cheap; top-level code runs each time),
 * then runs only the SFs whose cache key (keys.ts) differs from the last successful run's on this
 * table; the others reuse their mask. The cache holds each slice's mask and its packed bitset, so
 * the overlap matrix costs K² · n/32 word operations and no re-packing of unchanged slices.
 */
import type { SfRequest, SfResponse } from '../protocol/sf.ts';
import type { Table } from '../core/table.ts';
import { applySfs } from '../core/slicing/apply.ts';
import { compileSfs, errorMessage, loadSfs, type LoadedSf } from '../core/slicing/compile.ts';
import { overlapOfBitsets, packMask } from '../core/slicing/overlap.ts';
import type { SfError, SliceResult } from '../core/slicing/types.ts';

/** postMessage with a transfer list (the slice masks' buffers). */
export type SfPost = (message: SfResponse, transfer: ArrayBuffer[]) => void;

interface Cached {
  key: string;
  slice: SliceResult;
  bits: Uint32Array;
}

/**
 * Returns the message handler. It keeps the table from 'setTable' (and drops the cache); on 'apply'
 * it posts 'started' before each SF it runs, then exactly one 'done' or 'failed'. Masks are posted
 * as copies (transferred), so the cache keeps its own. It never throws: an unexpected exception
 * becomes 'failed' with a 'runtime' error.
 */
export function createSfHandler(post: SfPost): (request: SfRequest) => void {
  let table: Table | null = null;
  let cache = new Map<string, Cached>();
  return (request) => {
    if (request.type === 'setTable') {
      table = request.table;
      cache = new Map();
      return;
    }
    const { id } = request;
    try {
      if (table === null) {
        post({ type: 'failed', id, errors: [{ kind: 'runtime', message: 'No dataset loaded yet: load one before applying SFs.' }] }, []);
        return;
      }
      post({ type: 'started', id, sf: '', phase: 'load' }, []);
      const compiled = compileSfs(request.source);
      if (!compiled.ok) {
        post({ type: 'failed', id, errors: compiled.errors }, []);
        return;
      }
      const loaded = loadSfs(compiled);
      if (!loaded.ok) {
        post({ type: 'failed', id, errors: loaded.errors }, []);
        return;
      }
      const skip = new Set(request.skip ?? []);
      const keyOf = new Map(compiled.names.map((name, i) => [name, compiled.keys[i] as string]));
      const errors: SfError[] = [];
      const toRun: LoadedSf[] = [];
      for (const sf of loaded.sfs) {
        const key = keyOf.get(sf.name) as string;
        if (skip.has(key)) errors.push(skippedTimeout(sf, request.timeoutMs));
        else if (cache.get(sf.name)?.key !== key) toRun.push(sf);
      }
      const current = table;
      const lineOf = new Map(loaded.sfs.map((sf) => [sf.name, sf.line]));
      const result = applySfs(current, toRun, {
        onStart: (sf) => {
          const line = lineOf.get(sf);
          post({ type: 'started', id, sf, key: keyOf.get(sf) as string, ...(line === undefined ? {} : { line }) }, []);
        },
      });
      const fresh = new Map((result.slices ?? []).map((s) => [s.name, s]));
      if (!result.ok) errors.push(...result.errors);

      // The new cache: this file's SFs only, fresh results replacing old ones; failures dropped.
      const next = new Map<string, Cached>();
      const ordered: Cached[] = [];
      for (const sf of loaded.sfs) {
        const key = keyOf.get(sf.name) as string;
        const made = fresh.get(sf.name);
        const entry =
          made !== undefined
            ? { key, slice: made, bits: packMask(made.mask) }
            : !skip.has(key) && cache.get(sf.name)?.key === key
              ? (cache.get(sf.name) as Cached)
              : undefined;
        if (entry === undefined) continue;
        next.set(sf.name, entry);
        ordered.push(entry);
      }
      cache = next;

      const slices = ordered.map(({ slice }) => ({ ...slice, mask: slice.mask.slice(), reused: !fresh.has(slice.name) }));
      const overlap = overlapOfBitsets(ordered.map((c) => c.bits));
      const transfer = slices.map((s) => s.mask.buffer as ArrayBuffer);
      if (errors.length === 0) post({ type: 'done', id, slices, overlap }, transfer);
      else post({ type: 'failed', id, errors: sortErrors(errors), slices, overlap }, transfer);
    } catch (error) {
      post({ type: 'failed', id, errors: [{ kind: 'runtime', message: `The SF worker failed: ${errorMessage(error)}` }] }, []);
    }
  };
}

function skippedTimeout(sf: LoadedSf, timeoutMs: number | undefined): SfError {
  const limit = timeoutMs === undefined ? '' : ` within ${Number((timeoutMs / 1000).toFixed(3))} s`;
  return {
    kind: 'timeout',
    sf: sf.name,
    message: `SF "${sf.name}" did not finish${limit} and was stopped. It is skipped until you change its code.`,
    ...(sf.line === undefined ? {} : { line: sf.line }),
  };
}

function sortErrors(errors: SfError[]): SfError[] {
  return errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
