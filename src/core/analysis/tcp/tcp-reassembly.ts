// One direction of a TCP connection as an ordered byte stream (RFC 9293 section 3.10.7.4: segments are
// processed in sequence order; data below RCV.NXT is a duplicate). Each payload byte is delivered once, in
// order, tagged with the frame that carried it:
// - a retransmitted segment, or the part of one already delivered, is dropped: the first copy wins, as in
//   Wireshark (packet-tcp.c delivers a byte range once and reports later conflicting copies as overlaps);
// - a segment past a hole is copied and held (HOLD mode, bounded) until the hole fills, then delivered with
//   its own frame number; the hole is given up as a gap when the peer acknowledges past it (the bytes reached
//   the peer but not the capture), when the holding limits are reached, or at a reset;
// - bytes the capture cut off (snaplen) are reported as a gap, never invented.
// Consumers can stop the copying (IN_ORDER: a segment past a hole is delivered at once after a gap notice,
// as tshark 4.0 does with tcp.reassemble_out_of_order off), stop delivery (OFF), and hand the bytes from a
// given offset on to another consumer (a protocol switch, e.g. TLS after an HTTP CONNECT).
// Sequence numbers are compared modulo 2^32 (RFC 9293 section 3.4); offsets count from the start.
// A hole given up because a holding limit was reached (not because the peer acknowledged past it) is noted in
// the budget's LimitHits: limit.tcp.reassembly (this direction's limits), limit.tcp.memory (all directions').

import { LIMITS, type LimitHits } from '../../base/limits.ts';

/** Receives one direction's bytes in order. Views are valid only during the call: copy what you keep. */
export interface ByteSink {
  /** `bytes[start..end)` sit at stream offset `offset`; `frame` carried them (earlier than now if held). */
  data(bytes: Uint8Array, start: number, end: number, offset: number, frame: number): void;
  /** `length` bytes at `offset` will never be delivered (not captured, or given up); `frame` is the current one. */
  gap(offset: number, length: number, frame: number): void;
  /** The sender finished (FIN reached in order) or reset the connection. */
  end?(offset: number, frame: number, reset: boolean): void;
}

export const StreamMode = { HOLD: 0, IN_ORDER: 1, OFF: 2 } as const;
export type StreamModeCode = (typeof StreamMode)[keyof typeof StreamMode];

export interface ReassemblyLimits {
  /** Bytes of out-of-order data held per direction before the oldest hole is given up (default 256 KiB). */
  maxHeldBytes: number;
  /** Held segments per direction (default 64). */
  maxHeldSegments: number;
}

export const DEFAULT_REASSEMBLY_LIMITS: ReassemblyLimits = { maxHeldBytes: LIMITS.tcpHeldBytes, maxHeldSegments: LIMITS.tcpHeldSegments };

/** Bytes all directions (and their parsers) may hold together; a refusal makes the caller give up data. */
export class MemoryBudget {
  used = 0;
  peak = 0;
  refusals = 0;
  constructor(
    readonly limit: number = LIMITS.tcpBufferedBytes,
    /** Where a refusal is noted (limit.tcp.memory). */
    readonly hits: LimitHits | null = null,
  ) {}
  take(n: number): boolean {
    if (this.used + n > this.limit) {
      this.refuse();
      return false;
    }
    this.used += n;
    if (this.used > this.peak) this.peak = this.used;
    return true;
  }
  give(n: number): void {
    this.used = Math.max(0, this.used - n);
  }

  /** Counts a refusal (take() failed, or a caller saw one coming) and notes the limit hit. */
  refuse(): void {
    this.refusals++;
    const limit = this.limit;
    this.hits?.hit('limit.tcp.memory', () => `TCP reassembly and the TLS and HTTP messages being assembled held ${mib(limit)} in all; radscope held no more, so missing bytes it could not wait for are treated as lost and a handshake message it could not keep is not parsed`);
  }
}

