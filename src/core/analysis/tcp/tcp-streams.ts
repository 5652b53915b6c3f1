// TCP conversations as Wireshark numbers them (tcp.stream) and their relative sequence numbers
// (packet-tcp.c, protocol-facts.md section 1.1):
// - a conversation is the unordered pair of endpoints; streams are numbered from 0 in order of first packet;
// - a pure SYN whose sequence number differs from the one already seen in that direction starts a new
//   conversation (tcp.analysis.reused_ports); a SYN/ACK with a new ISN keeps the stream but restarts the
//   relative numbering of its direction;
// - base_seq is the SYN's seq, or seq-1 for a first segment without SYN; the other direction's base comes
//   from the first segment with ACK set (ack-1) if it has no base yet.
// At most LIMITS.tcpTrackedFlows conversations keep analysis state (sequence analysis here, reassembly through
// onEvict); past that the least recently seen one loses it (limit.tcp.flows), as Suricata's flow engine evicts
// under its memcap. Its number and base sequence numbers stay in the flow table, so stream numbering and
// relative sequence numbers are those of tshark whatever is evicted; a connection that comes back restarts
// its analysis as if the capture began there.

import { LIMITS, type LimitHits } from '../../base/limits.ts';
import { TCP_ACK, TCP_SYN, type Packet } from '../../dissect/packet.ts';
import type { TcpAnalysisState } from './tcp-analysis.ts';
import { FlowTable } from '../flow-table.ts';
import { LruList } from '../lru-list.ts';

export interface TcpStreamsOptions {
  /** Conversations with analysis state at once (default LIMITS.tcpTrackedFlows). */
  maxTracked?: number;
  hits?: LimitHits;
  /** A conversation lost its analysis state: other per-stream state (reassembly) should go too. */
  onEvict?: (stream: number) => void;
}

export interface TcpConversation {
  stream: number;
  /** Whether endpoint A (the sender of the first packet seen) is the low end of the flow table's pair. */
  aIsLow: boolean;
  /** Each direction's base sequence number (relative numbers count from it) and whether it is known yet. */
  aBaseSeq: number;
  aBaseSet: boolean;
  bBaseSeq: number;
  bBaseSet: boolean;
  /** Sequence-analysis state (tcp-analysis.ts), created on first use. */
  analysis?: TcpAnalysisState;
}

export class TcpStreams {
  /** Endpoint pair -> stream number of its latest conversation (no string per packet). */
  private readonly flows = new FlowTable(4096);
  private readonly byStream: TcpConversation[] = [];
  /** Conversations by last packet, to pick the one to evict. */
  private readonly recent = new LruList(4096);
  private readonly maxTracked: number;
  private readonly hits: LimitHits | null;
  private readonly onEvict: ((stream: number) => void) | null;
  count = 0;
  /** Conversations whose analysis state was evicted (a conversation counts each time). */
  evictions = 0;

  constructor(opts: TcpStreamsOptions = {}) {
    this.maxTracked = Math.max(1, opts.maxTracked ?? LIMITS.tcpTrackedFlows);
    this.hits = opts.hits ?? null;
    this.onEvict = opts.onEvict ?? null;
  }

  /** Conversations holding analysis state now (at most maxTracked). */
  get tracked(): number {
    return this.recent.size;
  }

  // Results for the packet last passed to `track` (reused; no object per packet).
  stream = -1;
  conversation: TcpConversation | null = null;
  /** True when the packet goes from A to B. */
  fromA = true;
  seqRel = 0;
  ackRel = 0;
  reusedPorts = false;

  track(p: Packet): void {
    const flows = this.flows;
    const found = flows.find(p);
    const srcIsLow = flows.srcIsLow;
    let c = found < 0 ? undefined : this.byStream[found];
    const flags = p.tcpFlags;
    this.reusedPorts = false;
    if (c !== undefined && (flags & (TCP_SYN | TCP_ACK)) === TCP_SYN) {
      const fwdA = c.aIsLow === srcIsLow;
      if ((fwdA ? c.aBaseSet : c.bBaseSet) && (fwdA ? c.aBaseSeq : c.bBaseSeq) !== p.tcpSeq) {
        this.reusedPorts = true;
        c = undefined;
      }
    }
    if (c === undefined) {
      c = { stream: this.count++, aIsLow: srcIsLow, aBaseSeq: 0, aBaseSet: false, bBaseSeq: 0, bBaseSet: false, analysis: undefined };
      this.byStream[c.stream] = c;
      flows.set(c.stream);
    }
    this.conversation = c;
    this.stream = c.stream;
    this.recent.touch(c.stream);
    if (this.recent.size > this.maxTracked) this.evictOldest();
    const fromA = c.aIsLow === srcIsLow;
    this.fromA = fromA;
    let fwdBase = fromA ? c.aBaseSeq : c.bBaseSeq;
    let fwdSet = fromA ? c.aBaseSet : c.bBaseSet;
    let revBase = fromA ? c.bBaseSeq : c.aBaseSeq;
    const revSet = fromA ? c.bBaseSet : c.aBaseSet;
    if (flags & TCP_SYN && flags & TCP_ACK && fwdSet && fwdBase !== p.tcpSeq) {
      // a SYN/ACK with a new ISN in a direction that already has one: Wireshark keeps the stream, flags
      // reused_ports and numbers from the new ISN
      fwdBase = p.tcpSeq;
      this.reusedPorts = true;
    }
    if (!fwdSet) {
      fwdBase = flags & TCP_SYN ? p.tcpSeq : (p.tcpSeq - 1) >>> 0;
      fwdSet = true;
    }
    if (fromA) {
      c.aBaseSeq = fwdBase;
      c.aBaseSet = true;
    } else {
      c.bBaseSeq = fwdBase;
      c.bBaseSet = true;
    }
    if (!revSet && flags & TCP_ACK) {
      revBase = (p.tcpAck - 1) >>> 0;
      if (fromA) {
        c.bBaseSeq = revBase;
        c.bBaseSet = true;
      } else {
        c.aBaseSeq = revBase;
        c.aBaseSet = true;
      }
    }
    this.seqRel = (p.tcpSeq - fwdBase) >>> 0;
    // without the ACK flag tshark 4.0 shows the raw field (RST segments often carry one)
    this.ackRel = flags & TCP_ACK ? (p.tcpAck - revBase) >>> 0 : p.tcpAck;
  }

  private evictOldest(): void {
    const old = this.recent.popOldest();
    const c = this.byStream[old]!;
    c.analysis = undefined;
    this.evictions++;
    this.onEvict?.(old);
    const max = this.maxTracked;
    this.hits?.hit(
      'limit.tcp.flows',
      () => `radscope tracked ${max.toLocaleString('en-US')} TCP connections at once and dropped the analysis state of the least recently seen, TCP stream ${old} first; if such a connection carries on, its TCP analysis flags restart as if the capture began there and its TLS, HTTP and DNS are not analysed further`,
    );
  }
}
