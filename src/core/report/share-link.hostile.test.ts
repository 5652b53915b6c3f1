// A share link is untrusted input (issue "Share a report by link"): random text, a damaged link, a link
// from another version, an oversized one, a zip bomb, a well-formed link with hostile strings or indexes
// pointing nowhere. Each gives an error result with a code and a sentence (or, for hostile strings, the
// same plain, bounded strings); nothing throws, nothing unvalidated comes back. The links here are made by
// hand from a minimal wire form, so the file needs no corpus.

import { Readable } from 'node:stream';
import { createInflateRaw, deflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { nodeDeflateRaw } from '../../cli/share-link.ts';
import type { Report } from './schema.ts';
import { decodeShareLink, encodeShareLink, isShareLink, type ShareDecodeResult, type ShareErrorCode } from './share-link.ts';
import { fromBase64Url, readAtMost, toBase64Url, webDeflateRaw, type DeflateRaw } from './share-link-bytes.ts';
import { SHARE_LIMITS } from './share-link-schema.ts';

/** A link of any JSON value, as an encoder would make it. */
function link(value: unknown, version = 1): string {
  return `#r=${version}.${toBase64Url(deflateRawSync(Buffer.from(typeof value === 'string' ? value : JSON.stringify(value))))}`;
}

/** A small valid wire form: one unanswered request, one finding, the verdict. */
function wire() {
  return {
    g: 'radscope 0.1.0',
    c: { f: 0, fr: 60, lt: [1], b: 6000, s: '1795652688.481379000', d: 30917884 },
    A: ['10.61.10.20', '10.61.10.10', '172.30.64.40'],
    h: [
      [0, [], [0]],
      [1, [], [1]],
      [2, ['login.microsoftonline.com'], [2]],
    ],
    t: [{ n: 0, np: 60664, s: 1, sp: 1812, i: 241, c: 1, cn: 'Access-Request', u: 'alice@corp.example', r: [[9, 3110455, 28], [34, 5004456, 16]], st: 1, w: [3110455, 20125319, 18125319], at: [0], lk: [], v: { f: 0 } }],
    a: [{ k: 0, st: 0, c: [1, 52892], sv: 2, p: 443, cf: 0, o: 'clienthello-unanswered', tg: 'login.microsoftonline.com', e: 1, tx: 0, fi: 'tls.clienthello.unanswered', ev: [[16, 3117779, 4], [1, 72, 6], [1, 26, 8], [1, 467, 14], [1, 204468, 17]] }],
    l: [],
    f: [{ id: 'tls.clienthello.unanswered', su: 'The ClientHello was never answered.', fr: [9, 7, 1, 1, 1, 1, 1], tx: [0], at: [0], cf: 1, rm: { r: 'allow', x: 1, s: '10.61.10.10', t: 'login.microsoftonline.com', ta: '172.30.64.40', p: 443, cl: 0 } }],
    v: { f: 0 },
  };
}

async function decode(text: string, codec: DeflateRaw = nodeDeflateRaw): Promise<ShareDecodeResult> {
  // never throws: a rejection here fails the test
  return decodeShareLink(text, codec);
}

async function expectError(text: string, code: ShareErrorCode, message?: RegExp, codec?: DeflateRaw) {
  const r = await decode(text, codec);
  expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe(code);
  expect(r.error.message).toMatch(/^This |^radscope/);
  if (message) expect(r.error.message).toMatch(message);
}

describe('a well-formed link', () => {
  test('decodes to a report with derived labels, intervals, texts and remedy', async () => {
    const r = await decode(`https://example.invalid/app/index.html${link(wire())}`);
    if (!r.ok) throw new Error(r.error.message);
    const a = r.report.attempts[0]!;
    expect(a.events.map((e) => e.label)).toEqual(['SYN', 'SYN/ACK', 'ACK', 'ClientHello (SNI login.microsoftonline.com)', 'Retransmission #1']);
    expect(a.events.map((e) => e.frame)).toEqual([16, 17, 18, 19, 20]);
    expect(a.events[4]!.interval).toBe(0.204468);
    expect(r.report.transactions[0]!.requests[1]).toEqual({ frame: 43, t: 8.114911, label: 'Access-Request again (#1)', kind: 'retransmission', bad: false, interval: 5.004456 });
    expect(r.report.findings[0]!.title).toBe('TLS ClientHello retransmitted, never answered');
    expect(r.report.findings[0]!.remedy!.steps[0]!.commands).toContain('login.microsoftonline.com');
    expect(r.report.verdict).toEqual({ id: 'tls.clienthello.unanswered', severity: 'error', summary: 'The ClientHello was never answered.', frames: [9, 16, 17, 18, 19, 20, 21] });
    expect(r.report.capture.startIso).toBe('2026-11-26T00:24:48.481379000Z');
    expect(isShareLink(link(wire()))).toBe(true);
  });

  test('pasted with spaces around it, among other fragment parameters, or with its "=" percent-encoded', async () => {
    const l = link(wire());
    for (const text of [`  ${l}\n`, `https://example.invalid/#view=timeline&${l.slice(1)}`, l.replace('r=', 'r%3D')]) {
      const r = await decode(text);
      expect(r.ok, text.slice(0, 60)).toBe(true);
    }
  });

  test('unknown keys are dropped, and "__proto__" pollutes nothing', async () => {
    const w = JSON.stringify({ ...wire(), future: { x: 1 } }).replace('{"g"', '{"__proto__":{"polluted":1},"g"');
    const r = await decode(link(w));
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.ok && 'future' in r.report).toBe(false);
  });
});

