// What each event is called on the timeline: the report's label (with the retransmission interval, as in
// "Retransmission #3 (+420 ms)"), shorter forms for when space is tight, and how much a label matters when
// labels compete for space. All text is the report's own, shortened; nothing is invented.

import type { ReportEvent } from '../../core/report/schema.ts';
import { formatDuration } from './ticks.ts';

export type EventKind = ReportEvent['kind'];

/** Higher wins a contested label slot; the story of a failure (ClientHello, resets, refusals) comes first. */
const PRIORITY: Record<EventKind, number> = {
  'client-hello': 90,
  rst: 90,
  alert: 90,
  'connect-response': 88,
  'server-hello': 85,
  retransmission: 80,
  connect: 75,
  syn: 70,
  'dns-response': 60,
  'syn-ack': 60,
  certificate: 55,
  ack: 50,
  fin: 40,
  'dns-query': 30,
  data: 20,
};

export function eventPriority(e: Pick<ReportEvent, 'kind' | 'bad'>): number {
  return (PRIORITY[e.kind] ?? 10) + (e.bad ? 10 : 0);
}

/** The full label: the report's, plus the interval when the report gives one. */
export function fullLabel(e: Pick<ReportEvent, 'label' | 'interval'>): string {
  if (e.interval === undefined) return e.label;
  const d = `+${formatDuration(e.interval)}`;
  // "Access-Request again (#1)" becomes "Access-Request again (#1, +5 s)", not "(#1) (+5 s)".
  return e.label.endsWith(')') ? `${e.label.slice(0, -1)}, ${d})` : `${e.label} (${d})`;
}

/** The number a retransmission or repeat carries ("Retransmission #3", "again (#2)"), if any. */
export function repeatNumber(label: string): number | null {
  const m = /#(\d+)/.exec(label);
  return m ? Number(m[1]) : null;
}

/** The label without a name the lane's title already shows ("A login.example?" in the lane of login.example). */
export function withoutName(label: string, name?: string): string {
  if (!name) return label;
  const s = label.split(name).join('').replace(/\s+([?:])/g, '$1').replace(/\s{2,}/g, ' ').trim();
  return s.length > 0 ? s : label;
}

/** A shorter form of the report's label (drops the SNI, the side, the proxy target; abbreviates). */
export function shortLabel(label: string, dropName?: string): string {
  return withoutName(label, dropName)
    .replace(/\s*\(SNI [^)]*\)/, '')
    .replace(/^SYN retransmission #(\d+)/, 'SYN retr. #$1')
    .replace(/^Retransmission #(\d+)/, 'Retr. #$1')
    .replace(/^Access-Request again \(#(\d+)\)/, 'Again #$1')
    .replace(/^(CONNECT)\s.*$/, '$1')
    .replace(/^(HTTP \d{3})\s.*$/, '$1')
    .replace(/^Alert (\S+) from the (client|server)$/, 'Alert $1')
    .replace(/^FIN \((?:server side|client)\)$/, 'FIN')
    .replace(/^data from the (server|client)$/, 'data');
}

/** Label candidates, longest first: the layout takes the first one that fits. */
export function labelCandidates(e: Pick<ReportEvent, 'label' | 'interval' | 'kind'>, dropName?: string): string[] {
  const full = fullLabel({ label: withoutName(e.label, dropName), interval: e.interval });
  const base = shortLabel(e.label, dropName);
  const out = [full];
  const withInterval = e.interval !== undefined ? `${base} +${formatDuration(e.interval)}` : base;
  out.push(withInterval, base);
  const n = repeatNumber(e.label);
  if (e.kind === 'retransmission' && n !== null) out.push(`#${n}`);
  return dedupe(out);
}

type ClusterEvent = Pick<ReportEvent, 'label' | 'kind'> & { bad?: boolean };

export interface LabelSegment {
  text: string;
  bad: boolean;
}

/**
 * The parts of a cluster's label, in time order: each event's short label, with runs of numbered
 * retransmissions written as one range ("Retr. #1–#4") and repeats of one label written once.
 */
export function clusterSegments(events: readonly ClusterEvent[], dropName?: string): LabelSegment[] {
  const out: LabelSegment[] = [];
  for (let i = 0; i < events.length; ) {
    const e = events[i]!;
    const n = e.kind === 'retransmission' ? repeatNumber(e.label) : null;
    if (n !== null) {
      let j = i + 1;
      while (j < events.length && events[j]!.kind === 'retransmission' && repeatNumber(events[j]!.label) !== null) j++;
      if (j - i > 1) {
        const last = repeatNumber(events[j - 1]!.label)!;
        const what = /^SYN/.test(e.label) ? 'SYN retr.' : /^Access-Request/.test(e.label) ? 'Again' : 'Retr.';
        out.push({ text: `${what} #${n}–#${last}`, bad: events.slice(i, j).some((x) => x.bad) });
        i = j;
        continue;
      }
    }
    const text = shortLabel(e.label, dropName);
    const prev = out[out.length - 1];
    if (prev && prev.text === text) prev.bad ||= !!e.bad;
    else out.push({ text, bad: !!e.bad });
    i++;
  }
  return out;
}

/**
 * The label of several events too close to draw apart: the short labels joined in time order (a run of
 * retransmissions by its range), then "first … last" for long clusters, then just how many packets.
 */
export function clusterCandidates(events: readonly ClusterEvent[], dropName?: string): string[] {
  if (events.length === 1) return labelCandidates(events[0]!, dropName);
  const segs = clusterSegments(events, dropName).map((x) => x.text);
  const out = [segs.join(' · ')];
  if (segs.length === 1 && /#\d+–#\d+$/.test(segs[0]!)) out.push(segs[0]!.replace(/^.*?(#\d+–#\d+)$/, '$1'));
  // A handshake reads best whole; only longer runs get the "first … last" form.
  if (segs.length > 4) out.push(`${segs[0]} … ${segs[segs.length - 1]}`);
  out.push(`${events.length} packets`);
  return dedupe(out);
}

function dedupe(xs: string[]): string[] {
  return xs.filter((x, i) => x.length > 0 && xs.indexOf(x) === i);
}

