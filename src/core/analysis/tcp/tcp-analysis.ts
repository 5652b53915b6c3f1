// Wireshark's TCP sequence analysis (packet-tcp.c tcp_analyze_sequence_number; protocol-facts.md 1.1-1.2),
// per direction of each conversation. Like packet-tcp.c it works on the raw sequence and acknowledgement
// numbers (the relative ones are made afterwards, for display): a SYN's ack field of 0 and an ACK of 0 after
// an ISN of 2^32-1 count as equal there, as tshark shows (tcp_handshake_synthetic.pcap frame 50). The checks
// run in Wireshark's order; several flags can hold at once. One pass: a frame's flags depend only on what
// came before it.

import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, type Packet } from '../../dissect/packet.ts';
import { TcpFlag } from './tcp-flags.ts';
import type { TcpStreams } from './tcp-streams.ts';

const FAST_RETRANSMISSION_WINDOW = 0.02; // 20 ms after the last dup ACK (packet-tcp.c)
const DEFAULT_OOO_THRESHOLD = 0.003; // 3 ms when the initial RTT is unknown (packet-tcp.c ooo_thres)
const MAX_UNACKED = 256; // segments remembered per direction for ACK'd-frame / RTT

// Sequence numbers compare modulo 2^32 (packet-tcp.c GT_SEQ, LT_SEQ, LE_SEQ): a after b when ((a - b) | 0) > 0.
// Written out where used: as helper calls they were not always inlined, and each call boxed its arguments.

class Direction {
  nextseq = 0;
  nextseqtime = 0;
  maxseqtobeacked = 0;
  lastack = 0;
  lastacktime = 0;
  window = -1;
  windowFromSyn = false;
  /** Window scale shift: -1 unknown, -2 no scaling used, else the shift (RFC 7323 section 2). */
  winScale = -1;
  dupacknum = 0;
  lastnondupack = 0;
  lastsegmentflags = 0;
  synSeen = false;
  synTime = 0;
  /** Unacked segments, UNACKED_FIELDS numbers each (seq, next seq, frame, time): no object per segment, and
   * no array at all while everything sent is acknowledged (most connections end so). */
  unacked: number[] | null = null;
  unackedCount = 0;
}

const UNACKED_FIELDS = 4;
const UNACKED_INITIAL = 4;
/** Empty unacked arrays kept for reuse (at most MAX_UNACKED entries each: 8 KiB). */
const POOL_MAX = 256;

/** Per-conversation analysis state, kept by TcpStreams for the conversations it tracks. */
export interface TcpAnalysisState {
  a: Direction;
  b: Direction;
  /** Initial RTT (tcp.analysis.initial_rtt) in seconds, -1 until the handshake's last ACK. */
  irtt: number;
  synAckSeen: boolean;
}

export class TcpAnalysis {
  // Results for the last frame analysed (reused).
  flags = 0;
  dupAckNum = 0;
  dupAckFrame = 0;
  /** Frame whose segment this ACK acknowledges exactly (tcp.analysis.acks_frame), 0 if none. */
  acksFrame = 0;
  /** Seconds from that segment to this ACK (tcp.analysis.ack_rtt), -1 if none. */
  ackRtt = -1;
  private readonly pool: number[][] = [];
  // The frame's time and segment bounds for the helpers below, as fields: a sequence number or a time passed
  // as an argument to a call that is not inlined is boxed (a heap number per call), a field is updated in place.
  private now = 0.5;
  private segSeq = 0.5;
  private segNext = 0.5;

