// Columns from a list of plain rows, one per frame: for tests and small tools. Real captures go through
// FilterColumnsBuilder (typed arrays filled during the one pass).

import { AddressTable } from './address.ts';
import { Layer, type DnsFields, type FrameColumns, type HttpFields, type RadiusFields, type TlsFields } from './columns.ts';

export interface FrameRow {
  /** Transport or link protocol: sets the tcp/udp/arp/icmp/icmpv6 layer. IP comes from the addresses. */
  proto?: 'tcp' | 'udp' | 'arp' | 'icmp' | 'icmpv6';
  src?: string;
  dst?: string;
  srcPort?: number;
  dstPort?: number;
  /** frame.len (default 60) and frame.cap_len (default len). */
  len?: number;
  capLen?: number;
  /** Time since the epoch in seconds (default: the frame index, one frame a second); exact as sec + nsec. */
  sec?: number;
  nsec?: number;
  stream?: number;
  tcpFlags?: number;
  tcpLen?: number;
  /** TcpFlag bits. */
  analysis?: number;
  radius?: RadiusFields;
  dns?: Partial<DnsFields>;
  tls?: Partial<TlsFields>;
  http?: Partial<HttpFields>;
  /** Finding ids whose evidence includes this frame. */
  findings?: string[];
}

const PROTO_LAYER = { tcp: Layer.TCP, udp: Layer.UDP, arp: Layer.ARP, icmp: Layer.ICMP, icmpv6: Layer.ICMPV6 } as const;

export function memoryColumns(rows: readonly FrameRow[]): FrameColumns {
  const addresses = new AddressTable();
  const radius = new Map<number, RadiusFields>();
  const dns = new Map<number, DnsFields>();
  const tls = new Map<number, TlsFields>();
  const http = new Map<number, HttpFields>();
  const findings = new Map<string, Set<number>>();
  const col = (pick: (r: FrameRow, i: number) => number) => rows.map(pick);
  const layers = rows.map((r, i) => {
    let bits = r.proto !== undefined ? PROTO_LAYER[r.proto] : 0;
    const src = r.src !== undefined ? addresses.intern(r.src) : 0;
    if (src !== 0) bits |= addresses.version(src) === 4 ? Layer.IP : Layer.IPV6;
    if (r.radius) {
      radius.set(i, r.radius);
      bits |= Layer.RADIUS;
    }
    if (r.dns) {
      dns.set(i, { id: 0, response: false, rcode: null, names: [], types: [], ...r.dns });
      bits |= Layer.DNS;
    }
    if (r.tls) {
      tls.set(i, { handshake: [], contentTypes: [], sni: null, alertLevels: [], alertDescriptions: [], ...r.tls });
      bits |= Layer.TLS;
    }
    if (r.http) {
      http.set(i, { method: null, uri: null, status: null, ...r.http });
      bits |= Layer.HTTP;
    }
    for (const id of r.findings ?? []) {
      if (!findings.has(id)) findings.set(id, new Set());
      findings.get(id)!.add(i);
    }
    return bits;
  });
  return {
    count: rows.length,
    layers,
    len: col((r) => r.len ?? 60),
    capLen: col((r) => r.capLen ?? r.len ?? 60),
    sec: col((r, i) => r.sec ?? i),
    nsec: col((r) => r.nsec ?? 0),
    addresses,
    srcAddr: col((r) => (r.src !== undefined ? addresses.intern(r.src) : 0)),
    dstAddr: col((r) => (r.dst !== undefined ? addresses.intern(r.dst) : 0)),
    srcPort: col((r) => r.srcPort ?? 0),
    dstPort: col((r) => r.dstPort ?? 0),
    stream: col((r) => r.stream ?? (r.proto === 'tcp' ? 0 : -1)),
    tcpFlags: col((r) => r.tcpFlags ?? 0),
    tcpLen: col((r) => r.tcpLen ?? 0),
    analysisFlags: col((r) => r.analysis ?? 0),
    radius,
    dns,
    tls,
    http,
    findings,
  };
}
