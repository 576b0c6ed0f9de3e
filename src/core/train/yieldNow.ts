/**
 * Give the event loop a turn so a 'stop' message (or any other task) can run during training.
 * Node: setImmediate. Workers / pages: a MessageChannel round trip (~0.05 ms; setTimeout(0) is clamped
 * to >= 4 ms after nesting, which would cost more than a batch). Fallback: setTimeout.
 */
type Resolve = () => void;
type ImmediateFn = (callback: () => void) => unknown;
interface PortLike {
  onmessage: ((event: unknown) => void) | null;
  postMessage(message: unknown): void;
}
type ChannelCtor = new () => { port1: PortLike; port2: PortLike };

let post: ((resolve: Resolve) => void) | null = null;

function makePoster(): (resolve: Resolve) => void {
  const g = globalThis as unknown as { setImmediate?: ImmediateFn; MessageChannel?: ChannelCtor };
  const immediate = g.setImmediate;
  if (typeof immediate === 'function') return (resolve) => void immediate(resolve);
  if (typeof g.MessageChannel === 'function') {
    const channel = new g.MessageChannel();
    const queue: Resolve[] = [];
    channel.port1.onmessage = () => queue.shift()?.();
    return (resolve) => {
      queue.push(resolve);
      channel.port2.postMessage(null);
    };
  }
  return (resolve) => void setTimeout(resolve, 0);
}

export function yieldToEventLoop(): Promise<void> {
  post ??= makePoster();
  const p = post;
  return new Promise<void>((resolve) => p(resolve));
}

/** Yields at most every `everyMs` of wall time or every `everyTicks` ticks, whichever comes first. */
export class Pacer {
  private last = performance.now();
  private ticks = 0;
  constructor(
    private readonly everyMs = 15,
    private readonly everyTicks = 4,
  ) {}

  async tick(): Promise<void> {
    this.ticks++;
    const t = performance.now();
    if (this.ticks < this.everyTicks && t - this.last < this.everyMs) return;
    await yieldToEventLoop();
    this.ticks = 0;
    this.last = performance.now();
  }
}
