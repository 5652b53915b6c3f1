// HTTP/1.x message heads (RFC 9112): the start line (request-line, section 3; status-line, section 4), the
// field lines (section 5) and the empty line that ends them (section 2.1). Recognising HTTP on any TCP port
// relies on the start line alone, so it is strict: a method of upper-case letters, a request-target without
// spaces or controls, and "HTTP/1.x" (section 2.3); a status line must start "HTTP/1.x NNN".
//
// Field values are kept only for fields that carry no secret (radscope reports are shared as links):
// credentials (Authorization, Proxy-Authorization) keep their scheme only, and cookies are dropped.

import { latin1Flat } from './flat-text.ts';

export const HTTP_MAX_HEAD = 16 * 1024; // bound on a head (Wireshark and most servers use 8-64 KiB)
const MAX_METHOD = 24;

export type HttpStartKind = 'request' | 'response' | 'other' | 'unknown';

const SP = 0x20;
const CR = 0x0d;
const LF = 0x0a;

function isUpper(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || c === 0x2d || c === 0x5f; // A-Z - _
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Matches `HTTP/d.d` at `o` against what is there: 1 full match, 0 a consistent prefix, -1 a mismatch. */
function matchVersion(b: Uint8Array, o: number, end: number): number {
  const want = 'HTTP/1.';
  for (let k = 0; k < 8; k++) {
    if (o + k >= end) return 0;
    const c = b[o + k]!;
    if (k < 7 ? c !== want.charCodeAt(k) : !isDigit(c)) return -1;
  }
  return 1;
}

/**
 * What the bytes at the start of a message look like: a request line, a status line, something else, or not
 * yet known (too few bytes). Only the first line is examined, up to HTTP_MAX_HEAD octets.
 */
export function classifyHttpStart(b: Uint8Array, from: number, to: number): HttpStartKind {
  const end = Math.min(to, from + HTTP_MAX_HEAD);
  if (from >= end) return 'unknown';
  if (b[from] === 0x48 /* H */) {
    const v = matchVersion(b, from, end);
    if (v === 1) {
      // status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 section 4)
      for (let k = 8; k < 12; k++) {
        if (from + k >= end) return 'unknown';
        const c = b[from + k]!;
        if (k === 8 ? c !== SP : !isDigit(c)) return 'other';
      }
      return 'response';
    }
    if (v === 0) return 'unknown';
  }
  let o = from;
  while (o < end && isUpper(b[o]!)) o++;
  if (o === from || o - from > MAX_METHOD) return 'other';
  if (o === end) return 'unknown';
  if (b[o] !== SP) return 'other';
  // the rest of the line: printable text ending in " HTTP/1.x". Words are split on whitespace, as RFC 9112
  // section 3 allows recipients to ("CONNECT host:25 / HTTP/1.0" is still a CONNECT to host:25)
  const targetAt = ++o;
  while (o < end && ((b[o]! >= SP && b[o]! < 0x7f) || b[o] === 0x09)) o++;
  if (o === end) return end === from + HTTP_MAX_HEAD ? 'other' : 'unknown';
  const eol = b[o] === CR && o + 1 < end && b[o + 1] === LF ? o : b[o] === LF ? o : -1;
  if (eol < 0) return b[o] === CR && o + 1 === end ? 'unknown' : 'other';
  if (eol - targetAt < 10 || b[eol - 9] !== SP || b[targetAt] === SP) return 'other';
  return matchVersion(b, eol - 8, eol) === 1 ? 'request' : 'other';
}

/**
 * Offset just after the empty line ending the head that starts at `from`, searching from `scanFrom` (so a
 * caller adding bytes need not rescan), or -1. Accepts CRLF and bare LF line ends (RFC 9112 section 2.2).
 */
export function findHeadEnd(b: Uint8Array, from: number, scanFrom: number, to: number): number {
  for (let i = Math.max(from, scanFrom - 3); i < to; i++) {
    if (b[i] !== LF) continue;
    if (i + 1 < to && b[i + 1] === LF) return i + 2;
    if (i + 2 < to && b[i + 1] === CR && b[i + 2] === LF) return i + 3;
  }
  return -1;
}

export interface HttpHead {
  kind: 'request' | 'response';
  /** Request: method and request-target as sent; response: ''. */
  method: string;
  target: string;
  /** Response: status code and reason phrase; request: 0 and ''. */
  status: number;
  reason: string;
  version: string;
  /** Fields that carry no secret, names in lower case, in order (credentials reduced to their scheme). */
  fields: [string, string][];
  /** Every field line, kept or not. */
  fieldCount: number;
  /** Octets of the head, the empty line included. */
  length: number;
  problems: string[];
}

const KEPT = new Set([
  'host', 'content-length', 'transfer-encoding', 'connection', 'proxy-connection', 'upgrade', 'expect', 'server',
  'via', 'user-agent', 'content-type', 'location', 'proxy-agent', 'proxy-authenticate', 'www-authenticate', 'date',
  'x-squid-error', 'x-cache', 'retry-after', 'keep-alive',
]);
const SCHEME_ONLY = new Set(['authorization', 'proxy-authorization']);


/** Parses the head in `b[from, end)` (`end` from findHeadEnd); the start line must have been classified. */
export function parseHttpHead(b: Uint8Array, from: number, end: number): HttpHead {
  // lines as split('\n') gives them, a final '\r' dropped; taken one at a time (no array of them)
  const text = latin1Flat(b, from, end);
  let pos = 0;
  const nextLine = (): string => {
    const nl = text.indexOf('\n', pos);
    const stop = nl < 0 ? text.length : nl;
    const line = stop > pos && text.charCodeAt(stop - 1) === 0x0d ? text.slice(pos, stop - 1) : text.slice(pos, stop);
    pos = nl < 0 ? text.length + 1 : nl + 1;
    return line;
  };
  const start = nextLine();
  const h: HttpHead = { kind: 'request', method: '', target: '', status: 0, reason: '', version: '', fields: [], fieldCount: 0, length: end - from, problems: [] };
  if (start.startsWith('HTTP/')) {
    h.kind = 'response';
    h.version = start.slice(0, 8);
    h.status = Number(start.slice(9, 12));
    h.reason = start.slice(13);
  } else {
    const words = start.split(/[ \t]+/);
    h.method = words[0]!;
    h.target = words[1]!;
    h.version = words[words.length - 1]!;
    if (words.length !== 3) h.problems.push(`request line of ${words.length} words: "${start.slice(0, 80)}"`);
  }
  while (pos <= text.length) {
    const line = nextLine();
    if (line === '') break;
    if (line[0] === ' ' || line[0] === '\t') {
      // obs-fold (RFC 9112 section 5.2): a continuation of the previous value
      const last = h.fields[h.fields.length - 1];
      if (last !== undefined && KEPT.has(last[0])) last[1] += ' ' + line.trim();
      continue;
    }
    h.fieldCount++;
    const colon = line.indexOf(':');
    if (colon <= 0 || hasSpace(line, colon)) {
      h.problems.push(`field line without a valid name: "${line.slice(0, 40)}"`);
      continue;
    }
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (KEPT.has(name)) h.fields.push([name, value]);
    else if (SCHEME_ONLY.has(name)) h.fields.push([name, value.split(' ')[0] + ' (credentials not kept)']);
  }
  return h;
}

/** Whether line[0..end) has a character of the regular expression class \s (the head is ISO 8859-1 text,
 * so only tab, LF, VT, FF, CR, space and no-break space can occur). */
function hasSpace(line: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0) return true;
  }
  return false;
}

/** Values of a (lower-case) field name, in order. */
export function headField(h: HttpHead, name: string): string[] {
  const out: string[] = [];
  for (const [n, v] of h.fields) if (n === name) out.push(v);
  return out;
}

/** host and port of an authority-form target (RFC 9112 section 3.2.3), e.g. CONNECT's "host:443", "[::1]:443". */
export function parseAuthority(target: string): { host: string; port: number } | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^\s:/@\[\]]+):(\d{1,5})$/.exec(target);
  if (m === null) return null;
  const port = Number(m[2]);
  if (port > 65535) return null;
  const host = m[1]!.startsWith('[') ? m[1]!.slice(1, -1) : m[1]!;
  return { host, port };
}
