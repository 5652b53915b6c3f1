// Details of IPv4 (RFC 791 section 3.1: every header field, the flags, the options as one node) and IPv6
// (RFC 8200: fixed header and the extension-header chain, section 4), and the hand-over to the transport.
// Fragments are not reassembled here (the detail pane decodes one frame): their payload is shown as data.

import { formatIpv4, formatIpv6 } from '../base/address.ts';
import { u16, u32 } from '../base/bytes.ts';
import { decodeIcmpDetails } from './details-icmp.ts';
import { DSCP_NAMES, ECN_NAMES, IP_PROTOCOLS, dsSummary } from './details-names.ts';
import { bitNode, bits, dataNode, generated, hex, keepCaptured, malformedNode, named, node, truncatedNode, type DetailNode, type DetailState } from './details-node.ts';
import { decodeTcpDetails } from './details-tcp.ts';
import { decodeUdpDetails } from './details-udp.ts';

const IPV4_MIN_HEADER = 20; // RFC 791 section 3.1
const IPV6_HEADER = 40; // RFC 8200 section 3
const MAX_EXTENSION_HEADERS = 16;
const MAX_IP_LAYERS = 8; // tunnels in tunnels: more is a crafted frame

const IPV4_OPTIONS: Record<number, string> = {
  0: 'End of Options List (EOL)', 1: 'No-Operation (NOP)', 7: 'Record Route', 68: 'Time Stamp', 130: 'Security',
  131: 'Loose Source Route', 136: 'Stream ID', 137: 'Strict Source Route', 148: 'Router Alert',
};

// extension headers (RFC 8200 section 4) and the field prefix Wireshark gives each
const EXTENSIONS: Record<number, [string, string]> = {
  0: ['IPv6 Hop-by-Hop Option', 'ipv6.hopopts'],
  43: ['Routing Header for IPv6', 'ipv6.routing'],
  44: ['Fragment Header for IPv6', 'ipv6.fraghdr'],
  51: ['Authentication Header', 'ah'],
  60: ['Destination Options for IPv6', 'ipv6.dstopts'],
  135: ['Mobile IPv6', 'mip6'],
};

function protoText(p: number): string {
  return named(IP_PROTOCOLS, p);
}

function dsChildren(ds: number, v: number, shift: number, width: number, at: number, len: number, f: string): DetailNode[] {
  const dscp = ds >> 2;
  return [
    bitNode(v, 0xfc * 2 ** shift, width, `Differentiated Services Codepoint: ${DSCP_NAMES[dscp]?.[0] ?? 'Unknown'} (${dscp})`, at, len, `${f}.dscp`),
    bitNode(v, 0x03 * 2 ** shift, width, `Explicit Congestion Notification: ${ECN_NAMES[ds & 3]![0]} (${ds & 3})`, at, len, `${f}.ecn`),
  ];
}

