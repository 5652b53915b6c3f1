// Wireshark's TCP sequence analysis (packet-tcp.c tcp_analyze_sequence_number; protocol-facts.md 1.1-1.2),
// per direction of each conversation. Like packet-tcp.c it works on the raw sequence and acknowledgement
// numbers (the relative ones are made afterwards, for display): a SYN's ack field of 0 and an ACK of 0 after
// an ISN of 2^32-1 count as equal there, as tshark shows (tcp_handshake_synthetic.pcap frame 50). The checks
// run in Wireshark's order; several flags can hold at once. One pass: a frame's flags depend only on what
// came before it.

import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, type Packet } from '../../dissect/packet.ts';
import { TcpFlag } from './tcp-flags.ts';
import type { TcpConversation, TcpStreams } from './tcp-streams.ts';

const FAST_RETRANSMISSION_WINDOW = 0.02; // 20 ms after the last dup ACK (packet-tcp.c)
const DEFAULT_OOO_THRESHOLD = 0.003; // 3 ms when the initial RTT is unknown (packet-tcp.c ooo_thres)
const MAX_UNACKED = 256; // segments remembered per direction for ACK'd-frame / RTT

/** Sequence-number comparisons modulo 2^32 (packet-tcp.c GT_SEQ, LT_SEQ, LE_SEQ). */
const gt = (a: number, b: number) => ((a - b) | 0) > 0;
const lt = (a: number, b: number) => ((a - b) | 0) < 0;
const le = (a: number, b: number) => ((a - b) | 0) <= 0;

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
  // unacked segments as parallel arrays (no object per segment)
  uSeq: number[] = [];
  uNext: number[] = [];
  uFrame: number[] = [];
  uTime: number[] = [];
}

/** Per-conversation analysis state, hung on the TcpConversation. */
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

  analyse(p: Packet, t: TcpStreams, frame: number, now: number): void {
    const c = t.conversation!;
    const st = state(c);
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

    trackHandshake(p, st, fwd, rev, now);

    checks: {
      // 1. zero window probe
      if (seglen === 1 && seq === fwd.nextseq && rev.window === 0) {
        f |= TcpFlag.ZERO_WINDOW_PROBE;
        break checks;
      }
      // 2. zero window
      if (window === 0 && noSfr) f |= TcpFlag.ZERO_WINDOW;
      // 3. previous segment not captured
      if (fwd.nextseq !== 0 && gt(seq, fwd.nextseq) && (flags & TCP_RST) === 0) f |= TcpFlag.LOST_SEGMENT;
      // 4. keep-alive
      if ((seglen === 0 || seglen === 1) && seq === ((fwd.nextseq - 1) >>> 0) && noSfr) f |= TcpFlag.KEEP_ALIVE;
      const sameSeqAck = seglen === 0 && seq === fwd.nextseq && ack === fwd.lastack && noSfr;
      // 5. window update
      if (sameSeqAck && window !== 0 && window !== fwd.window) f |= TcpFlag.WINDOW_UPDATE;
      // 6. window full
      if (seglen > 0 && rev.winScale !== -1 && noSfr) {
        const shift = rev.winScale === -2 ? 0 : rev.winScale;
        if ((((seq + seglen) >>> 0) === ((rev.lastack + rev.window * 2 ** shift) >>> 0))) f |= TcpFlag.WINDOW_FULL;
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
    if (rev.maxseqtobeacked !== 0 && gt(ack, rev.maxseqtobeacked) && flags & TCP_ACK) {
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
      let notAdvanced = fwd.nextseq !== 0 && lt(seq, fwd.nextseq);
      if (seglen > 1 && seq === ((fwd.nextseq - 1) >>> 0)) notAdvanced = false; // a probe carrying data
      const thres = st.irtt >= 0 ? st.irtt : DEFAULT_OOO_THRESHOLD;
      const dupAcks = rev.dupacknum === -1 ? 2 ** 32 - 1 : rev.dupacknum; // unsigned in packet-tcp.c
      const end = (seq + seglen + (flags & (TCP_SYN | TCP_FIN) ? 1 : 0)) >>> 0;
      if (seglen > 0 && rev.lastack !== 0 && le((seq + seglen) >>> 0, rev.lastack)) {
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
      if (fwd.uSeq.length >= MAX_UNACKED) {
        fwd.uSeq.shift();
        fwd.uNext.shift();
        fwd.uFrame.shift();
        fwd.uTime.shift();
      }
      fwd.uSeq.push(seq);
      fwd.uNext.push(nextseq);
      fwd.uFrame.push(frame);
      fwd.uTime.push(now);
    }
    if (!isZwp && (fwd.nextseq === 0 || gt(nextseq, fwd.nextseq))) {
      fwd.nextseq = nextseq;
      fwd.nextseqtime = now;
    }
    if (!isZwp && (seq === fwd.maxseqtobeacked || fwd.maxseqtobeacked === 0)) fwd.maxseqtobeacked = fwd.nextseq;
    fwd.window = window;
    fwd.windowFromSyn = (flags & TCP_SYN) !== 0;
    fwd.lastack = ack;
    fwd.lastacktime = now;
    fwd.lastsegmentflags = f;
    if (flags & TCP_ACK) this.matchAcked(rev, ack, now);
    this.flags = f;
  }

  /** Frames this ACK covers: an exact match names the acked frame and its RTT; covered segments are dropped. */
  private matchAcked(rev: Direction, ack: number, now: number): void {
    let keep = 0;
    for (let i = 0; i < rev.uSeq.length; i++) {
      if (rev.uNext[i] === ack && this.acksFrame === 0) {
        this.acksFrame = rev.uFrame[i]!;
        this.ackRtt = now - rev.uTime[i]!;
      }
      if (le(rev.uNext[i]!, ack)) continue;
      rev.uSeq[keep] = rev.uSeq[i]!;
      rev.uNext[keep] = rev.uNext[i]!;
      rev.uFrame[keep] = rev.uFrame[i]!;
      rev.uTime[keep] = rev.uTime[i]!;
      keep++;
    }
    rev.uSeq.length = rev.uNext.length = rev.uFrame.length = rev.uTime.length = keep;
  }
}

function state(c: TcpConversation): TcpAnalysisState {
  return (c.analysis ??= { a: new Direction(), b: new Direction(), irtt: -1, synAckSeen: false });
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
