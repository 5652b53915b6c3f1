// Wireshark's default colouring rules (resources/share/wireshark/colorfilters, protocol-facts.md 2.1) for
// the protocols radscope decodes: the first rule that matches wins, and the colours are the same in light
// and dark themes, as in Wireshark. Rules for protocols radscope does not decode (HSRP, STP, OSPF, SCTP,
// SMB, DCERPC, routing, systemd journal) never match; checksum errors are not verified, so never match.

import { isBadTcp } from '../analysis/tcp/tcp-flags.ts';
import { Proto, TCP_FIN, TCP_RST, TCP_SYN, type Packet } from '../dissect/packet.ts';

export interface ColorRule {
  name: string;
  /** Background and foreground, "#rrggbb" (16-bit components >> 8, as Wireshark re-saves them). */
  bg: string;
  fg: string;
}

export const BAD_TCP: ColorRule = { name: 'Bad TCP', bg: '#12272e', fg: '#f78787' };
const ICMP_ERRORS: ColorRule = { name: 'ICMP errors', bg: '#12272e', fg: '#b7f774' };
const ARP: ColorRule = { name: 'ARP', bg: '#faf0d7', fg: '#12272e' };
const ICMP: ColorRule = { name: 'ICMP', bg: '#fce0ff', fg: '#12272e' };
const TCP_RST_RULE: ColorRule = { name: 'TCP RST', bg: '#a40000', fg: '#fffc9c' };
const TTL_LOW: ColorRule = { name: 'IPv4 TTL low or unexpected', bg: '#a40000', fg: '#ecf0eb' };
const HLIM_LOW: ColorRule = { name: 'IPv6 hop limit low or unexpected', bg: '#a40000', fg: '#ecf0eb' };
const HTTP: ColorRule = { name: 'HTTP', bg: '#e4ffc7', fg: '#12272e' };
const SYN_FIN: ColorRule = { name: 'TCP SYN/FIN', bg: '#a0a0a0', fg: '#12272e' };
const TCP: ColorRule = { name: 'TCP', bg: '#e7e6ff', fg: '#12272e' };
const UDP: ColorRule = { name: 'UDP', bg: '#daeeff', fg: '#12272e' };
const BROADCAST: ColorRule = { name: 'Broadcast', bg: '#ffffff', fg: '#babdb6' };

export interface ColorInput {
  packet: Packet;
  /** tcp.analysis flag bits of the frame (0 for non-TCP). */
  analysisFlags: number;
  /** The frame was recognised as HTTP. */
  http: boolean;
  /** First byte of an Ethernet destination (for eth[0] & 1), or -1 without Ethernet. */
  ethDst0: number;
}

/** The rule that colours this frame, or null (no rule matches: Wireshark's plain row). */
export function colorRule(c: ColorInput): ColorRule | null {
  const p = c.packet;
  const tcp = p.proto === Proto.TCP || (p.ipProto === 6 && p.srcPort + p.dstPort > 0);
  if (tcp && isBadTcp(c.analysisFlags)) return BAD_TCP;
  if ((p.proto === Proto.ICMP && [3, 4, 5, 11].includes(p.icmpType)) || (p.proto === Proto.ICMPV6 && p.icmpType >= 1 && p.icmpType <= 4)) return ICMP_ERRORS;
  if (p.proto === Proto.ARP) return ARP;
  if (p.proto === Proto.ICMP || p.proto === Proto.ICMPV6) return ICMP;
  if (tcp && p.tcpFlags & TCP_RST) return TCP_RST_RULE;
  if (p.ipVersion === 4) {
    const d0 = p.ipDstAt >= 0 ? p.ipBuf[p.ipDstAt]! : 0;
    const d = p.ipDstAt >= 0 ? (p.ipBuf[p.ipDstAt]! << 16) | (p.ipBuf[p.ipDstAt + 1]! << 8) | p.ipBuf[p.ipDstAt + 2]! : 0;
    const multicast = d0 >= 224 && d0 <= 239;
    // (ip.dst != 224.0.0.0/4 && ip.ttl < 5 && !(pim||ospf||eigrp||bgp||tcp.port==179)) ||
    // (ip.dst == 224.0.0.0/24 && ip.dst != 224.0.0.251 && ip.ttl != 1 && !(vrrp||carp||eigrp||rip||glbp))
    const bgp = tcp && (p.srcPort === 179 || p.dstPort === 179);
    const routing = [103, 89, 88, 112].includes(p.ipProto); // pim, ospf, eigrp, vrrp/carp
    if (!multicast && p.ipTtl < 5 && !bgp && !routing) return TTL_LOW;
    const localGroup = d === 0xe00000;
    const mdns = p.ipDstAt >= 0 && p.ipBuf[p.ipDstAt + 3] === 251;
    if (localGroup && !mdns && p.ipTtl !== 1 && !routing && !(p.proto === Proto.UDP && (p.srcPort === 520 || p.dstPort === 520))) return TTL_LOW;
  } else if (p.ipVersion === 6 && p.ipDstAt >= 0) {
    const multicast = p.ipBuf[p.ipDstAt] === 0xff;
    const bgp = tcp && (p.srcPort === 179 || p.dstPort === 179);
    if (!multicast && p.ipTtl < 5 && !bgp && p.ipProto !== 89) return HLIM_LOW;
    if (multicast && ![1, 64, 255].includes(p.ipTtl)) return HLIM_LOW;
  }
  if (c.http || (tcp && (p.srcPort === 80 || p.dstPort === 80))) return HTTP;
  if (tcp && p.tcpFlags & (TCP_SYN | TCP_FIN)) return SYN_FIN;
  if (tcp) return TCP;
  if (p.proto === Proto.UDP || p.ipProto === 17) return UDP;
  if (c.ethDst0 >= 0 && c.ethDst0 & 1) return BROADCAST;
  return null;
}
