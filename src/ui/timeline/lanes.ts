// From a Report to what the timeline draws: one group per RADIUS transaction (its request lane, then one
// lane per attempt and per looked-up name the transaction lists, in time order), plus a group of the
// connections no request caused. Passing transactions start collapsed; "failing only" hides them.

import type { Report, ReportAttempt, ReportEvent, ReportLookup, ReportTransaction } from '../../core/report/schema.ts';
import { clusterCandidates, clusterSegments, eventPriority, fullLabel, labelCandidates } from './event-labels.ts';
import { formatDuration } from './ticks.ts';

export type LaneKind = 'radius' | 'dns' | 'tcp' | 'tls' | 'proxy';
export type Tone = 'ok' | 'warning' | 'error' | 'neutral';
export type MarkKind = ReportEvent['kind'] | 'request' | 'duplicate' | 'answer' | 'no-reply';

export interface LaneMark {
  key: string;
  /** The frame it stands for; null for the "no reply" marker, which is an absence. */
  frame: number | null;
  t: number;
  kind: MarkKind;
  /** The report's label, in full (tooltip, export). */
  label: string;
  /** Label texts to try, longest first. */
  candidates: string[];
  /** The report's label without the interval, the event kind and badness, for naming a cluster of marks. */
  base: { label: string; kind: ReportEvent['kind']; bad: boolean };
  priority: number;
  /** Wireshark's Bad TCP colours. */
  bad: boolean;
  tone: Tone;
  /** One of the verdict's evidence frames. */
  evidence: boolean;
}

export interface Lane {
  key: string;
  kind: LaneKind;
  /** Target name (SNI, CONNECT, DNS) or the RADIUS request, and where it went (address:port). */
  title: string;
  subtitle: string;
  /** The finding this lane ends in (its title), if any. */
  note: string | null;
  /** Longer description for the lane's tooltip. */
  details: string[];
  tone: Tone;
  marks: LaneMark[];
  /** A bar under the marks: how long the RADIUS request waited, and how it ended. */
  span: { t0: number; t1: number; tone: Tone } | null;
  /** Text dropped from mark labels because the lane title already says it (the DNS name). */
  dropName?: string;
  transaction: number | null;
  attempt: number | null;
}

export interface LaneGroup {
  key: string;
  transaction: ReportTransaction | null;
  failing: boolean;
  expanded: boolean;
  /** How many lanes an expanded group has (the collapsed one shows only its first). */
  laneCount: number;
  /** Shown as a header row (groups without a RADIUS lane of their own). */
  header: string | null;
  lanes: Lane[];
  /** The request's window, drawn as a band behind the group. */
  band: { t0: number; t1: number; tone: Tone } | null;
}

export interface LaneOptions {
  failingOnly: boolean;
  /** Expanded/collapsed as the user chose, by group key; others follow the default (failing = expanded). */
  overrides?: ReadonlyMap<string, boolean>;
}

const FAILING_STATUS: ReadonlySet<ReportTransaction['status']> = new Set(['unanswered', 'late', 'rejected']);

/** A request the user wants to look at: a warning or error verdict, or no timely accepting answer. */
export function isFailing(tx: ReportTransaction): boolean {
  return tx.verdict?.severity === 'error' || tx.verdict?.severity === 'warning' || FAILING_STATUS.has(tx.status);
}

export function filterFailing(txs: readonly ReportTransaction[]): ReportTransaction[] {
  return txs.filter(isFailing);
}

export const OTHER_GROUP = 'other';

export function groupKey(tx: ReportTransaction): string {
  return `tx${tx.index}`;
}

