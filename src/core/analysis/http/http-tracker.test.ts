// Per-connection proxy state for diagnosis: proxy address, CONNECT targets, answers and their frames,
// tunnels, and the per-frame info the CLI shows (on the frame completing each message, as tshark).

import { describe, expect, test } from 'vitest';
import { HttpTracker, endpointText, type HttpFrameInfo } from './http-tracker.ts';

const ascii = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const NPS = '10.61.10.10:36556';
const PROXY = '172.30.64.80:3128';

function tracker() {
  const info: [number, HttpFrameInfo][] = [];
  const tunnelFrames: number[] = [];
  const t = new HttpTracker({ message: (i, frame) => info.push([frame, i]), tunnelData: (_s, _c, _b, frame) => tunnelFrames.push(frame) });
  for (const stream of [0, 1, 2, 3, 5, 9]) t.open(stream, NPS, PROXY);
  const c = (s: string, frame: number, stream = 3) => t.data(stream, true, ascii(s), frame);
  const sv = (s: string, frame: number, stream = 3) => t.data(stream, false, ascii(s), frame);
  return { t, c, sv, info, tunnelFrames };
}

const CONNECT = 'CONNECT login.microsoftonline.com:443 HTTP/1.1\r\nHost: login.microsoftonline.com:443\r\n\r\n';

describe('CONNECT attempts', () => {
  test('407 with challenges, a retry with credentials, 200: two attempts, one tunnel', () => {
    const h = tracker();
    h.c(CONNECT, 66);
    h.sv('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Negotiate\r\nProxy-Authenticate: NTLM\r\nContent-Length: 4\r\n\r\n', 68);
    h.sv('deny', 69);
    h.c(CONNECT.replace('\r\n\r\n', '\r\nProxy-Authorization: NTLM TlRMTVNTUAABAAAAB4II\r\n\r\n'), 70);
    h.sv('HTTP/1.1 200 Connection established\r\n\r\n', 72);
    h.c('\x16\x03\x01', 73);
    const conn = h.t.connection(3)!;
    expect([conn.client, conn.server, conn.proxy]).toEqual(['10.61.10.10:36556', '172.30.64.80:3128', true]);
    expect(conn.connects.map((k) => [k.requestFrame, k.host, k.port, k.credentials, k.status, k.statusFrame, k.statusEndFrame, k.challenges, k.outcome])).toEqual([
      [66, 'login.microsoftonline.com', 443, null, 407, 68, 69, ['Negotiate', 'NTLM'], 'auth-required'],
      [70, 'login.microsoftonline.com', 443, 'NTLM', 200, 72, 72, [], 'established'],
    ]);
    expect(JSON.stringify(conn)).not.toContain('TlRMTVNT');
    expect([conn.tunnel!.frame, h.tunnelFrames]).toEqual([72, [73]]);
    expect(h.info).toEqual([
      [66, { method: 'CONNECT', target: 'login.microsoftonline.com:443', status: null }],
      [69, { method: null, target: null, status: 407 }],
      [70, { method: 'CONNECT', target: 'login.microsoftonline.com:443', status: null }],
      [72, { method: null, target: null, status: 200 }],
    ]);
  });

  test('an answer whose head never ends (within 16 KiB) is a problem of the connection, with its frame', () => {
    const h = tracker();
    h.c(CONNECT, 1);
    h.sv('HTTP/1.1 200 Connection established\r\n' + 'Via: 1.1 proxy\r\n'.repeat(1200), 2);
    const conn = h.t.connection(3)!;
    expect([conn.connects[0]!.outcome, conn.tunnel, conn.problems]).toEqual(['no-answer', null, [{ frame: 2, message: 'no end of the header section within 16384 octets' }]]);
  });

  test('a CONNECT never answered stays "no-answer"; a 403 is "denied"', () => {
    const h = tracker();
    h.c(CONNECT, 1, 0);
    h.c(CONNECT, 2, 1);
    h.sv('HTTP/1.0 403 Filtered\r\n\r\n', 3, 1);
    h.t.end(1, false, 4);
    expect(h.t.connects().map((k) => [k.stream, k.outcome, k.status, k.statusFrame, k.statusEndFrame])).toEqual([
      [0, 'no-answer', null, null, null],
      [1, 'denied', 403, 3, 4],
    ]);
  });
});

describe('plain requests', () => {
  test('absolute-form targets mark a proxy; origin-form ones do not; the client is the requesting side', () => {
    const h = tracker();
    h.c('GET http://crl.microsoft.com/pki/crl/x.crl HTTP/1.1\r\nHost: crl.microsoft.com\r\n\r\n', 36, 2);
    h.sv('HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabc', 51, 2);
    // a connection whose first bytes seen are the server's (label false sends requests here)
    h.t.data(5, false, ascii('GET /index.html HTTP/1.1\r\nHost: a\r\n\r\n'), 80);
    expect(h.t.connection(2)).toMatchObject({ proxy: true, requests: [{ method: 'GET', host: 'crl.microsoft.com', frame: 36, status: 200, statusFrame: 51 }] });
    expect(h.t.connection(5)).toMatchObject({ proxy: false, client: '172.30.64.80:3128', server: '10.61.10.10:36556' });
  });

  test('IPv6 endpoints are bracketed', () => {
    const t = new HttpTracker();
    t.open(0, endpointText('2001:db8::10', 50000), endpointText('2001:db8::80', 8080));
    t.data(0, true, ascii(CONNECT), 1);
    expect(t.connection(0)!.server).toBe('[2001:db8::80]:8080');
  });

  test('streams that are not HTTP leave no record', () => {
    const h = tracker();
    h.c('\x16\x03\x01\x00\x05', 1, 9);
    h.sv('\x16\x03\x03\x00\x05', 2, 9);
    expect(h.t.connections()).toEqual([]);
  });
});
