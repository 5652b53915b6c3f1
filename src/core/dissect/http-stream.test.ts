// HTTP over TCP byte streams: CONNECT and its tunnel (RFC 9110 section 9.3.6), denials and retries on the same
// connection, persistent connections with every kind of body (RFC 9112 section 6.3), heads split anywhere or
// never ending, gaps, and streams that are not HTTP at all.

import { describe, expect, test } from 'vitest';
import { HTTP_MAX_HEAD } from './http-head.ts';
import { HttpStreams, type HttpMessage, type HttpTunnel } from './http-stream.ts';

const ascii = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const text = (b: Uint8Array) => String.fromCharCode(...b);

function harness() {
  const heads: HttpMessage[] = [];
  const done: HttpMessage[] = [];
  const tunnels: HttpTunnel[] = [];
  const tunnelData: { client: boolean; frame: number; offset: number; text: string }[] = [];
  const problems: string[] = [];
  const s = new HttpStreams({
    head: (m) => heads.push(m),
    complete: (m) => done.push(m),
    tunnel: (t) => tunnels.push(t),
    tunnelData: (_stream, fromA, bytes, frame, offset) => tunnelData.push({ client: fromA, frame, offset, text: text(bytes) }),
    problem: (_s, _c, frame, m) => problems.push(`${frame}: ${m}`),
  });
  const c = (b: string, frame: number, stream = 0) => s.data(stream, true, ascii(b), frame);
  const sv = (b: string, frame: number, stream = 0) => s.data(stream, false, ascii(b), frame);
  return { s, c, sv, heads, done, tunnels, tunnelData, problems };
}

// as the lab's proxy-ok capture has them (NPS stand-in -> tinyproxy), frames 66 and 68
const CONNECT = 'CONNECT login.microsoftonline.com:443 HTTP/1.1\r\nHost: login.microsoftonline.com:443\r\nUser-Agent: npslab\r\n\r\n';
const OK = 'HTTP/1.0 200 Connection established\r\nProxy-agent: tinyproxy/1.11.1\r\n\r\n';
const HELLO = '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03';

describe('CONNECT', () => {
  test('split across segments at every point, answered 200: the tunnel starts right after each head', () => {
    for (let cut = 1; cut < CONNECT.length; cut++) {
      const h = harness();
      h.c(CONNECT.slice(0, cut), 66);
      expect(h.heads).toHaveLength(0);
      h.c(CONNECT.slice(cut), 67);
      expect(h.heads.map((m) => [m.head.method, m.head.target, m.firstFrame, m.headFrame, m.endFrame])).toEqual([['CONNECT', 'login.microsoftonline.com:443', 66, 67, 67]]);
      h.sv(OK, 68);
      h.c(HELLO, 70);
      h.sv('\x16\x03\x03\x00\x7a\x02', 71);
      expect(h.tunnels).toHaveLength(1);
      const t = h.tunnels[0]!;
      expect([t.kind, t.frame, t.clientIsA, t.clientOffset, t.serverOffset]).toEqual(['connect', 68, true, CONNECT.length, OK.length]);
      expect(t.response.head.status).toBe(200);
      expect(h.tunnelData.map((d) => [d.client, d.frame, d.offset])).toEqual([[true, 70, CONNECT.length], [false, 71, OK.length]]);
      expect(h.problems).toEqual([]);
    }
  });

  test('tunnel bytes in the same segment as the head, and a ClientHello sent before the answer arrived', () => {
    const h = harness();
    h.c(CONNECT + HELLO, 5); // optimistic client: held until the verdict
    expect(h.tunnelData).toHaveLength(0);
    h.sv(OK + '\x16\x03\x03', 6);
    expect(h.tunnelData).toEqual([
      { client: true, frame: 5, offset: CONNECT.length, text: HELLO },
      { client: false, frame: 6, offset: OK.length, text: '\x16\x03\x03' },
    ]);
  });

  test('407 with Proxy-Authenticate and a body, then a retry with credentials on the same connection, then 200', () => {
    const h = harness();
    h.c(CONNECT, 10);
    const deny = 'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Negotiate\r\nContent-Length: 13\r\n\r\n';
    h.sv(deny + 'access denie', 11);
    h.sv('d', 12); // the body ends in the next segment
    expect(h.done.filter((m) => m.head.kind === 'response').map((m) => [m.head.status, m.headFrame, m.endFrame])).toEqual([[407, 11, 12]]);
    const retry = CONNECT.replace('\r\n\r\n', '\r\nProxy-Authorization: Negotiate TlRMTVNT\r\n\r\n');
    h.c(retry, 13);
    expect(h.heads.filter((m) => m.head.kind === 'request').map((m) => m.headFrame)).toEqual([10, 13]);
    expect(h.heads[0]!.response!.head.status).toBe(407);
    h.sv(OK, 14);
    h.c(HELLO, 15);
    expect(h.tunnels.map((t) => [t.frame, t.request!.headFrame, t.clientOffset])).toEqual([[14, 13, CONNECT.length + retry.length]]);
    expect(h.tunnelData.map((d) => d.frame)).toEqual([15]);
    expect(h.problems).toEqual([]);
  });

  test('403 delimited by the close (tinyproxy): the answer ends with the FIN; no tunnel', () => {
    const h = harness();
    h.c(CONNECT, 18);
    h.sv('HTTP/1.0 403 Filtered\r\nServer: tinyproxy/1.11.1\r\nContent-Type: text/html\r\n', 20);
    h.sv('Connection: close\r\n\r\n<html>Filtered</html>', 22);
    expect(h.done.map((m) => m.head.kind)).toEqual(['request']);
    h.s.end(0, false, 24);
    const r = h.done[1]!;
    expect([r.head.status, r.head.reason, r.firstFrame, r.headFrame, r.endFrame]).toEqual([403, 'Filtered', 20, 22, 24]);
    expect(h.tunnels).toEqual([]);
  });
});

