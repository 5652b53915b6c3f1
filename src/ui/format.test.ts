import { describe, expect, it } from 'vitest';
import { formatCount } from './format.ts';

describe('formatCount', () => {
  it('writes a count as toLocaleString("en-US") does', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 999_999, 1_333_577, 123_456_789_012, -1234, 2.5]) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
  });
});
