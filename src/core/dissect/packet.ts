// The decoded view of one frame, down to the transport layer. One instance is reused for every frame by the
// PacketDecoder (no object per packet): fields are numbers and views into the frame bytes, and the few
// strings (addresses) are made only when asked for.

import type { ProblemKind } from '../base/diagnostics.ts';
import { AddressNames } from './address-names.ts';

/** Highest layer reached, as a small code (stored per frame in the frame index). */
export const Proto = {
  NONE: 0,
  /** A record that is not a packet (pcapng custom block). */
  RECORD: 1,
  LINK: 2,
  ARP: 3,
  IPV4: 4,
  IPV6: 5,
  ICMP: 6,
  ICMPV6: 7,
  UDP: 8,
  TCP: 9,
  /** Set by later stages: application protocols on top of UDP/TCP. */
  DNS: 10,
  RADIUS: 11,
  TLS: 12,
  HTTP: 13,
  OTHER_L4: 14,
} as const;
export type ProtoCode = (typeof Proto)[keyof typeof Proto];

export const PROTO_NAMES: Record<number, string> = {
  0: '',
  1: 'record',
  2: 'link',
  3: 'ARP',
  4: 'IPv4',
  5: 'IPv6',
  6: 'ICMP',
  7: 'ICMPv6',
  8: 'UDP',
  9: 'TCP',
  10: 'DNS',
  11: 'RADIUS',
  12: 'TLS',
  13: 'HTTP',
  14: 'IP',
};

export interface Problem {
  kind: ProblemKind;
  /** Layer name: 'pcap', 'Ethernet', 'IPv4', 'TCP'... */
  layer: string;
  /** Byte offset within the frame. */
  offset: number;
  message: string;
}

// TCP flag bits (RFC 9293 section 3.1, plus ECE/CWR RFC 3168 and the AE/NS bit)
export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;
export const TCP_URG = 0x20;
export const TCP_ECE = 0x40;
export const TCP_CWR = 0x80;
export const TCP_AE = 0x100;

export class Packet {
  frame = 0;
  linkType = 0;
  proto: ProtoCode = Proto.NONE;
  /** 802.1Q / 802.1ad tag ids, outermost first (`vlanCount` valid entries). */
  readonly vlanIds: number[] = [];
  readonly vlanTpids: number[] = [];
  vlanCount = 0;
  /** Ethertype of the network layer (after tags), or -1 when the link layer has none. */
  etherType = -1;
  /** The frame's bytes (a view valid during the visit) and the offset of its Ethernet source MAC (-1: none). */
  data: Uint8Array = new Uint8Array(0);
  ethSrcAt = -1;

  /** 0, 4 or 6: the IP version of the layer the transport rides on (the innermost IP of a tunnel). */
  ipVersion = 0;
  /** Buffer holding the addresses of that IP header, and their offsets in it. */
  ipBuf: Uint8Array = new Uint8Array(0);
  ipSrcAt = 0;
  ipDstAt = 0;
  /** IPv4 addresses as unsigned 32-bit numbers (cheap flow keys); 0 for IPv6. */
  ipv4Src = 0;
  ipv4Dst = 0;
  ipTtl = 0;
  ipId = 0;
  /** Transport protocol number after IPv6 extension headers (-1 when there is no IP layer). */
  ipProto = -1;
  /** Count of IP headers (2 or more for tunnels). */
  ipLayers = 0;
  /** This frame is an IP fragment that did not complete its datagram: no transport layer here. */
  fragment = false;
  /** The transport layer comes from a datagram reassembled in this frame. */
  reassembled = false;

  srcPort = 0;
  dstPort = 0;
  /** Ports were read from a transport header cut short (the rest of it is missing). */
  portsOnly = false;
  udpLength = 0;
  tcpSeq = 0;
  tcpAck = 0;
  tcpFlags = 0;
  tcpWindow = 0;
  tcpHeaderLen = 0;
  /** Segment length as Wireshark's tcp.len: the IP payload length minus the TCP header (not the captured bytes). */
  tcpLen = 0;
  /** TCP options (-1 when absent). */
  tcpMss = -1;
  tcpWscale = -1;
  tcpSackPerm = false;
  tcpSackBlocks = 0;
  tcpTsval = -1;
  tcpTsecr = -1;
  icmpType = -1;
  icmpCode = -1;

  /** Transport payload: `payload.subarray(payloadAt, payloadAt + payloadLen)` holds the captured part. */
  payload: Uint8Array = new Uint8Array(0);
  payloadAt = 0;
  payloadLen = 0;

  readonly problems: Problem[] = [];
  /** Address texts made so far (shared by every frame this Packet is reused for). */
  readonly names = new AddressNames();

  reset(frame: number, linkType: number): void {
    this.frame = frame;
    this.linkType = linkType;
    this.proto = Proto.NONE;
    this.vlanCount = 0;
    this.etherType = -1;
    this.ethSrcAt = -1;
    this.ipVersion = 0;
    this.ipv4Src = this.ipv4Dst = 0;
    this.ipProto = -1;
    this.ipLayers = 0;
    this.fragment = false;
    this.reassembled = false;
    this.srcPort = this.dstPort = 0;
    this.portsOnly = false;
    this.udpLength = 0;
    this.tcpSeq = this.tcpAck = this.tcpFlags = this.tcpWindow = this.tcpHeaderLen = this.tcpLen = 0;
    this.tcpMss = this.tcpWscale = this.tcpTsval = this.tcpTsecr = -1;
    this.tcpSackPerm = false;
    this.tcpSackBlocks = 0;
    this.icmpType = this.icmpCode = -1;
    this.payloadAt = this.payloadLen = 0;
    if (this.problems.length !== 0) this.problems.length = 0;
  }

  problem(kind: ProblemKind, layer: string, offset: number, message: string): void {
    this.problems.push({ kind, layer, offset, message });
  }

  get hasIp(): boolean {
    return this.ipVersion !== 0;
  }

  /** Source address text ('' without IP); the same string each time for the same address. */
  src(): string {
    return this.ipVersion === 4 ? this.names.ipv4(this.ipBuf, this.ipSrcAt) : this.ipVersion === 6 ? this.names.ipv6(this.ipBuf, this.ipSrcAt) : '';
  }

  /** Destination address text ('' without IP or when a cut header ends before it). */
  dst(): string {
    if (this.ipDstAt < 0) return '';
    return this.ipVersion === 4 ? this.names.ipv4(this.ipBuf, this.ipDstAt) : this.ipVersion === 6 ? this.names.ipv6(this.ipBuf, this.ipDstAt) : '';
  }
}
