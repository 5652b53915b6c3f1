// The TCP byte streams of one pass, shared by the parsers that sit on them (TLS, HTTP CONNECT, DNS over
// TCP...). Each frame of the pass goes in once; a flow is offered, at its first payload, to the registered
// claimers in order (ports, first bytes), and the first to claim it owns its two directions' sinks. An owner
// can later hand the bytes of a direction from a given offset on to another sink (HTTP CONNECT -> TLS to the
// target host; STARTTLS), slow a direction down to no copies (IN_ORDER) or release the flow. Flows nobody
// claims are remembered in one byte per stream number and skipped without any allocation.
//
// Sequence numbers are the tracker's relative ones (tcp-streams.ts: a direction's first byte is relative
// sequence 1 whether or not its SYN was seen, as Wireshark numbers them), so a flow needs no state of its own
// before its first payload.

import { LIMITS, type LimitHits } from '../../base/limits.ts';
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, Proto } from '../../dissect/packet.ts';
import type { FrameVisit } from '../frame-visit.ts';
import { ByteStream, DEFAULT_REASSEMBLY_LIMITS, MemoryBudget, StreamMode, type ByteSink, type ReassemblyLimits, type StreamModeCode } from './tcp-reassembly.ts';

/** What a claimer sees of a flow's first payload. `data[start..end)` is valid only during the call. */
export interface FlowStart {
  stream: number;
  /** The payload goes from endpoint A (the first packet's sender) to B. */
  fromA: boolean;
  srcPort: number;
  dstPort: number;
  frame: number;
  data: Uint8Array;
  start: number;
  end: number;
}

/** The owner of a flow: one sink per direction (null: that direction's bytes are not wanted). */
export interface FlowHandler {
  sinkA: ByteSink | null;
  sinkB: ByteSink | null;
  /** The flow's state is being dropped (both directions ended, or released). */
  closed?(): void;
}

export type FlowClaimer = (flow: FlowStart) => FlowHandler | null;

export interface RouterOptions {
  limits?: Partial<ReassemblyLimits>;
  budget?: MemoryBudget;
  /** Flows followed at once; later flows are not claimed (counted in stats.flowsRefused, limit.tcp.followed). */
  maxFlows?: number;
  /** Where limits hit are noted (the budget's too, when the router makes it). */
  hits?: LimitHits;
}

interface Flow {
  handler: FlowHandler;
  a: ByteStream;
  b: ByteStream;
}

const IGNORED = 1;
const DONE = 2;

export class TcpReassemblyRouter {
  readonly budget: MemoryBudget;
  readonly limits: ReassemblyLimits;
  readonly stats = { flowsClaimed: 0, flowsIgnored: 0, flowsRefused: 0 };
  private readonly claimers: FlowClaimer[] = [];
  /** Followed flows by stream number (stream numbers are dense from 0: an array, no hashing per segment). */
  private readonly flows: (Flow | undefined)[] = [];
  private flowCount = 0;
  /** Per stream number: 0 unseen or followed, IGNORED, DONE. */
  private status = new Uint8Array(1024);
  private readonly maxFlows: number;
  private readonly hits: LimitHits | null;

  constructor(opts: RouterOptions = {}) {
    this.budget = opts.budget ?? new MemoryBudget(LIMITS.tcpBufferedBytes, opts.hits ?? null);
    this.limits = { ...DEFAULT_REASSEMBLY_LIMITS, ...opts.limits };
    this.maxFlows = opts.maxFlows ?? LIMITS.tcpFollowedFlows;
    this.hits = opts.hits ?? null;
  }

  /** Claimers are asked in the order they were added. */
  addClaimer(c: FlowClaimer): void {
    this.claimers.push(c);
  }

  get activeFlows(): number {
    return this.flowCount;
  }

