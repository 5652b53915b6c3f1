// What a compiled display filter reads: per-frame columns (typed arrays in the worker, plain arrays in tests),
// sparse maps for the few frames that carry RADIUS, DNS, TLS or HTTP, and the evidence frames of every finding.
// Frames are indexed from 0 here (`i`); Wireshark's frame.number is i + 1. No object per frame anywhere.

import type { AddressTable } from './address.ts';

/** Which protocols a frame carries, as bits (Wireshark's protocol fields `tcp`, `dns`...: frame.protocols). */
export const Layer = {
  IP: 1 << 0,
  IPV6: 1 << 1,
  ARP: 1 << 2,
  ICMP: 1 << 3,
  ICMPV6: 1 << 4,
  UDP: 1 << 5,
  TCP: 1 << 6,
  DNS: 1 << 7,
  RADIUS: 1 << 8,
  TLS: 1 << 9,
  HTTP: 1 << 10,
} as const;

/**
 * The Proto codes of core/dissect/packet.ts (the frame index's `protocol` column). core/filter may not import
 * core/dissect, so they are repeated here; columns.test.ts checks that the two agree.
 */
export const PROTO_CODE = {
  ARP: 3,
  IPV4: 4,
  IPV6: 5,
  ICMP: 6,
  ICMPV6: 7,
  UDP: 8,
  TCP: 9,
  DNS: 10,
  RADIUS: 11,
  TLS: 12,
  HTTP: 13,
  OTHER_L4: 14,
} as const;

/**
 * Layer bits from what the frame index already holds: its top protocol code, the IP version of the frame's
 * addresses (0 without IP) and whether it is TCP (stream >= 0). DNS is the one application protocol that rides
 * on either transport; RADIUS is UDP only here, TLS and HTTP TCP only.
 */
export function layersOf(protocol: number, ipVersion: number, isTcp: boolean): number {
  let bits = ipVersion === 4 ? Layer.IP : ipVersion === 6 ? Layer.IPV6 : 0;
  switch (protocol) {
    case PROTO_CODE.ARP:
      return Layer.ARP;
    case PROTO_CODE.ICMP:
      return bits | Layer.ICMP;
    case PROTO_CODE.ICMPV6:
      return bits | Layer.ICMPV6;
    case PROTO_CODE.UDP:
      return bits | Layer.UDP;
    case PROTO_CODE.RADIUS:
      return bits | Layer.UDP | Layer.RADIUS;
    case PROTO_CODE.DNS:
      return bits | (isTcp ? Layer.TCP : Layer.UDP) | Layer.DNS;
    case PROTO_CODE.TLS:
      return bits | Layer.TCP | Layer.TLS;
    case PROTO_CODE.HTTP:
      return bits | Layer.TCP | Layer.HTTP;
    case PROTO_CODE.TCP:
      return bits | Layer.TCP;
  }
  if (isTcp) bits |= Layer.TCP;
  return bits;
}

/** radius.code and radius.id of a RADIUS frame (RFC 2865 section 3). */
export interface RadiusFields {
  code: number;
  id: number;
}

/** The DNS message a frame completes (the first when several, as the pipeline reports it). */
export interface DnsFields {
  /** dns.id */
  id: number;
  /** dns.flags.response */
  response: boolean;
  /** dns.flags.rcode: the header's 4-bit RCODE; null for queries, where tshark shows no rcode. */
  rcode: number | null;
  /** dns.qry.name and dns.qry.type of every question. */
  names: readonly string[];
  types: readonly number[];
}

/** What TLS a frame completes (tshark shows a reassembled record in the frame of its last segment). */
export interface TlsFields {
  /** tls.handshake.type of each unencrypted handshake message. */
  handshake: readonly number[];
  /** tls.record.content_type of each record (TLS 1.3 encrypted records left out, as tshark does). */
  contentTypes: readonly number[];
  /** tls.handshake.extensions_server_name */
  sni: string | null;
  /** tls.alert_message.level and .desc of each unencrypted alert. */
  alertLevels: readonly number[];
  alertDescriptions: readonly number[];
}

export interface HttpFields {
  /** http.request.method and http.request.uri of a request; null on a response. */
  method: string | null;
  uri: string | null;
  /** http.response.code of a response; null on a request. */
  status: number | null;
}

export interface FrameColumns {
  /** Number of frames; frame index i runs 0 .. count - 1. */
  readonly count: number;
  /** Layer bits. */
  readonly layers: ArrayLike<number>;
  /** Original length (frame.len) and captured length (frame.cap_len). */
  readonly len: ArrayLike<number>;
  readonly capLen: ArrayLike<number>;
  /** Time stamp as whole seconds since the epoch (NaN when the frame has none) and nanoseconds, exactly as
   * the frame index holds them; frame.time_relative is taken against the first frame that has a time. */
  readonly sec: ArrayLike<number>;
  readonly nsec: ArrayLike<number>;
  /** Ids into `addresses` of the innermost IP header's source and destination (0 when absent). */
  readonly addresses: AddressTable;
  readonly srcAddr: ArrayLike<number>;
  readonly dstAddr: ArrayLike<number>;
  /** TCP or UDP ports (read with the TCP / UDP layer bit). */
  readonly srcPort: ArrayLike<number>;
  readonly dstPort: ArrayLike<number>;
  /** tcp.stream (-1 when not TCP), tcp.flags (the 12-bit field), tcp.len. */
  readonly stream: ArrayLike<number>;
  readonly tcpFlags: ArrayLike<number>;
  readonly tcpLen: ArrayLike<number>;
  /** tcp.analysis.* as the bits of TcpFlag (src/core/analysis/tcp/tcp-flags.ts). */
  readonly analysisFlags: ArrayLike<number>;
  /** Sparse, by frame index. */
  readonly radius: ReadonlyMap<number, RadiusFields>;
  readonly dns: ReadonlyMap<number, DnsFields>;
  readonly tls: ReadonlyMap<number, TlsFields>;
  readonly http: ReadonlyMap<number, HttpFields>;
  /** Evidence frames (frame indices, 0-based) of each finding, by catalogue id. */
  readonly findings: ReadonlyMap<string, ReadonlySet<number>>;
}