function mib(n: number): string {
  return n >= 1 << 20 ? `${n / (1 << 20)} MiB` : n >= 1024 ? `${n / 1024} KiB` : `${n} bytes`;
}

/** Signed distance a - b between two 32-bit sequence numbers. */
export function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

interface Held {
  seq: number;
  bytes: Uint8Array;
  frame: number;
  /** Budget bytes this piece's copy accounts for (the first piece of a split copy carries it all). */
  cost: number;
}

export class ByteStream {
  /** Sequence number of the next byte to deliver, and its stream offset. */
  nextSeq: number;
  offset = 0;
  mode: StreamModeCode;
  /** Out-of-order bytes held now, and the number of gaps reported so far. */
  heldBytes = 0;
  gaps = 0;
  finished = false;
  /** The TCP stream number, for messages (set by whoever knows it; -1 unknown). */
  id = -1;
  private sink: ByteSink | null;
  private held: Held[] = [];
  private switchAt = -1;
  private nextSink: ByteSink | null = null;
  private ackedTo = 0;
  private acked = false;
  private finSeq = 0;
  private finSeen = false;

  constructor(
    startSeq: number,
    sink: ByteSink | null,
    private readonly budget: MemoryBudget,
    private readonly limits: ReassemblyLimits = DEFAULT_REASSEMBLY_LIMITS,
    mode: StreamModeCode = StreamMode.HOLD,
  ) {
    this.nextSeq = startSeq >>> 0;
    this.sink = sink;
    this.mode = mode;
  }

  /** Who receives the bytes now. */
  get consumer(): ByteSink | null {
    return this.sink;
  }

  /**
   * One segment: `segLen` is its length as the IP header gives it (tcp.len); `bytes[start..end)` is the part
   * captured (shorter when the snapshot length cut it).
   */
  push(seq: number, bytes: Uint8Array, start: number, end: number, segLen: number, frame: number): void {
    if (this.finished || segLen <= 0) return;
    let d = seqDiff(seq, this.nextSeq);
    if (d + segLen <= 0) return; // all of it delivered already: a retransmission (first copy wins)
    if (d < 0) {
      start = Math.min(end, start - d); // the part already delivered is dropped
      segLen += d;
      seq = this.nextSeq;
      d = 0;
    }
    if (this.mode === StreamMode.OFF) {
      this.advance(d + segLen);
      return;
    }
    if (d > 0) {
      if (this.acked && seqDiff(this.ackedTo, this.nextSeq) > 0) this.loseTo(seqDiff(this.ackedTo, seq) >= 0 ? seq : this.ackedTo, frame);
      d = seqDiff(seq, this.nextSeq);
    }
    if (d > 0 && this.mode === StreamMode.IN_ORDER) {
      // no holding any more: held bytes before this segment go out first, then the hole is given up
      while (this.held.length > 0 && seqDiff(this.held[0]!.seq, seq) < 0) this.giveUpOldestHole(frame);
      if (seqDiff(seq, this.nextSeq) <= 0) return this.push(seq, bytes, start, end, segLen, frame);
      this.loseTo(seq, frame);
      d = 0;
    }
    if (d > 0) {
      this.hold(seq, bytes, start, end, segLen, frame);
      return;
    }
    this.deliverSegment(bytes, start, end, segLen, frame);
    this.drain(frame);
    this.checkFin(frame);
  }

  /** The peer acknowledged everything below `ackSeq`: bytes below it that never came were not captured. */
  ack(ackSeq: number, frame: number): void {
    if (this.finished || seqDiff(ackSeq, this.nextSeq) <= 0) return;
    if (!this.acked || seqDiff(ackSeq, this.ackedTo) > 0) this.ackedTo = ackSeq >>> 0;
    this.acked = true;
    if (this.held.length > 0 && this.mode !== StreamMode.OFF) {
      const first = this.held[0]!.seq;
      this.loseTo(seqDiff(ackSeq, first) >= 0 ? first : ackSeq, frame);
      this.drain(frame);
      this.checkFin(frame);
    }
  }

