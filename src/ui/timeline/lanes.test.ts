import { describe, expect, it } from 'vitest';
import type { Report, ReportAttempt, ReportEvent, ReportTransaction } from '../../core/report/schema.ts';
import { analyseCapture } from '../../core/index.ts';
import { fileChunks, HAVE_LAB_CORPUS, LAB_CORPUS } from '../../test-support/corpus.ts';
import { join } from 'node:path';
import {
  attemptKind,
  badParts,
  buildLaneGroups,
  captureEnd,
  filterFailing,
  frameIndex,
  groupOfFrame,
  isFailing,
  labelledMembers,
  markClusterCandidates,
  OTHER_GROUP,
  transactionCounts,
} from './lanes.ts';

const ev = (frame: number, t: number, label: string, kind: ReportEvent['kind'], bad = false, interval?: number): ReportEvent => ({
  frame,
  t,
  label,
  kind,
  bad,
  ...(interval !== undefined ? { interval } : {}),
});

// Shaped after the lab's tls-blackhole report (frames and times from it), plus an answered request with a
// proxy tunnel and a connection no request caused.
function sampleReport(): Report {
  const verdict = { id: 'tls.clienthello.unanswered' as const, severity: 'error' as const, summary: 'ClientHello never answered.', frames: [9, 16, 17, 18, 19, 20, 21, 43] };
  const tx0: ReportTransaction = {
    index: 0,
    nas: '10.61.10.20',
    nasPort: 60664,
    server: '10.61.10.10',
    serverPort: 1812,
    id: 241,
    code: 1,
    codeName: 'Access-Request',
    user: 'alice@corp.example',
    requests: [ev(9, 3.110455, 'Access-Request', 'data'), ev(43, 8.114911, 'Access-Request again (#1)', 'retransmission', false, 5.004456)],
    answer: null,
    status: 'unanswered',
    window: { start: 3.110455, end: 20.125319, gaveUp: 18.125319 },
    attempts: [0],
    lookups: [0, 1],
    verdict,
  };
  const tx1: ReportTransaction = {
    ...tx0,
    index: 1,
    id: 7,
    user: null,
    requests: [ev(200, 40, 'Access-Request', 'data')],
    answer: { frame: 230, t: 40.06, code: 2, codeName: 'Access-Accept', after: 0.06 },
    status: 'answered',
    window: { start: 40, end: 42.06, gaveUp: null },
    attempts: [2, 3],
    lookups: [2],
    verdict: null,
  };
  const attempt = (id: number, kind: ReportAttempt['kind'], target: string | null, events: ReportEvent[], over: Partial<ReportAttempt> = {}): ReportAttempt => ({
    id,
    kind,
    stream: id,
    client: `10.61.10.10:${50000 + id}`,
    server: '172.30.64.40',
    serverPort: 443,
    target,
    entra: true,
    transaction: null,
    confidence: 'high',
    reasons: ['started 0.007 s after the request'],
    outcome: 'tls-ok',
    finding: null,
    events,
    ...over,
  });
  return {
    version: 1,
    generator: 'test',
    capture: { name: 'capture.pcap', format: 'pcap', frames: 300, start: null, startIso: null, duration: 45, linkTypes: [1], bytes: 1, problems: [] },
    hosts: [],
    transactions: [tx0, tx1],
    attempts: [
      attempt(
        0,
        'tcp',
        'login.microsoftonline.com',
        [
          ev(16, 3.117779, 'SYN', 'syn'),
          ev(17, 3.117851, 'SYN/ACK', 'syn-ack'),
          ev(18, 3.117877, 'ACK', 'ack'),
          ev(19, 3.118344, 'ClientHello (SNI login.microsoftonline.com)', 'client-hello'),
          ev(20, 3.322812, 'Retransmission #1', 'retransmission', true, 0.204468),
          ev(21, 3.530812, 'Retransmission #2', 'retransmission', true, 0.208),
        ],
        { transaction: 0, outcome: 'clienthello-unanswered', finding: 'tls.clienthello.unanswered' },
      ),
      attempt(1, 'tcp', null, [ev(88, 20.68, 'SYN', 'syn'), ev(89, 20.69, 'SYN/ACK', 'syn-ack'), ev(90, 20.7, 'RST (client)', 'rst')], { outcome: 'closed' }),
      attempt(2, 'tcp', 'login.microsoftonline.com', [ev(210, 40.01, 'SYN', 'syn'), ev(212, 40.02, 'ClientHello (SNI login.microsoftonline.com)', 'client-hello'), ev(213, 40.03, 'ServerHello', 'server-hello')], { transaction: 1 }),
      attempt(3, 'proxy', 'settings-win.data.microsoft.com', [ev(220, 40.04, 'CONNECT settings-win.data.microsoft.com:443', 'connect'), ev(222, 40.05, 'HTTP 403 Filtered', 'connect-response', true), ev(222, 40.05, 'data from the server', 'data')], { transaction: 1, server: '172.30.64.80', serverPort: 3128 }),
    ],
    lookups: [
      { name: 'login.microsoftonline.com', type: 'A', client: '10.61.10.10:57924', server: '10.61.10.53:53', transaction: 0, outcome: '172.30.64.40', events: [ev(10, 3.117343, 'A login.microsoftonline.com?', 'dns-query'), ev(12, 3.117491, 'A login.microsoftonline.com: 172.30.64.40', 'dns-response')] },
      { name: 'login.microsoftonline.com', type: 'AAAA', client: '10.61.10.10:57924', server: '10.61.10.53:53', transaction: 0, outcome: 'no address', events: [ev(11, 3.117408, 'AAAA login.microsoftonline.com?', 'dns-query'), ev(13, 3.117538, 'AAAA login.microsoftonline.com: no address', 'dns-response')] },
      { name: '_kerberos._tcp.corp.example', type: '33', client: '10.61.10.10:55415', server: '10.61.10.53:53', transaction: 1, outcome: 'no address', events: [ev(205, 40.005, '33 _kerberos._tcp.corp.example?', 'dns-query')] },
    ],
    findings: [
      { id: 'tls.clienthello.unanswered', group: 'tls', severity: 'error', title: 'TLS ClientHello retransmitted, never answered', summary: 's', explanation: 'e', remedy: null, frames: verdict.frames, transactions: [0], attempts: [0], confidence: 'likely' },
    ],
    verdict,
  };
}

