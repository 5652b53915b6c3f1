import { describe, expect, it } from 'vitest';
import { rowsInView, scrollTopFor } from './fixed-rows.ts';

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
