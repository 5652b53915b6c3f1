// Which addresses belong to one machine: the Ethernet source MAC each address sends from. A RADIUS server
// talks to its NAS over IPv4 and may call out over IPv6 (or from a second address); on a capture taken on
// the server, both leave with the server's MAC. Noted only for the few packets that start things (SYNs,
// DNS queries, RADIUS), so no string per ordinary packet.
//
// Routed packets carry the router's MAC, whatever address sent them: on a capture taken on a router or a
// span port, one MAC sends for many addresses. Such a MAC names no machine, so it joins nothing.

import { formatMac } from '../base/address.ts';
import type { Packet } from '../dissect/packet.ts';

/** More addresses than one machine plausibly sends from on one interface (a few IPv4, global, temporary and
 * link-local IPv6): a MAC seen with more is a router's. */
export const MAX_ADDRESSES_PER_HOST = 8;

export class HostMacs {
  private readonly macOf = new Map<string, string>();
  private readonly addressesOf = new Map<string, number>();

  note(p: Packet): void {
    if (p.ethSrcAt < 0 || !p.hasIp || p.ethSrcAt + 6 > p.data.length) return;
    const ip = p.src();
    if (this.macOf.has(ip)) return;
    const mac = formatMac(p.data, p.ethSrcAt);
    this.macOf.set(ip, mac);
    this.addressesOf.set(mac, (this.addressesOf.get(mac) ?? 0) + 1);
  }

  /** Every address seen sending from the same MAC as one of `addresses` (those included), but for a MAC that
   * sends for more than MAX_ADDRESSES_PER_HOST addresses (a router's). */
  sameHost(addresses: Iterable<string>): Set<string> {
    const out = new Set(addresses);
    const macs = new Set(
      [...out]
        .map((a) => this.macOf.get(a))
        .filter((m): m is string => m !== undefined && m !== '00:00:00:00:00:00' && this.addressesOf.get(m)! <= MAX_ADDRESSES_PER_HOST),
    );
    for (const [ip, mac] of this.macOf) if (macs.has(mac)) out.add(ip);
    return out;
  }
}
