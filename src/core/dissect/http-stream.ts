// HTTP/1.x over the ordered byte stream of each direction of a TCP connection (RFC 9112), on any port: a
// direction is HTTP when its first bytes are a request line or a status line (http-head.ts). Messages follow
// one another (section 9.3: persistent connections, pipelining), each body delimited as section 6.3 says, and
// responses answer requests in order. CONNECT (RFC 9110 section 9.3.6): after a 2xx answer every later byte of
// both directions belongs to the tunnel; the parser reports where it starts and hands those bytes on (for TLS).
// A non-2xx answer (403, 407...) leaves the connection in HTTP, and the client may try again on it.
//
// Bytes come from a TCP reassembler as data(stream, fromA, bytes, frame); `fromA` only labels the
// direction (roles come from the content). Bad input stops parsing of that direction with a problem event.

import { ChunkedBody, requestBody, responseBody, type HttpBody } from './http-body.ts';
import { HTTP_MAX_HEAD, classifyHttpStart, findHeadEnd, headField, parseHttpHead, type HttpHead } from './http-head.ts';
import type { HttpEvents, HttpMessage, HttpTunnel } from './http-message.ts';

export type { HttpEvents, HttpMessage, HttpTunnel } from './http-message.ts';

const Mode = { Head: 0, Body: 1, Await: 2, Tunnel: 3, Off: 4, Resync: 5 } as const;
/** Client bytes held while a CONNECT / Upgrade awaits its answer (tunnel data or a retry). */
const MAX_HELD = 64 * 1024;
/** Requests waiting for their response (pipelining depth); beyond it the oldest is given up as unanswered. */
const MAX_PENDING = 256;

interface Dir {
  label: boolean;
  mode: number;
  role: 'unknown' | 'request' | 'response';
  offset: number;
  head: Uint8Array | null;
  headHave: number;
  msgOffset: number;
  firstFrame: number;
  msg: HttpMessage | null;
  /** The start line of the message being collected has been checked. */
  startKnown: boolean;
  body: HttpBody;
  remaining: number;
  chunked: ChunkedBody | null;
  held: { bytes: Uint8Array; frame: number }[];
  heldBytes: number;
}

interface Conn {
  stream: number;
  dirs: [Dir, Dir];
  pending: HttpMessage[];
  tunnel: HttpTunnel | null;
}

const NONE: HttpBody = { kind: 'none' };

function newDir(label: boolean): Dir {
  return {
    label, mode: Mode.Head, role: 'unknown', offset: 0, head: null, headHave: 0, msgOffset: 0, firstFrame: 0, msg: null, startKnown: false,
    body: NONE, remaining: 0, chunked: null, held: [], heldBytes: 0,
  };
}

export class HttpStreams {
  private readonly conns = new Map<number, Conn | null>(); // null: neither direction is HTTP

  constructor(private readonly events: HttpEvents = {}) {}

  /** The tunnel of `stream`, once established. */
  tunnel(stream: number): HttpTunnel | null {
    return this.conns.get(stream)?.tunnel ?? null;
  }

  /** The connection is over (both directions ended, or the reassembler dropped it): its parsing state goes. */
  release(stream: number): void {
    if (this.conns.get(stream) !== undefined) this.conns.set(stream, null);
  }

  data(stream: number, fromA: boolean, bytes: Uint8Array, frame: number): void {
    const c = this.conn(stream);
    if (c === null) return;
    const d = c.dirs[fromA ? 0 : 1];
    let i = 0;
    while (i < bytes.length) {
      switch (d.mode) {
        case Mode.Off:
          return this.maybeForget(c);
        case Mode.Tunnel:
          this.events.tunnelData?.(stream, d.label, bytes.subarray(i), frame, d.offset);
          d.offset += bytes.length - i;
          return;
        case Mode.Await:
          if (d.heldBytes + bytes.length - i > MAX_HELD) return this.stop(c, d, frame, `more than ${MAX_HELD} octets sent before the answer to ${d.msg?.head.method}`);
          d.held.push({ bytes: bytes.slice(i), frame });
          d.heldBytes += bytes.length - i;
          return;
        case Mode.Body:
          i = this.readBody(c, d, bytes, i, frame);
          break;
        default:
          i = this.readHead(c, d, bytes, i, frame);
      }
    }
  }

  /** The sender of this direction closed (FIN) or aborted (RST) the connection. */
  end(stream: number, fromA: boolean, frame: number): void {
    const c = this.conns.get(stream);
    if (c === undefined || c === null) return;
    const d = c.dirs[fromA ? 0 : 1];
    if (d.mode === Mode.Body && d.body.kind === 'close' && d.msg !== null) this.finishBody(d, frame);
    else if (d.mode === Mode.Head && d.headHave > 0 && d.startKnown) this.stop(c, d, frame, 'connection closed inside a message head');
  }