export function decodeIpv4Details(st: DetailState, out: DetailNode[], off: number, end: number): void {
  const b = st.b;
  st.protocols.push('ip');
  st.ipLayers++;
  if (end - off < 1) return void out.push(node('Internet Protocol Version 4', off, 0, 'ip', [truncatedNode('IPv4 header', off, 0, IPV4_MIN_HEADER)]));
  const v0 = b[off]!;
  const ihl = (v0 & 0x0f) * 4;
  const c: DetailNode[] = [
    bitNode(v0, 0xf0, 8, `Version: ${v0 >> 4}`, off, 1, 'ip.version'),
    bitNode(v0, 0x0f, 8, `Header Length: ${ihl} bytes (${ihl / 4})`, off, 1, 'ip.hdr_len'),
  ];
  if (v0 >> 4 !== 4) return void out.push(node('Internet Protocol Version 4', off, 1, 'ip', [c[0]!, malformedNode(`version field is ${v0 >> 4}, not 4`, off, 1)]));
  if (ihl < IPV4_MIN_HEADER) return void out.push(node('Internet Protocol Version 4', off, 1, 'ip', [...c, malformedNode(`header length ${ihl} is below the minimum of 20`, off, 1)]));
  const ds = b[off + 1]!;
  const total = u16(b, off + 2);
  const ff = u16(b, off + 6);
  const flags = ff >> 13;
  const fragOffset = (ff & 0x1fff) * 8;
  const proto = b[off + 9]!;
  const flagNames = [flags & 4 ? ', Reserved bit' : '', flags & 2 ? ", Don't fragment" : '', flags & 1 ? ', More fragments' : ''].join('');
  c.push(
    node(`Differentiated Services Field: ${hex(ds, 2)} (${dsSummary(ds)})`, off + 1, 1, 'ip.dsfield', dsChildren(ds, ds, 0, 8, off + 1, 1, 'ip.dsfield')),
    node(`Total Length: ${total}`, off + 2, 2, 'ip.len'),
  );
  if (total !== 0 && total < ihl && end - off >= 4) {
    // Wireshark's "Bogus IP length": nothing after the length is trusted
    c.push(malformedNode(`total length ${total} is less than the header length ${ihl}`, off + 2, 2));
    return void out.push(node('Internet Protocol Version 4', off, Math.min(ihl, end - off), 'ip', c));
  }
  c.push(
    node(`Identification: ${hex(u16(b, off + 4), 4)} (${u16(b, off + 4)})`, off + 4, 2, 'ip.id'),
    node(`${bits(ff >> 8, 0xe0, 8)} = Flags: ${hex(flags, 1)}${flagNames}`, off + 6, 1, 'ip.flags', [
      bitNode(ff >> 8, 0x80, 8, `Reserved bit: ${flags & 4 ? 'Set' : 'Not set'}`, off + 6, 1, 'ip.flags.rb'),
      bitNode(ff >> 8, 0x40, 8, `Don't fragment: ${flags & 2 ? 'Set' : 'Not set'}`, off + 6, 1, 'ip.flags.df'),
      bitNode(ff >> 8, 0x20, 8, `More fragments: ${flags & 1 ? 'Set' : 'Not set'}`, off + 6, 1, 'ip.flags.mf'),
    ]),
    bitNode(ff, 0x1fff, 16, `Fragment Offset: ${fragOffset}`, off + 6, 2, 'ip.frag_offset'),
    node(`Time to Live: ${b[off + 8]}`, off + 8, 1, 'ip.ttl'),
    node(`Protocol: ${protoText(proto)}`, off + 9, 1, 'ip.proto'),
    node(`Header Checksum: ${hex(u16(b, off + 10), 4)} [validation disabled]`, off + 10, 2, 'ip.checksum'),
    generated('Header checksum status: Unverified', off + 10, 'ip.checksum.status'),
    node(`Source Address: ${formatIpv4(b, off + 12)}`, off + 12, 4, 'ip.src'),
    node(`Destination Address: ${formatIpv4(b, off + 16)}`, off + 16, 4, 'ip.dst'),
  );
  if (ihl > IPV4_MIN_HEADER) c.push(ipv4Options(b, off + IPV4_MIN_HEADER, off + ihl));
  const whole = keepCaptured(c, end, 'IPv4 header', off, ihl);
  const label = whole ? `Internet Protocol Version 4, Src: ${formatIpv4(b, off + 12)}, Dst: ${formatIpv4(b, off + 16)}` : 'Internet Protocol Version 4';
  out.push(node(label, off, Math.min(ihl, end - off), 'ip', c));
  if (!whole) return;
  // TCP segmentation offload leaves Total Length 0 (Wireshark: "likely due to TSO"): the frame gives it
  const wire = total === 0 ? end - off : total;
  if (wire < ihl) return void c.push(malformedNode(`total length ${total} is less than the header length ${ihl}`, off + 2, 2));
  // more than the frame holds, though the capture kept all of it: an error, but Wireshark decodes what is there
  if (off + wire > end && !st.cut && !st.inner) c.push(malformedNode(`total length ${total} is more than the ${end - off} bytes of the frame`, off + 2, 2));
  if (!st.inner && st.netEnd < 0) st.netEnd = Math.min(end, off + wire);
  const capEnd = Math.min(end, off + wire);
  if ((ff & 0x2000) !== 0 || fragOffset > 0) return fragment(st, out, off + ihl, capEnd, proto, fragOffset, (ff & 0x2000) !== 0);
  // the segment's length as sent: the header's, cut to the frame when the frame itself is shorter (as Wireshark)
  const wireEnd = st.cut || st.inner ? off + wire : Math.min(off + wire, end);
  decodeIpPayload(st, out, proto, off + ihl, capEnd, wireEnd - off - ihl);
}

