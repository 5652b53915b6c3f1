// The record layer of one direction, over its ordered byte stream (RFC 8446 section 5.1; SSL 2.0 records for
// the SSL 2.0-compatible hello). It frames records the way tshark 4.0 does with TLS and TCP desegmentation on
// (packet-tls.c dissect_ssl / dissect_ssl3_record / dissect_ssl2_record; protocol-facts.md 4.7):
// - a record split across segments is completed and shown in the frame that brings its last byte;
// - a segment (a data() call) that starts at a record boundary with four printable bytes is not TLS;
// - with the session version unknown, a header that is neither an SSL 2.0 hello nor a TLS record makes the
//   rest of the segment "Continuation Data"; with TLS 1.0-1.2 known, an invalid content type makes it an
//   "Ignored Unknown Record"; with SSL 3.0 or TLS 1.3, an invalid content type skips 5 + length bytes, but
//   never past the segment (the next segment starts afresh, as the next tvb does in Wireshark);
// - after a gap the record in progress is lost; if its end is known the stream stays in step, otherwise the
//   next segment starts afresh.
// FULL mode keeps each record's body (a view when it lies in one segment, else a copy of at most 2^16+4 bytes);
// SKIM mode (after the handshake) keeps only the first 8 body bytes of each record: enough for an alert and
// for the encrypted-handshake test, with no copies and no allocation.

import { u16 } from '../../base/bytes.ts';
import type { MemoryBudget, ByteSink } from '../tcp/tcp-reassembly.ts';
import { isValidContentType, VERSION_SSL2, VERSION_TLCP, VERSION_TLS10, VERSION_TLS11, VERSION_TLS12 } from '../../dissect/tls-constants.ts';
import { decodeSsl2Header, isV2ClientHelloStart, looksLikeSsl2, looksLikeTlsRecord, startsWithText, TLS_RECORD_HEADER, type Ssl2Header } from '../../dissect/tls-record.ts';

export const ReaderMode = { FULL: 0, SKIM: 1, OFF: 2 } as const;
export type ReaderModeCode = (typeof ReaderMode)[keyof typeof ReaderMode];

const HEAD = 8;

/** What the record reader reports to its connection. */
export interface RecordListener {
  /** The session version as Wireshark tracks it (0 while unknown). */
  readonly sessionVersion: number;
  /**
   * A complete record. `full`: `b[s..e)` is the whole body (e - s === length); else it is the first bytes only.
   */
  onRecord(r: TlsRecordReader, type: number, version: number, length: number, full: boolean, b: Uint8Array, s: number, e: number): void;
  /** A complete SSL 2.0 record (`b[s..e)` is its body when `full`). */
  onSsl2Record(r: TlsRecordReader, length: number, full: boolean, b: Uint8Array, s: number, e: number): void;
  /** A problem; `lost`: bytes of this direction were lost, so a handshake message in progress is too. */
  onLost(r: TlsRecordReader, message: string, lost: boolean): void;
  onEnd(r: TlsRecordReader, reset: boolean): void;
}

export class TlsRecordReader implements ByteSink {
  mode: ReaderModeCode = ReaderMode.FULL;
  /** Switch to SKIM at the next record boundary. */
  wantSkim = false;
  /** Bytes read in FULL mode, and records completed. */
  fullBytes = 0;
  records = 0;
  private readonly hdr = new Uint8Array(TLS_RECORD_HEADER);
  private hdrHave = 0;
  /** Current record: body length, bytes of it read (-1: at a record boundary). */
  private bodyLen = -1;
  private bodyHave = 0;
  private ssl2 = false;
  private type = 0;
  private version = 0;
  private buf: Uint8Array | null = null;
  private readonly head = new Uint8Array(HEAD);
  private headHave = 0;
  /** Bytes to pass over; `skipInSegment`: only within the current segment. */
  private skip = 0;
  private skipInSegment = false;
  private readonly v2: Ssl2Header = { headerLength: 0, length: 0 };

