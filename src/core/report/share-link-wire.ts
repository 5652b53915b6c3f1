// Shared report <-> wire form (share-link-schema.ts). What the decoder can derive is left out: a finding's
// group, severity and title (from the catalogue), a verdict's text (from its finding), the ISO start time,
// event labels and intervals made the way build-report.ts makes them, remedies a recipe re-derives. Each
// is left out only when the derived value is exactly the one in the report, so decoding gives the shared
// report back unchanged (the encoder checks it).

import { CATALOGUE } from '../analysis/diagnosis/catalogue.ts';
import { endpointText } from '../base/address.ts';
import { formatIso } from '../base/time.ts';
import type { Report, ReportAttempt, ReportEvent, ReportFinding, ReportLookup, ReportTransaction, ReportVerdict } from './schema.ts';
import { byEvidenceTotal, type EvidenceTotal, type ShareOmission, type SharedReport } from './share-link-profile.ts';
import { deriveRemedy, type Recipe } from './share-link-remedy.ts';
import {
  ATTEMPT_CONFIDENCE,
  EVENT_KINDS,
  FINDING_CONFIDENCE,
  ROLES,
  STATUSES,
  type Wire,
  type WireCapture,
  type WireEndpoint,
  type WireEvent,
  type WireOmitted,
  type WireRemedyText,
  type WireVerdict,
} from './share-link-schema.ts';

const us = (t: number) => Math.round(t * 1e6);
const sec = (micros: number) => micros / 1e6;
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** A bad link the schema cannot see (a frame number below 1 after the differences are added up). */
export class WireError extends Error {}

// ---- event lanes: labels and intervals as build-report.ts makes them

type Lane = { kind: 'request'; codeName: string } | { kind: 'attempt'; target: string | null } | { kind: 'lookup'; type: string; name: string; outcome: string };

type EventLike = Pick<ReportEvent, 't' | 'kind' | 'label'>;

/** A retransmitted ClientHello (or first data) and a retransmitted SYN, as build-report.ts labels them. */
const DATA_AGAIN = 'Retransmission #';
const SYN_AGAIN = 'SYN retransmission #';
const isData = (x: EventLike) => x.kind === 'client-hello' || (x.kind === 'retransmission' && x.label.startsWith('Retransmission'));
const isSyn = (x: EventLike) => x.kind === 'syn' || (x.kind === 'retransmission' && x.label.startsWith('SYN'));

/**
 * What the decoder derives for the next event of a lane, from the events before it (kept as running
 * counts, so a lane of many events costs linear time: a link is untrusted input).
 */
class LaneState {
  private count = 0;
  private hello = false;
  private query = false;
  private dataAgain = 0;
  private synAgain = 0;
  private lastT: number | undefined;
  private lastData: number | undefined;
  private lastSyn: number | undefined;

  constructor(private readonly lane: Lane) {}

  label(kind: ReportEvent['kind']): string | null {
    const lane = this.lane;
    switch (lane.kind) {
      case 'request':
        return this.count === 0 ? lane.codeName : `${lane.codeName} again (#${this.count})`;
      case 'lookup':
        if (kind === 'dns-query') return this.query ? `${lane.type} ${lane.name}? (again)` : `${lane.type} ${lane.name}?`;
        return kind === 'dns-response' ? `${lane.type} ${lane.name}: ${lane.outcome}` : null;
      case 'attempt':
        switch (kind) {
          case 'syn':
            return 'SYN';
          case 'syn-ack':
            return 'SYN/ACK';
          case 'ack':
            return 'ACK';
          case 'client-hello':
            return lane.target ? `ClientHello (SNI ${lane.target})` : 'ClientHello';
          case 'server-hello':
            return 'ServerHello';
          case 'certificate':
            return 'Certificate';
          case 'retransmission':
            return this.hello ? `${DATA_AGAIN}${this.dataAgain + 1}` : `${SYN_AGAIN}${this.synAgain + 1}`;
          default:
            return null;
        }
    }
  }

