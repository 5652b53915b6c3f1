// The shared-secret arithmetic against RFC 2865 section 7.1 (secret "xyzzy5461", password "arctangent";
// protocol-facts.md section 3.5 shows both were recomputed independently).

import { createHash, createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { decodeRadius, findAttribute, attributeBytes, type RadiusPacket } from './radius.ts';
import { decryptUserPassword, encodeSecret, judgePassword, messageAuthenticatorValid, requestAuthenticatorValid, responseAuthenticatorValid } from './radius-crypto.ts';

function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  return Uint8Array.from({ length: clean.length / 2 }, (_, i) => parseInt(clean.slice(2 * i, 2 * i + 2), 16));
}

const REQUEST = hex(`01 00 00 38 0f 40 3f 94 73 97 80 57 bd 83 d5 cb 98 f4 22 7a 01 06 6e 65 6d 6f
  02 12 0d be 70 8d 93 d4 13 ce 31 96 e4 3f 78 2a 0a ee 04 06 c0 a8 01 10 05 06 00 00 00 03`);
const ACCEPT = hex(`02 00 00 26 86 fe 22 0e 76 24 ba 2a 10 05 f6 bf 9b 55 e0 b2 06 06 00 00 00 01
  0f 06 00 00 00 00 0e 06 c0 a8 01 03`);
const SECRET = encodeSecret('xyzzy5461');
const WRONG = encodeSecret('xyzzy5462');

const packet = (b: Uint8Array): RadiusPacket => decodeRadius(b, 0, b.length)!;

describe('RFC 2865 section 7.1', () => {
  const req = packet(REQUEST);
  const acc = packet(ACCEPT);
  const hidden = attributeBytes(req, findAttribute(req, 2)!);

  test('User-Password decrypts to "arctangent" and 6 NULs with the right secret', () => {
    const plain = decryptUserPassword(hidden, req.authenticator, SECRET)!;
    expect(Array.from(plain)).toEqual([...Buffer.from('arctangent'), 0, 0, 0, 0, 0, 0]);
    expect(judgePassword(plain)).toEqual({ plausible: true, text: 'arctangent' });
  });

  test('a wrong secret decrypts it to octets judged garbage', () => {
    const plain = decryptUserPassword(hidden, req.authenticator, WRONG)!;
    expect(judgePassword(plain).plausible).toBe(false);
  });

  test('the Access-Accept Response Authenticator verifies with the secret and the request authenticator', () => {
    expect(Buffer.from(acc.authenticator).toString('hex')).toBe('86fe220e7624ba2a1005f6bf9b55e0b2');
    expect(responseAuthenticatorValid(acc, req.authenticator, SECRET)).toBe(true);
    expect(responseAuthenticatorValid(acc, req.authenticator, WRONG)).toBe(false);
    const otherRequest = req.authenticator.slice();
    otherRequest[0]! ^= 1;
    expect(responseAuthenticatorValid(acc, otherRequest, SECRET)).toBe(false);
  });

  test('an incomplete packet cannot be checked', () => {
    const cut = decodeRadius(ACCEPT, 0, 30, ACCEPT.length)!;
    expect(responseAuthenticatorValid(cut, req.authenticator, SECRET)).toBeNull();
    expect(requestAuthenticatorValid(cut, SECRET)).toBeNull();
    expect(messageAuthenticatorValid(acc, req.authenticator, SECRET)).toBeNull(); // it has none
  });

  test('password octets must come in 16-octet blocks of at most 128', () => {
    expect(decryptUserPassword(new Uint8Array(15), req.authenticator, SECRET)).toBeNull();
    expect(decryptUserPassword(new Uint8Array(144), req.authenticator, SECRET)).toBeNull();
  });

  test('judgePassword wants clean NUL padding and printable text', () => {
    expect(judgePassword(new Uint8Array([0x61, 0, 0x62, 0])).plausible).toBe(false);
    expect(judgePassword(new Uint8Array([0x61, 0x0a, 0, 0])).plausible).toBe(false);
    expect(judgePassword(new Uint8Array([0xc3, 0xa9, 0, 0])).text).toBe('é');
    expect(judgePassword(new Uint8Array([0xff, 0x61, 0, 0])).plausible).toBe(false);
  });

  test('secrets are taken as UTF-8', () => {
    expect(Array.from(encodeSecret('aé€😀'))).toEqual([...Buffer.from('aé€😀', 'utf8')]);
  });
});

