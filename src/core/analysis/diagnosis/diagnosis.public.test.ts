// The public corpus holds no NPS failure: no finding of severity warning or error may be invented there,
// except those listed below with the reason they are right.

import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyseCapture, CaptureFormatError } from '../../index.ts';
import { fileSource, nodeGunzip } from '../../../cli/sources.ts';
import { HAVE_PUBLIC_CORPUS, NO_CORPUS_MESSAGE, PUBLIC_CORPUS, publicCaptures } from '../../../test-support/corpus.ts';

/** Findings that do fire on public captures, and why they are right to. */
const JUSTIFIED: Record<string, { ids: string[]; why: string }> = {
  'the-tcpdump-group-tcpdump/RADIUS-RFC3162.pcap': {
    ids: ['radius.request.unanswered', 'capture.blind'],
    why: 'tcpdump\'s printer sample: one Access-Request and nothing else. It really is unanswered in the capture, and no outbound traffic of the server is in it.',
  },
  'the-tcpdump-group-tcpdump/radius_rfc5447.pcap': {
    ids: ['radius.request.unanswered', 'capture.blind'],
    why: 'The same kind of sample: a lone Access-Request carrying the RFC 5447 attributes, never answered in the capture.',
  },
  'zeek-zeek/radius/radius_localhost.pcap': {
    ids: ['radius.access_reject', 'radius.request.unanswered', 'capture.blind'],
    why: 'A FreeRADIUS test run on localhost: users with wrong passwords get Access-Reject (tshark: frames 4 and 14, code 3), and Access-Request id 184 (frame 15, with its duplicates 16 and 17 in tshark) is never answered.',
  },
};

describe.skipIf(!HAVE_PUBLIC_CORPUS)('no invented findings on the public corpus', () => {
  test.each(publicCaptures())('%s', async (rel) => {
    let report;
    try {
      report = (await analyseCapture(fileSource(join(PUBLIC_CORPUS, rel)), { gunzip: nodeGunzip, keepIndex: false })).report;
    } catch (e) {
      expect(e).toBeInstanceOf(CaptureFormatError);
      return;
    }
    const fired = report.findings.filter((f) => f.severity !== 'info').map((f) => f.id);
    expect(fired.filter((id) => !(JUSTIFIED[rel]?.ids ?? []).includes(id)), fired.length ? report.findings.map((f) => f.summary).join(' | ') : '').toEqual([]);
  });
});

test.skipIf(HAVE_PUBLIC_CORPUS)('public corpus findings (skipped)', () => {
  console.log(NO_CORPUS_MESSAGE);
});
