// The CLI's text output on a terminal, for a capture crafted to attack it (src/test-support/hostile-capture.ts):
// ESC sequences, BEL, NUL, line breaks and a right-to-left override in SNI, User-Name, DNS names, HTTP lines
// and pcapng comments. Written raw they would recolour or rewrite the terminal, reorder text or fake report
// lines; every text command must write them as escapes. (--json is data for programs, escaped by JSON itself.)

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { REPO_ROOT } from '../test-support/corpus.ts';
import { hostileCapture } from '../test-support/hostile-capture.ts';
import { ensureCliBuilt } from '../test-support/cli-build.ts';

const BIN = join(REPO_ROOT, 'bin', 'radscope.mjs');
/** What a terminal acts on or hides: C0 controls but tab and newline, DEL, C1 controls, bidi and other format
 * characters, line and paragraph separators. */
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]/u;
let file = '';

beforeAll(() => {
  ensureCliBuilt();
  file = join(mkdtempSync(join(tmpdir(), 'radscope-terminal-')), 'hostile.pcapng');
  writeFileSync(file, hostileCapture().bytes);
}, 120_000);

test.each([['analyze'], ['info'], ['packets'], ['conversations']])('radscope %s writes the capture\'s control and bidi characters as escapes', (command) => {
  const r = spawnSync(process.execPath, [BIN, command, file], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const bad = r.stdout.split('\n').filter((line) => ACTIVE.test(line));
  expect(bad, 'lines with characters a terminal would act on').toEqual([]);
  expect(r.stderr).not.toMatch(ACTIVE);
});

test('the escapes are there: the ESC of the User-Name, the override of the SNI, the BEL of the Host header', () => {
  const analyze = spawnSync(process.execPath, [BIN, 'analyze', file], { encoding: 'utf8' }).stdout;
  const packets = spawnSync(process.execPath, [BIN, 'packets', file], { encoding: 'utf8' }).stdout;
  expect(analyze + packets).toContain('\\u202E');
  expect(packets).toContain('\\x1b');
  expect(packets).toContain('\\x07');
});
