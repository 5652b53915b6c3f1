// Hello decoders, the certificate message and X.509 names, on hand-built bytes: the fields of RFC 8446 4.1.2 /
// 4.1.3, the HelloRetryRequest random, the draft-18 ServerHello layout (arkime tls13.pcap frame 6 has version
// 0x7f12), the SSL 2.0 CLIENT-HELLO (zeek ssl-v2.pcap frame 4) and hostile lengths that must give problems,
// never exceptions.

import { describe, expect, test } from 'vitest';
import { alpnExt, clientHelloBody, ext, handshake, keyShareExt, serverHelloBody, sniExt, u16b, u24b, u16ListExt, vec16 } from '../analysis/tls/tls-test-bytes.ts';
import { decodeCertificateMessage } from './tls-certificate.ts';
import { HRR_RANDOM } from './tls-constants.ts';
import { decodeClientHello, decodeServerHello, decodeSsl2ClientHello, scanServerHelloVersion, type TlsDecodeProblem } from './tls-hello.ts';
import { decodeX509Names } from './x509-name.ts';

const bytes = (a: number[]) => Uint8Array.from(a);

describe('ClientHello', () => {
  test('all the fields radscope reads', () => {
    const b = bytes(
      clientHelloBody({
        sessionId: new Array(32).fill(7),
        ciphers: [0x1301, 0xc02f],
        extensions: [
          sniExt('login.microsoftonline.com'),
          alpnExt(['h2', 'http/1.1']),
          u16ListExt(0x000a, [0x001d, 0x11ec]),
          ext(0x000b, [1, 0]),
          u16ListExt(0x000d, [0x0403, 0x0804]),
          u16ListExt(0x002b, [0x0a0a, 0x0304, 0x0303], 1),
          keyShareExt([[0x11ec, 1216], [0x001d, 32]]),
        ],
      }),
    );
    const problems: TlsDecodeProblem[] = [];
    const h = decodeClientHello(b, 0, b.length, problems);
    expect(problems).toEqual([]);
    expect(h).toMatchObject({
      legacyVersion: 0x0303,
      cipherSuites: [0x1301, 0xc02f],
      compressionMethods: [0],
      extensions: [0, 16, 10, 11, 13, 43, 51],
      sni: 'login.microsoftonline.com',
      alpn: ['h2', 'http/1.1'],
      supportedGroups: [0x1d, 0x11ec],
      ecPointFormats: [0],
      signatureAlgorithms: [0x0403, 0x0804],
      supportedVersions: [0x0a0a, 0x0304, 0x0303],
      keyShareGroups: [0x11ec, 0x1d],
      truncated: false,
    });
    expect(h.sessionId).toBe('07'.repeat(32));
  });

  test('SSL 3.0 style: no extensions field at all', () => {
    const b = bytes(clientHelloBody({ version: 0x0300, ciphers: [0x0004] }));
    const problems: TlsDecodeProblem[] = [];
    expect(decodeClientHello(b, 0, b.length, problems).extensions).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('hostile lengths give problems and what could be read, never an exception', () => {
    const good = clientHelloBody({ ciphers: [0x1301, 0x1302], extensions: [sniExt('a.example'), alpnExt(['h2'])] });
    // every truncation of a good hello
    const noExtensions = clientHelloBody({ ciphers: [0x1301, 0x1302] }).length; // a valid hello without extensions
    for (let n = 0; n < good.length; n++) {
      if (n === noExtensions) continue;
      const problems: TlsDecodeProblem[] = [];
      const h = decodeClientHello(bytes(good), 0, n, problems);
      expect(h.truncated || problems.length > 0, `cut at ${n}`).toBe(true);
    }
    // extension lengths past the end
    const p1: TlsDecodeProblem[] = [];
    const over = bytes([...clientHelloBody({ ciphers: [0x1301] }), ...u16b(40), ...u16b(0), ...u16b(0xffff), 1, 2, 3]);
    const h1 = decodeClientHello(over, 0, over.length, p1);
    expect(h1.truncated).toBe(true);
    expect(p1.map((p) => p.message).join(' ')).toMatch(/runs past/);
    // an SNI whose name length overruns its list, and an odd cipher suites length
    const p2: TlsDecodeProblem[] = [];
    const sni = bytes(clientHelloBody({ ciphers: [0x1301], extensions: [ext(0, [...u16b(5), 0, ...u16b(200), 0x61, 0x62])] }));
    expect(decodeClientHello(sni, 0, sni.length, p2).sni).toBeNull();
    expect(p2.length).toBeGreaterThan(0);
    const odd = bytes([...u16b(0x0303), ...new Array(32).fill(0), 0, ...u16b(3), 0x13, 0x01, 0x13, 1, 0]);
    const p3: TlsDecodeProblem[] = [];
    decodeClientHello(odd, 0, odd.length, p3);
    expect(p3.some((p) => /odd/.test(p.message))).toBe(true);
  });

  test('SSL 2.0 CLIENT-HELLO (RFC 5246 E.2 layout)', () => {
    // version 0x0002, 2 cipher specs, no session id, 16-byte challenge
    const body = [...u16b(0x0002), ...u16b(6), ...u16b(0), ...u16b(16), 0x01, 0x00, 0x80, 0x07, 0x00, 0xc0, ...new Array(16).fill(9)];
    const h = decodeSsl2ClientHello(bytes(body), 0, body.length, []);
    expect(h).toMatchObject({ ssl2: true, legacyVersion: 2, ssl2CipherSpecs: [0x010080, 0x0700c0], cipherSuites: [], random: '09'.repeat(16) });
  });
});

describe('ServerHello', () => {
  test('TLS 1.3: supported_versions and key_share; HRR by its random', () => {
    const b = bytes(serverHelloBody({ cipher: 0x1302, extensions: [u16ListExt(0x002b, []).slice(0, 2).concat(u16b(2), u16b(0x0304)), ext(0x0033, [...u16b(0x001d), ...vec16([1, 2])])] }));
    const sh = decodeServerHello(b, 0, b.length, []);
    expect(sh).toMatchObject({ legacyVersion: 0x0303, cipherSuite: 0x1302, compressionMethod: 0, extensions: [43, 51], selectedVersion: 0x0304, keyShareGroup: 0x1d, helloRetryRequest: false });
    expect(scanServerHelloVersion(b, 0, b.length)).toEqual({ version: 0x0304, hrr: false });
    const hrr = bytes(serverHelloBody({ cipher: 0x1302, random: [...HRR_RANDOM], extensions: [ext(0x002b, u16b(0x0304)), ext(0x0033, u16b(0x0017))] }));
    expect(decodeServerHello(hrr, 0, hrr.length, []).helloRetryRequest).toBe(true);
    expect(scanServerHelloVersion(hrr, 0, hrr.length)).toEqual({ version: 0x0304, hrr: true });
  });

  test('TLS 1.3 draft 18 layout: no session id, no compression (tshark JA3S "32530,4865,40")', () => {
    const b = bytes([...u16b(0x7f12), ...new Array(32).fill(1), ...u16b(0x1301), ...vec16(ext(40, [0, 0]))]);
    const sh = decodeServerHello(b, 0, b.length, []);
    expect(sh).toMatchObject({ legacyVersion: 0x7f12, cipherSuite: 0x1301, compressionMethod: -1, extensions: [40] });
  });

  test('ALPN selected; cut-short hellos are problems', () => {
    const b = bytes(serverHelloBody({ cipher: 0xc02f, extensions: [alpnExt(['http/1.1'])] }));
    expect(decodeServerHello(b, 0, b.length, []).alpn).toBe('http/1.1');
    const problems: TlsDecodeProblem[] = [];
    expect(decodeServerHello(b, 0, 20, problems).truncated).toBe(true);
    expect(problems.length).toBe(1);
  });
});

// --- DER for the certificate tests (X.690) ---
const tlv = (tag: number, body: number[]): number[] => {
  const n = body.length;
  const len = n < 128 ? [n] : n < 256 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return [tag, ...len, ...body];
};
const seq = (...parts: number[][]) => tlv(0x30, parts.flat());
const oid = (...arcs: number[]) => {
  const out = [arcs[0]! * 40 + arcs[1]!];
  for (const a of arcs.slice(2)) {
    const b: number[] = [];
    let v = a;
    b.unshift(v & 0x7f);
    while ((v >>= 7) > 0) b.unshift(0x80 | (v & 0x7f));
    out.push(...b);
  }
  return tlv(0x06, out);
};
const printable = (s: string) => tlv(0x13, Array.from(s, (c) => c.charCodeAt(0)));
const utf8 = (s: string) => tlv(0x0c, [...new TextEncoder().encode(s)]);
const rdn = (o: number[], v: number[]) => tlv(0x31, seq(o, v));
const name = (...rdns: number[][]) => seq(...rdns);
const CN = [2, 5, 4, 3];
const O = [2, 5, 4, 10];
const C = [2, 5, 4, 6];

function certificate(issuer: number[], subject: number[]): number[] {
  const tbs = seq(tlv(0xa0, tlv(0x02, [2])), tlv(0x02, [1]), seq(oid(1, 2, 840, 113549, 1, 1, 11)), issuer, seq(tlv(0x17, [0x30]), tlv(0x17, [0x30])), subject, seq());
  return seq(tbs, seq(oid(1, 2, 840, 113549, 1, 1, 11)), tlv(0x03, [0]));
}

describe('Certificate and X.509 names', () => {
  const ca = name(rdn(oid(...C), printable('US')), rdn(oid(...O), printable('Corp Security')), rdn(oid(...CN), utf8('CorpFW TLS Inspection CA')));
  const leaf = certificate(ca, name(rdn(oid(...CN), utf8('login.microsoftonline.com'))));
  const root = certificate(ca, ca);

  test('subject and issuer in OpenSSL one-line form (the lab truth form)', () => {
    expect(decodeX509Names(bytes(leaf), 0, leaf.length)).toEqual({ subject: 'CN = login.microsoftonline.com', issuer: 'C = US, O = Corp Security, CN = CorpFW TLS Inspection CA' });
  });

  test('the chain of a TLS 1.2 Certificate message, leaf first', () => {
    const body = bytes([...u24b(leaf.length + root.length + 6), ...u24b(leaf.length), ...leaf, ...u24b(root.length), ...root]);
    const chain = decodeCertificateMessage(body, 0, body.length, false, true, []);
    expect(chain.count).toBe(2);
    expect(chain.chain.map((c) => c.subject)).toEqual(['CN = login.microsoftonline.com', 'C = US, O = Corp Security, CN = CorpFW TLS Inspection CA']);
  });

  test('bad DER and overrunning lengths: null and problems, no exception', () => {
    for (let n = 0; n < leaf.length; n += 7) expect(decodeX509Names(bytes(leaf), 0, n)).toBeNull();
    expect(decodeX509Names(bytes([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]), 0, 6)).toBeNull();
    const problems: TlsDecodeProblem[] = [];
    const body = bytes([...u24b(0xffffff), ...u24b(leaf.length + 10), ...leaf]);
    expect(decodeCertificateMessage(body, 0, body.length, false, true, problems).chain).toEqual([]);
    expect(problems.length).toBeGreaterThan(0);
    expect(handshake(11, []).length).toBe(4);
  });
});
