// Details of the link layers (the LINKTYPE_* values of src/core/dissect/link.ts): Ethernet II and 802.3,
// 802.1Q / 802.1ad tags, Linux cooked captures v1 and v2, BSD NULL / OpenBSD LOOP, raw IP; and ARP.

import { formatIpv4, formatMac } from '../base/address.ts';
import { u16, u32, u32le } from '../base/bytes.ts';
import { toHex } from '../base/text.ts';
import { LINKTYPE } from '../dissect/link.ts';
import { decodeIpv4Details, decodeIpv6Details } from './details-ip.ts';
import { ARP_HARDWARE, ARP_OPCODES, ETHER_TYPES, NULL_FAMILIES, SLL_PACKET_TYPES, VLAN_PRIORITIES } from './details-names.ts';
import { bitNode, dataNode, generated, hex, malformedNode, named, node, truncatedNode, type DetailNode, type DetailState } from './details-node.ts';

const ETHERNET_HEADER = 14;
const VLAN_TAG = 4;
const SLL_HEADER = 16; // https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html
const SLL2_HEADER = 20; // https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html
const MAX_VLAN_TAGS = 8;
const TAG_TYPES = new Set([0x8100, 0x88a8, 0x9100, 0x9200]);

export function decodeLinkDetails(st: DetailState, out: DetailNode[], linkType: number): void {
  const { b, end } = st;
  switch (linkType) {
    case LINKTYPE.EN10MB:
      return ethernet(st, out);
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP: {
      st.protocols.push('null');
      if (end < 4) return void out.push(node('Null/Loopback', 0, end, 'null', [truncatedNode('Loopback header', 0, end, 4)]));
      let fam = linkType === LINKTYPE.LOOP ? u32(b, 0) : u32le(b, 0);
      if (linkType === LINKTYPE.NULL && fam > 0xffff) fam = u32(b, 0);
      out.push(node('Null/Loopback', 0, 4, 'null', [node(`Family: ${named(NULL_FAMILIES, fam)}`, 0, 4, 'null.family')]));
      if (fam === 2) return decodeIpv4Details(st, out, 4, end);
      if (NULL_FAMILIES[fam] === 'IPv6') return decodeIpv6Details(st, out, 4, end);
      return rest(st, out, 4);
    }
    case LINKTYPE.RAW:
    case 12:
    case 14:
      st.protocols.push('raw');
      out.push(node('Raw packet data', 0, 0, 'raw', [generated('No link information available', 0)]));
      return rawIp(st, out);
    case LINKTYPE.IPV4:
      return rawIp(st, out);
    case LINKTYPE.IPV6:
      return decodeIpv6Details(st, out, 0, st.end);
    case LINKTYPE.LINUX_SLL:
      return sll(st, out);
    case LINKTYPE.LINUX_SLL2:
      return sll2(st, out);
    default:
      out.push(dataNode(b, 0, end, `Data (${end} bytes): link type ${linkType} is not one radscope decodes`));
  }
}

function rawIp(st: DetailState, out: DetailNode[]): void {
  if (st.end < 1) return void out.push(truncatedNode('IP header', 0, 0, 1));
  const v = st.b[0]! >> 4;
  if (v === 4) return decodeIpv4Details(st, out, 0, st.end);
  if (v === 6) return decodeIpv6Details(st, out, 0, st.end);
  out.push(malformedNode(`IP version ${v} is neither 4 nor 6`, 0, 1));
}

function rest(st: DetailState, out: DetailNode[], off: number): void {
  if (off < st.end) {
    st.protocols.push('data');
    out.push(dataNode(st.b, off, st.end - off));
  }
}

function macNode(b: Uint8Array, o: number, label: string, field: string): DetailNode {
  const mac = formatMac(b, o);
  const v = (b[o]! << 16) | (b[o + 1]! << 8) | b[o + 2]!;
  return node(`${label}: ${mac}`, o, 6, field, [
    node(`Address: ${mac}`, o, 6, 'eth.addr'),
    bitNode(v, 0x020000, 24, `LG bit: ${v & 0x020000 ? 'Locally administered address (this is NOT the factory default)' : 'Globally unique address (factory default)'}`, o, 3, `${field}.lg`),
    bitNode(v, 0x010000, 24, `IG bit: ${v & 0x010000 ? 'Group address (multicast/broadcast)' : 'Individual address (unicast)'}`, o, 3, `${field}.ig`),
  ]);
}

function typeText(t: number): string {
  return `${ETHER_TYPES[t] ?? 'Unknown'} (${hex(t, 4)})`;
}

