// Property and fuzz tests (issue 8): the lab captures and reader fixtures in the repository, mutated by a
// seeded mutator (./mutate.ts), fed to the whole pipeline at random chunk sizes. Each case must give a report
// or a CaptureFormatError, stay within its step budget, and report every frame before the first damaged
// byte (./harness.ts says exactly what is checked). Fixed seed: the same cases on every run. `npm run fuzz`
// runs new seeds for as long as asked (./fuzz-run.test.ts).

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { baseInputs, expectations, runCase, savedFailures } from './harness.ts';
import { mutate, walkRecords } from './mutate.ts';

const SEED = 0x8f1a2;
/** Cases per shard; SHARDS shards in total (each shard its own test, so a failure names its shard). */
const CASES = 2600;
const SHARDS = 4;
/** The packet table's rows are built for one case in TABLE_EVERY (they decode every frame again). */
const TABLE_EVERY = 2;

const inputs = baseInputs();

describe('fuzz: the base inputs', () => {
  test('the independent record walk agrees with the core on every unmutated input', async () => {
    for (const { name, bytes } of inputs) {
      const layout = walkRecords(bytes);
      const { problems, result } = await runCase(bytes, 1, { table: true });
      expect(problems, name).toEqual([]);
      if (layout.format !== 'other') expect(result!.frames, name).toBe(layout.records.filter((r) => r.packet).length);
    }
  });
});

describe('fuzz: mutated captures through the whole pipeline', () => {
  for (let shard = 0; shard < SHARDS; shard++) {
    test(`shard ${shard}: ${CASES} cases, seed ${SEED + shard}`, async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: inputs.length - 1 }), fc.nat(), fc.nat(), async (which, seed, chunkSeed) => {
          const base = inputs[which]!;
          const m = mutate(base.bytes, seed);
          const { problems } = await runCase(m.bytes, chunkSeed, { ...expectations(base.bytes, m), table: n++ % TABLE_EVERY === 0 });
          if (problems.length > 0) throw new Error(`${base.name} seed ${seed} chunks ${chunkSeed}: ${m.steps.join('; ')}\n${problems.join('\n')}`);
        }),
        { seed: SEED + shard, numRuns: CASES, endOnFailure: true },
      );
      expect(n).toBe(CASES);
    }, 120_000);
  }
});

describe('fuzz: saved failures replay (fixtures/fuzz-failures)', () => {
  const saved = savedFailures();
  test.skipIf(saved.length > 0)('no saved failures', () => {});
  for (const f of saved) {
    test(f.name, async () => {
      const { problems } = await runCase(f.bytes, f.note.chunkSeed ?? 1, { ...(f.note.minFrames !== undefined ? { minFrames: f.note.minFrames } : {}), ...(f.note.exactFrames !== undefined ? { exactFrames: f.note.exactFrames } : {}), table: true });
      expect(problems).toEqual([]);
    });
  }
});
