// Address literals (RFC 4291 section 2.2 text forms, dotted quads, CIDR) and the capture's address table.

import { describe, expect, test } from 'vitest';
import { AddressTable, addressKey, addressText, networkKeys, parseAddressLiteral } from './address.ts';

const ok = (text: string, version: 4 | 6) => {
  const a = parseAddressLiteral(text, version);
  if (typeof a === 'string') throw new Error(a);
  return `${addressText(a)}/${a.prefix}`;
};

describe('parseAddressLiteral', () => {
  test.each([
    ['10.61.10.10', 4, '10.61.10.10/32'],
    ['10.0.0.0/8', 4, '10.0.0.0/8'],
    ['10.61.10.10/24', 4, '10.61.10.0/24'], // masked, as Wireshark compares a network
    ['0.0.0.0/0', 4, '0.0.0.0/0'],
    ['255.255.255.255', 4, '255.255.255.255/32'],
    ['::', 6, '::/128'],
    ['::1', 6, '::1/128'],
    ['fe80::/10', 6, 'fe80::/10'],
    ['FE80:0:0:0:0:0:0:1', 6, 'fe80::1/128'],
    ['2001:db8::5', 6, '2001:db8::5/128'],
    ['2001:db8:0:0:1:0:0:1', 6, '2001:db8::1:0:0:1/128'],
    ['::ffff:10.0.0.1', 6, '::ffff:10.0.0.1/128'],
    ['64:ff9b::192.0.2.33', 6, '64:ff9b::c000:221/128'],
    ['2001:db8::1/64', 6, '2001:db8::/64'],
  ] as const)('%s (IPv%d) is %s', (text, version, want) => {
    expect(ok(text, version)).toBe(want);
  });

  test.each([
    ['10.0.0', 4],
    ['10.0.0.256', 4],
    ['10.0.0.1.2', 4],
    ['1234.0.0.1', 4],
    ['10.0.0.1/33', 4],
    ['10.0.0.1/', 4],
    ['host.example', 4],
    ['::1', 4],
    ['1:2:3:4:5:6:7:8:9', 6],
    ['1::2::3', 6],
    [':::', 6],
    ['12345::', 6],
    ['fe80::1%eth0', 6],
    ['::/129', 6],
    ['1.2.3.4::', 6],
    ['10.0.0.1', 6],
  ] as const)('%s is not an IPv%d literal', (text, version) => {
    expect(typeof parseAddressLiteral(text, version)).toBe('string');
  });
});

describe('AddressTable', () => {
  test('one id per distinct address, 0 for none, the same id by any spelling', () => {
    const t = new AddressTable();
    const a = t.internIpv4(0x0a3d0a0a);
    expect(t.text(a)).toBe('10.61.10.10');
    expect(t.intern('10.61.10.10')).toBe(a);
    expect(t.internIpv4(0x0a3d0a0a)).toBe(a);
    const v6 = t.intern('FE80:0000::1');
    expect(t.text(v6)).toBe('fe80::1');
    expect(t.version(v6)).toBe(6);
    expect(t.idOf('fe80::0:1')).toBe(v6);
    expect(t.internBytes(new Uint8Array([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), 0, 6)).toBe(v6);
    expect(t.idOf('192.0.2.1')).toBe(0);
    expect(t.intern('not an address')).toBe(0);
    expect(t.size).toBe(3);
    expect([...t.view(a)]).toEqual([10, 61, 10, 10]);
  });

  test('grows past its first block, keeping every address', () => {
    const t = new AddressTable();
    for (let k = 0; k < 5000; k++) t.internIpv4((172 << 24) + k);
    expect(t.size).toBe(5001);
    expect(t.text(4321 + 1)).toBe('172.0.16.225');
    expect([...t.view(5000)]).toEqual([172, 0, 19, 135]);
    expect(t.internIpv4(0xffffffff)).toBe(5001); // a full 32-bit value, unsigned
    expect(t.text(5001)).toBe('255.255.255.255');
  });

  test('keys order addresses in network order; a network is the range of its keys', () => {
    const lit = (s: string, v: 4 | 6 = 4) => parseAddressLiteral(s, v) as Exclude<ReturnType<typeof parseAddressLiteral>, string>;
    expect(addressKey(lit('10.0.0.1').bytes)).toBe(0x0a000001);
    expect(addressKey(lit('255.0.0.1').bytes)).toBe(0xff000001);
    expect(networkKeys(lit('10.0.0.0/8'))).toEqual([0x0a000000, 0x0affffff]);
    expect(networkKeys(lit('0.0.0.0/0'))).toEqual([0, 0xffffffff]);
    expect(networkKeys(lit('fe80::/10', 6))).toEqual(['fe800000000000000000000000000000', 'febfffffffffffffffffffffffffffff']);
    expect(addressKey(lit('2001:db8::1', 6).bytes) < addressKey(lit('2001:db8::2', 6).bytes)).toBe(true);
    expect(addressKey(lit('2001:db8::ffff', 6).bytes) < addressKey(lit('2001:db8:0:0:0:0:1:0', 6).bytes)).toBe(true);
    const t = new AddressTable();
    expect(t.key(t.intern('10.0.0.1'))).toBe(0x0a000001);
  });
});
