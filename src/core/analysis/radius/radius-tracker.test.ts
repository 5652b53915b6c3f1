// The tracker's pairing rules on small synthetic exchanges, each checked against the rule it comes from
// (Wireshark packet-radius.c, protocol-facts.md section 3.3), plus secrets on the RFC 2865 section 7.1 vector.

import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { Packet, Proto } from '../../dissect/packet.ts';
import { newRawFrame } from '../../formats/raw-frame.ts';
import { radiusInfoText, radiusRecord } from './radius-record.ts';
import { RadiusTracker, type RadiusVisit } from './radius-tracker.ts';
import type { RadiusTrackerOptions } from './radius-types.ts';

function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  return Uint8Array.from({ length: clean.length / 2 }, (_, i) => parseInt(clean.slice(2 * i, 2 * i + 2), 16));
}

function radius(code: number, id: number, authFill: number, attrs: number[] = []): Uint8Array {
  const len = 20 + attrs.length;
  return new Uint8Array([code, id, len >> 8, len & 255, ...new Uint8Array(16).fill(authFill), ...attrs]);
}

interface Dgram {
  t: number;
  src: string;
  sport: number;
  dst: string;
  dport: number;
  payload: Uint8Array;
}

function visit(frame: number, d: Dgram): RadiusVisit {
  const p = new Packet();
  p.reset(frame, 1);
  p.proto = Proto.UDP;
  p.ipVersion = 4;
  p.ipBuf = new Uint8Array([...d.src.split('.').map(Number), ...d.dst.split('.').map(Number)]);
  p.ipSrcAt = 0;
  p.ipDstAt = 4;
  p.srcPort = d.sport;
  p.dstPort = d.dport;
  p.udpLength = d.payload.length + 8;
  p.payload = d.payload;
  p.payloadAt = 0;
  p.payloadLen = d.payload.length;
  const raw = newRawFrame();
  raw.number = frame;
  raw.hasTime = true;
  raw.sec = Math.floor(d.t);
  raw.nsec = Math.round((d.t - raw.sec) * 1e9);
  return { raw, packet: p };
}

function run(dgrams: Dgram[], opts: RadiusTrackerOptions = {}): RadiusTracker {
  const tr = new RadiusTracker(opts);
  dgrams.forEach((d, i) => tr.onUdp(visit(i + 1, d)));
  tr.finish();
  return tr;
}

const NAS = '10.0.0.1';
const SRV = '10.0.0.2';
const req = (t: number, payload: Uint8Array, sport = 40000, dport = 1812): Dgram => ({ t, src: NAS, sport, dst: SRV, dport, payload });
const rsp = (t: number, payload: Uint8Array, dport = 40000, sport = 1812, src = SRV): Dgram => ({ t, src, sport, dst: NAS, dport, payload });
const rec = (tr: RadiusTracker, n: number) => {
  const i = tr.infoForFrame(n);
  return i === undefined ? undefined : radiusRecord(i);
};

