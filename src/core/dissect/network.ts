// Network layer dispatch by Ethertype (IEEE registry): IPv4, IPv6, ARP; other protocols stay undecoded
// (unsupported is not an error, ARCHITECTURE.md).

import type { DecodeContext } from './decode-context.ts';
import { decodeIpv4 } from './ipv4.ts';
import { decodeIpv6 } from './ipv6.ts';
import { Proto, type Packet } from './packet.ts';

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;
export const ETHERTYPE_ARP = 0x0806;

export function decodeNetwork(p: Packet, b: Uint8Array, off: number, end: number, rep: number, etherType: number, ctx: DecodeContext): void {
  if (etherType === ETHERTYPE_IPV4) return decodeIpv4(p, b, off, end, rep, ctx);
  if (etherType === ETHERTYPE_IPV6) return decodeIpv6(p, b, off, end, rep, ctx);
  if (etherType === ETHERTYPE_ARP) p.proto = Proto.ARP;
}
