// A Wireshark-like Info column for the layers decoded so far. Later stages (RADIUS, TLS, DNS) replace it for
// their frames.

import type { FrameVisit } from '../analysis/frame-visit.ts';
import { tcpFlagsInfo } from '../analysis/tcp/tcp-flags.ts';
import { Proto, TCP_ACK, TCP_AE, TCP_CWR, TCP_ECE, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN, TCP_URG } from '../dissect/packet.ts';

// Wireshark's order in the Info column: packet-tcp.c tcp_flags_to_str
const FLAG_NAMES: [number, string][] = [
  [TCP_FIN, 'FIN'],
  [TCP_SYN, 'SYN'],
  [TCP_RST, 'RST'],
  [TCP_PSH, 'PSH'],
  [TCP_ACK, 'ACK'],
  [TCP_URG, 'URG'],
  [TCP_ECE, 'ECE'],
  [TCP_CWR, 'CWR'],
  [TCP_AE, 'AE'],
];

const ICMP_TYPES: Record<number, string> = {
  0: 'Echo (ping) reply',
  3: 'Destination unreachable',
  5: 'Redirect',
  8: 'Echo (ping) request',
  11: 'Time-to-live exceeded',
};
const ICMPV6_TYPES: Record<number, string> = {
  1: 'Destination Unreachable',
  2: 'Packet Too Big',
  3: 'Time Exceeded',
  128: 'Echo (ping) request',
  129: 'Echo (ping) reply',
  133: 'Router Solicitation',
  134: 'Router Advertisement',
  135: 'Neighbor Solicitation',
  136: 'Neighbor Advertisement',
};

export function tcpFlagsText(flags: number): string {
  const names: string[] = [];
  for (const [bit, name] of FLAG_NAMES) if (flags & bit) names.push(name);
  return names.join(', ');
}

/** What the Info column needs: the packet, and for TCP the relative numbers and the analysis flags. */
export type InfoInput = Pick<FrameVisit, 'packet'> & { tcp: { seqRel: number; ackRel: number } | null; tcpAnalysis: { flags: number } | null };

export function packetInfo(v: InfoInput): string {
  const p = v.packet;
  switch (p.proto) {
    case Proto.TCP: {
      const t = v.tcp!;
      const bad = v.tcpAnalysis ? tcpFlagsInfo(v.tcpAnalysis.flags) : '';
      let s = `${bad ? bad + ' ' : ''}${p.srcPort} → ${p.dstPort} [${tcpFlagsText(p.tcpFlags)}] Seq=${t.seqRel}`;
      if (p.tcpFlags & TCP_ACK) s += ` Ack=${t.ackRel}`;
      s += ` Win=${p.tcpWindow} Len=${p.tcpLen}`;
      if (p.tcpMss >= 0) s += ` MSS=${p.tcpMss}`;
      if (p.tcpSackPerm) s += ' SACK_PERM';
      if (p.tcpTsval >= 0) s += ` TSval=${p.tcpTsval} TSecr=${p.tcpTsecr}`;
      if (p.tcpWscale >= 0) s += ` WS=${2 ** p.tcpWscale}`;
      return s;
    }
    case Proto.UDP:
      return `${p.srcPort} → ${p.dstPort} Len=${Math.max(0, p.udpLength - 8)}`;
    case Proto.ICMP:
      return `${ICMP_TYPES[p.icmpType] ?? `Type ${p.icmpType}`} (code ${p.icmpCode})`;
    case Proto.ICMPV6:
      return `${ICMPV6_TYPES[p.icmpType] ?? `Type ${p.icmpType}`} (code ${p.icmpCode})`;
    case Proto.ARP:
      return 'ARP';
    case Proto.IPV4:
    case Proto.IPV6:
      return p.fragment ? `Fragmented IP protocol (proto=${p.ipProto})` : `IP protocol ${p.ipProto}`;
    case Proto.RECORD:
      return 'pcapng custom block';
    default:
      return p.problems[0]?.message ?? (p.etherType >= 0 ? `Ethertype 0x${p.etherType.toString(16).padStart(4, '0')}` : '');
  }
}
