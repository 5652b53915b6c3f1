// A small capture as rows, for the filter's unit tests: a RADIUS server (10.61.10.10) that looks up and calls
// out to Entra (172.30.64.40) over a proxy, shaped after the lab's tls-blackhole and proxy-ok scenarios.
// Frame k (1-based) is at k * 0.5 s - 0.5 s, except frame 16, which has no time stamp.

import { TcpFlag } from '../analysis/tcp/tcp-flags.ts';
import { memoryColumns, type FrameRow } from './memory-columns.ts';

const T0 = 1_700_000_000;
const at = (k: number) => ({ sec: T0 + Math.floor((k - 1) / 2), nsec: ((k - 1) % 2) * 500_000_000 });
const NPS = '10.61.10.10';
const ENTRA = '172.30.64.40';

export const ROWS: FrameRow[] = [
  /* 1 */ { proto: 'arp', len: 42 },
  /* 2 */ { proto: 'udp', src: NPS, dst: '10.61.10.53', srcPort: 50000, dstPort: 53, len: 85, dns: { id: 0x1234, names: ['login.microsoftonline.com'], types: [1] } },
  /* 3 */ { proto: 'udp', src: '10.61.10.53', dst: NPS, srcPort: 53, dstPort: 50000, len: 160, dns: { id: 0x1234, response: true, rcode: 3, names: ['login.microsoftonline.com'], types: [1] } },
  /* 4 */ { proto: 'tcp', src: NPS, dst: ENTRA, srcPort: 40000, dstPort: 443, stream: 0, tcpFlags: 0x002, len: 74, findings: ['tls.clienthello.unanswered'] },
  /* 5 */ { proto: 'tcp', src: ENTRA, dst: NPS, srcPort: 443, dstPort: 40000, stream: 0, tcpFlags: 0x012, len: 74, findings: ['tls.clienthello.unanswered'] },
  /* 6 */ { proto: 'tcp', src: NPS, dst: ENTRA, srcPort: 40000, dstPort: 443, stream: 0, tcpFlags: 0x010, len: 66 },
  /* 7 */ { proto: 'tcp', src: NPS, dst: ENTRA, srcPort: 40000, dstPort: 443, stream: 0, tcpFlags: 0x018, tcpLen: 517, len: 583, capLen: 262, tls: { handshake: [1], contentTypes: [22], sni: 'login.microsoftonline.com' }, findings: ['tls.clienthello.unanswered'] },
  /* 8 */ { proto: 'tcp', src: NPS, dst: ENTRA, srcPort: 40000, dstPort: 443, stream: 0, tcpFlags: 0x018, tcpLen: 517, len: 583, analysis: TcpFlag.RETRANSMISSION, tls: { handshake: [1], contentTypes: [22], sni: 'login.microsoftonline.com' }, findings: ['tls.clienthello.unanswered'] },
  /* 9 */ { proto: 'udp', src: '10.61.10.20', dst: NPS, srcPort: 51000, dstPort: 1812, len: 200, radius: { code: 1, id: 7 }, findings: ['radius.request.unanswered'] },
  /* 10 */ { proto: 'udp', src: NPS, dst: '10.61.10.20', srcPort: 1812, dstPort: 51000, len: 62, radius: { code: 2, id: 7 } },
  /* 11 */ { proto: 'tcp', src: 'fe80::1', dst: '2001:db8::5', srcPort: 443, dstPort: 50123, stream: 1, tcpFlags: 0x014, len: 74, analysis: TcpFlag.FAST_RETRANSMISSION | TcpFlag.DUPLICATE_ACK },
  /* 12 */ { proto: 'icmp', src: '10.61.10.20', dst: '10.61.10.1', len: 98 },
  /* 13 */ { proto: 'tcp', src: NPS, dst: '172.30.64.80', srcPort: 40001, dstPort: 3128, stream: 2, tcpFlags: 0x018, tcpLen: 99, len: 165, http: { method: 'CONNECT', uri: 'login.microsoftonline.com:443' } },
  /* 14 */ { proto: 'tcp', src: '172.30.64.80', dst: NPS, srcPort: 3128, dstPort: 40001, stream: 2, tcpFlags: 0x018, tcpLen: 70, len: 136, http: { status: 407 }, analysis: TcpFlag.WINDOW_UPDATE },
  /* 15 */ { src: '10.61.10.20', dst: NPS, len: 1514 },
  /* 16 */ { proto: 'udp', src: NPS, dst: NPS, srcPort: 5353, dstPort: 5353, len: 70, sec: NaN },
];

export function fixtureColumns() {
  return memoryColumns(ROWS.map((r, k) => (r.sec !== undefined ? r : { ...r, ...at(k + 1) })));
}