describe('hostile strings stay plain strings, bounded', () => {
  test('HTML and script in host and user names come back as the same text', async () => {
    const w = wire();
    const evil = '<img src=x onerror="alert(1)">';
    const script = '</script><script>alert(document.cookie)</script>';
    w.h[2] = [2, [evil, 'javascript:alert(1)'], [2]];
    w.t[0]!.u = script;
    w.a[0]!.tg = `${evil}.example`;
    const r = await decode(link(w));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.report.hosts[2]!.names).toEqual([evil, 'javascript:alert(1)']);
    expect(r.report.transactions[0]!.user).toBe(script);
    expect(r.report.attempts[0]!.target).toBe(`${evil}.example`);
    expect(r.report.attempts[0]!.events[3]!.label).toBe(`ClientHello (SNI ${evil}.example)`);
  });

  test('a string over its bound, a control character or a bidi override is refused', async () => {
    const long = wire();
    long.t[0]!.u = 'a'.repeat(SHARE_LIMITS.name + 1);
    await expectError(link(long), 'invalid', /at t\.0\.u, /);
    const ctl = wire();
    ctl.h[2] = [2, ['login\u0000.example'], [2]];
    await expectError(link(ctl), 'invalid', /control character/);
    const bidi = wire();
    bidi.a[0]!.tg = 'moc.tfosorcim\u202e.example';
    await expectError(link(bidi), 'invalid');
  });

  test('the encoder shortens and cleans what the decoder would refuse, and says so', async () => {
    const report: Report = {
      version: 1,
      generator: 'radscope 0.1.0',
      capture: { name: 'x\u0007y.pcap', format: 'pcap', frames: 1, start: null, startIso: null, duration: null, linkTypes: [1], bytes: 1, problems: [] },
      hosts: [{ address: '10.0.0.1', names: ['n'.repeat(5_000)], roles: ['nas'] }],
      transactions: [{ index: 0, nas: '10.0.0.1', nasPort: 1, server: '10.0.0.2', serverPort: 1812, id: 1, code: 1, codeName: 'Access-Request', user: '\u202eevil', requests: [{ frame: 1, t: 0, label: 'Access-Request', kind: 'data', bad: false }], answer: null, status: 'unanswered', window: { start: 0, end: 2, gaveUp: null }, attempts: [], lookups: [], verdict: null }],
      attempts: [],
      lookups: [],
      findings: [],
      verdict: null,
    };
    const enc = await encodeShareLink(report, nodeDeflateRaw);
    if (!enc.ok) throw new Error(enc.error.message);
    const dec = await decode(enc.fragment);
    if (!dec.ok) throw new Error(dec.error.message);
    expect(dec.report.hosts[0]!.names[0]).toHaveLength(SHARE_LIMITS.name);
    expect(dec.report.hosts[0]!.names[0]!.endsWith('…')).toBe(true);
    expect(dec.report.transactions[0]!.user).toBe('\ufffdevil');
    expect(dec.report.capture.name).toBe('x\ufffdy.pcap');
    expect(dec.omitted).toContainEqual({ kind: 'clipped-strings', strings: 1 });
  });
});

