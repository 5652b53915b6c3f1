// Text that is kept: the same results as base/text.ts toHex and decodeUtf8, built as one flat string.
// Appending a character at a time makes a V8 "cons string", a tree with a node per append: a 32-byte hash
// in hex then costs about 1.4 KB instead of 80 bytes for as long as it is kept (ClientHello fields, SNI,
// fingerprints and authenticators of every connection or request of a large capture). These write the
// character codes into a reused array of the exact length and make the string once (String.fromCharCode
// over a plain array is 2.4 times faster than over a typed array in V8).

import { decodeUtf8 } from '../base/text.ts';

const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** Longest text made in one piece; longer ones are joined from pieces of this size. */
const CHUNK = 4096;
/** Reused code arrays by length, up to SCRATCH_MAX (the common lengths: hashes, names, short heads). */
const SCRATCH_MAX = 512;
const scratch: number[][] = [];

function codes(n: number): number[] {
  if (n > SCRATCH_MAX) return new Array<number>(n).fill(0);
  return (scratch[n] ??= new Array<number>(n).fill(0));
}

function text(c: number[]): string {
  return String.fromCharCode.apply(null, c);
}

/** Lower-case hex of `b[start..end)`, as toHex, flat. */
export function hexFlat(b: Uint8Array, start = 0, end = b.length): string {
  if (end - start > CHUNK / 2) {
    let out = '';
    for (let i = start; i < end; i += CHUNK / 2) out += hexFlat(b, i, Math.min(end, i + CHUNK / 2));
    return out;
  }
  if (end <= start) return '';
  const c = codes((end - start) * 2);
  let k = 0;
  for (let i = start; i < end; i++) {
    const x = b[i]!;
    c[k++] = HEX[x >> 4]!;
    c[k++] = HEX[x & 15]!;
  }
  return text(c);
}

/** `b[start..end)` as UTF-8, as decodeUtf8; flat when it is all ASCII (host names, ALPN ids, user names). */
export function utf8Flat(b: Uint8Array, start = 0, end = b.length): string {
  if (end - start > CHUNK) return decodeUtf8(b, start, end);
  if (end <= start) return '';
  for (let i = start; i < end; i++) if (b[i]! >= 0x80) return decodeUtf8(b, start, end);
  return latin1Flat(b, start, end);
}

/** Each byte of `b[start..end)` as the character of that code (ISO 8859-1), flat. */
export function latin1Flat(b: Uint8Array, start = 0, end = b.length): string {
  if (end - start > CHUNK) {
    let out = '';
    for (let i = start; i < end; i += CHUNK) out += latin1Flat(b, i, Math.min(end, i + CHUNK));
    return out;
  }
  if (end <= start) return '';
  const c = codes(end - start);
  for (let i = start, k = 0; i < end; i++, k++) c[k] = b[i]!;
  return text(c);
}

/** The first `n` codes of `src` as a string, flat (for builders that collect codes in a buffer of their own). */
export function codesFlat(src: ArrayLike<number>, n: number): string {
  if (n > CHUNK) {
    let out = '';
    for (let i = 0; i < n; i += CHUNK) {
      const m = Math.min(CHUNK, n - i);
      const c = codes(m);
      for (let k = 0; k < m; k++) c[k] = src[i + k]!;
      out += text(c);
    }
    return out;
  }
  if (n <= 0) return '';
  const c = codes(n);
  for (let k = 0; k < n; k++) c[k] = src[k]!;
  return text(c);
}
