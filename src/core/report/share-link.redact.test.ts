// Privacy of a share link (issue "Share a report by link"): with redaction on, the decoded link holds none
// of the capture's addresses or user names (the report's, and the lab's own list of its hosts), each
// replaced by the same placeholder everywhere; the customer's host names go, public service names stay
// unless asked; a shared secret or a revealed User-Password never gets into a link. Ground truth:
// corpus/lab/index.json (the lab's hosts) and the reports of corpus/lab/*/capture.pcap.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import { nodeDeflateRaw } from '../../cli/share-link.ts';
import { fileChunks, HAVE_LAB_CORPUS, LAB_CORPUS, NO_CORPUS_MESSAGE } from '../../test-support/corpus.ts';
import { analyseCapture } from '../pipeline.ts';
import { isIpv6, isPublicServiceName, redactReport } from './redact.ts';
import type { Report } from './schema.ts';
import { decodeShareLink, encodeShareLink } from './share-link.ts';
import { fromBase64Url } from './share-link-bytes.ts';

const SCENARIOS = HAVE_LAB_CORPUS ? readdirSync(LAB_CORPUS).filter((d) => statSync(join(LAB_CORPUS, d)).isDirectory()).sort() : [];
const reports = new Map<string, Report>();

beforeAll(async () => {
  for (const s of SCENARIOS) reports.set(s, (await analyseCapture(fileChunks(join(LAB_CORPUS, s, 'capture.pcap')), { name: `${s}-alice.pcap` })).report);
});

const addressOf = (e: string) => (e.startsWith('[') ? e.slice(1, e.indexOf(']')) : e.split(':').length === 2 ? e.split(':')[0]! : e);

/** Every IP address the report names in its structured fields, and every IPv4 literal in its text. */
function addressesOf(r: Report): string[] {
  const out = new Set<string>();
  for (const h of r.hosts) out.add(h.address);
  for (const t of r.transactions) out.add(t.nas).add(t.server);
  for (const a of r.attempts) out.add(addressOf(a.client)).add(a.server);
  for (const l of r.lookups) out.add(addressOf(l.client)).add(addressOf(l.server));
  for (const m of JSON.stringify(r).matchAll(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g)) out.add(m[0]);
  return [...out];
}

