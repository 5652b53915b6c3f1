import { describe, expect, test } from 'vitest';
import { pagesToFetch } from './row-pages.ts';

describe('pagesToFetch', () => {
  test('the pages of the rows in view, within the table', () => {
    expect(pagesToFetch(0, 40, 0, 1000, 200)).toEqual([0]);
    expect(pagesToFetch(190, 230, 0, 1000, 200)).toEqual([0, 1]);
    expect(pagesToFetch(980, 1020, 0, 1000, 200)).toEqual([4]);
    expect(pagesToFetch(0, -1, 0, 0, 200)).toEqual([]);
  });
  test('still: nothing ahead; a wheel step: the page it reaches two frames on', () => {
    expect(pagesToFetch(1150, 1190, 0, 100_000, 200)).toEqual([5]);
    expect(pagesToFetch(1150, 1190, 27, 100_000, 200)).toEqual([5, 6]);
    expect(pagesToFetch(1210, 1250, -27, 100_000, 200)).toEqual([6, 5]);
  });
  test('a drag asks for where the next two frames will be, in either direction', () => {
    expect(pagesToFetch(10_000, 10_040, 7_400, 1_333_577, 200)).toEqual([50, 87, 124]);
    expect(pagesToFetch(10_000, 10_040, -7_400, 1_333_577, 200)).toEqual([50, 13]);
    // past the end: nothing beyond the table
    expect(pagesToFetch(1_330_000, 1_330_040, 7_400, 1_333_577, 200)).toEqual([6650]);
  });
});
