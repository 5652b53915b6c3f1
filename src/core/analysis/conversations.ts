// Conversations, summarised as Zeek's conn.log does (zeek/zeek scripts/base/protocols/conn/main.zeek;
// protocol-facts.md section 6): per TCP connection a conn_state token and the history letters, packets and
// payload bytes per direction, start and duration; UDP conversations too. One object per conversation,
// updated in place; nothing per packet.

import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, type Packet } from '../dissect/packet.ts';
import { TcpFlag } from './tcp/tcp-flags.ts';
import { FlowTable } from './flow-table.ts';
import type { FlowRecording } from './flow-recording.ts';

/** Zeek's TCP endpoint states (TCP_Endpoint.h). */
const S = { INACTIVE: 0, SYN_SENT: 1, SYN_ACK_SENT: 2, PARTIAL: 3, ESTABLISHED: 4, CLOSED: 5, RESET: 6 } as const;
type EndpointState = (typeof S)[keyof typeof S];

export interface ConversationSummary {
  proto: 'tcp' | 'udp';
  /** tcp.stream for TCP (as tshark numbers it), -1 for UDP. */
  stream: number;
  orig: string;
  origPort: number;
  resp: string;
  respPort: number;
  firstFrame: number;
  lastFrame: number;
  /** Start as seconds since the epoch (decimal string, 9 digits) and duration in seconds. */
  start: string;
  duration: number;
  origPackets: number;
  respPackets: number;
  /** Transport payload bytes per direction. */
  origBytes: number;
  respBytes: number;
  connState: string;
  history: string;
}

/** Bookkeeping of the rarer letters: r (once per sequence number) and those counted (c, g, t, w). */
class Repeats {
  /** The sequence number r was last written for (-1: never). */
  seqR = -1;
  countC = 0;
  countG = 0;
  countT = 0;
  countW = 0;
}

class Side {
  state: EndpointState = S.INACTIVE;
  packets = 0;
  bytes = 0;
  // history bookkeeping in numbers (no string per side): letters seen once (bits); the sequence numbers s, h
  // and f were last written for (nearly every TCP side has one), as int32 (seq | 0: a small integer, where
  // a number past 2^31 would be a separate heap object), null for never; the rarer letters' state in an
  // object made at the first of them (UDP conversations, most of all, never need one)
  once = 0;
  private seqS: number | null = null;
  private seqH: number | null = null;
  private seqF: number | null = null;
  private repeats: Repeats | null = null;

  /** Whether the letter is written now, under its repetition rule (facts 6.3); updates the bookkeeping. */
  admit(ch: string, seq: number): boolean {
    switch (ch) {
      // once per side
      case 'a':
        return this.onceBit(1);
      case 'd':
        return this.onceBit(2);
      case 'i':
        return this.onceBit(4);
      case 'q':
        return this.onceBit(8);
      // once per sequence number
      case 's':
        if (this.seqS === (seq | 0)) return false;
        this.seqS = seq | 0;
        return true;
      case 'h':
        if (this.seqH === (seq | 0)) return false;
        this.seqH = seq | 0;
        return true;
      case 'f':
        if (this.seqF === (seq | 0)) return false;
        this.seqF = seq | 0;
        return true;
    }
    const r = (this.repeats ??= new Repeats());
    switch (ch) {
      case 'r':
        if (r.seqR === seq) return false;
        r.seqR = seq;
        return true;
      // c, g, t, w: the 1st, 10th, 100th... occurrence
      case 'g':
        return logCount(++r.countG);
      case 't':
        return logCount(++r.countT);
      case 'w':
        return logCount(++r.countW);
      default:
        return logCount(++r.countC);
    }
  }

  private onceBit(bit: number): boolean {
    if (this.once & bit) return false;
    this.once |= bit;
    return true;
  }
}

function logCount(n: number): boolean {
  return n === 1 || n === 10 || n === 100 || n === 1000 || n === 10000;
}

export class Conversation {
  readonly orig = new Side();
  readonly resp = new Side();
  history = '';
  startSec = 0;
  startNsec = 0;
  lastSec = 0;
  lastNsec = 0;
  firstFrame = 0;
  lastFrame = 0;
  /** TCP: whether the originator is TcpStreams' "A" (the first sender seen); false after a flip. */
  origIsA = true;
  /** UDP: whether the originator is the low end of the flow table's endpoint pair. */
  origIsLow = true;
  constructor(
    /** tcp.stream of a TCP conversation, -1 for UDP. */
    readonly stream: number,
    /** Address/port text of the originator and responder. */
    public origAddr: string,
    public origPort: number,
    public respAddr: string,
    public respPort: number,
  ) {}