  /** The interval build-report.ts gives this event, or undefined. */
  interval(e: EventLike): number | undefined {
    if (this.lane.kind === 'lookup') return undefined;
    const prev = this.lane.kind === 'request' ? this.lastT : isData(e) ? this.lastData : isSyn(e) ? this.lastSyn : undefined;
    return prev === undefined ? undefined : round(e.t - prev);
  }

  /** Takes the event (as it finally is) into account for the next ones. */
  push(e: EventLike): void {
    this.count++;
    this.lastT = e.t;
    if (e.kind === 'client-hello') this.hello = true;
    if (e.kind === 'dns-query') this.query = true;
    if (e.label.startsWith(DATA_AGAIN)) this.dataAgain++;
    if (e.label.startsWith(SYN_AGAIN)) this.synAgain++;
    if (isData(e)) this.lastData = e.t;
    if (isSyn(e)) this.lastSyn = e.t;
  }
}

function eventsToWire(es: readonly ReportEvent[], lane: Lane): WireEvent[] {
  let frame = 0;
  let t = 0;
  const state = new LaneState(lane);
  return es.map((e) => {
    const code = EVENT_KINDS.indexOf(e.kind) * 2 + (e.bad ? 1 : 0);
    const df = e.frame - frame;
    const dt = us(e.t) - t;
    frame = e.frame;
    t = us(e.t);
    const label = e.label === state.label(e.kind) ? 0 : e.label;
    const derived = state.interval(e);
    state.push(e);
    if (derived !== e.interval) return [df, dt, code, label, e.interval === undefined ? null : us(e.interval)];
    return label !== 0 ? [df, dt, code, label] : [df, dt, code];
  });
}

function eventsFromWire(ws: readonly WireEvent[], lane: Lane): ReportEvent[] {
  const out: ReportEvent[] = [];
  let frame = 0;
  let t = 0;
  const state = new LaneState(lane);
  for (const w of ws) {
    frame += w[0];
    t += w[1];
    if (frame < 1) throw new WireError('an event frame number below 1');
    const kind = EVENT_KINDS[w[2] >> 1]!;
    const label = w[3] === undefined || w[3] === 0 ? (state.label(kind) ?? kind) : w[3];
    const e: ReportEvent = { frame, t: sec(t), label, kind, bad: (w[2] & 1) === 1 };
    const interval = w.length > 4 ? (w[4] === null || w[4] === undefined ? undefined : sec(w[4])) : state.interval(e);
    if (interval !== undefined) e.interval = interval;
    state.push(e);
    out.push(e);
  }
  return out;
}

// ---- frames, endpoints, verdicts

function framesToWire(frames: readonly number[]): number[] {
  let p = 0;
  return frames.map((f) => {
    const d = f - p;
    p = f;
    return d;
  });
}

function framesFromWire(ds: readonly number[]): number[] {
  let p = 0;
  return ds.map((d) => {
    p += d;
    if (p < 1) throw new WireError('an evidence frame number below 1');
    return p;
  });
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

class Addresses {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(a: string): number {
    let i = this.index.get(a);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(a);
      this.index.set(a, i);
    }
    return i;
  }
  endpoint(e: string): WireEndpoint {
    const m = /^\[?(.*?)\]?:(\d+)$/.exec(e);
    if (m && Number(m[2]) <= 65_535 && endpointText(m[1]!, Number(m[2])) === e) return [this.of(m[1]!), Number(m[2])];
    return e;
  }
}

function endpointFromWire(e: WireEndpoint, A: readonly string[]): string {
  return typeof e === 'string' ? e : endpointText(A[e[0]]!, e[1]);
}

function verdictToWire(x: ReportVerdict, findings: readonly ReportFinding[], total: number | undefined): WireVerdict {
  const i = findings.findIndex((f) => f.id === x.id && f.severity === x.severity && f.summary === x.summary);
  const w: WireVerdict = i >= 0 ? { f: i } : { id: x.id, se: x.severity, su: x.summary };
  if (i < 0 || !sameList(findings[i]!.frames, x.frames)) w.fr = framesToWire(x.frames);
  if (total !== undefined) w.n = total;
  return w;
}