function ipv4Options(b: Uint8Array, from: number, to: number): DetailNode {
  const items: DetailNode[] = [];
  const names: string[] = [];
  let o = from;
  while (o < to) {
    const t = b[o]!;
    const len = t === 0 || t === 1 ? 1 : (b[o + 1] ?? 0);
    const name = IPV4_OPTIONS[t] ?? `Unknown (0x${t.toString(16).padStart(2, '0')})`;
    if (len < 1 || o + len > to || (t > 1 && len < 2)) {
      items.push(malformedNode(`option ${name} has a bad length ${len}`, o, to - o));
      break;
    }
    names.push(name);
    items.push(node(`IP Option - ${name}${len > 1 ? ` (${len} bytes)` : ''}`, o, len, 'ip.opt.type'));
    if (t === 0) break;
    o += len;
  }
  return node(`Options: (${to - from} bytes)${names.length ? ', ' + names.join(', ') : ''}`, from, to - from, 'ip.options', items);
}

function fragment(st: DetailState, out: DetailNode[], off: number, end: number, proto: number, at: number, more: boolean): void {
  st.protocols.push('data');
  const what = `Data (${end - off} bytes): fragment of a ${IP_PROTOCOLS[proto] ?? `protocol ${proto}`} datagram at offset ${at}${more ? '' : ', the last'}; not reassembled in the details`;
  out.push(dataNode(st.b, off, end - off, what));
}

/** The payload of an IP header: transport, ICMP, a tunnel, or data. `wireLen` is its length as sent. */
export function decodeIpPayload(st: DetailState, out: DetailNode[], proto: number, off: number, end: number, wireLen: number): void {
  switch (proto) {
    case 6:
      return decodeTcpDetails(st, out, off, end, wireLen);
    case 17:
      return decodeUdpDetails(st, out, off, end);
    case 1:
    case 58:
      return decodeIcmpDetails(st, out, off, end, proto === 58, decodeIpv4Details, decodeIpv6Details);
    case 4:
    case 41:
      if (st.ipLayers >= MAX_IP_LAYERS) return void out.push(malformedNode(`more than ${MAX_IP_LAYERS} nested IP headers`, off, end - off));
      return proto === 4 ? decodeIpv4Details(st, out, off, end) : decodeIpv6Details(st, out, off, end);
  }
  if (off < end) {
    st.protocols.push('data');
    out.push(dataNode(st.b, off, end - off));
  }
}