  /** One frame of the pass (non-TCP frames are ignored). */
  onTcp(v: FrameVisit): void {
    const t = v.tcp;
    const p = v.packet;
    if (t === null || p.proto !== Proto.TCP) return;
    const id = t.stream;
    if (id < this.status.length && this.status[id] !== 0) return;
    let flow = this.flows[id];
    const flags = p.tcpFlags;
    if (flow === undefined) {
      if (p.payloadLen === 0 || flags & TCP_RST) return;
      flow = this.claim(v);
      if (flow === undefined) return;
    }
    const frame = v.raw.number;
    const fwd = t.fromA ? flow.a : flow.b;
    const rev = t.fromA ? flow.b : flow.a;
    // a SYN takes one sequence number; data on a SYN (TCP Fast Open, RFC 7413) starts after it
    const seq = flags & TCP_SYN ? (t.seqRel + 1) >>> 0 : t.seqRel;
    if (p.tcpLen > 0) fwd.push(seq, p.payload, p.payloadAt, p.payloadAt + p.payloadLen, p.tcpLen, frame);
    if (flags & TCP_ACK) rev.ack(t.ackRel, frame);
    if (flags & TCP_FIN) fwd.fin((seq + p.tcpLen) >>> 0, frame);
    if (flags & TCP_RST) fwd.reset(frame);
    if (fwd.finished && rev.finished) this.drop(id, flow);
  }

  /** A direction's byte stream (to change its mode or sink), or null when the flow is not followed. */
  stream(id: number, fromA: boolean): ByteStream | null {
    const f = this.flows[id];
    return f === undefined ? null : fromA ? f.a : f.b;
  }

  /** Bytes of one direction from `offset` on go to `sink` (a protocol switch). False if the flow is not followed. */
  handoff(id: number, fromA: boolean, offset: number, sink: ByteSink | null): boolean {
    const s = this.stream(id, fromA);
    if (s === null) return false;
    s.switchSink(offset, sink);
    return true;
  }

  setMode(id: number, fromA: boolean, mode: StreamModeCode): void {
    this.stream(id, fromA)?.setMode(mode);
  }

  /** The owner is done with the flow: its state is dropped and its later frames skipped. */
  release(id: number): void {
    const f = this.flows[id];
    if (f !== undefined) this.drop(id, f);
  }

  private claim(v: FrameVisit): Flow | undefined {
    const t = v.tcp!;
    const p = v.packet;
    const id = t.stream;
    if (this.flowCount >= this.maxFlows) {
      this.stats.flowsRefused++;
      const max = this.maxFlows;
      this.hits?.hit('limit.tcp.followed', () => `radscope was following ${max.toLocaleString('en-US')} TCP connections for TLS, HTTP and DNS at once; TCP stream ${id} and later new ones were not followed (their TCP flags are still analysed)`);
      this.mark(id, IGNORED);
      return undefined;
    }
    const start: FlowStart = {
      stream: id,
      fromA: t.fromA,
      srcPort: p.srcPort,
      dstPort: p.dstPort,
      frame: v.raw.number,
      data: p.payload,
      start: p.payloadAt,
      end: p.payloadAt + p.payloadLen,
    };
    for (const c of this.claimers) {
      const handler = c(start);
      if (handler === null) continue;
      // relative sequence numbers: each direction's first byte is 1 (tcp-streams.ts)
      const flow: Flow = {
        handler,
        a: new ByteStream(1, handler.sinkA, this.budget, this.limits, handler.sinkA === null ? StreamMode.OFF : StreamMode.HOLD),
        b: new ByteStream(1, handler.sinkB, this.budget, this.limits, handler.sinkB === null ? StreamMode.OFF : StreamMode.HOLD),
      };
      flow.a.id = flow.b.id = id;
      this.flows[id] = flow;
      this.flowCount++;
      this.stats.flowsClaimed++;
      return flow;
    }
    this.stats.flowsIgnored++;
    this.mark(id, IGNORED);
    return undefined;
  }

  private drop(id: number, f: Flow): void {
    f.a.release();
    f.b.release();
    this.flows[id] = undefined;
    this.flowCount--;
    this.mark(id, DONE);
    f.handler.closed?.();
  }

  private mark(id: number, status: number): void {
    if (id >= this.status.length) {
      let n = this.status.length;
      while (n <= id) n *= 2;
      const grown = new Uint8Array(n);
      grown.set(this.status);
      this.status = grown;
    }
    this.status[id] = status;
  }
}