function verdictFromWire(w: WireVerdict, findings: readonly ReportFinding[]): ReportVerdict {
  const f = w.f === undefined ? undefined : findings[w.f]!;
  return {
    id: w.id ?? f!.id,
    severity: w.se ?? f!.severity,
    summary: w.su ?? f!.summary,
    frames: w.fr !== undefined ? framesFromWire(w.fr) : [...f!.frames],
  };
}

// ---- the whole report

/** The wire form of a shared report; `recipes` holds the recipe of each finding whose remedy has one. */
export function toWire(shared: SharedReport, recipes: ReadonlyMap<ReportFinding, Recipe>): Wire {
  const r = shared.report;
  const A = new Addresses();
  const total = (of: EvidenceTotal['of'], index: number) => shared.evidenceTotals.find((x) => x.of === of && x.index === index)?.total;
  const hosts = r.hosts.map((h) => [A.of(h.address), h.names, h.roles.map((x) => ROLES.indexOf(x))] as [number, string[], number[]]);
  const transactions = r.transactions.map((t, i) => {
    const w: Wire['t'][number] = {
      n: A.of(t.nas),
      np: t.nasPort,
      s: A.of(t.server),
      sp: t.serverPort,
      i: t.id,
      c: t.code,
      cn: t.codeName,
      r: eventsToWire(t.requests, { kind: 'request', codeName: t.codeName }),
      st: STATUSES.indexOf(t.status),
      w: [us(t.window.start), us(t.window.end), t.window.gaveUp === null ? null : us(t.window.gaveUp)],
      at: t.attempts,
      lk: t.lookups,
    };
    if (t.user !== null) w.u = t.user;
    if (t.answer) w.a = [t.answer.frame, us(t.answer.t), t.answer.code, t.answer.codeName, us(t.answer.after)];
    if (t.verdict) w.v = verdictToWire(t.verdict, r.findings, total('transaction', i));
    return w;
  });
  const attempts = r.attempts.map((a) => {
    const w: Wire['a'][number] = {
      k: a.kind === 'proxy' ? 1 : 0,
      st: a.stream,
      c: A.endpoint(a.client),
      sv: A.of(a.server),
      p: a.serverPort,
      cf: ATTEMPT_CONFIDENCE.indexOf(a.confidence),
      o: a.outcome,
      ev: eventsToWire(a.events, { kind: 'attempt', target: a.target }),
    };
    if (a.target !== null) w.tg = a.target;
    if (a.entra) w.e = 1;
    if (a.transaction !== null) w.tx = a.transaction;
    if (a.reasons.length > 0) w.rs = a.reasons;
    if (a.finding !== null) w.fi = a.finding;
    return w;
  });
  const lookups = r.lookups.map((l) => {
    const w: Wire['l'][number] = {
      n: l.name,
      ty: l.type,
      c: A.endpoint(l.client),
      s: A.endpoint(l.server),
      o: l.outcome,
      ev: eventsToWire(l.events, { kind: 'lookup', type: l.type, name: l.name, outcome: l.outcome }),
    };
    if (l.transaction !== null) w.tx = l.transaction;
    return w;
  });
  const findings = r.findings.map((f, i) => {
    const e = CATALOGUE.get(f.id)!;
    const w: Wire['f'][number] = { id: f.id, su: f.summary, fr: framesToWire(f.frames), tx: f.transactions, at: f.attempts, cf: FINDING_CONFIDENCE.indexOf(f.confidence) };
    if (f.group !== e.group) w.g = f.group;
    if (f.severity !== e.severity) w.se = f.severity;
    if (f.title !== e.title) w.ti = f.title;
    if (f.explanation !== '') w.ex = f.explanation;
    if (f.remedy !== null) w.rm = recipes.get(f) ?? remedyToWire(f.remedy);
    const n = total('finding', i);
    if (n !== undefined) w.n = n;
    return w;
  });
  const wire: Wire = { g: r.generator, c: captureToWire(r.capture), A: A.list, h: hosts, t: transactions, a: attempts, l: lookups, f: findings };
  if (r.verdict) wire.v = verdictToWire(r.verdict, r.findings, total('verdict', 0));
  const o = omittedToWire(shared.omitted);
  if (o) wire.o = o;
  const x = shared.redaction;
  if (x.users || x.addresses) wire.x = { ...(x.users ? { u: 1 } : {}), ...(x.addresses ? { a: 1 } : {}), ...(x.addresses && x.publicNames ? { p: 1 } : {}) } as Wire['x'];
  return wire;
}

