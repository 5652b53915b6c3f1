// 64-bit time stamps in arbitrary units to exact (seconds, nanoseconds), without a BigInt per packet.
// pcapng if_tsresol (RFC-draft pcapng section 4.2): MSB 0 means 10^-n, MSB 1 means 2^-n units per second.

export interface TimeOut {
  sec: number;
  nsec: number;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** Units per second for an if_tsresol byte (2^127 and 10^127 are Infinity-free doubles, if absurd). */
export function unitsPerSecond(tsresol: number): number {
  const n = tsresol & 0x7f;
  return tsresol & 0x80 ? 2 ** n : 10 ** n;
}

/**
 * Converts the 64-bit count `hi * 2^32 + lo` of units (`tsresol` as in pcapng) to seconds and nanoseconds.
 * Fast paths: 10^n with n <= 9 and 2^n with n <= 32 are exact in doubles; anything else goes through BigInt.
 * Fractions of a nanosecond are truncated, as wiretap does.
 */
export function unitsToTime(hi: number, lo: number, tsresol: number, out: TimeOut): void {
  const n = tsresol & 0x7f;
  if (!(tsresol & 0x80) && n <= 9) {
    const u = POW10[n]!;
    // long division of (hi * 2^32 + lo) by u in 16-bit steps: every dividend stays below u * 2^16 <= 2^53, so
    // each quotient digit and the remainder are exact (one rounded division of the whole count is not: for
    // n <= 3 its error can reach a whole second once the seconds pass ~2^49)
    const q1 = Math.floor(hi / u);
    const a = (hi % u) * 65536 + (lo >>> 16);
    const q2 = Math.floor(a / u);
    const b = (a % u) * 65536 + (lo & 0xffff);
    const q3 = Math.floor(b / u);
    out.sec = q1 * 4294967296 + q2 * 65536 + q3;
    out.nsec = (b % u) * POW10[9 - n]!;
    return;
  }
  if (tsresol & 0x80 && n <= 32) {
    const per = 2 ** n;
    const r = lo % per; // lo is a non-negative 32-bit value, so this is exact
    out.sec = hi * 2 ** (32 - n) + Math.floor(lo / per);
    // r * 1e9 can pass 2^53 when n > 23
    out.nsec = n <= 23 ? Math.floor((r * 1e9) / per) : Number((BigInt(r) * 1_000_000_000n) >> BigInt(n));
    return;
  }
  const units = (BigInt(hi) << 32n) | BigInt(lo >>> 0);
  const per = tsresol & 0x80 ? 1n << BigInt(n) : 10n ** BigInt(n);
  out.sec = Number(units / per);
  out.nsec = Number(((units % per) * 1_000_000_000n) / per);
}
