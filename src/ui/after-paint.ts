// Slicing a large first render: what is below the fold can wait until the first frame is painted, so that
// the browser styles and lays out the page in two frames, not one long task.

import { startTransition, useEffect, useState } from 'react';

/** False on mount; true once the frame showing the mount has been painted. */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // a timeout set in an animation frame runs after that frame is painted
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setPainted(true)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return painted;
}
