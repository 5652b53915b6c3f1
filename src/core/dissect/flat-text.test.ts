// flat-text.ts gives the same strings as base/text.ts (toHex, decodeUtf8) and a byte-per-character decode,
// for every length (its buffer works in chunks) and for non-ASCII input.

import { describe, expect, test } from 'vitest';
import { decodeUtf8, toHex } from '../base/text.ts';
import { hexFlat, latin1Flat, utf8Flat } from './flat-text.ts';

const bytes = (n: number, f: (i: number) => number) => Uint8Array.from({ length: n }, (_, i) => f(i) & 0xff);

describe('flat text', () => {
  test('hexFlat is toHex, at any offset and length (chunks of 2,048 bytes included)', () => {
    for (const n of [0, 1, 16, 32, 2047, 2048, 2049, 5000]) {
      const b = bytes(n + 3, (i) => i * 37 + 11);
      expect(hexFlat(b, 3, n + 3)).toBe(toHex(b, 3, n + 3));
      expect(hexFlat(b)).toBe(toHex(b));
    }
  });

  test('utf8Flat is decodeUtf8: ASCII, multi-byte, invalid sequences, long input', () => {
    const enc = (s: string) => Uint8Array.from(Array.from(s, (c) => c.charCodeAt(0)));
    const cases = [
      enc('login.microsoftonline.com'), enc(''), enc('h2'),
      Uint8Array.of(0x63, 0x61, 0x66, 0xc3, 0xa9), // "café"
      Uint8Array.of(0x61, 0xff, 0x62, 0xc3), // bad bytes
      bytes(5000, (i) => 0x41 + (i % 26)),
      bytes(5000, (i) => (i === 4000 ? 0xe2 : 0x61)),
    ];
    for (const b of cases) expect(utf8Flat(b, 0, b.length)).toBe(decodeUtf8(b, 0, b.length));
    const b = enc('xxsni.example');
    expect(utf8Flat(b, 2, b.length)).toBe('sni.example');
  });

  test('latin1Flat maps each byte to one character, over chunk boundaries', () => {
    for (const n of [0, 1, 4095, 4096, 4097, 10000]) {
      const b = bytes(n, (i) => i * 7);
      let want = '';
      for (const x of b) want += String.fromCharCode(x);
      expect(latin1Flat(b, 0, n)).toBe(want);
    }
  });
});
