// HTTP per TCP connection, for diagnosis: is this a proxy (CONNECT, or absolute-form targets, RFC 9112
// section 3.2.2), what did the client ask it to CONNECT to, what did the proxy answer (RFC 9110 section 9.3.6:
// 2xx = tunnel; 407 = authentication required, with Proxy-Authenticate, section 11.7.1; 403 and others =
// refused) and in which frame, and whether a tunnel came up, with the stream offsets where its bytes begin so
// TLS parsing can take over. Plain requests keep method, target and status (bounded per connection).

import { headField, parseAuthority } from '../../dissect/http-head.ts';
import { HttpStreams, type HttpMessage, type HttpTunnel } from '../../dissect/http-stream.ts';

export type ConnectOutcome = 'established' | 'auth-required' | 'denied' | 'no-answer';

export interface ConnectAttempt {
  stream: number;
  /** The request-target as sent ("login.microsoftonline.com:443") and its parts (null when not host:port). */
  target: string;
  host: string | null;
  port: number | null;
  requestFrame: number;
  /** Scheme of the Proxy-Authorization the client sent ("Basic", "Negotiate"...), null when none. */
  credentials: string | null;
  status: number | null;
  reason: string | null;
  /** Frame of the answer's status line and fields (the evidence), and of its last octet (as tshark shows it). */
  statusFrame: number | null;
  statusEndFrame: number | null;
  /** Proxy-Authenticate challenges offered with a 407 (e.g. "Negotiate", "Basic realm=\"proxy\""). */
  challenges: string[];
  outcome: ConnectOutcome;
}

export interface HttpRequestSummary {
  method: string;
  target: string;
  host: string | null;
  frame: number;
  status: number | null;
  statusFrame: number | null;
}

/** A tunnel that came up (plain data: reports are JSON). Offsets are in each direction's byte stream. */
export interface TunnelState {
  kind: 'connect' | 'upgrade';
  /** CONNECT target ("host:port"), or the Upgrade request's target. */
  target: string | null;
  requestFrame: number | null;
  /** The frame of the 2xx / 101 answer: tunnel bytes follow. */
  frame: number;
  /** The requesting side (the HTTP client) is A, the side whose bytes come with fromA = true. */
  clientIsA: boolean;
  clientOffset: number;
  serverOffset: number;
}

export interface HttpConnection {
  stream: number;
  /** "address:port" of the side that sent requests (the client) and of the one that answered. */
  client: string;
  server: string;
  /** The server acts as a proxy: it was sent CONNECT or an absolute-form target. */
  proxy: boolean;
  connects: ConnectAttempt[];
  tunnel: TunnelState | null;
  requests: HttpRequestSummary[];
  problems: { frame: number; message: string }[];
}

/** What the CLI shows per frame (`http` key of a packet record), on the frame that completed the message. */
export interface HttpFrameInfo {
  method: string | null;
  target: string | null;
  status: number | null;
}

export interface HttpTrackerEvents {
  message?(info: HttpFrameInfo, frame: number, m: HttpMessage): void;
  tunnel?(t: HttpTunnel, c: HttpConnection): void;
  tunnelData?(stream: number, fromA: boolean, bytes: Uint8Array, frame: number, offset: number): void;
}

const MAX_REQUESTS_KEPT = 1000;

export class HttpTracker {
  private readonly conns = new Map<number, HttpConnection>();
  private readonly ends = new Map<number, [a: string, b: string]>();
  private readonly parser: HttpStreams;

  constructor(private readonly events: HttpTrackerEvents = {}) {
    this.parser = new HttpStreams({
      head: (m) => this.onHead(m),
      complete: (m) => this.onComplete(m),
      tunnel: (t) => this.onTunnel(t),
      tunnelData: (...a) => this.events.tunnelData?.(...a),
      problem: (stream, fromA, frame, message) => this.connectionOf(stream, fromA, null).problems.push({ frame, message }),
    });
  }

  /**
   * A TCP stream begins: `a` and `b` are "address:port" of its ends, `a` the side whose bytes come with
   * fromA = true. Which one is the client is learnt from the content (the side that sends requests).
   */
  open(stream: number, a: string, b: string): void {
    this.ends.set(stream, [a, b]);
  }

  /** Ordered bytes of one direction of TCP stream `stream`, carried by frame `frame`. */
  data(stream: number, fromA: boolean, bytes: Uint8Array, frame: number): void {
    this.parser.data(stream, fromA, bytes, frame);
  }

  /** FIN or RST from this direction (ends a body delimited by the close). */
  end(stream: number, fromA: boolean, frame: number): void {
    this.parser.end(stream, fromA, frame);
  }

