// What happened on each TCP connection, as events a person can follow: SYN (and its retransmissions),
// SYN/ACK, the handshake's ACK, the client's first data and its retransmissions, the server's first data,
// RST and FIN by side. The diagnosis reads the outcome of a connection from these, and the timeline draws
// them. Kept for every recorded stream (flow-recording.ts), with a small cap per list, so memory stays
// proportional to connections.

import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, type Packet } from '../../dissect/packet.ts';
import { TcpFlag } from './tcp-flags.ts';
import type { TcpStreams } from './tcp-streams.ts';
import type { FrameTimes } from '../frame-times.ts';

const MAX_PER_LIST = 32;
// Lists start as one shared empty array (frozen: nobody may push into it) and get their own exact-size array
// at their first entry: most connections have one SYN, one SYN/ACK, a FIN or two and nothing else, and an
// array grown by push() reserves 17 slots.
const NONE: number[] = Object.freeze([]) as unknown as number[];
const NO_EVENTS: { frame: number; fromServer: boolean }[] = Object.freeze([]) as unknown as { frame: number; fromServer: boolean }[];

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
  readonly firstTime: number;
  readonly lastTime: number;
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
}

/** A TcpAttempt whose times are read from the pass's frame times when asked for (the diagnosis reads a few):
 * a float in an object field is a boxed number, 24 bytes each, in each of up to 600,000 records. */
class Attempt implements TcpAttempt {
  lastFrame: number;
  syn = NONE;
  synRetransmissions = NONE;
  synAck = NONE;
  handshakeAck: number | null = null;
  firstClientData: number | null = null;
  clientRetransmissions = NONE;
  clientDataFrames = 0;
  firstServerData: number | null = null;
  serverDataFrames = 0;
  rst = NO_EVENTS;
  fin = NO_EVENTS;

  constructor(
    private readonly times: FrameTimes,
    readonly stream: number,
    readonly client: string,
    readonly clientPort: number,
    readonly server: string,
    readonly serverPort: number,
    readonly clientIsA: boolean,
    readonly firstFrame: number,
  ) {
    this.lastFrame = firstFrame;
  }

  get firstTime(): number {
    return this.times.get(this.firstFrame - 1);
  }

  get lastTime(): number {
    return this.times.get(this.lastFrame - 1);
  }
}

export class TcpAttempts {
  /** Recorded connections in stream order, by record index (FlowRecording: not every stream has one). */
  private readonly records: Attempt[] = [];

  /** `times`: the pass's frame times (frame n at n - 1), which give the attempts' times. */
  constructor(private readonly times: FrameTimes) {}

  /** A segment of the connection with record index `record` (a new connection: the next index). */
  track(p: Packet, t: TcpStreams, analysisFlags: number, frame: number, record: number): void {
    const flags = p.tcpFlags;
    let a = this.records[record];
    if (a === undefined) {
      // the client is whoever sent the SYN; a SYN/ACK first means the receiver is the client
      const synAck = (flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK);
      a = synAck
        ? new Attempt(this.times, t.stream, p.dst(), p.dstPort, p.src(), p.srcPort, !t.fromA, frame)
        : new Attempt(this.times, t.stream, p.src(), p.srcPort, p.dst(), p.dstPort, t.fromA, frame);
      this.records.push(a);
    }
    a.lastFrame = frame;
    const fromClient = t.fromA === a.clientIsA;
    const retransmitted = (analysisFlags & (TcpFlag.RETRANSMISSION | TcpFlag.FAST_RETRANSMISSION | TcpFlag.SPURIOUS_RETRANSMISSION)) !== 0;
    if (flags & TCP_SYN) {
      if (flags & TCP_ACK) a.synAck = note(a.synAck, frame);
      else {
        a.syn = note(a.syn, frame);
        if (retransmitted) a.synRetransmissions = note(a.synRetransmissions, frame);
      }
    } else if (fromClient && flags & TCP_ACK && a.handshakeAck === null && a.synAck.length > 0 && p.tcpLen === 0 && !(flags & (TCP_RST | TCP_FIN))) {
      a.handshakeAck = frame;
    }
    if (p.tcpLen > 0) {
      if (fromClient) {
        a.clientDataFrames++;
        if (a.firstClientData === null) a.firstClientData = frame;
        else if (retransmitted) a.clientRetransmissions = note(a.clientRetransmissions, frame);
      } else {
        a.serverDataFrames++;
        if (a.firstServerData === null) a.firstServerData = frame;
      }
    }
    if (flags & TCP_RST) a.rst = note(a.rst, { frame, fromServer: !fromClient });
    if (flags & TCP_FIN) a.fin = note(a.fin, { frame, fromServer: !fromClient });
  }

  get size(): number {
    return this.records.length;
  }

  /** Every recorded connection, by stream number. */
  all(): TcpAttempt[] {
    return this.records.slice();
  }
}

/** The list with `item` added, or as it was when full. A short list is copied to a new one of the exact size
 * (push() would reserve 16 more slots for the second entry of a list that rarely gets a third). */
function note<T>(list: T[], item: T): T[] {
  const n = list.length;
  if (n >= MAX_PER_LIST) return list;
  if (n === 0) return [item];
  if (n < EXACT_UP_TO) {
    const out = new Array<T>(n + 1);
    for (let i = 0; i < n; i++) out[i] = list[i]!;
    out[n] = item;
    return out;
  }
  list.push(item);
  return list;
}

const EXACT_UP_TO = 4;
