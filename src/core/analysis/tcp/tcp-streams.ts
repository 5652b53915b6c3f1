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
// its analysis as if the capture began there. A flow silent for IDLE_EXPIRY_S when it is evicted had ended
// or been abandoned (Zeek's tcp_inactivity_timeout, 5 min): it goes without a word, so a long capture of
// many short connections does not report a limit that cost it nothing.
// What every conversation keeps (its endpoint pair in the flow table, which end is A, the two base sequence
// numbers) lives in typed columns by stream number, 13 bytes a stream: a SYN flood of millions of streams
// must not cost an object each. The analysis state hangs on one of maxTracked slots, reused on eviction.

import { LIMITS, type LimitHits } from '../../base/limits.ts';
import { TCP_ACK, TCP_SYN, type Packet } from '../../dissect/packet.ts';
import type { TcpAnalysisState } from './tcp-analysis.ts';

/** Seconds without a packet after which an evicted flow counts as expired, not as a limit hit. */
export const IDLE_EXPIRY_S = 300;
import { FlowTable } from '../flow-table.ts';
import { LruList } from '../lru-list.ts';

export interface TcpStreamsOptions {
  /** Conversations with analysis state at once (default LIMITS.tcpTrackedFlows). */
  maxTracked?: number;
  hits?: LimitHits;
  /** A conversation lost its analysis state: other per-stream state (reassembly) should go too. */
  onEvict?: (stream: number) => void;
}

// bits of a stream's `bits` column
const A_IS_LOW = 1; // endpoint A (the sender of the first packet seen) is the low end of the flow table's pair
const A_BASE_SET = 2; // each direction's base sequence number is known
const B_BASE_SET = 4;
const NO_SLOT = -1;

export class TcpStreams {
  /** Endpoint pair -> stream number of its latest conversation (no string per packet). */
  private readonly flows = new FlowTable(4096);
  // per stream: the bits above, each direction's base sequence number, and its analysis slot (or NO_SLOT)
  private bits = new Uint8Array(4096);
  private aBase = new Uint32Array(4096);
  private bBase = new Uint32Array(4096);
  private slotOf = new Int32Array(4096).fill(NO_SLOT);
  // per analysis slot: its stream and its state (made on first use); slots by last packet, to pick the one to evict
  private readonly streamOf: number[] = [];
  /** Seconds since the epoch of each slot's last packet (NaN without time stamps). */
  private readonly lastSeen: number[] = [];
  private readonly states: (TcpAnalysisState | undefined)[] = [];
  private readonly recent = new LruList(1024);
  private readonly maxTracked: number;
  private readonly hits: LimitHits | null;
  private readonly onEvict: ((stream: number) => void) | null;
  count = 0;
  /** Conversations whose analysis state was evicted (a conversation counts each time); of those, expired
   * ones (silent for IDLE_EXPIRY_S). */
  evictions = 0;
  expired = 0;

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
  private slot = NO_SLOT;
  /** True when the packet goes from A to B. */
  fromA = true;
  seqRel = 0;
  ackRel = 0;
  reusedPorts = false;

  /** Sequence-analysis state of the last packet's conversation (tcp-analysis.ts), undefined until set. */
  get analysis(): TcpAnalysisState | undefined {
    return this.states[this.slot];
  }

  set analysis(st: TcpAnalysisState | undefined) {
    this.states[this.slot] = st;
  }

  /** `now`: the frame's time in seconds since the epoch (NaN without one), for idle expiry. */
  track(p: Packet, now = NaN): void {
    const flows = this.flows;
    const found = flows.find(p);
    const srcIsLow = flows.srcIsLow;
    let s = found;
    const flags = p.tcpFlags;
    this.reusedPorts = false;
    if (s >= 0 && (flags & (TCP_SYN | TCP_ACK)) === TCP_SYN) {
      const b = this.bits[s]!;
      const fwdA = (b & A_IS_LOW) !== 0 === srcIsLow;
      if (b & (fwdA ? A_BASE_SET : B_BASE_SET) && (fwdA ? this.aBase[s] : this.bBase[s]) !== p.tcpSeq) {
        this.reusedPorts = true;
        s = -1;
      }
    }
    if (s < 0) {
      s = this.count++;
      if (s >= this.bits.length) this.grow();
      this.bits[s] = srcIsLow ? A_IS_LOW : 0;
      flows.set(s);
    }
    this.stream = s;
    this.touch(s, now);
    const bits = this.bits[s]!;
    const fromA = (bits & A_IS_LOW) !== 0 === srcIsLow;
    this.fromA = fromA;
    const fwdBit = fromA ? A_BASE_SET : B_BASE_SET;
    const revBit = fromA ? B_BASE_SET : A_BASE_SET;
    const fwdCol = fromA ? this.aBase : this.bBase;
    const revCol = fromA ? this.bBase : this.aBase;
    let fwdBase = fwdCol[s]!;
    let revBase = revCol[s]!;
    let fwdSet = (bits & fwdBit) !== 0;
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
    fwdCol[s] = fwdBase;
    let nextBits = bits | fwdBit;
    if ((bits & revBit) === 0 && flags & TCP_ACK) {
      revBase = (p.tcpAck - 1) >>> 0;
      revCol[s] = revBase;
      nextBits |= revBit;
    }
    this.bits[s] = nextBits;
    this.seqRel = (p.tcpSeq - fwdBase) >>> 0;
    // without the ACK flag tshark 4.0 shows the raw field (RST segments often carry one)
    this.ackRel = flags & TCP_ACK ? (p.tcpAck - revBase) >>> 0 : p.tcpAck;
  }

  /** Gives stream `s` an analysis slot (a free one, else the least recently used one's) and marks it used. */
  private touch(s: number, now: number): void {
    let slot = this.slotOf[s]!;
    if (slot === NO_SLOT) {
      if (this.streamOf.length < this.maxTracked) {
        slot = this.streamOf.length;
        this.streamOf.push(s);
        this.states.push(undefined);
        this.lastSeen.push(now);
      } else {
        slot = this.recent.popOldest();
        this.evict(this.streamOf[slot]!, now - this.lastSeen[slot]! >= IDLE_EXPIRY_S);
        this.streamOf[slot] = s;
        this.states[slot] = undefined;
      }
      this.slotOf[s] = slot;
    }
    this.slot = slot;
    this.lastSeen[slot] = now;
    this.recent.touch(slot);
  }

  private evict(old: number, idle: boolean): void {
    this.slotOf[old] = NO_SLOT;
    this.evictions++;
    this.onEvict?.(old);
    if (idle) {
      this.expired++;
      return;
    }
    const max = this.maxTracked;
    this.hits?.hit(
      'limit.tcp.flows',
      () => `radscope tracked ${max.toLocaleString('en-US')} TCP connections at once and dropped the analysis state of the least recently seen, TCP stream ${old} first; if such a connection carries on, its TCP analysis flags restart as if the capture began there and its TLS, HTTP and DNS are not analysed further`,
    );
  }

  /** Doubles the per-stream columns. */
  private grow(): void {
    const n = this.bits.length * 2;
    const bits = new Uint8Array(n);
    bits.set(this.bits);
    this.bits = bits;
    const a = new Uint32Array(n);
    a.set(this.aBase);
    this.aBase = a;
    const b = new Uint32Array(n);
    b.set(this.bBase);
    this.bBase = b;
    const slots = new Int32Array(n).fill(NO_SLOT);
    slots.set(this.slotOf);
    this.slotOf = slots;
  }
}
