// Details of the TLS records in a TCP payload that starts with one (RFC 8446 section 5.1; RFC 5246 section
// 6.2.1): each record header, the alert (section 6), change_cipher_spec, encrypted application data, and the
// handshake messages (section 4) with ClientHello and ServerHello decoded (details-tls-hello.ts). A record
// that runs on into later segments is shown as far as this frame goes: reassembly is the pass's business.

import { u16, u24 } from '../base/bytes.ts';
import { toHex } from '../base/text.ts';
import { isKnownHandshakeType, tls13Draft, VERSION_TLS13, versionName } from '../dissect/tls-constants.ts';
import { scanServerHelloVersion } from '../dissect/tls-hello.ts';
import { looksLikeTlsRecord, TLS_RECORD_HEADER } from '../dissect/tls-record.ts';
import { dataNode, hex, malformedNode, named, node, type DetailNode, type DetailState } from './details-node.ts';
import { clientHelloNodes, serverHelloNodes } from './details-tls-hello.ts';
import { ALERT_DESCRIPTIONS, ALERT_LEVELS, CONTENT_TYPES, HANDSHAKE_TYPES, recordVersionName } from './details-tls-names.ts';

const HANDSHAKE_HEADER = 4; // RFC 8446 section 4: msg_type (1), length (3)
const HEX_SHOWN = 24;

/**
 * TLS 1.3 (RFC 8446 section 5.2) hides the real content type: its protected records say application_data
 * ("Opaque Type"). Known from the pass (context.tlsVersion), or from this payload: a ServerHello choosing
 * 1.3, or an application_data record right after change_cipher_spec (TLS 1.2 sends its Finished there).
 */
function isTls13(b: Uint8Array, off: number, end: number, version: number | undefined): boolean {
  if (version !== undefined) return version === VERSION_TLS13 || tls13Draft(version) > 0;
  let prev = -1;
  for (let o = off; end - o >= TLS_RECORD_HEADER && looksLikeTlsRecord(b, o); o += TLS_RECORD_HEADER + u16(b, o + 3)) {
    const type = b[o]!;
    if (type === 23 && prev === 20) return true;
    const body = o + TLS_RECORD_HEADER;
    if (type === 22 && b[body] === 2 && end - body >= HANDSHAKE_HEADER) {
      const v = scanServerHelloVersion(b, body + HANDSHAKE_HEADER, Math.min(end, body + HANDSHAKE_HEADER + u24(b, body + 1))).version;
      if (v === VERSION_TLS13 || tls13Draft(v) > 0) return true;
    }
    prev = type;
  }
  return false;
}

export function decodeTlsDetails(st: DetailState, out: DetailNode[], off: number, end: number): void {
  const b = st.b;
  st.protocols.push('tls');
  const records: DetailNode[] = [];
  out.push(node('Transport Layer Security', off, end - off, 'tls', records));
  const tls13 = isTls13(b, off, end, st.ctx.tlsVersion);
  let encrypted = false; // after change_cipher_spec, handshake records are encrypted
  let o = off;
  while (o < end) {
    if (end - o < TLS_RECORD_HEADER || !looksLikeTlsRecord(b, o)) {
      if (o === off) records.push(dataNode(b, o, end - o, `Continuation Data (${end - o} bytes): not the start of a TLS record`, 'tls.continuation_data'));
      else if (end - o < TLS_RECORD_HEADER) records.push(node(`[Record header continues in a later segment: ${end - o} of 5 bytes here]`, o, end - o));
      else records.push(malformedNode(`the bytes after the record ending at offset ${o} are not a TLS record header`, o, end - o));
      return;
    }
    const type = b[o]!;
    const version = u16(b, o + 1);
    const len = u16(b, o + 3);
    const body = o + TLS_RECORD_HEADER;
    const recEnd = body + len;
    const opaque = tls13 && type === 23;
    const c: DetailNode[] = [
      opaque ? node('Opaque Type: Application Data (23)', o, 1, 'tls.record.opaque_type') : node(`Content Type: ${named(CONTENT_TYPES, type)}`, o, 1, 'tls.record.content_type'),
      node(`Version: ${versionName(version)} (${hex(version, 4)})`, o + 1, 2, 'tls.record.version'),
      node(`Length: ${len}`, o + 3, 2, 'tls.record.length'),
    ];
    const title = `${recordVersionName(tls13 ? VERSION_TLS13 : version)} Record Layer`;
    if (recEnd > end) {
      // reassembled (and given its fields, as in tshark) in the frame that completes it: here only its start
      for (const n of c) delete n.field;
      const what = `${CONTENT_TYPES[type] ?? 'Unknown'} record of ${len} bytes`;
      records.push(node(`TLS segment data (${end - o} bytes): the start of a ${what} that continues in a later segment`, o, end - o, undefined, c));
      return;
    }
    records.push(node(`${title}: ${recordBody(b, type, body, recEnd, c, encrypted)}`, o, recEnd - o, 'tls.record', c));
    if (type === 20) encrypted = true;
    o = recEnd;
  }
}