export function buildLaneGroups(report: Report, o: LaneOptions): LaneGroup[] {
  const attemptsById = new Map(report.attempts.map((a) => [a.id, a]));
  const findingOf = (id: string | null) => (id === null ? undefined : report.findings.find((f) => f.id === id));
  const findingTitle = (id: string | null) => (id === null ? null : (findingOf(id)?.title ?? id));
  const findingTone = (id: string | null): Tone => {
    const sev = findingOf(id)?.severity ?? 'error';
    return sev === 'info' ? 'neutral' : sev;
  };
  const groups: LaneGroup[] = [];
  const claimed = new Set<number>();
  for (const tx of report.transactions) for (const id of tx.attempts) claimed.add(id);

  for (const tx of report.transactions) {
    const failing = isFailing(tx);
    if (o.failingOnly && !failing) continue;
    const key = groupKey(tx);
    const expanded = o.overrides?.get(key) ?? failing;
    const evidence = new Set(tx.verdict?.frames ?? []);
    const sub: Lane[] = [];
    for (const id of tx.attempts) {
      const a = attemptsById.get(id);
      if (a) sub.push(attemptLane(a, evidence, findingTitle(a.finding), findingTone(a.finding)));
    }
    for (const l of dnsLanes(tx, report.lookups, evidence)) sub.push(l);
    sub.sort((a, b) => firstT(a) - firstT(b));
    const lanes = [radiusLane(tx, evidence), ...sub];
    const end = tx.answer?.t ?? tx.window.gaveUp ?? tx.window.end;
    groups.push({
      key,
      transaction: tx,
      failing,
      expanded,
      laneCount: lanes.length,
      header: null,
      lanes: expanded ? lanes : lanes.slice(0, 1),
      band: { t0: tx.window.start, t1: Math.max(end, tx.window.start), tone: radiusTone(tx) },
    });
  }

  const others = report.attempts.filter((a) => !claimed.has(a.id));
  if (others.length > 0 && !o.failingOnly) {
    const expanded = o.overrides?.get(OTHER_GROUP) ?? false;
    const lanes = others.map((a) => attemptLane(a, new Set(), findingTitle(a.finding), findingTone(a.finding)));
    groups.push({
      key: OTHER_GROUP,
      transaction: null,
      failing: false,
      expanded,
      laneCount: lanes.length,
      header: `Other connections, not caused by a RADIUS request (${others.length})`,
      lanes: expanded ? lanes : [],
      band: null,
    });
  }
  return groups;
}

function firstT(l: Lane): number {
  return l.marks.reduce((m, x) => Math.min(m, x.t), Infinity);
}

function radiusTone(tx: ReportTransaction): Tone {
  if (tx.verdict) return tx.verdict.severity === 'info' ? 'neutral' : tx.verdict.severity;
  switch (tx.status) {
    case 'answered':
      return 'ok';
    case 'unanswered':
      return 'error';
    case 'late':
    case 'rejected':
      return 'warning';
    default:
      return 'neutral';
  }
}

export function radiusLane(tx: ReportTransaction, evidence: ReadonlySet<number>): Lane {
  const tone = radiusTone(tx);
  const marks: LaneMark[] = tx.requests.map((e, i) => {
    const duplicate = i > 0 || e.kind === 'retransmission';
    return withLazyLabels(
      {
        key: `r${tx.index}:${e.frame}`,
        frame: e.frame,
        t: e.t,
        kind: duplicate ? 'duplicate' : 'request',
        base: { label: e.label, kind: duplicate ? 'retransmission' : 'data', bad: e.bad },
        priority: duplicate ? 70 : 95,
        bad: e.bad,
        tone: 'neutral',
        evidence: evidence.has(e.frame),
      },
      () => fullLabel(e),
      () => labelCandidates(e),
    );
  });
  if (tx.answer) {
    const a = tx.answer;
    const late = tx.status === 'late' ? ', after the NAS gave up' : '';
    const label = () => `${a.codeName} after ${formatDuration(a.after)}${late}`;
    marks.push(
      withLazyLabels(
        {
          key: `r${tx.index}:${a.frame}:answer`,
          frame: a.frame,
          t: a.t,
          kind: 'answer',
          base: { label: a.codeName, kind: 'data', bad: false },
          priority: 96,
          bad: false,
          tone: tx.status === 'answered' ? 'ok' : tone === 'neutral' ? 'neutral' : tone,
          evidence: evidence.has(a.frame),
        },
        label,
        () => [label(), `${a.codeName} (+${formatDuration(a.after)})`, a.codeName],
      ),
    );
  } else {
    const at = tx.window.gaveUp ?? tx.window.end;
    const label = tx.window.gaveUp !== null ? 'No reply: the NAS gave up' : 'No reply';
    marks.push(
      withLazyLabels(
        {
          key: `r${tx.index}:noreply`,
          frame: null,
          t: at,
          kind: 'no-reply',
          base: { label: 'No reply', kind: 'data', bad: false },
          priority: 100,
          bad: false,
          tone: 'error',
          evidence: false,
        },
        () => `${label} (${formatDuration(at - tx.window.start)} after the request)`,
        () => [label, 'No reply'],
      ),
    );
  }
  const end = tx.answer?.t ?? tx.window.gaveUp ?? tx.window.end;
  return {
    key: `radius:${tx.index}`,
    kind: 'radius',
    title: `${tx.codeName} ${tx.id}`,
    subtitle: `${tx.nas}:${tx.nasPort} → ${tx.server}:${tx.serverPort}`,
    note: null,
    details: [
      `RADIUS ${tx.codeName} ${tx.id}${tx.user ? ` for ${tx.user}` : ''}`,
      `from the NAS ${tx.nas}:${tx.nasPort} to ${tx.server}:${tx.serverPort}`,
      `status: ${tx.status}`,
      ...(tx.verdict ? [tx.verdict.summary] : []),
    ],
    tone,
    marks,
    span: { t0: tx.window.start, t1: Math.max(end, tx.window.start), tone },
    transaction: tx.index,
    attempt: null,
  };
}

