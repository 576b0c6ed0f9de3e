/**
 * The worker of a client that runs one job at a time (the data reader, the slice search): made on
 * first use, and terminated when its job is cancelled or it crashes, so the next job starts a fresh
 * one. The client keeps its own pending job; this keeps the worker's lifecycle in one place.
 */

/** What JobWorker needs of a worker: a browser Worker fits, tests pass a fake. */
export interface JobWorkerLike<Message> {
  terminate(): void;
  onmessage: ((event: MessageEvent<Message>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface JobWorkerHooks<W, Message> {
  onMessage(message: Message): void;
  /** The worker failed to load or threw outside its handler; it has been dropped. `detail`: ': <message>' or ''. */
  onCrash(detail: string): void;
  /** Called with each new worker before its first job (e.g. to send it the table). */
  onSpawn?(worker: W): void;
  /** Called when the worker is dropped (e.g. to forget what was staged on it). */
  onDrop?(): void;
}

export class JobWorker<W extends JobWorkerLike<Message>, Message> {
  private worker: W | null = null;

  constructor(
    private readonly create: () => W,
    private readonly hooks: JobWorkerHooks<W, Message>,
  ) {}

  /** The running worker, if any (none before the first job and after a drop). */
  get current(): W | null {
    return this.worker;
  }

  /** The running worker, or a new one. */
  ensure(): W {
    if (this.worker) return this.worker;
    const worker = this.create();
    worker.onmessage = (event) => this.hooks.onMessage(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.drop();
      this.hooks.onCrash(event.message ? `: ${event.message}` : '');
    };
    this.hooks.onSpawn?.(worker);
    this.worker = worker;
    return worker;
  }

  /** Terminates the worker, if any. */
  drop(): void {
    if (!this.worker) return;
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate();
    this.worker = null;
    this.hooks.onDrop?.();
  }
}
