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

/** Rows in [top - overscan rows, top + height + overscan rows). */
export function rowsInView(count: number, rowHeight: number, top: number, height: number, overscan: number): FixedRow[] {
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((top + height) / rowHeight) + overscan);
  const out: FixedRow[] = [];
  for (let i = first; i < end; i++) out.push({ index: i, start: i * rowHeight });
  return out;
}

/** Where to scroll so that row `index` is shown, from `top` in a viewport `height` tall. */
export function scrollTopFor(index: number, rowHeight: number, top: number, height: number, align: 'auto' | 'center'): number {
  const start = index * rowHeight;
  if (align === 'center') return Math.max(0, start - (height - rowHeight) / 2);
  if (start < top) return start;
  if (start + rowHeight > top + height) return start + rowHeight - height;
  return top;
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
      const top = scrollTopFor(index, rowHeight, el.scrollTop, el.clientHeight, align);
      if (top !== el.scrollTop) el.scrollTop = top;
    },
    [scrollRef, rowHeight],
  );

  return { items: rowsInView(count, rowHeight, win.top, win.height, overscan), totalSize: count * rowHeight, scrollToIndex };
}