  /** From the stream number rather than a field: a field costs 8 bytes in each of 500,000 conversations. */
  get proto(): 'tcp' | 'udp' {
    return this.stream < 0 ? 'udp' : 'tcp';
  }

  flip(): void {
    this.origIsA = !this.origIsA;
    [this.origAddr, this.respAddr] = [this.respAddr, this.origAddr];
    [this.origPort, this.respPort] = [this.respPort, this.origPort];
    this.history += '^';
  }

  /** Adds a history letter (uppercase for the originator) under Zeek's repetition rules (facts 6.3). */
  letter(fromOrig: boolean, ch: string, seq = 0): void {
    if (!(fromOrig ? this.orig : this.resp).admit(ch, seq)) return;
    this.history += fromOrig ? ch.toUpperCase() : ch;
  }
}

export class Conversations {
  /** UDP conversations in order of first packet, found by endpoint pair (no string per packet). */
  private readonly udp: Conversation[] = [];
  private readonly udpFlows = new FlowTable(4096);
  /** TCP conversations by record index (FlowRecording), so in stream order. */
  private readonly tcp: Conversation[] = [];

  /** `recording` decides which new UDP conversations get a record (all when absent). */
  constructor(private readonly recording: FlowRecording | null = null) {}

  /** A TCP segment of the conversation with record index `record` (a new one: the next index); `fromA` is
   * the direction TcpStreams gave (A = first sender seen). */
  trackTcp(p: Packet, stream: number, fromA: boolean, analysisFlags: number, frame: number, sec: number, nsec: number, record: number): void {
    let c = this.tcp[record];
    const flags = p.tcpFlags;
    if (c === undefined) {
      c = new Conversation(stream, p.src(), p.srcPort, p.dst(), p.dstPort);
      c.startSec = sec;
      c.startNsec = nsec;
      c.firstFrame = frame;
      this.tcp.push(c);
      // the first packet a SYN/ACK: the sender is the responder (Zeek flips and says "^")
      if ((flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK)) c.flip();
    }
    const fromOrig = fromA === c.origIsA;
    c.lastSec = sec;
    c.lastNsec = nsec;
    c.lastFrame = frame;
    const me = fromOrig ? c.orig : c.resp;
    const peer = fromOrig ? c.resp : c.orig;
    me.packets++;
    me.bytes += p.tcpLen;
    const syn = (flags & TCP_SYN) !== 0;
    const ack = (flags & TCP_ACK) !== 0;
    const fin = (flags & TCP_FIN) !== 0;
    const rst = (flags & TCP_RST) !== 0;

    // history (facts 6.3)
    if (syn && (fin || rst)) c.letter(fromOrig, 'q');
    else if (fin && rst) c.letter(fromOrig, 'i');
    if (syn) c.letter(fromOrig, ack ? 'h' : 's', p.tcpSeq);
    if (fin) c.letter(fromOrig, 'f', p.tcpSeq);
    if (rst) c.letter(fromOrig, 'r', p.tcpSeq);
    if (p.tcpLen > 0) {
      if (analysisFlags & (TcpFlag.RETRANSMISSION | TcpFlag.FAST_RETRANSMISSION | TcpFlag.SPURIOUS_RETRANSMISSION)) c.letter(fromOrig, 't');
      else c.letter(fromOrig, 'd');
    } else if (ack && !syn && !fin && !rst) {
      c.letter(fromOrig, 'a');
    }
    if (analysisFlags & TcpFlag.LOST_SEGMENT) c.letter(fromOrig, 'g');
    if (p.tcpWindow === 0 && !syn && !rst) c.letter(fromOrig, 'w');

    // endpoint states (Zeek's TCP_Analyzer state machine, reduced to what conn_state reads)
    if (rst) {
      me.state = S.RESET;
    } else if (syn) {
      if (!ack) {
        if (me.state === S.INACTIVE || me.state === S.SYN_SENT) me.state = S.SYN_SENT;
      } else if (me.state === S.INACTIVE || me.state === S.SYN_ACK_SENT) {
        me.state = S.SYN_ACK_SENT;
      }
    } else {
      if (me.state === S.INACTIVE) me.state = ack && peer.state === S.SYN_ACK_SENT ? S.ESTABLISHED : S.PARTIAL;
      else if ((me.state === S.SYN_SENT || me.state === S.SYN_ACK_SENT) && ack) me.state = S.ESTABLISHED;
      if (ack && me.state === S.ESTABLISHED && peer.state === S.SYN_ACK_SENT) peer.state = S.ESTABLISHED;
    }
    if (fin && me.state !== S.RESET) me.state = S.CLOSED;
  }

