// The timeline's one shared time axis: seconds from the capture start mapped linearly onto pixels, and the
// zoom/pan arithmetic on the visible window (pure, so the interaction rules are unit-tested).

/** A window of time in seconds from the capture start, t0 < t1. */
export interface Domain {
  t0: number;
  t1: number;
}

export interface TimeScale {
  domain: Domain;
  /** Pixel range of the plot, x0 < x1. */
  x0: number;
  x1: number;
  x(t: number): number;
  t(x: number): number;
}

/** The narrowest window the timeline zooms to: 20 µs separates a SYN from its SYN/ACK on a LAN. */
export const MIN_SPAN = 20e-6;

export function timeScale(domain: Domain, x0: number, x1: number): TimeScale {
  const span = domain.t1 - domain.t0 || 1;
  const width = x1 - x0 || 1;
  const k = width / span;
  return {
    domain,
    x0,
    x1,
    x: (t) => x0 + (t - domain.t0) * k,
    t: (x) => domain.t0 + (x - x0) / k,
  };
}

/** The whole capture with a margin on both sides, so marks at the first and last frame are not on the edge. */
export function fullDomain(end: number, margin = 0.02): Domain {
  const e = Number.isFinite(end) && end > 0 ? end : 1;
  const pad = Math.max(e * margin, MIN_SPAN);
  return { t0: -pad, t1: e + pad };
}

/** Keeps a window inside the limits: shifted back in, or the limits themselves when it is wider. */
export function clampDomain(d: Domain, limits: Domain): Domain {
  const span = d.t1 - d.t0;
  const max = limits.t1 - limits.t0;
  if (span >= max) return { ...limits };
  if (d.t0 < limits.t0) return { t0: limits.t0, t1: limits.t0 + span };
  if (d.t1 > limits.t1) return { t0: limits.t1 - span, t1: limits.t1 };
  return d;
}

/** Zooms by `factor` (> 1 zooms in) keeping the time `anchor` at the same pixel. */
export function zoomDomain(d: Domain, factor: number, anchor: number, limits: Domain): Domain {
  const span = d.t1 - d.t0;
  const max = limits.t1 - limits.t0;
  const next = Math.min(max, Math.max(MIN_SPAN, span / factor));
  const a = Math.min(d.t1, Math.max(d.t0, anchor));
  const f = (a - d.t0) / span;
  return clampDomain({ t0: a - f * next, t1: a - f * next + next }, limits);
}

/** Moves the window by `dt` seconds (positive: later), stopping at the limits. */
export function panDomain(d: Domain, dt: number, limits: Domain): Domain {
  return clampDomain({ t0: d.t0 + dt, t1: d.t1 + dt }, limits);
}

/** Centres the window on `t` without changing its width. */
export function centreOn(d: Domain, t: number, limits: Domain): Domain {
  const half = (d.t1 - d.t0) / 2;
  return clampDomain({ t0: t - half, t1: t + half }, limits);
}

export function sameDomain(a: Domain, b: Domain): boolean {
  return a.t0 === b.t0 && a.t1 === b.t1;
}
