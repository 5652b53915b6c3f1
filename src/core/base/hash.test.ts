// MD5 (RFC 1321 appendix A.5), HMAC-MD5 (RFC 2202 section 2) and SHA-256 (FIPS 180-4 / NIST examples) test
// vectors, and a cross-check against Node's crypto on random inputs of every length around block borders.

import { createHash, createHmac } from 'node:crypto';
import { expect, test } from 'vitest';
import { hmacMd5, md5 } from './md5.ts';
import { sha256 } from './sha256.ts';
import { toHex } from './text.ts';

const ascii = (s: string) => new TextEncoder().encode(s);

test('MD5: RFC 1321 appendix A.5', () => {
  expect(toHex(md5(ascii('')))).toBe('d41d8cd98f00b204e9800998ecf8427e');
  expect(toHex(md5(ascii('abc')))).toBe('900150983cd24fb0d6963f7d28e17f72');
  expect(toHex(md5(ascii('message digest')))).toBe('f96b697d7cb7938d525a2f31aaf161d0');
  expect(toHex(md5(ascii('12345678901234567890123456789012345678901234567890123456789012345678901234567890')))).toBe('57edf4a22be3c955ac49da2e2107b67a');
  expect(toHex(md5(ascii('ab'), ascii('c')))).toBe('900150983cd24fb0d6963f7d28e17f72');
});

test('HMAC-MD5: RFC 2202 test cases 1, 2 and 6', () => {
  expect(toHex(hmacMd5(new Uint8Array(16).fill(0x0b), ascii('Hi There')))).toBe('9294727a3638bb1c13f48ef8158bfc9d');
  expect(toHex(hmacMd5(ascii('Jefe'), ascii('what do ya want for nothing?')))).toBe('750c783e6ab0b503eaa86e310a5db738');
  expect(toHex(hmacMd5(new Uint8Array(80).fill(0xaa), ascii('Test Using Larger Than Block-Size Key - Hash Key First')))).toBe('6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd');
});

test('SHA-256: FIPS 180-4 examples', () => {
  expect(toHex(sha256(ascii('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  expect(toHex(sha256(ascii('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  expect(toHex(sha256(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
});

test('agree with Node crypto on every length from 0 to 300 bytes', () => {
  let seed = 7;
  for (let n = 0; n <= 300; n++) {
    const b = new Uint8Array(n).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    expect(toHex(md5(b))).toBe(createHash('md5').update(b).digest('hex'));
    expect(toHex(sha256(b))).toBe(createHash('sha256').update(b).digest('hex'));
    expect(toHex(hmacMd5(b.subarray(0, n % 90), b))).toBe(createHmac('md5', b.subarray(0, n % 90)).update(b).digest('hex'));
  }
});
