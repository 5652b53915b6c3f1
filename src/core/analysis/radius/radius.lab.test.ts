// Scenario tests against the lab captures (corpus/lab/<scenario>/truth.json, written by the lab generator from
// what radclient and the NPS stand-in did): Access-Requests, retransmissions, responses and what they answer,
// unanswered requests, and which shared secret fits which packet. Each scenario is checked in its three files
// (pcap, pcapng, pcapng with nanosecond time stamps). Read through the one pass, as users get it: each frame's
// v.radius as the pass shows it, and result.radius after the pass for what only its end knows (a request's
// rspFrame, the transactions and unanswered requests).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fileSource, nodeGunzip } from '../../../cli/sources.ts';
import { scanCapture } from '../../pipeline.ts';
import { HAVE_LAB_CORPUS, LAB_CORPUS, NO_CORPUS_MESSAGE } from '../../../test-support/corpus.ts';
import { radiusInfoText } from './radius-record.ts';
import type { RadiusTracker } from './radius-tracker.ts';
import type { RadiusFrameInfo, RadiusTrackerOptions } from './radius-types.ts';

interface LabRequest {
  frame: number;
  id: number;
  nas_port: number;
  nps_port: number;
  authenticator: string;
  length: number;
  retransmission_of: number | null;
}
interface LabResponse {
  frame: number;
  code: number;
  code_name: string;
  id: number;
  in_response_to_frame: number;
  repeat_of_response_frame: number | null;
  request_first_transmission_frame: number;
  ms_after_request: number;
  ms_after_first_transmission: number;
  response_authenticator_valid_with_nas_secret: boolean;
  response_authenticator_valid_with_nps_secret: boolean;
  wireshark_authenticator_check_with_nas_secret: 'valid' | 'invalid';
}
interface LabTruth {
  scenario: string;
  hosts: { nas: { ipv4: string }; nps: { ipv4: string } };
  radius: { port: number; shared_secret_nps: string; shared_secret_nas: string; secrets_match: boolean; user: string };
  key_frames: { access_requests: number[]; access_request_retransmissions: number[]; radius_responses: number[] };
  frames: { access_requests: LabRequest[]; responses: LabResponse[] };
  timing: { nas_retransmission_intervals_ms?: number[] };
}

const FILES = ['capture.pcap', 'capture.pcapng', 'capture-nsec.pcapng'];
/** Truth times are milliseconds with 3 decimals (1 us); nanosecond captures differ by less than 1 us more. */
const TIME_TOLERANCE = 1.5e-6;

