// Fills the filter's columns during the one pass: call add(visit) from the scanCapture / analyseCapture visitor
// for every frame, then finish() with what is known only at the end (RADIUS frames recognised later by
// pairing, the findings' evidence). About 40 bytes a frame in typed arrays; the sparse maps hold only the
// frames that carry RADIUS, DNS, TLS or HTTP. len, capLen, sec, nsec, stream and analysisFlags repeat the frame
// index's columns: a caller that keeps the index has the builder take them from it (fromIndex).

import type { FrameVisit } from '../analysis/frame-visit.ts';
import { F64Column, I32Column, U16Column, U32Column } from '../base/growable.ts';
import { AddressTable } from './address.ts';
import { Layer, layersOf, type DnsFields, type FrameColumns, type HttpFields, type RadiusFields, type TlsFields } from './columns.ts';

type Viewed<T> = { view(): T };

/** The frame index's columns the builder can use instead of its own (formats/frame-index.ts FrameIndex). */
export interface IndexColumns {
  origLen: Viewed<Uint32Array>;
  capLen: Viewed<Uint32Array>;
  sec: Viewed<Float64Array>;
  nsec: Viewed<Uint32Array>;
  stream: Viewed<Int32Array>;
  flags: Viewed<Uint32Array>;
}

/** What finish() takes: the pass's final RADIUS frames and the diagnosis findings (frames 1-based), and the
 * frame index when the builder was made to share its columns. */
export interface FilterColumnsExtras {
  radius?: Iterable<{ frame: number; code: number; id: number }>;
  findings?: Iterable<{ id: string; frames: readonly number[] }>;
  index?: IndexColumns;
}

const NONE: readonly number[] = [];
/** One list per value for the one-element lists most TLS frames have ([23]: one application-data record). */
const ONE: (readonly number[])[] = [];

/** A copy of a list the pass reuses; the empty and one-element ones shared (the fields are read-only). */
function copyList(a: readonly number[]): readonly number[] {
  if (a.length === 0) return NONE;
  const x = a[0]!;
  if (a.length === 1 && x >= 0 && x < 256) return (ONE[x] ??= [x]);
  return a.slice();
}

export class FilterColumnsBuilder {
  readonly addresses = new AddressTable();
  private readonly layers = new U16Column(4096);
  private readonly len = new U32Column(4096);
  private readonly capLen = new U32Column(4096);
  private readonly sec = new F64Column(4096);
  private readonly nsec = new U32Column(4096);
  private readonly srcAddr = new U32Column(4096);
  private readonly dstAddr = new U32Column(4096);
  private readonly srcPort = new U16Column(4096);
  private readonly dstPort = new U16Column(4096);
  private readonly stream = new I32Column(4096);
  private readonly tcpFlags = new U16Column(4096);
  private readonly tcpLen = new U32Column(4096);
  private readonly analysisFlags = new U32Column(4096);
  private readonly radius = new Map<number, RadiusFields>();
  private readonly dns = new Map<number, DnsFields>();
  private readonly tls = new Map<number, TlsFields>();
  private readonly http = new Map<number, HttpFields>();
  private readonly findings = new Map<string, Set<number>>();
  /** TCP streams that carried an HTTP CONNECT: their TLS is a tunnel's. */
  private readonly tunnels = new Set<number>();

  /** `fromIndex`: the pass keeps a frame index (ScanOptions.keepIndex) and finish() gets it: the length,
   * time, stream and analysis-flag columns are taken from it, not kept twice (6 stores a frame fewer). */
  constructor(private readonly opts: { fromIndex?: boolean } = {}) {}

  /** Room for `frames` frames (ScanOptions.onReserve). */
  reserve(frames: number): void {
    for (const c of [this.layers, this.srcAddr, this.dstAddr, this.srcPort, this.dstPort, this.tcpFlags, this.tcpLen]) c.reserve(frames);
    if (this.opts.fromIndex) return;
    for (const c of [this.len, this.capLen, this.sec, this.nsec, this.stream, this.analysisFlags]) c.reserve(frames);
  }

  get count(): number {
    return this.layers.length;
  }

