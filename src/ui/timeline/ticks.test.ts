import { describe, expect, it } from 'vitest';
import { formatDuration, formatRange, formatTime, niceStep, stepDecimals, timeTicks } from './ticks.ts';

describe('niceStep', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(3)).toBe(5);
    expect(niceStep(5)).toBe(5);
    expect(niceStep(0.3)).toBeCloseTo(0.5, 12);
    expect(niceStep(1.1)).toBe(2);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(0.00012)).toBeCloseTo(0.0002, 12);
    expect(niceStep(0)).toBe(1);
    expect(niceStep(Number.NaN)).toBe(1);
  });
  it('knows how many decimals a step needs', () => {
    expect(stepDecimals(5)).toBe(0);
    expect(stepDecimals(0.5)).toBe(1);
    expect(stepDecimals(0.05)).toBe(2);
    expect(stepDecimals(0.0002)).toBe(4);
  });
});

describe('timeTicks', () => {
  it('labels whole seconds over a capture of half a minute', () => {
    const ticks = timeTicks({ t0: -0.6, t1: 31.5 }, 900);
    expect(ticks.map((t) => t.label)).toEqual(['0 s', '5 s', '10 s', '15 s', '20 s', '25 s', '30 s']);
  });
  it('keeps ticks at least the minimum spacing apart', () => {
    for (const [t0, t1, w] of [
      [0, 30, 900],
      [3.1177, 3.1217, 910],
      [3.11, 3.13, 300],
      [0, 3600, 1200],
    ] as const) {
      const ticks = timeTicks({ t0, t1 }, w, 90);
      expect(ticks.length).toBeGreaterThan(1);
      const px = ((ticks[1]!.t - ticks[0]!.t) * w) / (t1 - t0);
      expect(px).toBeGreaterThanOrEqual(90 - 1e-6);
      for (const t of ticks) expect(t.t).toBeGreaterThanOrEqual(t0 - 1e-9);
    }
  });
  it('gives sub-millisecond ticks enough decimals and no negative times', () => {
    const ticks = timeTicks({ t0: 3.1177, t1: 3.1217 }, 910);
    expect(ticks[0]!.label).toBe('3.1180 s');
    expect(timeTicks({ t0: -2, t1: 2 }, 400).every((t) => t.t >= 0)).toBe(true);
  });
  it('returns nothing for an empty window', () => {
    expect(timeTicks({ t0: 1, t1: 1 }, 500)).toEqual([]);
    expect(timeTicks({ t0: 0, t1: 1 }, 0)).toEqual([]);
  });
});

describe('formats', () => {
  it('formats intervals as the field report does', () => {
    expect(formatDuration(0.204468)).toBe('204 ms');
    expect(formatDuration(0.419998)).toBe('420 ms');
    expect(formatDuration(1.663992)).toBe('1.66 s');
    expect(formatDuration(13.311963)).toBe('13.3 s');
    expect(formatDuration(5.004456)).toBe('5 s');
    expect(formatDuration(72e-6)).toBe('72 µs');
    expect(formatDuration(0.0042)).toBe('4.2 ms');
    expect(formatDuration(0.9999)).toBe('1 s');
    expect(formatDuration(125.4)).toBe('125 s');
    expect(formatDuration(-0.2)).toBe('-200 ms');
  });
  it('formats times to the microsecond and windows to their precision', () => {
    expect(formatTime(3.117779)).toBe('3.117779 s');
    expect(formatRange({ t0: -0.6, t1: 31.5 })).toBe('0 s to 32 s');
    expect(formatRange({ t0: 3.1177, t1: 3.1217 })).toBe('3.1177 s to 3.1217 s');
  });
});