  /** FIN at `seq` (the sequence number after the segment's data). */
  fin(seq: number, frame: number): void {
    this.finSeq = seq >>> 0;
    this.finSeen = true;
    this.checkFin(frame);
  }

  /** RST: nothing more will come; held bytes are dropped. */
  reset(frame: number): void {
    if (this.finished) return;
    this.release();
    this.finished = true;
    this.sink?.end?.(this.offset, frame, true);
  }

  /** HOLD -> IN_ORDER keeps what is held (it goes out when its hole fills or is given up); OFF drops it. */
  setMode(mode: StreamModeCode): void {
    this.mode = mode;
    if (mode === StreamMode.OFF) this.release();
  }

  /**
   * Deliver the bytes from stream offset `offset` on to `sink` (a protocol switch). Called during a data()
   * callback with an offset inside the bytes being delivered, the rest of them goes to the new sink at once;
   * an offset already delivered means "from now on".
   */
  switchSink(offset: number, sink: ByteSink | null): void {
    this.switchAt = offset;
    this.nextSink = sink;
    if (offset <= this.offset) this.applySwitch();
  }

  /** Drops held data (returns it to the budget). */
  release(): void {
    for (const h of this.held) this.budget.give(h.cost);
    this.held.length = 0;
    this.heldBytes = 0;
  }

  private applySwitch(): void {
    this.sink = this.nextSink;
    this.nextSink = null;
    this.switchAt = -1;
  }

  private advance(n: number): void {
    this.nextSeq = (this.nextSeq + n) >>> 0;
    this.offset += n;
    if (this.acked && seqDiff(this.ackedTo, this.nextSeq) <= 0) this.acked = false;
  }

  /** Declare [nextSeq, seq) lost. */
  private loseTo(seq: number, frame: number): void {
    const n = seqDiff(seq, this.nextSeq);
    if (n <= 0) return;
    const at = this.offset;
    this.advance(n);
    this.gaps++;
    if (this.switchAt >= 0 && this.switchAt <= this.offset) this.applySwitch();
    this.sink?.gap(at, n, frame);
  }

  private deliverSegment(bytes: Uint8Array, start: number, end: number, segLen: number, frame: number): void {
    const captured = Math.min(end - start, segLen);
    if (captured > 0) this.emit(bytes, start, start + captured, frame);
    if (segLen > captured) this.loseTo((this.nextSeq + segLen - captured) >>> 0, frame);
  }

  /** In-order bytes to the sink(s), honouring a switch that falls inside them. */
  private emit(bytes: Uint8Array, start: number, end: number, frame: number): void {
    while (start < end) {
      if (this.switchAt >= 0 && this.switchAt <= this.offset) this.applySwitch();
      let lim = end;
      if (this.switchAt >= 0 && this.offset + (end - start) > this.switchAt) lim = start + (this.switchAt - this.offset);
      const at = this.offset;
      this.sink?.data(bytes, start, lim, at, frame);
      // the sink may have asked, just now, for a switch inside what it was given: re-deliver the tail
      if (this.switchAt >= 0 && this.switchAt > at && this.switchAt < at + (lim - start)) lim = start + (this.switchAt - at);
      this.advance(lim - start);
      start = lim;
    }
  }

