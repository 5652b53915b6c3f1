// Handshake messages of one direction, out of its handshake records (RFC 8446 section 4: msg_type(1) |
// length(uint24) | body; messages may span records and records may hold several). The rules are those of
// Wireshark 4.0's dissect_tls_handshake (packet-tls.c):
// 1. a message in progress takes the bytes it still needs from the next handshake record; once complete it is
//    dissected as a first message, and the rest of that record is read on;
// 2. otherwise a record may be encrypted (is_encrypted_handshake_message): not when shorter than 16 bytes;
//    yes when it opens with five zero bytes (a TLS 1.2 AEAD explicit nonce) or comes in a frame after this
//    direction's ChangeCipherSpec; else yes when its first byte is no known handshake type or the length
//    is 64 KiB or more;
// 3. complete messages are dissected; an incomplete tail starts a message in progress.
// Bodies are kept only for the messages radscope reads (ClientHello, ServerHello, Certificate), and then at
// most KEEP_LIMIT bytes of them; the others are only counted through.

import { u24 } from '../../base/bytes.ts';
import { HS_CERTIFICATE, HS_CLIENT_HELLO, HS_SERVER_HELLO, isKnownHandshakeType } from '../../dissect/tls-constants.ts';
import type { MemoryBudget } from '../tcp/tcp-reassembly.ts';

/** Largest message body kept (a larger Certificate message is kept in part: its first certificates). */
export const KEEP_LIMIT = 64 * 1024;

export interface HandshakeListener {
  /**
   * A complete message of `length` body bytes. `b[s..e)` is its body when `whole`, a prefix of it when not
   * (e - s < length), or nothing (e === s) when the bytes were not kept. `first`: Wireshark's is_first_msg.
   */
  onMessage(side: 0 | 1, type: number, length: number, whole: boolean, b: Uint8Array, s: number, e: number, first: boolean): void;
  /** A handshake record taken as encrypted (a TLS 1.2 Finished after ChangeCipherSpec, typically). */
  onEncrypted(side: 0 | 1): void;
  onLost(side: 0 | 1, message: string): void;
}

function wanted(type: number): boolean {
  return type === HS_CLIENT_HELLO || type === HS_SERVER_HELLO || type === HS_CERTIFICATE;
}

export class TlsHandshakeReader {
  /** Frame of this direction's last ChangeCipherSpec (0: none yet). */
  ccsFrame = 0;
  private pending = false;
  private readonly hdr = new Uint8Array(4);
  private hdrHave = 0;
  private type = 0;
  private length = 0;
  private bodyHave = 0;
  private buf: Uint8Array | null = null;

  constructor(
    private readonly listener: HandshakeListener,
    private readonly budget: MemoryBudget,
    readonly side: 0 | 1,
  ) {}

  /**
   * One handshake record of `recLen` bytes. `full`: `b[s..e)` is all of it; else only its first bytes are known
   * (SKIM mode), and what cannot be seen is counted through or given up.
   */
  record(b: Uint8Array, s: number, e: number, recLen: number, full: boolean, frame: number): void {
    const recEnd = s + recLen;
    let p = s;
    let first = true;
    if (this.pending) {
      p = this.continueMessage(b, p, full ? recEnd : e, recEnd);
      if (this.pending) return;
      first = false;
    } else if (this.isEncrypted(b, s, e, recLen, frame)) {
      this.listener.onEncrypted(this.side);
      return;
    }
    while (p < recEnd) {
      const visible = (full ? recEnd : e) - p;
      const rem = recEnd - p;
      if (visible < 4 && rem >= 4) return this.lose('handshake message header not visible in a skimmed record');
      const len = rem >= 4 ? u24(b, p + 1) : -1;
      if (len < 0 || 4 + len > rem) {
        // needs the next record(s): a message in progress
        this.start(b, p, Math.min(p + visible, recEnd), recEnd);
        return;
      }
      const type = b[p]!;
      const bodyEnd = Math.min(p + 4 + len, p + visible);
      this.listener.onMessage(this.side, type, len, bodyEnd - (p + 4) === len, b, p + 4, Math.max(p + 4, bodyEnd), first);
      first = false;
      p += 4 + len;
    }
  }

  /** Bytes were lost: a message in progress cannot complete. */
  reset(): void {
    if (this.pending) this.listener.onLost(this.side, `handshake message (type ${this.type}) lost with missing bytes`);
    this.drop();
  }

  private lose(message: string): void {
    this.listener.onLost(this.side, message);
    this.drop();
  }

  private drop(): void {
    if (this.buf !== null) this.budget.give(this.buf.length);
    this.buf = null;
    this.pending = false;
    this.hdrHave = 0;
    this.bodyHave = 0;
  }

  private isEncrypted(b: Uint8Array, s: number, e: number, recLen: number, frame: number): boolean {
    if (recLen < 16 || e - s < 5) return false;
    if (b[s] === 0 && b[s + 1] === 0 && b[s + 2] === 0 && b[s + 3] === 0 && b[s + 4] === 0) return true;
    if (this.ccsFrame !== 0 && frame > this.ccsFrame) return true;
    return !isKnownHandshakeType(b[s]!) || u24(b, s + 1) >= 0x10000;
  }

  /** Starts a message in progress with `b[p..e)` (its first bytes). */
  private start(b: Uint8Array, p: number, e: number, recEnd: number): void {
    this.pending = true;
    this.hdrHave = 0;
    this.bodyHave = 0;
    this.continueMessage(b, p, e, recEnd);
  }

  /** Feeds `b[p..e)` (visible) of a record ending at `recEnd` to the message in progress; returns where it stopped. */
  private continueMessage(b: Uint8Array, p: number, e: number, recEnd: number): number {
    while (this.hdrHave < 4 && p < e) {
      this.hdr[this.hdrHave++] = b[p++]!;
      if (this.hdrHave === 4) this.open();
    }
    if (this.hdrHave < 4) {
      if (p < recEnd) this.lose('handshake message header not visible in a skimmed record');
      return recEnd;
    }
    const need = this.length - this.bodyHave;
    const take = Math.min(need, recEnd - p);
    if (this.buf !== null) {
      const room = Math.min(this.buf.length - this.bodyHave, take, e - p);
      if (room > 0) this.buf.set(b.subarray(p, p + room), this.bodyHave);
      if (room < Math.min(take, this.buf.length - this.bodyHave)) {
        // bytes of a kept message fell in a skimmed part: it can only be counted through now
        this.budget.give(this.buf.length);
        this.buf = null;
      }
    }
    this.bodyHave += take;
    p += take;
    if (this.bodyHave === this.length) {
      const buf = this.buf;
      const kept = buf === null ? 0 : Math.min(buf.length, this.length);
      this.buf = null;
      this.pending = false;
      this.hdrHave = 0;
      this.listener.onMessage(this.side, this.type, this.length, kept === this.length, buf ?? this.hdr, 0, buf === null ? 0 : kept, true);
      if (buf !== null) this.budget.give(buf.length);
    }
    return p;
  }

  /** The message header is complete: decide whether to keep the body. */
  private open(): void {
    this.type = this.hdr[0]!;
    this.length = u24(this.hdr, 1);
    this.bodyHave = 0;
    if (wanted(this.type) && this.length > 0) {
      const keep = Math.min(this.length, KEEP_LIMIT);
      this.buf = this.budget.take(keep) ? new Uint8Array(keep) : null;
      if (this.buf === null) this.listener.onLost(this.side, `no memory left to hold a ${this.length}-byte handshake message`);
    }
  }
}
