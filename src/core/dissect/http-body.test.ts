// Where HTTP/1.x bodies end (RFC 9112 section 6.3) and the chunked coding (section 7.1).

import { describe, expect, test } from 'vitest';
import { ChunkedBody, requestBody, responseBody } from './http-body.ts';
import { findHeadEnd, parseHttpHead } from './http-head.ts';

const ascii = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const head = (s: string) => {
  const b = ascii(s);
  return parseHttpHead(b, 0, findHeadEnd(b, 0, 0, b.length));
};

describe('bodies (RFC 9112 section 6.3)', () => {
  test('requests: chunked, Content-Length, none; invalid framing', () => {
    expect(requestBody(head('POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\nContent-Length: 5\r\n\r\n'))).toEqual({ kind: 'chunked' });
    expect(requestBody(head('POST / HTTP/1.1\r\nContent-Length: 12\r\n\r\n'))).toEqual({ kind: 'length', length: 12 });
    expect(requestBody(head('POST / HTTP/1.1\r\nContent-Length: 7, 7\r\n\r\n'))).toEqual({ kind: 'length', length: 7 });
    expect(requestBody(head('GET / HTTP/1.1\r\n\r\n'))).toEqual({ kind: 'none' });
    expect(requestBody(head('POST / HTTP/1.1\r\nContent-Length: 7, 8\r\n\r\n')).kind).toBe('invalid');
    expect(requestBody(head('POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n')).kind).toBe('invalid');
  });

  test('responses: by the request method and the status first, then the fields, else until the close', () => {
    const ok = head('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n');
    expect(responseBody(ok, 'CONNECT')).toEqual({ kind: 'tunnel' }); // Content-Length ignored (RFC 9110 section 9.3.6)
    expect(responseBody(ok, 'HEAD')).toEqual({ kind: 'none' });
    expect(responseBody(ok, 'GET')).toEqual({ kind: 'length', length: 10 });
    expect(responseBody(head('HTTP/1.1 403 Filtered\r\nContent-Length: 10\r\n\r\n'), 'CONNECT')).toEqual({ kind: 'length', length: 10 });
    expect(responseBody(head('HTTP/1.0 403 Filtered\r\n\r\n'), 'CONNECT')).toEqual({ kind: 'close' });
    expect(responseBody(head('HTTP/1.1 101 Switching Protocols\r\n\r\n'), 'GET')).toEqual({ kind: 'tunnel' });
    for (const s of ['100 Continue', '204 No Content', '304 Not Modified']) expect(responseBody(head(`HTTP/1.1 ${s}\r\nContent-Length: 3\r\n\r\n`), 'GET')).toEqual({ kind: 'none' });
    expect(responseBody(head('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'), null)).toEqual({ kind: 'chunked' });
  });

  test('the chunked coding, fed in pieces of every size, ends exactly after the final CRLF', () => {
    const body = ascii('4;ext=1\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nExpires: never\r\n\r\n');
    const after = ascii('NEXT');
    const all = new Uint8Array([...body, ...after]);
    for (let step = 1; step <= all.length; step++) {
      const c = new ChunkedBody();
      let used = 0;
      for (let o = 0; o < all.length && !c.done; o += step) used = c.feed(all, o, Math.min(all.length, o + step));
      expect([c.done, used, c.problem], `step ${step}`).toEqual([true, body.length, null]);
    }
  });

  test('chunked: bare LF accepted, garbage refused', () => {
    const c = new ChunkedBody();
    expect(c.feed(ascii('3\nabc\n0\n\nX'), 0, 10)).toBe(9);
    expect(c.done).toBe(true);
    const bad = new ChunkedBody();
    bad.feed(ascii('zz\r\n'), 0, 4);
    expect(bad.problem).toMatch(/bad chunk size/);
    const noCrlf = new ChunkedBody();
    noCrlf.feed(ascii('2\r\nabX'), 0, 6);
    expect(noCrlf.problem).toMatch(/not followed by CRLF/);
  });
});
