// Domain names and compression (RFC 1035 sections 3.1, 2.3.4 and 4.1.4): well-formed names, and every way a
// hostile message can try to make a name reader loop, read out of bounds or grow without limit.

import { describe, expect, test } from 'vitest';
import { MAX_POINTER_JUMPS, ROOT_NAME, dnsNameKey, labelText, readDnsName } from './dns-name.ts';

/** Wire form of labels: ['www', 'example', 'com'] -> 3www7example3com0 (without the root when `root` is false). */
function wire(labels: string[], root = true): number[] {
  const out: number[] = [];
  for (const l of labels) out.push(l.length, ...[...l].map((c) => c.charCodeAt(0)));
  if (root) out.push(0);
  return out;
}
const buf = (...parts: number[][]) => Uint8Array.from(parts.flat());

describe('well-formed names', () => {
  test('plain labels, the root and the offset after the name', () => {
    const b = buf([0xaa], wire(['login', 'microsoftonline', 'com']), [0xbb]);
    expect(readDnsName(b, 0, b.length, 1)).toMatchObject({ name: 'login.microsoftonline.com', next: b.length - 1, octets: 27, problem: null });
    expect(readDnsName(Uint8Array.of(0), 0, 1, 0)).toMatchObject({ name: ROOT_NAME, next: 1, octets: 1, problem: null });
  });

  test('a compression pointer: next is just after the pointer, the name continues where it points', () => {
    // offset 0: 3com0; offset 5: 9microsoft + pointer to 0
    const b = buf(wire(['com']), wire(['microsoft'], false), [0xc0, 0x00], [0x99]);
    expect(readDnsName(b, 0, b.length, 5)).toMatchObject({ name: 'microsoft.com', next: 17, problem: null });
  });

  test('pointers count from the start of the message, not of the buffer', () => {
    const b = buf([0xff, 0xff], wire(['corp', 'example']), wire(['proxy'], false), [0xc0, 0x00]);
    expect(readDnsName(b, 2, b.length, 16).name).toBe('proxy.corp.example');
  });

  test('a label of exactly 63 octets is allowed (RFC 1035 section 2.3.4)', () => {
    const b = buf(wire(['a'.repeat(63), 'com']));
    expect(readDnsName(b, 0, b.length, 0)).toMatchObject({ name: 'a'.repeat(63) + '.com', problem: null });
  });

  test('a name of exactly 255 octets is allowed', () => {
    // 3 labels of 63 + 1 label of 61: (64*3) + 62 + 1 (root) = 255
    const labels = ['a'.repeat(63), 'b'.repeat(63), 'c'.repeat(63), 'd'.repeat(61)];
    const b = buf(wire(labels));
    expect(readDnsName(b, 0, b.length, 0)).toMatchObject({ octets: 255, problem: null });
  });

  test('presentation form escapes dots, backslashes and unprintable octets (RFC 1035 section 5.1)', () => {
    expect(labelText(Uint8Array.of(0x61, 0x2e, 0x5c, 0x20, 0x00, 0xff), 0, 6)).toBe('a\\.\\\\\\032\\000\\255');
    expect(dnsNameKey('Login.MicrosoftOnline.COM.')).toBe('login.microsoftonline.com');
  });
});

describe('hostile names never loop, overrun or throw', () => {
  test('a pointer to itself', () => {
    const b = Uint8Array.of(0xc0, 0x00);
    const n = readDnsName(b, 0, b.length, 0);
    expect(n.problem).toMatch(/compression loop/);
    expect(n.problemKind).toBe('malformed');
    expect(n.next).toBe(2);
  });

  test('two pointers pointing at each other, behind a label', () => {
    const b = buf(wire(['x'], false), [0xc0, 0x04], [0xc0, 0x02]);
    expect(readDnsName(b, 0, b.length, 0).problem).toMatch(/compression loop/);
  });

  test('a loop through labels stops at the 255-octet limit or the jump limit', () => {
    // 1a + pointer back to 0: a.a.a.a... grows 2 octets per jump
    const b = buf(wire(['a'], false), [0xc0, 0x00]);
    const n = readDnsName(b, 0, b.length, 0);
    expect(n.problem).toMatch(/longer than 255 octets/);
    expect(n.octets).toBeLessThanOrEqual(257);
  });

  test(`at most ${MAX_POINTER_JUMPS} jumps are followed, even along a chain that does not loop`, () => {
    // offset 2k holds a pointer to 2k+2; the last holds the root: 200 pointers, no label
    const b = new Uint8Array(402);
    for (let k = 0; k < 200; k++) {
      b[2 * k] = 0xc0 | ((2 * k + 2) >> 8);
      b[2 * k + 1] = (2 * k + 2) & 0xff;
    }
    expect(readDnsName(b, 0, b.length, 0).problem).toMatch(/compression loop/);
    expect(readDnsName(b, 0, b.length, 2 * (200 - MAX_POINTER_JUMPS)).problem).toBeNull(); // exactly the limit
  });

  test('a pointer past the end of the message', () => {
    const b = buf(wire(['www'], false), [0xc0, 0x40]);
    const n = readDnsName(b, 0, b.length, 0);
    expect(n.problem).toMatch(/pointer to offset 64, past the end/);
    expect(n.name).toBe('www');
  });

  test('a pointer into bytes of the buffer that lie after the message end is refused', () => {
    const b = buf(wire(['www'], false), [0xc0, 0x07], [0]);
    expect(readDnsName(b, 0, 6, 0).problem).toMatch(/past the end/);
  });

  test('a pointer cut in half', () => {
    const b = buf(wire(['www'], false), [0xc0]);
    expect(readDnsName(b, 0, b.length, 0)).toMatchObject({ problemKind: 'truncated', problem: 'compression pointer cut short' });
  });

  test('a label length of 64 (type bits 01) and of 128 (10) are refused', () => {
    for (const len of [64, 0x80 | 5]) {
      const b = buf([len], new Array(70).fill(0x61), [0]);
      const n = readDnsName(b, 0, b.length, 0);
      expect(n.problem).toMatch(/labels are at most 63 octets/);
      expect(n.problemKind).toBe('malformed');
    }
  });

  test('a name over 255 octets without any pointer', () => {
    const b = buf(wire(new Array(5).fill('z'.repeat(60))));
    const n = readDnsName(b, 0, b.length, 0);
    expect(n.problem).toBe('name longer than 255 octets');
    expect(n.name.split('.').length).toBe(4); // the labels that fit
  });

  test('a label running past the end, and no root at all', () => {
    const b = buf([10, 0x61, 0x62]);
    expect(readDnsName(b, 0, b.length, 0)).toMatchObject({ problemKind: 'truncated', problem: 'label runs past the end of the message' });
    const c = buf(wire(['abc'], false));
    expect(readDnsName(c, 0, c.length, 0)).toMatchObject({ problemKind: 'truncated', name: 'abc', next: 4 });
    expect(readDnsName(c, 0, c.length, 9).problem).toMatch(/past the end/);
  });
});
