/**
 * Options for useVirtualizer that read no layout when a list mounts: TanStack's defaults read the
 * scroll element's size (getBoundingClientRect) and scroll it to its initial offset (scrollTo), each
 * a forced layout, in that task, of everything changed so far: 35-115 ms here when the results table
 * or the chart grid first appeared during training (they mount in a staggered task: stagger.ts).
 * Use both, with an initialRect estimate: observeElementRect: observeRectLazily, scrollToFn: scrollLazily.
 */
import { elementScroll, type Rect, type Virtualizer } from '@tanstack/react-virtual';

/**
 * The scroll element's size from a ResizeObserver only, whose first report arrives after the
 * browser's own layout of the next frame; until then the list uses its initialRect.
 */
export function observeRectLazily<S extends Element, I extends Element>(instance: Virtualizer<S, I>, cb: (rect: Rect) => void): () => void {
  const element = instance.scrollElement;
  if (!element || typeof ResizeObserver === 'undefined') return () => {};
  const observer = new ResizeObserver(([entry]) => {
    const box = entry?.borderBoxSize[0];
    if (box) cb({ width: Math.round(box.inlineSize), height: Math.round(box.blockSize) });
  });
  observer.observe(element);
  return () => observer.disconnect();
}

/** Elements already handed to scrollLazily once. */
const seen = new WeakSet<Element>();

/**
 * TanStack's element scroll, except the first call per element when it asks for offset 0: a new
 * scroll element is at the top already (the call comes when the virtualizer attaches to it).
 */
export function scrollLazily<S extends Element, I extends Element>(
  offset: number,
  options: { adjustments?: number; behavior?: ScrollBehavior },
  instance: Virtualizer<S, I>,
): void {
  const element = instance.scrollElement;
  if (element && !seen.has(element)) {
    seen.add(element);
    if (offset + (options.adjustments ?? 0) === 0) return;
  }
  elementScroll(offset, options, instance);
}
