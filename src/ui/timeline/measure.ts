// Text widths for label layout, measured with a canvas in the page's font (cached), estimated without one.

import { estimateWidth } from './label-layout.ts';

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';
export const LABEL_SIZE = 11;

export type Measure = (text: string) => number;

export function createMeasure(size = LABEL_SIZE, weight = 400): Measure {
  const cache = new Map<string, number>();
  let ctx: CanvasRenderingContext2D | null = null;
  try {
    ctx = typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
    if (ctx) ctx.font = `${weight} ${size}px ${FONT_FAMILY}`;
  } catch {
    ctx = null;
  }
  return (text) => {
    let w = cache.get(text);
    if (w === undefined) {
      w = ctx ? ctx.measureText(text).width : estimateWidth(text, size);
      if (cache.size > 5000) cache.clear();
      cache.set(text, w);
    }
    return w;
  };
}

const shared = new Map<string, Measure>();

/** One measure per font for the whole page: the final report's timeline finds the provisional one's widths. */
export function sharedMeasure(size = LABEL_SIZE, weight = 400): Measure {
  const key = `${weight} ${size}`;
  let m = shared.get(key);
  if (!m) shared.set(key, (m = createMeasure(size, weight)));
  return m;
}
