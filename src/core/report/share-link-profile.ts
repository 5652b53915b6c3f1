// The share profile: the part of a report a shared link carries, as a Report the shared page shows as it
// is. Always: the verdict, every finding (its summary, explanation, remedy and evidence frames), every
// RADIUS transaction with its timeline lanes (the connections and DNS lookups it caused), the capture
// summary and the hosts those name; times rounded to the microsecond, strings stripped of control
// characters and bounded (SHARE_LIMITS). Left out always: what no request's timeline shows and no finding
// cites (the page's "other connections", lookups not tied to a request), and the hosts only those name.
//
// A report too large for the link's target length degrades step by step, in this order (DEGRADATION):
//   1. evidence-lists: every evidence list (the verdict's, each finding's, each request's verdict) keeps
//      its first EVIDENCE_KEPT frames and says how many it had;
//   2. passing-lanes: the connections and lookups of passing requests (answered in time, no verdict of
//      warning or error) are dropped; the requests stay;
//   3. passing-transactions: the passing requests themselves are dropped;
//   4. texts: explanations, attempt reasons, capture problems and remedies that travel as text (those a
//      recipe re-derives stay) are dropped.
// What each step left out is counted (ShareOmission) for the share dialog and the shared page to say so.

import type { Remedy } from '../analysis/diagnosis/remedies.ts';
import type { Report, ReportAttempt, ReportEvent, ReportFinding, ReportLookup, ReportTransaction, ReportVerdict } from './schema.ts';
import { SHARE_LIMITS, UNSAFE_CHARS } from './share-link-schema.ts';

export const DEGRADATION = ['evidence-lists', 'passing-lanes', 'passing-transactions', 'texts'] as const;
export type DegradationStep = (typeof DEGRADATION)[number];

/** Frames an evidence list keeps once step 1 applies. */
export const EVIDENCE_KEPT = 12;

/** Something the link leaves out, with counts, for the dialog and the shared page to tell. */
export type ShareOmission =
  | { kind: 'unrelated-activity'; attempts: number; lookups: number; hosts: number }
  | { kind: 'evidence-lists'; lists: number; frames: number }
  | { kind: 'passing-lanes'; transactions: number; attempts: number; lookups: number }
  | { kind: 'passing-transactions'; transactions: number }
  | { kind: 'texts'; explanations: number; remedies: number; reasons: number; problems: number }
  | { kind: 'clipped-strings'; strings: number };

/** The order omissions are listed in: the base profile's, then the degradation steps', then clipping. */
export const OMISSION_ORDER: readonly ShareOmission['kind'][] = ['unrelated-activity', ...DEGRADATION, 'clipped-strings'];

/** A shortened evidence list: where it is and how many frames it had. */
export interface EvidenceTotal {
  of: 'verdict' | 'finding' | 'transaction';
  /** Index in report.findings or report.transactions (0 for the verdict). */
  index: number;
  total: number;
}

const TOTAL_ORDER: Record<EvidenceTotal['of'], number> = { verdict: 0, transaction: 1, finding: 2 };

/** Evidence totals in their one order: the verdict's, then the requests', then the findings'. */
export function byEvidenceTotal(a: EvidenceTotal, b: EvidenceTotal): number {
  return TOTAL_ORDER[a.of] - TOTAL_ORDER[b.of] || a.index - b.index;
}

export interface Redaction {
  users: boolean;
  addresses: boolean;
  /** Public service names were kept (with addresses). */
  publicNames: boolean;
}

/** A report as a link carries it. */
export interface SharedReport {
  report: Report;
  omitted: ShareOmission[];
  evidenceTotals: EvidenceTotal[];
  redaction: Redaction;
}

/** The wording of an omission, for the share dialog and the shared page. */
export function describeOmission(o: ShareOmission): string {
  const n = (x: number, one: string, many = one + 's') => `${x.toLocaleString('en-US')} ${x === 1 ? one : many}`;
  switch (o.kind) {
    case 'unrelated-activity':
      return `Left out: what no RADIUS request's timeline shows (${n(o.attempts, 'connection')}, ${n(o.lookups, 'DNS lookup')}, and ${n(o.hosts, 'host')} named only there).`;
    case 'evidence-lists':
      return `Evidence shortened: ${n(o.lists, 'evidence list')} keep their first ${EVIDENCE_KEPT} frames (${n(o.frames, 'frame')} left out).`;
    case 'passing-lanes':
      return `Left out: the connections and lookups of ${n(o.transactions, 'passing request')} (${n(o.attempts, 'connection')}, ${n(o.lookups, 'DNS lookup')}).`;
    case 'passing-transactions':
      return `Left out: ${n(o.transactions, 'passing RADIUS request')}.`;
    case 'texts':
      return `Left out: ${n(o.explanations, 'explanation')}, ${n(o.remedies, 'remedy', 'remedies')}, ${n(o.reasons, 'correlation reason')} and ${n(o.problems, 'capture problem')}.`;
    case 'clipped-strings':
      return `${n(o.strings, 'text')} longer than a link allows ${o.strings === 1 ? 'was' : 'were'} shortened (ending in "…").`;
  }
}

