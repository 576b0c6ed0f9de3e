/**
 * Live charts without a frozen page. Recharts draws one small chart in ~25 ms here (~70 ms to mount
 * it), so re-drawing ten of them in one React render made tasks of 250-700 ms on every epoch update.
 * useStaggered hands each chart its new data in a task of its own, one chart per task: the page
 * answers input between any two charts. A chart that gets newer data while it waits in the queue
 * draws only the newest (the queue keeps the latest job per key).
 */
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

const queue = new Map<string, () => void>();
let channel: MessageChannel | null = null;

function runNext(): void {
  const next = queue.entries().next();
  if (next.done) return;
  const [key, job] = next.value;
  queue.delete(key);
  job();
  if (queue.size > 0) channel?.port2.postMessage(null);
}

function schedule(key: string, job: () => void): void {
  const idle = queue.size === 0;
  queue.delete(key); // re-queued at the back: the others waited longer
  queue.set(key, job);
  if (!idle) return;
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = runNext;
  }
  channel.port2.postMessage(null);
}

/**
 * `value`, delivered to this component in a task of its own (see above); null until the first
 * delivery, so even the first draw (the mount) is staggered. `key` must be unique per chart.
 */
export function useStaggered<T>(value: T, key: string): T | null {
  const [shown, setShown] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    schedule(key, () => {
      if (live) flushSync(() => setShown(() => value));
    });
    return () => {
      live = false;
    };
  }, [value, key]);
  return shown;
}
