// Info-column text for the application layers, in Wireshark's words where it has them (packet-dns.c,
// packet-http.c, packet-tls.c): what a person scanning the packet list reads.

import type { DnsFrameInfo } from '../analysis/dns/dns-analysis.ts';
import type { HttpFrameInfo } from '../analysis/http/http-tracker.ts';
import type { TlsFrameInfo } from '../analysis/tls/tls-frame-info.ts';
import { dnsTypeName } from '../dissect/dns-codes.ts';
import { ALERT_DESCRIPTION_NAMES, CONTENT_TYPE_NAMES, HANDSHAKE_TYPE_NAMES } from '../dissect/tls-constants.ts';

export function dnsInfo(d: DnsFrameInfo): string {
  const q = d.qname === null ? '' : ` ${d.qtype === null ? '' : dnsTypeName(d.qtype) + ' '}${d.qname}`;
  const id = `0x${d.id.toString(16).padStart(4, '0')}`;
  if (!d.response) return `Standard query ${id}${q}`;
  const rcode = d.rcode !== null && d.rcode !== 0 ? ` ${d.rcodeName ?? `rcode ${d.rcode}`}` : '';
  const answers = d.answers.map((a) => ` ${a.type} ${a.value}`).join('');
  return `Standard query response ${id}${rcode}${q}${answers}`;
}

export function httpInfo(h: HttpFrameInfo): string {
  if (h.method !== null) return `${h.method} ${h.target ?? ''}`.trim();
  return h.status !== null ? `HTTP ${h.status}` : 'HTTP';
}

const titles = new Map<string, string>();

/** The spec's snake_case names as Wireshark prints them: client_hello -> "Client Hello", unknown_ca -> "Unknown CA".
 * Remembered: a TLS frame's Info is made during the pass, and the names are few. */
function title(name: string): string {
  let t = titles.get(name);
  if (t === undefined) titles.set(name, (t = spell(name)));
  return t;
}

function spell(name: string): string {
  return name
    .split('_')
    .map((w) => (['ca', 'psk', 'ech'].includes(w) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

export function tlsInfo(t: TlsFrameInfo): string {
  // most TLS frames carry records of one content type and nothing else (Application Data): no list to join
  const types = t.contentTypes;
  if (t.handshake.length === 0 && t.alerts.length === 0 && types.length > 0 && types.every((c) => c === types[0])) {
    return title(CONTENT_TYPE_NAMES[types[0]!] ?? `content_type_${types[0]}`);
  }
  const parts: string[] = [];
  for (const hs of t.handshake) {
    const name = title(HANDSHAKE_TYPE_NAMES[hs] ?? `handshake_${hs}`);
    parts.push(hs === 1 && t.sni ? `${name} (SNI=${t.sni})` : hs === 2 && t.helloRetryRequest ? 'Hello Retry Request' : name);
  }
  for (const a of t.alerts) {
    const level = a.level === 2 ? 'Fatal' : a.level === 1 ? 'Warning' : a.level < 0 ? 'Encrypted' : `Level ${a.level}`;
    parts.push(a.level < 0 ? 'Encrypted Alert' : `Alert (Level: ${level}, Description: ${title(ALERT_DESCRIPTION_NAMES[a.description] ?? String(a.description))})`);
  }
  if (parts.length === 0) {
    for (let i = 0; i < types.length; i++) {
      const c = types[i]!;
      if (types.indexOf(c) === i) parts.push(title(CONTENT_TYPE_NAMES[c] ?? `content_type_${c}`));
    }
  }
  // TLS 1.3 hides the content type of encrypted records (opaque_type 23): Wireshark says Application Data
  if (parts.length === 0 && t.recordVersions.length > 0) parts.push('Application Data');
  return parts.join(', ');
}
