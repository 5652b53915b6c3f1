// Builds the report (schema.ts) from a finished pass and its diagnosis: times made relative to the capture
// start, each attempt and lookup turned into the labelled events the timeline draws, hosts with their roles
// and the names the capture itself gave them.

import type { Diagnosis } from '../analysis/diagnosis/diagnose.ts';
import { OUTCOME_FINDING } from '../analysis/diagnosis/outcome.ts';
import type { LinkedAttempt, LinkedLookup } from '../analysis/diagnosis/correlate.ts';
import { addressOf } from '../analysis/diagnosis/correlate.ts';
import type { RadiusTransaction } from '../analysis/radius/radius-types.ts';
import { formatEpoch, formatIso } from '../base/time.ts';
import { endpointText } from '../base/address.ts';
import type { Diagnostic } from '../base/diagnostics.ts';
import type { DnsNameMap } from '../analysis/dns/dns-name-map.ts';
import type { FormatSummary } from '../formats/raw-frame.ts';
import { REPORT_VERSION, type Report, type ReportAttempt, type ReportEvent, type ReportHost, type ReportLookup, type ReportTransaction } from './schema.ts';

export const GENERATOR = 'radscope 0.1.0';

/** What the report needs of a finished pass (pipeline.ts ReportScan has it). */
export interface ReportScan {
  summary: FormatSummary;
  frames: number;
  bytes: number;
  firstTime: { sec: number; nsec: number } | null;
  lastTime: { sec: number; nsec: number } | null;
  diagnostics: Diagnostic[];
  radius: { transactions(): readonly RadiusTransaction[] };
  app: { dns: { tracker: { names: DnsNameMap } } };
  frameTime(frame: number): number;
}

