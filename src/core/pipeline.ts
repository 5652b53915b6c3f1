// The one composition root of the core: capture reader -> frame index -> dissectors -> analysis. One pass.
// Callers (CLI, worker, tests, benchmarks) get the per-frame results through a visitor while the pass runs,
// and the summary at the end.

import type { Diagnostic } from './base/diagnostics.ts';
import { LIMITS, LimitHits, type Limits } from './base/limits.ts';
import { MemoryBudget } from './analysis/tcp/tcp-reassembly.ts';
import { AppLayer } from './analysis/app-layer.ts';
import { FrameProblems } from './analysis/frame-problems.ts';
import { HostMacs } from './analysis/host-macs.ts';
import { Conversations, type ConversationSummary } from './analysis/conversations.ts';
import { FlowRecording } from './analysis/flow-recording.ts';
import { RadiusTracker } from './analysis/radius/radius-tracker.ts';
import type { RadiusTrackerOptions } from './analysis/radius/radius-types.ts';
import { TcpAnalysis } from './analysis/tcp/tcp-analysis.ts';
import { TcpAttempts } from './analysis/tcp/tcp-attempts.ts';
import { FrameTimes } from './analysis/frame-times.ts';
import { diagnose, type Diagnosis, type DiagnosisInput } from './analysis/diagnosis/diagnose.ts';
import type { RadiusTransaction } from './analysis/radius/radius-types.ts';
import { buildReport } from './report/build-report.ts';
import { settledTransactions, withTransactions } from './report/provisional.ts';
import type { Report } from './report/schema.ts';
import { TcpStreams } from './analysis/tcp/tcp-streams.ts';
import type { FrameVisit } from './analysis/frame-visit.ts';
import { PacketDecoder } from './dissect/decoder.ts';
import { Proto, TCP_ACK, TCP_SYN, type Packet } from './dissect/packet.ts';
import { readCapture, type ChunkSource, type ReadOptions } from './formats/capture-reader.ts';
import { FrameEstimate, FrameIndex } from './formats/frame-index.ts';
import type { FormatSummary, RawFrame } from './formats/raw-frame.ts';

export interface ScanOptions extends ReadOptions {
  /** Keep the frame index (the UI needs it; a one-shot CLI listing does not). Default true. */
  keepIndex?: boolean;
  /**
   * 'all' (default) runs every analysis; 'transport' decodes to the transport layer and numbers TCP streams
   * only (what `radscope info` needs: it reads a 1 GB capture in well under 200 MiB).
   */
  depth?: 'all' | 'transport';
  /** RADIUS ports besides the defaults, shared secrets to verify with, and whether to reveal passwords. */
  radius?: RadiusTrackerOptions;
  /**
   * Keep the Zeek-style conversation summaries (default true). The diagnosis does not read them: `radscope
   * analyze` turns them off and saves their per-packet work and per-flow memory.
   */
  conversations?: boolean;
  /** Smaller bounds than base/limits.ts's (tests); the record size is the readers' own. */
  limits?: Partial<Omit<Limits, 'recordBytes'>>;
  /**
   * Called after each chunk with what the pass has found so far: `sofar()` makes a ScanResult over the live
   * state (cheap to skip; read it at once, the pass goes on changing it).
   */
  onChunk?: (sofar: () => ScanResult) => void;
  /**
   * The capture's size in bytes, when known (a file): from its first MiB on, the frame index reserves room
   * for the frames the whole file will hold (FrameEstimate), instead of doubling its columns ten times over.
   */
  sizeHint?: number;
  /** Called with the frames the index just reserved room for (sizeHint), so that a visitor keeping columns of
   * its own per frame reserves as many. */
  onReserve?: (frames: number) => void;
  /** The RADIUS server addresses, when the capture does not make them plain (their connections are recorded
   * past LIMITS.recordedFlows, as those the capture shows). */
  radiusServers?: string[];
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
  /** RADIUS after the pass: final per-frame info (infoForFrame), transactions, unanswered requests. */
  radius: RadiusTracker;
  /** DNS, TLS and HTTP after the pass: lookups and the name map, TLS connection states, CONNECT attempts. */
  app: AppLayer;
  /** Every TCP connection's events (SYN, SYN/ACK, data, retransmissions, RST, FIN by side). */
  attempts: TcpAttempts;
  /** The MAC each address sends from (to find a machine's other addresses). */
  hostMacs: HostMacs;
  /** Time of frame n (1-based) in seconds since the epoch; NaN for a frame without a time stamp. */
  frameTime(frame: number): number;
  diagnostics: Diagnostic[];
  index: FrameIndex | null;
}