test('a ClientHello sent early, then the CONNECT refused: the held bytes are not HTTP, and say so', () => {
  const h = harness();
  h.c(CONNECT + HELLO, 1);
  h.sv('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n', 2);
  expect([h.tunnels, h.tunnelData]).toEqual([[], []]);
  expect(h.problems).toEqual(['1: expected the start of an HTTP message']);
});

describe('persistent connections', () => {
  test('pipelined requests; HEAD, 204, 304, 100 Continue, Content-Length and chunked bodies', () => {
    const h = harness();
    h.c('HEAD /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\n\r\nPOST /c HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n', 1);
    h.sv('HTTP/1.1 200 OK\r\nContent-Length: 999\r\n\r\n', 2); // HEAD: no body despite the length
    h.sv('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n', 3);
    h.sv('0\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n', 4);
    h.c('data', 5);
    h.sv('HTTP/1.1 204 No Content\r\n\r\n', 6);
    const seen = h.done.map((m) => `${m.head.kind === 'request' ? m.head.method : m.head.status}@${m.endFrame}`);
    expect(seen).toEqual(['HEAD@1', 'GET@1', '200@2', '200@4', '100@4', 'POST@5', '204@6']);
    const post = h.done.find((m) => m.head.method === 'POST')!;
    expect([post.interim.map((m) => m.head.status), post.response!.head.status]).toEqual([[100], 204]);
    expect(h.problems).toEqual([]);
  });

  test('a response head with no end within 16 KiB stops the direction with a problem', () => {
    for (const piece of [HTTP_MAX_HEAD + 100, 700]) {
      const h = harness();
      h.c('GET / HTTP/1.1\r\n\r\n', 1);
      const big = 'HTTP/1.1 200 OK\r\n' + 'X-Filler: 0123456789abcdef0123456789abcdef\r\n'.repeat(500);
      for (let o = 0; o < big.length; o += piece) h.sv(big.slice(o, o + piece), 2 + o);
      expect(h.problems).toEqual([expect.stringMatching(/no end of the header section within 16384 octets/)]);
      expect(h.done.map((m) => m.head.kind)).toEqual(['request']);
    }
  });

  test('a response without its request (capture started late) and a close-delimited body ended by the FIN', () => {
    const h = harness();
    h.s.gap(0, true, 1);
    h.s.gap(0, false, 1);
    h.sv('chunk of an earlier body', 1); // not a message start: skipped
    h.sv('HTTP/1.1 302 Found\r\nLocation: /x\r\n\r\npartial', 2);
    h.s.end(0, false, 3);
    expect(h.done.map((m) => [m.head.status, m.request, m.endFrame, m.offset])).toEqual([[302, null, 3, 24]]);
  });

  test('a gap inside a Content-Length body is skipped and counted', () => {
    const h = harness();
    h.c('GET / HTTP/1.1\r\n\r\n', 1);
    h.sv('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12', 2);
    h.s.gap(0, false, 3, 5);
    h.sv('890HTTP/1.1 200 OK\r\n', 4);
    expect(h.done.filter((m) => m.head.kind === 'response').map((m) => [m.endFrame, m.lost])).toEqual([[4, 5]]);
  });

  test('101 Switching Protocols: everything after it is a tunnel of kind "upgrade"', () => {
    const h = harness();
    h.c('GET /chat HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n', 4);
    h.sv('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x81\x05hello', 6);
    h.c('\x81\x85mask', 9);
    expect(h.tunnels.map((t) => [t.kind, t.frame])).toEqual([['upgrade', 6]]);
    expect(h.tunnelData.map((d) => [d.client, d.frame])).toEqual([[false, 6], [true, 9]]);
  });
});

describe('streams that are not HTTP', () => {
  test('TLS, SSH and SMTP give no event and no problem', () => {
    const h = harness();
    h.c(HELLO, 1, 1);
    h.sv('\x16\x03\x03\x00', 2, 1);
    h.sv('SSH-2.0-OpenSSH_9.6\r\n', 1, 2);
    h.c('SSH-2.0-PuTTY\r\n', 2, 2);
    h.sv('220 mail ESMTP\r\n', 1, 3);
    h.c('EHLO me\r\n', 2, 3);
    h.c('GET / HTTP/1.1\r\n\r\n', 3, 3); // too late: the stream did not start as HTTP
    expect([h.heads, h.problems, h.tunnels]).toEqual([[], [], []]);
  });

  test('random bytes never throw', () => {
    let seed = 99;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    const h = harness();
    const alphabet = ascii('GET HTTP/1.1 200 \r\n:Content-Length: 5 chunked 0 CONNECT a:1 Transfer-Encoding: ');
    for (let k = 0; k < 2000; k++) {
      const b = Uint8Array.from({ length: 1 + (rnd() % 40) }, () => alphabet[rnd() % alphabet.length]!);
      expect(() => h.s.data(k % 7, rnd() % 2 === 0, b, k)).not.toThrow();
      if (k % 50 === 0) h.s.gap(k % 7, true, k, rnd() % 9);
      if (k % 70 === 0) h.s.end(k % 7, false, k);
    }
  });
});
