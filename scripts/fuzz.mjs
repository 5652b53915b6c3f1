#!/usr/bin/env node
// npm run fuzz [-- SECONDS [SEED]]: runs src/test-support/fuzz/fuzz-run.test.ts for FUZZ_SECONDS (default 60)
// with new seeds (FUZZ_SEED, default the clock). Failing inputs land in fixtures/fuzz-failures/.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [seconds, seed] = process.argv.slice(2);
const env = { ...process.env };
env.FUZZ_SECONDS = seconds ?? env.FUZZ_SECONDS ?? '60';
if (seed !== undefined) env.FUZZ_SEED = seed;
const r = spawnSync(process.execPath, [fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url)), 'run', 'src/test-support/fuzz/fuzz-run.test.ts', '--testTimeout=0'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
