// The first page: a capture opened by the file picker, the sample button or a drop anywhere on the page is read
// by the worker, which reports its format and frame count; a file that is no capture gets a plain-words error.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

const REPO = resolve(import.meta.dirname, '..');
const SAMPLE = resolve(REPO, 'public/samples/tls-blackhole.pcapng');
const LAB_PCAP = resolve(REPO, '../shared/corpus/lab/tls-blackhole/capture.pcap');
/** The lab's pcap export of the sample; without the shared corpus, the bundled pcapng stands in. */
const PICKED = existsSync(LAB_PCAP) ? { path: LAB_PCAP, format: 'pcap' } : { path: SAMPLE, format: 'pcapng' };
const SAMPLE_FRAMES = '143';
const SCREENSHOTS = resolve(REPO, 'test-results');

/** Nothing but the app's own files may be fetched: the capture never leaves the browser. */
let foreign: string[] = [];
let pageErrors: string[] = [];

test.beforeEach(async ({ page, baseURL }) => {
  foreign = [];
  pageErrors = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(baseURL!) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'radscope', level: 1 })).toBeVisible();
});

test.afterEach(() => {
  expect(foreign, 'requests outside the app').toEqual([]);
  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
});

async function expectOpened(page: Page, format: string) {
  await expect(page.getByTestId('frame-count')).toHaveText(SAMPLE_FRAMES);
  await expect(page.getByTestId('format')).toHaveText(format);
  await expect(page.getByRole('alert')).toHaveCount(0);
}

test('the file picker opens a capture and shows its format and frame count', async ({ page }) => {
  await page.getByLabel('Open a capture').setInputFiles(PICKED.path);
  await expectOpened(page, PICKED.format);
  await expect(page.getByTestId('first-time')).toContainText('1795652688.481379000');
  await expect(page.getByText('No problems found while reading the file.')).toBeVisible();
  await page.screenshot({ path: resolve(SCREENSHOTS, 'first-page-opened.png'), fullPage: true });
});

test('the sample button opens the bundled capture', async ({ page }) => {
  await page.getByRole('button', { name: 'Open the sample capture' }).click();
  await expectOpened(page, 'pcapng');
  await expect(page.getByRole('heading', { name: 'tls-blackhole.pcapng' })).toBeVisible();
});

test('a file dropped anywhere on the page is opened', async ({ page }) => {
  const bytes = readFileSync(SAMPLE).toString('base64');
  // A real DataTransfer holding a real File, dispatched the way the browser dispatches a drag from the desktop.
  const dataTransfer = await page.evaluateHandle((b64) => {
    const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([raw], 'dropped.pcapng', { type: 'application/octet-stream' }));
    return dt;
  }, bytes);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await expect(page.getByText('Drop the capture to open it')).toBeVisible();
  await page.screenshot({ path: resolve(SCREENSHOTS, 'first-page-dragging.png') });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(page.getByText('Drop the capture to open it')).toHaveCount(0);
  await expectOpened(page, 'pcapng');
  await expect(page.getByRole('heading', { name: 'dropped.pcapng' })).toBeVisible();
});

test('a file that is not a capture gets a plain-words error', async ({ page }) => {
  await page.getByLabel('Open a capture').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('These are my notes about the VPN outage.\n'),
  });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('not a capture');
  await expect(alert).toContainText('notes.txt');
  await expect(page.getByTestId('frame-count')).toHaveCount(0);
  await page.screenshot({ path: resolve(SCREENSHOTS, 'first-page-error.png'), fullPage: true });
});

test('a gzip-compressed capture is decompressed in the browser', async ({ page }) => {
  const gz = gzipSync(readFileSync(PICKED.path));
  await page.getByLabel('Open a capture').setInputFiles({ name: 'capture.gz', mimeType: 'application/gzip', buffer: gz });
  await expectOpened(page, `${PICKED.format} (gzip-compressed)`);
});

test('damaged gzip data gets a plain-words error', async ({ page }) => {
  const gz = gzipSync(readFileSync(PICKED.path));
  const cut = gz.subarray(0, Math.floor(gz.length / 2));
  await page.getByLabel('Open a capture').setInputFiles({ name: 'cut.gz', mimeType: 'application/gzip', buffer: cut });
  await expect(page.getByRole('alert')).toContainText('damaged or cut short');
});