  /** One frame, in capture order (frame index = the number of frames added before it). */
  add(v: FrameVisit): void {
    const i = this.layers.length;
    const p = v.packet;
    const raw = v.raw;
    const ipVersion = p.ipVersion;
    let src = 0;
    let dst = 0;
    if (ipVersion === 4) {
      src = this.addresses.internIpv4(p.ipv4Src);
      dst = p.ipDstAt < 0 ? 0 : this.addresses.internIpv4(p.ipv4Dst);
    } else if (ipVersion === 6) {
      src = this.addresses.internIpv6(p.src(), p.ipBuf, p.ipSrcAt);
      dst = p.ipDstAt < 0 ? 0 : this.addresses.internIpv6(p.dst(), p.ipBuf, p.ipDstAt);
    }
    let bits = layersOf(p.proto, ipVersion, v.tcp !== null);
    if (v.radius !== null) {
      bits |= Layer.UDP | Layer.RADIUS;
      this.radius.set(i, { code: v.radius.code, id: v.radius.id });
    }
    if (v.dns !== null) {
      bits |= Layer.DNS;
      const d = v.dns;
      this.dns.set(i, { id: d.id, response: d.response, rcode: d.headerRcode, names: d.questions.map((q) => q.name), types: d.questions.map((q) => q.type) });
    }
    if (v.http !== null && v.http.method === 'CONNECT' && v.tcp !== null) this.tunnels.add(v.tcp.stream);
    if (v.tls !== null) {
      // packet-http.c hands a CONNECT tunnel's bytes to TLS, so Wireshark's frame.protocols reads
      // "tcp:http:tls" there and `http` matches every TLS frame of the tunnel (tshark 4.0, lab proxy-ok)
      bits |= v.tcp !== null && this.tunnels.has(v.tcp.stream) ? Layer.TLS | Layer.HTTP : Layer.TLS;
      const t = v.tls; // reused for the next frame: copy
      this.tls.set(i, {
        handshake: copyList(t.handshake),
        contentTypes: copyList(t.contentTypes),
        sni: t.sni,
        alertLevels: t.alerts.length === 0 ? NONE : t.alerts.map((a) => a.level),
        alertDescriptions: t.alerts.length === 0 ? NONE : t.alerts.map((a) => a.description),
      });
    }
    if (v.http !== null) {
      bits |= Layer.HTTP;
      this.http.set(i, { method: v.http.method, uri: v.http.method !== null ? v.http.target : null, status: v.http.status });
    }
    this.layers.push(bits);
    this.srcAddr.push(src);
    this.dstAddr.push(dst);
    this.srcPort.push(p.srcPort);
    this.dstPort.push(p.dstPort);
    this.tcpFlags.push(v.tcp !== null ? p.tcpFlags : 0);
    this.tcpLen.push(v.tcp !== null ? p.tcpLen : 0);
    if (this.opts.fromIndex) return;
    this.len.push(raw.origLen);
    this.capLen.push(raw.capLen);
    this.sec.push(raw.hasTime ? raw.sec : NaN);
    this.nsec.push(raw.hasTime ? raw.nsec : 0);
    this.stream.push(v.tcp !== null ? v.tcp.stream : -1);
    this.analysisFlags.push(v.tcpAnalysis !== null ? v.tcpAnalysis.flags : 0);
  }

  /** The columns (views of the builder's arrays: add no more frames after this). */
  finish(extras: FilterColumnsExtras = {}): FrameColumns {
    const index = this.opts.fromIndex ? extras.index : undefined;
    if (this.opts.fromIndex && index === undefined) throw new Error('FilterColumnsBuilder({ fromIndex: true }).finish() needs the frame index');
    for (const r of extras.radius ?? []) {
      const i = r.frame - 1;
      if (i < 0 || i >= this.count) continue;
      this.radius.set(i, { code: r.code, id: r.id });
      this.layers.set(i, this.layers.get(i) | Layer.UDP | Layer.RADIUS);
    }
    for (const f of extras.findings ?? []) {
      let set = this.findings.get(f.id);
      if (set === undefined) this.findings.set(f.id, (set = new Set()));
      for (const n of f.frames) if (n >= 1 && n <= this.count) set.add(n - 1);
    }
    return {
      count: this.count,
      layers: this.layers.view(),
      len: index ? index.origLen.view() : this.len.view(),
      capLen: index ? index.capLen.view() : this.capLen.view(),
      sec: index ? index.sec.view() : this.sec.view(),
      nsec: index ? index.nsec.view() : this.nsec.view(),
      addresses: this.addresses,
      srcAddr: this.srcAddr.view(),
      dstAddr: this.dstAddr.view(),
      srcPort: this.srcPort.view(),
      dstPort: this.dstPort.view(),
      stream: index ? index.stream.view() : this.stream.view(),
      tcpFlags: this.tcpFlags.view(),
      tcpLen: this.tcpLen.view(),
      analysisFlags: index ? index.flags.view() : this.analysisFlags.view(),
      radius: this.radius,
      dns: this.dns,
      tls: this.tls,
      http: this.http,
      findings: this.findings,
    };
  }
}