/** Whether `text` names `value` as a whole token (10.61.10.1 is not in 10.61.10.10). */
function names(text: string, value: string): boolean {
  const esc = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9_.-])${esc}(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`, 'i').test(text);
}

async function sharedJson(report: Report, opts: Parameters<typeof encodeShareLink>[2]) {
  const enc = await encodeShareLink(report, nodeDeflateRaw, opts);
  if (!enc.ok) throw new Error(enc.error.message);
  const dec = await decodeShareLink(enc.fragment, nodeDeflateRaw);
  if (!dec.ok) throw new Error(dec.error.message);
  // what travels (the inflated wire JSON) and what the page shows (the decoded report, derived texts included)
  const wire = inflateRawSync(fromBase64Url(enc.fragment.slice(enc.fragment.indexOf('.') + 1))!).toString('utf8');
  return { dec, text: wire + '\n' + JSON.stringify(dec) };
}

describe.skipIf(!HAVE_LAB_CORPUS)('redaction in a share link', () => {
  const lab = HAVE_LAB_CORPUS ? (JSON.parse(readFileSync(join(LAB_CORPUS, 'index.json'), 'utf8')) as { hosts: Record<string, { ipv4?: string | null; ipv6?: string | null; name?: string }> }) : { hosts: {} };
  const labAddresses = Object.values(lab.hosts).flatMap((h) => [h.ipv4, h.ipv6]).filter((a): a is string => !!a);

  test.each(SCENARIOS)('%s: no address and no user name is left, and each has one placeholder', async (s) => {
    const report = reports.get(s)!;
    const { dec, text } = await sharedJson(report, { users: true, addresses: true });
    const addresses = addressesOf(report);
    expect(addresses.length).toBeGreaterThanOrEqual(3);
    for (const a of [...addresses, ...labAddresses]) expect(names(text, a), `${a} in the link`).toBe(false);
    const users = report.transactions.map((t) => t.user).filter((u): u is string => u !== null);
    expect(users.length).toBeGreaterThan(0);
    for (const u of users) expect(text.includes(u), `${u} in the link`).toBe(false);
    // the customer's domain is gone with its host and user names; the capture's file name too
    expect(text).not.toMatch(/corp\.example|alice/i);
    expect(dec.report.capture.name).toBeNull();
    expect(dec.redaction).toEqual({ users: true, addresses: true, publicNames: true });
    // one placeholder per value: the RADIUS server is the same everywhere it appears
    const r = dec.report;
    for (const t of r.transactions) {
      expect(t.server).toMatch(/^addr-\d+$/);
      expect(t.user ?? 'user-1').toMatch(/^user-\d+$/);
      for (const i of t.attempts) expect(addressOf(r.attempts[i]!.client)).toBe(t.server);
    }
    if (r.verdict && r.transactions[0]) {
      const t = r.transactions[0];
      const where = r.verdict.summary + r.findings.map((f) => f.summary + JSON.stringify(f.remedy)).join(' ');
      expect(where.includes(t.server) || where.includes(t.nas)).toBe(true);
    }
    // the redacted report keeps its shape: the same verdict, findings and evidence
    expect(r.verdict?.id).toBe(report.verdict?.id);
    expect(r.verdict?.frames).toEqual(report.verdict?.frames);
    expect(r.findings.map((f) => [f.id, f.frames])).toEqual(report.findings.map((f) => [f.id, f.frames]));
  });

  test('public service names stay by default, and go when asked', async () => {
    const report = reports.get('tls-blackhole')!;
    const kept = await sharedJson(report, { users: true, addresses: true });
    expect(kept.text).toContain('login.microsoftonline.com');
    expect(kept.dec.report.findings[0]!.remedy).toEqual(redactReport(report, { users: true, addresses: true }).findings[0]!.remedy);
    const gone = await sharedJson(report, { users: true, addresses: true, keepPublicNames: false });
    expect(gone.text).not.toContain('microsoftonline');
    expect(gone.dec.redaction.publicNames).toBe(false);
    expect(gone.dec.report.attempts[0]!.target).toMatch(/^host-\d+$/);
    expect(gone.dec.report.attempts[0]!.events.find((e) => e.kind === 'client-hello')!.label).toBe(`ClientHello (SNI ${gone.dec.report.attempts[0]!.target})`);
  });

  test('users only: addresses stay, user names go', async () => {
    const report = reports.get('radius-reject')!;
    const { dec, text } = await sharedJson(report, { users: true });
    expect(text).not.toContain('alice@corp.example');
    expect(dec.report.transactions[0]!.nas).toBe(report.transactions[0]!.nas);
    expect(dec.report.capture.name).toBeNull();
    expect(dec.report.findings.map((f) => f.summary).join(' ')).toMatch(/\(user user-1\)/);
  });

  test('without redaction the link says so and names what the report names', async () => {
    const report = reports.get('tls-blackhole')!;
    const { dec } = await sharedJson(report, {});
    expect(dec.redaction).toEqual({ users: false, addresses: false, publicNames: false });
    expect(dec.report.transactions[0]!.user).toBe('alice@corp.example');
    expect(dec.report.capture.name).toBe('tls-blackhole-alice.pcap');
  });

  test('a shared secret or a revealed User-Password never gets into a link', async () => {
    const secret = 'Lab-NPS-s3cret';
    const { scan, report } = await analyseCapture(fileChunks(join(LAB_CORPUS, 'healthy', 'capture.pcap')), { radius: { secrets: [secret], revealPasswords: true } });
    const password = scan.radius.infoForFrame(report.transactions[0]!.requests[0]!.frame)?.secrets?.password;
    expect(password, 'the lab password decrypts with the secret').toBeTruthy();
    const { text } = await sharedJson(report, { forbidden: [secret, password!] });
    expect(text).not.toContain(secret);
    expect(text).not.toContain(password!);
    // were one ever in the report, the encoder refuses instead of sharing it
    const leaky: Report = structuredClone(report);
    leaky.findings.push({ ...structuredClone(reports.get('radius-reject')!.findings[0]!), summary: `secret was ${secret}` });
    const enc = await encodeShareLink(leaky, nodeDeflateRaw, { forbidden: [secret] });
    expect(enc.ok).toBe(false);
    expect(!enc.ok && enc.error.code).toBe('forbidden');
  });
});

test.skipIf(HAVE_LAB_CORPUS)('share link redaction on the lab scenarios (skipped)', () => {
  console.log(NO_CORPUS_MESSAGE);
});

describe('redaction of text the report builds', () => {
  const base: Report = {
    version: 1,
    generator: 'radscope 0.1.0',
    capture: { name: 'nps-bob.pcap', format: 'pcapng', frames: 10, start: '1.000000000', startIso: '1970-01-01T00:00:01.000000000Z', duration: 1, linkTypes: [1], bytes: 100, problems: [] },
    hosts: [
      { address: '10.0.0.1', names: [], roles: ['nas'] },
      { address: '10.0.0.10', names: ['nps01.contoso.local'], roles: ['radius-server'] },
      { address: '2001:db8::10', names: ['login.microsoftonline.com'], roles: ['entra-endpoint'] },
    ],
    transactions: [],
    attempts: [
      {
        id: 0,
        kind: 'tcp',
        stream: 0,
        client: '10.0.0.10:50000',
        server: '2001:db8::10',
        serverPort: 443,
        target: 'login.microsoftonline.com.contoso.local',
        entra: false,
        transaction: null,
        confidence: 'low',
        reasons: ['10.0.0.1 and 10.0.0.10 and 2001:db8::10 and [2001:db8::10]:443 and 2001:db8::1'],
        outcome: 'tls-ok',
        finding: null,
        events: [{ frame: 1, t: 0, label: 'ClientHello (SNI login.microsoftonline.com.contoso.local)', kind: 'client-hello', bad: false }],
      },
    ],
    lookups: [],
    findings: [],
    verdict: null,
  };

  test('prefixes, IPv6 forms and search-suffixed public names are each replaced whole', () => {
    const r = redactReport(base, { addresses: true });
    expect(r.hosts.map((h) => h.address)).toEqual(['addr-1', 'addr-2', 'addr-3']);
    expect(r.hosts[1]!.names).toEqual(['host-1']);
    expect(r.hosts[2]!.names).toEqual(['login.microsoftonline.com']);
    expect(r.attempts[0]!.client).toBe('addr-2:50000');
    expect(r.attempts[0]!.target).toBe('host-2');
    expect(r.attempts[0]!.reasons[0]).toBe('addr-1 and addr-2 and addr-3 and addr-3:443 and addr-4');
    expect(r.attempts[0]!.events[0]!.label).toBe('ClientHello (SNI host-2)');
    expect(r.capture.name).toBeNull();
    // the enumerations are untouched, and the input is not changed
    expect(r.attempts[0]!.outcome).toBe('tls-ok');
    expect(base.hosts[0]!.address).toBe('10.0.0.1');
  });

  test('no option, no change', () => {
    expect(redactReport(base, {})).toBe(base);
  });

  test('what counts as a public name, and as an IPv6 address', () => {
    expect(isPublicServiceName('LOGIN.microsoftonline.com.')).toBe(true);
    expect(isPublicServiceName('crl.microsoft.com')).toBe(true);
    expect(isPublicServiceName('login.microsoftonline.com.corp.example')).toBe(false);
    expect(isPublicServiceName('notmicrosoft.com')).toBe(false);
    expect(['::1', '2001:db8::10', '::ffff:10.0.0.1', '1:2:3:4:5:6:7:8'].every(isIpv6)).toBe(true);
    expect(['00:24:48', '1:2:3', ':::', '1::2::3', 'g::1'].some(isIpv6)).toBe(false);
  });
});
