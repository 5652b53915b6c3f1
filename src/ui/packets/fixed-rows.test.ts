import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_PX, rowsInView, scrollSpace, scrollTopFor } from './fixed-rows.ts';

describe('rowsInView', () => {
  it('gives the rows a viewport shows, with overscan, within the count', () => {
    expect(rowsInView(1000, 20, 0, 100, 2).map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const mid = rowsInView(1000, 20, 410, 100, 1);
    expect(mid[0]).toEqual({ index: 19, start: 380 });
    expect(mid[mid.length - 1]!.index).toBe(26);
    expect(rowsInView(10, 20, 150, 100, 5).map((r) => r.index)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rowsInView(0, 20, 0, 100, 5)).toEqual([]);
  });
});

describe('scrollTopFor', () => {
  it('centres a row, or scrolls it just into view', () => {
    expect(scrollTopFor(100, 20, 0, 200, 'center')).toBe(1910);
    expect(scrollTopFor(1, 20, 0, 200, 'center')).toBe(0);
    expect(scrollTopFor(5, 20, 0, 200, 'auto')).toBe(0);
    expect(scrollTopFor(10, 20, 0, 200, 'auto')).toBe(20);
    expect(scrollTopFor(2, 20, 100, 200, 'auto')).toBe(40);
  });
});

describe('more rows than a browser lets an element be tall', () => {
  const rows = 5_466_086; // the 4 GB bench capture
  const h = 448;
  const { total, scale } = scrollSpace(rows, 22, h);

  it('the content stays within the limit; below it nothing is scaled', () => {
    expect(total).toBe(MAX_SCROLL_PX);
    expect(scale).toBeGreaterThan(7);
    expect(scrollSpace(700_000, 22, h)).toEqual({ total: 700_000 * 22, scale: 1 });
  });

  it('scrolled to the bottom, the last row is in view, drawn inside the content', () => {
    const top = total - h;
    const shown = rowsInView(rows, 22, top, h, 0, scale);
    const last = shown[shown.length - 1]!;
    expect(last.index).toBe(rows - 1);
    expect(last.start + 22).toBeCloseTo(top + h, 6);
    expect(shown[0]!.start).toBeGreaterThanOrEqual(top - 22);
  });

  it('rows follow each other 22 px apart wherever the view is', () => {
    for (const top of [0, 1234.5, total / 2, total - h]) {
      const shown = rowsInView(rows, 22, top, h, 3, scale);
      for (let i = 1; i < shown.length; i++) {
        expect(shown[i]!.index).toBe(shown[i - 1]!.index + 1);
        expect(shown[i]!.start - shown[i - 1]!.start).toBeCloseTo(22, 6);
      }
    }
  });

  it('scrolling to a row brings it into view, at either end and in the middle', () => {
    for (const index of [0, 1_000_000, 4_000_000, rows - 1]) {
      // (a browser clamps scrollTop to the content: so does the test)
      const top = scrollTopFor(index, 22, 0, h, 'center', scale);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(rowsInView(rows, 22, Math.min(top, total - h), h, 0, scale).map((r) => r.index)).toContain(index);
      const auto = scrollTopFor(index, 22, 0, h, 'auto', scale);
      expect(rowsInView(rows, 22, Math.min(auto, total - h), h, 0, scale).map((r) => r.index)).toContain(index);
    }
  });
});
