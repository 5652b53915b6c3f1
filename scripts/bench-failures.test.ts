// The bench's correctness check (bench/failures.mjs) on a small capture from the bench's own generator: the
// planted failure instances are found by the full analysis, and a report that misses one, or cites the wrong
// evidence, is caught. Needs python3 and ../shared/bench/make-capture.py (skips without them).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { analyseCapture } from '../src/core/index.ts';
import type { Report } from '../src/core/index.ts';
import { checkFailures, describeCheck, instanceFrames, type ManifestFailure } from '../bench/failures.mjs';

const SHARED = process.env.RADSCOPE_SHARED ? resolve(process.env.RADSCOPE_SHARED) : resolve(import.meta.dirname, '..', '..', 'shared');
const GENERATOR = join(SHARED, 'bench', 'make-capture.py');
const python = spawnSync('python3', ['--version']).status === 0;
const canRun = python && existsSync(GENERATOR);
if (!canRun) console.warn(`bench-failures.test.ts: skipped (${python ? `no ${GENERATOR}` : 'no python3'})`);

describe.skipIf(!canRun)('the bench finds make-capture.py failure instances', () => {
  let dir = '';
  let manifest: { packets: number; failures: ManifestFailure[] };
  let report: Report;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'radscope-bench-check-'));
    // The generator's default 300 RADIUS exchanges packed into 3 MB: other servers' Access-Requests often fall
    // between a failure's request and its SYN, so this also checks that an attempt goes to its own server's request.
    const cap = join(dir, 'small.pcap');
    const man = join(dir, 'small.json');
    const r = spawnSync('python3', [GENERATOR, '--size', '3M', '--failures', '2', '--seed', '7', '-q', '-o', cap, '--manifest', man], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    manifest = JSON.parse(readFileSync(man, 'utf8'));
    const bytes = new Uint8Array(readFileSync(cap));
    const source = (async function* () {
      for (let o = 0; o < bytes.length; o += 1 << 20) yield bytes.subarray(o, o + (1 << 20));
    })();
    report = (await analyseCapture(source, { keepIndex: false })).report;
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('both planted instances: transaction, verdict and the ten evidence frames', () => {
    expect(manifest.failures).toHaveLength(2);
    expect(report.capture.frames).toBe(manifest.packets);
    for (const f of manifest.failures) expect(instanceFrames(f)).toHaveLength(10);
    const check = checkFailures(manifest, report);
    expect(check, describeCheck(check)).toMatchObject({ ok: true, expected: 2, found: 2 });
  });

  test('a report that misses an instance, or cites other frames, fails the check', () => {
    const clone = (): Report => structuredClone(report);
    const txOf = (r: Report, k: number) => r.transactions.find((t) => t.requests[0]?.frame === manifest.failures[k]!.frames.access_request!.frame)!;

    const noVerdict = clone();
    txOf(noVerdict, 0).verdict = null;
    expect(checkFailures(manifest, noVerdict)).toMatchObject({ ok: false, found: 1 });

    const otherVerdict = clone();
    txOf(otherVerdict, 1).verdict!.id = 'radius.request.unanswered';
    expect(checkFailures(manifest, otherVerdict).instances[1]!.problems.join()).toMatch(/verdict radius\.request\.unanswered/);

    const lessEvidence = clone();
    txOf(lessEvidence, 0).verdict!.frames.pop();
    expect(checkFailures(manifest, lessEvidence).instances[0]!.problems.join()).toMatch(/evidence lacks frames/);

    const moreEvidence = clone();
    txOf(moreEvidence, 1).verdict!.frames.push(1);
    expect(checkFailures(manifest, moreEvidence).instances[1]!.problems.join()).toMatch(/not in the manifest/);

    const gone = clone();
    gone.transactions = gone.transactions.filter((t) => t !== txOf(gone, 1));
    expect(checkFailures(manifest, gone)).toMatchObject({ ok: false, found: 1 });

    expect(checkFailures({ failures: [] }, report).ok).toBe(false);
  });
});