function captureToWire(c: Report['capture']): WireCapture {
  const w: WireCapture = { f: c.format === 'pcapng' ? 1 : 0, fr: c.frames, lt: c.linkTypes, b: c.bytes };
  if (c.name !== null) w.n = c.name;
  if (c.start !== null) w.s = c.start;
  if (c.startIso !== (c.start === null ? null : isoOf(c.start))) w.si = c.startIso ?? '';
  if (c.duration !== null) w.d = us(c.duration);
  if (c.problems.length > 0) w.p = c.problems.map((p) => (p.frame !== undefined ? [p.id, p.severity, p.message, p.frame] : [p.id, p.severity, p.message]));
  return w;
}

function isoOf(start: string): string {
  const m = /^(-?)(\d+)\.(\d{9})$/.exec(start);
  if (!m) return '';
  const whole = Number(m[2]);
  const nsec = Number(m[3]);
  // formatEpoch writes -1.5 s as "-1.500000000": whole seconds -2, nanoseconds 500000000
  return m[1] === '-' && nsec > 0 ? formatIso(-whole - 1, 1_000_000_000 - nsec) : formatIso(m[1] === '-' ? -whole : whole, nsec);
}

function remedyToWire(r: NonNullable<ReportFinding['remedy']>): WireRemedyText {
  return {
    s: r.summary,
    st: r.steps.map((s) => {
      if (s.commands !== undefined) return [s.title, s.detail ?? null, s.commands];
      return s.detail !== undefined ? [s.title, s.detail] : [s.title];
    }),
  };
}

function omittedToWire(os: readonly ShareOmission[]): WireOmitted | null {
  const w: WireOmitted = {};
  for (const o of os) {
    if (o.kind === 'unrelated-activity') w.u = [o.attempts, o.lookups, o.hosts];
    else if (o.kind === 'evidence-lists') w.e = [o.lists, o.frames];
    else if (o.kind === 'passing-lanes') w.pl = [o.transactions, o.attempts, o.lookups];
    else if (o.kind === 'passing-transactions') w.pt = [o.transactions];
    else if (o.kind === 'texts') w.tx = [o.explanations, o.remedies, o.reasons, o.problems];
    else w.cs = [o.strings];
  }
  return Object.keys(w).length > 0 ? w : null;
}

function omittedFromWire(w: WireOmitted | undefined): ShareOmission[] {
  if (!w) return [];
  const out: ShareOmission[] = [];
  if (w.u) out.push({ kind: 'unrelated-activity', attempts: w.u[0], lookups: w.u[1], hosts: w.u[2] });
  if (w.e) out.push({ kind: 'evidence-lists', lists: w.e[0], frames: w.e[1] });
  if (w.pl) out.push({ kind: 'passing-lanes', transactions: w.pl[0], attempts: w.pl[1], lookups: w.pl[2] });
  if (w.pt) out.push({ kind: 'passing-transactions', transactions: w.pt[0] });
  if (w.tx) out.push({ kind: 'texts', explanations: w.tx[0], remedies: w.tx[1], reasons: w.tx[2], problems: w.tx[3] });
  if (w.cs) out.push({ kind: 'clipped-strings', strings: w.cs[0] });
  return out;
}

