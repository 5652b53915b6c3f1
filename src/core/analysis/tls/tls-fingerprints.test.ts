// JA3/JA3S (salesforce/ja3 README vectors, protocol-facts.md 5.1) and JA4 (FoxIO JA4.md worked example and
// hash vectors, protocol-facts.md 5.2; JA4.md's ALPN rules), on hand-built hellos.

import { describe, expect, test } from 'vitest';
import { decodeClientHello, decodeServerHello } from '../../dissect/tls-hello.ts';
import { hash12, ja4, ja4Alpn } from './ja4.ts';
import { ja3, ja3s, md5Hex } from './tls-fingerprints.ts';
import { alpnExt, clientHelloBody, ext, serverHelloBody, sniExt, u16ListExt } from './tls-test-bytes.ts';

const hello = (spec: Parameters<typeof clientHelloBody>[0]) => {
  const b = Uint8Array.from(clientHelloBody(spec));
  return decodeClientHello(b, 0, b.length, []);
};

describe('JA3', () => {
  test('README vectors', () => {
    expect(md5Hex('769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0')).toBe('ada70206e40642a3e4461f35503241d5');
    expect(md5Hex('769,4-5-10-9-100-98-3-6-19-18-99,,,')).toBe('de350869b8c85de67a350c8d186f11e6');
  });

  test('string from a hello: decimal, wire order, GREASE out, empty fields kept', () => {
    const h = hello({
      version: 0x0301,
      ciphers: [0x0a0a, 47, 53, 5, 10, 49161, 49162, 49171, 49172, 50, 56, 19, 4],
      extensions: [ext(0x2a2a, []), sniExt('a.example'), u16ListExt(10, [0x3a3a, 23, 24, 25]), ext(11, [1, 0])],
    });
    expect(ja3(h)).toEqual({ full: '769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0', hash: 'ada70206e40642a3e4461f35503241d5' });
    expect(ja3(hello({ version: 0x0301, ciphers: [4, 5, 10, 9, 100, 98, 3, 6, 19, 18, 99] }))?.full).toBe('769,4-5-10-9-100-98-3-6-19-18-99,,,');
  });

  test('the tls12.pcap ClientHello of FoxIO (protocol-facts 5.2) gives the well-known Firefox JA3', () => {
    const s = '771,4865-4867-4866-49195-49199-52393-52392-49196-49200-49162-49161-49171-49172-156-157-47-53,0-23-65281-10-11-35-16-5-34-51-43-13-45-28-21,29-23-24-25-256-257,0';
    expect(md5Hex(s)).toBe('579ccef312d18482fc42e2b822ca2430');
  });

  test('JA3S: version, cipher, extensions; none without a cipher', () => {
    const b = Uint8Array.from(serverHelloBody({ cipher: 49195, extensions: [ext(0, []), ext(0xff01, [0]), u16ListExt(11, [])] }));
    const sh = decodeServerHello(b, 0, b.length, []);
    expect(ja3s(sh)?.full).toBe('771,49195,0-65281-11');
    expect(ja3s(decodeServerHello(new Uint8Array(3), 0, 3, []))).toBeNull();
  });
});

describe('JA4', () => {
  test('hash vectors of JA4.md (protocol-facts 5.2)', () => {
    expect(hash12('002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9')).toBe('8daaf6152771');
    expect(hash12('0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_0403,0804,0401,0503,0805,0501,0806,0601')).toBe('e5627efa2ab1');
    expect(hash12('0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01')).toBe('6d807ffa2a79');
    expect(hash12('1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035')).toBe('acb858a92679');
  });

  test('the JA4.md worked example, with GREASE sprinkled in', () => {
    const plain = (t: number) => ext(t, []);
    const h = hello({
      ciphers: [0x1a1a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035],
      extensions: [
        plain(0x0a0a),
        plain(0x001b),
        sniExt('example.com'),
        ext(0x0033, []),
        alpnExt(['h2', 'http/1.1']),
        plain(0x4469),
        plain(0x0017),
        plain(0x002d),
        u16ListExt(0x000d, [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601]),
        plain(0x0005),
        plain(0x0023),
        plain(0x0012),
        u16ListExt(0x002b, [0x5a5a, 0x0304, 0x0303], 1),
        plain(0xff01),
        plain(0x000b),
        plain(0x000a),
        plain(0x0015),
        plain(0xfafa),
      ],
    });
    expect(ja4(h)).toEqual({
      ja4: 't13d1516h2_8daaf6152771_e5627efa2ab1',
      raw: 't13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_0403,0804,0401,0503,0805,0501,0806,0601',
    });
  });

  test('version: highest non-GREASE supported_versions, else legacy_version; unknown is 00', () => {
    expect(ja4(hello({ version: 0x0301, ciphers: [0x2f] })).ja4).toBe(`t10i010000_${hash12('002f')}_000000000000`);
    expect(ja4(hello({ ciphers: [0x2f], extensions: [u16ListExt(0x2b, [0xcaca, 0x7f12, 0x0303], 1)] })).ja4.slice(0, 4)).toBe('t00i');
    expect(ja4(hello({ version: 0x0300, ciphers: [] })).ja4).toBe('ts3i000000_000000000000_000000000000');
  });

  test('no signature algorithms: no underscore in c; counts cap at 99', () => {
    const h = hello({ ciphers: Array.from({ length: 120 }, (_, i) => i + 1), extensions: [ext(0x0017, [])] });
    const j = ja4(h);
    expect(j.ja4.slice(0, 10)).toBe('t12i990100');
    expect(j.raw.endsWith('_0017')).toBe(true);
    expect(j.ja4.endsWith(hash12('0017'))).toBe(true);
  });

  test('ALPN as JA4.md says (not the 99 of ja4.py)', () => {
    const b = (...x: number[]) => Uint8Array.from(x);
    expect(ja4Alpn(null)).toBe('00');
    expect(ja4Alpn(b())).toBe('00');
    expect(ja4Alpn(b(0x68, 0x32))).toBe('h2');
    expect(ja4Alpn(Uint8Array.from('http/1.1', (c) => c.charCodeAt(0)))).toBe('h1');
    expect(ja4Alpn(b(0x61))).toBe('aa');
    expect(ja4Alpn(b(0x48, 0x32))).toBe('H2');
    expect(ja4Alpn(b(0xab))).toBe('ab');
    expect(ja4Alpn(b(0xab, 0xcd))).toBe('ad');
    expect(ja4Alpn(b(0x30, 0xab))).toBe('3b');
    expect(ja4Alpn(b(0x30, 0x31, 0xab, 0xcd))).toBe('3d');
    expect(ja4Alpn(b(0x30, 0xab, 0xcd, 0x31))).toBe('01');
  });

  test('signature algorithms come from 000d only, never from signature_algorithms_cert (0032)', () => {
    const h = hello({ ciphers: [0x1301], extensions: [u16ListExt(0x000d, [0x0403]), u16ListExt(0x0032, [0x0804])] });
    expect(ja4(h).raw).toBe('t12i010200_1301_000d,0032_0403');
  });
});
