// The machines behind the addresses: a server's addresses share its MAC; a router's MAC, which routed packets
// from every remote address carry, joins nothing (a capture taken on a router, as the bench generator's is).

import { expect, test } from 'vitest';
import type { Packet } from '../dissect/packet.ts';
import { HostMacs, MAX_ADDRESSES_PER_HOST } from './host-macs.ts';

/** The fields HostMacs reads of a decoded Ethernet frame: its source MAC (first 6 bytes) and source address. */
function sent(macs: HostMacs, mac: number, ip: string): void {
  const data = new Uint8Array([2, 0, 0, 0, 0, mac, 0, 0]);
  macs.note({ ethSrcAt: 0, hasIp: true, data, src: () => ip } as unknown as Packet);
}

test("a server's IPv6 and second IPv4 address are the same machine; other machines are not", () => {
  const m = new HostMacs();
  sent(m, 0x0a, '10.0.0.10');
  sent(m, 0x0a, '2001:db8::10');
  sent(m, 0x0a, '10.0.5.10');
  sent(m, 0x0b, '10.0.0.11');
  expect(m.sameHost(['10.0.0.10'])).toEqual(new Set(['10.0.0.10', '2001:db8::10', '10.0.5.10']));
  expect(m.sameHost(['10.0.0.11'])).toEqual(new Set(['10.0.0.11']));
  expect(m.sameHost(['192.0.2.1'])).toEqual(new Set(['192.0.2.1']));
});

test('a MAC that sends for more addresses than one machine has is a router: it joins nothing', () => {
  const m = new HostMacs();
  const routed = Array.from({ length: MAX_ADDRESSES_PER_HOST + 1 }, (_, i) => `198.51.100.${i + 1}`);
  for (const ip of ['10.0.0.10', '10.0.0.11', ...routed]) sent(m, 0x01, ip);
  expect(m.sameHost(['10.0.0.10'])).toEqual(new Set(['10.0.0.10']));
  expect(m.sameHost(['10.0.0.10', '10.0.0.11'])).toEqual(new Set(['10.0.0.10', '10.0.0.11']));
});

test('the first MAC an address sent from is the one that counts', () => {
  const m = new HostMacs();
  sent(m, 0x0a, '10.0.0.10');
  sent(m, 0x01, '10.0.0.10');
  sent(m, 0x01, '10.0.0.53');
  expect(m.sameHost(['10.0.0.10'])).toEqual(new Set(['10.0.0.10']));
});