// Packets built here with Node's own MD5 and HMAC-MD5 (OpenSSL), an implementation independent of ours,
// following the RFC text for how each authenticator is made.
describe('computed authenticators (RFC 2866 section 3, RFC 5176 section 3.5, RFC 3579 section 3.2)', () => {
  const secret = 'Lab-NPS-s3cret';
  const nodeMd5 = (...parts: Uint8Array[]) => new Uint8Array(createHash('md5').update(Buffer.concat(parts)).digest());
  const nodeHmac = (b: Uint8Array) => new Uint8Array(createHmac('md5', secret).update(b).digest());

  /** A packet with `attrs` (plus an 18-octet Message-Authenticator when asked), authenticator `auth`. */
  function build(code: number, attrs: number[], withMa: boolean): { b: Uint8Array; maAt: number } {
    const all = withMa ? [...attrs, 80, 18, ...new Uint8Array(16)] : attrs;
    const b = new Uint8Array([code, 42, 0, 20 + all.length, ...new Uint8Array(16), ...all]);
    return { b, maAt: withMa ? 20 + attrs.length + 2 : -1 };
  }

  test('Accounting-Request and CoA-Request: MD5 over the packet with a zero authenticator', () => {
    for (const code of [4, 40, 43]) {
      const { b, maAt } = build(code, [40, 6, 0, 0, 0, 1, 44, 6, 0x41, 0x42, 0x43, 0x44], code === 43);
      if (maAt > 0) b.set(nodeHmac(b), maAt); // RFC 5176 section 3.5: Message-Authenticator first, with zeros
      b.set(nodeMd5(b, Buffer.from(secret)), 4);
      const p = packet(b);
      expect(requestAuthenticatorValid(p, encodeSecret(secret)), `code ${code}`).toBe(true);
      expect(requestAuthenticatorValid(p, encodeSecret(secret + 'x'))).toBe(false);
      if (maAt > 0) expect(messageAuthenticatorValid(p, new Uint8Array(16), encodeSecret(secret))).toBe(true);
    }
  });

  test('a response Message-Authenticator is computed with the request authenticator, then the Response Authenticator', () => {
    const requestAuth = new Uint8Array(16).map((_, i) => 0xa0 + i);
    const { b, maAt } = build(2, [18, 7, 0x68, 0x65, 0x6c, 0x6c, 0x6f], true);
    b.set(requestAuth, 4);
    b.set(nodeHmac(b), maAt);
    b.set(nodeMd5(b, Buffer.from(secret)), 4); // b still holds the request authenticator in 4..19 here
    const p = packet(b);
    expect(messageAuthenticatorValid(p, requestAuth, encodeSecret(secret))).toBe(true);
    expect(messageAuthenticatorValid(p, p.authenticator, encodeSecret(secret))).toBe(false);
    expect(responseAuthenticatorValid(p, requestAuth, encodeSecret(secret))).toBe(true);
  });

  test('an Access-Request Message-Authenticator uses its own Request Authenticator', () => {
    const { b, maAt } = build(1, [1, 7, 0x61, 0x6c, 0x69, 0x63, 0x65], true);
    b.set(new Uint8Array(16).fill(7), 4);
    b.set(nodeHmac(b), maAt);
    const p = packet(b);
    expect(messageAuthenticatorValid(p, p.authenticator, encodeSecret(secret))).toBe(true);
    expect(messageAuthenticatorValid(p, p.authenticator, encodeSecret('other'))).toBe(false);
  });
});