describe('bad links give a clear error, never an exception', () => {
  test('not a link', async () => {
    await expectError('', 'not-a-link');
    await expectError('https://example.invalid/#view=timeline', 'not-a-link', /no "#r=" part/);
    await expectError(42 as unknown as string, 'not-a-link');
    expect(isShareLink('https://example.invalid/')).toBe(false);
  });

  test('another version of the share format', async () => {
    await expectError(link(wire(), 2), 'version', /newer radscope \(share format 2\)/);
    await expectError(link(wire(), 0), 'version', /older radscope \(share format 0\)/);
    await expectError('#r=abc', 'corrupt', /no version/);
  });

  test('damaged in copying: cut short, characters that do not belong, random bytes', async () => {
    const good = link(wire());
    await expectError(good.slice(0, good.length - 40), 'corrupt');
    await expectError(good.replace(/.$/, '!'), 'corrupt', /characters that do not belong/);
    await expectError('#r=1.', 'corrupt');
    // random base64url text of random lengths: never a report, never a throw
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < 300; i++) {
      const n = 2 + Math.floor(rnd() * 400);
      let s = '';
      for (let k = 0; k < n; k++) s += alphabet[Math.floor(rnd() * 64)];
      const r = await decode(`#r=1.${s}`);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(['corrupt', 'invalid', 'too-large']).toContain(r.error.code);
    }
    // valid DEFLATE of bytes that are not JSON, and JSON that is not a report
    await expectError(link('\u0000\u0001not json'), 'corrupt', /not a report/);
    await expectError(link([1, 2, 3]), 'invalid');
    await expectError(link({ ...wire(), t: 'many' }), 'invalid', /at t, /);
  });

  test('indexes and frame numbers that point nowhere', async () => {
    const atNowhere = wire();
    atNowhere.t[0]!.at = [5];
    await expectError(link(atNowhere), 'invalid', /an index points outside its table/);
    const addr = wire();
    addr.t[0]!.n = 99;
    await expectError(link(addr), 'invalid', /outside its table/);
    const frame = wire();
    frame.a[0]!.ev[0]![0] = -100;
    await expectError(link(frame), 'invalid', /frame number below 1/);
    const finding = wire();
    (finding.f[0] as { id: string }).id = 'tls.something.new';
    await expectError(link(finding), 'invalid', /at f\.0\.id, /);
  });

  test('a link longer than any radscope link is refused before it is read', async () => {
    let inflated = false;
    const spy: DeflateRaw = { deflate: nodeDeflateRaw.deflate, inflate: () => ((inflated = true), null) };
    await expectError(`https://example.invalid/#r=1.${'A'.repeat(SHARE_LIMITS.fragmentChars)}`, 'too-large', /longer than a radscope link can be/, spy);
    await expectError('#' + 'x'.repeat(10 << 20), 'too-large', undefined, spy);
    expect(inflated).toBe(false);
  });

  test('a zip bomb stops at the limit, with Node\'s codec, the browser codec and a streaming one', async () => {
    // 64 MiB of spaces deflate to ~64 KiB; 8 MiB (within the link's length) is enough to pass the limit
    const bomb = `#r=1.${toBase64Url(deflateRawSync(Buffer.alloc(8 << 20, 0x20), { level: 9 }))}`;
    expect(bomb.length).toBeLessThan(SHARE_LIMITS.fragmentChars);
    await expectError(bomb, 'too-large', /unpacks to more than 1 MiB/);
    await expectError(bomb, 'too-large', /1 MiB/, webDeflateRaw()!);
    let produced = 0;
    const streaming: DeflateRaw = {
      deflate: nodeDeflateRaw.deflate,
      inflate: (b, limit) =>
        readAtMost(
          (async function* () {
            for await (const chunk of Readable.from([b]).pipe(createInflateRaw({ chunkSize: 64 << 10 }))) {
              produced += (chunk as Buffer).length;
              yield chunk as Uint8Array;
            }
          })(),
          limit,
        ),
    };
    await expectError(bomb, 'too-large', undefined, streaming);
    // it stopped soon after the limit, not at 8 MiB
    expect(produced).toBeLessThan(SHARE_LIMITS.inflatedBytes + (256 << 10));
    // deeply nested JSON is no trouble either
    await expectError(link('['.repeat(100_000) + ']'.repeat(100_000)), 'invalid');
  });

  test('a lane as long as a link allows decodes at once; a longer one is refused', async () => {
    const w = wire();
    w.a[0]!.ev = [[16, 3117779, 14], ...Array.from({ length: SHARE_LIMITS.items - 1 }, () => [1, 1, 17])];
    const started = performance.now();
    const r = await decode(link(w));
    expect(performance.now() - started).toBeLessThan(2_000);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.report.attempts[0]!.events.at(-1)!.label).toBe(`Retransmission #${SHARE_LIMITS.items - 1}`);
    w.a[0]!.ev.push([1, 1, 17]);
    await expectError(link(w), 'invalid', /at a\.0\.ev, /);
  });

  test('a codec that throws or rejects is a corrupt link', async () => {
    const throwing: DeflateRaw = { deflate: (b) => b, inflate: () => { throw new Error('boom'); } };
    await expectError(link(wire()), 'corrupt', /does not decompress/, throwing);
    const rejecting: DeflateRaw = { deflate: (b) => b, inflate: () => Promise.reject(new Error('boom')) };
    await expectError(link(wire()), 'corrupt', undefined, rejecting);
  });
});

describe('base64url', () => {
  test('round-trips every length and refuses what is not canonical', () => {
    for (let n = 0; n < 40; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      const s = toBase64Url(b);
      expect(s).toBe(Buffer.from(b).toString('base64url'));
      expect(fromBase64Url(s)).toEqual(b);
    }
    expect(fromBase64Url('A')).toBeNull();
    expect(fromBase64Url('AB')).toBeNull(); // non-zero unused bits
    expect(fromBase64Url('AA=')).toBeNull();
    expect(fromBase64Url('é')).toBeNull();
  });
});
