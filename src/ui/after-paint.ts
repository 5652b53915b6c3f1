// Slicing a large first render: what is below the fold can wait until the first frame is painted, so that
// the browser styles and lays out the page in two frames, not one long task.

import { startTransition, useEffect, useState } from 'react';

/** False on mount; true once the frame showing the mount has been painted. */
export function useAfterFirstPaint(): boolean {
  return useAfterPaint(true) !== null;
}

/** Runs `update` (as a transition) once the next frame has been painted; returns the cancel. */
function afterNextPaint(update: () => void): () => void {
  const done = () => startTransition(update);
  let timer: ReturnType<typeof setTimeout> | undefined;
  // a timeout set in an animation frame runs after that frame is painted
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(done, 0);
  });
  // a hidden page paints no frame: it must not wait for one
  const fallback = setTimeout(done, 250);
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    clearTimeout(fallback);
  };
}

/**
 * `value`, a painted frame late: null on mount and, when `value` changes, the old value, until the frame
 * showing the rest of the page has been painted. Splits one large update (a new provisional report: verdict
 * and timeline at once was a 53 ms task on the 1 GB bench capture) into two frames.
 */
export function useAfterPaint<T>(value: T): T | null {
  const [shown, setShown] = useState<T | null>(null);
  useEffect(() => (Object.is(shown, value) ? undefined : afterNextPaint(() => setShown(() => value))), [value, shown]);
  return shown;
}
