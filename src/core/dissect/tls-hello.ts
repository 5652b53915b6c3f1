// ClientHello and ServerHello bodies (RFC 8446 section 4.1.2 and 4.1.3; RFC 5246 section 7.4.1; protocol-facts.md
// 4.3), the HelloRetryRequest (a ServerHello whose random is HRR_RANDOM), the pre-draft-22 TLS 1.3 ServerHello
// (version, random, cipher suite, extensions: no session id, no compression), and the SSL 2.0 CLIENT-HELLO
// (RFC 5246 appendix E.2). Decoders take the message body (after the 4-byte handshake header), never throw,
// and list what is wrong in `problems` (offsets relative to the body).

import type { ProblemKind } from '../base/diagnostics.ts';
import { u16 } from '../base/bytes.ts';
import { hexFlat } from './flat-text.ts';
import { EXT_SUPPORTED_VERSIONS, HRR_RANDOM, tls13Draft } from './tls-constants.ts';
import { readClientExtension, readServerExtension, walkExtensions } from './tls-extensions.ts';

export interface TlsDecodeProblem {
  kind: ProblemKind;
  /** Offset within the message body. */
  offset: number;
  message: string;
}

export interface TlsClientHello {
  /** An SSL 2.0 CLIENT-HELLO (its cipher specs are 3-byte values, kept apart in `ssl2CipherSpecs`). */
  ssl2: boolean;
  legacyVersion: number;
  /** Hex of the 32-byte random (SSL 2.0: the challenge). */
  random: string;
  sessionId: string;
  cipherSuites: number[];
  ssl2CipherSpecs: number[];
  compressionMethods: number[];
  /** Extension types in wire order, GREASE included. */
  extensions: number[];
  sni: string | null;
  alpn: string[];
  /** Bytes of the first ALPN protocol name (JA4 looks at them, not at the text). */
  alpnFirst: Uint8Array | null;
  /** supported_versions as sent (GREASE included); empty without the extension. */
  supportedVersions: number[];
  supportedGroups: number[];
  ecPointFormats: number[];
  signatureAlgorithms: number[];
  keyShareGroups: number[];
  /** Some field ran past the body: what follows it is missing. */
  truncated: boolean;
}

export interface TlsServerHello {
  legacyVersion: number;
  random: string;
  sessionId: string;
  cipherSuite: number;
  compressionMethod: number;
  extensions: number[];
  /** supported_versions of a TLS 1.3 ServerHello / HRR, else null. */
  selectedVersion: number | null;
  keyShareGroup: number | null;
  alpn: string | null;
  helloRetryRequest: boolean;
  truncated: boolean;
}

function newClientHello(ssl2: boolean): TlsClientHello {
  return {
    ssl2,
    legacyVersion: 0,
    random: '',
    sessionId: '',
    cipherSuites: [],
    ssl2CipherSpecs: [],
    compressionMethods: [],
    extensions: [],
    sni: null,
    alpn: [],
    alpnFirst: null,
    supportedVersions: [],
    supportedGroups: [],
    ecPointFormats: [],
    signatureAlgorithms: [],
    keyShareGroups: [],
    truncated: false,
  };
}

function cut(problems: TlsDecodeProblem[], offset: number, what: string): void {
  problems.push({ kind: 'malformed', offset, message: `${what} runs past the end of the message` });
}

/** ClientHello body in `b[start..end)`. */
export function decodeClientHello(b: Uint8Array, start: number, end: number, problems: TlsDecodeProblem[]): TlsClientHello {
  const h = newClientHello(false);
  const rel = (p: number) => p - start;
  let p = start;
  if (end - p < 35) {
    h.truncated = true;
    if (end - p >= 2) h.legacyVersion = u16(b, p);
    cut(problems, 0, 'version and random');
    return h;
  }
  h.legacyVersion = u16(b, p);
  h.random = hexFlat(b, p + 2, p + 34);
  p += 34;
  const sidLen = b[p]!;
  if (sidLen > 32) problems.push({ kind: 'malformed', offset: rel(p), message: `session id length ${sidLen} is over 32` });
  if (p + 1 + sidLen > end) return cutAt(h, problems, rel(p), 'session id');
  h.sessionId = hexFlat(b, p + 1, p + 1 + sidLen);
  p += 1 + sidLen;
  if (end - p < 2) return cutAt(h, problems, rel(p), 'cipher suites length');
  const csLen = u16(b, p);
  if (csLen % 2 !== 0) problems.push({ kind: 'malformed', offset: rel(p), message: `cipher suites length ${csLen} is odd` });
  const csEnd = p + 2 + csLen;
  for (let q = p + 2; q + 2 <= Math.min(csEnd, end); q += 2) h.cipherSuites.push(u16(b, q));
  if (csEnd > end) return cutAt(h, problems, rel(p), `cipher suites (${csLen} bytes)`);
  p = csEnd;
  if (end - p < 1) return cutAt(h, problems, rel(p), 'compression methods length');
  const cmLen = b[p]!;
  if (p + 1 + cmLen > end) return cutAt(h, problems, rel(p), `compression methods (${cmLen} bytes)`);
  for (let q = p + 1; q < p + 1 + cmLen; q++) h.compressionMethods.push(b[q]!);
  p += 1 + cmLen;
  const local: TlsDecodeProblem[] = [];
  const ok = walkExtensions(b, p, end, local, (type, s, e) => {
    h.extensions.push(type);
    if (s >= 0) readClientExtension(h, type, b, s, e, local);
  });
  if (!ok) h.truncated = true;
  for (const x of local) problems.push({ ...x, offset: rel(x.offset) });
  return h;
}

