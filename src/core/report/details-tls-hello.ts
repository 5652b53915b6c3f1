// Details of ClientHello and ServerHello bodies (RFC 8446 sections 4.1.2, 4.1.3; RFC 5246 section 7.4.1) and
// their extensions (section 4.2): SNI (RFC 6066 section 3), ALPN (RFC 7301), supported_versions, groups,
// point formats, key_share, PSK modes, renegotiation_info, padding. The structure is checked by the
// dissector's decodeClientHello / decodeServerHello (src/core/dissect/tls-hello.ts): where it found the
// message broken, a "[Malformed: ...]" node says so and the tree stops there.

import { u16, u32 } from '../base/bytes.ts';
import { decodeUtf8, toHex } from '../base/text.ts';
import { EXT_ALPN, EXT_KEY_SHARE, EXT_SERVER_NAME, EXT_SUPPORTED_GROUPS, EXT_SUPPORTED_VERSIONS, versionName } from '../dissect/tls-constants.ts';
import { walkExtensions } from '../dissect/tls-extensions.ts';
import { decodeClientHello, decodeServerHello, type TlsDecodeProblem } from '../dissect/tls-hello.ts';
import { hex, malformedNode, named, node, wiresharkDate, type DetailNode } from './details-node.ts';
import { COMPRESSION_METHODS, EC_POINT_FORMATS, PSK_KE_MODES, cipherSuiteName, extensionName, groupName, signatureAlgorithmName } from './details-tls-names.ts';

const versionText = (v: number) => `${versionName(v)} (${hex(v, 4)})`;
const suiteText = (v: number) => `${cipherSuiteName(v)} (${hex(v, 4)})`;
const groupText = (v: number) => `${groupName(v)} (${hex(v, 4)})`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Version, random and session id, common to both hellos; returns the offset after the session id. */
function helloStart(b: Uint8Array, p: number, c: DetailNode[]): number {
  c.push(node(`Version: ${versionText(u16(b, p))}`, p, 2, 'tls.handshake.version'));
  c.push(node(`Random: ${toHex(b, p + 2, p + 34)}`, p + 2, 32, 'tls.handshake.random', [
    node(`GMT Unix Time: ${wiresharkDate(u32(b, p + 2), 0)}`, p + 2, 4, 'tls.handshake.random_time'),
    node(`Random Bytes: ${toHex(b, p + 6, p + 34)}`, p + 6, 28, 'tls.handshake.random_bytes'),
  ]));
  const sid = b[p + 34]!;
  c.push(node(`Session ID Length: ${sid}`, p + 34, 1, 'tls.handshake.session_id_length'));
  if (sid > 0) c.push(node(`Session ID: ${toHex(b, p + 35, p + 35 + sid)}`, p + 35, sid, 'tls.handshake.session_id'));
  return p + 35 + sid;
}

/** A problem the dissector found stops the tree: the nodes that start before it, then the problem. */
function checked(c: DetailNode[], problems: TlsDecodeProblem[], at: number, end: number): DetailNode[] {
  const bad = problems.find((x) => x.kind !== 'unsupported');
  if (bad === undefined) return c;
  const where = Math.min(at + bad.offset, end);
  const kept = c.filter((n) => n.start <= where);
  kept.push(malformedNode(bad.message, where, end - where));
  return kept;
}

export function clientHelloNodes(b: Uint8Array, at: number, end: number): DetailNode[] {
  const problems: TlsDecodeProblem[] = [];
  decodeClientHello(b, at, end, problems);
  if (end - at < 35) return [malformedNode(problems[0]?.message ?? 'ClientHello cut short', at, end - at)];
  const c: DetailNode[] = [];
  let p = helloStart(b, at, c);
  if (p + 2 <= end) {
    const csLen = u16(b, p);
    c.push(node(`Cipher Suites Length: ${csLen}`, p, 2, 'tls.handshake.cipher_suites_length'));
    const suites: DetailNode[] = [];
    for (let q = p + 2; q + 2 <= Math.min(end, p + 2 + csLen); q += 2) suites.push(node(`Cipher Suite: ${suiteText(u16(b, q))}`, q, 2, 'tls.handshake.ciphersuite'));
    if (p + 2 + csLen <= end) c.push(node(`Cipher Suites (${plural(suites.length, 'suite')})`, p + 2, csLen, 'tls.handshake.ciphersuites', suites));
    p += 2 + csLen;
  }
  if (p < end) {
    const cm = b[p]!;
    c.push(node(`Compression Methods Length: ${cm}`, p, 1, 'tls.handshake.comp_methods_length'));
    if (p + 1 + cm <= end) {
      const methods: DetailNode[] = [];
      for (let q = p + 1; q < p + 1 + cm; q++) methods.push(node(`Compression Method: ${named(COMPRESSION_METHODS, b[q]!)}`, q, 1, 'tls.handshake.comp_method'));
      c.push(node(`Compression Methods (${plural(cm, 'method')})`, p + 1, cm, 'tls.handshake.comp_methods', methods));
    }
    p += 1 + cm;
  }
  if (p + 2 <= end) extensions(b, p, end, c, false);
  return checked(c, problems, at, end);
}

