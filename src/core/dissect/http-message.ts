// What the HTTP stream parser (http-stream.ts) reports: messages with the frames that carried them, the
// tunnel a CONNECT or an Upgrade opens, and the events a consumer subscribes to.

import type { HttpHead } from './http-head.ts';

export interface HttpMessage {
  stream: number;
  /** The direction the bytes came from, as the reassembler labels it (A: the first packet's sender). */
  fromA: boolean;
  head: HttpHead;
  /** Offset of the first octet in its direction's byte stream. */
  offset: number;
  firstFrame: number;
  /** Frame that completed the head (start line and fields known). */
  headFrame: number;
  /** Frame that completed the whole message, body included (where tshark shows it); 0 until then. */
  endFrame: number;
  complete: boolean;
  /** Body octets that were missing from the capture (a gap the body length let the parser skip). */
  lost: number;
  /** Response: the request it answers (null when unseen). Request: its final response, and 1xx ones. */
  request: HttpMessage | null;
  response: HttpMessage | null;
  interim: HttpMessage[];
}

export interface HttpTunnel {
  stream: number;
  /** 'connect': a 2xx answer to CONNECT; 'upgrade': 101 Switching Protocols (RFC 9110 section 15.2.2). */
  kind: 'connect' | 'upgrade';
  request: HttpMessage | null;
  response: HttpMessage;
  /** The requesting side (the HTTP client) is A. */
  clientIsA: boolean;
  /** Offsets of the first tunnel octet in the requesting and the answering direction. */
  clientOffset: number;
  serverOffset: number;
  /** The frame of the answer's head: the tunnel is up from there. */
  frame: number;
}

export interface HttpEvents {
  head?(m: HttpMessage): void;
  complete?(m: HttpMessage): void;
  tunnel?(t: HttpTunnel): void;
  /** Tunnel bytes of one direction, in order; `offset` is that of bytes[0] in the direction's stream. */
  tunnelData?(stream: number, fromA: boolean, bytes: Uint8Array, frame: number, offset: number): void;
  problem?(stream: number, fromA: boolean, frame: number, message: string): void;
}
