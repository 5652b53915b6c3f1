import { describe, expect, it } from 'vitest';
import type { Report, ReportFinding, ReportTransaction } from '../../core/report/schema.ts';
import { evidenceFrames, frameLabels, healthMessage, otherFindings, verdictFinding, wiresharkFilter } from './findings.ts';

const finding = (id: ReportFinding['id'], severity: ReportFinding['severity'], frames: number[], over: Partial<ReportFinding> = {}): ReportFinding => ({
  id,
  group: 'tls',
  severity,
  title: id,
  summary: `${id} summary`,
  explanation: 'why',
  remedy: null,
  frames,
  transactions: [0],
  attempts: [],
  confidence: 'likely',
  ...over,
});

const tx = (index: number, status: ReportTransaction['status'], answer: ReportTransaction['answer']): ReportTransaction => ({
  index,
  nas: '10.61.10.20',
  nasPort: 60000 + index,
  server: '10.61.10.10',
  serverPort: 1812,
  id: index,
  code: 1,
  codeName: 'Access-Request',
  user: null,
  requests: [{ frame: 10 + index, t: index, label: 'Access-Request', kind: 'data', bad: false }],
  answer,
  status,
  window: { start: index, end: index + 2, gaveUp: null },
  attempts: [],
  lookups: [],
  verdict: null,
});

function report(over: Partial<Report>): Report {
  return {
    version: 1,
    generator: 'test',
    capture: { name: 'capture.pcap', format: 'pcap', frames: 100, start: null, startIso: null, duration: 30, linkTypes: [1], bytes: 1, problems: [] },
    hosts: [],
    transactions: [],
    attempts: [],
    lookups: [],
    findings: [],
    verdict: null,
    ...over,
  };
}

// As in the lab's tls-blackhole report: the verdict, and the request it left unanswered.
const blackhole = report({
  findings: [
    finding('tls.clienthello.unanswered', 'error', [9, 16, 17, 18, 19, 20]),
    finding('radius.request.unanswered', 'error', [9, 43, 50]),
    finding('capture.truncated', 'warning', [140]),
    finding('proxy.tunnel', 'info', [66]),
  ],
  verdict: { id: 'tls.clienthello.unanswered', severity: 'error', summary: 'The ClientHello was never answered.', frames: [9, 16, 17, 18, 19, 20] },
});

describe('wiresharkFilter', () => {
  it('selects exactly the frames, as Wireshark writes a set', () => {
    expect(wiresharkFilter([1, 2, 3])).toBe('frame.number in {1 2 3}');
    expect(wiresharkFilter([9])).toBe('frame.number in {9}');
    expect(wiresharkFilter([])).toBe('');
  });
});

describe('verdictFinding and otherFindings', () => {
  it('finds the verdict among the findings and groups the rest by severity', () => {
    expect(verdictFinding(blackhole)!.id).toBe('tls.clienthello.unanswered');
    expect(otherFindings(blackhole).map((g) => [g.severity, g.findings.map((f) => f.id)])).toEqual([
      ['error', ['radius.request.unanswered']],
      ['warning', ['capture.truncated']],
      ['info', ['proxy.tunnel']],
    ]);
  });
  it('prefers the finding with the verdict frames when an id repeats', () => {
    const twice = report({
      findings: [finding('tls.clienthello.reset', 'error', [1, 2]), finding('tls.clienthello.reset', 'error', [5, 6])],
      verdict: { id: 'tls.clienthello.reset', severity: 'error', summary: '', frames: [5, 6] },
    });
    expect(verdictFinding(twice)!.frames).toEqual([5, 6]);
    expect(otherFindings(twice)[0]!.findings.map((f) => f.frames)).toEqual([[1, 2]]);
  });
  it('lists every finding when there is no verdict', () => {
    const ok = report({ findings: [finding('proxy.tunnel', 'info', [66, 68])] });
    expect(verdictFinding(ok)).toBeNull();
    expect(otherFindings(ok)).toEqual([{ severity: 'info', findings: ok.findings }]);
  });
});

describe('frameLabels and evidenceFrames', () => {
  it('names frames by what the report calls them', () => {
    const r = report({
      transactions: [{ ...tx(0, 'unanswered', null), requests: [{ frame: 9, t: 3.1, label: 'Access-Request', kind: 'data', bad: false }] }],
      attempts: [
        {
          id: 0,
          kind: 'tcp',
          stream: 0,
          client: 'a',
          server: 'b',
          serverPort: 443,
          target: 'login.microsoftonline.com',
          entra: true,
          transaction: 0,
          confidence: 'high',
          reasons: [],
          outcome: 'clienthello-unanswered',
          finding: null,
          events: [{ frame: 20, t: 3.3, label: 'Retransmission #1', kind: 'retransmission', bad: true, interval: 0.2 }],
        },
      ],
    });
    const m = frameLabels(r);
    expect(m.get(9)).toBe('Access-Request');
    expect(m.get(20)).toBe('Retransmission #1 · login.microsoftonline.com');
  });
  it('sorts the evidence and lists each frame once', () => {
    expect(evidenceFrames({ frames: [20, 9, 20, 16] })).toEqual([9, 16, 20]);
  });
});

describe('healthMessage', () => {
  it('says there is nothing to diagnose when every request was answered', () => {
    const m = healthMessage(
      report({
        transactions: [tx(0, 'answered', { frame: 38, t: 1.8, code: 2, codeName: 'Access-Accept', after: 0.061881 }), tx(1, 'answered', { frame: 60, t: 2, code: 2, codeName: 'Access-Accept', after: 0.2 })],
        findings: [finding('proxy.tunnel', 'info', [1])],
      }),
    );
    expect(m.kind).toBe('healthy');
    expect(m.detail).toBe('2 RADIUS requests, answered with 2 Access-Accept; the slowest answer came after 200 ms.');
  });
  it('says so when the capture holds no RADIUS request', () => {
    expect(healthMessage(report({})).kind).toBe('empty');
    expect(healthMessage(report({})).headline).toBe('Nothing to diagnose');
  });
  it('says why when its frames could not be read at the link layer', () => {
    const r = report({});
    const unread = { ...r, capture: { ...r.capture, problems: [{ id: 'frame.link.unsupported', severity: 'warning', message: 'Link layer not decoded in 8 frames: link type 284 is not one radscope decodes', frame: 1 }] } };
    const m = healthMessage(unread);
    expect(m.headline).toBe('Nothing radscope could read');
    expect(m.detail).toBe('This capture holds no RADIUS request radscope could read: Link layer not decoded in 8 frames: link type 284 is not one radscope decodes.');
  });
  it('does not call a capture healthy when a request failed without a verdict', () => {
    expect(healthMessage(report({ transactions: [tx(0, 'unanswered', null)] })).kind).toBe('unclear');
    expect(healthMessage(report({ transactions: [tx(0, 'answered', null)], findings: [finding('capture.blind', 'warning', [])] })).kind).toBe('unclear');
  });
});
