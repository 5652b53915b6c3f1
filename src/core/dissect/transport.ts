// Transport layers: UDP (RFC 768), TCP (RFC 9293 section 3.1, options 3.2; window scale and timestamps
// RFC 7323; SACK RFC 2018), and the ICMP/ICMPv6 type and code (RFC 792, RFC 4443).

import { u16, u32 } from '../base/bytes.ts';
import { Proto, type Packet } from './packet.ts';

const IPPROTO_ICMP = 1;
const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;
const IPPROTO_ICMPV6 = 58;
const UDP_HEADER = 8;
const TCP_MIN_HEADER = 20;

/**
 * `declaredLen` is the transport length the IP header promises; `end` bounds what was captured. Wireshark's
 * tcp.len comes from the declared length, so a snaplen-cut segment still has its real length.
 */
export function decodeTransport(p: Packet, proto: number, b: Uint8Array, off: number, end: number, declaredLen: number): void {
  p.ipProto = proto;
  if (proto === IPPROTO_TCP) return decodeTcp(p, b, off, end, declaredLen);
  if (proto === IPPROTO_UDP) return decodeUdp(p, b, off, end);
  if (proto === IPPROTO_ICMP || proto === IPPROTO_ICMPV6) {
    p.proto = proto === IPPROTO_ICMP ? Proto.ICMP : Proto.ICMPV6;
    if (end - off >= 2) {
      p.icmpType = b[off]!;
      p.icmpCode = b[off + 1]!;
    } else {
      p.problem('truncated', proto === IPPROTO_ICMP ? 'ICMP' : 'ICMPv6', off, 'header cut short');
    }
    return;
  }
  p.proto = Proto.OTHER_L4;
}

function decodeUdp(p: Packet, b: Uint8Array, off: number, end: number): void {
  if (end - off < UDP_HEADER) return cutTransportHeader(p, b, off, end, 'UDP', UDP_HEADER, Proto.UDP);
  p.proto = Proto.UDP;
  p.srcPort = u16(b, off);
  p.dstPort = u16(b, off + 2);
  const len = u16(b, off + 4);
  p.udpLength = len;
  p.payload = b;
  p.payloadAt = off + UDP_HEADER;
  if (len < UDP_HEADER) {
    // RFC 2675 section 4: length 0 is legal in an IPv6 jumbogram; otherwise it is broken
    p.problem('malformed', 'UDP', off + 4, `length field ${len} is below the header size`);
    p.payloadLen = Math.max(0, end - p.payloadAt);
    return;
  }
  if (off + len > end) p.problem('truncated', 'UDP', off, `datagram of ${len} bytes, ${end - off} captured`);
  p.payloadLen = Math.max(0, Math.min(end, off + len) - p.payloadAt);
}

function decodeTcp(p: Packet, b: Uint8Array, off: number, end: number, declaredLen: number): void {
  if (end - off < TCP_MIN_HEADER) return cutTransportHeader(p, b, off, end, 'TCP', TCP_MIN_HEADER, Proto.OTHER_L4);
  const hdr = (b[off + 12]! >> 4) * 4;
  if (hdr < TCP_MIN_HEADER) return p.problem('malformed', 'TCP', off + 12, `header length ${hdr} is below the minimum of 20`);
  p.proto = Proto.TCP;
  p.srcPort = u16(b, off);
  p.dstPort = u16(b, off + 2);
  p.tcpSeq = u32(b, off + 4);
  p.tcpAck = u32(b, off + 8);
  p.tcpFlags = ((b[off + 12]! & 0x0f) << 8) | b[off + 13]!; // 12 bits: 3 reserved, AE, then CWR..FIN
  p.tcpWindow = u16(b, off + 14);
  p.tcpHeaderLen = hdr;
  if (hdr > declaredLen) {
    p.problem('malformed', 'TCP', off + 12, `header length ${hdr} is more than the ${declaredLen} bytes the IP header gives the segment`);
    p.tcpLen = 0;
  } else {
    p.tcpLen = declaredLen - hdr;
  }
  if (end - off < hdr) {
    p.problem('truncated', 'TCP', off, `options cut short (${end - off} of ${hdr} header bytes)`);
  }
  readTcpOptions(p, b, off + TCP_MIN_HEADER, Math.min(end, off + hdr));
  p.payload = b;
  p.payloadAt = off + hdr;
  p.payloadLen = Math.max(0, Math.min(end, off + Math.max(hdr, declaredLen)) - p.payloadAt);
}

/**
 * A transport header cut short: keep the ports if they were captured (Wireshark shows them). A cut TCP header
 * is not given a stream (tshark gives it none either), so it stays OTHER_L4 with ports.
 */
function cutTransportHeader(p: Packet, b: Uint8Array, off: number, end: number, layer: string, need: number, proto: Packet['proto']): void {
  p.proto = proto;
  if (end - off >= 4) {
    p.srcPort = u16(b, off);
    p.dstPort = u16(b, off + 2);
    p.portsOnly = true;
  }
  p.problem('truncated', layer, off, `header cut short (${end - off} of ${need} bytes)`);
}

// RFC 9293 section 3.2 option kinds
const OPT_EOL = 0;
const OPT_NOP = 1;
const OPT_MSS = 2;
const OPT_WSCALE = 3; // RFC 7323 section 2
const OPT_SACK_PERM = 4; // RFC 2018
const OPT_SACK = 5;
const OPT_TIMESTAMP = 8; // RFC 7323 section 3

function readTcpOptions(p: Packet, b: Uint8Array, o: number, end: number): void {
  while (o < end) {
    const kind = b[o]!;
    if (kind === OPT_EOL) return;
    if (kind === OPT_NOP) {
      o++;
      continue;
    }
    if (o + 1 >= end) return;
    const len = b[o + 1]!;
    if (len < 2 || o + len > end) {
      p.problem('malformed', 'TCP', o, `option ${kind} has a bad length ${len}`);
      return;
    }
    if (kind === OPT_MSS && len === 4) p.tcpMss = u16(b, o + 2);
    else if (kind === OPT_WSCALE && len === 3) p.tcpWscale = b[o + 2]!;
    else if (kind === OPT_SACK_PERM && len === 2) p.tcpSackPerm = true;
    else if (kind === OPT_SACK) p.tcpSackBlocks = (len - 2) >> 3;
    else if (kind === OPT_TIMESTAMP && len === 10) {
      p.tcpTsval = u32(b, o + 2);
      p.tcpTsecr = u32(b, o + 6);
    }
    o += len;
  }
}