function scenarios(): string[] {
  if (!HAVE_LAB_CORPUS) return [];
  return readdirSync(LAB_CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

interface Pass {
  /** A frame as the pass showed it (v.radius, copied then), with the rspFrame known at its end. */
  infoForFrame(frame: number): RadiusFrameInfo | undefined;
  /** result.radius: transactions, unanswered requests, final per-frame infos. */
  radius: RadiusTracker;
}

async function track(path: string, radius: RadiusTrackerOptions): Promise<Pass> {
  const seen = new Map<number, RadiusFrameInfo>();
  const result = await scanCapture(fileSource(path), { gunzip: nodeGunzip, keepIndex: false, radius }, (v) => {
    if (v.radius !== null) seen.set(v.raw.number, structuredClone(v.radius));
  });
  // every RADIUS frame of the lab is on port 1812, so the pass shows each one as it reads it
  expect([...seen.keys()]).toEqual(result.radius.frames().map((i) => i.frame));
  return {
    infoForFrame: (n) => {
      const i = seen.get(n);
      return i === undefined ? undefined : { ...i, rspFrame: result.radius.infoForFrame(n)!.rspFrame };
    },
    radius: result.radius,
  };
}

const cases = scenarios().flatMap((s) => FILES.map((f) => [s, f] as const));

describe.skipIf(!HAVE_LAB_CORPUS)('RADIUS in the lab scenarios', () => {
  test.each(cases)('%s %s', async (scenario, file) => {
    const truth = JSON.parse(readFileSync(join(LAB_CORPUS, scenario, 'truth.json'), 'utf8')) as LabTruth;
    const r = truth.radius;
    const path = join(LAB_CORPUS, scenario, file);
    const nps = await track(path, { secrets: [r.shared_secret_nps] });
    const nas = await track(path, { secrets: [r.shared_secret_nas], revealPasswords: true });

    // requests and retransmissions
    const firstRequests = truth.frames.access_requests.filter((q) => q.retransmission_of === null).map((q) => q.frame);
    expect(firstRequests).toEqual(truth.key_frames.access_requests);
    for (const q of truth.frames.access_requests) {
      const i = nps.infoForFrame(q.frame)!;
      expect(i, `frame ${q.frame}`).toBeDefined();
      expect([i.code, i.id, i.srcPort, i.dstPort, i.authenticator, i.length, i.dup]).toEqual([1, q.id, q.nas_port, q.nps_port, q.authenticator, q.length, q.retransmission_of]);
      expect([i.src, i.dst, i.attrs.userName]).toEqual([truth.hosts.nas.ipv4, truth.hosts.nps.ipv4, r.user]);
      expect(radiusInfoText(i)).toBe(`Access-Request id=${q.id}${q.retransmission_of === null ? '' : ', Duplicate Request'}`);
    }
    expect(truth.frames.access_requests.filter((q) => q.retransmission_of !== null).map((q) => q.frame)).toEqual(truth.key_frames.access_request_retransmissions);

    // responses: Wireshark pairs with the first copy and times from it; the lab also names the latest copy
    expect(truth.frames.responses.map((x) => x.frame)).toEqual(truth.key_frames.radius_responses);
    for (const x of truth.frames.responses) {
      const i = nps.infoForFrame(x.frame)!;
      const nasPort = truth.frames.access_requests[0]!.nas_port;
      expect([i.code, i.id, i.dstPort, i.reqFrame, i.lastCopy, i.rspDup]).toEqual([
        x.code, x.id, nasPort, x.request_first_transmission_frame, x.in_response_to_frame, x.repeat_of_response_frame,
      ]);
      expect(Math.abs(i.time! - x.ms_after_first_transmission / 1000)).toBeLessThan(TIME_TOLERANCE);
      expect(Math.abs(i.timeFromLastCopy! - x.ms_after_request / 1000)).toBeLessThan(TIME_TOLERANCE);
      // the Response Authenticator, with either secret, as the lab checked it (own MD5 and Wireshark)
      expect(i.secrets!.secretIndex, `frame ${x.frame} with the NPS secret`).toBe(x.response_authenticator_valid_with_nps_secret ? 0 : -1);
      expect(nas.infoForFrame(x.frame)!.secrets!.secretIndex, `frame ${x.frame} with the NAS secret`).toBe(x.response_authenticator_valid_with_nas_secret ? 0 : -1);
      // Wireshark's Info column with the NAS secret configured (packet-radius.c)
      const dupText = x.repeat_of_response_frame !== null ? ', Duplicate Response' : '';
      const badText = x.wireshark_authenticator_check_with_nas_secret === 'invalid' ? ' [incorrect authenticator]' : '';
      expect(radiusInfoText(nas.infoForFrame(x.frame)!)).toBe(`${x.code_name} id=${x.id}${dupText}${badText}`);
    }
    const first = truth.key_frames.access_requests[0]!;
    const firstResponse = truth.frames.responses[0]?.frame ?? null;
    for (const q of truth.frames.access_requests) expect(nps.infoForFrame(q.frame)!.rspFrame).toBe(firstResponse);
    expect(nps.radius.unanswered().map((t) => t.requestFrame)).toEqual(firstResponse === null ? [first] : []);
    expect(nps.radius.transactions().map((t) => t.requestFrame)).toEqual([first]);
    const offsets = [0, ...(nps.radius.transactions()[0]!.duplicateOffsets as number[])];
    const intervals = offsets.slice(1).map((o, k) => o - offsets[k]!);
    const expectedIntervals = (truth.timing.nas_retransmission_intervals_ms ?? []).map((ms) => ms / 1000);
    expect(intervals.length).toBe(expectedIntervals.length);
    intervals.forEach((x, k) => expect(Math.abs(x - expectedIntervals[k]!)).toBeLessThan(TIME_TOLERANCE));

    // User-Password: text with the secret the NAS used; garbage with the NPS secret when they differ. These
    // requests carry no Message-Authenticator (tshark lists none), so the password is the only clue.
    for (const q of truth.frames.access_requests) {
      const withNas = nas.infoForFrame(q.frame)!;
      expect(withNas.attrs.messageAuthenticator).toBe(false);
      expect(withNas.secrets!.checks.map((c) => c.kind)).toEqual(['user-password']);
      expect(withNas.secrets!.secretIndex).toBe(0);
      expect(withNas.secrets!.password).toMatch(/^[\x21-\x7e]+$/);
      const withNps = nps.infoForFrame(q.frame)!.secrets!;
      expect(withNps.secretIndex).toBe(r.secrets_match ? 0 : -1);
      expect(withNps.password).toBeUndefined(); // not revealed unless asked
    }
  });

  test('shared-secret-mismatch: with both secrets, the requests name the NAS secret and the responses the NPS one', async () => {
    const truth = JSON.parse(readFileSync(join(LAB_CORPUS, 'shared-secret-mismatch', 'truth.json'), 'utf8')) as LabTruth;
    expect(truth.radius.secrets_match).toBe(false);
    const tr = await track(join(LAB_CORPUS, 'shared-secret-mismatch', 'capture.pcap'), { secrets: [truth.radius.shared_secret_nps, truth.radius.shared_secret_nas] });
    for (const q of truth.frames.access_requests) expect(tr.infoForFrame(q.frame)!.secrets!.secretIndex).toBe(1);
    for (const x of truth.frames.responses) expect(tr.infoForFrame(x.frame)!.secrets!.secretIndex).toBe(0);
  });
});

test.skipIf(HAVE_LAB_CORPUS)('lab corpus RADIUS scenarios (skipped)', () => {
  console.log(NO_CORPUS_MESSAGE);
});
