// What happened on each TCP connection, as events a person can follow: SYN (and its retransmissions),
// SYN/ACK, the handshake's ACK, the client's first data and its retransmissions, the server's first data,
// RST and FIN by side. The diagnosis reads the outcome of a connection from these, and the timeline draws
// them. Kept for every stream, with a small cap per list, so memory stays proportional to connections.

import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, type Packet } from '../../dissect/packet.ts';
import { TcpFlag } from './tcp-flags.ts';
import type { TcpStreams } from './tcp-streams.ts';

const MAX_PER_LIST = 32;

export interface TcpAttempt {
  stream: number;
  /** The client: the SYN's sender, else the first packet's sender. */
  client: string;
  clientPort: number;
  server: string;
  serverPort: number;
  /** Whether the client is TcpStreams' endpoint A. */
  clientIsA: boolean;
  firstFrame: number;
  lastFrame: number;
  /** Seconds since the epoch of the first and last frame (floats; for windows and the timeline). */
  firstTime: number;
  lastTime: number;
  syn: number[];
  /** SYNs that Wireshark calls retransmissions. */
  synRetransmissions: number[];
  synAck: number[];
  /** The client's ACK completing the handshake. */
  handshakeAck: number | null;
  /** The client's first segment with data (a ClientHello, a CONNECT...). */
  firstClientData: number | null;
  /** Client data segments Wireshark flags as retransmissions (of any kind). */
  clientRetransmissions: number[];
  clientDataFrames: number;
  firstServerData: number | null;
  serverDataFrames: number;
  /** Frames with RST, and whether the server side sent them. */
  rst: { frame: number; fromServer: boolean }[];
  fin: { frame: number; fromServer: boolean }[];
  /** Frame -> time (s since the epoch) for every frame listed above. */
  times: Record<number, number>;
}

export class TcpAttempts {
  private readonly byStream: TcpAttempt[] = [];

  track(p: Packet, t: TcpStreams, analysisFlags: number, frame: number, time: number): void {
    const flags = p.tcpFlags;
    let a = this.byStream[t.stream];
    if (a === undefined) {
      // the client is whoever sent the SYN; a SYN/ACK first means the receiver is the client
      const synAck = (flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK);
      a = {
        stream: t.stream,
        client: synAck ? p.dst() : p.src(),
        clientPort: synAck ? p.dstPort : p.srcPort,
        server: synAck ? p.src() : p.dst(),
        serverPort: synAck ? p.srcPort : p.dstPort,
        clientIsA: synAck ? !t.fromA : t.fromA,
        firstFrame: frame,
        lastFrame: frame,
        firstTime: time,
        lastTime: time,
        syn: [],
        synRetransmissions: [],
        synAck: [],
        handshakeAck: null,
        firstClientData: null,
        clientRetransmissions: [],
        clientDataFrames: 0,
        firstServerData: null,
        serverDataFrames: 0,
        rst: [],
        fin: [],
        times: {},
      };
      this.byStream[t.stream] = a;
    }
    a.lastFrame = frame;
    a.lastTime = time;
    const fromClient = t.fromA === a.clientIsA;
    const note = (list: number[]) => {
      if (list.length < MAX_PER_LIST) {
        list.push(frame);
        a.times[frame] = time;
      }
    };
    const retransmitted = (analysisFlags & (TcpFlag.RETRANSMISSION | TcpFlag.FAST_RETRANSMISSION | TcpFlag.SPURIOUS_RETRANSMISSION)) !== 0;
    if (flags & TCP_SYN) {
      if (flags & TCP_ACK) note(a.synAck);
      else {
        note(a.syn);
        if (retransmitted) note(a.synRetransmissions);
      }
    } else if (fromClient && flags & TCP_ACK && a.handshakeAck === null && a.synAck.length > 0 && p.tcpLen === 0 && !(flags & (TCP_RST | TCP_FIN))) {
      a.handshakeAck = frame;
      a.times[frame] = time;
    }
    if (p.tcpLen > 0) {
      if (fromClient) {
        a.clientDataFrames++;
        if (a.firstClientData === null) {
          a.firstClientData = frame;
          a.times[frame] = time;
        } else if (retransmitted) note(a.clientRetransmissions);
      } else {
        a.serverDataFrames++;
        if (a.firstServerData === null) {
          a.firstServerData = frame;
          a.times[frame] = time;
        }
      }
    }
    if (flags & TCP_RST && a.rst.length < MAX_PER_LIST) {
      a.rst.push({ frame, fromServer: !fromClient });
      a.times[frame] = time;
    }
    if (flags & TCP_FIN && a.fin.length < MAX_PER_LIST) {
      a.fin.push({ frame, fromServer: !fromClient });
      a.times[frame] = time;
    }
  }

  get(stream: number): TcpAttempt | undefined {
    return this.byStream[stream];
  }

  all(): TcpAttempt[] {
    return this.byStream.filter((a) => a !== undefined);
  }
}
