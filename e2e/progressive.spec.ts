// Progressive results: while a capture is still being read, the page shows the verdict and the timeline of
// the RADIUS requests settled so far, marked provisional, and the final report replaces them. The worker is
// made to read the lab's tls-blackhole capture 512 bytes at a time with a pause before each read (a test-only
// option, OpenOptions.slowRead), so that a 23 KB file takes as long as a large one would.
// Ground truth: corpus/lab/tls-blackhole/truth.json.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { HAVE_LAB, LAB, SHOTS, VERDICT } from './lab.ts';

test('the verdict and the timeline appear, marked provisional, before the read ends; the final report replaces them', async ({ page }) => {
  test.skip(!HAVE_LAB, 'shared lab corpus absent');
  const truth = JSON.parse(readFileSync(resolve(LAB, 'tls-blackhole/truth.json'), 'utf8'));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    (globalThis as { __radscopeSlowRead?: unknown }).__radscopeSlowRead = { chunkBytes: 512, delayMs: 120 };
  });
  await page.goto('./');
  await page.getByLabel('Open a capture').setInputFiles(resolve(LAB, 'tls-blackhole/capture.pcap'));

  const provisional = page.getByTestId('provisional');
  // the request's wait is over about two thirds into the file, and the read takes 5.5 s: a second or more to look
  await expect(provisional.locator('.vp-verdict')).toHaveAttribute('data-finding-id', VERDICT[truth.diagnosis]!);
  await page.screenshot({ path: resolve(SHOTS, 'progressive-provisional.png') });
  // still reading: the progress bar is up and the final workspace is not there yet
  await expect(page.getByRole('progressbar', { name: 'Reading the capture' })).toBeVisible();
  await expect(page.locator('.workspace')).toHaveCount(0);
  await expect(provisional).toContainText(/Provisional — still reading \(\d+%\)/);
  await expect(provisional.locator('section.tl [data-lane="radius"]').first()).toBeVisible();

  await expect(page.locator('.workspace .vp-verdict')).toHaveAttribute('data-finding-id', VERDICT[truth.diagnosis]!);
  await expect(provisional).toHaveCount(0);
  await expect(page.getByTestId('frame-count')).toHaveText(String(truth.capture.frames));
  expect(errors).toEqual([]);
});
