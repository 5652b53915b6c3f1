// The analysed capture as a user meets it: every lab scenario opened through the file input gives its
// verdict (data-finding-id), the timeline lanes the truth's key frames imply, and the retransmitted
// ClientHellos in Wireshark's Bad TCP colours; the display filter, the click from the timeline to the row and
// the details, and the export of the filtered packets (read back by the core). Screenshots of both themes go
// to test-results/. Ground truth: corpus/lab/*/truth.json.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { readCapture } from '../src/core/index.ts';
import { HAVE_LAB, LAB, LAB_SCENARIOS, SHOTS, VERDICT } from './lab.ts';



/** Wireshark's Bad TCP colouring rule: background #12272e, text #f78787. */
const BAD_BG = 'rgb(18, 39, 46)';
const BAD_FG = 'rgb(247, 135, 135)';

let pageErrors: string[] = [];
test.beforeEach(async ({ page }) => {
  pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto('./');
});
test.afterEach(() => expect(pageErrors, 'uncaught errors in the page').toEqual([]));

async function openFile(page: Page, path: string) {
  await page.getByLabel('Open a capture').setInputFiles(path);
  await expect(page.locator('[aria-label="Diagnosis"]')).toBeVisible({ timeout: 20_000 });
}

const scenarios = LAB_SCENARIOS;

for (const scenario of scenarios) {
  test(`lab ${scenario}: verdict, timeline lanes, Bad TCP rows`, async ({ page }) => {
    const truth = JSON.parse(readFileSync(resolve(LAB, scenario, 'truth.json'), 'utf8'));
    const want = VERDICT[truth.diagnosis];
    await openFile(page, resolve(LAB, scenario, 'capture.pcap'));
    const verdict = page.locator('.vp-verdict');
    if (want === null) await expect(verdict).toHaveCount(0);
    else await expect(verdict).toHaveAttribute('data-finding-id', want!);

    const k = truth.key_frames;
    const tl = page.locator('section.tl');
    // passing requests start collapsed; the lanes of the requests' own attempts carry data-transaction
    await tl.getByRole('button', { name: 'Expand all' }).click();
    const caused = (sel: string) => tl.locator(sel.split(', ').map((x) => `${x}[data-transaction]`).join(', '));
    await expect(tl.locator('[data-lane="radius"]').first()).toBeVisible();
    if (k.dns_queries.length > 0 && k.tcp_syn.length === 0) await expect(caused('[data-lane="dns"]').first()).toBeAttached();
    if (k.tcp_syn.length === 0) await expect(caused('[data-lane="tcp"], [data-lane="tls"], [data-lane="proxy"]')).toHaveCount(0);
    if (k.proxy_connect_requests.length > 0) await expect(caused('[data-lane="proxy"]').first()).toBeAttached();
    else if (k.client_hellos.length > 0) await expect(caused('[data-lane="tls"]').first()).toBeAttached();
    else if (k.tcp_syn.length > 0) await expect(caused('[data-lane="tcp"], [data-lane="tls"]').first()).toBeAttached();

    // the retransmitted ClientHellos in the packet table, in Wireshark's Bad TCP colours
    for (const f of (k.client_hello_retransmissions as number[]).slice(0, 3)) {
      const filter = page.getByLabel('Display filter');
      await filter.fill(`frame.number == ${f}`);
      await filter.press('Enter');
      const row = page.locator(`.packet-row[data-frame="${f}"]`);
      await expect(row).toBeVisible();
      await expect(row).toHaveCSS('background-color', BAD_BG);
      await expect(row).toHaveCSS('color', BAD_FG);
    }
  });
}

test('filter, timeline click-through to the row and its details, and the export of the filtered packets', async ({ page }) => {
  test.skip(!HAVE_LAB, 'shared lab corpus absent');
  await openFile(page, resolve(LAB, 'tls-blackhole/capture.pcap'));
  const truth = JSON.parse(readFileSync(resolve(LAB, 'tls-blackhole/truth.json'), 'utf8'));
  const retrans = truth.key_frames.client_hello_retransmissions as number[];

  const filter = page.getByLabel('Display filter');
  await filter.fill('tcp.analysis.retransmission');
  await filter.press('Enter');
  await expect(page.getByRole('tab', { name: /Packets \(8 of 143\)/ })).toBeVisible();
  for (const f of retrans) await expect(page.locator(`.packet-row[data-frame="${f}"]`)).toBeAttached();

  // a bad filter says what is wrong
  await filter.fill('tcp.prot == 443');
  await filter.press('Enter');
  await expect(page.locator('.filter-error')).toContainText('tcp.prot');
  await filter.fill('tls.clienthello.unanswered');
  await filter.press('Enter');
  await expect(page.locator(`.packet-row[data-frame="${truth.key_frames.client_hello_first}"]`)).toBeAttached();

  // Escape clears the filter; a click on a timeline mark selects its row and shows its layers
  await filter.press('Escape');
  await expect(page.getByRole('tab', { name: 'Packets (143)' })).toBeVisible();
  // (at the whole-capture zoom the first retransmissions' marks overlap: dispatch the click to the mark itself)
  await page.locator(`section.tl [data-frame="${retrans[0]}"]`).first().dispatchEvent('click');
  await expect(page.locator(`.packet-row[data-frame="${retrans[0]}"]`)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('details')).toHaveAttribute('data-frame', String(retrans[0]));
  await expect(page.getByTestId('details')).toContainText('Transmission Control Protocol');

  // export the filtered packets: the file has exactly those frames
  await filter.fill('tcp.analysis.retransmission');
  await filter.press('Enter');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Export filtered packets/ }).click()]);
  const bytes = new Uint8Array(readFileSync((await download.path())!));
  const lens: number[] = [];
  const r = await readCapture(
    (async function* () {
      yield bytes;
    })(),
    { frame: (fr) => lens.push(fr.capLen), diagnostic: () => undefined },
  );
  expect(r.summary.format).toBe('pcapng');
  expect(r.frames).toBe(retrans.length);
  expect(lens.every((l) => l === 583)).toBe(true);
});

test('screenshots of the sample in both themes (look at them)', async ({ page }) => {
  await page.getByRole('button', { name: 'Open the sample capture' }).click();
  await expect(page.locator('.vp-verdict')).toHaveAttribute('data-finding-id', 'tls.clienthello.unanswered', { timeout: 20_000 });
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.getByLabel('Theme').selectOption('light');
  await page.screenshot({ path: resolve(SHOTS, 'workspace-light.png'), fullPage: true });
  await page.locator('section.tl').screenshot({ path: resolve(SHOTS, 'timeline-light.png') });
  await page.getByLabel('Theme').selectOption('dark');
  await page.screenshot({ path: resolve(SHOTS, 'workspace-dark.png'), fullPage: true });
  await page.locator('section.tl').screenshot({ path: resolve(SHOTS, 'timeline-dark.png') });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
