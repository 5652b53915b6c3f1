// Every lab scenario, in all three files (pcap, pcapng, nanosecond pcapng), with the NPS secret: the verdict
// is the scenario's, and verdict.frames holds every key frame the scenario names (issue "Diagnosis", table
// of the tests). Ground truth: corpus/lab/*/truth.json. The same for the lab variants committed under
// fixtures/lab-variants (other seeds, address plans, IPv6 on the Entra path, other RADIUS ports, squid
// instead of tinyproxy: the pcapng of each), so the diagnosis cannot lean on one lab's addresses or timings.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyseCapture } from '../../index.ts';
import { fileSource } from '../../../cli/sources.ts';
import { HAVE_LAB_CORPUS, LAB_CORPUS, NO_CORPUS_MESSAGE, REPO_ROOT } from '../../../test-support/corpus.ts';

const EXPECT: Record<string, { id: string | null; frames: string[]; info?: string }> = {
  TLS_CLIENTHELLO_BLACKHOLED: { id: 'tls.clienthello.unanswered', frames: ['tcp_syn', 'tcp_syn_ack', 'tcp_handshake_ack', 'client_hello_first', 'client_hello_retransmissions'] },
  TLS_RESET_AFTER_CLIENTHELLO: { id: 'tls.clienthello.reset', frames: ['client_hellos', 'tcp_rst_from_server_side'] },
  TCP_SYN_UNANSWERED: { id: 'tcp.syn.unanswered', frames: ['tcp_syn', 'tcp_syn_retransmissions'] },
  DNS_FAILURE: { id: 'dns.lookup.failed', frames: ['dns_queries', 'dns_responses'] },
  PROXY_DENIED: { id: 'proxy.connect.denied', frames: ['proxy_connect_requests', 'proxy_connect_responses'] },
  TLS_ALERT_FROM_CLIENT_UNTRUSTED_CERT: { id: 'tls.certificate.rejected', frames: ['client_hellos', 'server_hellos', 'tls_alerts'] },
  RADIUS_ACCESS_REJECT: { id: 'radius.access_reject', frames: ['radius_responses'] },
  RADIUS_RESPONSE_AUTHENTICATOR_INVALID: { id: 'radius.secret.mismatch', frames: ['radius_responses'] },
  RADIUS_RESPONSE_AFTER_NAS_TIMEOUT: { id: 'radius.response.late', frames: ['radius_responses'] },
  HEALTHY: { id: null, frames: [] },
  PROXY_TUNNEL_OK: { id: null, frames: [], info: 'proxy.tunnel' },
};

const scenarios = HAVE_LAB_CORPUS ? readdirSync(LAB_CORPUS).filter((d) => !d.includes('.')).sort() : [];
const VARIANTS = join(REPO_ROOT, 'fixtures', 'lab-variants');
const dirs = (d: string) => readdirSync(d, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
const variants = dirs(VARIANTS).flatMap((v) => dirs(join(VARIANTS, v)).map((s) => join(v, s)));

function keyFrames(truth: { key_frames: Record<string, number | number[] | null> }, names: string[]): number[] {
  return names.flatMap((n) => {
    const v = truth.key_frames[n];
    return v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
  });
}

function check(dir: string, files: string[], label: string) {
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
  const want = EXPECT[truth.diagnosis as string];
  for (const file of files) {
    test(`${label}/${file}: ${want?.id ?? 'no verdict'}`, async () => {
        expect(want, `a verdict for ${truth.diagnosis}`).toBeDefined();
        // as `radscope analyze` runs it, without conversation summaries (the page keeps them: its lab runs are in
        // e2e/workspace.spec.ts), so the diagnosis is shown not to lean on them
        const { report } = await analyseCapture(fileSource(join(dir, file)), { conversations: false, radius: { secrets: [truth.radius.shared_secret_nps] } });
        if (want!.id === null) {
          expect(report.verdict).toBeNull();
          expect(report.findings.filter((f) => f.severity !== 'info').map((f) => `${f.id}: ${f.summary}`)).toEqual([]);
          if (want!.info) expect(report.findings.map((f) => f.id)).toContain(want!.info);
          return;
        }
        expect(report.verdict?.id, report.verdict?.summary).toBe(want!.id);
        const needed = keyFrames(truth, ['access_requests', 'access_request_retransmissions', ...want!.frames]);
        expect(needed.filter((f) => !report.verdict!.frames.includes(f))).toEqual([]);
        expect(report.findings.find((f) => f.id === want!.id)?.remedy).not.toBeNull();
    });
  }
}

describe.skipIf(!HAVE_LAB_CORPUS)('diagnosis of the lab scenarios', () => {
  for (const scenario of scenarios) {
    const truth = JSON.parse(readFileSync(join(LAB_CORPUS, scenario, 'truth.json'), 'utf8'));
    check(join(LAB_CORPUS, scenario), Object.values(truth.capture.files) as string[], scenario);
  }
});

describe('diagnosis of the lab variants (fixtures/lab-variants)', () => {
  for (const v of variants) check(join(VARIANTS, v), ['capture.pcapng'], v);
});

test.skipIf(HAVE_LAB_CORPUS)('lab diagnosis (skipped)', () => {
  console.log(NO_CORPUS_MESSAGE);
});