  analyse(p: Packet, t: TcpStreams, frame: number, now: number): void {
    const st = t.analysis ?? (t.analysis = newState());
    const fwd = t.fromA ? st.a : st.b;
    const rev = t.fromA ? st.b : st.a;
    const seq = p.tcpSeq;
    const ack = p.tcpAck;
    const flags = p.tcpFlags;
    const seglen = p.tcpLen;
    const window = p.tcpWindow;
    const noSfr = (flags & (TCP_SYN | TCP_FIN | TCP_RST)) === 0;
    let f = t.reusedPorts ? TcpFlag.REUSED_PORTS : 0;
    this.dupAckNum = 0;
    this.dupAckFrame = 0;
    this.acksFrame = 0;
    this.ackRtt = -1;

    if (flags & TCP_SYN || st.irtt < 0) trackHandshake(p, st, fwd, rev, now);

    checks: {
      // 1. zero window probe
      if (seglen === 1 && seq === fwd.nextseq && rev.window === 0) {
        f |= TcpFlag.ZERO_WINDOW_PROBE;
        break checks;
      }
      // 2. zero window
      if (window === 0 && noSfr) f |= TcpFlag.ZERO_WINDOW;
      // 3. previous segment not captured
      if (fwd.nextseq !== 0 && ((seq - fwd.nextseq) | 0) > 0 && (flags & TCP_RST) === 0) f |= TcpFlag.LOST_SEGMENT;
      // 4. keep-alive
      if ((seglen === 0 || seglen === 1) && seq === ((fwd.nextseq - 1) >>> 0) && noSfr) f |= TcpFlag.KEEP_ALIVE;
      const sameSeqAck = seglen === 0 && seq === fwd.nextseq && ack === fwd.lastack && noSfr;
      // 5. window update
      if (sameSeqAck && window !== 0 && window !== fwd.window) f |= TcpFlag.WINDOW_UPDATE;
      // 6. window full
      if (seglen > 0 && rev.winScale !== -1 && noSfr) {
        const shift = rev.winScale === -2 ? 0 : rev.winScale;
        // window * 2^shift as a shift: the window is 16 bits and the shift at most 14, so it is exact (and
        // 2 ** shift is a call to Math.pow, on every data segment)
        if (((seq + seglen) >>> 0) === ((rev.lastack + (rev.window << shift)) >>> 0)) f |= TcpFlag.WINDOW_FULL;
      }
      // 7. keep-alive ACK
      if (sameSeqAck && window !== 0 && window === fwd.window && rev.lastsegmentflags & TcpFlag.KEEP_ALIVE) {
        f |= TcpFlag.KEEP_ALIVE_ACK;
        break checks;
      }
      // 8. zero window probe ACK
      if (sameSeqAck && window === 0 && window === fwd.window && rev.lastsegmentflags & TcpFlag.ZERO_WINDOW_PROBE) {
        f |= TcpFlag.ZERO_WINDOW_PROBE_ACK;
        break checks;
      }
      // 8b. duplicate ACK
      if (sameSeqAck && window !== 0 && window === fwd.window) {
        fwd.dupacknum = fwd.dupacknum === -1 ? 1 : fwd.dupacknum + 1;
        f |= TcpFlag.DUPLICATE_ACK;
        this.dupAckNum = fwd.dupacknum;
        this.dupAckFrame = fwd.lastnondupack;
      }
    }
    // 9. finished_fwd: a frame that is not a dup ACK resets the count when the ACK moves
    if ((f & TcpFlag.DUPLICATE_ACK) === 0 && ack !== fwd.lastack) {
      fwd.lastnondupack = frame;
      fwd.dupacknum = 0;
    }
    // 10. ACKed unseen segment. Once per loss: either catch maxseqtobeacked up, or mark the other side's
    // dup-ACK count -1. That count is unsigned in packet-tcp.c, so -1 also passes the ">= 2 dup ACKs" test
    // of fast retransmission below, and tshark 4.0 says so (reassembly.pcap frames 8, 10, 12): we keep it.
    // (The comparison of maxseqtobeacked and nextseq is a plain unsigned one there, not modulo 2^32.)
    if (rev.maxseqtobeacked !== 0 && ((ack - rev.maxseqtobeacked) | 0) > 0 && flags & TCP_ACK) {
      if (rev.maxseqtobeacked > rev.nextseq) {
        rev.maxseqtobeacked = rev.nextseq;
        f |= TcpFlag.ACK_LOST_SEGMENT;
      } else {
        if (rev.dupacknum === 0) f |= TcpFlag.ACK_LOST_SEGMENT;
        rev.dupacknum = -1;
      }
    }
    // 11. retransmission family: spurious first (data already ACKed, wherever it lies), then fast
    // retransmission, out-of-order (tcp_fastrt_precedence on, the default), and plain retransmission
    if ((seglen > 0 || flags & (TCP_SYN | TCP_FIN)) && (f & TcpFlag.KEEP_ALIVE) === 0) {
      let notAdvanced = fwd.nextseq !== 0 && ((seq - fwd.nextseq) | 0) < 0;
      if (seglen > 1 && seq === ((fwd.nextseq - 1) >>> 0)) notAdvanced = false; // a probe carrying data
      const thres = st.irtt >= 0 ? st.irtt : DEFAULT_OOO_THRESHOLD;
      const dupAcks = rev.dupacknum === -1 ? 2 ** 32 - 1 : rev.dupacknum; // unsigned in packet-tcp.c
      const end = (seq + seglen + (flags & (TCP_SYN | TCP_FIN) ? 1 : 0)) >>> 0;
      if (seglen > 0 && rev.lastack !== 0 && ((((seq + seglen) >>> 0) - rev.lastack) | 0) <= 0) {
        f |= TcpFlag.SPURIOUS_RETRANSMISSION;
      } else if (notAdvanced && dupAcks >= 2 && rev.lastack === seq && now - rev.lastacktime < FAST_RETRANSMISSION_WINDOW) {
        f |= TcpFlag.FAST_RETRANSMISSION;
      } else if (notAdvanced && now - fwd.nextseqtime < thres && fwd.nextseq !== end) {
        f |= TcpFlag.OUT_OF_ORDER;
      } else if (notAdvanced) {
        f |= TcpFlag.RETRANSMISSION;
      }
    }
    // 12. bookkeeping
    const isZwp = (f & TcpFlag.ZERO_WINDOW_PROBE) !== 0;
    const nextseq = (seq + seglen + (flags & (TCP_SYN | TCP_FIN) ? 1 : 0)) >>> 0;
    if ((seglen > 0 || flags & (TCP_SYN | TCP_FIN)) && !isZwp) {
      this.segSeq = seq;
      this.segNext = nextseq;
      this.now = now;
      this.remember(fwd, frame);
    }
    if (!isZwp && (fwd.nextseq === 0 || ((nextseq - fwd.nextseq) | 0) > 0)) {
      fwd.nextseq = nextseq;
      fwd.nextseqtime = now;
    }
    if (!isZwp && (seq === fwd.maxseqtobeacked || fwd.maxseqtobeacked === 0)) fwd.maxseqtobeacked = fwd.nextseq;
    fwd.window = window;
    fwd.windowFromSyn = (flags & TCP_SYN) !== 0;
    fwd.lastack = ack;
    fwd.lastacktime = now;
    fwd.lastsegmentflags = f;
    if (flags & TCP_ACK && rev.unackedCount > 0) {
      this.segSeq = ack;
      this.now = now;
      this.matchAcked(rev);
    }
    this.flags = f;
  }

