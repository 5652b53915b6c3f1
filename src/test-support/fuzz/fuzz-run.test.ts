// `npm run fuzz` (scripts/fuzz.mjs): the fuzz cases of fuzz.test.ts with new seeds, for FUZZ_SECONDS
// (default 60), from FUZZ_SEED (default: the clock). Every failing input is saved to fixtures/fuzz-failures/
// with a note of its seed and mutation, and fuzz.test.ts replays it from then on. Skipped in `npm test`.

import { describe, expect, test } from 'vitest';
import { baseInputs, expectations, runCase, saveFailure } from './harness.ts';
import { mutate, random } from './mutate.ts';

const SECONDS = Number(process.env.FUZZ_SECONDS ?? 0);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 0x7fffffff);

describe.skipIf(!(SECONDS > 0))('fuzz run (npm run fuzz; FUZZ_SECONDS unset: skipped)', () => {
  test(`fuzz for ${SECONDS} s from seed ${SEED}`, async () => {
    const inputs = baseInputs();
    const rnd = random(SEED);
    const until = Date.now() + SECONDS * 1000;
    const failures: string[] = [];
    let cases = 0;
    while (Date.now() < until) {
      for (let k = 0; k < 50; k++) {
        const which = Math.floor(rnd() * inputs.length);
        const seed = Math.floor(rnd() * 0x7fffffff);
        const chunkSeed = Math.floor(rnd() * 0x7fffffff);
        const base = inputs[which]!;
        const m = mutate(base.bytes, seed);
        const exp = expectations(base.bytes, m);
        const { problems } = await runCase(m.bytes, chunkSeed, { ...exp, table: true });
        cases++;
        if (problems.length > 0) {
          const path = saveFailure(m.bytes, { base: base.name, seed, chunkSeed, steps: m.steps, problems, ...exp });
          failures.push(`${path}: ${base.name} seed ${seed}: ${m.steps.join('; ')}: ${problems[0]!.split('\n')[0]}`);
        }
      }
    }
    console.log(`fuzz: ${cases} cases in ${SECONDS} s from seed ${SEED}; ${failures.length} failures`);
    expect(failures).toEqual([]);
  }, 0);
});
