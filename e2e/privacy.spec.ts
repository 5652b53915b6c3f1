// What leaves the page and what stays in the browser. Every request is routed: the page's own static files
// may load (from its own origin, GET, no body) until the page is ready; anything else, and anything at all
// asked for afterwards (while captures are read, looked at and shared), is recorded and refused. And the
// RADIUS secrets typed in the settings stay in the page's memory unless "remember" is ticked.
// Ground truth: the lab corpus's capture and the crafted one (hostile-capture.ts), and the secret we type.

import { resolve } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { HOSTILE, hostileCapture } from '../src/test-support/hostile-capture.ts';
import { HAVE_LAB, LAB } from './lab.ts';

interface Seen {
  url: string;
  method: string;
  body: number;
}

interface Traffic {
  /** The page's own files, while it loaded. */
  load: Seen[];
  /** Anything else: another origin, another method, a body, or any request once the page was ready. */
  refused: Seen[];
  /** What the page reported, including what the router does not see (blob:, data:). */
  requests: string[];
  websockets: string[];
  ready(): void;
}

async function route(context: BrowserContext, page: Page, origin: string): Promise<Traffic> {
  let ready = false;
  const t: Traffic = { load: [], refused: [], requests: [], websockets: [], ready: () => (ready = true) };
  await context.route('**/*', async (r) => {
    const req = r.request();
    const seen = { url: req.url(), method: req.method(), body: req.postDataBuffer()?.length ?? 0 };
    if (!ready && new URL(seen.url).origin === origin && seen.method === 'GET' && seen.body === 0) {
      t.load.push(seen);
      await r.continue();
    } else {
      t.refused.push(seen);
      await r.abort('blockedbyclient');
    }
  });
  // blob: URLs the page made itself (its worker, downloads) are not requests to anywhere
  page.on('request', (r) => {
    if (ready && !r.url().startsWith(`blob:${origin}/`)) t.requests.push(`${r.method()} ${r.url()}`);
  });
  page.on('websocket', (ws) => t.websockets.push(ws.url()));
  return t;
}

async function open(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel('Open a capture').setInputFiles(file);
  await expect(page.getByTestId('progress')).toContainText('Read ', { timeout: 20_000 });
  await expect(page.locator('[aria-label="Diagnosis"]')).toBeVisible();
}

test('reading, filtering, looking at and sharing captures makes no request at all', async ({ context, page, baseURL }) => {
  test.setTimeout(60_000);
  const origin = new URL(baseURL!).origin;
  const t = await route(context, page, origin);
  await page.goto('./');
  await expect(page.getByRole('button', { name: 'Open the sample capture' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  t.ready();

  // a secret in the settings travels to the worker with the capture: it must not go anywhere else either
  await page.getByText('Settings', { exact: true }).click();
  await page.getByLabel(/RADIUS shared secrets/).fill('privacy-probe-secret');
  const captures: { name: string; file: Parameters<typeof open>[1] }[] = [
    { name: 'hostile', file: { name: HOSTILE.fileName, mimeType: 'application/octet-stream', buffer: Buffer.from(hostileCapture().bytes) } },
  ];
  if (HAVE_LAB) captures.unshift({ name: 'tls-blackhole', file: resolve(LAB, 'tls-blackhole/capture.pcap') });
  for (const c of captures) {
    await open(page, c.file);
    const filter = page.getByLabel('Display filter');
    await filter.fill('tcp.analysis.retransmission');
    await filter.press('Enter');
    await page.locator('.packet-row').first().click();
    await expect(page.getByTestId('details')).toBeVisible();
    await page.getByRole('tab', { name: 'Conversations' }).click();
    await page.getByRole('tab', { name: /RADIUS requests/ }).click();
    await page.locator('section.tl').getByRole('button', { name: 'Expand all' }).click();
    await page.getByRole('button', { name: 'Share a link to this report…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share a link to this report' });
    await expect(dialog.getByTestId('share-link')).toHaveValue(/#r=1\./);
    await dialog.getByRole('checkbox', { name: /^User names/ }).check();
    await dialog.getByRole('button', { name: 'Close' }).click();
  }
  // a moment for anything sent late (a beacon on a timer)
  await page.waitForTimeout(1000);

  expect(t.refused, 'requests refused').toEqual([]);
  expect(t.requests, 'requests once the page was ready').toEqual([]);
  expect(t.websockets).toEqual([]);
  expect(t.load.length).toBeGreaterThan(0);
  for (const s of t.load) expect(new URL(s.url).search, `${s.url}: the page's files take no query`).toBe('');

  // the watch sees what a worker asks for too (the analysis runs in one): a probe worker's fetch is caught
  await page.evaluate(() => {
    const code = `fetch(${JSON.stringify(new URL('./privacy-probe', location.href).href)}).catch(() => 0)`;
    new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
  });
  await expect.poll(() => t.refused.map((s) => new URL(s.url).pathname)).toContain('/privacy-probe');
});

const SECRET = 'Sh4red-secret-privacy-probe';

/** Everything the page keeps in this browser: localStorage, sessionStorage, cookies, Cache Storage names. */
async function stored(page: Page, context: BrowserContext): Promise<string> {
  const inPage = await page.evaluate(async () => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, caches: await caches.keys() }));
  return `${inPage} ${JSON.stringify(await context.cookies())}`;
}

async function secretsBox(page: Page) {
  const settings = page.locator('details.settings');
  if ((await settings.getAttribute('open')) === null) await settings.locator('summary').click();
  return page.getByLabel(/RADIUS shared secrets/);
}

test('secrets typed in the settings stay in memory unless "remember" is ticked', async ({ context, page }) => {
  await page.goto('./');
  const remember = page.getByLabel(/Remember these settings/);

  // typed: the page uses it, the browser does not keep it
  await (await secretsBox(page)).fill(SECRET);
  expect(await stored(page, context)).not.toContain(SECRET);
  await page.reload();
  await expect(await secretsBox(page)).toHaveValue('');
  expect(await stored(page, context)).not.toContain(SECRET);

  // remembered: in this browser's localStorage, and back after a reload
  await (await secretsBox(page)).fill(SECRET);
  await remember.check();
  const kept = await page.evaluate(() => localStorage.getItem('radscope.settings'));
  expect(JSON.parse(kept!)).toMatchObject({ secrets: SECRET, remember: true });
  await page.reload();
  await expect(await secretsBox(page)).toHaveValue(SECRET);
  await expect(remember).toBeChecked();

  // forgotten: unticking clears the storage at once, and a reload starts empty
  await remember.uncheck();
  expect(await page.evaluate(() => localStorage.getItem('radscope.settings'))).toBeNull();
  expect(await stored(page, context)).not.toContain(SECRET);
  await page.reload();
  await expect(await secretsBox(page)).toHaveValue('');
  expect(await stored(page, context)).not.toContain(SECRET);
});
