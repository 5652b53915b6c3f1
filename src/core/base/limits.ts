// The bounds that keep a hostile capture from exhausting memory or time, in one place (listed with what
// happens when each is hit in src/core/README.md, "Limits"), and the record of which were hit. A module that
// enforces a bound takes its number from here (tests inject smaller ones) and calls LimitHits.hit() on the
// rare path where the bound bites; the pass turns each kind hit into ONE diagnostic with the frame and file
// offset of its first hit and the number of hits, so a limit never changes results silently.

import type { Diagnostic } from './diagnostics.ts';

export const LIMITS = {
  /** Captured bytes of one record: wiretap's WTAP_MAX_PACKET_SIZE_STANDARD (formats/frame-sink.ts). */
  recordBytes: 262_144,
  /** IP datagrams waiting for fragments at once; the oldest is dropped (FreeBSD's net.inet.ip.maxfragpackets idea). */
  fragmentDatagrams: 4096,
  /** Fragments of one datagram: 2.5x the 52 a 65,535-octet datagram needs at IPv6's minimum MTU of 1280. */
  fragmentsPerDatagram: 128,
  /** Bytes held in incomplete datagrams together; the oldest are dropped (Linux's ipfrag_high_thresh is 4 MiB). */
  fragmentBytes: 16 << 20,
  /** Out-of-order bytes held per TCP direction, waiting for a hole to fill (tcp-reassembly.ts). */
  tcpHeldBytes: 256 << 10,
  /** Out-of-order segments held per TCP direction. */
  tcpHeldSegments: 64,
  /** Bytes all TCP directions and their parsers (TLS, HTTP) may hold together. */
  tcpBufferedBytes: 32 << 20,
  /** TCP flows whose bytes are followed for TLS, HTTP and DNS at once; later flows are not followed. */
  tcpFollowedFlows: 65_536,
  /** TCP flows with sequence-analysis and reassembly state; the least recently seen loses it (Suricata's flow hash size). */
  tcpTrackedFlows: 65_536,
  /** TCP and UDP conversations recorded (summary, connection events); later ones are counted (flow-recording.ts). */
  recordedFlows: 500_000,
  /** TCP connections of the RADIUS servers still recorded past recordedFlows (what the diagnosis reads). */
  recordedServerFlows: 100_000,
  /** TLS connection states kept for the diagnosis (tls-tracker.ts). */
  tlsConnections: 100_000,
  /** RADIUS attributes decoded per packet: 4,096 octets hold at most 2,038 (dissect/radius.ts). */
  radiusAttributes: 1024,
  /** Diagnostics kept from one pass (pipeline.ts). */
  keptDiagnostics: 10_000,
} as const;

export type Limits = { -readonly [K in keyof typeof LIMITS]: number };

/** The diagnostic id of each limit kind (stable, as finding ids are). */
export type LimitId =
  | 'limit.ip.fragments'
  | 'limit.ip.fragment.bytes'
  | 'limit.ip.fragment.count'
  | 'limit.tcp.reassembly'
  | 'limit.tcp.memory'
  | 'limit.tcp.followed'
  | 'limit.tcp.flows'
  | 'limit.flows.recorded'
  | 'limit.tls.connections'
  | 'limit.radius.attributes';

interface Hit {
  frame: number;
  fileOffset: number;
  count: number;
  message: string;
}

/** Where the pass is: the frame being read (set once per frame by the pass; 0 outside one). */
export interface FramePosition {
  number: number;
  fileOffset: number;
}

const NOWHERE: FramePosition = { number: 0, fileOffset: -1 };

/**
 * Which limits were hit. `hit()` is for the rare path only (it may build a string the first time); the pass
 * points `at` at its reused frame object once, so a hit knows its frame and offset without being told.
 */
export class LimitHits {
  at: FramePosition = NOWHERE;
  private readonly hits = new Map<LimitId, Hit>();

  /** Notes one hit. `message` (made only for the first) says what radscope did, e.g. "stopped following ...". */
  hit(id: LimitId, message: () => string): void {
    const h = this.hits.get(id);
    if (h !== undefined) {
      h.count++;
      return;
    }
    this.hits.set(id, { frame: this.at.number, fileOffset: this.at.fileOffset, count: 1, message: message() });
  }

  /** How often the limit was hit (0: never). */
  count(id: LimitId): number {
    return this.hits.get(id)?.count ?? 0;
  }

  get size(): number {
    return this.hits.size;
  }

  /** One warning per limit kind hit, in the order first hit. */
  diagnostics(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const [id, h] of this.hits) {
      const where = h.frame > 0 ? ` (first in frame ${h.frame}` + (h.count > 1 ? `; ${h.count.toLocaleString('en-US')} times in all)` : ')') : h.count > 1 ? ` (${h.count.toLocaleString('en-US')} times)` : '';
      out.push({
        id,
        severity: 'warning',
        message: `Limit reached: ${h.message}${where}.`,
        ...(h.frame > 0 ? { frame: h.frame } : {}),
        ...(h.fileOffset >= 0 ? { fileOffset: h.fileOffset } : {}),
      });
    }
    return out;
  }
}