describe('RadiusTracker pairing (Wireshark packet-radius.c)', () => {
  test('retransmissions are duplicates of the first copy; the answer pairs with it and times from it', () => {
    const tr = run([req(100, radius(1, 7, 0xaa)), req(105, radius(1, 7, 0xaa)), req(110, radius(1, 7, 0xaa)), rsp(111.5, radius(2, 7, 0x11))]);
    expect(rec(tr, 1)).toEqual({ code: 1, id: 7, reqFrame: null, rspFrame: 4, dup: null, time: null });
    expect(rec(tr, 2)).toEqual({ code: 1, id: 7, reqFrame: null, rspFrame: 4, dup: 1, time: null });
    expect(rec(tr, 3)).toEqual({ code: 1, id: 7, reqFrame: null, rspFrame: 4, dup: 1, time: null });
    expect(rec(tr, 4)).toEqual({ code: 2, id: 7, reqFrame: 1, rspFrame: null, dup: null, time: 11.5 });
    expect(tr.infoForFrame(4)).toMatchObject({ lastCopy: 3, timeFromLastCopy: 1.5, transaction: 0 });
    expect([1, 2, 4].map((n) => radiusInfoText(tr.infoForFrame(n)!))).toEqual(['Access-Request id=7', 'Access-Request id=7, Duplicate Request', 'Access-Accept id=7']);
    expect(tr.infoForFrame(3)!.sinceFirstCopy).toBe(10);
    expect(tr.transactions()).toMatchObject([{ requestFrame: 1, duplicateFrames: [2, 3], duplicateOffsets: [5, 10], duplicates: 2, responseFrames: [4], rspFrame: 4, rspCode: 2, time: 11.5 }]);
    expect(tr.finish()).toMatchObject({ packets: 4, requests: 3, responses: 1, duplicateRequests: 2, transactions: 1, unanswered: 0 });
  });

  test('a reused Identifier with another authenticator is a new request', () => {
    const tr = run([req(1, radius(1, 7, 0xaa)), req(2, radius(1, 7, 0xbb)), rsp(3, radius(3, 7, 0))]);
    expect(rec(tr, 2)!.dup).toBeNull();
    expect(rec(tr, 1)!.rspFrame).toBeNull();
    expect(rec(tr, 3)!.reqFrame).toBe(2);
    expect(tr.unanswered().map((t) => t.requestFrame)).toEqual([1]);
  });

  test('a second answer with the same code is a duplicate response; a different code is not', () => {
    const tr = run([req(1, radius(1, 9, 1)), rsp(2, radius(11, 9, 0)), rsp(3, radius(11, 9, 0)), rsp(4, radius(2, 9, 0)), rsp(5, radius(2, 9, 0))]);
    expect([2, 3, 4, 5].map((n) => tr.infoForFrame(n)!.rspDup)).toEqual([null, 2, null, 2]);
    expect([2, 3, 4, 5].map((n) => tr.infoForFrame(n)!.reqFrame)).toEqual([1, 1, 1, 1]);
    expect(rec(tr, 1)!.rspFrame).toBe(2);
    expect(tr.finish().duplicateResponses).toBe(2);
  });

  test('an Access-Challenge answers the request', () => {
    const tr = run([req(1, radius(1, 1, 1)), rsp(2, radius(11, 1, 0))]);
    expect(tr.unanswered()).toEqual([]);
    expect(tr.transactions()[0]).toMatchObject({ rspCode: 11, rspCodeName: 'Access-Challenge' });
  });

  test('the server address is wildcarded, the NAS port and the server port are not', () => {
    const tr = run([
      req(1, radius(1, 1, 1)),
      rsp(2, radius(2, 1, 0), 40000, 1812, '192.0.2.99'), // answer from another address: pairs
      req(3, radius(1, 2, 2)),
      rsp(4, radius(2, 2, 0), 40001), // to another NAS port: no request
      rsp(5, radius(2, 2, 0), 40000, 1645), // from another server port: no request
    ]);
    expect(rec(tr, 2)!.reqFrame).toBe(1);
    expect(rec(tr, 4)!.reqFrame).toBeNull();
    expect(rec(tr, 5)!.reqFrame).toBeNull();
    expect(tr.finish().responsesWithoutRequest).toBe(2);
  });

  test('codes pair only with their own class (Accounting-Response does not answer an Access-Request)', () => {
    const tr = run([req(1, radius(1, 4, 1)), rsp(2, radius(5, 4, 0)), req(3, radius(4, 4, 1)), rsp(4, radius(5, 4, 0))]);
    expect(rec(tr, 2)!.reqFrame).toBeNull();
    expect(rec(tr, 4)!.reqFrame).toBe(3);
    expect(rec(tr, 3)!.dup).toBeNull(); // same id and authenticator, other code class
  });

  test('an answer before any request pairs with nothing; a request after its answer keeps its own', () => {
    const tr = run([rsp(1, radius(2, 3, 0)), req(2, radius(1, 3, 1))]);
    expect(rec(tr, 1)!.reqFrame).toBeNull();
    expect(rec(tr, 2)!.rspFrame).toBeNull();
  });

  test('non-RADIUS datagrams on RADIUS ports and non-UDP frames give null', () => {
    const tr = new RadiusTracker();
    expect(tr.onUdp(visit(1, req(1, hex('3a0000200000'))))).toBeNull(); // code 58
    const v = visit(2, req(1, radius(1, 1, 1)));
    v.packet.proto = Proto.TCP;
    expect(tr.onUdp(v)).toBeNull();
    expect(tr.finish().packets).toBe(0);
  });
});

