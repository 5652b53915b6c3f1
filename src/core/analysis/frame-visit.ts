// What one pass over a capture shows its visitors for each frame (all objects reused for the next frame).

import type { Packet } from '../dissect/packet.ts';
import type { RawFrame } from '../formats/raw-frame.ts';
import type { DnsFrameInfo } from './dns/dns-analysis.ts';
import type { HttpFrameInfo } from './http/http-tracker.ts';
import type { RadiusFrameInfo } from './radius/radius-types.ts';
import type { TlsFrameInfo } from './tls/tls-frame-info.ts';
import type { TcpAnalysis } from './tcp/tcp-analysis.ts';
import type { TcpStreams } from './tcp/tcp-streams.ts';

export interface FrameVisit {
  raw: RawFrame;
  packet: Packet;
  /** TCP stream state for TCP frames (stream, seqRel, ackRel...), else null. */
  tcp: TcpStreams | null;
  /** Wireshark's tcp.analysis results for TCP frames (flags, dup ACK number/frame, ACK'd frame), else null. */
  tcpAnalysis: TcpAnalysis | null;
  /** RADIUS info of this frame as known now (a request's rspFrame comes later: see ScanResult.radius). */
  radius: RadiusFrameInfo | null;
  /** DNS message completed in this frame (the first when several), else null. */
  dns: DnsFrameInfo | null;
  /** HTTP message completed in this frame (the first when several), else null. */
  http: HttpFrameInfo | null;
  /** TLS records and handshake messages completed in this frame (a reused object), else null. */
  tls: TlsFrameInfo | null;
}
