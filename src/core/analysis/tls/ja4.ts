// JA4, the TLS client fingerprint (FoxIO-LLC/ja4 technical_details/JA4.md, BSD-3-Clause; protocol-facts.md 5.2):
//   a = "t" + version + ("d" SNI | "i") + 2-digit cipher count + 2-digit extension count + ALPN first/last
//   b = sha256(sorted 4-hex cipher suites joined by ",")[:12]
//   c = sha256(sorted 4-hex extensions without 0000 and 0010, + "_" + signature algorithms in wire order)[:12]
// GREASE is ignored everywhere (JA4.md "Details"). Choices where implementations differ, following JA4.md as the
// corpus truth does (ja4-truth.json truth_rule):
// - signature algorithms come from signature_algorithms (000d) only, never signature_algorithms_cert (0032);
// - a first ALPN value whose first or last byte is not ASCII alphanumeric gives the first and last hex digits
//   of the whole value ("0x30 0xAB" -> "3b"), not the "99" of ja4.py / the Rust crate; a one-byte value is
//   both first and last (JA4.md), where the Rust crate pads with "0".
// An SSL 2.0 CLIENT-HELLO has no TLS cipher suites or extensions: "s2" (its version), counts 00 and zero hashes,
// as FoxIO's ja4.py gives over tshark's fields.

import { sha256 } from '../../base/sha256.ts';
import { toHex } from '../../base/text.ts';
import { EXT_ALPN, EXT_SERVER_NAME, EXT_SUPPORTED_VERSIONS, isGrease } from '../../dissect/tls-constants.ts';
import type { TlsClientHello } from '../../dissect/tls-hello.ts';
import { asciiBytes } from './tls-fingerprints.ts';
import { hexFlat } from '../../dissect/flat-text.ts';

const VERSION_CODES: Record<number, string> = {
  0x0304: '13',
  0x0303: '12',
  0x0302: '11',
  0x0301: '10',
  0x0300: 's3',
  0x0002: 's2',
  0xfeff: 'd1',
  0xfefd: 'd2',
  0xfefc: 'd3',
};

const ZERO_HASH = '000000000000';

export function hash12(s: string): string {
  return hexFlat(sha256(asciiBytes(s)), 0, 6);
}

function hex4(v: number): string {
  return v.toString(16).padStart(4, '0');
}

function count2(n: number): string {
  return String(Math.min(99, n)).padStart(2, '0');
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** JA4.md "ALPN Extension Value". */
export function ja4Alpn(first: Uint8Array | null): string {
  if (first === null || first.length === 0) return '00';
  const a = first[0]!;
  const z = first[first.length - 1]!;
  if (isAlnum(a) && isAlnum(z)) return String.fromCharCode(a, z);
  const hex = toHex(first);
  return hex[0]! + hex[hex.length - 1]!;
}

export function ja4Version(h: TlsClientHello): string {
  let v = h.legacyVersion;
  if (h.extensions.includes(EXT_SUPPORTED_VERSIONS)) {
    let best = -1;
    for (const x of h.supportedVersions) if (!isGrease(x) && x > best) best = x;
    if (best >= 0) v = best;
  }
  return VERSION_CODES[v] ?? '00';
}

export interface Ja4 {
  ja4: string;
  /** JA4_r: the same with the sorted lists instead of their hashes. */
  raw: string;
}

export function ja4(h: TlsClientHello, proto: 't' | 'q' | 'd' = 't'): Ja4 {
  const ciphers = h.cipherSuites.filter((c) => !isGrease(c));
  const exts = h.extensions.filter((e) => !isGrease(e));
  const sigs = h.signatureAlgorithms.filter((s) => !isGrease(s));
  const a = proto + ja4Version(h) + (exts.includes(EXT_SERVER_NAME) ? 'd' : 'i') + count2(ciphers.length) + count2(exts.length) + ja4Alpn(h.alpnFirst);
  const cipherList = ciphers.map(hex4).sort().join(',');
  const extList = exts
    .filter((e) => e !== EXT_SERVER_NAME && e !== EXT_ALPN)
    .map(hex4)
    .sort()
    .join(',');
  const sigList = sigs.map(hex4).join(',');
  const c = sigList === '' ? extList : `${extList}_${sigList}`;
  return {
    ja4: `${a}_${cipherList === '' ? ZERO_HASH : hash12(cipherList)}_${extList === '' ? ZERO_HASH : hash12(c)}`,
    raw: `${a}_${cipherList}_${c}`,
  };
}
