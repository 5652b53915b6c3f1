// Sharing a report by link, as users do it: open a capture, make a link in the share dialog, open the link
// in a fresh page (no capture there) and read the same verdict, evidence and timeline marks; hide user names
// and addresses and check they are gone from the link and the page; open a link the CLI made; and open
// damaged, foreign and hostile links, which must give a clear error and never run script.
// Ground truth: corpus/lab/*/truth.json (verdict, key frames, user and addresses).

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { analyseCapture, encodeShareLink, fromBase64Url, toBase64Url } from '../src/core/index.ts';
import { nodeDeflateRaw } from '../src/cli/share-link.ts';
import { fileSource } from '../src/cli/sources.ts';
import { HAVE_LAB, LAB, LAB_SCENARIOS, REPO, SHOTS, VERDICT } from './lab.ts';

const CLI = resolve(REPO, 'bin/radscope.mjs');


let pageErrors: string[] = [];
test.beforeEach(async ({ page }) => {
  pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
test.afterEach(() => expect(pageErrors, 'uncaught errors in the page').toEqual([]));

async function openFile(page: Page, path: string) {
  await page.goto('./');
  await page.getByLabel('Open a capture').setInputFiles(path);
  await expect(page.locator('[aria-label="Diagnosis"]')).toBeVisible({ timeout: 20_000 });
}

/** Opens the share dialog, sets the redaction boxes, and returns the link it shows. */
async function makeLink(page: Page, hide: { users?: boolean; addresses?: boolean } = {}): Promise<string> {
  const dialog = page.getByRole('dialog', { name: 'Share a link to this report' });
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: 'Share a link to this report…' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('checkbox', { name: /^User names/ }).setChecked(!!hide.users);
  await dialog.getByRole('checkbox', { name: /^IP addresses and host names/ }).setChecked(!!hide.addresses);
  const box = dialog.getByTestId('share-link');
  await expect(box).toHaveValue(/#r=1\./);
  // the link follows the boxes: wait for the one made with the final choices
  await expect(dialog.getByTestId('share-preview')).toContainText(hide.users || hide.addresses ? 'Hidden:' : 'Nothing hidden');
  return box.inputValue();
}

async function openLink(browser: Browser, link: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(link);
  await expect(page.getByTestId('shared-banner')).toBeVisible();
  return page;
}

async function evidenceFrames(page: Page): Promise<string[]> {
  return page.locator('.vp-verdict .vp-frame').allTextContents();
}

/** The timeline's lanes of the requests' own activity (every group expanded): kind and transaction. */
async function causedLanes(page: Page): Promise<string[]> {
  const tl = page.locator('section.tl');
  await tl.getByRole('button', { name: 'Expand all' }).click();
  await expect(tl.locator('[data-lane="radius"]').first()).toBeVisible();
  return tl.locator('[data-lane][data-transaction]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-transaction')}:${e.getAttribute('data-lane')}`));
}

const scenarios = LAB_SCENARIOS;

for (const scenario of scenarios) {
  test(`share ${scenario}: the link opens the same verdict, evidence and key frames without the capture`, async ({ page, browser }) => {
    const truth = JSON.parse(readFileSync(resolve(LAB, scenario, 'truth.json'), 'utf8'));
    const want = VERDICT[truth.diagnosis];
    await openFile(page, resolve(LAB, scenario, 'capture.pcap'));
    const evidence = await evidenceFrames(page);
    const lanes = await causedLanes(page);
    const link = await makeLink(page);
    // the field report's case fits chat tools and tickets: at most 2,000 characters, every evidence frame kept
    if (scenario === 'tls-blackhole') expect(link.length - link.indexOf('#') - 1).toBeLessThanOrEqual(2000);
    expect(link.startsWith(new URL('./', page.url()).href.replace(/#.*$/, ''))).toBe(true);

    const shared = await openLink(browser, link);
    const verdict = shared.locator('.vp-verdict');
    if (want === null) await expect(verdict).toHaveCount(0);
    else await expect(verdict).toHaveAttribute('data-finding-id', want);
    // lab reports fit without degrading: every evidence frame and every lane a request caused is kept
    await expect(shared.locator('body')).not.toContainText('Evidence shortened');
    expect(await evidenceFrames(shared)).toEqual(evidence);
    expect(await causedLanes(shared)).toEqual(lanes);
    await expect(shared.getByTestId('shared-capture')).toContainText(`${truth.capture.frames} frames`);
    // the frames that prove a failure are marks on the shared timeline
    const tl = shared.locator('section.tl');
    const k = truth.key_frames;
    for (const f of [...k.client_hello_retransmissions, ...k.tcp_syn_retransmissions, ...k.tcp_rst, ...k.tls_alerts, ...k.access_request_retransmissions] as number[]) {
      await expect(tl.locator(`[data-frames~="${f}"]`).first(), `frame ${f} on the shared timeline`).toBeAttached();
    }
    // no packet view in a shared report: a frame click says where the packet is
    await expect(shared.getByRole('tab', { name: /^Packets/ })).toHaveCount(0);
    await shared.close();
  });
}

test('hiding user names and addresses: they are in neither the link nor the shared page; the Entra name stays', async ({ page, browser }) => {
  test.skip(!HAVE_LAB, 'shared lab corpus absent');
  const truth = JSON.parse(readFileSync(resolve(LAB, 'tls-blackhole/truth.json'), 'utf8'));
  await openFile(page, resolve(LAB, 'tls-blackhole/capture.pcap'));
  const plain = await openLink(browser, await makeLink(page));
  await expect(plain.locator('body')).toContainText(truth.radius.user);
  await expect(plain.locator('body')).toContainText(truth.hosts.nas.ipv4);
  await plain.close();

  const link = await makeLink(page, { users: true, addresses: true });
  const secretsOfTheSite = [truth.radius.user, truth.hosts.nas.ipv4, truth.hosts.nps.ipv4, truth.hosts.entra.ipv4, 'corp.example'];
  const payload = fromBase64Url(/#r=1\.([\w-]+)$/.exec(link)![1]!)!;
  const inflated = inflateRawSync(payload).toString('utf8');
  expect(inflated).toContain('user-1');
  for (const s of secretsOfTheSite) expect(inflated, `"${s}" in the link`).not.toContain(s);
  const shared = await openLink(browser, link);
  // everything the page shows, tooltips and attributes included (scripts aside)
  const text = await shared.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const s of body.querySelectorAll('script, style')) s.remove();
    return body.outerHTML;
  });
  for (const s of secretsOfTheSite) expect(text, `"${s}" after redaction`).not.toContain(s);
  await expect(shared.getByTestId('shared-redaction')).toContainText('user names');
  await expect(shared.locator('body')).toContainText('user-1');
  await expect(shared.locator('body')).toContainText(truth.names.entra);
  await expect(shared.locator('.vp-verdict')).toHaveAttribute('data-finding-id', 'tls.clienthello.unanswered');
  await shared.setViewportSize({ width: 1440, height: 1000 });
  await shared.screenshot({ path: resolve(SHOTS, 'shared-report-redacted.png'), fullPage: true });
  await shared.close();
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.getByRole('dialog').screenshot({ path: resolve(SHOTS, 'share-dialog.png') });
});

test('a link made by the CLI (radscope analyze --link) opens in the page', async ({ page, baseURL }) => {
  test.skip(!HAVE_LAB, 'shared lab corpus absent');
  test.skip(!existsSync(resolve(REPO, 'dist-cli/radscope.mjs')), 'CLI not built (npm run build:cli)');
  const out = execFileSync(process.execPath, [CLI, 'analyze', '--link', '--base-url', baseURL!, resolve(LAB, 'proxy-denied/capture.pcap')], { encoding: 'utf8' });
  const link = /https?:\/\/\S+#r=1\.\S+/.exec(out)?.[0];
  expect(link, `a link in: ${out}`).toBeTruthy();
  await page.goto(link!);
  await expect(page.getByTestId('shared-banner')).toBeVisible();
  await expect(page.locator('.vp-verdict')).toHaveAttribute('data-finding-id', 'proxy.connect.denied');
});

test('closing a shared report returns to the opener and clears the address', async ({ page, browser }) => {
  test.skip(!HAVE_LAB, 'shared lab corpus absent');
  await openFile(page, resolve(LAB, 'dns-fail/capture.pcap'));
  const shared = await openLink(browser, await makeLink(page));
  await shared.getByRole('button', { name: 'Close and open a capture' }).click();
  await expect(shared.getByTestId('shared-banner')).toHaveCount(0);
  expect(new URL(shared.url()).hash).toBe('');
  await expect(shared.getByRole('button', { name: 'Open the sample capture' })).toBeVisible();
  await shared.close();
});

/** What a hostile link must never cause: a dialog (alert, confirm), or a request outside the page's origin. */
function watchEscapes(page: Page, origin: string): { dialogs: string[]; elsewhere: string[] } {
  const seen = { dialogs: [] as string[], elsewhere: [] as string[] };
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:')) seen.elsewhere.push(url);
  });
  return seen;
}

/** Deterministic noise (a 32-bit LCG), so a failure is reproducible. */
function noise(n: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = 0x2545f491;
  for (let i = 0; i < n; i++) out[i] = (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) >>> 24;
  return out;
}

/** A fragment of hand-made bytes, in the link's own encoding. */
const fragmentOf = (bytes: Uint8Array) => `#r=1.${toBase64Url(deflateRawSync(bytes))}`;

const HOSTILE: [string, () => Promise<string> | string, RegExp][] = [
  ['random bytes', () => `#r=1.${toBase64Url(noise(3000))}`, /damaged/],
  ['not base64', () => '#r=1.***', /damaged/],
  ['cut short', () => '#r=1.q', /damaged/],
  ['a newer format', () => '#r=9.AAAA', /newer radscope/],
  ['not JSON', () => fragmentOf(new TextEncoder().encode('<script>window.__pwned=1</script>')), /damaged/],
  ['JSON of the wrong shape', () => fragmentOf(new TextEncoder().encode('{"v":1,"x":[1,2,3]}')), /does not hold a report/],
  ['a zip bomb', () => fragmentOf(new Uint8Array(16 << 20)), /unpacks to more than/],
  ['over the length limit', () => `#r=1.${'A'.repeat(300_000)}`, /longer than/],
];

for (const [name, make, message] of HOSTILE) {
  test(`a hostile link (${name}) gives a clear error, no report, no script, no request`, async ({ page, baseURL }) => {
    const escapes = watchEscapes(page, baseURL!);
    await page.goto(`./${await make()}`);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(message);
    await expect(alert).toContainText('Share link');
    await expect(page.getByTestId('shared-banner')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(escapes).toEqual({ dialogs: [], elsewhere: [] });
    // the page still works: the sample opens
    await page.getByRole('button', { name: 'Open the sample capture' }).click();
    await expect(page.locator('.vp-verdict')).toHaveAttribute('data-finding-id', 'tls.clienthello.unanswered', { timeout: 20_000 });
  });
}

test('markup inside a valid link is shown as text, never run', async ({ page, baseURL }) => {
  test.skip(!HAVE_LAB, 'shared lab corpus absent');
  const escapes = watchEscapes(page, baseURL!);
  const { report } = await analyseCapture(fileSource(resolve(LAB, 'tls-blackhole/capture.pcap')), { name: 'capture.pcap' });
  const evil = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2</script>';
  report.capture.name = `${evil}.pcap`;
  for (const t of report.transactions) t.user = evil;
  const made = await encodeShareLink(report, nodeDeflateRaw, {});
  expect(made.ok).toBe(true);
  if (!made.ok) return;
  await page.goto(`./#${made.fragment}`);
  await expect(page.getByTestId('shared-banner')).toBeVisible();
  await expect(page.getByTestId('shared-capture')).toContainText('<img src=x');
  await expect(page.locator('body')).toContainText('<script>window.__pwned=2</script>');
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(escapes).toEqual({ dialogs: [], elsewhere: [] });
});
