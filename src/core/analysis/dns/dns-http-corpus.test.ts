// DNS and HTTP against outside ground truth:
// 1. tshark 4.0 on every public corpus capture (corpus/public/*.tshark.json): dns.id, dns.flags.response,
//    dns.flags.rcode, dns.qry.name, dns.qry.type, dns.a, dns.aaaa, dns.cname; http.request.method,
//    http.request.uri, http.response.code. Compared on every frame where either side has the field: both
//    decode DNS on 53, 5353 (mDNS) and 5355 (LLMNR), and HTTP on any TCP port (tshark by its heuristic
//    dissector, radscope by the start of the byte stream), on the frame that completes the message (tshark
//    desegments TCP). radscope's side is the per-frame v.dns (the `dns` of packets --json): every question
//    (`questions`), the A/AAAA/CNAME records of every section (`records`) and the header's 4-bit RCODE
//    (`headerRcode`), as tshark lists them. The summary keys beside them (qname/qtype: the first question;
//    answers: the answer section; rcode: with the EDNS bits) are checked against those on every DNS frame.
//    Differences must be listed with a reason in src/test-support/known-differences.ts (the DNS and HTTP
//    section: this test owns the dns.* and http.* fields there).
// 2. The lab scenarios (corpus/lab/*/truth.json, written by the lab from its own logs), in all three files.
//
// Everything is read through the one pass, as users get it: scanCapture's per-frame v.dns and v.http (the
// message the frame completed), and after the pass result.app: the DNS lookups and name map
// (app.dns.tracker), the HTTP connections and CONNECT attempts (app.http), and the TLS read inside CONNECT
// tunnels (app.tls.connections()).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fileSource, nodeGunzip } from '../../../cli/sources.ts';
import { CaptureFormatError, scanCapture, type ScanResult } from '../../index.ts';
import { copyDnsFrameInfo, type DnsFrameInfo } from './dns-analysis.ts';
import type { HttpFrameInfo } from '../http/http-tracker.ts';
import { HAVE_LAB_CORPUS, HAVE_PUBLIC_CORPUS, LAB_CORPUS, NO_CORPUS_MESSAGE, PUBLIC_CORPUS, publicCaptures, readTruth } from '../../../test-support/corpus.ts';
import { knownDifferencesFor } from '../../../test-support/known-differences.ts';
import { all, type Truth } from '../../../test-support/tshark-truth.ts';

interface Scan {
  result: ScanResult;
  /** v.dns and v.http of each frame that has them (copied: the pass reuses its objects). */
  dnsAt: Map<number, DnsFrameInfo>;
  httpAt: Map<number, HttpFrameInfo>;
  /** v.tls of each frame: its TCP stream and side. */
  tlsAt: Map<number, { stream: number; fromClient: boolean; handshake: number[] }>;
}

async function scan(path: string): Promise<Scan> {
  const dnsAt = new Map<number, DnsFrameInfo>();
  const httpAt = new Map<number, HttpFrameInfo>();
  const tlsAt: Scan['tlsAt'] = new Map();
  const result = await scanCapture(fileSource(path), { gunzip: nodeGunzip, keepIndex: false }, (v) => {
    const n = v.raw.number;
    if (v.dns !== null) dnsAt.set(n, copyDnsFrameInfo(v.dns));
    if (v.http !== null) httpAt.set(n, { ...v.http });
    if (v.tls !== null) tlsAt.set(n, { stream: v.tls.stream, fromClient: v.tls.fromClient, handshake: [...v.tls.handshake] });
  });
  return { result, dnsAt, httpAt, tlsAt };
}

// ---- 1. differential against tshark ----

interface Mismatch {
  file: string;
  field: string;
  frame: number;
  ours: string;
  theirs: string;
}

const FIELDS = ['dns.id', 'dns.flags.response', 'dns.flags.rcode', 'dns.qry.name', 'dns.qry.type', 'dns.a', 'dns.aaaa', 'dns.cname', 'http.request.method', 'http.request.uri', 'http.response.code'];

