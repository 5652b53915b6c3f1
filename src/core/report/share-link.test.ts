// The share link on every lab scenario (issue "Share a report by link"): decode(encode(report)) gives the
// verdict, the findings, the failing requests' lanes and every evidence frame back; the field report's
// capture (tls-blackhole) fits 2,000 characters; a large report degrades in the stated order and one too
// large for any link is refused. Ground truth: the reports of corpus/lab/*/capture.pcap.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { nodeDeflateRaw } from '../../cli/share-link.ts';
import { fileChunks, HAVE_LAB_CORPUS, LAB_CORPUS, NO_CORPUS_MESSAGE } from '../../test-support/corpus.ts';
import { analyseCapture } from '../pipeline.ts';
import type { Report, ReportAttempt, ReportTransaction } from './schema.ts';
import { decodeShareLink, encodeShareLink, previewShareLink, SHARE_LINK_VERSION } from './share-link.ts';
import { webDeflateRaw } from './share-link-bytes.ts';
import { DEGRADATION, describeOmission, EVIDENCE_KEPT, isFailing, OMISSION_ORDER } from './share-link-profile.ts';
import { SHARE_LIMITS } from './share-link-schema.ts';

const SCENARIOS = HAVE_LAB_CORPUS ? readdirSync(LAB_CORPUS).filter((d) => statSync(join(LAB_CORPUS, d)).isDirectory()).sort() : [];
const reports = new Map<string, Report>();
const labReport = (scenario: string) => reports.get(scenario)!;

beforeAll(async () => {
  for (const s of SCENARIOS) reports.set(s, (await analyseCapture(fileChunks(join(LAB_CORPUS, s, 'capture.pcap')), { name: 'capture.pcap' })).report);
});

async function roundTrip(report: Report, opts = {}) {
  const enc = await encodeShareLink(report, nodeDeflateRaw, { baseUrl: 'http://localhost:4173/', ...opts });
  if (!enc.ok) throw new Error(enc.error.message);
  const dec = await decodeShareLink(enc.url!, nodeDeflateRaw);
  if (!dec.ok) throw new Error(dec.error.message);
  return { enc, dec };
}

/** Every frame the report cites as evidence: the verdict's, the findings', the requests' verdicts'. */
function evidenceFrames(r: Report): number[] {
  return [...new Set([...(r.verdict?.frames ?? []), ...r.findings.flatMap((f) => f.frames), ...r.transactions.flatMap((t) => t.verdict?.frames ?? [])])].sort((a, b) => a - b);
}

/** A request's lanes: its own events, and those of the attempts and lookups it lists. */
function lanes(r: Report, t: ReportTransaction) {
  return {
    requests: t.requests,
    answer: t.answer,
    status: t.status,
    window: t.window,
    verdict: t.verdict,
    attempts: t.attempts.map((i) => {
      const a = r.attempts[i]!;
      return { target: a.target, client: a.client, server: a.server, serverPort: a.serverPort, outcome: a.outcome, finding: a.finding, events: a.events };
    }),
    lookups: t.lookups.map((i) => r.lookups[i]!),
  };
}

