// Where an HTTP/1.x message body ends (RFC 9112 section 6.3), and the chunked transfer coding (section 7.1).
// Knowing the end of each body is what lets a parser find the next message on a persistent connection, and
// say in which frame a message is complete (tshark reports HTTP there, with TCP desegmentation on).

import { headField, type HttpHead } from './http-head.ts';

export type HttpBody =
  | { kind: 'none' }
  | { kind: 'length'; length: number }
  | { kind: 'chunked' }
  /** Delimited by the end of the connection (section 6.3 item 8). */
  | { kind: 'close' }
  /** No more HTTP in either direction: a 2xx answer to CONNECT (RFC 9110 section 9.3.6) or a 101 (section 15.2.2). */
  | { kind: 'tunnel' }
  /** The framing is broken (section 6.3 items 4 and 5): the rest of the connection cannot be parsed. */
  | { kind: 'invalid'; reason: string };

/** Transfer-Encoding: chunked last (section 6.3 item 4), any other coding, or none. */
function transferCoding(h: HttpHead): 'chunked' | 'other' | 'none' {
  const te = headField(h, 'transfer-encoding');
  if (te.length === 0) return 'none';
  const codings = te.join(',').split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  return codings[codings.length - 1] === 'chunked' ? 'chunked' : 'other';
}

/** Content-Length as a number, null when absent, NaN when invalid (differing list members, not digits). */
function contentLength(h: HttpHead): number | null {
  const values = headField(h, 'content-length').join(',').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (values.length === 0) return null;
  if (!values.every((v) => /^\d{1,15}$/.test(v) && v === values[0])) return NaN;
  return Number(values[0]);
}

/** Body of a request (section 6.3 items 4-6). */
export function requestBody(h: HttpHead): HttpBody {
  const te = transferCoding(h);
  if (te === 'chunked') return { kind: 'chunked' };
  if (te === 'other') return { kind: 'invalid', reason: 'request Transfer-Encoding does not end in chunked' };
  const cl = contentLength(h);
  if (cl === null) return { kind: 'none' };
  if (Number.isNaN(cl)) return { kind: 'invalid', reason: 'invalid Content-Length' };
  return cl === 0 ? { kind: 'none' } : { kind: 'length', length: cl };
}

/** Body of a response to a request with `method` (null when the request was not seen). */
export function responseBody(h: HttpHead, method: string | null): HttpBody {
  const s = h.status;
  if (method === 'CONNECT' && s >= 200 && s < 300) return { kind: 'tunnel' }; // item 2: no body, a tunnel
  if (s === 101) return { kind: 'tunnel' };
  if (method === 'HEAD' || (s >= 100 && s < 200) || s === 204 || s === 304) return { kind: 'none' }; // item 1
  const te = transferCoding(h);
  if (te === 'chunked') return { kind: 'chunked' };
  if (te === 'other') return { kind: 'close' };
  const cl = contentLength(h);
  if (cl === null) return { kind: 'close' };
  if (Number.isNaN(cl)) return { kind: 'invalid', reason: 'invalid Content-Length' };
  return cl === 0 ? { kind: 'none' } : { kind: 'length', length: cl };
}

// states of the chunked decoder
const Chunk = { Size: 0, Ext: 1, Data: 2, DataCr: 3, DataLf: 4, TrailerStart: 5, Trailer: 6, LastLf: 7, Done: 8 } as const;

const MAX_SIZE_DIGITS = 13; // 2^52: beyond any capture
const MAX_LINE = 4096; // chunk extensions and trailer fields

/**
 * The chunked coding (RFC 9112 section 7.1): chunk-size [ext] CRLF data CRLF ... 0 [ext] CRLF trailers CRLF.
 * Feed it the body bytes in order; it says how many it used, and when the body is done.
 */
export class ChunkedBody {
  private state: number = Chunk.Size;
  private digits = 0;
  private size = 0;
  private line = 0;
  problem: string | null = null;

  get done(): boolean {
    return this.state === Chunk.Done;
  }

  /** Consumes bytes of `b[from, to)` up to the end of the body; returns the offset after the last one used. */
  feed(b: Uint8Array, from: number, to: number): number {
    let i = from;
    while (i < to && this.state !== Chunk.Done && this.problem === null) {
      const c = b[i]!;
      switch (this.state) {
        case Chunk.Size: {
          const v = hexValue(c);
          if (v >= 0 && this.digits < MAX_SIZE_DIGITS) {
            this.size = this.size * 16 + v;
            this.digits++;
          } else if (this.digits > 0 && (c === 0x3b || c === 0x20 || c === 0x09 || c === 0x0d)) {
            this.state = Chunk.Ext; // chunk-ext, whitespace (BWS) or the CR
            this.line = 0;
          } else if (this.digits > 0 && c === 0x0a) {
            this.endSizeLine();
          } else {
            this.problem = `bad chunk size octet 0x${c.toString(16)}`;
            return i;
          }
          i++;
          break;
        }
        case Chunk.Ext:
          if (c === 0x0a) this.endSizeLine();
          else if (++this.line > MAX_LINE) this.problem = 'chunk extension too long';
          i++;
          break;
        case Chunk.Data: {
          const n = Math.min(this.size, to - i);
          this.size -= n;
          i += n;
          if (this.size === 0) this.state = Chunk.DataCr;
          break;
        }
        case Chunk.DataCr:
          if (c === 0x0d) this.state = Chunk.DataLf;
          else if (c === 0x0a) this.nextChunk();
          else this.problem = 'chunk data not followed by CRLF';
          i++;
          break;
        case Chunk.DataLf:
          if (c === 0x0a) this.nextChunk();
          else this.problem = 'chunk data not followed by CRLF';
          i++;
          break;
        case Chunk.TrailerStart:
          if (c === 0x0d) this.state = Chunk.LastLf;
          else if (c === 0x0a) this.state = Chunk.Done;
          else {
            this.state = Chunk.Trailer;
            this.line = 1;
          }
          i++;
          break;
        case Chunk.Trailer:
          if (c === 0x0a) this.state = Chunk.TrailerStart;
          else if (++this.line > MAX_LINE) this.problem = 'trailer field too long';
          i++;
          break;
        case Chunk.LastLf:
          if (c === 0x0a) this.state = Chunk.Done;
          else this.problem = 'chunked body not ended by CRLF';
          i++;
          break;
      }
    }
    return i;
  }

  private endSizeLine(): void {
    this.state = this.size === 0 ? Chunk.TrailerStart : Chunk.Data;
  }

  private nextChunk(): void {
    this.state = Chunk.Size;
    this.digits = 0;
    this.size = 0;
  }
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}
