// The known-differences list itself: every entry has exactly one owning test (which fails when the entry goes
// stale), a reason, frames in order, a capture that exists, and no other entry for the same file and field.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HAVE_PUBLIC_CORPUS, PUBLIC_CORPUS, REPO_ROOT } from './corpus.ts';
import { KNOWN_DIFFERENCES, OWNERS, ownersOf } from './known-differences.ts';

/** Frame numbers, at least one, ascending without repeats. */
const inOrder = (frames: number[]) => frames.length > 0 && frames.every((f, i) => Number.isInteger(f) && f >= 1 && (i === 0 || f > frames[i - 1]!));

describe('known differences', () => {
  test('every entry has one owner, a reason and frames in order', () => {
    const bad = KNOWN_DIFFERENCES.filter(
      (k) =>
        ownersOf(k.field).length !== 1 ||
        k.reason.trim().length < 40 ||
        (k.frames !== 'all' && !inOrder(k.frames)),
    );
    expect(bad.map((k) => `${k.file} ${k.field}`)).toEqual([]);
  });

  test('one entry per file and field', () => {
    const keys = KNOWN_DIFFERENCES.map((k) => `${k.file} ${k.field}`);
    expect(keys.filter((x, i) => keys.indexOf(x) !== i)).toEqual([]);
  });

  test('the owning tests exist', () => {
    for (const o of Object.values(OWNERS)) expect(existsSync(join(REPO_ROOT, o.test)), o.test).toBe(true);
  });

  test.skipIf(!HAVE_PUBLIC_CORPUS)('every file is a public capture with tshark truth', () => {
    expect(KNOWN_DIFFERENCES.map((k) => k.file).filter((f) => !existsSync(join(PUBLIC_CORPUS, f + '.tshark.json')))).toEqual([]);
  });
});