export function buildReport(scan: ReportScan, d: Diagnosis, name: string | null): Report {
  const t0 = scan.firstTime ? scan.firstTime.sec + scan.firstTime.nsec / 1e9 : 0;
  const rel = (frame: number) => {
    const t = scan.frameTime(frame);
    return Number.isNaN(t) ? 0 : round(t - t0);
  };
  const txs = scan.radius.transactions();
  const findingOf = (a: LinkedAttempt) => (OUTCOME_FINDING as Record<string, Report['findings'][number]['id'] | undefined>)[a.outcome.kind] ?? null;
  const attempts: ReportAttempt[] = d.correlation.attempts.map((a) => ({
    id: a.id,
    kind: a.proxy ? 'proxy' : 'tcp',
    stream: a.stream,
    client: endpointText(a.tcp.client, a.tcp.clientPort),
    server: a.tcp.server,
    serverPort: a.tcp.serverPort,
    target: a.target,
    entra: a.entra !== undefined,
    transaction: a.transaction,
    confidence: a.confidence,
    reasons: a.reasons,
    outcome: a.outcome.kind,
    finding: findingOf(a),
    events: attemptEvents(a, rel),
  }));
  const lookups: ReportLookup[] = d.correlation.lookups.map((l) => lookupReport(l, rel));
  // (every lookup of the RADIUS server is kept; transactions list the relevant ones)
  const transactions: ReportTransaction[] = txs.map((t, i) => transactionReport(t, d.transactions[i]!, rel, t0));
  return {
    version: REPORT_VERSION,
    generator: GENERATOR,
    capture: {
      name,
      format: scan.summary.format,
      frames: scan.frames,
      start: scan.firstTime ? formatEpoch(scan.firstTime.sec, scan.firstTime.nsec) : null,
      startIso: scan.firstTime ? formatIso(scan.firstTime.sec, scan.firstTime.nsec) : null,
      duration: scan.firstTime && scan.lastTime ? round(scan.lastTime.sec - scan.firstTime.sec + (scan.lastTime.nsec - scan.firstTime.nsec) / 1e9) : null,
      linkTypes: [...new Set(scan.summary.interfaces.map((i) => i.linkType))],
      bytes: scan.bytes,
      problems: scan.diagnostics.slice(0, 50).map((x) => ({ id: x.id, severity: x.severity, message: x.message, ...(x.frame !== undefined ? { frame: x.frame } : {}) })),
    },
    hosts: hosts(scan, d),
    transactions,
    attempts,
    lookups,
    findings: d.findings.map((f) => ({ ...f })),
    verdict: d.verdict ? { id: d.verdict.id, severity: d.verdict.severity, summary: d.verdict.summary, frames: d.verdict.frames } : null,
  };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function attemptEvents(a: LinkedAttempt, rel: (f: number) => number): ReportEvent[] {
  const ev: ReportEvent[] = [];
  const push = (frame: number | null | undefined, label: string, kind: ReportEvent['kind'], bad = false) => {
    if (frame) ev.push({ frame, t: rel(frame), label, kind, bad });
  };
  const t = a.tcp;
  const synRetrans = new Set(t.synRetransmissions);
  let n = 0;
  for (const f of t.syn) push(f, synRetrans.has(f) ? `SYN retransmission #${++n}` : 'SYN', synRetrans.has(f) ? 'retransmission' : 'syn', synRetrans.has(f));
  for (const f of t.synAck) push(f, 'SYN/ACK', 'syn-ack');
  push(t.handshakeAck, 'ACK', 'ack');
  for (const c of a.connects) {
    push(c.requestFrame, `CONNECT ${c.target}`, 'connect');
    push(c.statusFrame, `HTTP ${c.status ?? '?'}${c.reason ? ' ' + c.reason : ''}`, 'connect-response');
  }
  const tls = a.tls;
  const hello = tls?.clientHello?.frame ?? (a.proxy ? null : t.firstClientData);
  push(hello, tls?.clientHello ? `ClientHello${tls.clientHello.sni ? ` (SNI ${tls.clientHello.sni})` : ''}` : 'first data', 'client-hello');
  n = 0;
  for (const f of t.clientRetransmissions) push(f, `Retransmission #${++n}`, 'retransmission', true);
  push(tls?.serverHello?.frame, 'ServerHello', 'server-hello');
  push(tls?.certificate?.frame !== tls?.serverHello?.frame ? tls?.certificate?.frame : null, 'Certificate', 'certificate');
  for (const al of tls?.alerts ?? []) push(al.frame, `Alert ${al.encrypted ? '(encrypted)' : al.name} from the ${al.fromClient ? 'client' : 'server'}`, 'alert');
  if (!tls?.serverHello && t.firstServerData && (hello === null || t.firstServerData > hello)) push(t.firstServerData, 'data from the server', 'data');
  for (const r of t.rst) push(r.frame, r.fromServer ? 'RST (server side)' : 'RST (client)', 'rst');
  for (const f of t.fin) push(f.frame, f.fromServer ? 'FIN (server side)' : 'FIN (client)', 'fin');
  ev.sort((x, y) => x.frame - y.frame);
  // intervals between the transmissions of the first data, and of the SYN (the back-off the field report shows)
  let prev: number | null = null;
  let prevSyn: number | null = null;
  for (const e of ev) {
    if (e.kind === 'client-hello' || (e.kind === 'retransmission' && e.label.startsWith('Retransmission'))) {
      if (prev !== null) e.interval = round(e.t - prev);
      prev = e.t;
    } else if (e.kind === 'syn' || (e.kind === 'retransmission' && e.label.startsWith('SYN'))) {
      if (prevSyn !== null) e.interval = round(e.t - prevSyn);
      prevSyn = e.t;
    }
  }
  return ev;
}

function lookupReport(l: LinkedLookup, rel: (f: number) => number): ReportLookup {
  const d = l.dns;
  const type = d.type === 1 ? 'A' : d.type === 28 ? 'AAAA' : String(d.type);
  const events: ReportEvent[] = [];
  if (d.queryFrame) events.push({ frame: d.queryFrame, t: rel(d.queryFrame), label: `${type} ${d.name}?`, kind: 'dns-query', bad: false });
  for (const f of d.retransmissions) events.push({ frame: f, t: rel(f), label: `${type} ${d.name}? (again)`, kind: 'dns-query', bad: false });
  const outcome = d.responseFrame === null ? 'no response' : d.rcode !== 0 ? (d.rcodeName ?? `rcode ${d.rcode}`) : d.addresses.length ? d.addresses.join(', ') : 'no address';
  if (d.responseFrame) events.push({ frame: d.responseFrame, t: rel(d.responseFrame), label: `${type} ${d.name}: ${outcome}`, kind: 'dns-response', bad: false });
  return { name: d.name, type, client: d.client, server: d.server, transaction: l.transaction, outcome, events };
}

function transactionReport(t: RadiusTransaction, td: Diagnosis['transactions'][number], rel: (f: number) => number, t0: number): ReportTransaction {
  const requests: ReportEvent[] = [{ frame: t.requestFrame, t: rel(t.requestFrame), label: t.codeName, kind: 'data', bad: false }];
  t.duplicateFrames.forEach((f, i) => requests.push({ frame: f, t: rel(f), label: `${t.codeName} again (#${i + 1})`, kind: 'retransmission', bad: false, interval: round(rel(f) - requests[requests.length - 1]!.t) }));
  return {
    index: t.index,
    nas: t.nas,
    nasPort: t.nasPort,
    server: t.server,
    serverPort: t.serverPort,
    id: t.id,
    code: t.code,
    codeName: t.codeName,
    user: t.userName,
    requests,
    answer: t.rspFrame === null ? null : { frame: t.rspFrame, t: rel(t.rspFrame), code: t.rspCode ?? 0, codeName: t.rspCodeName ?? '', after: round(t.time ?? 0) },
    status: td.status,
    window: { start: round(td.window.start - t0), end: round(td.window.end - t0), gaveUp: td.window.gaveUp === null ? null : round(td.window.gaveUp - t0) },
    attempts: td.attempts,
    lookups: td.lookups,
    verdict: td.verdict ? { id: td.verdict.id, severity: td.verdict.severity, summary: td.verdict.summary, frames: td.verdict.frames } : null,
  };
}

function hosts(scan: ReportScan, d: Diagnosis): ReportHost[] {
  const map = new Map<string, ReportHost>();
  const role = (address: string, r: ReportHost['roles'][number], name?: string | null) => {
    let h = map.get(address);
    if (!h) map.set(address, (h = { address, names: [], roles: [] }));
    if (!h.roles.includes(r)) h.roles.push(r);
    if (name && !h.names.includes(name)) h.names.push(name);
  };
  for (const t of scan.radius.transactions()) {
    role(t.nas, 'nas');
    role(t.server, 'radius-server');
  }
  for (const a of d.correlation.attempts) {
    if (a.proxy) role(a.tcp.server, 'proxy');
    else role(a.tcp.server, a.entra ? 'entra-endpoint' : 'https-endpoint', a.target);
  }
  for (const l of d.correlation.lookups) role(addressOf(l.dns.server), 'dns-server');
  for (const h of map.values()) {
    for (const b of scan.app.dns.tracker.names.namesFor(h.address)) if (!h.names.includes(b.name)) h.names.push(b.name);
  }
  return [...map.values()];
}