describe.skipIf(!HAVE_LAB_CORPUS)('every lab scenario survives a share link', () => {
  test.each(SCENARIOS)('%s: verdict, findings, failing lanes and every evidence frame', async (s) => {
    const report = labReport(s);
    const { enc, dec } = await roundTrip(report);
    expect(enc.level).toBe(0);
    expect(enc.fragment.startsWith(`r=${SHARE_LINK_VERSION}.`)).toBe(true);
    expect(enc.url).toBe(`http://localhost:4173/#${enc.fragment}`);
    const got = dec.report;
    expect(got.verdict?.id).toBe(report.verdict?.id);
    expect(got.verdict).toEqual(report.verdict);
    expect(got.findings.map((f) => f.id)).toEqual(report.findings.map((f) => f.id));
    // findings come back whole at level 0: texts, remedies (re-derived), evidence
    for (const [i, f] of report.findings.entries()) {
      const g = got.findings[i]!;
      expect({ ...g, attempts: [], transactions: [] }).toEqual({ ...f, attempts: [], transactions: [] });
      expect(g.transactions).toEqual(f.transactions);
      expect(g.attempts.map((j) => got.attempts[j]!.events)).toEqual(f.attempts.map((j) => report.attempts[j]!.events));
    }
    expect(evidenceFrames(got)).toEqual(evidenceFrames(report));
    expect(got.transactions).toHaveLength(report.transactions.length);
    for (const [i, t] of report.transactions.entries()) expect(lanes(got, got.transactions[i]!)).toEqual(lanes(report, t));
    expect(got.capture).toEqual(report.capture);
    expect(dec.evidenceTotals).toEqual([]);
    // what the preview shows is exactly what the link decodes to
    expect(got).toEqual(previewShareLink(report).report);
    expect(dec.omitted).toEqual(enc.shared.omitted);
  });

  test('the field report\'s capture (tls-blackhole) fits 2,000 characters with every evidence frame', async () => {
    const report = labReport('tls-blackhole');
    const { enc, dec } = await roundTrip(report);
    expect(enc.fragment.length).toBeLessThanOrEqual(2_000);
    expect(enc.level).toBe(0);
    expect(dec.report.verdict!.frames).toEqual(report.verdict!.frames);
    expect(dec.report.verdict!.frames).toHaveLength(15);
    expect(evidenceFrames(dec.report)).toEqual(evidenceFrames(report));
    // the timeline of the failing request: 3 RADIUS copies, the ClientHello retransmitted 8 times
    const tx = dec.report.transactions[0]!;
    expect(tx.requests.map((e) => e.frame)).toEqual([9, 43, 50]);
    const a = dec.report.attempts[tx.attempts[0]!]!;
    expect(a.events.filter((e) => e.kind === 'retransmission')).toHaveLength(8);
    expect(a.events.map((e) => e.interval)).toEqual(report.attempts[0]!.events.map((e) => e.interval));
    // and with redaction too
    const red = await roundTrip(report, { users: true, addresses: true });
    expect(red.enc.fragment.length).toBeLessThanOrEqual(2_000);
  });

  test('the sizes of every scenario\'s link (printed for the record)', async () => {
    const sizes: Record<string, [number, number]> = {};
    for (const s of SCENARIOS) {
      const plain = await encodeShareLink(labReport(s), nodeDeflateRaw);
      const red = await encodeShareLink(labReport(s), nodeDeflateRaw, { users: true, addresses: true });
      if (!plain.ok || !red.ok) throw new Error(s);
      sizes[s] = [plain.fragment.length, red.fragment.length];
    }
    console.log('share link fragment characters [plain, redacted]:', JSON.stringify(sizes));
    expect(Math.max(...Object.values(sizes).flat())).toBeLessThan(SHARE_LIMITS.fragmentChars);
  });

  test('the browser codec (CompressionStream, here Node\'s) makes and reads the same links', async () => {
    const web = webDeflateRaw()!;
    expect(web).not.toBeNull();
    const report = labReport('tls-blackhole');
    const enc = await encodeShareLink(report, web);
    if (!enc.ok) throw new Error(enc.error.message);
    expect(enc.fragment.length).toBeLessThanOrEqual(2_000);
    // either platform reads the other's links
    const viaNode = await decodeShareLink(enc.fragment, nodeDeflateRaw);
    const viaWeb = await decodeShareLink((await encodeShareLink(report, nodeDeflateRaw) as { fragment: string }).fragment, web);
    expect(viaNode.ok && viaNode.report.verdict).toEqual(report.verdict);
    expect(viaWeb.ok && viaWeb.report.verdict).toEqual(report.verdict);
    expect(webDeflateRaw({})).toBeNull();
  });

  test('the omissions read as sentences', async () => {
    const { dec } = await roundTrip(labReport('tls-blackhole'));
    expect(dec.omitted.map(describeOmission)).toEqual(["Left out: what no RADIUS request's timeline shows (1 connection, 11 DNS lookups, and 1 host named only there)."]);
  });
});

test.skipIf(HAVE_LAB_CORPUS)('share links of the lab scenarios (skipped)', () => {
  console.log(NO_CORPUS_MESSAGE);
});

