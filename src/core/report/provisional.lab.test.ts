// Provisional reports (made while the pass reads, for the page) on every lab scenario read 1 KiB at a time:
// they name the scenario's cause or none (or "unanswered" while the late answer is still unread: true of
// what was read), a failing scenario's cause shows before the read ends, and asking for them leaves the final
// report as it is. Ground truth: corpus/lab/*/truth.json.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyseCapture, type Report } from '../index.ts';
import { fileChunks, HAVE_LAB_CORPUS, LAB_CORPUS } from '../../test-support/corpus.ts';
import { VERDICT } from '../../test-support/lab-verdicts.ts';

const scenarios = HAVE_LAB_CORPUS ? readdirSync(LAB_CORPUS).filter((d) => !d.includes('.')).sort() : [];

describe.skipIf(!HAVE_LAB_CORPUS)('provisional reports on the lab scenarios', () => {
  test.each(scenarios)('%s', async (scenario) => {
    const truth = JSON.parse(readFileSync(join(LAB_CORPUS, scenario, 'truth.json'), 'utf8'));
    const want = VERDICT[truth.diagnosis as string];
    expect(want, `a verdict for ${truth.diagnosis}`).toBeDefined();
    const file = join(LAB_CORPUS, scenario, 'capture.pcap');
    const opts = { radius: { secrets: [truth.radius.shared_secret_nps as string] } };
    const provisional: Report[] = [];
    const { report } = await analyseCapture(fileChunks(file, 1024), { ...opts, provisional: { due: () => true, report: (r) => provisional.push(r) } });
    const plain = await analyseCapture(fileChunks(file, 1024), opts);

    expect(report).toEqual(plain.report);
    expect(provisional.length).toBeGreaterThan(10);
    const answer = (truth.key_frames.radius_responses as number[])[0] ?? 0; // no answer: never "unanswered" early
    for (const p of provisional) {
      expect(p.capture.frames).toBeLessThanOrEqual(truth.capture.frames);
      const allowed = p.capture.frames < answer ? [want, 'radius.request.unanswered'] : [want];
      if (p.verdict !== null) expect(allowed, `verdict after ${p.capture.frames} frames`).toContain(p.verdict.id);
    }
    if (want !== null) {
      const early = provisional.find((p) => p.verdict?.id === want);
      expect(early, 'the cause shown before the read ended').toBeDefined();
      for (const f of truth.key_frames.access_requests as number[]) expect(early!.verdict!.frames).toContain(f);
    }
  });
});