export async function scanCapture(source: ChunkSource, opts: ScanOptions = {}, visit?: (v: FrameVisit) => void): Promise<ScanResult> {
  const limits: Limits = { ...LIMITS, ...opts.limits };
  // the limits the pass reaches, each reported once at the end (base/limits.ts)
  const hits = new LimitHits();
  const decoder = new PacketDecoder({ hits, limits });
  const lean = opts.depth === 'transport';
  const app = new AppLayer({
    hits,
    router: {
      budget: new MemoryBudget(limits.tcpBufferedBytes, hits),
      limits: { maxHeldBytes: limits.tcpHeldBytes, maxHeldSegments: limits.tcpHeldSegments },
      maxFlows: limits.tcpFollowedFlows,
    },
    tlsConnections: limits.tlsConnections,
  });
  // a connection that loses its analysis state stops being reassembled too
  const tcp = new TcpStreams({ maxTracked: limits.tcpTrackedFlows, hits, onEvict: lean ? undefined : (s) => app.router.release(s) });
  const tcpAnalysis = new TcpAnalysis();
  // which conversations get a record (their summary and the connection's events): bounded
  const recording = new FlowRecording({ max: limits.recordedFlows, serverReserve: limits.recordedServerFlows, hits, ...(opts.radiusServers ? { servers: opts.radiusServers } : {}) });
  const conversations = new Conversations(recording);
  const keepConversations = opts.conversations !== false;
  const radius = new RadiusTracker(opts.radius, hits);
  // every frame's time, seconds since the epoch as one float (0.2 µs precision today): for windows, evidence
  // and the timeline (and the attempts' times); 8 bytes a frame
  const times = new FrameTimes();
  const attempts = new TcpAttempts(times);
  const hostMacs = new HostMacs();
  const frameProblems = new FrameProblems();
  const index = opts.keepIndex === false ? null : new FrameIndex();
  const diagnostics: Diagnostic[] = [];
  let dropped = 0;
  let dataBytes = 0;
  let firstTime: ScanResult['firstTime'] = null;
  let lastSec = 0;
  let lastNsec = 0;
  let haveLast = false;
  const onChunk = opts.onChunk;
  const estimate = index === null || opts.sizeHint === undefined ? null : new FrameEstimate(opts.sizeHint);
  const readOpts: ReadOptions = onChunk === undefined && estimate === null ? opts : {
    ...opts,
    onProgress(bytes, frames, summary) {
      const room = estimate?.update(bytes, frames) ?? null;
      if (room !== null) {
        index!.reserve(room);
        opts.onReserve?.(room);
      }
      opts.onProgress?.(bytes, frames, summary);
      onChunk?.(() => scanResult({
        summary, frames, bytes, dataBytes, compressed: false, firstTime,
        lastTime: haveLast ? { sec: lastSec, nsec: lastNsec } : null,
        tcpStreams: tcp.count, radius, app, attempts, hostMacs, diagnostics, index,
      }, conversations, times));
    },
  };
  const v: FrameVisit = { raw: null as unknown as RawFrame, packet: null as unknown as Packet, tcp: null, tcpAnalysis: null, radius: null, dns: null, http: null, tls: null };

  const read = await readCapture(
    source,
    {
      frame(raw) {
        hits.at = raw;
        dataBytes += raw.capLen;
        if (raw.hasTime) {
          if (firstTime === null) firstTime = { sec: raw.sec, nsec: raw.nsec };
          lastSec = raw.sec;
          lastNsec = raw.nsec;
          haveLast = true;
        }
        const now = raw.hasTime ? raw.sec + raw.nsec / 1e9 : NaN;
        times.push(now);
        const p = decoder.decode(raw);
        if (p.problems.length !== 0) frameProblems.note(p, raw);
        v.raw = raw;
        v.packet = p;
        v.tcp = null;
        v.tcpAnalysis = null;
        v.radius = null;
        if (lean) {
          if (p.proto === Proto.TCP) {
            tcp.track(p, now);
            v.tcp = tcp;
          }
          if (index !== null) index.add(raw);
          visit?.(v);
          return;
        }
        if (p.proto === Proto.TCP) {
          tcp.track(p, now);
          // seconds as one float is precise to ~0.2 µs at today's epoch: ample for the 3 ms / 20 ms windows
          tcpAnalysis.analyse(p, tcp, raw.number, now);
          const record = recording.tcp(tcp.stream, p);
          if (record >= 0) {
            attempts.track(p, tcp, tcpAnalysis.flags, raw.number, record);
            if ((p.tcpFlags & (TCP_SYN | TCP_ACK)) === TCP_SYN) hostMacs.note(p);
            if (keepConversations) conversations.trackTcp(p, tcp.stream, tcp.fromA, tcpAnalysis.flags, raw.number, raw.sec, raw.nsec, record);
          }
          v.tcp = tcp;
          v.tcpAnalysis = tcpAnalysis;
        } else if (p.proto === Proto.UDP) {
          if (keepConversations) conversations.trackUdp(p, raw.number, raw.sec, raw.nsec);
          v.radius = radius.onUdp(v);
          if (v.radius !== null) recording.noteRadius(v.radius.code, v.radius.src, v.radius.dst);
          if (v.radius !== null || p.dstPort === 53) hostMacs.note(p);
        }
        app.onFrame(v);
        if (visit !== undefined) {
          // only a visitor reads them (the DNS one is made when asked for)
          v.dns = app.dnsInfo;
          v.http = app.httpInfo;
          v.tls = app.tlsInfo;
        }
        if (index !== null) {
          index.add(raw);
          const i = index.length - 1;
          const appCode = app.protocolCode();
          index.protocol.set(i, v.radius !== null ? Proto.RADIUS : appCode >= 0 ? appCode : p.proto);
          if (v.tcp !== null) {
            index.stream.set(i, tcp.stream);
            index.flags.set(i, tcpAnalysis.flags);
          }
        }
        visit?.(v);
      },
      diagnostic(d) {
        if (diagnostics.length < limits.keptDiagnostics) diagnostics.push(d);
        else dropped++;
      },
    },
    readOpts,
  );
  radius.finish();
  hits.at = { number: 0, fileOffset: -1 };
  // limits, then what the decoder could not read, first: the lists shown (the report's first 50, the page's
  // first 500) must not cut them off behind thousands of record problems
  diagnostics.unshift(...hits.diagnostics(), ...frameProblems.diagnostics());
  if (index !== null) {
    // requests on a port learned later by pairing are known to be RADIUS only now
    for (const r of radius.frames()) index.protocol.set(r.frame - 1, Proto.RADIUS);
  }
  if (dropped > 0) {
    diagnostics.push({ id: 'capture.diagnostics.capped', severity: 'info', message: `${dropped} more capture diagnostics were not kept.` });
  }
  return scanResult({
    summary: read.summary,
    frames: read.frames,
    bytes: read.bytes,
    dataBytes,
    compressed: read.compressed,
    firstTime,
    lastTime: haveLast ? { sec: lastSec, nsec: lastNsec } : null,
    tcpStreams: tcp.count,
    radius,
    app,
    attempts,
    hostMacs,
    diagnostics,
    index,
  }, conversations, times);
}

