/**
 * Browser training benchmark worker: starts the asked-for tfjs backend the way the app's training
 * worker does (src/workers/tfBackend.ts), then times each job (bench/perf/trainBench.ts).
 * One worker per backend: the page starts a fresh one each time.
 */
import { selectBackend } from '../../../src/workers/tfBackend.ts';
import { measureTraining } from '../trainBench.ts';
import type { AdapterInfo, TrainReply, TrainRequest } from './protocol.ts';

interface GpuAdapterLike {
  info?: Partial<AdapterInfo>;
  isFallbackAdapter?: boolean;
}

async function adapterInfo(): Promise<AdapterInfo | null> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  const adapter = gpu ? await gpu.requestAdapter().catch(() => null) : null;
  if (!adapter) return null;
  const info = adapter.info ?? {};
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter: info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false,
  };
}

async function run(request: TrainRequest): Promise<TrainReply> {
  const adapter = await adapterInfo();
  const selected = await selectBackend(request.backend).catch((error: unknown) => ({ backend: 'none', detail: String(error) }));
  const reply: TrainReply = { backend: selected.backend, detail: selected.detail, adapter, results: [] };
  if (selected.backend !== request.backend) return { ...reply, error: `asked for ${request.backend}, got ${selected.detail}` };
  try {
    for (const job of request.jobs) reply.results.push(await measureTraining(job.model, job.config, job.steps, job.warmupSteps));
  } catch (error) {
    reply.error = error instanceof Error ? error.message : String(error);
  }
  return reply;
}

self.addEventListener('message', (event: MessageEvent<TrainRequest>) => {
  void run(event.data).then((reply) => self.postMessage(reply));
});
