// The fragment reassembler's bounds (base/limits.ts) against streams of fragments that never complete.

import { describe, expect, test } from 'vitest';
import { LimitHits } from '../base/limits.ts';
import { FragmentReassembler } from './ip-fragments.ts';

describe('FragmentReassembler bounds', () => {
  const piece = new Uint8Array(1480);

  test('datagrams waiting and bytes held stay under their bounds; a datagram completes as before', () => {
    const hits = new LimitHits();
    const r = new FragmentReassembler(hits, { fragmentDatagrams: 16, fragmentBytes: 8 * 1480 });
    for (let i = 0; i < 10_000; i++) {
      r.add(`d${i}`, i + 1, 0, true, piece, piece.length);
      expect(r.size).toBeLessThanOrEqual(16);
      expect(r.heldBytes).toBeLessThanOrEqual(8 * 1480);
    }
    expect(hits.count('limit.ip.fragment.bytes')).toBe(10_000 - 8);
    // the bytes bound (8 datagrams) bites before the count bound (16)
    expect(hits.count('limit.ip.fragments')).toBe(0);
    // a datagram in two fragments (RFC 791: offsets in units of 8 octets) is rebuilt whole
    expect(r.add('x', 1, 0, true, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), 8)).toBeNull();
    expect(Array.from(r.add('x', 2, 8, false, Uint8Array.of(9), 1)!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('repeats of one fragment cannot pile up (nor cost a sort of thousands each)', () => {
    const hits = new LimitHits();
    const r = new FragmentReassembler(hits, { fragmentsPerDatagram: 8 });
    r.add('d', 1, 1480, false, piece, piece.length); // the last fragment first: the length is known
    for (let i = 0; i < 10_000; i++) r.add('d', i + 2, 0, true, piece.subarray(0, 8), 8);
    expect(r.heldBytes).toBe(0); // given up: its bytes freed
    expect(hits.count('limit.ip.fragment.count')).toBe(1);
  });
});
