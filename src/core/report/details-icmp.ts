// Details of ICMP (RFC 792) and ICMPv6 (RFC 4443): type, code, checksum, the echo identifier and sequence,
// and for an error the datagram it quotes (its IP header and ports), as Wireshark shows them.

import { formatIpv6 } from '../base/address.ts';
import { u16, u32 } from '../base/bytes.ts';
import { toHex } from '../base/text.ts';
import { ICMPV6_TYPES, ICMP_TIME_EXCEEDED_CODES, ICMP_TYPES, ICMP_UNREACHABLE_CODES } from './details-names.ts';
import { dataNode, generated, hex, keepCaptured, named, node, type DetailNode, type DetailState } from './details-node.ts';

type IpDecoder = (st: DetailState, out: DetailNode[], off: number, end: number) => void;

const ICMP_HEADER = 8;

export function decodeIcmpDetails(st: DetailState, out: DetailNode[], off: number, end: number, v6: boolean, ipv4: IpDecoder, ipv6: IpDecoder): void {
  const b = st.b;
  const title = v6 ? 'Internet Control Message Protocol v6' : 'Internet Control Message Protocol';
  const f = v6 ? 'icmpv6' : 'icmp';
  st.protocols.push(f);
  const type = b[off]!;
  const code = b[off + 1]!;
  const c: DetailNode[] = [];
  if (v6) {
    c.push(node(`Type: ${named(ICMPV6_TYPES, type)}`, off, 1, 'icmpv6.type'), node(`Code: ${code}`, off + 1, 1, 'icmpv6.code'));
  } else {
    const codes = type === 3 ? ICMP_UNREACHABLE_CODES : type === 11 ? ICMP_TIME_EXCEEDED_CODES : null;
    c.push(
      node(`Type: ${type} (${ICMP_TYPES[type] ?? 'Unknown'})`, off, 1, 'icmp.type'),
      node(`Code: ${code}${codes ? ` (${codes[code] ?? 'Unknown'})` : ''}`, off + 1, 1, 'icmp.code'),
    );
  }
  const sum = u16(b, off + 2);
  if (!v6 && !st.inner && !st.cut && end - off >= 4) {
    // RFC 792: the ones' complement sum of the whole message is 0xffff (ICMPv6 adds a pseudo-header: not checked)
    const want = ~onesSum(b, off, end, off + 2) & 0xffff;
    const good = want === sum || (want === 0 && sum === 0xffff);
    const should = good ? '' : `, should be ${hex(want, 4)}`;
    c.push(node(`Checksum: ${hex(sum, 4)} [${good ? 'correct' : `incorrect${should}`}]`, off + 2, 2, 'icmp.checksum'));
    c.push(generated(`Checksum Status: ${good ? 'Good' : 'Bad'}`, off + 2, 'icmp.checksum.status'));
  } else {
    c.push(node(`Checksum: ${hex(sum, 4)} [unverified]`, off + 2, 2, `${f}.checksum`));
  }
  const echo = v6 ? type === 128 || type === 129 : type === 0 || type === 8;
  const error = v6 ? type >= 1 && type <= 4 : type === 3 || type === 4 || type === 5 || type === 11 || type === 12;
  if (echo) {
    const id = u16(b, off + 4);
    const seq = u16(b, off + 6);
    if (v6) {
      c.push(node(`Identifier: ${hex(id, 4)}`, off + 4, 2, 'icmpv6.echo.identifier'), node(`Sequence: ${seq}`, off + 6, 2, 'icmpv6.echo.sequence_number'));
    } else {
      const le = (v: number) => ((v & 0xff) << 8) | (v >> 8);
      c.push(
        node(`Identifier (BE): ${id} (${hex(id, 4)})`, off + 4, 2, 'icmp.ident'),
        node(`Identifier (LE): ${le(id)} (${hex(le(id), 4)})`, off + 4, 2, 'icmp.ident_le'),
        node(`Sequence Number (BE): ${seq} (${hex(seq, 4)})`, off + 6, 2, 'icmp.seq'),
        node(`Sequence Number (LE): ${le(seq)} (${hex(le(seq), 4)})`, off + 6, 2, 'icmp.seq_le'),
      );
    }
  } else if (v6 && type === 2) {
    c.push(node(`MTU: ${u32(b, off + 4)}`, off + 4, 4, 'icmpv6.mtu'));
  } else if (v6 && (type === 135 || type === 136)) {
    c.push(node(`${type === 135 ? 'Reserved' : 'Flags'}: ${hex(u32(b, off + 4), 8)}`, off + 4, 4, type === 135 ? 'icmpv6.reserved' : 'icmpv6.nd.na.flag'));
    c.push(node(`Target Address: ${formatIpv6(b, off + 8)}`, off + 8, 16, 'icmpv6.nd.ns.target_address'));
  } else if (!v6 && type === 3 && code === 4) {
    c.push(node(`Unused: ${toHex(b, off + 4, off + 6)}`, off + 4, 2, 'icmp.unused'), node(`MTU of next hop: ${u16(b, off + 6)}`, off + 6, 2, 'icmp.mtu'));
  } else if (!v6 && type === 5) {
    c.push(node(`Gateway Address: ${b[off + 4]}.${b[off + 5]}.${b[off + 6]}.${b[off + 7]}`, off + 4, 4, 'icmp.redir_gw'));
  } else {
    c.push(node(`${v6 ? 'Reserved' : 'Unused'}: ${toHex(b, off + 4, off + 8)}`, off + 4, 4, v6 ? 'icmpv6.reserved' : 'icmp.unused'));
  }
  const fixed = v6 && (type === 135 || type === 136) ? 24 : ICMP_HEADER;
  const icmp = node(`${title}`, off, Math.max(0, end - off), f, c);
  out.push(icmp);
  if (!keepCaptured(c, end, `${title} header`, off, fixed)) return;
  const rest = off + fixed;
  if (rest >= end) return;
  if (error && !st.inner) {
    // the quoted datagram: an IP header and the start of its payload, decoded without the application layer
    const inner: DetailState = { ...st, inner: true };
    const version = b[rest]! >> 4;
    if (version === 4 && !v6) return ipv4(inner, c, rest, end);
    if (version === 6 && v6) return ipv6(inner, c, rest, end);
  }
  c.push(dataNode(b, rest, end - rest));
}

/** RFC 1071 ones' complement sum of b[from, to) without the 16-bit word at `skip`, folded to 16 bits. */
function onesSum(b: Uint8Array, from: number, to: number, skip: number): number {
  let s = 0;
  for (let i = from; i < to; i += 2) if (i !== skip) s += (b[i]! << 8) | (i + 1 < to ? b[i + 1]! : 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s;
}
