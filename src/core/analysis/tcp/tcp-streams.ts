// TCP conversations as Wireshark numbers them (tcp.stream) and their relative sequence numbers
// (packet-tcp.c, protocol-facts.md section 1.1):
// - a conversation is the unordered pair of endpoints; streams are numbered from 0 in order of first packet;
// - a pure SYN whose sequence number differs from the one already seen in that direction starts a new
//   conversation (tcp.analysis.reused_ports); a SYN/ACK with a new ISN keeps the stream but restarts the
//   relative numbering of its direction;
// - base_seq is the SYN's seq, or seq-1 for a first segment without SYN; the other direction's base comes
//   from the first segment with ACK set (ack-1) if it has no base yet.

import { toHex } from '../../base/text.ts';
import { TCP_ACK, TCP_SYN, type Packet } from '../../dissect/packet.ts';
import type { TcpAnalysisState } from './tcp-analysis.ts';

export interface TcpHalf {
  baseSeq: number;
  baseSet: boolean;
}

export interface TcpConversation {
  stream: number;
  /** The endpoint that sent the first packet seen ("A"), as a key fragment. */
  aKey: string;
  a: TcpHalf;
  b: TcpHalf;
  /** Sequence-analysis state (tcp-analysis.ts), created on first use. */
  analysis?: TcpAnalysisState;
}

export class TcpStreams {
  private readonly conversations = new Map<string, TcpConversation>();
  count = 0;

  // Results for the packet last passed to `track` (reused; no object per packet).
  stream = -1;
  conversation: TcpConversation | null = null;
  /** True when the packet goes from A to B. */
  fromA = true;
  seqRel = 0;
  ackRel = 0;
  reusedPorts = false;

  track(p: Packet): void {
    const src = endpointKey(p, true);
    const dst = endpointKey(p, false);
    const key = src < dst ? src + '|' + dst : dst + '|' + src;
    let c = this.conversations.get(key);
    this.reusedPorts = false;
    if (c !== undefined && (p.tcpFlags & (TCP_SYN | TCP_ACK)) === TCP_SYN) {
      const fwd = c.aKey === src ? c.a : c.b;
      if (fwd.baseSet && fwd.baseSeq !== p.tcpSeq) {
        this.reusedPorts = true;
        c = undefined;
      }
    }
    if (c === undefined) {
      c = { stream: this.count++, aKey: src, a: { baseSeq: 0, baseSet: false }, b: { baseSeq: 0, baseSet: false } };
      this.conversations.set(key, c);
    }
    this.conversation = c;
    this.stream = c.stream;
    this.fromA = c.aKey === src;
    const fwd = this.fromA ? c.a : c.b;
    const rev = this.fromA ? c.b : c.a;
    const flags = p.tcpFlags;
    if (flags & TCP_SYN && flags & TCP_ACK && fwd.baseSet && fwd.baseSeq !== p.tcpSeq) {
      // a SYN/ACK with a new ISN in a direction that already has one: Wireshark keeps the stream, flags
      // reused_ports and numbers from the new ISN
      fwd.baseSeq = p.tcpSeq;
      this.reusedPorts = true;
    }
    if (!fwd.baseSet) {
      fwd.baseSeq = flags & TCP_SYN ? p.tcpSeq : (p.tcpSeq - 1) >>> 0;
      fwd.baseSet = true;
    }
    if (!rev.baseSet && flags & TCP_ACK) {
      rev.baseSeq = (p.tcpAck - 1) >>> 0;
      rev.baseSet = true;
    }
    this.seqRel = (p.tcpSeq - fwd.baseSeq) >>> 0;
    // without the ACK flag tshark 4.0 shows the raw field (RST segments often carry one)
    this.ackRel = flags & TCP_ACK ? (p.tcpAck - rev.baseSeq) >>> 0 : p.tcpAck;
  }
}

/** "address/port" of the source or destination; IPv4 as a number, IPv6 as hex (cheap and unambiguous). */
function endpointKey(p: Packet, source: boolean): string {
  const port = source ? p.srcPort : p.dstPort;
  if (p.ipVersion === 4) return (source ? p.ipv4Src : p.ipv4Dst) + '/' + port;
  const at = source ? p.ipSrcAt : p.ipDstAt;
  return toHex(p.ipBuf, at, at + 16) + '/' + port;
}
