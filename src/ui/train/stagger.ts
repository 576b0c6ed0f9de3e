/**
 * Live charts without a frozen page. Recharts draws one small chart in ~25 ms here (~70 ms to mount
 * it), so re-drawing ten of them in one React render made tasks of 250-700 ms on every epoch update.
 * useStaggered hands each chart its new data in a task of its own, one chart per task: the page
 * answers input between any two charts. A chart that gets newer data while it waits in the queue
 * draws only the newest (the queue keeps the latest job per key).
 * Each job waits for a frame to be drawn first (requestAnimationFrame, then a task after it): the
 * page's layout is then clean when the job starts, so a job that reads layout (a virtualised list
 * measuring itself) does not pay, in its own task, for laying out what the previous job or the store
 * update changed. A hidden page draws no frames: a timer stands in for the frame there.
 * Not a transition (startTransition): Recharts 3 re-renders through its own store's synchronous
 * subscriptions, so a transition's time slicing did not split its work, and it batched the chart's
 * store notifications into one longer frame callback.
 */
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/** A job runs after this long (ms) even when no frame comes (hidden page). */
const NO_FRAME_MS = 100;

const queue = new Map<string, () => void>();
let channel: MessageChannel | null = null;
/** A turn (frame, then task) has been asked for and not run yet. */
let waiting = false;

function runNext(): void {
  waiting = false;
  const next = queue.entries().next();
  if (next.done) return;
  const [key, job] = next.value;
  queue.delete(key);
  const start = performance.now();
  job();
  // A User Timing entry per chart draw, which a performance trace (DevTools) attributes long tasks to;
  // only each chart's latest stays in the page's buffer, which would otherwise grow with every epoch.
  performance.clearMeasures(`chart ${key}`);
  performance.measure(`chart ${key}`, { start });
  if (queue.size > 0) afterNextFrame();
}

/** Runs runNext in a task of its own after the next frame (or NO_FRAME_MS without one). */
function afterNextFrame(): void {
  if (waiting) return;
  waiting = true;
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = runNext;
  }
  const port = channel.port2;
  let posted = false;
  const post = () => {
    if (posted) return;
    posted = true;
    clearTimeout(timer);
    port.postMessage(null);
  };
  const timer = setTimeout(post, NO_FRAME_MS);
  requestAnimationFrame(post);
}

function schedule(key: string, job: () => void): void {
  queue.delete(key); // re-queued at the back: the others waited longer
  queue.set(key, job);
  afterNextFrame();
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
