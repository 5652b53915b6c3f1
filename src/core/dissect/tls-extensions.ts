// Hello extensions (RFC 8446 section 4.2; protocol-facts.md 4.4): the list walk, and the bodies radscope
// reads: server_name (RFC 6066 section 3), supported_groups and ec_point_formats (RFC 8422 section 5.1),
// signature_algorithms (RFC 8446 section 4.2.3), ALPN (RFC 7301 section 3.1), supported_versions (RFC 8446
// section 4.2.1) and key_share (section 4.2.8). Every length is checked against its container; a length
// running past it is a problem and ends that walk, never an exception.

import { u16 } from '../base/bytes.ts';
import { utf8Flat } from './flat-text.ts';
import {
  EXT_ALPN,
  EXT_EC_POINT_FORMATS,
  EXT_KEY_SHARE,
  EXT_SERVER_NAME,
  EXT_SIGNATURE_ALGORITHMS,
  EXT_SUPPORTED_GROUPS,
  EXT_SUPPORTED_VERSIONS,
} from './tls-constants.ts';
import type { TlsClientHello, TlsDecodeProblem, TlsServerHello } from './tls-hello.ts';

/**
 * Walks `extensions<0..2^16-1>` starting at its 2-byte length at `o`; calls `each` for every extension whose
 * body fits. Returns false when the list or an entry overruns `end`.
 */
export function walkExtensions(
  b: Uint8Array,
  o: number,
  end: number,
  problems: TlsDecodeProblem[],
  each: (type: number, start: number, end: number) => void,
): boolean {
  if (o === end) return true; // no extensions at all (TLS 1.2 and earlier may omit the field)
  if (end - o < 2) return bad(problems, o, 'extensions length cut short');
  const len = u16(b, o);
  let p = o + 2;
  let stop = p + len;
  let ok = true;
  if (stop > end) {
    ok = bad(problems, o, `extensions length ${len} runs past the message end (${end - p} bytes left)`);
    stop = end;
  } else if (stop < end) {
    problems.push({ kind: 'malformed', offset: stop, message: `${end - stop} bytes after the extensions` });
  }
  while (p < stop) {
    if (stop - p < 4) return bad(problems, p, 'extension header cut short');
    const type = u16(b, p);
    const elen = u16(b, p + 2);
    if (p + 4 + elen > stop) {
      // tshark shows the type of an extension whose body overruns; count it, but do not read the body
      each(type, -1, -1);
      return bad(problems, p + 2, `extension ${type} length ${elen} runs past the extensions (${stop - p - 4} bytes left)`);
    }
    each(type, p + 4, p + 4 + elen);
    p += 4 + elen;
  }
  return ok;
}

function bad(problems: TlsDecodeProblem[], offset: number, message: string): false {
  problems.push({ kind: 'malformed', offset, message });
  return false;
}

/** A vector of 16-bit values with a `lenBytes`-byte length prefix, appended to `out`. */
function u16List(b: Uint8Array, o: number, end: number, lenBytes: 1 | 2, out: number[], problems: TlsDecodeProblem[], what: string): void {
  if (end - o < lenBytes) return void bad(problems, o, `${what}: length cut short`);
  const len = lenBytes === 1 ? b[o]! : u16(b, o);
  let p = o + lenBytes;
  const stop = Math.min(end, p + len);
  if (p + len > end) bad(problems, o, `${what}: length ${len} runs past the extension`);
  if (len % 2 !== 0) bad(problems, o, `${what}: odd length ${len}`);
  for (; p + 2 <= stop; p += 2) out.push(u16(b, p));
}

