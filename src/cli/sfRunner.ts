/**
 * Applies SFs for the CLI in a worker thread, so that an SF that never returns is stopped and named,
 * as in the app: the timeout counts per SF (restarted on each 'started' message), and starts only
 * when the worker has booted and taken the request (its first 'started', phase 'load'): booting tsx
 * in a thread takes seconds on a loaded machine, and that is not the SF's time. Booting itself has
 * its own, generous limit.
 */
import { Worker } from 'node:worker_threads';
import type { Table } from '../core/table.ts';
import type { ApplyResult } from '../core/slicing/apply.ts';
import type { SfResponse } from '../protocol/sf.ts';

export const CLI_SF_TIMEOUT_MS = 30_000;
const BOOT_TIMEOUT_MS = 120_000;

export function applySfsInWorker(table: Table, source: string, timeoutMs = CLI_SF_TIMEOUT_MS): Promise<ApplyResult> {
  // The worker is TypeScript: its boot file registers tsx in the thread, then loads sfWorker.ts.
  const worker = new Worker(new URL('./sfWorker.boot.mjs', import.meta.url));
  return new Promise<ApplyResult>((resolve, reject) => {
    let current: string | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      void worker.terminate();
      settle();
    };
    const arm = (booting = false) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (booting) return finish(() => reject(new Error(`the SF worker thread did not start within ${BOOT_TIMEOUT_MS / 1000} s`)));
        const what = current ? `SF "${current}"` : "The SF file's top-level code";
        finish(() =>
          resolve({
            ok: false,
            errors: [{ kind: 'timeout', ...(current ? { sf: current } : {}), message: `${what} did not finish within ${timeoutMs / 1000} s and was stopped.` }],
          }),
        );
      }, booting ? BOOT_TIMEOUT_MS : timeoutMs);
    };
    worker.on('message', (message: SfResponse) => {
      if (message.type === 'started') {
        current = message.sf;
        arm();
      } else if (message.type === 'done') {
        finish(() => resolve({ ok: true, slices: message.slices }));
      } else {
        finish(() => resolve({ ok: false, errors: message.errors }));
      }
    });
    worker.on('error', (error) => finish(() => reject(error)));
    arm(true);
    worker.postMessage({ type: 'setTable', table });
    worker.postMessage({ type: 'apply', id: 1, source });
  });
}
