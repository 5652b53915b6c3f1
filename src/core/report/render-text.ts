// The report as text for a person at a terminal (radscope analyze): the verdict first, then the timeline of
// the failing request as lines, then what to do, then the other findings.

import { endpointText as ep } from '../base/address.ts';
import { forDisplay } from '../base/display-text.ts';
import type { Report, ReportEvent, ReportTransaction } from './schema.ts';
import { undecodedLinkProblem } from './unread-frames.ts';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** A Wireshark display filter that selects exactly these frames. */
export function wiresharkFilter(frames: number[]): string {
  return frames.length === 0 ? '' : `frame.number in {${frames.join(' ')}}`;
}

function wrap(text: string, indent: string, width = 100): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = indent;
  for (const w of words) {
    if (line.length + w.length + 1 > width && line.trim().length > 0) {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += w + ' ';
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.join('\n');
}

interface Line {
  t: number;
  frame: number | null;
  proto: string;
  text: string;
  bad: boolean;
}

function timelineLines(r: Report, tx: ReportTransaction): Line[] {
  const lines: Line[] = [];
  const add = (proto: string, e: ReportEvent, extra = '') =>
    lines.push({ t: e.t, frame: e.frame, proto, text: e.label + (e.interval !== undefined ? ` (+${Math.round(e.interval * 1000)} ms)` : '') + extra, bad: e.bad });
  for (const e of tx.requests) add('RADIUS', e);
  if (tx.answer) lines.push({ t: tx.answer.t, frame: tx.answer.frame, proto: 'RADIUS', text: `${tx.answer.codeName} after ${tx.answer.after.toFixed(3)} s`, bad: false });
  for (const i of tx.lookups) for (const e of r.lookups[i]!.events) add('DNS', e);
  for (const i of tx.attempts) {
    const a = r.attempts[i]!;
    const to = a.kind === 'proxy' ? `proxy ${ep(a.server, a.serverPort)}` : ep(a.target ?? a.server, a.serverPort);
    for (const e of a.events) add(e.kind === 'client-hello' || e.kind === 'server-hello' || e.kind === 'alert' || e.kind === 'certificate' ? 'TLS' : e.kind.startsWith('connect') ? 'HTTP' : 'TCP', e, e.kind === 'syn' ? ` to ${to}` : '');
  }
  if (!tx.answer && tx.window.gaveUp !== null) lines.push({ t: tx.window.gaveUp, frame: null, proto: 'RADIUS', text: 'no reply: the NAS gave up', bad: false });
  lines.sort((a, b) => a.t - b.t || (a.frame ?? Infinity) - (b.frame ?? Infinity));
  return lines;
}

export function renderText(report: Report): string {
  // names from the capture may hold ESC sequences, bidi overrides or line breaks: on a terminal they would
  // run as commands or fake lines of this report, so they are written as escapes (display-text.ts)
  const r = forDisplay(report);
  const out: string[] = [];
  const c = r.capture;
  out.push(`radscope: ${c.name ?? 'capture'} (${c.frames} frames${c.duration !== null ? `, ${c.duration.toFixed(1)} s` : ''}, ${c.format}${c.startIso ? `, from ${c.startIso}` : ''})`);
  out.push('');
  const v = r.verdict;
  if (v === null) {
    const unread = undecodedLinkProblem(r);
    out.push(r.transactions.length === 0 ? (unread === null ? 'No RADIUS request in this capture: nothing to diagnose.' : `No RADIUS request radscope could read in this capture: ${unread}.`) : `VERDICT  no problem found in ${r.transactions.length === 1 ? 'the RADIUS request' : `the ${r.transactions.length} RADIUS requests`} of this capture.`);
  } else {
    const f = r.findings.find((x) => x.id === v.id)!;
    out.push(`VERDICT  [${v.severity}] ${f.title}`);
    out.push(wrap(v.summary, '  '));
    out.push(wrap(`Evidence: frames ${v.frames.join(', ')}`, '  '));
    out.push(`  Wireshark filter: ${wiresharkFilter(v.frames)}`);
    out.push('');
    out.push(wrap(`Why: ${f.explanation}`, '  '));
    const tx = r.transactions.find((t) => t.verdict?.id === v.id);
    if (tx) {
      out.push('');
      out.push(`Timeline of ${tx.codeName} ${tx.id} from ${ep(tx.nas, tx.nasPort)}${tx.user ? ` (user ${tx.user})` : ''} to ${ep(tx.server, tx.serverPort)}:`);
      for (const l of timelineLines(r, tx)) {
        const rel = `+${(l.t - tx.window.start).toFixed(3)} s`.padStart(11);
        const frame = l.frame === null ? '          ' : `frame ${String(l.frame).padStart(4)}`;
        out.push(`  ${rel}  ${frame}  ${l.proto.padEnd(6)} ${l.text}${l.bad ? '   <- Bad TCP' : ''}`);
      }
    }
    if (f.remedy) {
      out.push('');
      out.push('What to do:');
      out.push(wrap(f.remedy.summary, '  '));
      f.remedy.steps.forEach((s, i) => {
        out.push(wrap(`${i + 1}. ${s.title}`, '  '));
        if (s.detail) out.push(wrap(s.detail, '     '));
        for (const cmd of s.commands ?? []) out.push(`       ${cmd}`);
      });
    }
  }
  const others = r.findings
    .filter((f) => v === null || f.id !== v.id)
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  if (others.length > 0) {
    out.push('');
    out.push('Other findings:');
    for (const f of others) out.push(wrap(`[${f.severity}] ${f.id}: ${f.summary}`, '  '));
  }
  // a limit is radscope's own bound, not a fault of the file: said apart, and first (base/limits.ts)
  const limits = c.problems.filter((p) => p.id.startsWith('limit.'));
  const problems = c.problems.filter((p) => !p.id.startsWith('limit.'));
  if (limits.length > 0) {
    out.push('');
    out.push('Limits radscope reached (the analysis above may be incomplete):');
    for (const p of limits) out.push(wrap(`[${p.severity}] ${p.id}: ${p.message}`, '  '));
  }
  if (problems.length > 0) {
    out.push('');
    out.push('Problems with the file:');
    for (const p of problems) out.push(wrap(`[${p.severity}] ${p.message}${p.frame !== undefined ? ` (frame ${p.frame})` : ''}`, '  '));
  }
  return out.join('\n');
}
