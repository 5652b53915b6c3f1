// The endpoint-pair table under TCP stream numbering and UDP conversations (flow-table.ts): both directions
// find one entry, IPv4 and IPv6 never meet, values survive growth, and srcIsLow tells the two ends apart.

import { describe, expect, test } from 'vitest';
import { Packet } from '../dissect/packet.ts';
import { FlowTable } from './flow-table.ts';

function v4(src: number, sp: number, dst: number, dp: number): Packet {
  const p = new Packet();
  p.ipVersion = 4;
  p.ipv4Src = src >>> 0;
  p.ipv4Dst = dst >>> 0;
  p.srcPort = sp;
  p.dstPort = dp;
  return p;
}

function v6(src: number[], sp: number, dst: number[], dp: number): Packet {
  const p = new Packet();
  p.ipVersion = 6;
  p.ipBuf = Uint8Array.from([...src, ...dst]);
  p.ipSrcAt = 0;
  p.ipDstAt = 16;
  p.srcPort = sp;
  p.dstPort = dp;
  return p;
}

const addr6 = (last: number) => [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (last >> 8) & 0xff, last & 0xff];

describe('FlowTable', () => {
  test('one entry for both directions; srcIsLow differs between them', () => {
    const t = new FlowTable(4);
    expect(t.find(v4(0x0a000001, 40000, 0x0a000002, 443))).toBe(-1);
    const lowFirst = t.srcIsLow;
    t.set(7);
    expect(t.find(v4(0x0a000002, 443, 0x0a000001, 40000))).toBe(7);
    expect(t.srcIsLow).toBe(!lowFirst);
    expect(t.find(v4(0x0a000001, 40000, 0x0a000002, 443))).toBe(7);
    expect(t.srcIsLow).toBe(lowFirst);
    expect(t.find(v4(0x0a000001, 40001, 0x0a000002, 443))).toBe(-1);
    expect(t.size).toBe(1);
  });

  test('set() after a find of a known pair replaces its value (a new conversation on reused ports)', () => {
    const t = new FlowTable();
    t.find(v4(1, 2, 3, 4));
    t.set(0);
    expect(t.find(v4(3, 4, 1, 2))).toBe(0);
    t.set(5);
    expect(t.find(v4(1, 2, 3, 4))).toBe(5);
    expect(t.size).toBe(1);
  });

  test('the same address and port at both ends: srcIsLow is true both ways', () => {
    const t = new FlowTable();
    t.find(v4(0x7f000001, 5000, 0x7f000001, 5000));
    expect(t.srcIsLow).toBe(true);
    t.set(1);
    expect(t.find(v4(0x7f000001, 5000, 0x7f000001, 5000))).toBe(1);
    expect(t.srcIsLow).toBe(true);
    // same address, the ports tell the ends apart
    t.find(v4(0x7f000001, 6000, 0x7f000001, 5000));
    expect(t.srcIsLow).toBe(false);
  });

  test('IPv6 pairs, ordered by address then port; an IPv4 pair with the same numbers is another key', () => {
    const t = new FlowTable();
    expect(t.find(v6(addr6(2), 443, addr6(1), 50000))).toBe(-1);
    expect(t.srcIsLow).toBe(false);
    t.set(3);
    expect(t.find(v6(addr6(1), 50000, addr6(2), 443))).toBe(3);
    expect(t.srcIsLow).toBe(true);
    expect(t.find(v6(addr6(1), 50000, addr6(3), 443))).toBe(-1);
    expect(t.find(v4(0, 50000, 0, 443))).toBe(-1);
    const mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1];
    t.find(v6(mapped, 1, addr6(1), 2));
    t.set(4);
    expect(t.find(v4(0x0a000001, 1, 0x20010db8, 2))).toBe(-1);
  });

  test('thousands of pairs: every value found again, from either end, after the table grew', () => {
    const t = new FlowTable(2);
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const p = i % 5 === 0 ? v6(addr6(i), 1000 + (i % 7), addr6(i + 1), 53) : v4(0x0a000000 + i, 1024 + (i % 60000), 0xc0000201 + (i % 3), 443);
      expect(t.find(p)).toBe(-1);
      t.set(i);
    }
    expect(t.size).toBe(n);
    for (let i = 0; i < n; i++) {
      const p = i % 5 === 0 ? v6(addr6(i + 1), 53, addr6(i), 1000 + (i % 7)) : v4(0xc0000201 + (i % 3), 443, 0x0a000000 + i, 1024 + (i % 60000));
      expect(t.find(p)).toBe(i);
    }
  });
});
