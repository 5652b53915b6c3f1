// The damaged and unreadable captures of the public corpus (those tshark 4.0 failed on or marked malformed,
// src/test-support/damaged-corpus.ts) through the command line as a user runs it: each gives a report, or one
// clear line of error, never a stack trace; where tshark read the file, radscope reads as many frames; where
// tshark found an IP header it could not take, radscope's report names that frame.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { HAVE_PUBLIC_CORPUS, NO_CORPUS_MESSAGE, PUBLIC_CORPUS, REPO_ROOT } from '../test-support/corpus.ts';
import { damagedPublicCaptures } from '../test-support/damaged-corpus.ts';
import { ensureCliBuilt } from '../test-support/cli-build.ts';

const BIN = join(REPO_ROOT, 'bin', 'radscope.mjs');
const DAMAGED = damagedPublicCaptures();
if (!HAVE_PUBLIC_CORPUS) console.warn(`damaged-corpus.test.ts: ${NO_CORPUS_MESSAGE}`);

function radscope(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonReport {
  capture: { frames: number; problems: { id: string; severity: string; message: string; frame?: number }[] };
}

beforeAll(() => {
  ensureCliBuilt();
}, 120_000);

describe.skipIf(!HAVE_PUBLIC_CORPUS)('damaged public captures in the CLI', () => {
  test('the corpus holds the damaged captures this test is about', () => {
    // the MANIFEST lists 17 tshark marks malformed or fails on; a smaller list means the selection broke
    expect(DAMAGED.length).toBeGreaterThanOrEqual(17);
    expect(DAMAGED.filter((d) => d.tsharkRc !== 0).length).toBeGreaterThanOrEqual(3);
  });

  test.each(DAMAGED.map((d) => [d.path, d] as const))('%s: a report or one clear error', (_, d) => {
    const file = join(PUBLIC_CORPUS, d.path);
    const text = radscope(['analyze', file]);
    expect(text.stderr).not.toMatch(/^\s+at /m);
    if (text.code !== 0) {
      // an unreadable file: exit 3 and one line that names it and says why
      expect(text.code).toBe(3);
      expect(text.stderr.trim().split('\n')).toHaveLength(1);
      expect(text.stderr).toContain(d.name);
      return;
    }
    expect(text.stdout.split('\n')[0]).toMatch(new RegExp(`^radscope: ${d.name.replace(/[.]/g, '\\.')} \\(\\d+ frames`));

    const json = radscope(['analyze', '--json', file]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as JsonReport;
    if (d.tsharkRc === 0) expect(report.capture.frames).toBe(d.packets);
    else {
      // tshark gave up on the file: what radscope read of it comes with what is wrong with it
      expect(report.capture.problems.length, text.stdout).toBeGreaterThan(0);
      expect(text.stdout).toMatch(/Problems with the file:/);
    }
    if (d.headerDamage.length > 0) {
      const named = report.capture.problems.filter((p) => p.frame === d.headerDamage[0]);
      expect(named.map((p) => p.severity), JSON.stringify(report.capture.problems)).toContain('warning');
    }
  });
});
