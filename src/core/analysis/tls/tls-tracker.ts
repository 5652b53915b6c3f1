// TLS over the TCP byte streams of one pass. A flow is TLS when a side uses a TLS port (443 by default, as
// Wireshark's port table has it) or when its first payload looks like a TLS record or an SSL 2.0-compatible
// ClientHello (dissect_ssl_heur); another parser can also feed a connection with tunnel bytes (after an HTTP
// CONNECT, or STARTTLS) through openTunnel()/tunnelData().
//
// Plain use (the tracker owns its reassembler):   const info = tls.onTcp(v)   // per frame, null if no TLS
// Shared reassembler (HTTP, DNS over TCP on the same streams):
//   const router = new TcpReassemblyRouter(); const tls = new TlsTracker({ router }); ...register others...
//   per frame: tls.beginFrame(n); router.onTcp(v); const info = tls.endFrame();
// The info object is reused for every frame; connections() gives each connection's state for diagnosis.

import { LIMITS, type LimitHits } from '../../base/limits.ts';
import type { FrameVisit } from '../frame-visit.ts';
import { StreamMode, type ByteSink, type MemoryBudget, type ReassemblyLimits } from '../tcp/tcp-reassembly.ts';
import { TcpReassemblyRouter, type FlowHandler, type FlowStart } from '../tcp/tcp-reassembly-router.ts';
import { looksLikeTlsRecord, looksLikeV2ClientHello } from '../../dissect/tls-record.ts';
import { TlsConnection, type TlsFrameContext } from './tls-connection.ts';
import type { TlsConnectionState } from './tls-connection-state.ts';
import { hasTls, newTlsFrameInfo, resetTlsFrameInfo, type TlsFrameInfo, type TlsFrameInfoState } from './tls-frame-info.ts';

export interface TlsTrackerOptions {
  /** A reassembler shared with other parsers; by default the tracker makes its own. */
  router?: TcpReassemblyRouter;
  /** Ports whose flows are TLS whatever their first bytes (default [443]). */
  ports?: number[];
  limits?: Partial<ReassemblyLimits>;
  budget?: MemoryBudget;
  /** Connection states kept for connections(); later ones are counted in `dropped` (limit.tls.connections). */
  maxConnections?: number;
  /** Where limits hit are noted. */
  hits?: LimitHits;
}

export class TlsTracker implements TlsFrameContext {
  readonly router: TcpReassemblyRouter;
  frame = 0;
  /** Connection states not kept because of maxConnections. */
  dropped = 0;
  private readonly ownsRouter: boolean;
  private readonly ports: Set<number>;
  private readonly maxConnections: number;
  private readonly hits: LimitHits | null;
  private readonly info = newTlsFrameInfo();
  private touched = false;
  private readonly live = new Map<number, TlsConnection>();
  private readonly tunnels = new Map<number, TlsConnection>();
  private readonly done: TlsConnectionState[] = [];

  constructor(opts: TlsTrackerOptions = {}) {
    this.ownsRouter = opts.router === undefined;
    this.router = opts.router ?? new TcpReassemblyRouter({ ...(opts.limits ? { limits: opts.limits } : {}), ...(opts.budget ? { budget: opts.budget } : {}) });
    this.ports = new Set(opts.ports ?? [443]);
    this.maxConnections = opts.maxConnections ?? LIMITS.tlsConnections;
    this.hits = opts.hits ?? null;
    this.router.addClaimer((f) => this.claim(f));
  }

  /** One frame of the pass, when the tracker owns its reassembler. */
  onTcp(v: FrameVisit): TlsFrameInfo | null {
    this.beginFrame(v.raw.number);
    if (this.ownsRouter) this.router.onTcp(v);
    return this.endFrame();
  }

  beginFrame(frame: number): void {
    this.frame = frame;
    this.touched = false;
  }

  /** The TLS seen in the frame since beginFrame (a reused object), or null. */
  endFrame(): TlsFrameInfo | null {
    return this.touched && hasTls(this.info) ? this.info : null;
  }

  frameInfo(c: TlsConnection, side: 0 | 1): TlsFrameInfoState {
    if (!this.touched) {
      this.touched = true;
      resetTlsFrameInfo(this.info, this.frame);
      this.info.stream = c.record.stream;
      this.info.fromClient = c.isClient(side);
    }
    return this.info;
  }

  /**
   * A TLS connection fed by another parser (e.g. after an HTTP CONNECT's 2xx answer): returns one sink per
   * direction, for ByteStream.switchSink / TcpReassemblyRouter.handoff or direct calls. `stream` is the TCP
   * stream that carries the tunnel.
   */
  openTunnel(stream: number): { client: ByteSink; server: ByteSink } {
    let c = this.tunnels.get(stream);
    if (c === undefined) {
      c = new TlsConnection(stream, this, this.router.budget, 0, true);
      this.tunnels.set(stream, c);
    }
    return { client: c.readers[0], server: c.readers[1] };
  }

  /** Tunnel bytes of one direction in order (the shape of HttpEvents.tunnelData); `offset` of bytes[0]. */
  tunnelData(stream: number, fromClient: boolean, bytes: Uint8Array, frame: number, offset: number): void {
    const t = this.openTunnel(stream);
    (fromClient ? t.client : t.server).data(bytes, 0, bytes.length, offset, frame);
  }

  /** The tunnel is over (its TCP stream ended): its state is kept, its readers dropped. */
  closeTunnel(stream: number): void {
    const c = this.tunnels.get(stream);
    if (c === undefined) return;
    this.tunnels.delete(stream);
    this.keep(c);
  }

  /** Every connection seen so far, finished ones first. */
  connections(): TlsConnectionState[] {
    const out = [...this.done];
    for (const c of this.live.values()) out.push(c.record.snapshot());
    for (const c of this.tunnels.values()) out.push(c.record.snapshot());
    return out;
  }

  private claim(f: FlowStart): FlowHandler | null {
    const byPort = this.ports.has(f.dstPort) || this.ports.has(f.srcPort);
    const n = f.end - f.start;
    const looks = (n >= 5 && looksLikeTlsRecord(f.data, f.start)) || looksLikeV2ClientHello(f.data, f.start, f.end);
    if (!byPort && !looks) return null;
    // who is the client until a hello says: the side talking to a TLS port, else the first payload's sender
    const senderSide = f.fromA ? 0 : 1;
    const guess: 0 | 1 = this.ports.has(f.dstPort) ? senderSide : this.ports.has(f.srcPort) ? (senderSide === 0 ? 1 : 0) : senderSide;
    const id = f.stream;
    const router = this.router;
    const c = new TlsConnection(id, this, router.budget, guess, false, {
      inOrder: (side) => router.setMode(id, side === 0, StreamMode.IN_ORDER),
      off: (side) => router.setMode(id, side === 0, StreamMode.OFF),
    });
    this.live.set(id, c);
    return {
      sinkA: c.readers[0],
      sinkB: c.readers[1],
      closed: () => {
        this.live.delete(id);
        this.keep(c);
      },
    };
  }

  private keep(c: TlsConnection): void {
    if (c.record.firstFrame === 0) return; // never carried a record
    if (this.done.length < this.maxConnections) this.done.push(c.record.snapshot());
    else {
      this.dropped++;
      const max = this.maxConnections;
      const stream = c.record.stream;
      this.hits?.hit('limit.tls.connections', () => `radscope kept ${max.toLocaleString('en-US')} finished TLS connections for the diagnosis; TCP stream ${stream}'s and later ones were not kept`);
    }
  }
}