  /** Bytes of this direction are missing (`lost` when known); the start of a stream not captured is a gap too. */
  gap(stream: number, fromA: boolean, frame: number, lost = -1): void {
    this.parser.gap(stream, fromA, frame, lost);
  }

  /** The TCP stream is over: parsing state goes, the connection record stays. */
  release(stream: number): void {
    this.parser.release(stream);
    this.ends.delete(stream);
  }

  connection(stream: number): HttpConnection | undefined {
    return this.conns.get(stream);
  }

  connections(): HttpConnection[] {
    return [...this.conns.values()];
  }

  /** Every CONNECT sent, in stream order. */
  connects(): ConnectAttempt[] {
    return this.connections().flatMap((c) => c.connects);
  }

  private onHead(m: HttpMessage): void {
    const c = this.connectionOf(m.stream, m.fromA, m.head.kind === 'request');
    const h = m.head;
    if (h.kind === 'request') {
      if (h.method === 'CONNECT') {
        c.proxy = true;
        const a = parseAuthority(h.target);
        const auth = headField(h, 'proxy-authorization')[0];
        c.connects.push({
          stream: m.stream, target: h.target, host: a?.host ?? null, port: a?.port ?? null, requestFrame: m.headFrame,
          credentials: auth === undefined ? null : auth.split(' ')[0]!, status: null, reason: null, statusFrame: null,
          statusEndFrame: null, challenges: [], outcome: 'no-answer',
        });
      } else {
        if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(h.target)) c.proxy = true; // absolute-form: asking a proxy
        if (c.requests.length < MAX_REQUESTS_KEPT) {
          c.requests.push({ method: h.method, target: h.target, host: headField(h, 'host')[0] ?? null, frame: m.headFrame, status: null, statusFrame: null });
        }
      }
      return;
    }
    const req = m.request;
    if (req === null || h.status < 200) return; // 1xx are interim (RFC 9110 section 15.2)
    if (req.head.method === 'CONNECT') {
      const a = c.connects.find((x) => x.requestFrame === req.headFrame && x.status === null);
      if (a === undefined) return;
      a.status = h.status;
      a.reason = h.reason;
      a.statusFrame = m.headFrame;
      a.challenges = headField(h, 'proxy-authenticate');
      a.outcome = h.status >= 200 && h.status < 300 ? 'established' : h.status === 407 ? 'auth-required' : 'denied';
    } else {
      const r = c.requests.find((x) => x.frame === req.headFrame && x.status === null);
      if (r !== undefined) {
        r.status = h.status;
        r.statusFrame = m.headFrame;
      }
    }
  }

  private onComplete(m: HttpMessage): void {
    if (m.head.kind === 'response' && m.request?.head.method === 'CONNECT') {
      const a = this.conns.get(m.stream)?.connects.find((x) => x.statusFrame === m.headFrame);
      if (a !== undefined) a.statusEndFrame = m.endFrame;
    }
    this.events.message?.(frameInfo(m), m.endFrame, m);
  }

  private onTunnel(t: HttpTunnel): void {
    const c = this.conns.get(t.stream);
    if (c === undefined) return;
    c.tunnel = {
      kind: t.kind, target: t.request?.head.target ?? null, requestFrame: t.request?.headFrame ?? null, frame: t.frame,
      clientIsA: t.clientIsA, clientOffset: t.clientOffset, serverOffset: t.serverOffset,
    };
    this.events.tunnel?.(t, c);
  }

  /**
   * The connection record, made on its first message (or problem): its client is the side that sends requests.
   * `sentRequest` tells whether the side `fromA` sent a request (null: unknown, then A is taken as the client).
   */
  private connectionOf(stream: number, fromA: boolean, sentRequest: boolean | null): HttpConnection {
    let c = this.conns.get(stream);
    if (c !== undefined) return c;
    const [a, b] = this.ends.get(stream) ?? ['', ''];
    const clientIsA = sentRequest === null ? true : fromA === sentRequest;
    c = { stream, client: clientIsA ? a : b, server: clientIsA ? b : a, proxy: false, connects: [], tunnel: null, requests: [], problems: [] };
    this.conns.set(stream, c);
    this.ends.delete(stream);
    return c;
  }
}

function frameInfo(m: HttpMessage): HttpFrameInfo {
  const h = m.head;
  return h.kind === 'request' ? { method: h.method, target: h.target, status: null } : { method: null, target: null, status: h.status };
}

/** "address:port", with IPv6 addresses in brackets (RFC 3986 section 3.2.2). */
export function endpointText(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