/** Adds the record's body to `c` and returns what the record title says of it. */
function recordBody(b: Uint8Array, type: number, at: number, end: number, c: DetailNode[], encrypted: boolean): string {
  const len = end - at;
  switch (type) {
    case 21: {
      if (len !== 2) {
        c.push(node('Alert Message: Encrypted Alert', at, len, 'tls.alert_message'));
        return 'Encrypted Alert';
      }
      const level = ALERT_LEVELS[b[at]!] ?? 'Unknown';
      const desc = ALERT_DESCRIPTIONS[b[at + 1]!] ?? 'Unknown';
      c.push(node('Alert Message', at, 2, 'tls.alert_message', [
        node(`Level: ${level} (${b[at]})`, at, 1, 'tls.alert_message.level'),
        node(`Description: ${desc} (${b[at + 1]})`, at + 1, 1, 'tls.alert_message.desc'),
      ]));
      return `Alert (Level: ${level}, Description: ${desc})`;
    }
    case 20:
      c.push(node('Change Cipher Spec Message', at, len, 'tls.change_cipher_spec'));
      return 'Change Cipher Spec Protocol: Change Cipher Spec';
    case 23:
      c.push(node(`Encrypted Application Data: ${shortHex(b, at, end)}`, at, len, 'tls.app_data'));
      return 'Application Data Protocol: Application Data';
    case 22:
      return handshakes(b, at, end, c, encrypted);
  }
  if (len > 0) c.push(node(`${CONTENT_TYPES[type] ?? 'Unknown'} Message: ${shortHex(b, at, end)}`, at, len));
  return `${CONTENT_TYPES[type] ?? 'Unknown'} Protocol`;
}

function shortHex(b: Uint8Array, from: number, to: number): string {
  return toHex(b, from, Math.min(to, from + HEX_SHOWN)) + (to - from > HEX_SHOWN ? '…' : '');
}

/** The handshake messages of one record; what cannot be one (after change_cipher_spec) is encrypted. */
function handshakes(b: Uint8Array, at: number, end: number, c: DetailNode[], encrypted: boolean): string {
  const names: string[] = [];
  let p = at;
  while (p < end) {
    const t = b[p]!;
    const hlen = end - p >= HANDSHAKE_HEADER ? u24(b, p + 1) : -1;
    if (encrypted || hlen < 0 || !isKnownHandshakeType(t) || p + HANDSHAKE_HEADER + hlen > end || HANDSHAKE_TYPES[t] === undefined) {
      // the Finished of TLS 1.2 and anything after change_cipher_spec: its bytes are encrypted
      c.push(node('Handshake Protocol: Encrypted Handshake Message', p, end - p, 'tls.handshake'));
      names.push('Encrypted Handshake Message');
      break;
    }
    const name = HANDSHAKE_TYPES[t]!;
    const body = p + HANDSHAKE_HEADER;
    const bodyEnd = body + hlen;
    const h: DetailNode[] = [
      node(`Handshake Type: ${name} (${t})`, p, 1, 'tls.handshake.type'),
      node(`Length: ${hlen}`, p + 1, 3, 'tls.handshake.length'),
    ];
    if (t === 1) h.push(...clientHelloNodes(b, body, bodyEnd));
    else if (t === 2) h.push(...serverHelloNodes(b, body, bodyEnd));
    else if (t === 11) h.push(...certificateNodes(b, body, bodyEnd));
    c.push(node(`Handshake Protocol: ${name}`, p, HANDSHAKE_HEADER + hlen, 'tls.handshake', h));
    names.push(name);
    p = bodyEnd;
  }
  return `Handshake Protocol: ${names.length === 1 ? names[0] : 'Multiple Handshake Messages'}`;
}

/** Certificate (RFC 5246 section 7.4.2): the list length and each certificate's length and bytes. */
function certificateNodes(b: Uint8Array, at: number, end: number): DetailNode[] {
  if (end - at < 3) return [malformedNode('certificates length cut short', at, end - at)];
  const total = u24(b, at);
  const c: DetailNode[] = [node(`Certificates Length: ${total}`, at, 3, 'tls.handshake.certificates_length')];
  const items: DetailNode[] = [];
  let p = at + 3;
  const stop = Math.min(end, p + total);
  while (p + 3 <= stop) {
    const n = u24(b, p);
    if (p + 3 + n > stop) {
      items.push(malformedNode(`certificate of ${n} bytes runs past the list`, p, stop - p));
      break;
    }
    items.push(node(`Certificate Length: ${n}`, p, 3, 'tls.handshake.certificate_length'), node(`Certificate (${n} bytes)`, p + 3, n, 'tls.handshake.certificate'));
    p += 3 + n;
  }
  c.push(node(`Certificates (${total} bytes)`, at + 3, stop - at - 3, 'tls.handshake.certificates', items));
  return c;
}
