// DNS over TCP (RFC 1035 section 4.2.2, RFC 7766 section 8): each message is preceded by a two-octet length.
// Messages and even the length prefix may be split across segments, and one segment may carry several
// messages, so this reads the ordered byte stream of each direction (as a TCP reassembler delivers it, bytes
// tagged with the frame they came in) and hands over each complete message with the frame that completed it,
// as tshark does with TCP desegmentation on.

import { decodeDnsMessage, type DnsMessage } from './dns-message.ts';

export interface DnsTcpMessage {
  stream: number;
  fromA: boolean;
  message: DnsMessage;
  /** Frame that carried the first octet of the length prefix, and the frame that completed the message. */
  firstFrame: number;
  frame: number;
}

interface Direction {
  /** Octets of the message being collected, with its length prefix (grown as needed). */
  buf: Uint8Array;
  have: number;
  firstFrame: number;
  /** Bytes were lost (a gap): the framing cannot be recovered, so the rest of the direction is ignored. */
  lost: boolean;
}

const PREFIX = 2;

export class DnsTcpStreams {
  private readonly dirs = new Map<number, Direction>();

  constructor(
    private readonly onMessage: (m: DnsTcpMessage) => void,
    private readonly mdns = false,
  ) {}

  /** Ordered bytes of one direction of TCP stream `stream`, from frame `frame`. */
  data(stream: number, fromA: boolean, bytes: Uint8Array, frame: number): void {
    const d = this.direction(stream, fromA);
    if (d.lost) return;
    let i = 0;
    while (i < bytes.length) {
      if (d.have === 0) d.firstFrame = frame;
      // fast path: a whole message in this chunk with nothing pending, decoded in place
      if (d.have === 0 && bytes.length - i >= PREFIX) {
        const len = (bytes[i]! << 8) | bytes[i + 1]!;
        if (len === 0) {
          i += PREFIX; // a zero length prefix carries no message (RFC 7766 does not allow it); skip it
          continue;
        }
        if (bytes.length - i >= PREFIX + len) {
          this.emit(stream, fromA, bytes, i + PREFIX, i + PREFIX + len, frame, frame);
          i += PREFIX + len;
          continue;
        }
      }
      const need = d.have < PREFIX ? PREFIX : PREFIX + ((d.buf[0]! << 8) | d.buf[1]!);
      const take = Math.min(need - d.have, bytes.length - i);
      if (d.buf.length < need) d.buf = grow(d.buf, d.have, need);
      d.buf.set(bytes.subarray(i, i + take), d.have);
      d.have += take;
      i += take;
      if (d.have === need && need > PREFIX) {
        this.emit(stream, fromA, d.buf, PREFIX, need, d.firstFrame, frame);
        d.have = 0;
      } else if (d.have === PREFIX && need === PREFIX && ((d.buf[0]! << 8) | d.buf[1]!) === 0) {
        d.have = 0; // a zero length prefix, as above
      }
    }
  }

  /** Bytes of this direction were lost: message boundaries are unknown from here on. */
  gap(stream: number, fromA: boolean): void {
    this.direction(stream, fromA).lost = true;
  }

  /** The stream is over: its buffers go. */
  release(stream: number): void {
    this.dirs.delete(stream * 2);
    this.dirs.delete(stream * 2 + 1);
  }

  /** Octets of an unfinished message (for a note at the end of the capture), 0 when none. */
  pending(stream: number, fromA: boolean): number {
    return this.dirs.get(stream * 2 + (fromA ? 0 : 1))?.have ?? 0;
  }

  private emit(stream: number, fromA: boolean, b: Uint8Array, from: number, to: number, firstFrame: number, frame: number): void {
    const message = decodeDnsMessage(b, from, to, this.mdns);
    this.onMessage({ stream, fromA, message, firstFrame, frame });
  }

  private direction(stream: number, fromA: boolean): Direction {
    const key = stream * 2 + (fromA ? 0 : 1);
    let d = this.dirs.get(key);
    if (d === undefined) {
      d = { buf: new Uint8Array(0), have: 0, firstFrame: 0, lost: false };
      this.dirs.set(key, d);
    }
    return d;
  }
}

function grow(buf: Uint8Array, keep: number, need: number): Uint8Array {
  const next = new Uint8Array(Math.max(need, 64));
  next.set(buf.subarray(0, keep));
  return next;
}
