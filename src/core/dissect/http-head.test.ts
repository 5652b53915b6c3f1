// HTTP/1.x start lines and heads (RFC 9112 sections 2-5): recognising HTTP on any port, field lines, what is
// kept of them, and CONNECT's authority-form target.

import { describe, expect, test } from 'vitest';
import { HTTP_MAX_HEAD, classifyHttpStart, findHeadEnd, headField, parseAuthority, parseHttpHead } from './http-head.ts';

const ascii = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const classify = (s: string) => classifyHttpStart(ascii(s), 0, s.length);
const head = (s: string) => {
  const b = ascii(s);
  return parseHttpHead(b, 0, findHeadEnd(b, 0, 0, b.length));
};

describe('start lines', () => {
  test('requests and responses, on any method token', () => {
    expect(classify('CONNECT login.microsoftonline.com:443 HTTP/1.1\r\n')).toBe('request');
    expect(classify('GET http://crl.microsoft.com/pki/x.crl HTTP/1.0\n')).toBe('request');
    expect(classify('PROPFIND /dav HTTP/1.1\r\nHost: x\r\n\r\n')).toBe('request');
    expect(classify('HTTP/1.0 200 Connection established\r\n')).toBe('response');
    expect(classify('HTTP/1.1 407')).toBe('response');
  });

  test('every prefix of a request line is "unknown", never a wrong verdict', () => {
    const line = 'CONNECT proxy.corp.example:443 HTTP/1.1\r\n';
    for (let n = 0; n < line.length - 1; n++) expect(classify(line.slice(0, n)), line.slice(0, n)).toBe('unknown');
    expect(classify(line)).toBe('request');
  });

  test('other protocols are "other" at once', () => {
    expect(classify('\x16\x03\x01\x02\x00\x01')).toBe('other'); // TLS ClientHello
    expect(classify('SSH-2.0-OpenSSH_9.6\r\n')).toBe('other');
    expect(classify('EHLO mail.example\r\n')).toBe('other');
    expect(classify('220 mailin03 ESMTP\r\n')).toBe('other');
    expect(classify('GET / HTTP/2.0\r\n')).toBe('other');
    expect(classify('get / HTTP/1.1\r\n')).toBe('other');
    expect(classify('HTTP/1.1 2x0 OK\r\n')).toBe('other');
    expect(classify('GET /\x00 HTTP/1.1\r\n')).toBe('other');
  });

  test('a request line with extra words is still a request; the target is the first word (RFC 9112 section 3)', () => {
    // zeek-zeek/http/connect-with-smtp.pcap frame 4
    expect(classify('CONNECT mailin03.sul.t-online.de:25 / HTTP/1.0\r\n')).toBe('request');
    const h = head('CONNECT mailin03.sul.t-online.de:25 / HTTP/1.0\r\nMozilla 4.0 (compatible)\r\n\r\n');
    expect([h.method, h.target, h.version]).toEqual(['CONNECT', 'mailin03.sul.t-online.de:25', 'HTTP/1.0']);
    expect(h.problems).toHaveLength(2); // four words, and a field line without a name
  });

  test('a start line longer than the head bound is "other"', () => {
    expect(classify('GET /' + 'a'.repeat(HTTP_MAX_HEAD) + ' HTTP/1.1\r\n')).toBe('other');
  });
});

describe('heads', () => {
  test('the end of the head, with CRLF or bare LF, searched incrementally', () => {
    const b = ascii('HTTP/1.1 200 OK\r\nServer: x\r\n\r\nBODY');
    expect(findHeadEnd(b, 0, 0, b.length)).toBe(b.length - 4);
    expect(findHeadEnd(b, 0, 0, b.length - 5)).toBe(-1);
    expect(findHeadEnd(b, 0, b.length - 5, b.length)).toBe(b.length - 4); // the CRLF pair spans the old end
    const lf = ascii('GET / HTTP/1.1\nHost: a\n\nX');
    expect(findHeadEnd(lf, 0, 0, lf.length)).toBe(lf.length - 1);
  });

  test('status line, fields, folding; secrets are not kept', () => {
    const h = head(
      'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Negotiate\r\nProxy-Authenticate: Basic realm="corp"\r\n' +
        'Set-Cookie: s=1\r\nVia: 1.1 squid\r\n  (squid/6)\r\nContent-Length: 12\r\n\r\n',
    );
    expect([h.kind, h.status, h.reason, h.version, h.fieldCount]).toEqual(['response', 407, 'Proxy Authentication Required', 'HTTP/1.1', 5]);
    expect(headField(h, 'proxy-authenticate')).toEqual(['Negotiate', 'Basic realm="corp"']);
    expect(headField(h, 'via')).toEqual(['1.1 squid (squid/6)']);
    expect(headField(h, 'set-cookie')).toEqual([]);
    const r = head('CONNECT a:443 HTTP/1.1\r\nProxy-Authorization: Basic YWxpY2U6czNjcmV0\r\nCookie: x=y\r\n\r\n');
    expect(r.fields).toEqual([['proxy-authorization', 'Basic (credentials not kept)']]);
    expect(JSON.stringify(r)).not.toContain('YWxpY2U6czNjcmV0');
  });

  test('authority-form targets (CONNECT)', () => {
    expect(parseAuthority('login.microsoftonline.com:443')).toEqual({ host: 'login.microsoftonline.com', port: 443 });
    expect(parseAuthority('[2001:db8::1]:8443')).toEqual({ host: '2001:db8::1', port: 8443 });
    expect(parseAuthority('10.0.0.1:3128')).toEqual({ host: '10.0.0.1', port: 3128 });
    expect([parseAuthority('host'), parseAuthority('host:99999'), parseAuthority('http://x:80'), parseAuthority('u@h:1')]).toEqual([null, null, null, null]);
  });
});