/** A request the shared page shows as failing (as the timeline's "failing only" does). */
export function isFailing(tx: ReportTransaction): boolean {
  return tx.verdict?.severity === 'error' || tx.verdict?.severity === 'warning' || tx.status === 'unanswered' || tx.status === 'late' || tx.status === 'rejected';
}

const us = (t: number) => Math.round(t * 1e6);
const time = (t: number) => us(t) / 1e6;

/**
 * The share profile of a (redacted) report at a degradation level: 0 none, 1..4 the first n steps of
 * DEGRADATION. `remedyKept(f)` says whether a finding's remedy re-derives from a recipe (it stays in step 4).
 */
export function shareProfile(report: Report, level: number, remedyKept: (f: ReportFinding) => boolean, redaction: Redaction): SharedReport {
  const omitted: ShareOmission[] = [];
  const totals: EvidenceTotal[] = [];
  const step = (s: DegradationStep) => level > DEGRADATION.indexOf(s);

  // which transactions, attempts and lookups stay (old positions, in order)
  // (a request's index is its position, and attempts' ids theirs: schema.ts)
  const passing = new Set(report.transactions.flatMap((t, i) => (isFailing(t) ? [] : [i])));
  const txKeep = report.transactions.flatMap((_, i) => (step('passing-transactions') && passing.has(i) ? [] : [i]));
  const claimedA = new Set<number>();
  const claimedL = new Set<number>();
  for (const t of report.transactions) {
    t.attempts.forEach((i) => claimedA.add(i));
    t.lookups.forEach((i) => claimedL.add(i));
  }
  for (const f of report.findings) f.attempts.forEach((i) => claimedA.add(i));
  const laneDropped = (txIndex: number | null) => txIndex !== null && step('passing-lanes') && passing.has(txIndex);
  const ownerOfLookup = new Map<number, number>();
  report.transactions.forEach((t, ti) => t.lookups.forEach((i) => ownerOfLookup.has(i) || ownerOfLookup.set(i, ti)));
  const aKeep = report.attempts.map((a, i) => (claimedA.has(i) && !laneDropped(a.transaction) ? i : -1)).filter((i) => i >= 0);
  const lKeep = report.lookups.map((l, i) => (claimedL.has(i) && !laneDropped(ownerOfLookup.get(i) ?? l.transaction) ? i : -1)).filter((i) => i >= 0);

  const unrelatedA = report.attempts.length - claimedA.size;
  const unrelatedL = report.lookups.length - claimedL.size;
  if (step('passing-lanes')) {
    const lanesA = [...claimedA].filter((i) => laneDropped(report.attempts[i]?.transaction ?? null)).length;
    const lanesL = [...claimedL].filter((i) => laneDropped(ownerOfLookup.get(i) ?? report.lookups[i]?.transaction ?? null)).length;
    const txs = report.transactions.filter((t, i) => passing.has(i) && (t.attempts.length > 0 || t.lookups.length > 0)).length;
    if (lanesA + lanesL > 0) omitted.push({ kind: 'passing-lanes', transactions: txs, attempts: lanesA, lookups: lanesL });
  }
  if (step('passing-transactions') && passing.size > 0) omitted.push({ kind: 'passing-transactions', transactions: passing.size });

  const txNew = new Map(txKeep.map((old, i) => [old, i]));
  const aNew = new Map(aKeep.map((old, i) => [old, i]));
  const lNew = new Map(lKeep.map((old, i) => [old, i]));
  const remap = (xs: number[], m: Map<number, number>) => xs.filter((x) => m.has(x)).map((x) => m.get(x)!);
  const remapOne = (x: number | null) => (x === null ? null : (txNew.get(x) ?? null));

  let listsCut = 0;
  let framesCut = 0;
  const evidence = (frames: number[], of: EvidenceTotal['of'], index: number): number[] => {
    if (!step('evidence-lists') || frames.length <= EVIDENCE_KEPT) return [...frames];
    listsCut++;
    framesCut += frames.length - EVIDENCE_KEPT;
    totals.push({ of, index, total: frames.length });
    return frames.slice(0, EVIDENCE_KEPT);
  };
  const events = (es: ReportEvent[]): ReportEvent[] =>
    es.map((e) => ({ frame: e.frame, t: time(e.t), label: e.label, kind: e.kind, bad: e.bad, ...(e.interval !== undefined ? { interval: time(e.interval) } : {}) }));
  const verdict = (x: ReportVerdict | null, of: EvidenceTotal['of'], index: number): ReportVerdict | null =>
    x === null ? null : { id: x.id, severity: x.severity, summary: x.summary, frames: evidence(x.frames, of, index) };

  const texts = step('texts');
  let explanations = 0;
  let remedies = 0;
  let reasons = 0;

  const transactions: ReportTransaction[] = txKeep.map((old, i) => {
    const t = report.transactions[old]!;
    return {
      index: i,
      nas: t.nas,
      nasPort: t.nasPort,
      server: t.server,
      serverPort: t.serverPort,
      id: t.id,
      code: t.code,
      codeName: t.codeName,
      user: t.user,
      requests: events(t.requests),
      answer: t.answer === null ? null : { frame: t.answer.frame, t: time(t.answer.t), code: t.answer.code, codeName: t.answer.codeName, after: time(t.answer.after) },
      status: t.status,
      window: { start: time(t.window.start), end: time(t.window.end), gaveUp: t.window.gaveUp === null ? null : time(t.window.gaveUp) },
      attempts: remap(t.attempts, aNew),
      lookups: remap(t.lookups, lNew),
      verdict: verdict(t.verdict, 'transaction', i),
    };
  });
  const attempts: ReportAttempt[] = aKeep.map((old, i) => {
    const a = report.attempts[old]!;
    if (texts) reasons += a.reasons.length;
    return {
      id: i,
      kind: a.kind,
      stream: a.stream,
      client: a.client,
      server: a.server,
      serverPort: a.serverPort,
      target: a.target,
      entra: a.entra,
      transaction: remapOne(a.transaction),
      confidence: a.confidence,
      reasons: texts ? [] : a.reasons.slice(0, 32),
      outcome: a.outcome,
      finding: a.finding,
      events: events(a.events),
    };
  });
  const lookups: ReportLookup[] = lKeep.map((old) => {
    const l = report.lookups[old]!;
    return { name: l.name, type: l.type, client: l.client, server: l.server, transaction: remapOne(l.transaction), outcome: l.outcome, events: events(l.events) };
  });
  const findings: ReportFinding[] = report.findings.map((f, i) => {
    const keepRemedy = !texts || f.remedy === null || remedyKept(f);
    if (texts && f.explanation !== '') explanations++;
    if (!keepRemedy) remedies++;
    return {
      id: f.id,
      group: f.group,
      severity: f.severity,
      title: f.title,
      summary: f.summary,
      explanation: texts ? '' : f.explanation,
      remedy: keepRemedy && f.remedy !== null ? boundRemedy(f.remedy) : null,
      frames: evidence(f.frames, 'finding', i),
      transactions: remap(f.transactions, txNew),
      attempts: remap(f.attempts, aNew),
      confidence: f.confidence,
    };
  });

  // hosts named by what stays
  const named = new Set<string>();
  const endpointAddress = (e: string) => (e.startsWith('[') ? e.slice(1, e.indexOf(']')) : e.lastIndexOf(':') > 0 && e.indexOf(':') === e.lastIndexOf(':') ? e.slice(0, e.lastIndexOf(':')) : e);
  for (const t of transactions) named.add(t.nas).add(t.server);
  for (const a of attempts) named.add(endpointAddress(a.client)).add(a.server);
  for (const l of lookups) named.add(endpointAddress(l.client)).add(endpointAddress(l.server));
  const hosts = report.hosts.filter((h) => named.has(h.address)).map((h) => ({ address: h.address, names: h.names.slice(0, 64), roles: [...h.roles] }));

  const problems = report.capture.problems.slice(0, 50);
  const capture: Report['capture'] = {
    name: report.capture.name,
    format: report.capture.format,
    frames: report.capture.frames,
    start: report.capture.start,
    startIso: report.capture.startIso,
    duration: report.capture.duration === null ? null : time(report.capture.duration),
    linkTypes: report.capture.linkTypes.slice(0, 64),
    bytes: report.capture.bytes,
    problems: texts ? [] : problems.map((p) => ({ id: p.id, severity: p.severity, message: p.message, ...(p.frame !== undefined ? { frame: p.frame } : {}) })),
  };

  if (unrelatedA + unrelatedL > 0 || hosts.length < report.hosts.length) {
    omitted.push({ kind: 'unrelated-activity', attempts: unrelatedA, lookups: unrelatedL, hosts: report.hosts.length - hosts.length });
  }
  if (listsCut > 0) omitted.push({ kind: 'evidence-lists', lists: listsCut, frames: framesCut });
  if (texts && explanations + remedies + reasons + problems.length > 0) omitted.push({ kind: 'texts', explanations, remedies, reasons, problems: problems.length });

  const shared: Report = {
    version: report.version,
    generator: report.generator,
    capture,
    hosts,
    transactions,
    attempts,
    lookups,
    findings,
    verdict: verdict(report.verdict, 'verdict', 0),
  };
  const clipped = clipStrings(shared);
  if (clipped > 0) omitted.push({ kind: 'clipped-strings', strings: clipped });
  omitted.sort((a, b) => OMISSION_ORDER.indexOf(a.kind) - OMISSION_ORDER.indexOf(b.kind));
  totals.sort(byEvidenceTotal);
  return { report: shared, omitted, evidenceTotals: totals, redaction };
}

