// Names Wireshark 4.0 shows beside numbers in the details tree (value strings of its dissectors, as
// `tshark -G values` lists them), for the values a RADIUS server's capture holds. A number not listed here is
// shown as "Unknown (n)", never guessed.

export const ETHER_TYPES: Record<number, string> = {
  0x0800: 'IPv4',
  0x0806: 'ARP',
  0x86dd: 'IPv6',
  0x8100: '802.1Q Virtual LAN',
  0x88a8: '802.1ad Provider Bridge (Q-in-Q)',
  0x9100: 'QinQ: old non-standard 802.1ad',
  0x88cc: '802.1 Link Layer Discovery Protocol (LLDP)',
  0x888e: '802.1X Authentication',
  0x8847: 'MPLS label switched packet',
  0x8863: 'PPPoE Discovery',
  0x8864: 'PPPoE Session',
  0x88e5: '802.1AE (MACsec)',
  0x8035: 'RARP',
  0x9000: 'Loopback',
};

export const IP_PROTOCOLS: Record<number, string> = {
  0: 'IPv6 Hop-by-Hop Option',
  1: 'ICMP',
  2: 'IGMP',
  4: 'IPIP',
  6: 'TCP',
  17: 'UDP',
  41: 'IPv6',
  43: 'Routing Header for IPv6',
  44: 'Fragment Header for IPv6',
  47: 'Generic Routing Encapsulation',
  50: 'Encap Security Payload',
  51: 'Authentication Header',
  58: 'ICMPv6',
  59: 'No Next Header for IPv6',
  60: 'Destination Options for IPv6',
  89: 'OSPF IGP',
  103: 'PIM',
  112: 'VRRP',
  132: 'SCTP',
  135: 'Mobile IPv6',
};

// ip.dsfield.dscp (RFC 2474, RFC 2597, RFC 3246, RFC 5865, RFC 8622) with Wireshark's short forms
export const DSCP_NAMES: Record<number, [string, string]> = {
  0: ['Default', 'CS0'],
  1: ['Lower Effort', 'LE'],
  8: ['Class Selector 1', 'CS1'],
  10: ['Assured Forwarding 11', 'AF11'],
  12: ['Assured Forwarding 12', 'AF12'],
  14: ['Assured Forwarding 13', 'AF13'],
  16: ['Class Selector 2', 'CS2'],
  18: ['Assured Forwarding 21', 'AF21'],
  20: ['Assured Forwarding 22', 'AF22'],
  22: ['Assured Forwarding 23', 'AF23'],
  24: ['Class Selector 3', 'CS3'],
  26: ['Assured Forwarding 31', 'AF31'],
  28: ['Assured Forwarding 32', 'AF32'],
  30: ['Assured Forwarding 33', 'AF33'],
  32: ['Class Selector 4', 'CS4'],
  34: ['Assured Forwarding 41', 'AF41'],
  36: ['Assured Forwarding 42', 'AF42'],
  38: ['Assured Forwarding 43', 'AF43'],
  40: ['Class Selector 5', 'CS5'],
  44: ['Voice Admit', 'VA'],
  46: ['Expedited Forwarding', 'EF PHB'],
  48: ['Class Selector 6', 'CS6'],
  56: ['Class Selector 7', 'CS7'],
};

// ip.dsfield.ecn (RFC 3168 section 5)
export const ECN_NAMES: [string, string][] = [
  ['Not ECN-Capable Transport', 'Not-ECT'],
  ["ECN-Capable Transport codepoint '01'", 'ECT(1)'],
  ["ECN-Capable Transport codepoint '10'", 'ECT(0)'],
  ['Congestion Experienced', 'CE'],
];

/** "DSCP: CS0, ECN: Not-ECT", the summary of a DS field or traffic class. */
export function dsSummary(ds: number): string {
  const dscp = ds >> 2;
  return `DSCP: ${DSCP_NAMES[dscp]?.[1] ?? `Unknown (${dscp})`}, ECN: ${ECN_NAMES[ds & 3]![1]}`;
}

export const VLAN_PRIORITIES = [
  'Best Effort (default)', 'Background', 'Spare', 'Excellent Effort', 'Controlled Load',
  'Video, < 100ms latency and jitter', 'Voice, < 10ms latency and jitter', 'Network Control',
];

export const SLL_PACKET_TYPES: Record<number, string> = {
  0: 'Unicast to us',
  1: 'Broadcast',
  2: 'Multicast',
  3: 'Unicast to another host',
  4: 'Sent by us',
};

export const ARP_HARDWARE: Record<number, string> = { 1: 'Ethernet', 6: 'IEEE 802', 772: 'Loopback', 776: 'sit0 device - IPv6-in-IPv4' };
export const ARP_OPCODES: Record<number, string> = { 1: 'request', 2: 'reply', 3: 'reverse request', 4: 'reverse reply', 8: 'inverse request', 9: 'inverse reply' };

// BSD loopback families (null.family)
export const NULL_FAMILIES: Record<number, string> = { 2: 'IP', 7: 'OSI', 16: 'Appletalk', 23: 'Netware IPX/SPX', 24: 'IPv6', 28: 'IPv6', 30: 'IPv6' };

// icmp.type (RFC 792) and icmp.code of the error types
export const ICMP_TYPES: Record<number, string> = {
  0: 'Echo (ping) reply',
  3: 'Destination unreachable',
  4: 'Source quench (flow control)',
  5: 'Redirect',
  8: 'Echo (ping) request',
  9: 'Router advertisement',
  10: 'Router solicitation',
  11: 'Time-to-live exceeded',
  12: 'Parameter problem',
  13: 'Timestamp request',
  14: 'Timestamp reply',
};
export const ICMP_UNREACHABLE_CODES: Record<number, string> = {
  0: 'Network unreachable',
  1: 'Host unreachable',
  2: 'Protocol unreachable',
  3: 'Port unreachable',
  4: 'Fragmentation needed',
  5: 'Source route failed',
  6: 'Destination network unknown',
  7: 'Destination host unknown',
  9: 'Network administratively prohibited',
  10: 'Host administratively prohibited',
  13: 'Communication administratively filtered',
};
export const ICMP_TIME_EXCEEDED_CODES: Record<number, string> = { 0: 'Time to live exceeded in transit', 1: 'Fragment reassembly time exceeded' };

export const ICMPV6_TYPES: Record<number, string> = {
  1: 'Destination Unreachable',
  2: 'Packet Too Big',
  3: 'Time Exceeded',
  4: 'Parameter Problem',
  128: 'Echo (ping) request',
  129: 'Echo (ping) reply',
  130: 'Multicast Listener Query',
  131: 'Multicast Listener Report',
  132: 'Multicast Listener Done',
  133: 'Router Solicitation',
  134: 'Router Advertisement',
  135: 'Neighbor Solicitation',
  136: 'Neighbor Advertisement',
  137: 'Redirect',
  143: 'Multicast Listener Report Message v2',
};