describe('RADIUS on other ports (request/response heuristic)', () => {
  const attrs = [1, 6, 0x61, 0x6c, 0x69, 0x63]; // User-Name "alic"
  test('a request is recognised once its answer comes back, and the port is learned', () => {
    const tr = new RadiusTracker();
    expect(tr.onUdp(visit(1, req(1, radius(1, 5, 1, attrs), 40000, 11812)))).toBeNull();
    expect(tr.onUdp(visit(2, req(2, radius(1, 5, 1, attrs), 40000, 11812)))).toBeNull();
    const a = tr.onUdp(visit(3, rsp(3, radius(2, 5, 0), 40000, 11812)));
    expect(a).toMatchObject({ reqFrame: 1, heuristic: true, time: 2 });
    expect(tr.infoForFrame(1)).toMatchObject({ rspFrame: 3, heuristic: true, attrs: { userName: 'alic' } });
    expect(tr.infoForFrame(2)).toMatchObject({ dup: 1, rspFrame: 3 });
    expect(tr.onUdp(visit(4, req(4, radius(1, 6, 2), 40002, 11812)))).toMatchObject({ code: 1, heuristic: true });
    expect(tr.finish().learnedPorts).toEqual([11812]);
  });

  test('no answer, an unrelated answer, or a non-tiling payload: nothing is RADIUS', () => {
    const tr = run([
      req(1, radius(1, 5, 1, attrs), 40000, 5000),
      rsp(2, radius(2, 6, 0), 40000, 5000), // other id
      rsp(3, radius(2, 5, 0), 40001, 5000), // other NAS port
      req(4, radius(1, 5, 1, [1, 9, 0x61]), 40000, 6000), // attribute runs past Length
      rsp(5, radius(2, 5, 0), 40000, 6000),
    ]);
    expect(tr.frames()).toEqual([]);
  });

  test('heuristics can be turned off, and explicit ports are RADIUS ports', () => {
    expect(run([req(1, radius(1, 5, 1), 40000, 5000), rsp(2, radius(2, 5, 0), 40000, 5000)], { heuristics: false }).frames()).toEqual([]);
    const tr = run([req(1, radius(1, 5, 1), 40000, 5000)], { ports: [5000] });
    expect(tr.infoForFrame(1)).toMatchObject({ heuristic: false, rspFrame: null });
  });
});

describe('secrets (RFC 2865 section 7.1: secret xyzzy5461)', () => {
  const REQUEST = hex(`01 00 00 38 0f 40 3f 94 73 97 80 57 bd 83 d5 cb 98 f4 22 7a 01 06 6e 65 6d 6f
    02 12 0d be 70 8d 93 d4 13 ce 31 96 e4 3f 78 2a 0a ee 04 06 c0 a8 01 10 05 06 00 00 00 03`);
  const ACCEPT = hex(`02 00 00 26 86 fe 22 0e 76 24 ba 2a 10 05 f6 bf 9b 55 e0 b2 06 06 00 00 00 01
    0f 06 00 00 00 00 0e 06 c0 a8 01 03`);
  const exchange = [req(1, REQUEST), rsp(1.1, ACCEPT)];

  test('the right secret is named by index for the request (password) and the response (authenticator)', () => {
    const tr = run(exchange, { secrets: ['wrong', 'xyzzy5461'] });
    expect(tr.infoForFrame(1)!.secrets).toEqual({ checks: [{ kind: 'user-password', valid: [false, true] }], secretIndex: 1 });
    expect(tr.infoForFrame(2)!.secrets).toEqual({ checks: [{ kind: 'response-authenticator', valid: [false, true] }], secretIndex: 1 });
    expect(JSON.stringify(tr.frames())).not.toContain('arctangent');
  });

  test('no secret fits: index -1; no secrets given: null; the password only on request', () => {
    const none = run(exchange, { secrets: ['wrong'] });
    expect(none.infoForFrame(1)!.secrets!.secretIndex).toBe(-1);
    expect(none.infoForFrame(2)!.secrets!.secretIndex).toBe(-1);
    expect(run(exchange).infoForFrame(1)!.secrets).toBeNull();
    const reveal = run(exchange, { secrets: ['xyzzy5461'], revealPasswords: true });
    expect(reveal.infoForFrame(1)!.secrets!.password).toBe('arctangent');
  });

  test('accounting: the Request Authenticator and the Response Authenticator (built with Node MD5, RFC 2866 section 3)', () => {
    const md5 = (...parts: Uint8Array[]) => new Uint8Array(createHash('md5').update(Buffer.concat(parts)).digest());
    const secret = Buffer.from('s3cret');
    const request = radius(4, 3, 0, [40, 6, 0, 0, 0, 1]); // Acct-Status-Type Start, zero authenticator
    request.set(md5(request, secret), 4);
    const response = radius(5, 3, 0);
    response.set(request.subarray(4, 20), 4);
    response.set(md5(response, secret), 4);
    const tr = run([req(1, request, 40000, 1813), rsp(2, response, 40000, 1813)], { secrets: ['other', 's3cret'] });
    expect(tr.infoForFrame(1)!.secrets).toEqual({ checks: [{ kind: 'request-authenticator', valid: [false, true] }], secretIndex: 1 });
    expect(tr.infoForFrame(2)!.secrets).toEqual({ checks: [{ kind: 'response-authenticator', valid: [false, true] }], secretIndex: 1 });
    expect(tr.infoForFrame(1)!.attrs.acctStatusType).toBe(1);
  });
});