function boundRemedy(r: Remedy): Remedy {
  return {
    summary: r.summary,
    steps: r.steps.slice(0, 32).map((s) => ({ title: s.title, ...(s.detail !== undefined ? { detail: s.detail } : {}), ...(s.commands !== undefined ? { commands: s.commands.slice(0, 64) } : {}) })),
  };
}

/** Limits by path (keys from the root, array levels skipped); other strings get SHARE_LIMITS.line. */
const LIMITS: Record<string, number> = {
  generator: SHARE_LIMITS.code,
  'capture.name': SHARE_LIMITS.name,
  'capture.problems.id': SHARE_LIMITS.code,
  'capture.problems.severity': SHARE_LIMITS.code,
  'capture.problems.message': SHARE_LIMITS.text,
  'hosts.address': SHARE_LIMITS.address,
  'hosts.names': SHARE_LIMITS.name,
  'transactions.nas': SHARE_LIMITS.address,
  'transactions.server': SHARE_LIMITS.address,
  'transactions.codeName': SHARE_LIMITS.code,
  'transactions.user': SHARE_LIMITS.name,
  'transactions.answer.codeName': SHARE_LIMITS.code,
  'transactions.verdict.summary': SHARE_LIMITS.text,
  'attempts.client': SHARE_LIMITS.address,
  'attempts.server': SHARE_LIMITS.address,
  'attempts.target': SHARE_LIMITS.name,
  'attempts.outcome': SHARE_LIMITS.code,
  'lookups.name': SHARE_LIMITS.name,
  'lookups.type': SHARE_LIMITS.code,
  'lookups.client': SHARE_LIMITS.address,
  'lookups.server': SHARE_LIMITS.address,
  'findings.summary': SHARE_LIMITS.text,
  'findings.explanation': SHARE_LIMITS.text,
  'verdict.summary': SHARE_LIMITS.text,
};