export function decodeIpv6Details(st: DetailState, out: DetailNode[], off: number, end: number): void {
  const b = st.b;
  st.protocols.push('ipv6');
  st.ipLayers++;
  if (end - off < 1) return void out.push(node('Internet Protocol Version 6', off, 0, 'ipv6', [truncatedNode('IPv6 header', off, 0, IPV6_HEADER)]));
  const v0 = b[off]!;
  const version = bitNode(v0, 0xf0, 8, `Version: ${v0 >> 4}`, off, 1, 'ipv6.version');
  if (v0 >> 4 !== 6) return void out.push(node('Internet Protocol Version 6', off, 1, 'ipv6', [version, malformedNode(`version field is ${v0 >> 4}, not 6`, off, 1)]));
  const w = u32(b, off);
  const tc = (w >>> 20) & 0xff;
  const plen = u16(b, off + 4);
  let nh = b[off + 6]!;
  const c: DetailNode[] = [
    version,
    node(`${bits(w, 0x0ff00000, 32)} = Traffic Class: ${hex(tc, 2)} (${dsSummary(tc)})`, off, 4, 'ipv6.tclass', dsChildren(tc, w, 20, 32, off, 4, 'ipv6.tclass')),
    bitNode(w & 0xffffff, 0x0fffff, 24, `Flow Label: ${hex(w & 0xfffff, 5)}`, off + 1, 3, 'ipv6.flow'),
    node(`Payload Length: ${plen}`, off + 4, 2, 'ipv6.plen'),
    node(`Next Header: ${protoText(nh)}`, off + 6, 1, 'ipv6.nxt'),
    node(`Hop Limit: ${b[off + 7]}`, off + 7, 1, 'ipv6.hlim'),
    node(`Source Address: ${formatIpv6(b, off + 8)}`, off + 8, 16, 'ipv6.src'),
    node(`Destination Address: ${formatIpv6(b, off + 24)}`, off + 24, 16, 'ipv6.dst'),
  ];
  const whole = keepCaptured(c, end, 'IPv6 header', off, IPV6_HEADER);
  const label = whole ? `Internet Protocol Version 6, Src: ${formatIpv6(b, off + 8)}, Dst: ${formatIpv6(b, off + 24)}` : 'Internet Protocol Version 6';
  const ip = node(label, off, Math.min(IPV6_HEADER, end - off), 'ipv6', c);
  out.push(ip);
  if (!whole) return;
  // a jumbogram (RFC 2675) says 0 here and gives its length in a Hop-by-Hop option; without one (Linux BIG
  // TCP captures), Wireshark 4.0 gives up on the payload, and so do the details
  if (plen === 0 && nh !== 0 && !st.inner) return void c.push(malformedNode('payload length 0 without a Hop-by-Hop Jumbo Payload option (RFC 2675)', off + 4, 2));
  const wire = plen === 0 ? end - off - IPV6_HEADER : plen;
  if (off + IPV6_HEADER + wire > end && !st.cut && !st.inner) {
    return void c.push(malformedNode(`payload length ${plen} is more than the ${end - off - IPV6_HEADER} bytes of the frame`, off + 4, 2));
  }
  const capEnd = Math.min(end, off + IPV6_HEADER + wire);
  if (!st.inner && st.netEnd < 0) st.netEnd = capEnd;
  let o = off + IPV6_HEADER;
  for (let k = 0; k < MAX_EXTENSION_HEADERS && EXTENSIONS[nh] !== undefined; k++) {
    const [name, f] = EXTENSIONS[nh]!;
    if (capEnd - o < 8) {
      c.push(truncatedNode(name, o, capEnd - o, 8));
      ip.length = capEnd - off;
      return;
    }
    st.protocols.push(f);
    const next = b[o]!;
    const len = nh === 44 ? 8 : nh === 51 ? (b[o + 1]! + 2) * 4 : (b[o + 1]! + 1) * 8;
    const h: DetailNode[] = [node(`Next Header: ${protoText(next)}`, o, 1, `${f}.nxt`)];
    if (nh === 44) {
      const om = u16(b, o + 2);
      h.push(
        bitNode(om, 0xfff8, 16, `Offset: ${om >> 3} (${om & 0xfff8} bytes)`, o + 2, 2, `${f}.offset`),
        bitNode(om, 0x0001, 16, `More Fragments: ${om & 1 ? 'Yes' : 'No'}`, o + 2, 2, `${f}.more`),
        node(`Identification: ${hex(u32(b, o + 4), 8)}`, o + 4, 4, `${f}.ident`),
      );
    } else {
      h.push(node(`Length: ${b[o + 1]}`, o + 1, 1, `${f}.len`), generated(`Length: ${len} bytes`, o + 1, `${f}.len_oct`));
    }
    if (o + len > capEnd) {
      h.push(truncatedNode(name, o, capEnd - o, len));
      c.push(node(name, o, capEnd - o, f, h));
      ip.length = capEnd - off;
      return;
    }
    c.push(node(name, o, len, f, h));
    ip.length = o + len - off;
    if (nh === 44) {
      const om = u16(b, o + 2);
      if ((om & 0xfff8) !== 0 || (om & 1) !== 0) return fragment(st, out, o + 8, capEnd, next, om & 0xfff8, (om & 1) !== 0);
    }
    nh = next;
    o += len;
  }
  decodeIpPayload(st, out, nh, o, capEnd, off + IPV6_HEADER + wire - o);
}
