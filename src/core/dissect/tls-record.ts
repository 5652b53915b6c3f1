// The TLS record layer header (RFC 8446 section 5.1; RFC 5246 section 6.2.1) and the SSL 2.0 record header
// (draft-hickman-netscape-ssl-00 section 1.2), with the heuristics Wireshark's packet-tls.c uses to tell
// records from other bytes at the start of a segment (ssl_looks_like_sslv3, ssl_looks_like_sslv2,
// ssl_is_v2_client_hello, ssl_looks_like_valid_v2_handshake, and the printable-text test of dissect_ssl).
// Callers check that the bytes they pass exist (5 for a record header).

import { u16 } from '../base/bytes.ts';
import { isValidContentType, VERSION_SSL2, VERSION_SSL3, VERSION_TLCP, VERSION_TLS10, VERSION_TLS11, VERSION_TLS12, VERSION_TLS13 } from './tls-constants.ts';

export const TLS_RECORD_HEADER = 5;
/** RFC 8446 section 5.1: TLSPlaintext.length <= 2^14. */
export const TLS_MAX_PLAINTEXT = 1 << 14;
/** RFC 8446 section 5.2: TLSCiphertext.length <= 2^14 + 256 (TLS 1.3). */
export const TLS13_MAX_CIPHERTEXT = (1 << 14) + 256;
/** RFC 5246 section 6.2.3: TLSCiphertext.length <= 2^14 + 2048 (TLS 1.2 and earlier). */
export const TLS12_MAX_CIPHERTEXT = (1 << 14) + 2048;

/** Versions a record header may carry for Wireshark to take it as SSLv3/TLS (ssl_looks_like_sslv3). */
export function isRecordVersion(v: number): boolean {
  return v === VERSION_SSL3 || v === VERSION_TLS10 || v === VERSION_TLS11 || v === VERSION_TLS12 || v === VERSION_TLS13 || v === VERSION_TLCP;
}

/** Five bytes at `o` look like an SSLv3/TLS record header: a valid content type and a known version. */
export function looksLikeTlsRecord(b: Uint8Array, o: number): boolean {
  return isValidContentType(b[o]!) && isRecordVersion(u16(b, o + 1));
}

/**
 * The start of an unencrypted SSL 2.0 message (ssl_looks_like_sslv2): a two-byte header (high bit set) and a
 * message type that travels in the clear (error, client_hello, client_master_key, server_hello).
 */
export function looksLikeSsl2(b: Uint8Array, o: number): boolean {
  if (b[o]! < 0x80) return false;
  const t = b[o + 2]!;
  return t === 0 || t === 1 || t === 2 || t === 4;
}

/** ssl_is_v2_client_hello: 0x80 then a client_hello type byte (the SSL 2.0-compatible hello, RFC 5246 E.2). */
export function isV2ClientHelloStart(b: Uint8Array, o: number): boolean {
  return b[o] === 0x80 && b[o + 2] === 1;
}

/** Stricter test for a flow's first bytes (is_sslv2_clienthello in packet-tls.c): needs 46 bytes at `o`. */
export function looksLikeV2ClientHello(b: Uint8Array, o: number, end: number): boolean {
  if (end - o < 46 || b[o] !== 0x80 || b[o + 2] !== 1) return false;
  const specs = u16(b, o + 5);
  const sid = u16(b, o + 7);
  return specs !== 0 && specs % 3 === 0 && (sid === 0 || sid === 16) && u16(b, o + 9) === 32;
}

export interface Ssl2Header {
  /** 2 or 3 bytes of header. */
  headerLength: number;
  /** Bytes after the header (message and padding). */
  length: number;
}

/** The SSL 2.0 record header at `o` (2 bytes if the high bit is set, else 3 with a padding count). */
export function decodeSsl2Header(b: Uint8Array, o: number, out: Ssl2Header): void {
  const b0 = b[o]!;
  if (b0 & 0x80) {
    out.headerLength = 2;
    out.length = ((b0 & 0x7f) << 8) | b[o + 1]!;
  } else {
    out.headerLength = 3;
    out.length = ((b0 & 0x3f) << 8) | b[o + 1]!;
  }
}

/** Versions Wireshark lists in ssl_versions (for the SSL 2.0 plausibility checks). */
function isKnownVersion(v: number): boolean {
  return v === VERSION_SSL2 || isRecordVersion(v) || v === 0xfeff || v === 0xfefd || v === 0xfefc || (v & 0xff00) === 0x7f00;
}

/**
 * Whether an SSL 2.0 record body looks like an unencrypted handshake message (ssl_looks_like_valid_v2_handshake):
 * a client_hello or server_hello with a known version, or a client_master_key whose key lengths fit.
 */
export function looksLikeValidSsl2Handshake(b: Uint8Array, o: number, length: number): boolean {
  const t = b[o]!;
  if (t === 1) return length >= 3 && isKnownVersion(u16(b, o + 1));
  if (t === 4) return length >= 5 && isKnownVersion(u16(b, o + 3));
  if (t === 2) return length >= 10 && u16(b, o + 4) + u16(b, o + 6) + u16(b, o + 8) <= length;
  return false;
}

/**
 * dissect_ssl gives up on a segment whose first four bytes are printable ASCII ("extremely unlikely that real
 * TLS traffic starts with four printable ascii characters"); it needs more than four bytes to look.
 */
export function startsWithText(b: Uint8Array, o: number, end: number): boolean {
  if (end - o <= 4) return false;
  for (let i = o; i < o + 4; i++) if (b[i]! < 0x20 || b[i]! > 0x7e) return false;
  return true;
}
