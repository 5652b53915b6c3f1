// JA3 and JA3S (salesforce/ja3 README and python/ja3/ja3.py; protocol-facts.md 5.1): decimal values joined by
// "-" within a field and "," between fields, in wire order, GREASE (RFC 8701) removed; MD5 as lower-case hex.
// - JA3: SSLVersion (the ClientHello legacy_version), Ciphers, Extensions, EllipticCurves (ext 10),
//   EllipticCurvePointFormats (ext 11); a missing extension leaves its field empty ("769,4-5,,,").
// - JA3S: SSLVersion (the ServerHello version field, so 0x7f12 for a draft-18 TLS 1.3 server), Cipher, Extensions.
// An SSL 2.0 CLIENT-HELLO has no JA3 (tshark 4.0 computes none either).

import { md5 } from '../../base/md5.ts';
import { hexFlat } from '../../dissect/flat-text.ts';
import { isGrease } from '../../dissect/tls-constants.ts';
import type { TlsClientHello, TlsServerHello } from '../../dissect/tls-hello.ts';

export interface Fingerprint {
  /** The string that is hashed. */
  full: string;
  /** Its MD5, lower-case hex. */
  hash: string;
}

function join(values: number[]): string {
  let s = '';
  for (const v of values) {
    if (isGrease(v)) continue;
    s += s === '' ? String(v) : '-' + v;
  }
  return s;
}

/** ASCII text to bytes (fingerprint strings are digits and punctuation). */
export function asciiBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

export function md5Hex(s: string): string {
  return hexFlat(md5(asciiBytes(s)));
}

export function ja3(h: TlsClientHello): Fingerprint | null {
  if (h.ssl2) return null;
  const full = `${h.legacyVersion},${join(h.cipherSuites)},${join(h.extensions)},${join(h.supportedGroups)},${h.ecPointFormats.join('-')}`;
  return { full, hash: md5Hex(full) };
}

export function ja3s(h: TlsServerHello): Fingerprint | null {
  if (h.cipherSuite < 0) return null;
  const full = `${h.legacyVersion},${h.cipherSuite},${join(h.extensions)}`;
  return { full, hash: md5Hex(full) };
}
