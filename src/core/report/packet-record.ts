// One frame as `radscope packets --json` prints it. These keys are a public contract (issue "Foundation"):
// later stages add keys, never rename these.

import { formatEpoch } from '../base/time.ts';
import type { FrameVisit } from '../analysis/frame-visit.ts';
import { PROTO_NAMES, Proto } from '../dissect/packet.ts';
import { packetInfo } from './packet-info.ts';
import { dnsInfo, httpInfo, tlsInfo } from './app-info.ts';
import { copyDnsFrameInfo, type DnsFrameInfo } from '../analysis/dns/dns-analysis.ts';
import type { HttpFrameInfo } from '../analysis/http/http-tracker.ts';
import { tlsFrameRecord, type TlsFrameRecord } from '../analysis/tls/tls-frame-info.ts';
import { tcpFlagNames } from '../analysis/tcp/tcp-flags.ts';
import { radiusInfoText, radiusRecord } from '../analysis/radius/radius-record.ts';
import type { RadiusFrameInfo, RadiusRecord } from '../analysis/radius/radius-types.ts';

export interface PacketRecord {
  frame: number;
  /** Seconds since the epoch, 9 fractional digits; null for a frame without a time stamp. */
  time: string | null;
  /** Seconds from the first frame that has a time stamp (null when this frame has none). */
  timeRel: number | null;
  len: number;
  capLen: number;
  src: string | null;
  dst: string | null;
  srcPort: number | null;
  dstPort: number | null;
  protocol: string;
  tcp: { seq: number; ack: number; seqRel: number; ackRel: number; len: number; flags: number; stream: number } | null;
  /** Wireshark's tcp.analysis flag names for this frame (e.g. "retransmission"); [] when none or not TCP. */
  tcpAnalysis: string[];
  /** RADIUS: code, id, reqFrame/rspFrame (frame numbers or null), dup (the original request) and time (s). */
  radius: RadiusRecord | null;
  /** DNS message completed in this frame: id, response, qname, qtype, rcode, rcodeName, answers [{type, value}],
   * questions [{name, type}], records [{section, type, value}] (every section), headerRcode. */
  dns: DnsFrameInfo | null;
  /** HTTP message completed in this frame: method and target (request) or status (response). */
  http: HttpFrameInfo | null;
  /** TLS in this frame: handshake types, sni, alert {level, description}, ja4 (and ja3, alpn, versions...). */
  tls: TlsFrameRecord | null;
  /** For a duplicate ACK: its number and the frame it duplicates (tcp.analysis.duplicate_ack_num / _frame). */
  dupAck: { num: number; frame: number } | null;
  /** The frame whose segment this ACK acknowledges, and the round-trip time in seconds. */
  acks: { frame: number; rtt: number } | null;
  vlan: number[];
  info: string;
  problems: { kind: string; layer: string; offset: number; message: string }[];
}

export class PacketRecordBuilder {
  private t0Sec = NaN;
  private t0Nsec = 0;

  /**
   * `after` gives what a finished pass knows of a frame (a request's rspFrame, a request recognised only when
   * its answer came): pass it when the records are printed in a second reading of the capture.
   */
  constructor(private readonly after?: { radius(frame: number): RadiusFrameInfo | undefined }) {}

  build(v: FrameVisit): PacketRecord {
    const { raw, packet: p, tcp } = v;
    if (raw.hasTime && Number.isNaN(this.t0Sec)) {
      this.t0Sec = raw.sec;
      this.t0Nsec = raw.nsec;
    }
    const rad = this.after ? (this.after.radius(raw.number) ?? null) : v.radius;
    const hasPorts = p.proto === Proto.TCP || p.proto === Proto.UDP || p.portsOnly;
    return {
      frame: raw.number,
      time: raw.hasTime ? formatEpoch(raw.sec, raw.nsec) : null,
      timeRel: raw.hasTime ? raw.sec - this.t0Sec + (raw.nsec - this.t0Nsec) / 1e9 : null,
      len: raw.origLen,
      capLen: raw.capLen,
      src: p.hasIp ? p.src() : null,
      dst: p.hasIp && p.ipDstAt >= 0 ? p.dst() : null,
      srcPort: hasPorts ? p.srcPort : null,
      dstPort: hasPorts ? p.dstPort : null,
      protocol: rad ? 'RADIUS' : v.tls ? 'TLS' : v.http ? 'HTTP' : v.dns ? 'DNS' : (PROTO_NAMES[p.proto] ?? ''),
      tcp:
        tcp === null
          ? null
          : { seq: p.tcpSeq, ack: p.tcpAck, seqRel: tcp.seqRel, ackRel: tcp.ackRel, len: p.tcpLen, flags: p.tcpFlags, stream: tcp.stream },
      tcpAnalysis: v.tcpAnalysis ? tcpFlagNames(v.tcpAnalysis.flags) : [],
      radius: rad ? radiusRecord(rad) : null,
      dns: v.dns ? copyDnsFrameInfo(v.dns) : null,
      http: v.http ? { ...v.http } : null,
      tls: v.tls ? tlsFrameRecord(v.tls) : null,
      dupAck: v.tcpAnalysis && v.tcpAnalysis.dupAckNum > 0 ? { num: v.tcpAnalysis.dupAckNum, frame: v.tcpAnalysis.dupAckFrame } : null,
      acks: v.tcpAnalysis && v.tcpAnalysis.acksFrame > 0 ? { frame: v.tcpAnalysis.acksFrame, rtt: v.tcpAnalysis.ackRtt } : null,
      vlan: p.vlanIds.slice(0, p.vlanCount),
      info: rad ? radiusInfoText(rad) : v.tls ? tlsInfo(v.tls) : v.http ? httpInfo(v.http) : v.dns ? dnsInfo(v.dns) : packetInfo(v),
      problems: p.problems.map((x) => ({ ...x })),
    };
  }
}