  /** Frames this ACK covers: an exact match names the acked frame and its RTT; covered segments are dropped. */
  private matchAcked(rev: Direction): void {
    const ack = this.segSeq;
    const now = this.now;
    const u = rev.unacked!;
    const n = rev.unackedCount * UNACKED_FIELDS;
    let keep = 0;
    for (let i = 0; i < n; i += UNACKED_FIELDS) {
      const next = u[i + 1]!;
      if (next === ack && this.acksFrame === 0) {
        this.acksFrame = u[i + 2]!;
        this.ackRtt = now - u[i + 3]!;
      }
      if (((next - ack) | 0) <= 0) continue;
      if (keep !== i) {
        u[keep] = u[i]!;
        u[keep + 1] = next;
        u[keep + 2] = u[i + 2]!;
        u[keep + 3] = u[i + 3]!;
      }
      keep += UNACKED_FIELDS;
    }
    rev.unackedCount = keep / UNACKED_FIELDS;
    // everything acknowledged: the array goes back to the pool (a finished connection keeps none, and the
    // next flight of a live one takes one from the pool instead of making a new one)
    if (keep === 0) {
      if (this.pool.length < POOL_MAX) this.pool.push(u);
      rev.unacked = null;
    }
  }

  /** Notes a segment sent in direction `d` (the oldest is forgotten past MAX_UNACKED). */
  private remember(d: Direction, frame: number): void {
    let u = d.unacked;
    // a plain array of doubles (PACKED_DOUBLE_ELEMENTS): cheap to make, unlike a typed array's buffer
    if (u === null) u = d.unacked = this.pool.pop() ?? new Array<number>(UNACKED_INITIAL * UNACKED_FIELDS).fill(0.5);
    if (d.unackedCount >= MAX_UNACKED) {
      const n = d.unackedCount * UNACKED_FIELDS;
      for (let i = UNACKED_FIELDS; i < n; i++) u[i - UNACKED_FIELDS] = u[i]!;
      d.unackedCount--;
    } else if ((d.unackedCount + 1) * UNACKED_FIELDS > u.length) {
      const more = Math.min(MAX_UNACKED, d.unackedCount * 2) * UNACKED_FIELDS - u.length;
      for (let i = 0; i < more; i++) u.push(0);
    }
    const o = d.unackedCount * UNACKED_FIELDS;
    u[o] = this.segSeq;
    u[o + 1] = this.segNext;
    u[o + 2] = frame;
    u[o + 3] = this.now;
    d.unackedCount++;
  }
}

function newState(): TcpAnalysisState {
  return { a: new Direction(), b: new Direction(), irtt: -1, synAckSeen: false };
}

/** Window scaling (RFC 7323 section 2.2: only if both SYNs carry the option) and the initial RTT. */
function trackHandshake(p: Packet, st: TcpAnalysisState, fwd: Direction, rev: Direction, now: number): void {
  const flags = p.tcpFlags;
  if (flags & TCP_SYN) {
    fwd.winScale = p.tcpWscale >= 0 ? Math.min(p.tcpWscale, 14) : -2;
    if (flags & TCP_ACK) {
      st.synAckSeen = true;
      if (fwd.winScale === -2 || rev.winScale === -2) fwd.winScale = rev.winScale = -2;
    } else {
      fwd.synSeen = true;
      fwd.synTime = now;
    }
    return;
  }
  // the handshake's last ACK: from the SYN's sender, after the SYN/ACK
  if (st.irtt < 0 && fwd.synSeen && st.synAckSeen && flags & TCP_ACK) st.irtt = now - fwd.synTime;
}
