// Redaction of a report before it is shared (issue "Share a report by link"): user names become user-1,
// user-2, ...; IP addresses become addr-1, addr-2, ... and the capture's host names host-1, host-2, ...
// Each value maps to the same placeholder everywhere in one report (the structured fields and every
// sentence, label and remedy command that mentions it), numbered in the order the report first names them
// (hosts first, so the NAS and the RADIUS server come first).
//
// Public service names stay by default: the Entra endpoints and the other names under domains Microsoft
// owns (PUBLIC_SUFFIXES) say what the server was calling, not who the customer is, and the remedy needs
// them ("allow login.microsoftonline.com"). A name that merely ends in one of them after a search suffix
// (login.microsoftonline.com.corp.example) is the customer's and is replaced. `keepPublicNames: false`
// replaces those too.
//
// The walk is generic: every string of the report is redacted except the enumerations listed in KEEP, so
// a field added to the schema later is redacted by default. The capture's file name is dropped (file
// names carry host and user names). A report never holds a User-Password or a shared secret; the share
// link encoder checks that separately (share-link.ts `forbidden`).

import { entraEndpoint } from '../analysis/diagnosis/entra.ts';
import type { Report } from './schema.ts';

export interface RedactOptions {
  /** Replace RADIUS user names with user-1, user-2, ... */
  users?: boolean;
  /** Replace IP addresses with addr-1, addr-2, ... and host names with host-1, host-2, ... */
  addresses?: boolean;
  /** With `addresses`: keep public service names (isPublicServiceName) as they are. Default true. */
  keepPublicNames?: boolean;
}

/** Domains whose names are public services (Microsoft's, which the NPS extension and Windows call). */
export const PUBLIC_SUFFIXES: readonly string[] = [
  'microsoftonline.com',
  'microsoft.com',
  'windows.com',
  'windows.net',
  'windowsazure.com',
  'azure.com',
  'live.com',
  'msftncsi.com',
  'msftconnecttest.com',
  'windowsupdate.com',
  'microsoftonline.us',
  'microsoft.us',
  'windowsazure.us',
  'chinacloudapi.cn',
  'microsoft.cn',
  'windowsazure.cn',
];

/** A public service name: an Entra endpoint radscope knows, or a name under PUBLIC_SUFFIXES. */
export function isPublicServiceName(name: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (entraEndpoint(n) !== undefined) return true;
  return PUBLIC_SUFFIXES.some((s) => n === s || n.endsWith('.' + s));
}

/** Paths (keys from the report's root, array levels skipped) whose strings are enumerations, never redacted. */
const KEEP = new Set([
  'generator',
  'capture.format',
  'capture.start',
  'capture.startIso',
  'capture.problems.id',
  'capture.problems.severity',
  'hosts.roles',
  'transactions.codeName',
  'transactions.status',
  'transactions.requests.kind',
  'transactions.answer.codeName',
  'transactions.verdict.id',
  'transactions.verdict.severity',
  'attempts.kind',
  'attempts.confidence',
  'attempts.outcome',
  'attempts.finding',
  'attempts.events.kind',
  'lookups.type',
  'lookups.events.kind',
  'findings.id',
  'findings.group',
  'findings.severity',
  'findings.title',
  'findings.confidence',
  'verdict.id',
  'verdict.severity',
]);

const IPV4 = /(?<![0-9.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![0-9]|\.\d)/g;
const IPV6_CANDIDATE = /(?<![0-9A-Za-z:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?::\d{1,3}(?:\.\d{1,3}){3})?(?![0-9A-Za-z:])/g;

/** Whether text is an IPv6 address (RFC 4291 section 2.2 text forms). */
export function isIpv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  let groups = 0;
  for (const h of halves) {
    if (h === '') continue;
    const parts = h.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i === parts.length - 1 && p.includes('.')) {
        if (!/^\d{1,3}(?:\.\d{1,3}){3}$/.test(p)) return false;
        groups += 2;
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(p)) groups++;
      else return false;
    }
  }
  return halves.length === 2 ? groups <= 7 : groups === 8;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function endpointAddress(endpoint: string): string {
  if (endpoint.startsWith('[')) return endpoint.slice(1, endpoint.indexOf(']'));
  const i = endpoint.lastIndexOf(':');
  return i > 0 && endpoint.indexOf(':') === i ? endpoint.slice(0, i) : endpoint;
}