export function serverHelloNodes(b: Uint8Array, at: number, end: number): DetailNode[] {
  const problems: TlsDecodeProblem[] = [];
  decodeServerHello(b, at, end, problems);
  if (end - at < 35) return [malformedNode(problems[0]?.message ?? 'ServerHello cut short', at, end - at)];
  const c: DetailNode[] = [];
  const p = helloStart(b, at, c);
  if (p + 3 <= end) {
    c.push(node(`Cipher Suite: ${suiteText(u16(b, p))}`, p, 2, 'tls.handshake.ciphersuite'));
    c.push(node(`Compression Method: ${named(COMPRESSION_METHODS, b[p + 2]!)}`, p + 2, 1, 'tls.handshake.comp_method'));
    if (p + 5 <= end) extensions(b, p + 3, end, c, true);
  }
  return checked(c, problems, at, end);
}

function extensions(b: Uint8Array, at: number, end: number, c: DetailNode[], server: boolean): void {
  c.push(node(`Extensions Length: ${u16(b, at)}`, at, 2, 'tls.handshake.extensions_length'));
  walkExtensions(b, at, end, [], (type, s, e) => {
    if (s < 0) return; // its length overruns the list: the dissector's problem says so
    const len = e - s;
    const x: DetailNode[] = [
      node(`Type: ${extensionName(type)} (${type})`, s - 4, 2, 'tls.handshake.extension.type'),
      node(`Length: ${len}`, s - 2, 2, 'tls.handshake.extension.len'),
      ...extensionBody(b, type, s, e, server),
    ];
    c.push(node(`Extension: ${extensionName(type)} (len=${len})`, s - 4, len + 4, undefined, x));
  });
}

/** A vector of 1- or 2-byte values after a `lenBytes` length: the length line, then a "Title (n ...)" tree. */
function list(b: Uint8Array, s: number, e: number, lenBytes: 1 | 2, width: 1 | 2, lenLabel: string, title: (n: number) => string, item: (v: number) => string, f: string[]): DetailNode[] {
  if (e - s < lenBytes) return [];
  const n = lenBytes === 1 ? b[s]! : u16(b, s);
  const stop = Math.min(e, s + lenBytes + n);
  const items: DetailNode[] = [];
  for (let q = s + lenBytes; q + width <= stop; q += width) items.push(node(item(width === 1 ? b[q]! : u16(b, q)), q, width, f[2]));
  return [node(`${lenLabel}: ${n}`, s, lenBytes, f[0]), node(title(items.length), s + lenBytes, stop - s - lenBytes, f[1], items)];
}