function ourFields(s: Scan, frame: number): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = Object.fromEntries(FIELDS.map((f) => [f, []]));
  const d = s.dnsAt.get(frame);
  if (d !== undefined) {
    out['dns.id']!.push(d.id);
    out['dns.flags.response']!.push(d.response ? 1 : 0);
    if (d.headerRcode !== null) out['dns.flags.rcode']!.push(d.headerRcode);
    for (const q of d.questions) {
      out['dns.qry.name']!.push(q.name);
      out['dns.qry.type']!.push(q.type);
    }
    for (const r of d.records) {
      const f = r.type === 'A' ? 'dns.a' : r.type === 'AAAA' ? 'dns.aaaa' : r.type === 'CNAME' ? 'dns.cname' : null;
      if (f !== null) out[f]!.push(r.value);
    }
  }
  const h = s.httpAt.get(frame);
  if (h !== undefined) {
    if (h.method !== null) out['http.request.method']!.push(h.method);
    if (h.target !== null) out['http.request.uri']!.push(h.target);
    if (h.status !== null) out['http.response.code']!.push(h.status);
  }
  return out;
}

/** Where v.dns's summary keys part from its full ones (none expected): the first question, the answer
 * section, and the RCODE whose low four bits are the header's. */
function summaryDisagreement(d: DnsFrameInfo): string | null {
  const q = d.questions[0];
  if (d.qname !== (q?.name ?? null) || d.qtype !== (q?.type ?? null)) return 'qname/qtype is not the first question';
  const answers = d.records.filter((r) => r.section === 'answer').map((r) => ({ type: r.type, value: r.value }));
  if (JSON.stringify(d.answers) !== JSON.stringify(answers)) return 'answers is not the answer section of records';
  if ((d.rcode === null) !== (d.headerRcode === null) || (d.rcode !== null && (d.rcode & 0xf) !== d.headerRcode)) return 'rcode does not extend headerRcode';
  return null;
}

const KNOWN = knownDifferencesFor('dnsHttp');
const isKnown = (m: Mismatch) => KNOWN.some((k) => k.file === m.file && k.field === m.field && (k.frames === 'all' || k.frames.includes(m.frame)));

describe.skipIf(!HAVE_PUBLIC_CORPUS)('DNS and HTTP agree with tshark 4.0 on the public corpus', () => {
  const mismatches: Mismatch[] = [];
  const compared = new Map<string, number>();
  const summaryProblems: string[] = [];
  let extendedRcodes = 0;

  test.each(publicCaptures())('%s', async (rel) => {
    const truth = readTruth<Truth>(rel);
    let s: Scan;
    try {
      s = await scan(join(PUBLIC_CORPUS, rel));
    } catch (e) {
      expect(e).toBeInstanceOf(CaptureFormatError); // only files tshark cannot read either
      return;
    }
    for (const [frame, d] of s.dnsAt) {
      const problem = summaryDisagreement(d);
      if (problem !== null) summaryProblems.push(`${rel} frame ${frame}: ${problem}`);
      if (d.rcode !== d.headerRcode) extendedRcodes++;
    }
    const frames = new Set<number>([...s.dnsAt.keys(), ...s.httpAt.keys()]);
    const byNumber = new Map(truth.frames.map((f) => [f['frame.number'], f]));
    for (const f of truth.frames) if (FIELDS.some((k) => f[k] !== undefined)) frames.add(f['frame.number']);
    for (const frame of [...frames].sort((a, b) => a - b)) {
      const ours = ourFields(s, frame);
      const t = byNumber.get(frame);
      for (const field of FIELDS) {
        const a = ours[field]!.join(',');
        const b = t === undefined ? '' : all(t, field).join(',');
        if (a === '' && b === '') continue;
        compared.set(field, (compared.get(field) ?? 0) + 1);
        if (a !== b) mismatches.push({ file: rel, field, frame, ours: a, theirs: b });
      }
    }
  });

  test('every difference is listed with a reason, and every listed one still happens', () => {
    const unlisted = mismatches.filter((m) => !isKnown(m));
    const stale = KNOWN.filter((k) => !mismatches.some((m) => m.file === k.file && m.field === k.field && (k.frames === 'all' || k.frames.includes(m.frame))));
    const agreement = FIELDS.map((f) => `${f}: ${(compared.get(f) ?? 0) - mismatches.filter((m) => m.field === f).length}/${compared.get(f) ?? 0}`);
    console.log(`DNS/HTTP field agreement with tshark (frames agreeing / frames where either side has the field): ${agreement.join(', ')}; listed differences: ${mismatches.filter(isKnown).length}; DNS frames whose rcode carries EDNS bits: ${extendedRcodes}`);
    for (const m of unlisted.slice(0, 60)) console.log(`unlisted: ${m.file} ${m.field} frame ${m.frame}: ours "${m.ours}" tshark "${m.theirs}"`);
    expect(unlisted.slice(0, 40)).toEqual([]);
    expect(stale.map((k) => `${k.file} ${k.field} ${k.frames}`)).toEqual([]);
    for (const k of KNOWN) expect(k.reason.length).toBeGreaterThan(20);
    // v.dns's summary keys (qname, qtype, answers, rcode) agree with the full ones compared above
    expect(summaryProblems).toEqual([]);
  });
});

