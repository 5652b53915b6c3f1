import { describe, expect, test } from 'vitest';
import { LruList } from './lru-list.ts';

describe('LruList', () => {
  test('pops the least recently touched first, growing past its first capacity', () => {
    const l = new LruList(2);
    for (const id of [0, 1, 2, 3, 1, 0, 5, 1]) l.touch(id);
    expect(l.size).toBe(5);
    expect(l.has(4)).toBe(false);
    expect(l.has(2)).toBe(true);
    // order of last touch: 2, 3, 0, 5, 1
    expect([l.popOldest(), l.popOldest(), l.popOldest(), l.popOldest(), l.popOldest(), l.popOldest()]).toEqual([2, 3, 0, 5, 1, -1]);
    expect(l.size).toBe(0);
    l.touch(7);
    expect(l.has(7)).toBe(true);
    expect(l.popOldest()).toBe(7);
  });
});
