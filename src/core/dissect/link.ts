// Link layers: the LINKTYPE_* values of https://www.tcpdump.org/linktypes.html that a RADIUS server's capture
// can have. Each decoder finds the network-layer protocol and hands on to `decodeNetwork`.

import { u16, u32, u32le } from '../base/bytes.ts';
import type { DecodeContext } from './decode-context.ts';
import { decodeNetwork } from './network.ts';
import { Proto, type Packet } from './packet.ts';

export const LINKTYPE = {
  NULL: 0,
  EN10MB: 1,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

const ETHERTYPE_VLAN = 0x8100; // IEEE 802.1Q
const ETHERTYPE_QINQ = 0x88a8; // IEEE 802.1ad S-tag
const ETHERTYPE_QINQ_OLD = 0x9100; // pre-standard QinQ, still seen
const ETHERTYPE_QINQ_OLD2 = 0x9200;
const ETHERNET_HEADER = 14;
const SLL_HEADER = 16; // https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html
const SLL2_HEADER = 20; // https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html
// BSD loopback address families for IPv6 differ by OS (NetBSD/OpenBSD 24, FreeBSD 28, Darwin 30)
const AF_INET = 2;
const AF_INET6 = [24, 28, 30, 10];

/** `end` bounds the captured bytes; `rep` is where the frame would end had it not been cut (its original length). */
export function decodeLink(p: Packet, b: Uint8Array, end: number, rep: number, ctx: DecodeContext): void {
  p.proto = Proto.LINK;
  switch (p.linkType) {
    case LINKTYPE.EN10MB:
      return decodeEthernet(p, b, 0, end, rep, ctx);
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP: {
      if (end < 4) return p.problem('truncated', 'Null/Loopback', 0, 'loopback header cut short');
      // NULL: the family in the capturing host's byte order; LOOP: always network order
      let fam = p.linkType === LINKTYPE.LOOP ? u32(b, 0) : u32le(b, 0);
      if (p.linkType === LINKTYPE.NULL && fam > 0xffff) fam = u32(b, 0);
      if (fam === AF_INET) return decodeNetwork(p, b, 4, end, rep, 0x0800, ctx);
      if (AF_INET6.includes(fam)) return decodeNetwork(p, b, 4, end, rep, 0x86dd, ctx);
      return;
    }
    case LINKTYPE.RAW:
    case 12: // DLT_RAW as written by some OpenBSD tools
    case 14:
    case LINKTYPE.IPV4: { // Wireshark's "ip" dissector hands a version-6 header to IPv6, so this one does too

      if (end < 1) return p.problem('truncated', 'Raw IP', 0, 'empty packet');
      const v = b[0]! >> 4;
      if (v === 4) return decodeNetwork(p, b, 0, end, rep, 0x0800, ctx);
      if (v === 6) return decodeNetwork(p, b, 0, end, rep, 0x86dd, ctx);
      return p.problem('malformed', 'Raw IP', 0, `IP version ${v} is neither 4 nor 6`);
    }
    case LINKTYPE.IPV6:
      return decodeNetwork(p, b, 0, end, rep, 0x86dd, ctx);
    case LINKTYPE.LINUX_SLL:
      if (end < SLL_HEADER) return p.problem('truncated', 'Linux cooked', 0, `header cut short (${end} of ${SLL_HEADER} bytes)`);
      return decodeEtherType(p, b, SLL_HEADER, end, rep, u16(b, 14), ctx);
    case LINKTYPE.LINUX_SLL2:
      if (end < SLL2_HEADER) return p.problem('truncated', 'Linux cooked v2', 0, `header cut short (${end} of ${SLL2_HEADER} bytes)`);
      return decodeEtherType(p, b, SLL2_HEADER, end, rep, u16(b, 0), ctx);
    default:
      p.problem('unsupported', 'link', 0, `link type ${p.linkType} is not one radscope decodes`);
  }
}

function decodeEthernet(p: Packet, b: Uint8Array, off: number, end: number, rep: number, ctx: DecodeContext): void {
  if (end - off < ETHERNET_HEADER) return p.problem('truncated', 'Ethernet', off, `header cut short (${end - off} of ${ETHERNET_HEADER} bytes)`);
  p.ethSrcAt = off + 6;
  decodeEtherType(p, b, off + ETHERNET_HEADER, end, rep, u16(b, off + 12), ctx);
}

/** Follows VLAN tags (any depth) and 802.2 SNAP to the network protocol. */
function decodeEtherType(p: Packet, b: Uint8Array, off: number, end: number, rep: number, type: number, ctx: DecodeContext): void {
  while (type === ETHERTYPE_VLAN || type === ETHERTYPE_QINQ || type === ETHERTYPE_QINQ_OLD || type === ETHERTYPE_QINQ_OLD2) {
    if (end - off < 4) return p.problem('truncated', 'VLAN', off, 'VLAN tag cut short');
    p.vlanIds[p.vlanCount] = u16(b, off) & 0x0fff;
    p.vlanTpids[p.vlanCount] = type;
    p.vlanCount++;
    type = u16(b, off + 2);
    off += 4;
  }
  if (type <= 1500) {
    // IEEE 802.3 length field: LLC follows; only SNAP (AA AA 03, OUI 0) carries an Ethertype
    if (end - off >= 8 && b[off] === 0xaa && b[off + 1] === 0xaa && b[off + 2] === 0x03 && b[off + 3] === 0 && b[off + 4] === 0 && b[off + 5] === 0) {
      type = u16(b, off + 6);
      off += 8;
    } else {
      return;
    }
  }
  p.etherType = type;
  decodeNetwork(p, b, off, end, rep, type, ctx);
}
