// Virtual rows of one fixed height: which rows a scrolled element shows, found by division. A general
// virtualizer (react-virtual) keeps a measurement object per row, so a million-row table cost the page a
// 40 ms task each time it was built; here the work is per visible row only.

import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

export interface FixedRow {
  index: number;
  /** Pixel offset of the row's top in the scrolled content. */
  start: number;
}

export interface FixedRows {
  items: FixedRow[];
  totalSize: number;
  /** Scrolls so that row `index` is shown: at the centre, or just into view when it is not ('auto'). */
  scrollToIndex(index: number, align?: 'auto' | 'center'): void;
}

/**
 * The tallest scrolled content made. Browsers clamp an element's height (Chromium and WebKit at 2^25 px,
 * ~33.5 M px: 1.5 M rows of 22 px; Firefox at ~17.9 M px), and rows past it could not be scrolled to: a 4 GB
 * capture has 5.5 M. Past it, the scroll position maps onto the rows in proportion (`scale` pixels of rows a
 * pixel of scrolling; 1.96 for the 1 GB bench capture's 1.33 M rows, 7.5 for 4 GB).
 */
export const MAX_SCROLL_PX = 16_000_000;

/** The scrolled content's height, and how many pixels of rows one pixel of scrolling moves. */
export function scrollSpace(count: number, rowHeight: number, height: number): { total: number; scale: number } {
  const full = count * rowHeight;
  if (full <= MAX_SCROLL_PX) return { total: full, scale: 1 };
  return { total: MAX_SCROLL_PX, scale: Math.max(0, full - height) / (MAX_SCROLL_PX - height) };
}

/** Rows in [top - overscan rows, top + height + overscan rows), `top` scrolled `scale` times over. */
export function rowsInView(count: number, rowHeight: number, top: number, height: number, overscan: number, scale = 1): FixedRow[] {
  const v = top * scale; // the view's top among all the rows
  const first = Math.max(0, Math.floor(v / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((v + height) / rowHeight) + overscan);
  const out: FixedRow[] = [];
  for (let i = first; i < end; i++) out.push({ index: i, start: top + i * rowHeight - v });
  return out;
}

/** Where to scroll so that row `index` is shown, from `top` in a viewport `height` tall. */
export function scrollTopFor(index: number, rowHeight: number, top: number, height: number, align: 'auto' | 'center', scale = 1): number {
  const start = index * rowHeight;
  const v = top * scale;
  let to = v;
  if (align === 'center') to = Math.max(0, start - (height - rowHeight) / 2);
  else if (start < v) to = start;
  else if (start + rowHeight > v + height) to = start + rowHeight - height;
  return to === v ? top : to / scale;
}

export function useFixedRows(scrollRef: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan: number, initialHeight: number): FixedRows {
  const [win, setWin] = useState({ top: 0, height: initialHeight });
  const winRef = useRef(win);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    // read when the browser reports a scroll or a resize, when its layout is up to date (no forced layout)
    const update = () => {
      const next = { top: el.scrollTop, height: el.clientHeight };
      const prev = winRef.current;
      if (next.top === prev.top && next.height === prev.height) return;
      winRef.current = next;
      // the rows of a scroll (or a resize) are drawn in the frame that shows it
      flushSync(() => setWin(next));
    };
    el.addEventListener('scroll', update, { passive: true });
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      ro.disconnect();
    };
  }, [scrollRef]);

  const scrollToIndex = useCallback(
    (index: number, align: 'auto' | 'center' = 'auto') => {
      const el = scrollRef.current;
      if (!el) return;
      const { scale } = scrollSpace(count, rowHeight, el.clientHeight);
      const top = scrollTopFor(index, rowHeight, el.scrollTop, el.clientHeight, align, scale);
      if (top !== el.scrollTop) el.scrollTop = top;
    },
    [scrollRef, rowHeight, count],
  );

  const space = scrollSpace(count, rowHeight, win.height);
  return { items: rowsInView(count, rowHeight, win.top, win.height, overscan, space.scale), totalSize: space.total, scrollToIndex };
}