describe('isFailing and filterFailing', () => {
  it('fails on a warning or error verdict, or on an unanswered, late or rejected request', () => {
    const r = sampleReport();
    const tx = r.transactions[1]!;
    expect(isFailing(r.transactions[0]!)).toBe(true);
    expect(isFailing(tx)).toBe(false);
    for (const status of ['unanswered', 'late', 'rejected'] as const) expect(isFailing({ ...tx, status })).toBe(true);
    expect(isFailing({ ...tx, status: 'challenged' })).toBe(false);
    expect(isFailing({ ...tx, verdict: { id: 'radius.access_reject', severity: 'warning', summary: '', frames: [] } })).toBe(true);
    expect(isFailing({ ...tx, verdict: { id: 'proxy.tunnel', severity: 'info', summary: '', frames: [] } })).toBe(false);
    expect(filterFailing(r.transactions).map((t) => t.index)).toEqual([0]);
    expect(transactionCounts(r)).toEqual({ total: 2, failing: 1 });
  });
});

describe('buildLaneGroups', () => {
  it('draws a failing request expanded: its RADIUS lane, then its lookups and attempts in time order', () => {
    const groups = buildLaneGroups(sampleReport(), { failingOnly: false });
    const g = groups[0]!;
    expect(g.expanded).toBe(true);
    expect(g.lanes.map((l) => [l.kind, l.title, l.subtitle])).toEqual([
      ['radius', 'Access-Request 241', '10.61.10.20:60664 → 10.61.10.10:1812'],
      ['dns', 'login.microsoftonline.com', 'DNS A + AAAA via 10.61.10.53:53'],
      ['tls', 'login.microsoftonline.com', '172.30.64.40:443'],
    ]);
    expect(g.band).toEqual({ t0: 3.110455, t1: 18.125319, tone: 'error' });
  });
  it('marks the RADIUS lane: request, duplicate, and "no reply" where the NAS gave up', () => {
    const radius = buildLaneGroups(sampleReport(), { failingOnly: false })[0]!.lanes[0]!;
    expect(radius.marks.map((m) => [m.kind, m.frame, m.t])).toEqual([
      ['request', 9, 3.110455],
      ['duplicate', 43, 8.114911],
      ['no-reply', null, 18.125319],
    ]);
    expect(radius.marks[1]!.label).toBe('Access-Request again (#1, +5 s)');
    expect(radius.marks[2]!.candidates[0]).toBe('No reply: the NAS gave up');
    expect(radius.tone).toBe('error');
    expect(radius.span).toEqual({ t0: 3.110455, t1: 18.125319, tone: 'error' });
  });
  it('labels the TLS lane with the finding and keeps Bad TCP marks bad, with their intervals', () => {
    const tls = buildLaneGroups(sampleReport(), { failingOnly: false })[0]!.lanes[2]!;
    expect(tls.note).toBe('TLS ClientHello retransmitted, never answered');
    expect(tls.tone).toBe('error');
    expect(tls.marks.filter((m) => m.bad).map((m) => m.label)).toEqual(['Retransmission #1 (+204 ms)', 'Retransmission #2 (+208 ms)']);
    expect(tls.marks.every((m) => m.evidence)).toBe(true);
    expect(markClusterCandidates(tls.marks.slice(0, 4))[0]).toBe('SYN · SYN/ACK · ACK · ClientHello');
  });
  it('puts the A and AAAA lookups of one name in one lane, and drops the name from its labels', () => {
    const dns = buildLaneGroups(sampleReport(), { failingOnly: false })[0]!.lanes[1]!;
    expect(dns.marks.map((m) => m.frame)).toEqual([10, 11, 12, 13]);
    expect(markClusterCandidates(dns.marks, dns.dropName)[0]).toBe('A: 172.30.64.40 · AAAA: no address');
    expect(dns.marks[0]!.label).toBe('A login.microsoftonline.com?');
  });
  it('collapses a passing request to its RADIUS lane, unless the user expanded it', () => {
    const r = sampleReport();
    const g = buildLaneGroups(r, { failingOnly: false })[1]!;
    expect(g.expanded).toBe(false);
    expect(g.lanes.map((l) => l.kind)).toEqual(['radius']);
    expect(g.laneCount).toBe(4);
    expect(g.lanes[0]!.marks.map((m) => [m.kind, m.label])).toEqual([
      ['request', 'Access-Request'],
      ['answer', 'Access-Accept after 60 ms'],
    ]);
    const open = buildLaneGroups(r, { failingOnly: false, overrides: new Map([['tx1', true], ['tx0', false]]) });
    expect(open[0]!.lanes.length).toBe(1);
    expect(open[1]!.lanes.map((l) => l.kind)).toEqual(['radius', 'dns', 'tls', 'proxy']);
    expect(open[1]!.lanes[2]!.tone).toBe('ok');
    expect(open[1]!.lanes[3]!.subtitle).toBe('via proxy 172.30.64.80:3128');
  });
  it('gathers the connections no request caused in a collapsed group of their own', () => {
    const groups = buildLaneGroups(sampleReport(), { failingOnly: false });
    const other = groups[2]!;
    expect(other.key).toBe(OTHER_GROUP);
    expect(other.header).toContain('(1)');
    expect(other.lanes).toEqual([]);
    const open = buildLaneGroups(sampleReport(), { failingOnly: false, overrides: new Map([[OTHER_GROUP, true]]) })[2]!;
    expect(open.lanes.map((l) => [l.kind, l.title])).toEqual([['tcp', '172.30.64.40:443']]);
  });
  it('shows only failing requests when asked', () => {
    const groups = buildLaneGroups(sampleReport(), { failingOnly: true });
    expect(groups.map((g) => g.key)).toEqual(['tx0']);
  });
  it('names the Bad TCP parts of a cluster label and leaves bare data out', () => {
    const proxy = buildLaneGroups(sampleReport(), { failingOnly: false, overrides: new Map([['tx1', true]]) })[1]!.lanes[3]!;
    expect(labelledMembers(proxy.marks).map((m) => m.kind)).toEqual(['connect', 'connect-response']);
    expect(markClusterCandidates(proxy.marks)[0]).toBe('CONNECT · HTTP 403');
    expect(badParts(proxy.marks)).toEqual(['HTTP 403']);
  });
});

