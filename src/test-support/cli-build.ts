// The built CLI the CLI tests run (dist-cli/radscope.mjs), built again when it is missing or older than its
// sources: a stale build gave false failures when a CLI test file ran on its own after a change to the core
// (npm test builds it first). Test files run in parallel workers: one builds, under a lock directory, and
// the others wait for it.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './corpus.ts';

const BUILT = join(REPO_ROOT, 'dist-cli', 'radscope.mjs');
const SOURCES = ['src/core', 'src/cli', 'vite.cli.config.ts'].map((p) => join(REPO_ROOT, p));
const LOCK = join(REPO_ROOT, 'dist-cli.building');
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 120_000;

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = 0;
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
  return t;
}

function upToDate(): boolean {
  return existsSync(BUILT) && statSync(BUILT).mtimeMs >= Math.max(...SOURCES.map(newest));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Makes sure dist-cli/radscope.mjs is built from the sources as they are now. */
export function ensureCliBuilt(): void {
  if (upToDate()) return;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // another test file builds it: wait, unless its lock was left behind
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      else sleep(200);
      if (upToDate()) return;
    }
  }
  try {
    if (!upToDate()) execFileSync('npm', ['run', 'build:cli'], { cwd: REPO_ROOT, stdio: 'ignore' });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