// ---- large reports: made from the tls-blackhole report, with many passing requests and long evidence

/** A deterministic generator (mulberry32), so sizes do not vary between runs. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The tls-blackhole report plus `passing` answered requests, each with one TLS connection that worked and
 * one DNS lookup, and `extraEvidence` more retransmission frames cited by the verdict. Every number varies
 * (ports, times, frames), as in a real capture, so the link cannot compress them away.
 */
function largeReport(base: Report, passing: number, extraEvidence: number, failing = 0): Report {
  const r: Report = structuredClone(base);
  const rnd = prng(passing * 31 + extraEvidence + failing);
  let frame = 200;
  const ev = (kind: ReportAttempt['events'][number]['kind'], label: string, t: number) => ({ frame: frame++, t: Math.round(t * 1e6) / 1e6, label, kind, bad: false });
  for (let i = 0; i < passing + failing; i++) {
    const fail = i < failing;
    const t0 = 40 + i * 3 + rnd();
    const index = r.transactions.length;
    const user = fail ? `user${Math.floor(rnd() * 1e9).toString(36)}@corp.example` : 'alice@corp.example';
    const aId = r.attempts.length;
    const port = 40000 + Math.floor(rnd() * 20000);
    r.attempts.push({
      id: aId,
      kind: 'tcp',
      stream: 10 + i,
      client: `10.61.10.10:${port}`,
      server: '172.30.64.40',
      serverPort: 443,
      target: 'login.microsoftonline.com',
      entra: true,
      transaction: index,
      confidence: 'high',
      reasons: [`started ${rnd().toFixed(3)} s after the request`],
      outcome: 'tls-ok',
      finding: null,
      events: [ev('syn', 'SYN', t0 + 0.01), ev('syn-ack', 'SYN/ACK', t0 + 0.01 + rnd() / 100), ev('ack', 'ACK', t0 + 0.02), ev('client-hello', 'ClientHello (SNI login.microsoftonline.com)', t0 + 0.03), ev('server-hello', 'ServerHello', t0 + 0.03 + rnd() / 10)],
    });
    const lId = r.lookups.length;
    const q = ev('dns-query', 'A login.microsoftonline.com?', t0 + 0.005);
    r.lookups.push({ name: 'login.microsoftonline.com', type: 'A', client: `10.61.10.10:${port + 1}`, server: '10.61.10.53:53', transaction: index, outcome: '172.30.64.40', events: [q, ev('dns-response', 'A login.microsoftonline.com: 172.30.64.40', t0 + 0.006 + rnd() / 1000)] });
    const req = ev('data', 'Access-Request', t0);
    const after = Math.round(rnd() * 2e6) / 1e6;
    r.transactions.push({
      index,
      nas: '10.61.10.20',
      nasPort: 50000 + Math.floor(rnd() * 10000),
      server: '10.61.10.10',
      serverPort: 1812,
      id: Math.floor(rnd() * 256),
      code: 1,
      codeName: 'Access-Request',
      user,
      requests: [req],
      answer: fail ? null : { frame: frame++, t: Math.round((t0 + after) * 1e6) / 1e6, code: 2, codeName: 'Access-Accept', after },
      status: fail ? 'unanswered' : 'answered',
      window: { start: req.t, end: Math.round((t0 + after + 2) * 1e6) / 1e6, gaveUp: null },
      attempts: [aId],
      lookups: [lId],
      verdict: null,
    });
    if (fail) {
      r.findings.push({ ...structuredClone(base.findings[1]!), summary: `Access-Request from 10.61.10.20 (user ${user}) was never answered (sent ${1 + Math.floor(rnd() * 9)} times).`, frames: [req.frame], transactions: [index], attempts: [] });
    }
  }
  for (let i = 0; i < extraEvidence; i++) {
    frame += 1 + Math.floor(rnd() * 5);
    r.verdict!.frames.push(frame);
    r.findings[0]!.frames.push(frame);
  }
  return r;
}