/** tls when the attempt carried a ClientHello, proxy for CONNECT tunnels, tcp otherwise. */
export function attemptKind(a: ReportAttempt): LaneKind {
  if (a.kind === 'proxy') return 'proxy';
  return a.events.some((e) => e.kind === 'client-hello') ? 'tls' : 'tcp';
}

export function attemptLane(a: ReportAttempt, evidence: ReadonlySet<number>, findingTitle: string | null, tone: Tone): Lane {
  const kind = attemptKind(a);
  const where = `${a.server}:${a.serverPort}`;
  const ok = /(^|-)ok$/.test(a.outcome);
  return {
    key: `attempt:${a.id}`,
    kind,
    title: a.target ?? where,
    subtitle: kind === 'proxy' ? `via proxy ${where}` : where,
    note: findingTitle,
    details: [
      `${kind === 'proxy' ? 'Through the proxy' : 'TCP'} ${a.client} → ${where}${a.target ? ` for ${a.target}` : ''}`,
      `outcome: ${a.outcome}${findingTitle ? ` (${findingTitle})` : ''}`,
      ...a.reasons.map((r) => `linked: ${r}`),
    ],
    tone: a.finding !== null ? tone : ok ? 'ok' : 'neutral',
    marks: a.events.map((e, i) => eventMark(`a${a.id}:${i}`, e, evidence)),
    span: null,
    transaction: a.transaction,
    attempt: a.id,
  };
}

/** The lookups a transaction lists, one lane per name and DNS server (A and AAAA, and repeats, together). */
export function dnsLanes(tx: ReportTransaction, lookups: readonly ReportLookup[], evidence: ReadonlySet<number>): Lane[] {
  const byName = new Map<string, ReportLookup[]>();
  for (const i of tx.lookups) {
    const l = lookups[i];
    if (!l) continue;
    const k = `${l.name}@${l.server}`;
    const list = byName.get(k);
    if (list) list.push(l);
    else byName.set(k, [l]);
  }
  const out: Lane[] = [];
  for (const [k, ls] of byName) {
    const first = ls[0]!;
    const types = [...new Set(ls.map((l) => (/^\d+$/.test(l.type) ? `type ${l.type}` : l.type)))];
    const events = ls.flatMap((l) => l.events).sort((a, b) => a.t - b.t || a.frame - b.frame);
    const marks = events.map((e, i) => eventMark(`d${tx.index}:${k}:${i}`, e, evidence, first.name));
    const implicated = marks.some((m) => m.evidence);
    out.push({
      key: `dns:${tx.index}:${k}`,
      kind: 'dns',
      title: first.name,
      subtitle: `DNS ${types.join(' + ')} via ${first.server}`,
      note: null,
      details: [`DNS ${types.join(' + ')} ${first.name} from ${first.client} to ${first.server}`, ...ls.map((l) => `${l.type}: ${l.outcome}`)],
      tone: implicated ? (tx.verdict?.severity === 'warning' ? 'warning' : 'error') : 'neutral',
      marks,
      span: null,
      dropName: first.name,
      transaction: tx.index,
      attempt: null,
    });
  }
  return out;
}

function eventMark(key: string, e: ReportEvent, evidence: ReadonlySet<number>, dropName?: string): LaneMark {
  return withLazyLabels(
    {
      key,
      frame: e.frame,
      t: e.t,
      kind: e.kind,
      base: { label: e.label, kind: e.kind, bad: e.bad },
      priority: eventPriority(e),
      bad: e.bad,
      tone: e.bad ? 'error' : 'neutral',
      evidence: evidence.has(e.frame),
    },
    () => fullLabel(e),
    () => labelCandidates(e, dropName),
  );
}

type MarkFields = Omit<LaneMark, 'label' | 'candidates'>;

/**
 * A mark whose label texts are made when first read: lanes are built for every request of the capture
 * (hundreds, again for each provisional report) but only the few on screen are labelled.
 */
class LazyMark implements LaneMark {
  readonly key: string;
  readonly frame: number | null;
  readonly t: number;
  readonly kind: MarkKind;
  readonly base: LaneMark['base'];
  readonly priority: number;
  readonly bad: boolean;
  readonly tone: Tone;
  readonly evidence: boolean;
  #label: string | undefined;
  #candidates: string[] | undefined;
  readonly #makeLabel: () => string;
  readonly #makeCandidates: () => string[];

