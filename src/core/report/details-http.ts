// Details of an HTTP/1.x message head at the start of a TCP payload (RFC 9112): the request or status line
// with its parts, each field line, the empty line, and the body bytes in this frame. Credentials and cookies
// are not repeated in the labels (radscope's reports never carry them; the hex pane still has the bytes).

import { findHeadEnd } from '../dissect/http-head.ts';
import { generated, node, type DetailNode, type DetailState } from './details-node.ts';

// Wireshark's field per header name (packet-http.c); other headers are http.request.line / http.response.line
const HEADER_FIELDS: Record<string, string> = {
  host: 'http.host', 'user-agent': 'http.user_agent', 'content-type': 'http.content_type', 'content-length': 'http.content_length_header',
  server: 'http.server', connection: 'http.connection', location: 'http.location', 'proxy-authenticate': 'http.proxy_authenticate',
  'proxy-authorization': 'http.proxy_authorization', authorization: 'http.authorization', 'www-authenticate': 'http.www_authenticate',
  cookie: 'http.cookie', 'set-cookie': 'http.set_cookie', date: 'http.date', 'cache-control': 'http.cache_control', accept: 'http.accept',
  'accept-encoding': 'http.accept_encoding', 'transfer-encoding': 'http.transfer_encoding', 'last-modified': 'http.last_modified',
};
const CREDENTIALS = new Set(['authorization', 'proxy-authorization']);
const COOKIES = new Set(['cookie', 'set-cookie']);
const STATUS_TEXT: Record<number, string> = {
  100: 'Continue', 200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  407: 'Proxy Authentication Required', 408: 'Request Timeout', 500: 'Internal Server Error', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout',
};

function latin1(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i]!);
  return s;
}

export function decodeHttpDetails(st: DetailState, out: DetailNode[], off: number, end: number, response: boolean): void {
  const b = st.b;
  st.protocols.push('http');
  const headEnd = findHeadEnd(b, off, off, end);
  const stop = headEnd < 0 ? end : headEnd;
  const c: DetailNode[] = [];
  out.push(node('Hypertext Transfer Protocol', off, end - off, 'http', c));
  let o = off;
  let first = true;
  while (o < stop) {
    let lf = o;
    while (lf < stop && b[lf] !== 0x0a) lf++;
    if (lf === stop) {
      c.push(node(`[Line continues in a later segment: ${latin1(b, o, Math.min(stop, o + 80))}]`, o, stop - o));
      break;
    }
    const cr = lf > o && b[lf - 1] === 0x0d;
    const textEnd = cr ? lf - 1 : lf;
    const text = latin1(b, o, textEnd);
    const eol = cr ? '\\r\\n' : '\\n';
    const len = lf + 1 - o;
    if (text === '') {
      c.push(node(eol, o, len));
    } else if (first) {
      c.push(node(text + eol, o, len, undefined, response ? statusParts(text, o) : requestParts(text, o)));
    } else {
      c.push(fieldLine(text, eol, o, len, response));
    }
    first = false;
    o = lf + 1;
  }
  if (headEnd < 0) c.push(generated('The message head continues in a later segment', stop));
  else if (headEnd < end) c.push(node(`File Data: ${end - headEnd} bytes`, headEnd, end - headEnd, 'http.file_data'));
}

/** Method, URI (the next word) and version (the last word), as Wireshark splits a request line. */
function requestParts(line: string, at: number): DetailNode[] {
  const m = /^(\S+)([ \t]+)(\S+)(?:.*[ \t])(HTTP\/\d\.\d)$/.exec(line);
  if (m === null) return [];
  const [, method, sp1, uri, version] = m as unknown as string[];
  const uriAt = at + method!.length + sp1!.length;
  return [
    node(`Request Method: ${method}`, at, method!.length, 'http.request.method'),
    node(`Request URI: ${uri}`, uriAt, uri!.length, 'http.request.uri'),
    node(`Request Version: ${version}`, at + line.length - version!.length, version!.length, 'http.request.version'),
  ];
}

function statusParts(line: string, at: number): DetailNode[] {
  const m = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/.exec(line);
  if (m === null) return [];
  const code = Number(m[2]);
  const c = [
    node(`Response Version: ${m[1]}`, at, 8, 'http.response.version'),
    node(`Status Code: ${code}`, at + 9, 3, 'http.response.code'),
    node(`[Status Code Description: ${STATUS_TEXT[code] ?? 'Unknown'}]`, at + 9, 3, 'http.response.code.desc'),
  ];
  if (m[3] !== undefined) c.push(node(`Response Phrase: ${m[3]}`, at + 13, m[3].length, 'http.response.phrase'));
  return c;
}

function fieldLine(text: string, eol: string, at: number, len: number, response: boolean): DetailNode {
  const colon = text.indexOf(':');
  const name = colon > 0 ? text.slice(0, colon).trim().toLowerCase() : '';
  let shown = text;
  if (CREDENTIALS.has(name)) shown = `${text.slice(0, colon)}: ${text.slice(colon + 1).trim().split(/\s+/)[0]} (credentials not shown)`;
  else if (COOKIES.has(name)) shown = `${text.slice(0, colon)}: (cookie not shown)`;
  return node(shown + eol, at, len, HEADER_FIELDS[name] ?? (response ? 'http.response.line' : 'http.request.line'));
}
