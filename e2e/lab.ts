// The lab corpus as the end-to-end tests read it: where it is, its scenarios, and the finding id the page
// must show for each truth.json diagnosis (null: no verdict, nothing failed). Ground truth is the lab's.

import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..');
export const LAB = resolve(REPO, '../shared/corpus/lab');
export const HAVE_LAB = existsSync(resolve(LAB, 'index.json'));
export const SHOTS = resolve(REPO, 'test-results');

/** The lab's scenario folders (empty without the corpus: the tests that need it skip). */
export const LAB_SCENARIOS = HAVE_LAB ? readdirSync(LAB).filter((d) => !d.includes('.')).sort() : [];

export { VERDICT } from '../src/test-support/lab-verdicts.ts';