/** Reads the extension bodies of a ClientHello into `h`. */
export function readClientExtension(h: TlsClientHello, type: number, b: Uint8Array, o: number, end: number, problems: TlsDecodeProblem[]): void {
  switch (type) {
    case EXT_SERVER_NAME: {
      // ServerNameList: list length (2), then name_type (1) + HostName<1..2^16-1>
      if (end - o < 2) return void bad(problems, o, 'server_name: list length cut short');
      const stop = Math.min(end, o + 2 + u16(b, o));
      let p = o + 2;
      while (p + 3 <= stop) {
        const nameType = b[p]!;
        const nlen = u16(b, p + 1);
        if (p + 3 + nlen > stop) return void bad(problems, p + 1, `server_name: name length ${nlen} runs past the list`);
        if (nameType === 0 && h.sni === null) h.sni = utf8Flat(b, p + 3, p + 3 + nlen);
        p += 3 + nlen;
      }
      return;
    }
    case EXT_ALPN: {
      // ProtocolNameList: list length (2), then ProtocolName<1..2^8-1>
      if (end - o < 2) return void bad(problems, o, 'ALPN: list length cut short');
      const stop = Math.min(end, o + 2 + u16(b, o));
      let p = o + 2;
      while (p < stop) {
        const plen = b[p]!;
        if (p + 1 + plen > stop) return void bad(problems, p, `ALPN: protocol length ${plen} runs past the list`);
        if (h.alpnFirst === null) h.alpnFirst = b.slice(p + 1, p + 1 + plen);
        h.alpn.push(utf8Flat(b, p + 1, p + 1 + plen));
        p += 1 + plen;
      }
      return;
    }
    case EXT_SUPPORTED_VERSIONS:
      return u16List(b, o, end, 1, h.supportedVersions, problems, 'supported_versions');
    case EXT_SUPPORTED_GROUPS:
      return u16List(b, o, end, 2, h.supportedGroups, problems, 'supported_groups');
    case EXT_SIGNATURE_ALGORITHMS:
      return u16List(b, o, end, 2, h.signatureAlgorithms, problems, 'signature_algorithms');
    case EXT_EC_POINT_FORMATS: {
      if (end - o < 1) return void bad(problems, o, 'ec_point_formats: length cut short');
      const stop = Math.min(end, o + 1 + b[o]!);
      for (let p = o + 1; p < stop; p++) h.ecPointFormats.push(b[p]!);
      return;
    }
    case EXT_KEY_SHARE: {
      // client_shares<0..2^16-1>: group (2) + key_exchange<1..2^16-1>
      if (end - o < 2) return void bad(problems, o, 'key_share: length cut short');
      const stop = Math.min(end, o + 2 + u16(b, o));
      let p = o + 2;
      while (p + 4 <= stop) {
        const klen = u16(b, p + 2);
        if (p + 4 + klen > stop) return void bad(problems, p + 2, `key_share: key length ${klen} runs past the list`);
        h.keyShareGroups.push(u16(b, p));
        p += 4 + klen;
      }
      return;
    }
  }
}

/** Reads the extension bodies of a ServerHello (or HelloRetryRequest) into `h`. */
export function readServerExtension(h: TlsServerHello, type: number, b: Uint8Array, o: number, end: number, problems: TlsDecodeProblem[]): void {
  switch (type) {
    case EXT_SUPPORTED_VERSIONS:
      // ServerHello: the selected version (RFC 8446 section 4.2.1)
      if (end - o >= 2) h.selectedVersion = u16(b, o);
      else bad(problems, o, 'supported_versions: selected version cut short');
      return;
    case EXT_KEY_SHARE:
      // ServerHello: one KeyShareEntry; HelloRetryRequest: the selected group only
      if (end - o >= 2) h.keyShareGroup = u16(b, o);
      return;
    case EXT_ALPN: {
      if (end - o < 3) return void bad(problems, o, 'ALPN: list cut short');
      const plen = b[o + 2]!;
      if (o + 3 + plen > end) return void bad(problems, o + 2, `ALPN: protocol length ${plen} runs past the extension`);
      h.alpn = utf8Flat(b, o + 3, o + 3 + plen);
      return;
    }
  }
}
