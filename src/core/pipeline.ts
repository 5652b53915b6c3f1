// The one composition root of the core: capture reader -> frame index -> dissectors -> analysis. One pass.
// Callers (CLI, worker, tests, benchmarks) get the per-frame results through a visitor while the pass runs,
// and the summary at the end.

import type { Diagnostic } from './base/diagnostics.ts';
import { Conversations, type ConversationSummary } from './analysis/conversations.ts';
import { TcpAnalysis } from './analysis/tcp/tcp-analysis.ts';
import { TcpStreams } from './analysis/tcp/tcp-streams.ts';
import type { FrameVisit } from './analysis/frame-visit.ts';
import { PacketDecoder } from './dissect/decoder.ts';
import { Proto, type Packet } from './dissect/packet.ts';
import { readCapture, type ChunkSource, type ReadOptions } from './formats/capture-reader.ts';
import { FrameIndex } from './formats/frame-index.ts';
import type { FormatSummary, RawFrame } from './formats/raw-frame.ts';

export interface ScanOptions extends ReadOptions {
  /** Keep the frame index (the UI needs it; a one-shot CLI listing does not). Default true. */
  keepIndex?: boolean;
}


export interface ScanResult {
  summary: FormatSummary;
  frames: number;
  /** Bytes of capture data read (after decompression). */
  bytes: number;
  /** Sum of captured lengths. */
  dataBytes: number;
  compressed: boolean;
  firstTime: { sec: number; nsec: number } | null;
  lastTime: { sec: number; nsec: number } | null;
  tcpStreams: number;
  /** Zeek-style summaries: TCP by stream number, then UDP in order of first packet. */
  conversations: ConversationSummary[];
  diagnostics: Diagnostic[];
  index: FrameIndex | null;
}

const MAX_KEPT_DIAGNOSTICS = 10_000;

export async function scanCapture(source: ChunkSource, opts: ScanOptions = {}, visit?: (v: FrameVisit) => void): Promise<ScanResult> {
  const decoder = new PacketDecoder();
  const tcp = new TcpStreams();
  const tcpAnalysis = new TcpAnalysis();
  const conversations = new Conversations();
  const index = opts.keepIndex === false ? null : new FrameIndex();
  const diagnostics: Diagnostic[] = [];
  let dropped = 0;
  let dataBytes = 0;
  let firstTime: ScanResult['firstTime'] = null;
  let lastSec = 0;
  let lastNsec = 0;
  let haveLast = false;
  const v: FrameVisit = { raw: null as unknown as RawFrame, packet: null as unknown as Packet, tcp: null, tcpAnalysis: null };

  const read = await readCapture(
    source,
    {
      frame(raw) {
        dataBytes += raw.capLen;
        if (raw.hasTime) {
          if (firstTime === null) firstTime = { sec: raw.sec, nsec: raw.nsec };
          lastSec = raw.sec;
          lastNsec = raw.nsec;
          haveLast = true;
        }
        const p = decoder.decode(raw);
        let isTcp = false;
        if (p.proto === Proto.TCP) {
          tcp.track(p);
          // seconds as one float is precise to ~0.2 µs at today's epoch: ample for the 3 ms / 20 ms windows
          tcpAnalysis.analyse(p, tcp, raw.number, raw.sec + raw.nsec / 1e9);
          conversations.trackTcp(p, tcp.conversation!, tcp.fromA, tcpAnalysis.flags, raw.number, raw.sec, raw.nsec);
          isTcp = true;
        } else if (p.proto === Proto.UDP) {
          conversations.trackUdp(p, raw.number, raw.sec, raw.nsec);
        }
        if (index !== null) {
          index.add(raw);
          const i = index.length - 1;
          index.protocol.set(i, p.proto);
          if (isTcp) {
            index.stream.set(i, tcp.stream);
            index.flags.set(i, tcpAnalysis.flags);
          }
        }
        if (visit) {
          v.raw = raw;
          v.packet = p;
          v.tcp = isTcp ? tcp : null;
          v.tcpAnalysis = isTcp ? tcpAnalysis : null;
          visit(v);
        }
      },
      diagnostic(d) {
        if (diagnostics.length < MAX_KEPT_DIAGNOSTICS) diagnostics.push(d);
        else dropped++;
      },
    },
    opts,
  );
  if (dropped > 0) {
    diagnostics.push({ id: 'capture.diagnostics.capped', severity: 'info', message: `${dropped} more capture diagnostics were not kept.` });
  }
  return {
    summary: read.summary,
    frames: read.frames,
    bytes: read.bytes,
    dataBytes,
    compressed: read.compressed,
    firstTime,
    lastTime: haveLast ? { sec: lastSec, nsec: lastNsec } : null,
    tcpStreams: tcp.count,
    conversations: conversations.summaries(),
    diagnostics,
    index,
  };
}