/**
 * The result object, made outside scanCapture's scope: a closure made in there (frameTime) would keep that
 * whole scope alive, the pass-only state (TCP stream and sequence-analysis tables, the decoder) included.
 * The conversation summaries are made when first asked for (the diagnosis does not need them).
 */
function scanResult(r: Omit<ScanResult, 'conversations' | 'frameTime'>, conversations: Conversations, times: FrameTimes): ScanResult {
  let summaries: ConversationSummary[] | null = null;
  return {
    ...r,
    get conversations(): ConversationSummary[] {
      return (summaries ??= conversations.summaries());
    },
    frameTime: (frame: number) => (frame >= 1 ? times.get(frame - 1) : NaN),
  };
}

export interface AnalyseOptions extends ScanOptions {
  /** The capture's file name, shown in the report. */
  name?: string | null;
  /**
   * Provisional reports while the pass runs (the page shows them as it reads): after each chunk `due()` says
   * whether one is wanted now. One covers the RADIUS requests whose window has closed in what was read
   * (provisional.ts); the final report does not depend on them.
   */
  provisional?: { due(): boolean; report(report: Report): void };
}

export interface Analysis {
  scan: ScanResult;
  diagnosis: Diagnosis;
  report: Report;
}

/** The whole analysis: one pass over the capture, the diagnosis, the report. */
export async function analyseCapture(source: ChunkSource, opts: AnalyseOptions = {}, visit?: (v: FrameVisit) => void): Promise<Analysis> {
  const provisional = opts.provisional;
  const scanOpts: ScanOptions = provisional === undefined ? opts : {
    ...opts,
    onChunk(sofar) {
      opts.onChunk?.(sofar);
      if (!provisional.due()) return;
      const partial = sofar();
      const now = partial.lastTime === null ? NaN : partial.lastTime.sec + partial.lastTime.nsec / 1e9;
      const txs = settledTransactions(partial.radius.transactions(), partial.frameTime, now);
      provisional.report(buildReport(withTransactions(partial, txs), diagnose(diagnosisInput(partial, opts, txs)), opts.name ?? null));
    },
  };
  const scan = await scanCapture(source, scanOpts, visit);
  const diagnosis = diagnose(diagnosisInput(scan, opts, scan.radius.transactions()));
  return { scan, diagnosis, report: buildReport(scan, diagnosis, opts.name ?? null) };
}

function diagnosisInput(scan: ScanResult, opts: AnalyseOptions, transactions: readonly RadiusTransaction[]): DiagnosisInput {
  return {
    transactions,
    attempts: scan.attempts.all(),
    tls: scan.app.tls.connections(),
    connects: scan.app.http.connects(),
    dns: scan.app.dns.tracker,
    sameHost: (a) => scan.hostMacs.sameHost(a),
    time: scan.frameTime,
    radiusInfo: (n) => scan.radius.infoForFrame(n),
    secretsGiven: (opts.radius?.secrets?.length ?? 0) > 0,
    ...(opts.radiusServers ? { radiusServers: opts.radiusServers } : {}),
  };
}