function extensionBody(b: Uint8Array, type: number, s: number, e: number, server: boolean): DetailNode[] {
  const len = e - s;
  const hs = 'tls.handshake.';
  switch (type) {
    case EXT_SERVER_NAME: {
      if (server || len < 5) return [];
      const nlen = u16(b, s + 3);
      if (s + 5 + nlen > e) return [];
      return [node('Server Name Indication extension', s, len, undefined, [
        node(`Server Name list length: ${u16(b, s)}`, s, 2, hs + 'extensions_server_name_list_len'),
        node(`Server Name Type: ${b[s + 2] === 0 ? 'host_name' : 'Unknown'} (${b[s + 2]})`, s + 2, 1, hs + 'extensions_server_name_type'),
        node(`Server Name length: ${nlen}`, s + 3, 2, hs + 'extensions_server_name_len'),
        node(`Server Name: ${decodeUtf8(b, s + 5, s + 5 + nlen)}`, s + 5, nlen, hs + 'extensions_server_name'),
      ])];
    }
    case EXT_ALPN: {
      if (len < 2) return [];
      const items: DetailNode[] = [];
      for (let q = s + 2; q < e; ) {
        const l = b[q]!;
        if (q + 1 + l > e) break;
        items.push(node(`ALPN string length: ${l}`, q, 1, hs + 'extensions_alpn_str_len'), node(`ALPN Next Protocol: ${decodeUtf8(b, q + 1, q + 1 + l)}`, q + 1, l, hs + 'extensions_alpn_str'));
        q += 1 + l;
      }
      return [node(`ALPN Extension Length: ${u16(b, s)}`, s, 2, hs + 'extensions_alpn_len'), node('ALPN Protocol', s + 2, len - 2, hs + 'extensions_alpn_list', items)];
    }
    case EXT_SUPPORTED_VERSIONS: {
      const f = hs + 'extensions.supported_version';
      if (server) return len >= 2 ? [node(`Supported Version: ${versionText(u16(b, s))}`, s, 2, f)] : [];
      if (len < 1) return [];
      const out = [node(`Supported Versions length: ${b[s]}`, s, 1, hs + 'extensions.supported_versions_len')];
      for (let q = s + 1; q + 2 <= Math.min(e, s + 1 + b[s]!); q += 2) out.push(node(`Supported Version: ${versionText(u16(b, q))}`, q, 2, f));
      return out;
    }
    case EXT_SUPPORTED_GROUPS:
      return list(b, s, e, 2, 2, 'Supported Groups List Length', (n) => `Supported Groups (${plural(n, 'group')})`, (v) => `Supported Group: ${groupText(v)}`, [
        hs + 'extensions_supported_groups_length', hs + 'extensions_supported_groups', hs + 'extensions_supported_group',
      ]);
    case 13:
      return list(b, s, e, 2, 2, 'Signature Hash Algorithms Length', (n) => `Signature Hash Algorithms (${plural(n, 'algorithm')})`, (v) => `Signature Algorithm: ${signatureAlgorithmName(v)} (${hex(v, 4)})`, [
        hs + 'sig_hash_alg_len', hs + 'sig_hash_algs', hs + 'sig_hash_alg',
      ]);
    case 11:
      return list(b, s, e, 1, 1, 'EC point formats Length', (n) => `Elliptic curves point formats (${n})`, (v) => `EC point format: ${named(EC_POINT_FORMATS, v)}`, [
        hs + 'extensions_ec_point_formats_length', hs + 'extensions_ec_point_formats', hs + 'extensions_ec_point_format',
      ]);
    case 45:
      if (len < 1) return [];
      return [node(`PSK Key Exchange Modes Length: ${b[s]}`, s, 1, 'tls.extension.psk_ke_modes_length'),
        ...Array.from({ length: Math.min(b[s]!, len - 1) }, (_, i) => node(`PSK Key Exchange Mode: ${named(PSK_KE_MODES, b[s + 1 + i]!)}`, s + 1 + i, 1, 'tls.extension.psk_ke_mode'))];
    case EXT_KEY_SHARE:
      return keyShare(b, s, e, server);
    case 65281:
      if (len < 1) return [];
      return [node('Renegotiation Info extension', s, len, undefined, [node(`Renegotiation info extension length: ${b[s]}`, s, 1, hs + 'extensions_reneg_info_len')])];
    case 21:
      return [node(`Padding Data: ${toHex(b, s, Math.min(e, s + 36))}${len > 36 ? '…' : ''}`, s, len, hs + 'extensions_padding_data')];
    case 35:
      return [node(`Data (${len} bytes)`, s, len, hs + 'extension.data')];
  }
  return [];
}

function keyShare(b: Uint8Array, s: number, e: number, server: boolean): DetailNode[] {
  const hs = 'tls.handshake.';
  const entry = (q: number): DetailNode | null => {
    if (q + 4 > e) return null;
    const g = u16(b, q);
    const kl = u16(b, q + 2);
    if (q + 4 + kl > e) return null;
    return node(`Key Share Entry: Group: ${groupName(g)}, Key Exchange length: ${kl}`, q, 4 + kl, undefined, [
      node(`Group: ${groupName(g)} (${g})`, q, 2, hs + 'extensions_key_share_group'),
      node(`Key Exchange Length: ${kl}`, q + 2, 2, hs + 'extensions_key_share_key_exchange_length'),
      node(`Key Exchange: ${toHex(b, q + 4, Math.min(q + 4 + kl, q + 40))}${kl > 36 ? '…' : ''}`, q + 4, kl, hs + 'extensions_key_share_key_exchange'),
    ]);
  };
  if (server) {
    // a HelloRetryRequest carries the selected group alone
    if (e - s === 2) return [node(`Selected Group: ${groupName(u16(b, s))} (${u16(b, s)})`, s, 2, hs + 'extensions_key_share_selected_group')];
    const one = entry(s);
    return one ? [node('Key Share extension', s, e - s, undefined, [one])] : [];
  }
  if (e - s < 2) return [];
  const items: DetailNode[] = [node(`Client Key Share Length: ${u16(b, s)}`, s, 2, hs + 'extensions_key_share_client_length')];
  for (let q = s + 2; q < e; ) {
    const x = entry(q);
    if (x === null) break;
    items.push(x);
    q += x.length;
  }
  return [node('Key Share extension', s, e - s, undefined, items)];
}