test.skipIf(HAVE_PUBLIC_CORPUS)('public corpus differential (skipped)', () => {
  console.log(NO_CORPUS_MESSAGE);
});

// ---- 2. lab scenarios ----

interface LabTruth {
  scenario: string;
  names: { entra: string; proxy: string; domain: string };
  hosts: { entra: { ipv4: string }; proxy: { ipv4: string; port: number } };
  key_frames: Record<string, number[] | number | null>;
  frames: {
    dns: { query_frame: number; name: string; type: string; response_frame: number | null; rcode_name: string | null; answers: string[] }[];
    tls_attempts: {
      tcp_stream: number;
      client: string;
      server: string;
      via_proxy: boolean;
      syn: number[];
      connect_request: { frame: number; uri: string } | null;
      connect_response: { frame: number; code: number; phrase: string } | null;
      client_hello: number | null;
      server_hello: number | null;
    }[];
  };
  noise: { unrelated_streams_through_proxy?: { tcp_stream: number; request: string | { frame: number; uri: string } }[] };
}

const LAB_FILES = ['capture.pcap', 'capture.pcapng', 'capture-nsec.pcapng'];
const labScenarios = (): string[] =>
  HAVE_LAB_CORPUS ? (JSON.parse(readFileSync(join(LAB_CORPUS, 'index.json'), 'utf8')) as { scenarios: { dir: string }[] }).scenarios.map((s) => s.dir) : [];
const labCases = () => labScenarios().flatMap((dir) => LAB_FILES.map((file) => [dir, file] as const));

