// if_tsresol and time-stamp conversion, draft-ietf-opsawg-pcapng section 4.2 (option if_tsresol): "If the Most
// Significant Bit is equal to zero, the remaining bits indicates the resolution of the timestamp as a negative
// power of 10 (e.g. 6 means microsecond resolution ...). If the Most Significant Bit is equal to one, the
// remaining bits indicates the resolution as negative power of 2 (e.g. 10 means 1/1024 of second)."
// Section 4.3 (EPB): the time stamp is a 64-bit count of those units, split into an upper and a lower 32 bits.
// Expected values are computed here independently, in BigInt; fractions of a nanosecond are truncated (as
// wiretap does, and as tshark shows for fixtures/readers/tsresol-pow2.pcapng).

import { describe, expect, test } from 'vitest';
import { unitsPerSecond, unitsToTime, type TimeOut } from './ts-units.ts';

const NS = 1_000_000_000n;

/** Units per second for an if_tsresol byte, in BigInt. */
function perSecond(tsresol: number): bigint {
  const n = BigInt(tsresol & 0x7f);
  return tsresol & 0x80 ? 1n << n : 10n ** n;
}

function expected(units: bigint, tsresol: number): TimeOut {
  const per = perSecond(tsresol);
  return { sec: Number(units / per), nsec: Number(((units % per) * NS) / per) };
}

function convert(units: bigint, tsresol: number): TimeOut {
  const out: TimeOut = { sec: -1, nsec: -1 };
  unitsToTime(Number(units >> 32n), Number(units & 0xffffffffn), tsresol, out);
  return out;
}

/** mulberry32: a small seeded PRNG, so any failure reproduces. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** 64-bit unit counts: edges, real-looking times at this resolution, and random bit patterns of every width. */
function samples(tsresol: number, seed: number): bigint[] {
  const per = perSecond(tsresol);
  const r = prng(seed);
  const u32 = () => BigInt(r());
  const out: bigint[] = [0n, 1n, per - 1n, per, per + 1n, 0xffffffffn, 0x100000000n, 0xffffffffffffffffn];
  // 2012-06-29 (the pcapng test generator's packets), 2026 (the lab), 2106 (past u32 seconds), with fractions
  for (const sec of [1_340_954_905n, 1_795_652_783n, 4_294_967_296n]) {
    out.push(sec * per, sec * per + per - 1n, sec * per + per / 2n, sec * per + ((u32() << 32n) | u32()) % per);
  }
  for (let i = 0; i < 300; i++) {
    const bits = BigInt(1 + (r() % 64));
    out.push(((u32() << 32n) | u32()) & ((1n << bits) - 1n));
  }
  // a time stamp is 64 bits: at fine resolutions (10^-12, 2^-64) today's dates do not fit without if_tsoffset
  return out.filter((u) => u <= 0xffffffffffffffffn);
}

describe('unitsPerSecond (if_tsresol)', () => {
  test('the draft examples and the common values', () => {
    expect(unitsPerSecond(6)).toBe(1_000_000); // default when if_tsresol is absent
    expect(unitsPerSecond(9)).toBe(1_000_000_000);
    expect(unitsPerSecond(0)).toBe(1);
    expect(unitsPerSecond(0x80 | 10)).toBe(1024); // "10 means 1/1024 of second"
    expect(unitsPerSecond(0x94)).toBe(1_048_576);
    expect(unitsPerSecond(0xa0)).toBe(4_294_967_296);
    expect(unitsPerSecond(12)).toBe(1e12);
  });
});

