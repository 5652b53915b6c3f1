// What the verdict panel shows, decided without the DOM: which finding the verdict is, the other findings
// by severity, the Wireshark filter for a finding's evidence, what each evidence frame is, and the words
// for a capture with nothing to diagnose.

import type { Report, ReportFinding, ReportVerdict } from '../../core/report/schema.ts';
import { undecodedLinkProblem } from '../../core/report/unread-frames.ts';

export type Severity = ReportFinding['severity'];

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

export const SEVERITY_LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };

/** A Wireshark display filter that selects exactly these frames: `frame.number in {1 2 3}`. */
export function wiresharkFilter(frames: readonly number[]): string {
  return frames.length === 0 ? '' : `frame.number in {${frames.join(' ')}}`;
}

/** The finding the verdict names: same id, preferring the one with the verdict's evidence frames. */
export function verdictFinding(report: Report): ReportFinding | null {
  const v = report.verdict;
  if (!v) return null;
  const same = report.findings.filter((f) => f.id === v.id);
  return same.find((f) => sameFrames(f.frames, v.frames)) ?? same[0] ?? null;
}

function sameFrames(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export interface SeverityGroup {
  severity: Severity;
  findings: ReportFinding[];
}

/** Every finding except the verdict's, grouped error, warning, info (empty groups left out). */
export function otherFindings(report: Report): SeverityGroup[] {
  const main = verdictFinding(report);
  const rest = report.findings.filter((f) => f !== main);
  return SEVERITY_ORDER.map((severity) => ({ severity, findings: rest.filter((f) => f.severity === severity) })).filter((g) => g.findings.length > 0);
}

/** What the report calls each frame it mentions (for the evidence buttons' labels). */
export function frameLabels(report: Report): Map<number, string> {
  const m = new Map<number, string>();
  const add = (frame: number, label: string) => {
    if (!m.has(frame)) m.set(frame, label);
  };
  for (const tx of report.transactions) {
    for (const e of tx.requests) add(e.frame, e.label);
    if (tx.answer) add(tx.answer.frame, tx.answer.codeName);
  }
  for (const a of report.attempts) for (const e of a.events) add(e.frame, a.target ? `${e.label} · ${a.target}` : e.label);
  for (const l of report.lookups) for (const e of l.events) add(e.frame, e.label);
  return m;
}

export interface HealthMessage {
  /** 'healthy': every request answered; 'empty': no RADIUS request; 'unclear': problems but no single cause. */
  kind: 'healthy' | 'empty' | 'unclear';
  headline: string;
  detail: string;
}

/** The message shown instead of a verdict (only meaningful when report.verdict is null). */
export function healthMessage(report: Report): HealthMessage {
  const txs = report.transactions;
  const serious = report.findings.filter((f) => f.severity !== 'info');
  if (serious.length > 0) {
    return {
      kind: 'unclear',
      headline: 'No single root cause found',
      detail: `The capture has ${serious.length} finding${serious.length === 1 ? '' : 's'} below, but none explains a failed RADIUS request on its own.`,
    };
  }
  if (txs.length === 0) {
    const unread = undecodedLinkProblem(report);
    if (unread !== null) return { kind: 'empty', headline: 'Nothing radscope could read', detail: `This capture holds no RADIUS request radscope could read: ${unread}.` };
    return { kind: 'empty', headline: 'Nothing to diagnose', detail: 'This capture holds no RADIUS request.' };
  }
  const notAnswered = txs.filter((t) => t.status !== 'answered' && t.status !== 'challenged');
  if (notAnswered.length > 0) {
    const statuses = [...new Set(notAnswered.map((t) => t.status))].join(', ');
    return {
      kind: 'unclear',
      headline: 'No single root cause found',
      detail: `${notAnswered.length} of ${txs.length} RADIUS requests did not end in a timely answer (${statuses}), but the capture does not show why.`,
    };
  }
  const byCode = new Map<string, number>();
  let slowest = 0;
  for (const tx of txs) {
    const name = tx.answer?.codeName ?? 'no answer';
    byCode.set(name, (byCode.get(name) ?? 0) + 1);
    if (tx.answer) slowest = Math.max(slowest, tx.answer.after);
  }
  const answers = [...byCode].map(([name, n]) => `${n} ${name}`).join(', ');
  const req = `${txs.length} RADIUS request${txs.length === 1 ? '' : 's'}`;
  return {
    kind: 'healthy',
    headline: 'Nothing to diagnose: every RADIUS request was answered',
    detail: `${req}, answered with ${answers}; the slowest answer came after ${formatAfter(slowest)}.`,
  };
}

function formatAfter(s: number): string {
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  return `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;
}

/** The verdict's frames, or a finding's, as the evidence list shows them: in order, each once. */
export function evidenceFrames(x: Pick<ReportVerdict, 'frames'>): number[] {
  return [...new Set(x.frames)].sort((a, b) => a - b);
}