function cutAt<T extends { truncated: boolean }>(h: T, problems: TlsDecodeProblem[], offset: number, what: string): T {
  h.truncated = true;
  cut(problems, offset, what);
  return h;
}

/** ServerHello (or HelloRetryRequest) body in `b[start..end)`. */
export function decodeServerHello(b: Uint8Array, start: number, end: number, problems: TlsDecodeProblem[]): TlsServerHello {
  const h: TlsServerHello = {
    legacyVersion: 0,
    random: '',
    sessionId: '',
    cipherSuite: -1,
    compressionMethod: -1,
    extensions: [],
    selectedVersion: null,
    keyShareGroup: null,
    alpn: null,
    helloRetryRequest: false,
    truncated: false,
  };
  const rel = (p: number) => p - start;
  let p = start;
  if (end - p < 34) {
    if (end - p >= 2) h.legacyVersion = u16(b, p);
    return cutAt(h, problems, 0, 'version and random');
  }
  h.legacyVersion = u16(b, p);
  h.random = hexFlat(b, p + 2, p + 34);
  h.helloRetryRequest = HRR_RANDOM.every((x, i) => b[p + 2 + i] === x);
  p += 34;
  // TLS 1.3 drafts before 22 had no legacy_session_id_echo and no compression method
  const draft = tls13Draft(h.legacyVersion);
  const legacyLayout = draft === 0 || draft >= 22;
  if (legacyLayout) {
    const sidLen = b[p]!;
    if (p + 1 + sidLen > end) return cutAt(h, problems, rel(p), 'session id');
    h.sessionId = hexFlat(b, p + 1, p + 1 + sidLen);
    p += 1 + sidLen;
  }
  if (end - p < 2) return cutAt(h, problems, rel(p), 'cipher suite');
  h.cipherSuite = u16(b, p);
  p += 2;
  if (legacyLayout) {
    if (end - p < 1) return cutAt(h, problems, rel(p), 'compression method');
    h.compressionMethod = b[p]!;
    p += 1;
  }
  const local: TlsDecodeProblem[] = [];
  const ok = walkExtensions(b, p, end, local, (type, s, e) => {
    h.extensions.push(type);
    if (s >= 0) readServerExtension(h, type, b, s, e, local);
  });
  if (!ok) h.truncated = true;
  for (const x of local) problems.push({ ...x, offset: rel(x.offset) });
  return h;
}

/** The version a ServerHello settles on: supported_versions when present, else the legacy field. */
export function serverHelloVersion(h: TlsServerHello): number {
  return h.selectedVersion ?? h.legacyVersion;
}

/**
 * What Wireshark's tls_scan_server_hello reads to set the session version before dissecting: the version
 * field, and for a (D)TLS 1.2 one with room for it, the supported_versions extension (and the HRR random).
 */
export function scanServerHelloVersion(b: Uint8Array, start: number, end: number): { version: number; hrr: boolean } {
  const version = end - start >= 2 ? u16(b, start) : 0;
  if ((version !== 0x0303 && version !== 0xfefd) || end - start < 46) return { version, hrr: false };
  const hrr = HRR_RANDOM.every((x, i) => b[start + 2 + i] === x);
  let p = start + 34;
  const sidLen = b[p]!;
  p++;
  if (end - p < sidLen + 5) return { version, hrr };
  p += sidLen + 5; // session id, cipher suite (2), compression (1), extensions length (2)
  while (end - p >= 6) {
    const type = u16(b, p);
    const len = u16(b, p + 2);
    if (end - p < 4 + len) break;
    if (type === EXT_SUPPORTED_VERSIONS) return { version: len === 2 ? u16(b, p + 4) : version, hrr };
    p += 4 + len;
  }
  return { version, hrr };
}

/**
 * SSL 2.0 CLIENT-HELLO body after its msg_type byte: version (2), cipher_spec_length (2), session_id_length (2),
 * challenge_length (2), then the cipher specs (3 bytes each), session id and challenge.
 */
export function decodeSsl2ClientHello(b: Uint8Array, start: number, end: number, problems: TlsDecodeProblem[]): TlsClientHello {
  const h = newClientHello(true);
  if (end - start < 8) {
    if (end - start >= 2) h.legacyVersion = u16(b, start);
    return cutAt(h, problems, 0, 'SSL 2.0 client hello header');
  }
  h.legacyVersion = u16(b, start);
  const specLen = u16(b, start + 2);
  const sidLen = u16(b, start + 4);
  const chLen = u16(b, start + 6);
  let p = start + 8;
  if (specLen % 3 !== 0) problems.push({ kind: 'malformed', offset: 2, message: `cipher spec length ${specLen} is not a multiple of 3` });
  for (let q = p; q + 3 <= Math.min(end, p + specLen); q += 3) h.ssl2CipherSpecs.push((b[q]! << 16) | (b[q + 1]! << 8) | b[q + 2]!);
  p += specLen;
  if (p + sidLen + chLen > end) return cutAt(h, problems, 2, 'SSL 2.0 cipher specs, session id and challenge');
  h.sessionId = hexFlat(b, p, p + sidLen);
  h.random = hexFlat(b, p + sidLen, p + sidLen + chLen);
  return h;
}
