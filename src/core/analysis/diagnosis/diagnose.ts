// From correlated activity to findings and verdicts (issue "Diagnosis"). The rule for a RADIUS request's
// root cause, in order:
//   1. the shared secret does not match (RADIUS-level proof outranks what the server then did);
//   2. an outbound attempt it caused failed (DNS, TCP, proxy, TLS): that failure explains the silence or the
//      reject; the most confident link first, then the earliest;
//   3. it was answered after the NAS had retransmitted: the NAS timeout is shorter than MFA takes;
//   4. it was answered with Access-Reject;
//   5. it was never answered and nothing outbound explains it (capture.blind when the capture shows no
//      outbound traffic at all).
// The capture's verdict is the root cause of most failing requests (errors before warnings); a capture with
// no finding of severity warning or error has no verdict.

import { endpointText } from '../../base/address.ts';
import type { RadiusFrameInfo, RadiusTransaction } from '../radius/radius-types.ts';
import { catalogueEntry, severityRank, type FindingGroup, type FindingId, type FindingSeverity } from './catalogue.ts';
import { addressOf, correlate, type Confidence, type Correlation, type CorrelationInput, type LinkedAttempt, type LinkedLookup } from './correlate.ts';
import { describeAttemptFinding, describeDnsFailure, describeRadiusFinding } from './describe.ts';
import { OUTCOME_FINDING } from './outcome.ts';
import type { Remedy } from './remedies.ts';

export interface Finding {
  id: FindingId;
  group: FindingGroup;
  severity: FindingSeverity;
  title: string;
  /** One specific sentence. */
  summary: string;
  explanation: string;
  remedy: Remedy | null;
  /** Evidence, 1-based frame numbers, ascending. */
  frames: number[];
  transactions: number[];
  attempts: number[];
  /** How sure: 'certain' (seen), 'likely' (the usual cause of what was seen), 'suspected' (an inference). */
  confidence: 'certain' | 'likely' | 'suspected';
}

export interface Verdict {
  id: FindingId;
  severity: FindingSeverity;
  summary: string;
  frames: number[];
  /** The finding (index in Diagnosis.findings) it comes from. */
  finding: number;
}

export interface TransactionDiagnosis {
  index: number;
  status: 'answered' | 'unanswered' | 'late' | 'rejected' | 'challenged';
  window: { start: number; end: number; gaveUp: number | null };
  attempts: number[];
  lookups: number[];
  verdict: Verdict | null;
}

export interface Diagnosis {
  servers: string[];
  correlation: Correlation;
  findings: Finding[];
  transactions: TransactionDiagnosis[];
  verdict: Verdict | null;
}

export interface DiagnosisInput extends CorrelationInput {
  radiusInfo(frame: number): RadiusFrameInfo | undefined;
  /** Shared secrets were given (then authenticators and passwords prove or disprove a match). */
  secretsGiven: boolean;
}

const CONFIDENCE_RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };
const ACCESS_REQUEST = 1;
const ACCESS_ACCEPT = 2;
const ACCESS_REJECT = 3;
const ACCESS_CHALLENGE = 11;