/** Enumerations the schema checks by value: never rewritten. */
const ENUMS = new Set(['hosts.roles', 'transactions.status', 'transactions.requests.kind', 'transactions.verdict.id', 'transactions.verdict.severity', 'attempts.kind', 'attempts.confidence', 'attempts.finding', 'attempts.events.kind', 'lookups.events.kind', 'findings.id', 'findings.group', 'findings.severity', 'findings.confidence', 'verdict.id', 'verdict.severity', 'capture.format', 'capture.start']);

const UNSAFE_GLOBAL = new RegExp(UNSAFE_CHARS.source, 'gu');

/** Makes every string of the report safe and within its limit, in place; returns how many were shortened. */
function clipStrings(report: Report): number {
  let clipped = 0;
  const fix = (s: string, path: string): string => {
    if (ENUMS.has(path)) return s;
    let out = UNSAFE_CHARS.test(s) ? s.replace(UNSAFE_GLOBAL, '\ufffd') : s;
    const max = LIMITS[path] ?? SHARE_LIMITS.line;
    if (out.length > max) {
      clipped++;
      // never split a surrogate pair
      let cut = max - 1;
      if (/[\ud800-\udbff]/.test(out.charAt(cut - 1))) cut--;
      out = out.slice(0, cut) + '…';
    }
    return out;
  };
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') return fix(value, path);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = walk(value[i], path);
      return value;
    }
    if (value !== null && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      for (const k of Object.keys(o)) o[k] = walk(o[k], path === '' ? k : `${path}.${k}`);
    }
    return value;
  };
  walk(report, '');
  return clipped;
}
