import { describe, expect, test } from 'vitest';
import { BUDGET, FIRST_MS, MIN_INTERVAL_MS, ProvisionalSchedule } from './provisional-schedule.ts';

/** A clock the test moves by hand. */
function clock() {
  let t = 1000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('ProvisionalSchedule', () => {
  test('the first report is due half a second after the start, then after 1 s, 2 s, 4 s', () => {
    const c = clock();
    const s = new ProvisionalSchedule(c.now);
    c.advance(FIRST_MS - 1);
    expect(s.due()).toBe(false);
    c.advance(1);
    expect(s.due()).toBe(true);
    c.advance(2); // a cheap report
    s.done();
    for (const gap of [MIN_INTERVAL_MS, 2 * MIN_INTERVAL_MS, 4 * MIN_INTERVAL_MS]) {
      c.advance(gap - 1);
      expect(s.due()).toBe(false);
      c.advance(1);
      expect(s.due()).toBe(true);
      s.done();
    }
  });

  test('expensive reports come rarer, so that they take at most 5% of the read', () => {
    const c = clock();
    const s = new ProvisionalSchedule(c.now);
    let reading = 0;
    // reports growing with the file: 10 ms, 20 ms, ... each; the read goes on in 10 ms chunks
    for (let chunk = 0; chunk < 20_000; chunk++) {
      c.advance(10);
      reading += 10;
      if (s.due()) {
        c.advance(10 * (s.reports + 1));
        s.done();
      }
    }
    expect(s.reports).toBeGreaterThan(4);
    expect(s.ms / (reading + s.ms)).toBeLessThanOrEqual(BUDGET);
  });
});
