// IPv4, RFC 791 section 3.1: header with options, total length, fragments (reassembled in the frame that
// completes the datagram, as Wireshark does with ip.defragment on), and IP-in-IP / IPv6-in-IPv4 tunnels.

import { u16, u32 } from '../base/bytes.ts';
import type { DecodeContext } from './decode-context.ts';
import { decodeIpv6 } from './ipv6.ts';
import { Proto, type Packet } from './packet.ts';
import { decodeTransport } from './transport.ts';

const IPV4_MIN_HEADER = 20; // RFC 791 section 3.1
const IPPROTO_IPIP = 4; // RFC 2003
const IPPROTO_IPV6 = 41; // RFC 4213
/** Tunnels nest a few IP headers; more than this in one frame is hostile. */
const MAX_IP_LAYERS = 8;

export function decodeIpv4(p: Packet, b: Uint8Array, off: number, end: number, rep: number, ctx: DecodeContext): void {
  if (end - off < 1) return p.problem('truncated', 'IPv4', off, 'header missing');
  const version = b[off]! >> 4;
  if (version !== 4) return p.problem('malformed', 'IPv4', off, `version field is ${version}, not 4`);
  const ihl = (b[off]! & 0x0f) * 4;
  if (ihl < IPV4_MIN_HEADER) return p.problem('malformed', 'IPv4', off, `header length ${ihl} is below the minimum of 20`);
  let total = end - off >= 4 ? u16(b, off + 2) : 0;
  if (total !== 0 && total < ihl) return p.problem('malformed', 'IPv4', off + 2, `total length ${total} is less than the header length ${ihl}`);
  if (end - off < ihl) {
    // keep the source address if it was captured, as Wireshark shows what it can of a cut header
    if (end - off >= 16) setAddresses(p, b, off, false);
    return p.problem('truncated', 'IPv4', off, `header cut short (${end - off} of ${ihl} bytes)`);
  }
  setAddresses(p, b, off, true);
  // TCP segmentation offload leaves the length 0 for the NIC to fill in (Wireshark: "likely due to TSO")
  if (total === 0) total = rep - off;
  p.ipTtl = b[off + 8]!;
  p.ipId = u16(b, off + 4);
  const proto = b[off + 9]!;
  p.ipProto = proto;
  // a frame shorter on the wire than the IP header claims: the frame's length wins (Wireshark's reported length)
  const declaredEnd = Math.min(off + total, Math.max(rep, end));
  const capEnd = Math.min(end, declaredEnd);
  if (off + total > end) p.problem('truncated', 'IPv4', off, `datagram of ${total} bytes, ${end - off} captured`);

  const flagsFrag = u16(b, off + 6);
  const more = (flagsFrag & 0x2000) !== 0;
  const fragOffset = (flagsFrag & 0x1fff) * 8;
  // Only a fragment captured whole can be reassembled (Wireshark checks tvb_bytes_exist); a first fragment
  // that cannot be is decoded as far as it goes, a later one stays a fragment.
  if ((more || fragOffset > 0) && (capEnd < declaredEnd || ctx.noDefragment) && fragOffset === 0) {
    return decodeIpPayload(p, proto, b, off + ihl, capEnd, declaredEnd - off - ihl, ctx);
  }
  if ((more || fragOffset > 0) && (capEnd < declaredEnd || ctx.noDefragment)) {
    p.fragment = true;
    return;
  }
  if (more || fragOffset > 0) {
    const key = `4|${p.ipv4Src}|${p.ipv4Dst}|${proto}|${p.ipId}`;
    const whole = ctx.fragments.add(key, p.frame, fragOffset, more, b.subarray(off + ihl, capEnd), declaredEnd - off - ihl);
    if (whole === null) {
      p.fragment = true;
      return;
    }
    p.reassembled = true;
    return decodeIpPayload(p, proto, whole, 0, whole.length, whole.length, ctx);
  }
  decodeIpPayload(p, proto, b, off + ihl, capEnd, declaredEnd - off - ihl, ctx);
}

function setAddresses(p: Packet, b: Uint8Array, off: number, withDst: boolean): void {
  p.proto = Proto.IPV4;
  p.ipVersion = 4;
  p.ipLayers++;
  p.ipBuf = b;
  p.ipSrcAt = off + 12;
  p.ipDstAt = withDst ? off + 16 : -1;
  p.ipv4Src = u32(b, off + 12);
  p.ipv4Dst = withDst ? u32(b, off + 16) : 0;
}

/** The payload of an IPv4 or IPv6 header: a tunnel, or the transport layer. */
export function decodeIpPayload(p: Packet, proto: number, b: Uint8Array, off: number, end: number, declaredLen: number, ctx: DecodeContext): void {
  if ((proto === IPPROTO_IPIP || proto === IPPROTO_IPV6) && p.ipLayers >= MAX_IP_LAYERS) {
    // a crafted frame can nest thousands of IP headers: stop before the stack does
    return p.problem('malformed', 'IP', off, `more than ${MAX_IP_LAYERS} IP headers nested in one frame`);
  }
  if (proto === IPPROTO_IPIP) return decodeIpv4(p, b, off, end, off + declaredLen, ctx);
  if (proto === IPPROTO_IPV6) return decodeIpv6(p, b, off, end, off + declaredLen, ctx);
  decodeTransport(p, proto, b, off, end, declaredLen);
}