  constructor(
    private readonly listener: RecordListener,
    private readonly budget: MemoryBudget,
    /** 0 or 1: which side of the connection this direction is. */
    readonly side: 0 | 1,
    /** FULL-mode bytes after which the reader skims (bounds per-direction work before the handshake ends). */
    private readonly fullLimit = 256 * 1024,
  ) {}

  data(bytes: Uint8Array, start: number, end: number): void {
    if (this.mode === ReaderMode.OFF) return;
    if (this.skipInSegment) {
      this.skip = 0;
      this.skipInSegment = false;
    }
    const segStart = start;
    let i = start;
    while (i < end && !this.isOff()) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, end - i);
        this.skip -= n;
        i += n;
        if (this.skip === 0) this.skipInSegment = false;
        continue;
      }
      if (this.bodyLen >= 0) {
        i = this.body(bytes, i, end);
        continue;
      }
      if (this.hdrHave === 0 && i === segStart && startsWithText(bytes, i, end)) return; // not TLS (dissect_ssl)
      i = this.header(bytes, i, end);
    }
  }

  gap(offset: number, length: number): void {
    if (this.mode === ReaderMode.OFF) return;
    this.listener.onLost(this, `${length} bytes missing at stream offset ${offset} (not captured)`, true);
    if (this.bodyLen >= 0 && this.bodyLen - this.bodyHave > length) {
      // the record is lost, but its end is known: stay in step
      this.skip = this.bodyLen - this.bodyHave - length;
      this.skipInSegment = false;
    } else if (this.skip > length && !this.skipInSegment) {
      this.skip -= length;
    } else {
      this.skip = 0;
      this.skipInSegment = false;
    }
    this.dropRecord();
    this.hdrHave = 0;
  }

  end(_offset: number, _frame: number, reset: boolean): void {
    if (this.bodyLen >= 0 && this.mode !== ReaderMode.OFF) {
      this.listener.onLost(this, `a record of ${this.bodyLen} bytes ends ${this.bodyLen - this.bodyHave} bytes short (the stream ${reset ? 'was reset' : 'ended'})`, true);
    }
    this.dropRecord();
    this.listener.onEnd(this, reset);
  }

  isOff(): boolean {
    return this.mode === ReaderMode.OFF;
  }

  /** Stops reading (and frees the buffer). */
  stop(): void {
    this.dropRecord();
    this.mode = ReaderMode.OFF;
  }

  private dropRecord(): void {
    if (this.buf !== null) this.budget.give(this.buf.length);
    this.buf = null;
    this.bodyLen = -1;
    this.bodyHave = 0;
    this.headHave = 0;
  }

  /** Collects the record header, then classifies it as Wireshark's dissect_ssl does. */
  private header(b: Uint8Array, i: number, end: number): number {
    const first = this.hdrHave > 0 ? this.hdr[0]! : b[i]!;
    const need = this.listener.sessionVersion === VERSION_SSL2 ? (first & 0x80 ? 2 : 3) : TLS_RECORD_HEADER;
    while (this.hdrHave < need && i < end) this.hdr[this.hdrHave++] = b[i++]!;
    if (this.hdrHave < need) return i;
    const h = this.hdr;
    const have = this.hdrHave;
    this.hdrHave = 0;
    const sv = this.listener.sessionVersion;
    if (sv === VERSION_SSL2 || (sv !== 0 ? isV2ClientHelloStart(h, 0) : looksLikeSsl2(h, 0))) {
      decodeSsl2Header(h, 0, this.v2);
      return this.beginBody(true, 0, VERSION_SSL2, this.v2.length, h, this.v2.headerLength, have, b, i, end);
    }
    const ct = h[0]!;
    const len = u16(h, 3);
    if (sv === 0 && !looksLikeTlsRecord(h, 0)) return this.restOfSegment(i); // "Continuation Data"

    if (!isValidContentType(ct)) {
      // TLS 1.0-1.2: "Ignored Unknown Record" (RFC 2246 section 6), the rest of the segment
      if (sv === VERSION_TLS10 || sv === VERSION_TLS11 || sv === VERSION_TLS12 || sv === VERSION_TLCP) return this.restOfSegment(i);
      this.skip = len; // "Continuation Data": 5 + length, within this segment only
      this.skipInSegment = len > 0;
      return i;
    }
    return this.beginBody(false, ct, u16(h, 1), len, h, TLS_RECORD_HEADER, TLS_RECORD_HEADER, b, i, end);
  }

  private restOfSegment(i: number): number {
    this.skip = Number.POSITIVE_INFINITY;
    this.skipInSegment = true;
    return i;
  }

  /** Starts a record whose body is `len` bytes; `h[hdrLen..have)` already holds its first body bytes. */
  private beginBody(ssl2: boolean, type: number, version: number, len: number, h: Uint8Array, hdrLen: number, have: number, b: Uint8Array, i: number, end: number): number {
    this.ssl2 = ssl2;
    this.type = type;
    this.version = version;
    this.bodyLen = len;
    this.bodyHave = 0;
    this.headHave = 0;
    if (have - hdrLen >= len && have > hdrLen) {
      // a tiny SSL 2.0 record inside the 5 bytes read to classify it: the rest starts the next header
      const tmp = h.slice(hdrLen, have);
      this.complete(tmp, 0, len, true);
      for (let k = len; k < tmp.length; k++) this.hdr[this.hdrHave++] = tmp[k]!;
      return i;
    }
    if (have === hdrLen && end - i >= len) {
      // the whole body is in this segment: no copy
      this.complete(b, i, i + len, true);
      return i + len;
    }
    if (this.mode === ReaderMode.FULL) {
      if (this.budget.take(len)) this.buf = new Uint8Array(len);
      else this.listener.onLost(this, `no memory left to hold a ${len}-byte record (budget of ${this.budget.limit} bytes used); reading headers only`, false);
    }
    if (have > hdrLen) this.append(h, hdrLen, have);
    return this.body(b, i, end);
  }

  private body(b: Uint8Array, i: number, end: number): number {
    const take = Math.min(this.bodyLen - this.bodyHave, end - i);
    this.append(b, i, i + take);
    i += take;
    if (this.bodyHave === this.bodyLen) {
      if (this.buf !== null) this.complete(this.buf, 0, this.bodyLen, true);
      else this.complete(this.head, 0, this.headHave, this.bodyLen === this.headHave);
    }
    return i;
  }

  private append(src: Uint8Array, s: number, e: number): void {
    if (this.buf !== null) this.buf.set(src.subarray(s, e), this.bodyHave);
    for (let k = s; k < e && this.headHave < HEAD; k++) this.head[this.headHave++] = src[k]!;
    this.bodyHave += e - s;
  }

  private complete(b: Uint8Array, s: number, e: number, full: boolean): void {
    const len = this.bodyLen;
    const ssl2 = this.ssl2;
    const keep = this.buf;
    this.bodyLen = -1;
    this.bodyHave = 0;
    this.headHave = 0;
    this.buf = null;
    this.records++;
    const inFull = this.mode === ReaderMode.FULL;
    if (ssl2) this.listener.onSsl2Record(this, len, full, b, s, e);
    else this.listener.onRecord(this, this.type, this.version, len, full, b, s, e);
    if (keep !== null) this.budget.give(keep.length);
    if (inFull) {
      this.fullBytes += len + (ssl2 ? 2 : TLS_RECORD_HEADER);
      if (this.fullBytes > this.fullLimit) {
        this.listener.onLost(this, `handshake phase longer than ${this.fullLimit} bytes: reading record headers only from here`, false);
        this.wantSkim = true;
      }
    }
    if (this.wantSkim && this.mode === ReaderMode.FULL) this.mode = ReaderMode.SKIM;
  }
}
