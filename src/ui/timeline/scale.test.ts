import { describe, expect, it } from 'vitest';
import { centreOn, clampDomain, fullDomain, MIN_SPAN, panDomain, sameDomain, timeScale, zoomDomain } from './scale.ts';

const LIMITS = { t0: 0, t1: 30 };

describe('timeScale', () => {
  it('maps the domain onto the pixel range and back', () => {
    const s = timeScale({ t0: 0, t1: 30 }, 300, 1200);
    expect(s.x(0)).toBe(300);
    expect(s.x(30)).toBe(1200);
    expect(s.x(15)).toBe(750);
    expect(s.t(750)).toBeCloseTo(15, 12);
    for (const t of [0.001, 3.117779, 29.738805]) expect(s.t(s.x(t))).toBeCloseTo(t, 9);
  });
});

describe('fullDomain', () => {
  it('pads the capture on both sides', () => {
    const d = fullDomain(30.917884);
    expect(d.t0).toBeLessThan(0);
    expect(d.t1).toBeGreaterThan(30.917884);
  });
  it('survives a capture without duration', () => {
    const d = fullDomain(0);
    expect(d.t1).toBeGreaterThan(d.t0);
  });
});

describe('zoomDomain', () => {
  it('keeps the anchor time at the same pixel', () => {
    const d = { t0: 0, t1: 30 };
    const z = zoomDomain(d, 4, 3.118, LIMITS);
    expect(z.t1 - z.t0).toBeCloseTo(7.5, 9);
    const before = timeScale(d, 0, 1000).x(3.118);
    const after = timeScale(z, 0, 1000).x(3.118);
    expect(after).toBeCloseTo(before, 6);
  });
  it('stops at the narrowest span and at the limits', () => {
    let d = { t0: 0, t1: 30 };
    for (let i = 0; i < 100; i++) d = zoomDomain(d, 3, 3.1178, LIMITS);
    expect(d.t1 - d.t0).toBeCloseTo(MIN_SPAN, 12);
    expect(d.t0).toBeLessThanOrEqual(3.1178);
    expect(d.t1).toBeGreaterThanOrEqual(3.1178);
    for (let i = 0; i < 100; i++) d = zoomDomain(d, 1 / 3, 1, LIMITS);
    expect(d).toEqual(LIMITS);
  });
  it('clamps an anchor outside the window into it', () => {
    const z = zoomDomain({ t0: 10, t1: 20 }, 2, 100, LIMITS);
    expect(z).toEqual({ t0: 15, t1: 20 });
  });
});

describe('panDomain and clampDomain', () => {
  it('moves the window and stops at the edges', () => {
    expect(panDomain({ t0: 10, t1: 20 }, 5, LIMITS)).toEqual({ t0: 15, t1: 25 });
    expect(panDomain({ t0: 10, t1: 20 }, 50, LIMITS)).toEqual({ t0: 20, t1: 30 });
    expect(panDomain({ t0: 10, t1: 20 }, -50, LIMITS)).toEqual({ t0: 0, t1: 10 });
  });
  it('returns the limits for a wider window', () => {
    expect(clampDomain({ t0: -5, t1: 40 }, LIMITS)).toEqual(LIMITS);
  });
});

describe('centreOn', () => {
  it('centres without changing the width', () => {
    expect(centreOn({ t0: 0, t1: 4 }, 10, LIMITS)).toEqual({ t0: 8, t1: 12 });
    expect(centreOn({ t0: 0, t1: 4 }, 29.9, LIMITS)).toEqual({ t0: 26, t1: 30 });
  });
  it('compares windows', () => {
    expect(sameDomain({ t0: 1, t1: 2 }, { t0: 1, t1: 2 })).toBe(true);
    expect(sameDomain({ t0: 1, t1: 2 }, { t0: 1, t1: 3 })).toBe(false);
  });
});
