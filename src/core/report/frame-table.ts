// The packet table's data, kept by the worker after the pass: compact per-frame columns (TCP relative
// numbers) beside the frame index, and sparse maps for the few frames with an application-layer summary.
// A row is rebuilt on demand by re-reading the frame's bytes: no string per frame is kept (a million-frame
// capture stays small).

import { U32Column } from '../base/growable.ts';
import { formatEpoch, formatIso } from '../base/time.ts';
import type { FrameVisit } from '../analysis/frame-visit.ts';
import { PacketDecoder } from '../dissect/decoder.ts';
import { Proto, PROTO_NAMES } from '../dissect/packet.ts';
import type { RawFrame } from '../formats/raw-frame.ts';
import { newRawFrame } from '../formats/raw-frame.ts';
import { dnsInfo, httpInfo, tlsInfo } from './app-info.ts';
import { colorRule, type ColorRule } from './color-rules.ts';
import { packetInfo } from './packet-info.ts';
import { radiusInfoText } from '../analysis/radius/radius-record.ts';
import type { RadiusFrameInfo } from '../analysis/radius/radius-types.ts';

export interface PacketRow {
  frame: number;
  /** Seconds from the first frame (null without a time stamp), absolute UTC (ISO), and since the row before. */
  timeRel: number | null;
  timeAbs: string | null;
  timeDelta: number | null;
  src: string;
  dst: string;
  protocol: string;
  length: number;
  info: string;
  color: ColorRule | null;
}

/** Reads the captured bytes of a frame back from the capture (the worker: a Blob, or the decompressed bytes). */
export interface FrameBytesSource {
  read(offset: number, length: number): Promise<Uint8Array>;
}

export interface TableIndex {
  length: number;
  fileOffset: { get(i: number): number };
  capLen: { get(i: number): number };
  origLen: { get(i: number): number };
  sec: { get(i: number): number };
  nsec: { get(i: number): number };
  linkType: { get(i: number): number };
  interfaceId: { get(i: number): number };
  protocol: { get(i: number): number };
  stream: { get(i: number): number };
  flags: { get(i: number): number };
}

export class FrameTable {
  // A row is re-decoded from the frame's bytes, so addresses, ports and flags come from that decode; only
  // what needs the pass (relative sequence numbers, application summaries) is kept per frame.
  readonly seqRel = new U32Column(4096);
  readonly ackRel = new U32Column(4096);
  /** Info text of frames an application layer summarised (RADIUS, DNS, TLS, HTTP). */
  readonly appInfo = new Map<number, string>();
  /** Frame -> RADIUS info after the pass (a request's answer is known only then). */
  radiusAfter: ((frame: number) => RadiusFrameInfo | undefined) | null = null;
  t0Sec = NaN;
  t0Nsec = 0;

  /** Room for `frames` frames (ScanOptions.onReserve). */
  reserve(frames: number): void {
    this.seqRel.reserve(frames);
    this.ackRel.reserve(frames);
  }

  /** Called for every frame of the pass, in order. */
  add(v: FrameVisit): void {
    const raw = v.raw;
    if (raw.hasTime && Number.isNaN(this.t0Sec)) {
      this.t0Sec = raw.sec;
      this.t0Nsec = raw.nsec;
    }
    this.seqRel.push(v.tcp ? v.tcp.seqRel : 0);
    this.ackRel.push(v.tcp ? v.tcp.ackRel : 0);
    const app = v.tls ? tlsInfo(v.tls) : v.http ? httpInfo(v.http) : v.dns ? dnsInfo(v.dns) : null;
    if (app) this.appInfo.set(raw.number, app);
  }

  /** Rows for the frames `frames` (1-based, in display order); `before` is the frame shown just above. */
  async rows(index: TableIndex, frames: number[], before: number | null, source: FrameBytesSource): Promise<PacketRow[]> {
    const decoder = new PacketDecoder();
    const raw: RawFrame = newRawFrame();
    const out: PacketRow[] = [];
    let prevTime = before === null ? NaN : this.time(index, before - 1);
    for (const frame of frames) {
      const i = frame - 1;
      raw.number = frame;
      raw.capLen = index.capLen.get(i);
      raw.origLen = index.origLen.get(i);
      raw.sec = index.sec.get(i);
      raw.nsec = index.nsec.get(i);
      raw.hasTime = !Number.isNaN(raw.sec);
      raw.linkType = index.linkType.get(i);
      raw.interfaceId = index.interfaceId.get(i);
      raw.data = await source.read(index.fileOffset.get(i), raw.capLen);
      const p = decoder.decode(raw);
      const flags = index.flags.get(i);
      const code = index.protocol.get(i);
      const rad = code === Proto.RADIUS ? (this.radiusAfter?.(frame) ?? null) : null;
      const info =
        rad !== null
          ? radiusInfoText(rad)
          : (this.appInfo.get(frame) ??
            packetInfo({ packet: p, tcp: p.proto === Proto.TCP ? { seqRel: this.seqRel.get(i), ackRel: this.ackRel.get(i) } : null, tcpAnalysis: p.proto === Proto.TCP ? { flags } : null }));
      const t = this.time(index, i);
      out.push({
        frame,
        timeRel: raw.hasTime ? round9(t - (this.t0Sec + this.t0Nsec / 1e9)) : null,
        timeAbs: raw.hasTime ? formatIso(raw.sec, raw.nsec) : null,
        timeDelta: raw.hasTime && !Number.isNaN(prevTime) ? round9(t - prevTime) : raw.hasTime ? 0 : null,
        src: p.hasIp ? p.src() : macOrEmpty(p),
        dst: p.hasIp && p.ipDstAt >= 0 ? p.dst() : '',
        protocol: PROTO_NAMES[code] || (p.proto === Proto.RECORD ? 'pcapng' : p.etherType >= 0 ? `0x${p.etherType.toString(16).padStart(4, '0')}` : ''),
        length: raw.origLen,
        info,
        color: colorRule({ packet: p, analysisFlags: flags, http: code === Proto.HTTP, ethDst0: p.ethSrcAt >= 6 ? raw.data[p.ethSrcAt - 6]! : -1 }),
      });
      if (raw.hasTime) prevTime = t;
    }
    return out;
  }

  private time(index: TableIndex, i: number): number {
    return index.sec.get(i) + index.nsec.get(i) / 1e9;
  }

  /** For tests and the CLI: the epoch string of the first frame. */
  startText(): string | null {
    return Number.isNaN(this.t0Sec) ? null : formatEpoch(this.t0Sec, this.t0Nsec);
  }
}

function round9(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

function macOrEmpty(p: FrameVisit['packet']): string {
  if (p.ethSrcAt < 0 || p.ethSrcAt + 6 > p.data.length) return '';
  let s = '';
  for (let k = 0; k < 6; k++) s += (k ? ':' : '') + p.data[p.ethSrcAt + k]!.toString(16).padStart(2, '0');
  return s;
}