describe('attemptKind', () => {
  it('is tls with a ClientHello, proxy for tunnels, tcp otherwise', () => {
    const r = sampleReport();
    expect(r.attempts.map(attemptKind)).toEqual(['tls', 'tcp', 'tls', 'proxy']);
  });
});

describe('frame lookups', () => {
  it('finds each frame on the timeline and the group that shows it', () => {
    const r = sampleReport();
    const idx = frameIndex(r);
    expect(idx.get(20)).toEqual({ t: 3.322812, label: 'Retransmission #1' });
    expect(idx.get(230)).toEqual({ t: 40.06, label: 'Access-Accept' });
    expect(groupOfFrame(r, 9)).toEqual({ key: 'tx0', inFirstLane: true });
    expect(groupOfFrame(r, 20)).toEqual({ key: 'tx0', inFirstLane: false });
    expect(groupOfFrame(r, 205)).toEqual({ key: 'tx1', inFirstLane: false });
    expect(groupOfFrame(r, 89)).toEqual({ key: OTHER_GROUP, inFirstLane: false });
    expect(groupOfFrame(r, 9999)).toBeNull();
  });
  it('ends the axis at the capture or its last event', () => {
    const r = sampleReport();
    expect(captureEnd(r)).toBe(45);
    expect(captureEnd({ ...r, capture: { ...r.capture, duration: null } })).toBe(42.06);
  });
});

