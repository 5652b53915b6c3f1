// The damaged and unreadable captures of the public corpus (those tshark 4.0 failed on or marked malformed,
// src/test-support/damaged-corpus.ts) opened in the page: each gives a report or a plain-words error, never
// an uncaught error; where tshark read the file the page shows as many frames, and where tshark found an IP
// header it could not take, the page's problem list names that frame.

import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { HAVE_PUBLIC_CORPUS, PUBLIC_CORPUS } from '../src/test-support/corpus.ts';
import { damagedPublicCaptures } from '../src/test-support/damaged-corpus.ts';
import { SHOTS } from './lab.ts';

const DAMAGED = damagedPublicCaptures();

test.skip(!HAVE_PUBLIC_CORPUS, 'the shared public corpus is not here (../shared/corpus/public)');

for (const d of DAMAGED) {
  test(`${d.path}: a report or a plain-words error`, async ({ page, baseURL }) => {
    const pageErrors: string[] = [];
    const foreign: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith(baseURL!) && !/^(blob|data):/.test(r.url())) foreign.push(r.url());
    });
    await page.goto('./');
    await page.getByLabel('Open a capture').setInputFiles(join(PUBLIC_CORPUS, d.path));

    const frames = page.getByTestId('frame-count');
    const alert = page.getByRole('alert');
    await expect(frames.or(alert).first()).toBeVisible();
    if (await alert.isVisible()) {
      await expect(alert).toContainText(d.name);
    } else {
      if (d.tsharkRc === 0) await expect(frames).toHaveText(String(d.packets));
      else await expect(page.locator('.diagnostics li').first()).toBeVisible();
      for (const n of d.headerDamage.slice(0, 1)) {
        await expect(page.locator('.diagnostics li.warning', { hasText: `(frame ${n})` })).toHaveCount(1);
      }
    }
    if (d.tsharkRc !== 0 || d.headerDamage.length > 0) {
      await page.screenshot({ path: resolve(SHOTS, `damaged-${d.name}.png`), fullPage: true });
    }
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
    expect(foreign, 'requests outside the app').toEqual([]);
  });
}