  /**
   * Octets of this direction are missing (`lost` of them when known). A body of known length skips them; between
   * messages, or when the start of the stream was not captured, parsing resumes at the next chunk that starts
   * with a request or status line; inside a head or a chunked body it stops.
   */
  gap(stream: number, fromA: boolean, frame: number, lost = -1): void {
    const c = this.conn(stream);
    if (c === null) return;
    const d = c.dirs[fromA ? 0 : 1];
    if (lost > 0) d.offset += lost;
    if (d.mode === Mode.Body && d.body.kind === 'length' && lost > 0 && lost <= d.remaining) {
      d.remaining -= lost;
      d.msg!.lost += lost;
      if (d.remaining === 0) this.finishBody(d, frame);
    } else if (d.mode === Mode.Body && d.body.kind === 'close') {
      if (lost > 0) d.msg!.lost += lost; // the body runs to the end of the connection anyway
    } else if ((d.mode === Mode.Head && d.headHave === 0) || d.mode === Mode.Resync) {
      d.mode = Mode.Resync;
    } else if (d.mode === Mode.Tunnel) {
      this.events.problem?.(stream, d.label, frame, 'octets of the tunnel are missing');
    } else if (d.mode !== Mode.Off) {
      this.stop(c, d, frame, 'octets are missing inside a message: HTTP parsing of this direction stops');
    }
  }

  private conn(stream: number): Conn | null {
    let c = this.conns.get(stream);
    if (c === undefined) {
      c = { stream, dirs: [newDir(true), newDir(false)], pending: [], tunnel: null };
      this.conns.set(stream, c);
    }
    return c;
  }

  private maybeForget(c: Conn): void {
    if (c.dirs[0].mode === Mode.Off && c.dirs[1].mode === Mode.Off && c.tunnel === null && c.dirs[0].role === 'unknown' && c.dirs[1].role === 'unknown') {
      this.conns.set(c.stream, null);
    }
  }

  private stop(c: Conn, d: Dir, frame: number, why: string): void {
    this.events.problem?.(c.stream, d.label, frame, why);
    d.mode = Mode.Off;
    d.head = null;
    d.held = [];
  }

  private readHead(c: Conn, d: Dir, b: Uint8Array, i: number, frame: number): number {
    if (d.headHave === 0) {
      d.startKnown = false;
      const kind = classifyHttpStart(b, i, b.length);
      if (kind === 'other') return this.notAStart(c, d, b.length - i, frame);
      d.msgOffset = d.offset;
      d.firstFrame = frame;
      if (kind !== 'unknown') {
        if (!this.takeRole(c, d, kind, frame)) return b.length;
        d.startKnown = true;
        const end = findHeadEnd(b, i, i, Math.min(b.length, i + HTTP_MAX_HEAD));
        if (end >= 0) {
          d.offset += end - i;
          this.onHead(c, d, parseHttpHead(b, i, end), frame);
          return end;
        }
      }
    }
    // collect the head across chunks, up to HTTP_MAX_HEAD octets
    const take = Math.min(b.length - i, HTTP_MAX_HEAD - d.headHave);
    if (d.head === null || d.head.length < d.headHave + take) {
      const grown = new Uint8Array(Math.min(HTTP_MAX_HEAD, Math.max(1024, (d.headHave + take) * 2)));
      if (d.head !== null) grown.set(d.head.subarray(0, d.headHave));
      d.head = grown;
    }
    const before = d.headHave;
    d.head.set(b.subarray(i, i + take), before);
    d.headHave += take;
    if (!d.startKnown) {
      const kind = classifyHttpStart(d.head, 0, d.headHave);
      if (kind === 'unknown' && d.headHave < HTTP_MAX_HEAD) return i + take;
      if (kind === 'other' || kind === 'unknown') {
        const dropped = d.headHave + (b.length - i - take);
        d.headHave = 0;
        return this.notAStart(c, d, dropped, frame);
      }
      if (!this.takeRole(c, d, kind, frame)) return b.length;
      d.startKnown = true;
    }
    const end = findHeadEnd(d.head, 0, before, d.headHave);
    if (end < 0) {
      if (d.headHave >= HTTP_MAX_HEAD) this.stop(c, d, frame, `no end of the header section within ${HTTP_MAX_HEAD} octets`);
      return i + take;
    }
    d.offset += end;
    d.headHave = 0;
    this.onHead(c, d, parseHttpHead(d.head, 0, end), frame);
    return i + (end - before);
  }

  /** Bytes where a message should start but none does; returns the offset to go on from (the chunk's end). */
  private notAStart(c: Conn, d: Dir, dropped: number, frame: number): number {
    if (d.mode === Mode.Resync) {
      d.offset += dropped; // not a message start: try the next chunk
      return Number.MAX_SAFE_INTEGER;
    }
    if (d.role !== 'unknown') this.stop(c, d, frame, 'expected the start of an HTTP message');
    else d.mode = Mode.Off;
    this.maybeForget(c);
    return Number.MAX_SAFE_INTEGER;
  }