  trackUdp(p: Packet, frame: number, sec: number, nsec: number): void {
    const udp = this.udpFlows;
    const found = udp.find(p);
    let c = found < 0 ? undefined : this.udp[found];
    if (c === undefined) {
      // past the bound the pair is not remembered either: each later datagram of it is counted again
      if (this.recording !== null && !this.recording.udp()) return;
      c = new Conversation(-1, p.src(), p.srcPort, p.dst(), p.dstPort);
      c.origIsLow = udp.srcIsLow;
      c.startSec = sec;
      c.startNsec = nsec;
      c.firstFrame = frame;
      udp.set(this.udp.length);
      this.udp.push(c);
    }
    const fromOrig = udp.srcIsLow === c.origIsLow;
    c.lastSec = sec;
    c.lastNsec = nsec;
    c.lastFrame = frame;
    const me = fromOrig ? c.orig : c.resp;
    me.packets++;
    me.bytes += Math.max(0, p.udpLength - 8);
    c.letter(fromOrig, 'd');
  }

  /** All conversations, TCP by stream number then UDP in order of first packet. */
  summaries(): ConversationSummary[] {
    const out: ConversationSummary[] = [];
    for (const c of this.tcp) out.push(summarise(c, tcpConnState(c)));
    for (const c of this.udp) out.push(summarise(c, udpConnState(c)));
    return out;
  }

  get tcpCount(): number {
    return this.tcp.length;
  }
}

function summarise(c: Conversation, connState: string): ConversationSummary {
  const dur = c.lastSec - c.startSec + (c.lastNsec - c.startNsec) / 1e9;
  return {
    proto: c.proto,
    stream: c.stream,
    orig: c.origAddr,
    origPort: c.origPort,
    resp: c.respAddr,
    respPort: c.respPort,
    firstFrame: c.firstFrame,
    lastFrame: c.lastFrame,
    start: `${c.startSec}.${String(c.startNsec).padStart(9, '0')}`,
    duration: Math.round(dur * 1e9) / 1e9,
    origPackets: c.orig.packets,
    respPackets: c.resp.packets,
    origBytes: c.orig.bytes,
    respBytes: c.resp.bytes,
    connState,
    history: c.history,
  };
}

/** Zeek's conn_state() decision order (facts 6.2). */
export function tcpConnState(c: Conversation): string {
  const o = c.orig.state;
  const r = c.resp.state;
  const oInactive = o === S.INACTIVE || o === S.PARTIAL;
  const rInactive = r === S.INACTIVE || r === S.PARTIAL;
  if (r === S.RESET) {
    if (o === S.SYN_SENT || o === S.SYN_ACK_SENT || (o === S.RESET && c.orig.bytes === 0 && c.resp.bytes === 0)) return 'REJ';
    return oInactive ? 'RSTRH' : 'RSTR';
  }
  if (o === S.RESET) {
    if (rInactive) return /^\^?S[^HAFGIQ]*R/.test(c.history) ? 'RSTOS0' : 'OTH';
    return 'RSTO';
  }
  if (o === S.CLOSED && r === S.CLOSED) return 'SF';
  if (o === S.CLOSED) return rInactive ? 'SH' : 'S2';
  if (r === S.CLOSED) return oInactive ? 'SHR' : 'S3';
  if (o === S.SYN_SENT && r === S.INACTIVE) return 'S0';
  if (o === S.ESTABLISHED && r === S.ESTABLISHED) return 'S1';
  return 'OTH';
}

function udpConnState(c: Conversation): string {
  const o = c.orig.packets > 0;
  const r = c.resp.packets > 0;
  return o && r ? 'SF' : o ? 'S0' : r ? 'SHR' : 'OTH';
}