// The real reports of the lab's scenarios: every lane the brief asks for is there, with the right kind.
describe.skipIf(!HAVE_LAB_CORPUS)('lab scenarios', () => {
  const analyse = async (name: string) =>
    (await analyseCapture(fileChunks(join(LAB_CORPUS, name, 'capture.pcap')), { name: 'capture.pcap', radius: { secrets: ['Lab-NPS-s3cret'] } })).report;

  it('tls-blackhole: the request never answered, the handshake fine, the ClientHello retransmitted into silence', async () => {
    const r = await analyse('tls-blackhole');
    const [g] = buildLaneGroups(r, { failingOnly: true });
    expect(g!.expanded).toBe(true);
    const radius = g!.lanes[0]!;
    expect(radius.marks.at(-1)!.kind).toBe('no-reply');
    expect(radius.marks.filter((m) => m.kind === 'duplicate').length).toBe(2);
    const tls = g!.lanes.find((l) => l.kind === 'tls')!;
    expect(tls.title).toBe('login.microsoftonline.com');
    expect(tls.subtitle).toBe('172.30.64.40:443');
    expect(tls.marks.slice(0, 4).map((m) => m.frame)).toEqual([16, 17, 18, 19]);
    expect(tls.marks.filter((m) => m.bad).length).toBe(8);
    expect(tls.marks[4]!.label).toBe('Retransmission #1 (+204 ms)');
  });

  it('every scenario: one lane per listed attempt, of the right kind', async () => {
    for (const name of ['dns-fail', 'healthy', 'proxy-denied', 'proxy-ok', 'radius-reject', 'shared-secret-mismatch', 'slow-mfa', 'syn-drop', 'tls-blackhole', 'tls-intercept', 'tls-reset']) {
      const r = await analyse(name);
      const open = new Map(r.transactions.map((t) => [`tx${t.index}`, true] as const));
      const groups = buildLaneGroups(r, { failingOnly: false, overrides: open });
      for (const tx of r.transactions) {
        const g = groups.find((x) => x.transaction === tx)!;
        for (const id of tx.attempts) {
          const a = r.attempts.find((x) => x.id === id)!;
          const lane = g.lanes.find((l) => l.attempt === id);
          expect(lane, `${name}: attempt ${id}`).toBeDefined();
          expect(lane!.kind).toBe(a.kind === 'proxy' ? 'proxy' : a.events.some((e) => e.kind === 'client-hello') ? 'tls' : 'tcp');
        }
        const names = new Set(tx.lookups.map((i) => r.lookups[i]!.name));
        expect(g.lanes.filter((l) => l.kind === 'dns').map((l) => l.title).sort(), name).toEqual([...names].sort());
        expect(isFailing(tx), name).toBe(name !== 'healthy' && name !== 'proxy-ok');
      }
    }
  });
});
