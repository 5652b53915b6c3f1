// Tick marks for the time axis (1, 2, 5 × 10^k seconds, as many as fit) and the time formats the timeline
// shows: tick labels, exact times in the tooltip, and intervals ("+204 ms").

import type { Domain } from './scale.ts';

export interface Tick {
  t: number;
  label: string;
}

/** The smallest step of 1, 2 or 5 × 10^k that is at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) {
    if (m * p >= raw * (1 - 1e-9)) return m * p;
  }
  return 10 * p;
}

/** Decimals that tell ticks `step` apart. */
export function stepDecimals(step: number): number {
  return Math.min(9, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
}

/** Ticks at least `minSpacing` pixels apart over a plot `width` pixels wide; none before the capture start. */
export function timeTicks(d: Domain, width: number, minSpacing = 90): Tick[] {
  const span = d.t1 - d.t0;
  if (!(span > 0) || !(width > 0)) return [];
  const step = niceStep((span * minSpacing) / width);
  const dec = stepDecimals(step);
  const out: Tick[] = [];
  const first = Math.ceil(Math.max(d.t0, 0) / step - 1e-9);
  const last = Math.floor(d.t1 / step + 1e-9);
  for (let k = first; k <= last && out.length < 1000; k++) {
    const t = k * step;
    out.push({ t, label: `${t.toFixed(dec)} s` });
  }
  return out;
}

/** A time in the tooltip: seconds from the capture start to the microsecond. */
export function formatTime(t: number): string {
  return `${t.toFixed(6)} s`;
}

/** A duration with three significant digits at most: 72 µs, 4.2 ms, 204 ms, 1.66 s, 13.3 s, 125 s. */
export function formatDuration(s: number): string {
  const a = Math.abs(s);
  const sign = s < 0 ? '-' : '';
  if (a < 1e-3) return `${sign}${Math.round(a * 1e6)} µs`;
  if (a < 0.01) return `${sign}${trim((a * 1e3).toFixed(1))} ms`;
  if (a < 1 - 5e-4) return `${sign}${Math.round(a * 1e3)} ms`;
  if (a < 10) return `${sign}${trim(a.toFixed(2))} s`;
  if (a < 100) return `${sign}${trim(a.toFixed(1))} s`;
  return `${sign}${Math.round(a)} s`;
}

function trim(n: string): string {
  return n.includes('.') ? n.replace(/\.?0+$/, '') : n;
}

/** The visible window as text: "3.1 s to 18.5 s", with as many decimals as its width needs. */
export function formatRange(d: Domain): string {
  const dec = stepDecimals(niceStep((d.t1 - d.t0) / 20));
  return `${Math.max(0, d.t0).toFixed(dec)} s to ${d.t1.toFixed(dec)} s`;
}
