// Details of UDP (RFC 768): ports, length, checksum, the stream the pass gave it, then its payload.

import { u16 } from '../base/bytes.ts';
import { decodeAppDetails } from './details-app.ts';
import { generated, hex, keepCaptured, malformedNode, node, type DetailNode, type DetailState } from './details-node.ts';

const UDP_HEADER = 8; // RFC 768

export function decodeUdpDetails(st: DetailState, out: DetailNode[], off: number, end: number): void {
  const b = st.b;
  st.protocols.push('udp');
  const src = u16(b, off);
  const dst = u16(b, off + 2);
  const len = u16(b, off + 4);
  const sum = u16(b, off + 6);
  const c: DetailNode[] = [
    node(`Source Port: ${src}`, off, 2, 'udp.srcport'),
    node(`Destination Port: ${dst}`, off + 2, 2, 'udp.dstport'),
    node(`Length: ${len}`, off + 4, 2, 'udp.length'),
    node(`Checksum: ${hex(sum, 4)} ${sum === 0 ? '[zero-value ignored]' : '[unverified]'}`, off + 6, 2, 'udp.checksum'),
    generated(`Checksum Status: ${sum === 0 ? 'Not present' : 'Unverified'}`, off + 6, 'udp.checksum.status'),
  ];
  if (!st.inner && st.ctx.udpStream !== undefined) c.push(generated(`Stream index: ${st.ctx.udpStream}`, off + UDP_HEADER, 'udp.stream'));
  const label = `User Datagram Protocol, Src Port: ${src}, Dst Port: ${dst}`;
  const udp = node(end - off >= 4 ? label : 'User Datagram Protocol', off, Math.max(0, Math.min(UDP_HEADER, end - off)), 'udp', c);
  out.push(udp);
  if (st.inner) {
    // an ICMP error quotes the first 8 bytes: whatever of them is there, without a note
    c.splice(0, c.length, ...c.filter((n) => n.start + n.length <= end));
    return;
  }
  if (!keepCaptured(c, end, 'UDP header', off, UDP_HEADER)) return;
  if (len < UDP_HEADER) return void c.push(malformedNode(`length ${len} is below the header size of ${UDP_HEADER}`, off + 4, 2));
  if (off + len > end && !st.cut) return void c.push(malformedNode(`length ${len} is more than the ${end - off} bytes of the IP payload`, off + 4, 2));
  const payloadEnd = Math.min(end, off + len);
  if (payloadEnd > off + UDP_HEADER) decodeAppDetails(st, out, false, src, dst, off + UDP_HEADER, payloadEnd, len - UDP_HEADER);
}
