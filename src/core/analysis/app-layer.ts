// The application layers of the one pass, composed on shared TCP byte streams: DNS (UDP and TCP), TLS, and
// HTTP with CONNECT tunnels whose bytes go on to TLS as the connection to the target host. The order of
// claims on a new TCP flow: DNS by port, then TLS (port 443 or a TLS record), then HTTP (a request or
// status line at the start of the stream).

import type { LimitHits } from '../base/limits.ts';
import { classifyHttpStart } from '../dissect/http-head.ts';
import { dnsFlavourOf } from '../dissect/dns-codes.ts';
import { Proto, type Packet } from '../dissect/packet.ts';
import { DnsAnalysis, dnsFrameInfo, type DnsFrameInfo } from './dns/dns-analysis.ts';
import type { DnsMessage } from '../dissect/dns-message.ts';
import type { FrameVisit } from './frame-visit.ts';
import { HttpTracker, type HttpFrameInfo } from './http/http-tracker.ts';
import { TcpReassemblyRouter, type FlowHandler, type FlowStart, type RouterOptions } from './tcp/tcp-reassembly-router.ts';
import type { ByteSink } from './tcp/tcp-reassembly.ts';
import { TlsTracker } from './tls/tls-tracker.ts';
import type { TlsFrameInfo } from './tls/tls-frame-info.ts';

export class AppLayer {
  readonly router: TcpReassemblyRouter;
  readonly dns: DnsAnalysis;
  readonly tls: TlsTracker;
  readonly http: HttpTracker;

  // What the frame being read completed (reused between frames; the first message when several).
  httpInfo: HttpFrameInfo | null = null;
  tlsInfo: TlsFrameInfo | null = null;

  /** The DNS message the frame completed; its per-frame info is made only when asked for (`dnsInfo`). */
  private dnsMessage: DnsMessage | null = null;
  private dnsFrame: DnsFrameInfo | null = null;
  private frame = 0;
  private sec = 0;
  private nsec = 0;
  private packet: Packet | null = null;
  /** Which side of a tunnelled stream is the HTTP client (the side that sent CONNECT). */
  private readonly tunnelClientIsA = new Map<number, boolean>();

  /** `router` options and `hits` (where limits hit are noted) are for the pass and tests. */
  constructor(opts: { hits?: LimitHits; router?: Omit<RouterOptions, 'hits'>; tlsConnections?: number } = {}) {
    this.router = new TcpReassemblyRouter({ ...opts.router, ...(opts.hits ? { hits: opts.hits } : {}) });
    this.dns = new DnsAnalysis((d) => {
      if (d.frame === this.frame && this.dnsMessage === null) this.dnsMessage = d.message;
    });
    this.router.addClaimer((f) => this.claimDns(f));
    // registers its own claimer, second
    this.tls = new TlsTracker({ router: this.router, ...(opts.hits ? { hits: opts.hits } : {}), ...(opts.tlsConnections ? { maxConnections: opts.tlsConnections } : {}) });
    this.http = new HttpTracker({
      message: (info, frame) => {
        if (frame === this.frame && this.httpInfo === null) this.httpInfo = info;
      },
      tunnel: (t) => {
        // a CONNECT tunnel carries TLS to the target host; a 101 upgrade (WebSocket...) does not
        if (t.kind !== 'connect') return;
        this.tunnelClientIsA.set(t.stream, t.clientIsA);
        this.tls.openTunnel(t.stream);
      },
      tunnelData: (stream, fromA, bytes, frame, offset) => {
        const clientIsA = this.tunnelClientIsA.get(stream);
        if (clientIsA !== undefined) this.tls.tunnelData(stream, fromA === clientIsA, bytes, frame, offset);
      },
    });
    this.router.addClaimer((f) => this.claimHttp(f));
  }

  /** The DNS message completed in the frame just read (the first when several), as the CLI shows it. */
  get dnsInfo(): DnsFrameInfo | null {
    if (this.dnsFrame === null && this.dnsMessage !== null) this.dnsFrame = dnsFrameInfo(this.dnsMessage);
    return this.dnsFrame;
  }

  /** One frame of the pass (after TCP stream tracking). */
  onFrame(v: FrameVisit): void {
    const raw = v.raw;
    this.frame = raw.number;
    this.sec = raw.sec;
    this.nsec = raw.nsec;
    this.dnsMessage = null;
    this.dnsFrame = null;
    this.httpInfo = null;
    this.tlsInfo = null;
    const p = v.packet;
    if (p.proto === Proto.UDP) {
      const m = this.dns.udp(p, raw.number, raw.sec, raw.nsec);
      if (m !== null) this.dnsMessage = m;
      return;
    }
    if (p.proto !== Proto.TCP) return;
    this.packet = p;
    this.tls.beginFrame(raw.number);
    this.router.onTcp(v);
    this.tlsInfo = this.tls.endFrame();
    this.packet = null;
  }

  /** The protocol code the frame index shows for the frame just read, or -1 to keep the transport's. */
  protocolCode(): number {
    if (this.tlsInfo !== null) return Proto.TLS;
    if (this.httpInfo !== null) return Proto.HTTP;
    if (this.dnsMessage !== null) return Proto.DNS;
    return -1;
  }

  private ends(f: FlowStart): [a: string, b: string] {
    const p = this.packet!;
    const src = `${p.src()}:${f.srcPort}`;
    const dst = `${p.dst()}:${f.dstPort}`;
    return f.fromA ? [src, dst] : [dst, src];
  }

  // The claims copy what they need out of `f`: a closure that kept `f` would keep its `data`, a view of a
  // whole read slice (MiBs), alive for as long as the flow lives.
  private claimDns(f: FlowStart): FlowHandler | null {
    const aPort = f.fromA ? f.srcPort : f.dstPort;
    const bPort = f.fromA ? f.dstPort : f.srcPort;
    // offered every new flow: the endpoint texts are made only for one on a DNS port
    if (dnsFlavourOf(aPort, bPort, true) === null) return null;
    const [a, b] = this.ends(f);
    const stream = f.stream;
    if (!this.dns.tcpOpen(stream, aPort, bPort, a, b)) return null;
    const sink = (fromA: boolean): ByteSink => ({
      data: (bytes, start, end, _offset, frame) => this.dns.tcpData(stream, fromA, bytes.subarray(start, end), frame, this.sec, this.nsec),
      gap: () => this.dns.tcpGap(stream, fromA),
    });
    return { sinkA: sink(true), sinkB: sink(false), closed: () => this.dns.tcpClose(stream) };
  }

  private claimHttp(f: FlowStart): FlowHandler | null {
    if (classifyHttpStart(f.data, f.start, f.end) === 'other') return null;
    const [a, b] = this.ends(f);
    const stream = f.stream;
    this.http.open(stream, a, b);
    const sink = (fromA: boolean): ByteSink => ({
      data: (bytes, start, end, _offset, frame) => this.http.data(stream, fromA, bytes.subarray(start, end), frame),
      gap: (_offset, length, frame) => this.http.gap(stream, fromA, frame, length),
      end: (_offset, frame) => this.http.end(stream, fromA, frame),
    });
    return {
      sinkA: sink(true),
      sinkB: sink(false),
      closed: () => {
        this.http.release(stream);
        if (this.tunnelClientIsA.delete(stream)) this.tls.closeTunnel(stream);
      },
    };
  }
}