  private hold(seq: number, bytes: Uint8Array, start: number, end: number, segLen: number, frame: number): void {
    const captured = Math.min(end - start, segLen);
    if (captured <= 0) return; // nothing captured to hold: the hole is given up later like any other
    const lim = this.limits;
    while (this.held.length > 0 && (this.held.length >= lim.maxHeldSegments || this.heldBytes + captured > lim.maxHeldBytes || this.budget.used + captured > this.budget.limit)) {
      if (this.held.length >= lim.maxHeldSegments || this.heldBytes + captured > lim.maxHeldBytes) this.noteHeldLimit();
      else this.budget.refuse();
      this.giveUpOldestHole(frame);
      if (seqDiff(seq, this.nextSeq) <= 0) return this.push(seq, bytes, start, end, segLen, frame);
    }
    if (captured > lim.maxHeldBytes || !this.budget.take(captured)) {
      // cannot hold even this one: the hole before it is lost
      if (captured > lim.maxHeldBytes) this.noteHeldLimit();
      this.loseTo(seq, frame);
      this.deliverSegment(bytes, start, end, segLen, frame);
      this.drain(frame);
      return;
    }
    const copy = bytes.slice(start, start + captured);
    // first copy wins among held bytes too: only the parts no held segment covers yet are kept
    const pieces: Held[] = [];
    const stop = (seq + captured) >>> 0;
    let cursor = seq >>> 0;
    for (const h of this.held) {
      const hEnd = (h.seq + h.bytes.length) >>> 0;
      if (seqDiff(hEnd, cursor) <= 0) continue;
      if (seqDiff(h.seq, stop) >= 0) break;
      if (seqDiff(h.seq, cursor) > 0) pieces.push({ seq: cursor, bytes: copy.subarray(seqDiff(cursor, seq), seqDiff(h.seq, seq)), frame, cost: 0 });
      cursor = hEnd;
    }
    if (seqDiff(stop, cursor) > 0) pieces.push({ seq: cursor, bytes: copy.subarray(seqDiff(cursor, seq)), frame, cost: 0 });
    if (pieces.length === 0) {
      this.budget.give(captured);
      return;
    }
    pieces[0]!.cost = captured;
    for (const p of pieces) {
      let i = this.held.length;
      while (i > 0 && seqDiff(this.held[i - 1]!.seq, p.seq) > 0) i--;
      this.held.splice(i, 0, p);
      this.heldBytes += p.bytes.length;
    }
  }

  private noteHeldLimit(): void {
    const { maxHeldBytes, maxHeldSegments } = this.limits;
    const id = this.id;
    this.budget.hits?.hit(
      'limit.tcp.reassembly',
      () => `radscope held ${mib(maxHeldBytes)} or ${maxHeldSegments} segments of out-of-order data in one direction of TCP stream ${id} waiting for missing bytes; it stopped waiting, and those missing bytes are treated as lost (later data in that direction is still analysed)`,
    );
  }

  private giveUpOldestHole(frame: number): void {
    const first = this.held[0];
    if (first === undefined) return;
    this.loseTo(first.seq, frame);
    this.drain(frame);
  }

  /** Delivers held segments that are now in order. */
  private drain(frame: number): void {
    while (this.held.length > 0) {
      const h = this.held[0]!;
      const d = seqDiff(h.seq, this.nextSeq);
      if (d > 0) {
        if (this.acked && seqDiff(this.ackedTo, this.nextSeq) > 0) {
          this.loseTo(seqDiff(this.ackedTo, h.seq) >= 0 ? h.seq : this.ackedTo, frame);
          if (seqDiff(h.seq, this.nextSeq) > 0) return;
        } else {
          return;
        }
      }
      this.held.shift();
      this.heldBytes -= h.bytes.length;
      this.budget.give(h.cost);
      const skip = -seqDiff(h.seq, this.nextSeq);
      if (skip < h.bytes.length && this.mode !== StreamMode.OFF) this.emit(h.bytes, skip, h.bytes.length, h.frame);
      else if (skip < h.bytes.length) this.advance(h.bytes.length - skip);
    }
  }

  private checkFin(frame: number): void {
    if (!this.finSeen || this.finished || seqDiff(this.finSeq, this.nextSeq) > 0) return;
    this.finished = true;
    this.release();
    this.sink?.end?.(this.offset, frame, false);
  }
}