  /** Sets the direction's role from its first message; a later message of the other kind stops it. */
  private takeRole(c: Conn, d: Dir, kind: 'request' | 'response', frame: number): boolean {
    if (d.mode === Mode.Resync) d.mode = Mode.Head;
    if (d.role === 'unknown') d.role = kind;
    else if (d.role !== kind) {
      this.stop(c, d, frame, `a ${kind} where a ${d.role} was expected`);
      return false;
    }
    return true;
  }

  private onHead(c: Conn, d: Dir, head: HttpHead, frame: number): void {
    const m: HttpMessage = {
      stream: c.stream, fromA: d.label, head, offset: d.msgOffset, firstFrame: d.firstFrame, headFrame: frame,
      endFrame: 0, complete: false, lost: 0, request: null, response: null, interim: [],
    };
    d.msg = m;
    let body: HttpBody;
    let final = false;
    if (head.kind === 'request') {
      if (c.pending.push(m) > MAX_PENDING) c.pending.shift();
      body = requestBody(head);
    } else {
      const req = c.pending[0] ?? null;
      m.request = req;
      final = head.status < 100 || head.status >= 200 || head.status === 101;
      if (!final) req?.interim.push(m);
      else {
        c.pending.shift();
        if (req !== null) req.response = m;
      }
      body = responseBody(head, req?.head.method ?? null);
    }
    this.events.head?.(m);
    d.body = body;
    if (body.kind === 'tunnel') {
      this.complete(m, frame);
      return this.startTunnel(c, d, m, frame);
    }
    if (body.kind === 'invalid') this.stop(c, d, frame, body.reason);
    else if (body.kind === 'none') this.finishBody(d, frame);
    else {
      d.mode = Mode.Body;
      d.remaining = body.kind === 'length' ? body.length : 0;
      d.chunked = body.kind === 'chunked' ? new ChunkedBody() : null;
    }
    if (final) this.resume(c, c.dirs[d === c.dirs[0] ? 1 : 0]);
  }

  private readBody(c: Conn, d: Dir, b: Uint8Array, i: number, frame: number): number {
    if (d.body.kind === 'length') {
      const n = Math.min(d.remaining, b.length - i);
      d.remaining -= n;
      d.offset += n;
      if (d.remaining === 0) this.finishBody(d, frame);
      return i + n;
    }
    if (d.chunked !== null) {
      const j = d.chunked.feed(b, i, b.length);
      d.offset += j - i;
      if (d.chunked.problem !== null) {
        this.stop(c, d, frame, `chunked body: ${d.chunked.problem}`);
        return b.length;
      }
      if (d.chunked.done) this.finishBody(d, frame);
      return j;
    }
    d.offset += b.length - i; // delimited by the close
    return b.length;
  }

  private finishBody(d: Dir, frame: number): void {
    const m = d.msg!;
    this.complete(m, frame);
    const awaits = m.head.kind === 'request' && m.response === null && (m.head.method === 'CONNECT' || headField(m.head, 'upgrade').length > 0);
    d.mode = awaits ? Mode.Await : Mode.Head;
    if (!awaits) d.msg = null;
  }

  private complete(m: HttpMessage, frame: number): void {
    m.complete = true;
    m.endFrame = frame;
    this.events.complete?.(m);
  }

  /** A final answer that is not a tunnel: a client waiting on CONNECT / Upgrade goes on with HTTP. */
  private resume(c: Conn, client: Dir): void {
    if (client.mode !== Mode.Await) return;
    client.mode = Mode.Head;
    client.msg = null;
    const held = client.held;
    client.held = [];
    client.heldBytes = 0;
    for (const h of held) this.data(c.stream, client.label, h.bytes, h.frame);
  }

  private startTunnel(c: Conn, server: Dir, response: HttpMessage, frame: number): void {
    const client = c.dirs[server === c.dirs[0] ? 1 : 0];
    const request = response.request;
    const t: HttpTunnel = {
      stream: c.stream, kind: request?.head.method === 'CONNECT' ? 'connect' : 'upgrade', request, response,
      clientIsA: client.label, clientOffset: client.offset, serverOffset: server.offset, frame,
    };
    c.tunnel = t;
    server.mode = Mode.Tunnel;
    const held = client.held;
    const partial = client.mode === Mode.Head && client.headHave > 0 && client.head !== null ? client.head.slice(0, client.headHave) : null;
    client.mode = Mode.Tunnel;
    client.held = [];
    client.heldBytes = 0;
    client.headHave = 0;
    this.events.tunnel?.(t);
    if (partial !== null) this.data(c.stream, client.label, partial, client.firstFrame);
    for (const h of held) this.data(c.stream, client.label, h.bytes, h.frame);
  }
}