  constructor(m: MarkFields, makeLabel: () => string, makeCandidates: () => string[]) {
    this.key = m.key;
    this.frame = m.frame;
    this.t = m.t;
    this.kind = m.kind;
    this.base = m.base;
    this.priority = m.priority;
    this.bad = m.bad;
    this.tone = m.tone;
    this.evidence = m.evidence;
    this.#makeLabel = makeLabel;
    this.#makeCandidates = makeCandidates;
  }

  get label(): string {
    return (this.#label ??= this.#makeLabel());
  }

  get candidates(): string[] {
    return (this.#candidates ??= this.#makeCandidates());
  }
}

function withLazyLabels(m: MarkFields, label: () => string, candidates: () => string[]): LaneMark {
  return new LazyMark(m, label, candidates);
}

/** Label candidates for marks drawn as one (too close to tell apart at this zoom). */
export function markClusterCandidates(marks: readonly LaneMark[], dropName?: string): string[] {
  const named = labelledMembers(marks);
  if (named.length === 1) return named[0]!.candidates;
  return clusterCandidates(named.map((m) => m.base), dropName);
}

/**
 * The members a cluster's label names: bare "data" packets are left out, and so are DNS queries when
 * their answers are in the same cluster (the answer says more).
 */
export function labelledMembers(marks: readonly LaneMark[]): LaneMark[] {
  const hasAnswer = marks.some((m) => m.kind === 'dns-response');
  const kept = marks.filter((m) => !(m.kind === 'data' && /^data\b/.test(m.base.label)) && !(hasAnswer && m.kind === 'dns-query'));
  return kept.length > 0 ? kept : [...marks];
}

/** The parts of a cluster's label to draw in Bad TCP colours: the short labels of its bad members. */
export function badParts(marks: readonly LaneMark[], dropName?: string): string[] {
  const named = labelledMembers(marks);
  if (named.length === 1) return [];
  return clusterSegments(
    named.map((m) => m.base),
    dropName,
  )
    .filter((x) => x.bad)
    .map((x) => x.text);
}

export interface FrameInfo {
  t: number;
  label: string;
}

/** Every frame the report places on the timeline, with its time and label. */
export function frameIndex(report: Report): Map<number, FrameInfo> {
  const m = new Map<number, FrameInfo>();
  const add = (e: { frame: number; t: number; label: string }) => {
    if (!m.has(e.frame)) m.set(e.frame, { t: e.t, label: e.label });
  };
  for (const tx of report.transactions) {
    tx.requests.forEach(add);
    if (tx.answer) add({ frame: tx.answer.frame, t: tx.answer.t, label: tx.answer.codeName });
  }
  for (const a of report.attempts) a.events.forEach(add);
  for (const l of report.lookups) l.events.forEach(add);
  return m;
}

/** The end of the time axis: the capture's duration, or the last event when the duration is unknown. */
export function captureEnd(report: Report): number {
  let end = report.capture.duration ?? 0;
  for (const tx of report.transactions) end = Math.max(end, tx.window.end, tx.window.gaveUp ?? 0, tx.answer?.t ?? 0);
  for (const a of report.attempts) for (const e of a.events) end = Math.max(end, e.t);
  return end;
}

/** Counts for the toolbar. */
export function transactionCounts(report: Report): { total: number; failing: number } {
  return { total: report.transactions.length, failing: filterFailing(report.transactions).length };
}

/**
 * Where a frame sits among the transactions: the group that shows it, and whether that group's collapsed
 * form (its RADIUS lane alone) shows it too.
 */
export function groupOfFrame(report: Report, frame: number): { key: string; inFirstLane: boolean } | null {
  const attemptsById = new Map(report.attempts.map((a) => [a.id, a]));
  for (const tx of report.transactions) {
    if (tx.requests.some((e) => e.frame === frame) || tx.answer?.frame === frame) return { key: groupKey(tx), inFirstLane: true };
    if (tx.attempts.some((id) => attemptsById.get(id)?.events.some((e) => e.frame === frame))) return { key: groupKey(tx), inFirstLane: false };
    if (tx.lookups.some((i) => report.lookups[i]?.events.some((e) => e.frame === frame))) return { key: groupKey(tx), inFirstLane: false };
  }
  const claimed = new Set(report.transactions.flatMap((t) => t.attempts));
  if (report.attempts.some((a) => !claimed.has(a.id) && a.events.some((e) => e.frame === frame))) return { key: OTHER_GROUP, inFirstLane: false };
  return null;
}