function ethernet(st: DetailState, out: DetailNode[]): void {
  const { b, end } = st;
  st.protocols.push('eth');
  if (end < ETHERNET_HEADER) {
    const c: DetailNode[] = end >= 6 ? [macNode(b, 0, 'Destination', 'eth.dst')] : [];
    c.push(truncatedNode('Ethernet header', end >= 6 ? 6 : 0, end >= 6 ? end - 6 : end, end >= 6 ? 8 : ETHERNET_HEADER));
    return void out.push(node('Ethernet II', 0, end, 'eth', c));
  }
  const type = u16(b, 12);
  const src = formatMac(b, 6);
  const dst = formatMac(b, 0);
  if (type <= 1500) {
    // IEEE 802.3: a length, then 802.2 LLC (not decoded here)
    out.push(node(`IEEE 802.3 Ethernet, Src: ${src}, Dst: ${dst}`, 0, ETHERNET_HEADER, 'eth', [
      macNode(b, 0, 'Destination', 'eth.dst'), macNode(b, 6, 'Source', 'eth.src'), node(`Length: ${type}`, 12, 2, 'eth.len'),
    ]));
    st.netEnd = Math.min(end, ETHERNET_HEADER + type);
    st.protocols.push('llc');
    if (st.netEnd > ETHERNET_HEADER) out.push(dataNode(b, ETHERNET_HEADER, st.netEnd - ETHERNET_HEADER, `Logical-Link Control (${st.netEnd - ETHERNET_HEADER} bytes)`, 'llc'));
    return;
  }
  out.push(node(`Ethernet II, Src: ${src}, Dst: ${dst}`, 0, ETHERNET_HEADER, 'eth', [
    macNode(b, 0, 'Destination', 'eth.dst'), macNode(b, 6, 'Source', 'eth.src'), node(`Type: ${typeText(type)}`, 12, 2, 'eth.type'),
  ]));
  etherPayload(st, out, ETHERNET_HEADER, type, 0);
}

/** After an Ethertype: VLAN tags (any depth, up to a bound), then the network layer. */
function etherPayload(st: DetailState, out: DetailNode[], off: number, type: number, depth: number): void {
  const { b, end } = st;
  st.protocols.push('ethertype');
  if (TAG_TYPES.has(type)) {
    const ad = type !== 0x8100;
    const f = ad ? 'ieee8021ad' : 'vlan';
    st.protocols.push(f);
    const title = ad ? 'IEEE 802.1ad' : '802.1Q Virtual LAN';
    if (end - off < VLAN_TAG) return void out.push(node(title, off, end - off, f, [truncatedNode('VLAN tag', off, end - off, VLAN_TAG)]));
    if (depth >= MAX_VLAN_TAGS) return void out.push(malformedNode(`more than ${MAX_VLAN_TAGS} VLAN tags`, off, VLAN_TAG));
    const tci = u16(b, off);
    const next = u16(b, off + 2);
    const pri = tci >> 13;
    const dei = (tci >> 12) & 1;
    const id = tci & 0xfff;
    // packet-ieee8021ah.c shows an S-tag with bare numbers and its type as ieee8021ah.etype
    out.push(ad
      ? node(`${title}, ID: ${id}`, off, VLAN_TAG, f, [
        bitNode(tci, 0xe000, 16, `Priority: ${pri}`, off, 1, `${f}.priority`),
        bitNode(tci, 0x1000, 16, `DEI: ${dei}`, off, 1, `${f}.dei`),
        bitNode(tci, 0x0fff, 16, `ID: ${id}`, off, 2, `${f}.id`),
        node(`Type: ${typeText(next)}`, off + 2, 2, 'ieee8021ah.etype'),
      ])
      : node(`${title}, PRI: ${pri}, DEI: ${dei}, ID: ${id}`, off, VLAN_TAG, f, [
        bitNode(tci, 0xe000, 16, `Priority: ${VLAN_PRIORITIES[pri]} (${pri})`, off, 2, `${f}.priority`),
        bitNode(tci, 0x1000, 16, `DEI: ${dei ? 'Eligible' : 'Ineligible'}`, off, 2, `${f}.dei`),
        bitNode(tci, 0x0fff, 16, `ID: ${id}`, off, 2, `${f}.id`),
        node(`Type: ${typeText(next)}`, off + 2, 2, `${f}.etype`),
      ]));
    return etherPayload(st, out, off + VLAN_TAG, next, depth + 1);
  }
  if (type === 0x0800) return decodeIpv4Details(st, out, off, end);
  if (type === 0x86dd) return decodeIpv6Details(st, out, off, end);
  if (type === 0x0806) return arp(st, out, off);
  rest(st, out, off);
}

