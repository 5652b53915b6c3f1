// Conversations, summarised as Zeek's conn.log does (zeek/zeek scripts/base/protocols/conn/main.zeek;
// protocol-facts.md section 6): per TCP connection a conn_state token and the history letters, packets and
// payload bytes per direction, start and duration; UDP conversations too. One row per conversation in typed
// columns (conversation-table.ts), updated in place; nothing per packet.

import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, type Packet } from '../dissect/packet.ts';
import { TcpFlag } from './tcp/tcp-flags.ts';
import { FlowTable } from './flow-table.ts';
import type { FlowRecording } from './flow-recording.ts';
import { ConversationTable } from './conversation-table.ts';

/** Zeek's TCP endpoint states (TCP_Endpoint.h). */
const S = { INACTIVE: 0, SYN_SENT: 1, SYN_ACK_SENT: 2, PARTIAL: 3, ESTABLISHED: 4, CLOSED: 5, RESET: 6 } as const;

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

export class Conversations {
  /** UDP conversations in order of first packet, found by endpoint pair (no string per packet). */
  private readonly udp = new ConversationTable();
  private readonly udpFlows = new FlowTable(4096);
  /** TCP conversations by record index (FlowRecording), so in stream order. */
  private readonly tcp = new ConversationTable();

  /** `recording` decides which new UDP conversations get a record (all when absent). */
  constructor(private readonly recording: FlowRecording | null = null) {}

  /** A TCP segment of the conversation with record index `record` (a new one: the next index); `fromA` is
   * the direction TcpStreams gave (A = first sender seen). */
  trackTcp(p: Packet, stream: number, fromA: boolean, analysisFlags: number, frame: number, sec: number, nsec: number, record: number): void {
    const t = this.tcp;
    const flags = p.tcpFlags;
    const c = record;
    if (c === t.length) {
      t.add(stream, p.src(), p.srcPort, p.dst(), p.dstPort, true, frame, sec, nsec);
      // the first packet a SYN/ACK: the sender is the responder (Zeek flips and says "^")
      if ((flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK)) t.flip(c);
    }
    const fromOrig = fromA === (t.origFirst[c] === 1);
    t.lastSec[c] = sec;
    t.lastNsec[c] = nsec;
    t.lastFrame[c] = frame;
    const me = c * 2 + (fromOrig ? 0 : 1);
    const peer = c * 2 + (fromOrig ? 1 : 0);
    t.packets[me]++;
    t.bytes[me] += p.tcpLen;
    const syn = (flags & TCP_SYN) !== 0;
    const ack = (flags & TCP_ACK) !== 0;
    const fin = (flags & TCP_FIN) !== 0;
    const rst = (flags & TCP_RST) !== 0;

    // history (facts 6.3)
    if (syn && (fin || rst)) t.letter(c, fromOrig, 'q');
    else if (fin && rst) t.letter(c, fromOrig, 'i');
    if (syn) t.letter(c, fromOrig, ack ? 'h' : 's', p.tcpSeq);
    if (fin) t.letter(c, fromOrig, 'f', p.tcpSeq);
    if (rst) t.letter(c, fromOrig, 'r', p.tcpSeq);
    if (p.tcpLen > 0) {
      if (analysisFlags & (TcpFlag.RETRANSMISSION | TcpFlag.FAST_RETRANSMISSION | TcpFlag.SPURIOUS_RETRANSMISSION)) t.letter(c, fromOrig, 't');
      else t.letter(c, fromOrig, 'd');
    } else if (ack && !syn && !fin && !rst) {
      t.letter(c, fromOrig, 'a');
    }
    if (analysisFlags & TcpFlag.LOST_SEGMENT) t.letter(c, fromOrig, 'g');
    if (p.tcpWindow === 0 && !syn && !rst) t.letter(c, fromOrig, 'w');

    // endpoint states (Zeek's TCP_Analyzer state machine, reduced to what conn_state reads)
    const state = t.state;
    let mine = state[me]!;
    if (rst) {
      mine = S.RESET;
    } else if (syn) {
      if (!ack) {
        if (mine === S.INACTIVE || mine === S.SYN_SENT) mine = S.SYN_SENT;
      } else if (mine === S.INACTIVE || mine === S.SYN_ACK_SENT) {
        mine = S.SYN_ACK_SENT;
      }
    } else {
      if (mine === S.INACTIVE) mine = ack && state[peer] === S.SYN_ACK_SENT ? S.ESTABLISHED : S.PARTIAL;
      else if ((mine === S.SYN_SENT || mine === S.SYN_ACK_SENT) && ack) mine = S.ESTABLISHED;
      if (ack && mine === S.ESTABLISHED && state[peer] === S.SYN_ACK_SENT) state[peer] = S.ESTABLISHED;
    }
    if (fin && mine !== S.RESET) mine = S.CLOSED;
    state[me] = mine;
  }

