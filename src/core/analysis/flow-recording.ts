// Which conversations get a record (a Zeek-style summary and, for TCP, the connection's events): every one up
// to LIMITS.recordedFlows, TCP and UDP together, so a capture of millions of one-packet flows (a SYN flood, a
// port scan) cannot exhaust memory; past it new ones are counted, not recorded (limit.flows.recorded). Like
// Suricata's flow engine under its memcap we decide when a flow is first seen and keep what we have, but we
// keep the old ones rather than evict: they are the capture's start, where the RADIUS failure usually is.
//
// The diagnosis only reads the TCP connections the RADIUS servers open (correlate.ts), so those are still
// recorded past the bound, up to LIMITS.recordedServerFlows more: a connection whose client is an address
// that has received an Access-Request (or answered one) so far in the pass, or one the caller named as a
// RADIUS server. A connection the server opens before its first request is seen is not kept past the bound;
// it could not be linked to a request anyway (a request's window starts with the request).
//
// TCP records are found by stream number through one Int32Array (4 bytes a stream), so the records stay
// dense and in stream order (the order tshark and the conversation list use).

import { LIMITS, type LimitHits } from '../base/limits.ts';
import { TCP_ACK, TCP_SYN, type Packet } from '../dissect/packet.ts';

export interface FlowRecordingOptions {
  /** Conversations recorded, TCP and UDP together (default LIMITS.recordedFlows). */
  max?: number;
  /** TCP connections of the RADIUS servers recorded past `max` (default LIMITS.recordedServerFlows). */
  serverReserve?: number;
  /** RADIUS server addresses named by the caller (besides those the capture shows). */
  servers?: readonly string[];
  hits?: LimitHits;
}

const NOT_RECORDED = -1;
const ACCESS_REQUEST = 1; // RFC 2865 section 4.1
const RESPONSES = new Set([2, 3, 11]); // Access-Accept, Access-Reject, Access-Challenge (RFC 2865 section 4)

export class FlowRecording {
  /** Conversations recorded (TCP + UDP), and TCP records (their indexes run 0..tcpRecords-1). */
  recorded = 0;
  tcpRecords = 0;
  /** TCP conversations not recorded, and UDP datagrams that would have begun a conversation. */
  tcpSkipped = 0;
  udpSkipped = 0;
  private readonly max: number;
  private readonly hardMax: number;
  private readonly servers: Set<string>;
  private readonly hits: LimitHits | null;
  /** Stream number -> record index, or NOT_RECORDED; `decided` streams have an entry. */
  private slots = new Int32Array(4096);
  private decided = 0;

  constructor(opts: FlowRecordingOptions = {}) {
    this.max = Math.max(0, opts.max ?? LIMITS.recordedFlows);
    this.hardMax = this.max + Math.max(0, opts.serverReserve ?? LIMITS.recordedServerFlows);
    this.servers = new Set(opts.servers ?? []);
    this.hits = opts.hits ?? null;
  }

  /** A RADIUS packet of the pass: an Access-Request's destination and an answer's source are RADIUS servers. */
  noteRadius(code: number, src: string, dst: string): void {
    if (code === ACCESS_REQUEST) this.servers.add(dst);
    else if (RESPONSES.has(code)) this.servers.add(src);
  }

  /** The record index of a TCP segment's stream, or -1 when it is not recorded. Streams arrive in order: a
   * stream number not seen yet is the next one (TcpStreams numbers them so). */
  tcp(stream: number, p: Packet): number {
    if (stream < this.decided) return this.slots[stream]!;
    if (stream >= this.slots.length) {
      const next = new Int32Array(this.slots.length * 2);
      next.set(this.slots);
      this.slots = next;
    }
    this.decided = stream + 1;
    let slot = NOT_RECORDED;
    if (this.recorded < this.max || (this.recorded < this.hardMax && this.servers.size > 0 && this.servers.has(clientOf(p)))) {
      slot = this.tcpRecords++;
      this.recorded++;
    } else {
      this.tcpSkipped++;
      this.limitHit();
    }
    this.slots[stream] = slot;
    return slot;
  }

  /** Whether a UDP datagram that begins a conversation gets a record. */
  udp(): boolean {
    if (this.recorded < this.max) {
      this.recorded++;
      return true;
    }
    this.udpSkipped++;
    this.limitHit();
    return false;
  }

  private limitHit(): void {
    const max = this.max;
    const reserve = this.hardMax - this.max;
    this.hits?.hit(
      'limit.flows.recorded',
      () =>
        `radscope recorded ${max.toLocaleString('en-US')} TCP and UDP conversations and did not record later ones (their packets are still decoded and analysed, and TCP streams numbered as tshark does, but the conversation list and the diagnosis lack them); up to ${reserve.toLocaleString('en-US')} more TCP connections opened by the RADIUS servers are still recorded`,
    );
  }
}

/** The client of a TCP connection at its first segment: a SYN/ACK's receiver, else the sender (as TcpAttempts). */
function clientOf(p: Packet): string {
  return (p.tcpFlags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK) ? p.dst() : p.src();
}