export function diagnose(input: DiagnosisInput): Diagnosis {
  const corr = correlate(input);
  const findings: Finding[] = [];
  const add = (id: FindingId, parts: Omit<Finding, 'id' | 'group' | 'severity' | 'title'>): number => {
    const e = catalogueEntry(id);
    findings.push({ id, group: e.group, severity: e.severity, title: e.title, ...parts, frames: uniq(parts.frames) });
    return findings.length - 1;
  };
  const txs = input.transactions;
  const perTx: TransactionDiagnosis[] = txs.map((t, i) => ({
    index: i,
    status: statusOf(t),
    window: corr.windows[i]!,
    attempts: corr.attempts.filter((a) => a.transaction === i).map((a) => a.id),
    lookups: corr.lookups.flatMap((l, j) => (l.transaction === i && l.relevant ? [j] : [])),
    verdict: null,
  }));

  // --- outbound failures: one finding per (kind, target), with every attempt and request it covers
  const groups = new Map<string, LinkedAttempt[]>();
  for (const a of corr.attempts) {
    const fid = (OUTCOME_FINDING as Record<string, FindingId | undefined>)[a.outcome.kind];
    if (fid === undefined || a.transaction === null) continue;
    const key = `${fid}|${a.target ?? a.tcp.server}|${a.proxy ? a.tcp.server : ''}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const attemptFinding = new Map<number, number>();
  for (const [key, list] of groups) {
    const fid = key.split('|')[0] as FindingId;
    const txIdx = uniqIndex(list.map((a) => a.transaction!));
    const requestFrames = txIdx.flatMap((i) => requestFramesOf(txs[i]!));
    const d = describeAttemptFinding(fid, list, txIdx.map((i) => txs[i]!));
    const f = add(fid, {
      ...d,
      frames: [...requestFrames, ...list.flatMap((a) => a.outcome.frames)],
      transactions: txIdx,
      attempts: list.map((a) => a.id),
      confidence: list.some((a) => a.confidence !== 'low') ? d.confidence : 'suspected',
    });
    for (const a of list) attemptFinding.set(a.id, f);
  }

  // --- DNS: every A/AAAA lookup of a name the server needed failed
  const dnsFindingByTx = new Map<number, number>();
  for (const [name, lookups] of neededNames(corr, perTx, input)) {
    const txIdx = uniqIndex(lookups.map((l) => l.transaction!));
    const requestFrames = txIdx.flatMap((i) => requestFramesOf(txs[i]!));
    const dnsServers = uniq2(lookups.map((l) => addressOf(l.dns.server)));
    const f = add('dns.lookup.failed', {
      ...describeDnsFailure(name, lookups, [...corr.servers][0] ?? '?', dnsServers),
      frames: [...requestFrames, ...lookups.flatMap((l) => [l.dns.queryFrame, ...l.dns.retransmissions, l.dns.responseFrame ?? 0])],
      transactions: txIdx,
      attempts: [],
    });
    for (const i of txIdx) if (!dnsFindingByTx.has(i)) dnsFindingByTx.set(i, f);
  }

  // --- proxy tunnels that worked (info)
  const tunnels = corr.attempts.filter((a) => a.proxy && a.connects.some((c) => c.outcome === 'established'));
  if (tunnels.length > 0) {
    const byProxy = new Map<string, LinkedAttempt[]>();
    for (const a of tunnels) byProxy.set(endpointText(a.tcp.server, a.tcp.serverPort), [...(byProxy.get(endpointText(a.tcp.server, a.tcp.serverPort)) ?? []), a]);
    for (const [proxy, list] of byProxy) {
      const d = describeAttemptFinding('proxy.tunnel', list, []);
      add('proxy.tunnel', { ...d, summary: d.summary.replace('PROXY', proxy), frames: list.flatMap((a) => [...a.connects.flatMap((c) => [c.requestFrame, c.statusFrame ?? 0]), ...a.outcome.frames]), transactions: uniqIndex(list.flatMap((a) => (a.transaction === null ? [] : [a.transaction]))), attempts: list.map((a) => a.id) });
    }
  }

  // --- RADIUS-level findings and each request's verdict
  for (const td of perTx) {
    const t = txs[td.index]!;
    if (t.code !== ACCESS_REQUEST) continue;
    const candidates: number[] = [];
    const mismatch = secretMismatch(t, input);
    if (mismatch !== null) {
      candidates.push(add('radius.secret.mismatch', { ...describeRadiusFinding('radius.secret.mismatch', t, mismatch), frames: [...requestFramesOf(t), ...t.responseFrames, ...mismatch.frames], transactions: [td.index], attempts: [] }));
    }
    const failed = td.attempts
      .map((id) => corr.attempts[id]!)
      .filter((a) => attemptFinding.has(a.id))
      .sort((x, y) => CONFIDENCE_RANK[x.confidence] - CONFIDENCE_RANK[y.confidence] || x.tcp.firstTime - y.tcp.firstTime);
    const dnsF = dnsFindingByTx.get(td.index);
    // a DNS failure comes first in time: nothing could be attempted after it
    if (dnsF !== undefined && failed.length === 0) candidates.push(dnsF);
    if (failed.length > 0) candidates.push(attemptFinding.get(failed[0]!.id)!);
    if (td.status === 'late') candidates.push(add('radius.response.late', { ...describeRadiusFinding('radius.response.late', t, null), frames: [...requestFramesOf(t), ...t.responseFrames], transactions: [td.index], attempts: [] }));
    if (t.rspCode === ACCESS_REJECT && mismatch === null) candidates.push(add('radius.access_reject', { ...describeRadiusFinding('radius.access_reject', t, null), frames: [...requestFramesOf(t), ...t.responseFrames], transactions: [td.index], attempts: [] }));
    if (td.status === 'unanswered') {
      const why = candidates.length > 0 ? null : corr.outboundSeen ? 'radius.request.unanswered' : 'capture.blind';
      const u = add('radius.request.unanswered', { ...describeRadiusFinding('radius.request.unanswered', t, null), frames: requestFramesOf(t), transactions: [td.index], attempts: td.attempts });
      if (why === 'capture.blind') candidates.push(add('capture.blind', { ...describeRadiusFinding('capture.blind', t, null), frames: requestFramesOf(t), transactions: [td.index], attempts: [] }));
      else if (why !== null) candidates.push(u);
    }
    const root = candidates[0];
    if (root !== undefined) {
      const f = findings[root]!;
      td.verdict = { id: f.id, severity: f.severity, summary: f.summary, frames: uniq([...requestFramesOf(t), ...f.frames.filter((x) => belongsTo(x, td, corr, t))]), finding: root };
    }
  }

  return { servers: [...corr.servers], correlation: corr, findings, transactions: perTx, verdict: captureVerdict(perTx, findings) };
}

function statusOf(t: RadiusTransaction): TransactionDiagnosis['status'] {
  if (t.rspFrame === null) return 'unanswered';
  const firstDup = t.duplicateOffsets.find((x): x is number => x !== null);
  if (firstDup !== undefined && t.time !== null && firstDup < t.time) return 'late';
  if (t.rspCode === ACCESS_REJECT) return 'rejected';
  if (t.rspCode === ACCESS_CHALLENGE) return 'challenged';
  return t.rspCode === ACCESS_ACCEPT ? 'answered' : 'answered';
}

function requestFramesOf(t: RadiusTransaction): number[] {
  return [t.requestFrame, ...t.duplicateFrames];
}

/** The frames of a finding that concern this request (its own requests and its own attempts and lookups). */
function belongsTo(frame: number, td: TransactionDiagnosis, corr: Correlation, t: RadiusTransaction): boolean {
  if (requestFramesOf(t).includes(frame) || t.responseFrames.includes(frame)) return true;
  if (td.attempts.some((id) => corr.attempts[id]!.outcome.frames.includes(frame))) return true;
  return td.lookups.some((j) => {
    const d = corr.lookups[j]!.dns;
    return d.queryFrame === frame || d.responseFrame === frame || d.retransmissions.includes(frame);
  });
}

/**
 * Names the server needed whose every A/AAAA lookup (search-suffix variants included) failed: Entra
 * endpoints always; another name only when it was the first thing the server looked up for an unanswered
 * request and nothing was attempted after it.
 */
function neededNames(corr: Correlation, perTx: TransactionDiagnosis[], input: DiagnosisInput): Map<string, LinkedLookup[]> {
  const out = new Map<string, LinkedLookup[]>();
  const byBase = new Map<string, LinkedLookup[]>();
  for (const l of corr.lookups) {
    if (l.transaction === null || (l.dns.type !== 1 && l.dns.type !== 28)) continue;
    const base = l.entra?.host ?? l.dns.name.toLowerCase().replace(/\.$/, '');
    byBase.set(base, [...(byBase.get(base) ?? []), l]);
  }
  for (const [base, list] of byBase) {
    const entra = list.some((l) => l.entra !== undefined);
    if (!entra) {
      if (!base.includes('.') || /^(wpad|isatap)\b/.test(base) || !list.some((l) => l.relevant)) continue;
      const unansweredTx = list.every((l) => perTx[l.transaction!]!.status === 'unanswered' && perTx[l.transaction!]!.attempts.length === 0);
      if (!unansweredTx) continue;
    }
    const resolution = input.dns.lookups.resolution(base);
    const ok = resolution.lookups.some((x) => x.outcome === 'answered' && list.some((l) => l.dns === x.transaction));
    const linked = list.filter((l) => resolution.lookups.some((x) => x.transaction === l.dns));
    if (!ok && linked.length > 0 && linked.every((l) => l.dns.responseFrame === null || lookupFailed(l))) out.set(base, linked);
  }
  return out;
}

function lookupFailed(l: LinkedLookup): boolean {
  const d = l.dns;
  if (d.responseFrame === null) return true;
  if (d.rcode !== 0) return true;
  return !d.addresses.length;
}

interface MismatchProof {
  frames: number[];
  how: 'authenticator' | 'password' | 'resent-after-answer';
}

/**
 * The NAS and the server do not share the secret: with secrets given, an authenticator or Message-
 * Authenticator fails or the User-Password decodes to garbage; without, the NAS sends a request again after
 * it was answered (it threw the answer away, as a NAS does with an answer it cannot authenticate).
 */
function secretMismatch(t: RadiusTransaction, input: DiagnosisInput): MismatchProof | null {
  if (input.secretsGiven) {
    const failing = [...requestFramesOf(t), ...t.responseFrames].filter((f) => {
      const info = input.radiusInfo(f);
      return info?.secrets != null && info.secrets.secretIndex === -1;
    });
    if (failing.length > 0) {
      const pw = failing.some((f) => input.radiusInfo(f)?.secrets?.checks.some((c) => c.kind === 'user-password' && !c.valid.some(Boolean)));
      return { frames: failing, how: pw ? 'password' : 'authenticator' };
    }
  }
  if (t.rspFrame !== null) {
    const resent = t.duplicateFrames.filter((f) => f > t.rspFrame!);
    if (resent.length > 0) return { frames: resent, how: 'resent-after-answer' };
  }
  return null;
}

function captureVerdict(perTx: TransactionDiagnosis[], findings: Finding[]): Verdict | null {
  const counts = new Map<FindingId, { n: number; severity: FindingSeverity; first: number; frames: number[]; finding: number }>();
  for (const td of perTx) {
    const v = td.verdict;
    if (v === null || severityRank(v.severity) < severityRank('warning')) continue;
    const c = counts.get(v.id);
    if (c) {
      c.n++;
      c.frames.push(...v.frames);
    } else counts.set(v.id, { n: 1, severity: v.severity, first: td.window.start, frames: [...v.frames], finding: v.finding });
  }
  let best: [FindingId, { n: number; severity: FindingSeverity; first: number; frames: number[]; finding: number }] | null = null;
  for (const e of counts) {
    if (best === null) best = e;
    else {
      const [, b] = best;
      const [, c] = e;
      const better = severityRank(c.severity) - severityRank(b.severity) || c.n - b.n || b.first - c.first;
      if (better > 0) best = e;
    }
  }
  if (best === null) return null;
  const [id, c] = best;
  return { id, severity: c.severity, summary: findings[c.finding]!.summary, frames: uniq(c.frames), finding: c.finding };
}

/** Indexes (from 0), distinct and ascending. */
function uniqIndex(xs: number[]): number[] {
  return [...new Set(xs)].sort((a, b) => a - b);
}

/** Frame numbers (from 1), distinct and ascending. */
function uniq(xs: number[]): number[] {
  return [...new Set(xs.filter((x) => x > 0))].sort((a, b) => a - b);
}

function uniq2(xs: string[]): string[] {
  return [...new Set(xs)];
}