describe.skipIf(!HAVE_LAB_CORPUS)('a large report degrades in the stated order, and past 32,000 characters is refused', () => {
  test('each step is taken only when the one before is not enough, and the dialog is told', async () => {
    const big = largeReport(labReport('tls-blackhole'), 150, 600);
    const levels: number[] = [];
    // each target is one character less than the last link: exactly one more step must be taken
    let targetChars: number = SHARE_LIMITS.fragmentChars;
    for (let k = 0; k <= DEGRADATION.length + 1; k++) {
      const enc = await encodeShareLink(big, nodeDeflateRaw, { targetChars });
      if (!enc.ok) throw new Error(enc.error.message);
      levels.push(enc.level);
      // under the target, unless every step was taken (then under the hard limit)
      expect(enc.fragment.length).toBeLessThanOrEqual(enc.level < DEGRADATION.length ? targetChars : SHARE_LIMITS.fragmentChars);
      // the omissions name exactly the steps taken, in DEGRADATION order
      const steps = enc.shared.omitted.map((o) => o.kind).filter((k) => (DEGRADATION as readonly string[]).includes(k));
      expect(steps).toEqual(DEGRADATION.slice(0, enc.level));
      expect(enc.shared.omitted.map((o) => OMISSION_ORDER.indexOf(o.kind))).toEqual([...enc.shared.omitted.map((o) => OMISSION_ORDER.indexOf(o.kind))].sort((a, b) => a - b));
      // whatever is left out, the verdict, the failing request's lanes and its finding stay
      const dec = await decodeShareLink(enc.fragment, nodeDeflateRaw);
      if (!dec.ok) throw new Error(dec.error.message);
      expect(dec.report.verdict!.id).toBe('tls.clienthello.unanswered');
      expect(dec.report.findings.map((f) => f.id)).toEqual(big.findings.map((f) => f.id));
      expect(lanes(dec.report, dec.report.transactions[0]!).attempts.map((a) => a.events)).toEqual([big.attempts[0]!.events]);
      if (enc.level >= 1) {
        // evidence lists: the first EVIDENCE_KEPT frames and the count
        expect(dec.report.verdict!.frames).toEqual(big.verdict!.frames.slice(0, EVIDENCE_KEPT));
        expect(dec.evidenceTotals).toContainEqual({ of: 'verdict', index: 0, total: big.verdict!.frames.length });
      } else {
        expect(dec.report.verdict!.frames).toEqual(big.verdict!.frames);
      }
      if (enc.level >= 2) expect(dec.report.transactions.filter((t) => !isFailing(t)).every((t) => t.attempts.length === 0 && t.lookups.length === 0)).toBe(true);
      if (enc.level >= 3) expect(dec.report.transactions).toHaveLength(1);
      else expect(dec.report.transactions).toHaveLength(151);
      targetChars = enc.fragment.length - 1;
    }
    // and past the last step the link stays as small as it gets (under the hard limit, over the target)
    expect(levels).toEqual([0, 1, 2, 3, 4, 4]);
  });

  test('the texts step drops explanations, reasons and problems but keeps remedies a recipe re-derives', async () => {
    const big = largeReport(labReport('tls-blackhole'), 150, 600);
    const enc = await encodeShareLink(big, nodeDeflateRaw, { targetChars: 1_000 });
    if (!enc.ok) throw new Error(enc.error.message);
    expect(enc.level).toBe(DEGRADATION.length);
    const f = enc.shared.report.findings[0]!;
    expect(f.explanation).toBe('');
    expect(f.remedy).toEqual(big.findings[0]!.remedy);
    expect(enc.shared.report.attempts.every((a) => a.reasons.length === 0)).toBe(true);
    expect(enc.shared.omitted.find((o) => o.kind === 'texts')).toMatchObject({ explanations: 2, remedies: 0 });
  });

  test('a report no step makes fit is refused with a clear message, never cut', async () => {
    const huge = largeReport(labReport('tls-blackhole'), 0, 0, 2_500);
    const enc = await encodeShareLink(huge, nodeDeflateRaw);
    expect(enc.ok).toBe(false);
    if (enc.ok) return;
    expect(enc.error.code).toBe('too-large');
    expect(enc.error.message).toMatch(/too large for a link: even with evidence-lists, passing-lanes, passing-transactions, texts left out it needs [\d,]+ characters, and a link holds at most 32,000/);
  });
});