/** Placeholders by kind, each value numbered once (case-insensitive). */
class Placeholders {
  readonly map = new Map<string, string>();
  private readonly counts = { addr: 0, host: 0, user: 0 };

  add(kind: 'addr' | 'host' | 'user', value: string | null | undefined): void {
    if (!value) return;
    const key = value.toLowerCase();
    if (!this.map.has(key)) this.map.set(key, `${kind}-${++this.counts[kind]}`);
  }
}

/** The report with user names, addresses and host names replaced as the options say (a new object). */
export function redactReport(report: Report, opts: RedactOptions): Report {
  if (!opts.users && !opts.addresses) return report;
  const keepPublic = opts.keepPublicNames ?? true;
  const p = new Placeholders();
  const addr = (a: string | null | undefined) => opts.addresses && p.add('addr', a);
  const name = (n: string | null | undefined) => {
    if (opts.addresses && n && !(keepPublic && isPublicServiceName(n))) p.add('host', n.replace(/\.$/, ''));
  };
  for (const h of report.hosts) {
    addr(h.address);
    h.names.forEach(name);
  }
  for (const t of report.transactions) {
    addr(t.nas);
    addr(t.server);
    if (opts.users) p.add('user', t.user);
  }
  for (const a of report.attempts) {
    addr(endpointAddress(a.client));
    addr(a.server);
    name(a.target);
    for (const e of a.events) {
      const sni = /^ClientHello \(SNI (.+)\)$/.exec(e.label)?.[1];
      const connect = /^CONNECT (.+?)(?::\d+)?$/.exec(e.label)?.[1];
      name(sni);
      name(connect?.replace(/^\[(.*)\]$/, '$1'));
    }
  }
  for (const l of report.lookups) {
    name(l.name);
    addr(endpointAddress(l.client));
    addr(endpointAddress(l.server));
  }
  if (opts.addresses) {
    // addresses only sentences name (DNS answers, the RADIUS server in a remedy, ...)
    walk(report, '', (s) => {
      for (const m of s.matchAll(IPV4)) p.add('addr', m[0]);
      for (const m of s.matchAll(IPV6_CANDIDATE)) if (isIpv6(m[0])) p.add('addr', m[0]);
      return s;
    });
  }
  const tokens = [...p.map.keys()].sort((a, b) => b.length - a.length);
  const re = tokens.length === 0 ? null : new RegExp(`(?<![A-Za-z0-9_.-])(?:${tokens.map(escapeRegExp).join('|')})(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`, 'gi');
  const replace = (s: string): string => {
    if (re === null) return s;
    const out = s.replace(re, (m) => p.map.get(m.toLowerCase()) ?? m);
    // "[2001:db8::1]:443" became "[addr-3]:443": write it as endpointText writes an address without colons
    return out.replace(/\[((?:addr|host)-\d+)\](?=:\d)/g, '$1');
  };
  const redacted = walk(report, '', replace) as Report;
  redacted.capture.name = null;
  return redacted;
}

/** A copy of a JSON-safe value with every string (except the KEEP paths) passed through `f`. */
function walk(value: unknown, path: string, f: (s: string) => string): unknown {
  if (typeof value === 'string') return KEEP.has(path) ? value : f(value);
  if (Array.isArray(value)) return value.map((x) => walk(x, path, f));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(value)) out[k] = walk(x, path === '' ? k : `${path}.${k}`, f);
    return out;
  }
  return value;
}