/** The shared report a (validated) wire form stands for. Throws WireError on what the schema cannot see. */
export function fromWire(w: Wire, reportVersion: number): SharedReport {
  const A = w.A;
  const totals: EvidenceTotal[] = [];
  const findings: ReportFinding[] = w.f.map((x, i) => {
    const e = CATALOGUE.get(x.id)!;
    if (x.n !== undefined) totals.push({ of: 'finding', index: i, total: x.n });
    return {
      id: x.id,
      group: x.g ?? e.group,
      severity: x.se ?? e.severity,
      title: x.ti ?? e.title,
      summary: x.su,
      explanation: x.ex ?? '',
      remedy: x.rm === undefined ? null : 'r' in x.rm ? deriveRemedy(x.rm as Recipe) : remedyFromWire(x.rm),
      frames: framesFromWire(x.fr),
      transactions: x.tx,
      attempts: x.at,
      confidence: FINDING_CONFIDENCE[x.cf]!,
    };
  });
  const transactions: ReportTransaction[] = w.t.map((x, i) => {
    if (x.v?.n !== undefined) totals.push({ of: 'transaction', index: i, total: x.v.n });
    if (x.a && x.a[0] < 1) throw new WireError('an answer frame number below 1');
    return {
      index: i,
      nas: A[x.n]!,
      nasPort: x.np,
      server: A[x.s]!,
      serverPort: x.sp,
      id: x.i,
      code: x.c,
      codeName: x.cn,
      user: x.u ?? null,
      requests: eventsFromWire(x.r, { kind: 'request', codeName: x.cn }),
      answer: x.a ? { frame: x.a[0], t: sec(x.a[1]), code: x.a[2], codeName: x.a[3], after: sec(x.a[4]) } : null,
      status: STATUSES[x.st]!,
      window: { start: sec(x.w[0]), end: sec(x.w[1]), gaveUp: x.w[2] === null ? null : sec(x.w[2]) },
      attempts: x.at,
      lookups: x.lk,
      verdict: x.v ? verdictFromWire(x.v, findings) : null,
    };
  });
  const attempts: ReportAttempt[] = w.a.map((x, i) => ({
    id: i,
    kind: x.k === 1 ? 'proxy' : 'tcp',
    stream: x.st,
    client: endpointFromWire(x.c, A),
    server: A[x.sv]!,
    serverPort: x.p,
    target: x.tg ?? null,
    entra: x.e === 1,
    transaction: x.tx ?? null,
    confidence: ATTEMPT_CONFIDENCE[x.cf]!,
    reasons: x.rs ?? [],
    outcome: x.o,
    finding: x.fi ?? null,
    events: eventsFromWire(x.ev, { kind: 'attempt', target: x.tg ?? null }),
  }));
  const lookups: ReportLookup[] = w.l.map((x) => ({
    name: x.n,
    type: x.ty,
    client: endpointFromWire(x.c, A),
    server: endpointFromWire(x.s, A),
    transaction: x.tx ?? null,
    outcome: x.o,
    events: eventsFromWire(x.ev, { kind: 'lookup', type: x.ty, name: x.n, outcome: x.o }),
  }));
  if (w.v?.n !== undefined) totals.push({ of: 'verdict', index: 0, total: w.v.n });
  const c = w.c;
  const report: Report = {
    version: reportVersion,
    generator: w.g,
    capture: {
      name: c.n ?? null,
      format: c.f === 1 ? 'pcapng' : 'pcap',
      frames: c.fr,
      start: c.s ?? null,
      startIso: c.si !== undefined ? c.si || null : c.s === undefined ? null : isoOf(c.s),
      duration: c.d === undefined ? null : sec(c.d),
      linkTypes: c.lt,
      bytes: c.b,
      problems: (c.p ?? []).map((p) => (p[3] !== undefined ? { id: p[0], severity: p[1], message: p[2], frame: p[3] } : { id: p[0], severity: p[1], message: p[2] })),
    },
    hosts: w.h.map(([a, names, roles]) => ({ address: A[a]!, names, roles: roles.map((r) => ROLES[r]!) })),
    transactions,
    attempts,
    lookups,
    findings,
    verdict: w.v ? verdictFromWire(w.v, findings) : null,
  };
  totals.sort(byEvidenceTotal);
  return {
    report,
    omitted: omittedFromWire(w.o),
    evidenceTotals: totals,
    redaction: { users: w.x?.u === 1, addresses: w.x?.a === 1, publicNames: w.x?.a === 1 && w.x?.p === 1 },
  };
}

function remedyFromWire(w: WireRemedyText): NonNullable<ReportFinding['remedy']> {
  return {
    summary: w.s,
    steps: w.st.map(([title, detail, commands]) => ({ title, ...(detail != null ? { detail } : {}), ...(commands !== undefined ? { commands } : {}) })),
  };
}
