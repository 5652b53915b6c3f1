// 64-bit time stamps in arbitrary units to exact (seconds, nanoseconds), without a BigInt per packet.
// pcapng if_tsresol (RFC-draft pcapng section 4.2): MSB 0 means 10^-n, MSB 1 means 2^-n units per second.

export interface TimeOut {
  sec: number;
  nsec: number;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** Units per second for an if_tsresol byte; NaN when it cannot be represented. */
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
    // remainder of (hi * 2^32 + lo) mod u, exactly: every product stays below 2^53
    let r = hi % u;
    r = (r * 65536) % u;
    r = (r * 65536) % u;
    r = (r + lo) % u;
    // the quotient is an integer; the numerator's rounding error is far below u/2, so rounding is exact
    out.sec = Math.round((hi * 4294967296 - r + lo) / u);
    out.nsec = r * POW10[9 - n]!;
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