describe.skipIf(!HAVE_LAB_CORPUS)('lab scenarios: DNS lookups, names and proxy tunnels', () => {
  test.each(labCases())('%s/%s', async (dir, file) => {
    const truth = JSON.parse(readFileSync(join(LAB_CORPUS, dir, 'truth.json'), 'utf8')) as LabTruth;
    const s = await scan(join(LAB_CORPUS, dir, file));
    const { dns, http, tls } = s.result.app;
    const t = dns.tracker;
    expect(t.damaged).toBe(0);
    // every lookup the lab logged: frames, name, type, rcode, answers
    for (const d of truth.frames.dns) {
      const x = t.transactions.find((y) => y.queryFrame === d.query_frame);
      expect(x, `query in frame ${d.query_frame}`).toBeDefined();
      expect([x!.name, x!.type === 1 ? 'A' : x!.type === 28 ? 'AAAA' : x!.type, x!.responseFrame, x!.rcodeName, x!.addresses]).toEqual([d.name, d.type, d.response_frame, d.rcode_name, d.answers]);
      // and per frame, as the packet list shows them
      const q = s.dnsAt.get(d.query_frame);
      expect([q?.response, q?.qname, q?.qtype]).toEqual([false, d.name, x!.type]);
      if (d.response_frame !== null) {
        const r = s.dnsAt.get(d.response_frame);
        expect([r?.response, r?.id, r?.qname, r?.rcodeName]).toEqual([true, q!.id, d.name, d.rcode_name]);
      }
    }
    // the key DNS frames: lookups of the Entra or proxy name (and search-suffix variants) after the first Access-Request
    const first = (truth.key_frames.access_requests as number[])[0]!;
    const signal = [truth.names.entra, truth.names.proxy].flatMap((n) => [n, ...t.lookups.variantsOf(n)]).flatMap((n) => t.lookups.of(n)).filter((x) => x.queryFrame > first);
    expect(signal.map((x) => x.queryFrame).sort((a, b) => a - b)).toEqual(truth.key_frames.dns_queries);
    expect(signal.map((x) => x.responseFrame).sort((a, b) => a! - b!)).toEqual(truth.key_frames.dns_responses);

    const entra = t.lookups.resolution(truth.names.entra);
    if (dir === 'dns-fail') {
      expect(entra.failed).toBe(true);
      expect(entra.variants).toEqual([`${truth.names.entra}.${truth.names.domain}`]);
      expect(new Set(entra.lookups.map((l) => l.outcome))).toEqual(new Set(['nxdomain']));
      expect(new Set(entra.lookups.map((l) => l.transaction.type))).toEqual(new Set([1, 28]));
    } else if (entra.lookups.length > 0) {
      // the Entra name resolves; the empty AAAA answer beside it is not a failure
      expect(entra.failed).toBe(false);
      expect(entra.addresses).toEqual([truth.hosts.entra.ipv4]);
      expect(entra.lookups.some((l) => l.transaction.type === 28 && l.outcome === 'no-records')).toBe(true);
    }
    for (const a of truth.frames.tls_attempts) {
      const [ip] = a.server.split(':');
      const name = t.names.nameFor(ip!, a.syn[0]!);
      expect(name?.name, `name of ${a.server} before frame ${a.syn[0]}`).toBe(a.via_proxy ? truth.names.proxy : truth.names.entra);
      if (!a.via_proxy) continue;
      const c = http.connection(a.tcp_stream)!;
      expect([c.client, c.server, c.proxy]).toEqual([a.client, a.server, true]);
      const k = c.connects[0]!;
      expect([k.requestFrame, k.target, k.host, k.port]).toEqual([a.connect_request!.frame, a.connect_request!.uri, truth.names.entra, 443]);
      expect([k.statusFrame, k.status, k.reason]).toEqual([a.connect_response!.frame, a.connect_response!.code, a.connect_response!.phrase]);
      if (a.connect_response!.code === 200) {
        expect(k.outcome).toBe('established');
        expect(c.tunnel!.frame).toBe(a.connect_response!.frame);
        expect([c.tunnel!.target, c.tunnel!.requestFrame]).toEqual([a.connect_request!.uri, a.connect_request!.frame]);
        // the tunnel's bytes went on to TLS from the tunnel's first octet (a wrong offset would misread the
        // records): the first TLS of each side on this stream is the hello the lab logged, read without problems
        const onStream = [...s.tlsAt].filter(([, x]) => x.stream === a.tcp_stream);
        expect(onStream.find(([, x]) => x.fromClient)?.[0] ?? null).toBe(a.client_hello);
        expect(onStream.find(([, x]) => !x.fromClient)?.[0] ?? null).toBe(a.server_hello);
        expect(s.tlsAt.get(a.client_hello!)?.handshake[0]).toBe(1);
        const conn = tls.connections().find((x) => x.stream === a.tcp_stream && x.tunnel)!;
        expect([conn.clientHello?.frame, conn.serverHello?.frame ?? null, conn.problems]).toEqual([a.client_hello, a.server_hello, []]);
      } else {
        expect(k.outcome).toBe(a.connect_response!.code === 407 ? 'auth-required' : 'denied');
        expect(c.tunnel).toBeNull();
      }
    }
    // other traffic through the proxy: a CONNECT to another host, and a plain GET in absolute form
    for (const u of truth.noise.unrelated_streams_through_proxy ?? []) {
      const c = http.connection(u.tcp_stream)!;
      expect(c.proxy).toBe(true);
      if (typeof u.request === 'string') expect(c.requests[0]).toMatchObject({ method: 'GET', target: expect.stringMatching(/^http:\/\//), status: 200 });
      else expect(c.connects[0]).toMatchObject({ requestFrame: u.request.frame, target: u.request.uri, outcome: 'established' });
    }
    const connects = http.connects().filter((k) => k.host === truth.names.entra);
    expect(connects.map((k) => k.requestFrame)).toEqual(truth.key_frames.proxy_connect_requests);
    expect(connects.map((k) => k.statusFrame)).toEqual(truth.key_frames.proxy_connect_responses);
  });
});

test.skipIf(HAVE_LAB_CORPUS)('lab scenarios (skipped)', () => {
  console.log(NO_CORPUS_MESSAGE);
});
