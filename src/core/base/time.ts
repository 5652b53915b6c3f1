// Capture time stamps, exact to the nanosecond over any span (ARCHITECTURE.md "Time"): whole seconds and
// nanoseconds are kept apart and never folded into one float.

const NS_PER_S = 1_000_000_000;

function pad9(n: number): string {
  const s = String(n);
  return s.length >= 9 ? s : '000000000'.slice(s.length) + s;
}

/** Seconds since the epoch as tshark prints `frame.time_epoch`: a decimal with exactly 9 fractional digits. */
export function formatEpoch(sec: number, nsec: number): string {
  if (sec < 0 && nsec > 0) {
    // -2 s + 0.5 s = -1.5 s
    return '-' + String(-(sec + 1)) + '.' + pad9(NS_PER_S - nsec);
  }
  return String(sec) + '.' + pad9(nsec);
}

/** ISO 8601 UTC with nanoseconds, e.g. `2008-08-01T22:52:17.872968000Z`. */
export function formatIso(sec: number, nsec: number): string {
  const ms = sec * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return formatEpoch(sec, nsec) + ' (out of calendar range)';
  const iso = new Date(sec * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z (or ±YYYYYY for far dates)
  return iso.slice(0, iso.lastIndexOf('.')) + '.' + pad9(nsec) + 'Z';
}

/** `b - a` in seconds as a number (for display and intervals; exact enough for any realistic span). */
export function diffSeconds(aSec: number, aNsec: number, bSec: number, bNsec: number): number {
  return (bSec - aSec) + (bNsec - aNsec) / NS_PER_S;
}

/** Compare two time stamps: negative, zero or positive. */
export function compareTime(aSec: number, aNsec: number, bSec: number, bNsec: number): number {
  return aSec !== bSec ? aSec - bSec : aNsec - bNsec;
}
