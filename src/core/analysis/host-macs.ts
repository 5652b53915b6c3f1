// Which addresses belong to one machine: the Ethernet source MAC each address sends from. A RADIUS server
// talks to its NAS over IPv4 and may call out over IPv6 (or from a second address); on a capture taken on
// the server, both leave with the server's MAC. Noted only for the few packets that start things (SYNs,
// DNS queries, RADIUS), so no string per ordinary packet.

import { formatMac } from '../base/address.ts';
import type { Packet } from '../dissect/packet.ts';

export class HostMacs {
  private readonly macOf = new Map<string, string>();

  note(p: Packet): void {
    if (p.ethSrcAt < 0 || !p.hasIp || p.ethSrcAt + 6 > p.data.length) return;
    const ip = p.src();
    if (!this.macOf.has(ip)) this.macOf.set(ip, formatMac(p.data, p.ethSrcAt));
  }

  /** Every address seen sending from the same MAC as one of `addresses` (those included). */
  sameHost(addresses: Iterable<string>): Set<string> {
    const out = new Set(addresses);
    const macs = new Set([...out].map((a) => this.macOf.get(a)).filter((m): m is string => m !== undefined && m !== '00:00:00:00:00:00'));
    for (const [ip, mac] of this.macOf) if (macs.has(mac)) out.add(ip);
    return out;
  }
}
