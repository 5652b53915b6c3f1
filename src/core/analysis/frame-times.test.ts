// Per-frame times in blocks (frame-times.ts): every value back, across block boundaries, NaN outside.

import { expect, test } from 'vitest';
import { FrameTimes } from './frame-times.ts';

test('values are kept exactly across blocks of 65,536 frames; NaN outside the range', () => {
  const t = new FrameTimes();
  const n = 3 * 65_536 + 17;
  const at = (i: number) => 1_710_234_000 + i / 1e6 + (i % 7) * 1e-9;
  for (let i = 0; i < n; i++) t.push(at(i));
  expect(t.length).toBe(n);
  for (const i of [0, 1, 65_535, 65_536, 65_537, 131_071, 131_072, n - 1]) expect(t.get(i)).toBe(at(i));
  for (const i of [-1, n, n + 65_536, 0.5, Number.NaN]) expect(t.get(i)).toBeNaN();
  t.push(Number.NaN); // a frame without a time stamp
  expect(t.get(n)).toBeNaN();
});
