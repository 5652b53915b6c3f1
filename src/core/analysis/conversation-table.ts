// The conversations' running totals in typed columns, one row per conversation and one per side of it (row *
// 2, + 1 for the responder): up to 500,000 conversations are recorded (flow-recording.ts), and as objects
// (a conversation, two sides, their repetition bookkeeping) each cost about 330 bytes; here 125. Only
// the texts (addresses, history) are JS values. Zeek's history repetition rules (protocol-facts.md 6.3) are
// applied here, on the side's bits and sequence numbers.

/** Bits of a side's `once`: letters written once per side, and whether s, h, f have been written (their last
 * sequence number is kept). */
const ONCE_A = 1;
const ONCE_D = 2;
const ONCE_I = 4;
const ONCE_Q = 8;
const SEEN_S = 16;
const SEEN_H = 32;
const SEEN_F = 64;

/** The rarer letters' bookkeeping: r (once per sequence number) and those counted (c, g, t, w). */
class Repeats {
  seqR = -1;
  countC = 0;
  countG = 0;
  countT = 0;
  countW = 0;
}

export class ConversationTable {
  length = 0;
  // per conversation
  stream = new Int32Array(1024);
  startSec = new Float64Array(1024);
  startNsec = new Uint32Array(1024);
  lastSec = new Float64Array(1024);
  lastNsec = new Uint32Array(1024);
  firstFrame = new Uint32Array(1024);
  lastFrame = new Uint32Array(1024);
  origPort = new Uint16Array(1024);
  respPort = new Uint16Array(1024);
  /** TCP: the originator is TcpStreams' "A" (false after a flip); UDP: it is the flow table's low end. */
  origFirst = new Uint8Array(1024);
  readonly origAddr: string[] = [];
  readonly respAddr: string[] = [];
  readonly history: string[] = [];
  // per side (Zeek endpoint state, packets, payload bytes, letters' bookkeeping)
  state = new Uint8Array(2048);
  packets = new Float64Array(2048);
  bytes = new Float64Array(2048);
  once = new Uint8Array(2048);
  seqS = new Uint32Array(2048);
  seqH = new Uint32Array(2048);
  seqF = new Uint32Array(2048);
  /** By side row, made at the first of its rarer letters. */
  private readonly repeats = new Map<number, Repeats>();

  /** A new conversation; returns its row. */
  add(stream: number, origAddr: string, origPort: number, respAddr: string, respPort: number, origFirst: boolean, frame: number, sec: number, nsec: number): number {
    const r = this.length++;
    if (r === this.stream.length) this.grow();
    this.stream[r] = stream;
    this.origAddr.push(origAddr);
    this.respAddr.push(respAddr);
    this.history.push('');
    this.origPort[r] = origPort;
    this.respPort[r] = respPort;
    this.origFirst[r] = origFirst ? 1 : 0;
    this.firstFrame[r] = frame;
    this.startSec[r] = sec;
    this.startNsec[r] = nsec;
    return r;
  }

  /** The responder turns out to be the originator (Zeek's "^"). */
  flip(r: number): void {
    this.origFirst[r] ^= 1;
    [this.origAddr[r], this.respAddr[r]] = [this.respAddr[r]!, this.origAddr[r]!];
    [this.origPort[r], this.respPort[r]] = [this.respPort[r]!, this.origPort[r]!];
    // the sides' totals are empty at a flip (it happens at the first packet), so only the names swap
    this.history[r] += '^';
  }

  /** Adds a history letter (uppercase for the originator) under Zeek's repetition rules (facts 6.3). */
  letter(r: number, fromOrig: boolean, ch: string, seq = 0): void {
    if (!this.admit(r * 2 + (fromOrig ? 0 : 1), ch, seq)) return;
    this.history[r] += fromOrig ? ch.toUpperCase() : ch;
  }

  /** Whether the letter is written now for side row `s`; updates the bookkeeping. */
  private admit(s: number, ch: string, seq: number): boolean {
    switch (ch) {
      // once per side
      case 'a':
        return this.onceBit(s, ONCE_A);
      case 'd':
        return this.onceBit(s, ONCE_D);
      case 'i':
        return this.onceBit(s, ONCE_I);
      case 'q':
        return this.onceBit(s, ONCE_Q);
      // once per sequence number
      case 's':
        return this.perSeq(s, this.seqS, SEEN_S, seq);
      case 'h':
        return this.perSeq(s, this.seqH, SEEN_H, seq);
      case 'f':
        return this.perSeq(s, this.seqF, SEEN_F, seq);
    }
    let rep = this.repeats.get(s);
    if (rep === undefined) this.repeats.set(s, (rep = new Repeats()));
    switch (ch) {
      case 'r':
        if (rep.seqR === seq) return false;
        rep.seqR = seq;
        return true;
      // c, g, t, w: the 1st, 10th, 100th... occurrence
      case 'g':
        return logCount(++rep.countG);
      case 't':
        return logCount(++rep.countT);
      case 'w':
        return logCount(++rep.countW);
      default:
        return logCount(++rep.countC);
    }
  }

  private onceBit(s: number, bit: number): boolean {
    const once = this.once[s]!;
    if (once & bit) return false;
    this.once[s] = once | bit;
    return true;
  }

  private perSeq(s: number, col: Uint32Array, seen: number, seq: number): boolean {
    const once = this.once[s]!;
    if (once & seen && col[s] === seq >>> 0) return false;
    this.once[s] = once | seen;
    col[s] = seq;
    return true;
  }

  /** Doubles every column. */
  private grow(): void {
    const n = this.stream.length * 2;
    this.stream = more(this.stream, new Int32Array(n));
    this.startSec = more(this.startSec, new Float64Array(n));
    this.startNsec = more(this.startNsec, new Uint32Array(n));
    this.lastSec = more(this.lastSec, new Float64Array(n));
    this.lastNsec = more(this.lastNsec, new Uint32Array(n));
    this.firstFrame = more(this.firstFrame, new Uint32Array(n));
    this.lastFrame = more(this.lastFrame, new Uint32Array(n));
    this.origPort = more(this.origPort, new Uint16Array(n));
    this.respPort = more(this.respPort, new Uint16Array(n));
    this.origFirst = more(this.origFirst, new Uint8Array(n));
    this.state = more(this.state, new Uint8Array(n * 2));
    this.packets = more(this.packets, new Float64Array(n * 2));
    this.bytes = more(this.bytes, new Float64Array(n * 2));
    this.once = more(this.once, new Uint8Array(n * 2));
    this.seqS = more(this.seqS, new Uint32Array(n * 2));
    this.seqH = more(this.seqH, new Uint32Array(n * 2));
    this.seqF = more(this.seqF, new Uint32Array(n * 2));
  }
}

function more<T extends Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array>(old: T, next: T): T {
  next.set(old as never);
  return next;
}

function logCount(n: number): boolean {
  return n === 1 || n === 10 || n === 100 || n === 1000 || n === 10000;
}