describe('unitsToTime against BigInt arithmetic', () => {
  const resolutions: [string, number][] = [
    ['10^-6 (the default)', 6],
    ['10^-9', 9],
    ['10^-0 (whole seconds)', 0],
    ['10^-1', 1],
    ['10^-3', 3],
    ['10^-7 (Windows FILETIME ticks)', 7],
    ['2^-10 (the draft example)', 0x8a],
    ['2^-20', 0x94],
    ['2^-23 (last float path for the ns)', 0x97],
    ['2^-24 (first BigInt step for the ns)', 0x98],
    ['2^-30', 0x9e],
    ['2^-32', 0xa0],
    ['10^-10 (first general BigInt path)', 10],
    ['10^-12 (picoseconds)', 12],
    ['10^-15', 15],
    ['2^-33', 0xa1],
    ['2^-40', 0xa8],
    ['2^-64', 0xc0],
  ];
  for (const [name, tsresol] of resolutions) {
    test(`${name}: exact wherever the seconds fit in a double`, () => {
      const bad: string[] = [];
      let checked = 0;
      for (const units of samples(tsresol, tsresol + 1)) {
        const want = expected(units, tsresol);
        if (!Number.isSafeInteger(want.sec)) continue; // beyond 2^53 s (285 million years) no double is exact
        checked++;
        const got = convert(units, tsresol);
        if (got.sec !== want.sec || got.nsec !== want.nsec) bad.push(`units ${units}: got ${got.sec}.${got.nsec}, want ${want.sec}.${want.nsec}`);
      }
      expect(checked).toBeGreaterThan(200);
      expect(bad.slice(0, 5), `${bad.length} of ${checked} wrong`).toEqual([]);
    });
  }

  test('worked examples', () => {
    // 10^-6: 1340954905.298858 s, the pcapng test generator's first EPB
    expect(convert(1_340_954_905_298_858n, 6)).toEqual({ sec: 1_340_954_905, nsec: 298_858_000 });
    // 10^-9: the same instant in ns (test008 writes its ns count without scaling: 1970-01-16 12:29:14.905298858)
    expect(convert(1_340_954_905_298_858n, 9)).toEqual({ sec: 1_340_954, nsec: 905_298_858 });
    // 2^-20: floor(0.065 * 2^20) = 68157 units = 0.06499958038330078125 s -> 64999580 ns (truncated, not 64999580.38)
    expect(convert((1_795_652_783n << 20n) + 68_157n, 0x94)).toEqual({ sec: 1_795_652_783, nsec: 64_999_580 });
    // 2^-20: one unit is 953.67431640625 ns: truncated to 953, not rounded to 954
    expect(convert(1n, 0x94)).toEqual({ sec: 0, nsec: 953 });
    // 2^-32: 0xffffffff units = 0.99999999976716935634613037109375 s -> 999999999 ns
    expect(convert(0xffffffffn, 0xa0)).toEqual({ sec: 0, nsec: 999_999_999 });
    // 2^-32: the upper word is whole seconds
    expect(convert((1_795_652_783n << 32n) | 0x80000000n, 0xa0)).toEqual({ sec: 1_795_652_783, nsec: 500_000_000 });
    // 10^-12: 64 bits of picoseconds reach only 18446744.073709551615 s (213 days): the last 615 ps are dropped
    expect(convert(0xffffffffffffffffn, 12)).toEqual({ sec: 18_446_744, nsec: 73_709_551 });
    // 10^-12: 1.5 s and 1 ps -> 1.500000000
    expect(convert(1_500_000_000_001n, 12)).toEqual({ sec: 1, nsec: 500_000_000 });
    // 10^-1 with the seconds near 2^52: exact to the second (one rounded division of the whole count was off by one)
    expect(convert(44_096_346_378_272_664n, 1)).toEqual({ sec: 4_409_634_637_827_266, nsec: 400_000_000 });
    expect(convert(85_554_629_234_094_730n, 1)).toEqual({ sec: 8_555_462_923_409_473, nsec: 0 });
    // 10^-3, the largest count whose seconds still fit a double exactly: 2^53 - 1 s and 999 ms
    expect(convert(9_007_199_254_740_991_999n, 3)).toEqual({ sec: 9_007_199_254_740_991, nsec: 999_000_000 });
    // 2^-64: every 64-bit count is under a second; 2^63 units are half of one
    expect(convert(1n << 63n, 0xc0)).toEqual({ sec: 0, nsec: 500_000_000 });
  });
});