function sll(st: DetailState, out: DetailNode[]): void {
  const { b, end } = st;
  st.protocols.push('sll');
  if (end < SLL_HEADER) return void out.push(node('Linux cooked capture v1', 0, end, 'sll', [truncatedNode('Linux cooked header', 0, end, SLL_HEADER)]));
  const hatype = u16(b, 2);
  const halen = u16(b, 4);
  const proto = u16(b, 14);
  const c = [
    node(`Packet type: ${named(SLL_PACKET_TYPES, u16(b, 0))}`, 0, 2, 'sll.pkttype'),
    node(`Link-layer address type: ${named(ARP_HARDWARE, hatype)}`, 2, 2, 'sll.hatype'),
    node(`Link-layer address length: ${halen}`, 4, 2, 'sll.halen'),
    ...sllAddress(b, 6, halen),
    node(`Protocol: ${typeText(proto)}`, 14, 2, 'sll.etype'),
  ];
  out.push(node('Linux cooked capture v1', 0, SLL_HEADER, 'sll', c));
  etherPayload(st, out, SLL_HEADER, proto, 0);
}

function sll2(st: DetailState, out: DetailNode[]): void {
  const { b, end } = st;
  st.protocols.push('sll');
  if (end < SLL2_HEADER) return void out.push(node('Linux cooked capture v2', 0, end, 'sll', [truncatedNode('Linux cooked v2 header', 0, end, SLL2_HEADER)]));
  const proto = u16(b, 0);
  const hatype = u16(b, 8);
  const halen = b[11]!;
  const c = [
    node(`Protocol: ${typeText(proto)}`, 0, 2, 'sll.etype'),
    node(`Reserved: ${u16(b, 2)}`, 2, 2, 'sll.reserved'),
    node(`Interface index: ${u32(b, 4)}`, 4, 4, 'sll.ifindex'),
    node(`Link-layer address type: ${named(ARP_HARDWARE, hatype)}`, 8, 2, 'sll.hatype'),
    node(`Packet type: ${named(SLL_PACKET_TYPES, b[10]!)}`, 10, 1, 'sll.pkttype'),
    node(`Link-layer address length: ${halen}`, 11, 1, 'sll.halen'),
    ...sllAddress(b, 12, halen),
  ];
  out.push(node('Linux cooked capture v2', 0, SLL2_HEADER, 'sll', c));
  etherPayload(st, out, SLL2_HEADER, proto, 0);
}

/** The 8-byte address field of SLL/SLL2: the address proper, and the unused rest. */
function sllAddress(b: Uint8Array, o: number, halen: number): DetailNode[] {
  const n = Math.min(halen, 8);
  const c: DetailNode[] = [];
  if (n > 0) c.push(n === 6 ? node(`Source: ${formatMac(b, o)}`, o, 6, 'sll.src.eth') : node(`Source: ${toHex(b, o, o + n)}`, o, n, 'sll.src.other'));
  if (n < 8) c.push(node(`Unused: ${toHex(b, o + n, o + 8)}`, o + n, 8 - n, 'sll.unused'));
  return c;
}

function arp(st: DetailState, out: DetailNode[], off: number): void {
  const { b, end } = st;
  st.protocols.push('arp');
  if (end - off < 8) return void out.push(node('Address Resolution Protocol', off, end - off, 'arp', [truncatedNode('ARP header', off, end - off, 8)]));
  const hs = b[off + 4]!;
  const ps = b[off + 5]!;
  const op = u16(b, off + 6);
  const len = 8 + 2 * (hs + ps);
  const c: DetailNode[] = [
    node(`Hardware type: ${named(ARP_HARDWARE, u16(b, off))}`, off, 2, 'arp.hw.type'),
    node(`Protocol type: ${typeText(u16(b, off + 2))}`, off + 2, 2, 'arp.proto.type'),
    node(`Hardware size: ${hs}`, off + 4, 1, 'arp.hw.size'),
    node(`Protocol size: ${ps}`, off + 5, 1, 'arp.proto.size'),
    node(`Opcode: ${named(ARP_OPCODES, op)}`, off + 6, 2, 'arp.opcode'),
  ];
  const label = `Address Resolution Protocol (${ARP_OPCODES[op] ?? `opcode ${op}`})`;
  if (end - off < len) {
    c.push(truncatedNode('ARP addresses', off + 8, end - off - 8, len - 8));
    return void out.push(node(label, off, end - off, 'arp', c));
  }
  const ethIp = hs === 6 && ps === 4;
  let o = off + 8;
  for (const who of ['Sender', 'Target']) {
    const f = who === 'Sender' ? 'arp.src' : 'arp.dst';
    c.push(ethIp ? node(`${who} MAC address: ${formatMac(b, o)}`, o, 6, `${f}.hw_mac`) : node(`${who} hardware address: ${toHex(b, o, o + hs)}`, o, hs, `${f}.hw`));
    o += hs;
    c.push(ethIp ? node(`${who} IP address: ${formatIpv4(b, o)}`, o, 4, `${f}.proto_ipv4`) : node(`${who} protocol address: ${toHex(b, o, o + ps)}`, o, ps, `${f}.proto`));
    o += ps;
  }
  out.push(node(label, off, len, 'arp', c));
  st.netEnd = off + len;
}
