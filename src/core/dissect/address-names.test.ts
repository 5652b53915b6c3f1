// Packet.src()/dst() hand out shared address texts (address-names.ts): the same text as base/address.ts
// formats, one string per address.

import { describe, expect, test } from 'vitest';
import { formatIpv4, formatIpv6 } from '../base/address.ts';
import { AddressNames } from './address-names.ts';

describe('AddressNames', () => {
  test('IPv4 and IPv6 texts as formatIpv4 / formatIpv6 give them, at any offset', () => {
    const names = new AddressNames();
    const cases = [
      [0, 0, 0, 0], [255, 255, 255, 255], [10, 0, 0, 1], [198, 51, 100, 167], [1, 2, 3, 4],
    ];
    for (const c of cases) {
      const b = Uint8Array.from([9, 9, ...c]);
      expect(names.ipv4(b, 2)).toBe(formatIpv4(b, 2));
    }
    const v6 = [
      '20010db8000000000000000000000001', '00000000000000000000000000000000', '00000000000000000000ffff0a000001',
      'fe800000000000000202b3fffe1e8329', '20010db8000100000001000000000001', 'ff020000000000000000000000010003',
    ];
    for (const hex of v6) {
      const b = Uint8Array.from([7, ...hex.match(/../g)!.map((h) => parseInt(h, 16))]);
      expect(names.ipv6(b, 1)).toBe(formatIpv6(b, 1));
    }
  });

  test('one string per address, whatever buffer it is read from', () => {
    const names = new AddressNames();
    const a = names.ipv4(Uint8Array.from([192, 0, 2, 10]), 0);
    expect(names.ipv4(Uint8Array.from([1, 192, 0, 2, 10]), 1)).toBe(a);
    expect(names.ipv4(Uint8Array.from([192, 0, 2, 11]), 0)).not.toBe(a);
    const six = Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(names.ipv6(six.slice(), 0)).toBe(names.ipv6(six, 0));
  });
});
