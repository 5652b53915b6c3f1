// Slicing a large first render: what is below the fold can wait until the first frame is painted, so that
// the browser styles and lays out the page in two frames, not one long task.

import { startTransition, useEffect, useState } from 'react';

/** False on mount; true once the frame showing the mount has been painted. */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    const done = () => startTransition(() => setPainted(true));
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
  }, []);
  return painted;
}
