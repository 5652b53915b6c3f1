// IPv6, RFC 8200: fixed header, the extension-header chain (section 4), fragments (section 4.5, reassembled
// in the completing frame), and tunnels. Jumbograms (RFC 2675) use the Hop-by-Hop Jumbo Payload option.

import { u16, u32 } from '../base/bytes.ts';
import { toHex } from '../base/text.ts';
import type { DecodeContext } from './decode-context.ts';
import { decodeIpPayload } from './ipv4.ts';
import { Proto, type Packet } from './packet.ts';

const IPV6_HEADER = 40;
const NH_HOP_BY_HOP = 0;
const NH_ROUTING = 43;
const NH_FRAGMENT = 44;
const NH_AH = 51; // RFC 4302: length in 4-octet units minus 2
const NH_DEST_OPTS = 60;
const NH_MOBILITY = 135;
const NH_HIP = 139;
const NH_SHIM6 = 140;
const JUMBO_OPTION = 0xc2;

export function decodeIpv6(p: Packet, b: Uint8Array, off: number, end: number, rep: number, ctx: DecodeContext): void {
  if (end - off < 1) return p.problem('truncated', 'IPv6', off, 'header missing');
  const version = b[off]! >> 4;
  if (version !== 6) return p.problem('malformed', 'IPv6', off, `version field is ${version}, not 6`);
  if (end - off < IPV6_HEADER) {
    if (end - off >= 24) setAddresses(p, b, off, false); // what was captured of a cut header, as Wireshark shows
    return p.problem('truncated', 'IPv6', off, `header cut short (${end - off} of ${IPV6_HEADER} bytes)`);
  }
  setAddresses(p, b, off, true);
  p.ipTtl = b[off + 7]!;
  let payloadLen = u16(b, off + 4);
  let nh = b[off + 6]!;
  let o = off + IPV6_HEADER;
  if (payloadLen === 0 && nh === NH_HOP_BY_HOP) payloadLen = jumboLength(b, o, end);
  if (o + payloadLen > end) p.problem('truncated', 'IPv6', off, `payload of ${payloadLen} bytes, ${end - o} captured`);
  const declaredEnd = Math.min(o + payloadLen, Math.max(rep, end));
  const capEnd = Math.min(end, declaredEnd);

  for (;;) {
    p.ipProto = nh;
    if (nh === NH_HOP_BY_HOP || nh === NH_ROUTING || nh === NH_DEST_OPTS || nh === NH_MOBILITY || nh === NH_HIP || nh === NH_SHIM6) {
      if (capEnd - o < 8) return p.problem('truncated', 'IPv6', o, 'extension header cut short');
      const len = (b[o + 1]! + 1) * 8;
      if (o + len > capEnd) return p.problem('truncated', 'IPv6', o, `extension header of ${len} bytes cut short`);
      nh = b[o]!;
      o += len;
      continue;
    }
    if (nh === NH_AH) {
      if (capEnd - o < 8) return p.problem('truncated', 'IPv6', o, 'authentication header cut short');
      const len = (b[o + 1]! + 2) * 4;
      nh = b[o]!;
      o += len;
      continue;
    }
    if (nh === NH_FRAGMENT) {
      if (capEnd - o < 8) return p.problem('truncated', 'IPv6', o, 'fragment header cut short');
      const next = b[o]!;
      const offMore = u16(b, o + 2);
      const fragOffset = offMore & 0xfff8;
      const more = (offMore & 1) !== 0;
      const ident = u32(b, o + 4);
      o += 8;
      if (fragOffset === 0 && !more) {
        nh = next; // atomic fragment (RFC 6946): nothing to reassemble
        continue;
      }
      if (capEnd < declaredEnd || ctx.noDefragment) {
        // not captured whole: no reassembly (as Wireshark); decode a first fragment as far as it goes
        if (fragOffset === 0) return decodeIpPayload(p, next, b, o, capEnd, declaredEnd - o, ctx);
        p.ipProto = next;
        p.fragment = true;
        return;
      }
      const key = `6|${toHex(b, p.ipSrcAt, p.ipSrcAt + 16)}|${toHex(b, p.ipDstAt, p.ipDstAt + 16)}|${ident}`;
      const whole = ctx.fragments.add(key, p.frame, fragOffset, more, b.subarray(o, capEnd), declaredEnd - o);
      p.ipProto = next;
      if (whole === null) {
        p.fragment = true;
        return;
      }
      p.reassembled = true;
      return decodeIpPayload(p, next, whole, 0, whole.length, whole.length, ctx);
    }
    return decodeIpPayload(p, nh, b, o, capEnd, declaredEnd - o, ctx);
  }
}

function setAddresses(p: Packet, b: Uint8Array, off: number, withDst: boolean): void {
  p.proto = Proto.IPV6;
  p.ipVersion = 6;
  p.ipLayers++;
  p.ipBuf = b;
  p.ipSrcAt = off + 8;
  p.ipDstAt = withDst ? off + 24 : -1;
  p.ipv4Src = p.ipv4Dst = 0;
}

/** RFC 2675 section 2: the Jumbo Payload option in a Hop-by-Hop header gives the real payload length. */
function jumboLength(b: Uint8Array, o: number, end: number): number {
  if (end - o < 8) return 0;
  const hdrEnd = Math.min(end, o + (b[o + 1]! + 1) * 8);
  let i = o + 2;
  while (i + 2 <= hdrEnd) {
    const t = b[i]!;
    if (t === 0) {
      i++; // Pad1
      continue;
    }
    const l = b[i + 1]!;
    if (t === JUMBO_OPTION && l === 4 && i + 6 <= hdrEnd) return u32(b, i + 2);
    i += 2 + l;
  }
  return 0;
}