  trackUdp(p: Packet, frame: number, sec: number, nsec: number): void {
    const udp = this.udpFlows;
    const t = this.udp;
    let c = udp.find(p);
    if (c < 0) {
      // past the bound the pair is not remembered either: each later datagram of it is counted again
      if (this.recording !== null && !this.recording.udp()) return;
      c = t.add(-1, p.src(), p.srcPort, p.dst(), p.dstPort, udp.srcIsLow, frame, sec, nsec);
      udp.set(c);
    }
    const fromOrig = udp.srcIsLow === (t.origFirst[c] === 1);
    t.lastSec[c] = sec;
    t.lastNsec[c] = nsec;
    t.lastFrame[c] = frame;
    const me = c * 2 + (fromOrig ? 0 : 1);
    t.packets[me]++;
    t.bytes[me] += Math.max(0, p.udpLength - 8);
    t.letter(c, fromOrig, 'd');
  }

  /** All conversations, TCP by stream number then UDP in order of first packet. */
  summaries(): ConversationSummary[] {
    const out: ConversationSummary[] = [];
    for (let c = 0; c < this.tcp.length; c++) out.push(summarise(this.tcp, c, 'tcp', tcpConnState(this.tcp, c)));
    for (let c = 0; c < this.udp.length; c++) out.push(summarise(this.udp, c, 'udp', udpConnState(this.udp, c)));
    return out;
  }

  get tcpCount(): number {
    return this.tcp.length;
  }
}

function summarise(t: ConversationTable, c: number, proto: 'tcp' | 'udp', connState: string): ConversationSummary {
  const dur = t.lastSec[c]! - t.startSec[c]! + (t.lastNsec[c]! - t.startNsec[c]!) / 1e9;
  return {
    proto,
    stream: t.stream[c]!,
    orig: t.origAddr[c]!,
    origPort: t.origPort[c]!,
    resp: t.respAddr[c]!,
    respPort: t.respPort[c]!,
    firstFrame: t.firstFrame[c]!,
    lastFrame: t.lastFrame[c]!,
    start: `${t.startSec[c]!}.${String(t.startNsec[c]!).padStart(9, '0')}`,
    duration: Math.round(dur * 1e9) / 1e9,
    origPackets: t.packets[c * 2]!,
    respPackets: t.packets[c * 2 + 1]!,
    origBytes: t.bytes[c * 2]!,
    respBytes: t.bytes[c * 2 + 1]!,
    connState,
    history: t.history[c]!,
  };
}

/** Zeek's conn_state() decision order (facts 6.2). */
function tcpConnState(t: ConversationTable, c: number): string {
  const o = t.state[c * 2]!;
  const r = t.state[c * 2 + 1]!;
  const oInactive = o === S.INACTIVE || o === S.PARTIAL;
  const rInactive = r === S.INACTIVE || r === S.PARTIAL;
  if (r === S.RESET) {
    if (o === S.SYN_SENT || o === S.SYN_ACK_SENT || (o === S.RESET && t.bytes[c * 2] === 0 && t.bytes[c * 2 + 1] === 0)) return 'REJ';
    return oInactive ? 'RSTRH' : 'RSTR';
  }
  if (o === S.RESET) {
    if (rInactive) return /^\^?S[^HAFGIQ]*R/.test(t.history[c]!) ? 'RSTOS0' : 'OTH';
    return 'RSTO';
  }
  if (o === S.CLOSED && r === S.CLOSED) return 'SF';
  if (o === S.CLOSED) return rInactive ? 'SH' : 'S2';
  if (r === S.CLOSED) return oInactive ? 'SHR' : 'S3';
  if (o === S.SYN_SENT && r === S.INACTIVE) return 'S0';
  if (o === S.ESTABLISHED && r === S.ESTABLISHED) return 'S1';
  return 'OTH';
}

function udpConnState(t: ConversationTable, c: number): string {
  const o = t.packets[c * 2]! > 0;
  const r = t.packets[c * 2 + 1]! > 0;
  return o && r ? 'SF' : o ? 'S0' : r ? 'SHR' : 'OTH';
}
