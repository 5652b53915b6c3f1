// The built app (dist/) hosted the ways README.md's "Host it yourself" promises: by a plain static server under
// a sub-path with every other origin cut off, opened straight from disk (file://), and served once and then
// started with the network off (service worker); and a new build taking over an installed copy, and a
// deployment taken down letting go of it. The sample and a chosen capture are analysed to the verdict each
// time; no request may leave the page's origin, none at all may be made for an analysis, and the page's
// Content-Security-Policy must not have to refuse anything.
// Screenshots go to test-results/offline-*.png.

import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { serveStatic } from '../scripts/serve-static.mjs';

const REPO = resolve(import.meta.dirname, '..');
const DIST = resolve(REPO, 'dist');
const SAMPLE = resolve(REPO, 'public/samples/tls-blackhole.pcapng');
const LAB_PCAP = resolve(REPO, '../shared/corpus/lab/tls-blackhole/capture.pcap');
/** The lab's pcap export of the sample; without the shared corpus, the bundled pcapng stands in. */
const PICKED = existsSync(LAB_PCAP) ? LAB_PCAP : SAMPLE;
const PICKED_NAME = PICKED.split('/').pop()!;
const SHOTS = resolve(REPO, 'test-results');
const SUB = '/some/sub/path/';
const VERDICT = '.vp-verdict[data-finding-id="tls.clienthello.unanswered"]';

/** Not network requests: the analysis worker's blob: URL, the inlined favicon. */
const local = (url: string) => url.startsWith('blob:') || url.startsWith('data:');

interface Watch {
  /** Every request the browser made for the page and its workers, in order. */
  requests: string[];
  /** Content-Security-Policy violations reported in the page. */
  violations: () => Promise<string[]>;
  pageErrors: string[];
}

async function watch(context: BrowserContext, page: Page): Promise<Watch> {
  const w: Watch = { requests: [], pageErrors: [], violations: async () => [] };
  context.on('request', (r) => w.requests.push(r.url()));
  page.on('pageerror', (e) => w.pageErrors.push(e.message));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  w.violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  return w;
}

async function started(page: Page) {
  await expect(page.getByRole('heading', { name: 'radscope', level: 1 })).toBeVisible();
}

/** The sample by its button, then the lab capture by the file picker: each to its verdict. */
async function analyseBoth(page: Page) {
  await page.getByRole('button', { name: 'Open the sample capture' }).click();
  await expect(page.getByRole('heading', { name: 'tls-blackhole.pcapng', level: 2 })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator(VERDICT)).toBeVisible({ timeout: 20_000 });
  await page.getByLabel('Open a capture').setInputFiles(PICKED);
  await expect(page.getByRole('heading', { name: PICKED_NAME, level: 2 })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator(VERDICT)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('frame-count')).toHaveText('143');
}

/** Until the page is controlled by its service worker (first visit: installed, activated, claimed). */
async function controlled(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
}

test('the build is one page: no module script, nothing to load, a CSP that hashes its inline code', () => {
  const html = readFileSync(resolve(DIST, 'index.html'), 'utf8');
  // no code beside the page but the service worker
  const code = (readdirSync(DIST, { recursive: true }) as string[]).filter((f) => /\.(m?js|css|wasm)$/.test(f));
  expect(code).toEqual(['sw.js']);
  expect(html).not.toMatch(/type="module"/);
  expect(html).not.toMatch(/<script[^>]*\bsrc=/);
  expect(html).not.toMatch(/<link[^>]*rel="(stylesheet|modulepreload)"/);
  expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b[^>]*\b(src|href)="(https?:)?\/\//);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replace(/&#39;|&apos;/g, "'");
  expect(csp, 'a CSP <meta>').toBeTruthy();
  const directives = new Map(csp!.split(/;\s*/).map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);
  const scriptSrc = directives.get('script-src')!;
  expect(scriptSrc.join(' ')).not.toMatch(/unsafe|'self'|\*|https?:/);
  // exactly the one classic inline script, by its hash
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  expect(scripts).toHaveLength(1);
  expect(scriptSrc).toEqual([`'sha256-${createHash('sha256').update(scripts[0]!).digest('base64')}'`]);
  // the CSP <meta> comes before any script or style, or it would not cover them
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(Math.min(html.indexOf('<style'), html.indexOf('<script')));
  // the sample is in the page, byte for byte
  const embedded = /<script type="application\/octet-stream" data-embedded-file="samples\/tls-blackhole.pcapng">([^<]+)<\/script>/.exec(html)?.[1];
  expect(Buffer.from(embedded!, 'base64').equals(readFileSync(SAMPLE))).toBe(true);
  // the service worker carries the page's build id
  const build = /<meta name="radscope-build" content="([0-9a-f]+)"/.exec(html)?.[1];
  expect(readFileSync(resolve(DIST, 'sw.js'), 'utf8')).toContain(`const BUILD = "${build}";`);
});

test('served under a sub-path by a plain static server, every other origin blocked: no request leaves, none is made for an analysis', async ({ page, context }) => {
  const server = await serveStatic({ root: DIST, base: SUB });
  try {
    const w = await watch(context, page);
    const blocked: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.origin + '/')) return route.continue();
      blocked.push(url);
      return route.abort('blockedbyclient');
    });
    await page.goto(server.url);
    await started(page);
    await page.waitForLoadState('networkidle');
    const atLoad = w.requests.length;
    const atLoadServer = server.requests.length;
    // what loading the page took: the page itself, then at most the manifest
    expect(server.requests.map((r) => r.path).filter((p) => p !== `${SUB}manifest.webmanifest`)).toEqual([SUB]);

    await analyseBoth(page);
    // and a capture dropped on the page
    const dataTransfer = await page.evaluateHandle((b64) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'dropped.pcapng'));
      return dt;
    }, readFileSync(SAMPLE).toString('base64'));
    await page.dispatchEvent('body', 'dragenter', { dataTransfer });
    await page.dispatchEvent('body', 'drop', { dataTransfer });
    await expect(page.getByRole('heading', { name: 'dropped.pcapng', level: 2 })).toBeVisible({ timeout: 20_000 });
    await expect(page.locator(VERDICT)).toBeVisible({ timeout: 20_000 });

    // the timeline's SVG export works under the CSP (it writes style="" attributes)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
    expect(readFileSync((await download.path())!, 'utf8')).toMatch(/style="[^"]*fill:/);

    await page.screenshot({ path: resolve(SHOTS, 'offline-subpath.png'), fullPage: true });
    expect(w.requests.slice(atLoad).filter((u) => !local(u)), 'requests made by the analyses').toEqual([]);
    expect(server.requests.slice(atLoadServer), 'requests the server saw during the analyses').toEqual([]);
    expect(blocked, 'requests to another origin').toEqual([]);
    expect(await w.violations(), 'CSP violations').toEqual([]);
    expect(w.pageErrors).toEqual([]);

    // the policy is in force: a connection elsewhere is refused by the page itself, before any network
    const probe = await page.evaluate(() => fetch('https://example.com/').then(
      () => 'connected',
      (e: unknown) => String(e),
    ));
    expect(probe).toMatch(/Failed to fetch/);
    expect(await w.violations()).toEqual(['connect-src https://example.com/']);
    expect(blocked).toEqual([]);
  } finally {
    await server.close();
  }
});

test('opened from disk (file://): the sample and a chosen capture, and not one http(s) request', async ({ page, context }) => {
  const w = await watch(context, page);
  const url = pathToFileURL(resolve(DIST, 'index.html')).href;
  await page.goto(url);
  await started(page);
  await analyseBoth(page);
  await page.screenshot({ path: resolve(SHOTS, 'offline-file.png'), fullPage: true });
  expect(w.requests.filter((u) => !local(u)), 'requests other than the page itself').toEqual([url]);
  expect(await w.violations(), 'CSP violations').toEqual([]);
  expect(w.pageErrors).toEqual([]);
  // no service worker and no manifest from file://
  expect(await page.evaluate(() => document.querySelector('link[rel="manifest"]'))).toBeNull();
  const registrations = await page.evaluate(() =>
    navigator.serviceWorker ? navigator.serviceWorker.getRegistrations().then((r) => String(r.length), (e: unknown) => String(e)) : 'no API',
  );
  expect(registrations).toMatch(/^(0|no API|SecurityError.*not supported.*)$/);
});

test.describe('with the service worker', () => {
  test.use({ serviceWorkers: 'allow' });

  test('after a first visit over http, the app starts and analyses with the network off', async ({ page, context }) => {
    const server = await serveStatic({ root: DIST, base: SUB });
    try {
      const w = await watch(context, page);
      await page.goto(server.url);
      await started(page);
      await controlled(page);
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${server.url}sw.js`);

      await context.setOffline(true);
      const seen = server.requests.length;
      await page.reload();
      await started(page);
      await analyseBoth(page);
      await page.screenshot({ path: resolve(SHOTS, 'offline-service-worker.png'), fullPage: true });
      expect(server.requests.slice(seen), 'requests that reached the server while offline').toEqual([]);
      await expect(page.locator('.update-notice')).toHaveCount(0);
      expect(await w.violations(), 'CSP violations').toEqual([]);
      expect(w.pageErrors).toEqual([]);
      // a share-link style URL (query and fragment) starts offline too
      await page.goto(`${server.url}?from=mail#r=abc`);
      await started(page);
    } finally {
      await context.setOffline(false);
      await server.close();
    }
  });

  test('a new build takes over an installed copy: the open page offers a reload, which shows the new build', async ({ page, context }) => {
    const root = mkdtempSync(join(tmpdir(), 'radscope-dist-'));
    cpSync(DIST, root, { recursive: true });
    const server = await serveStatic({ root, base: SUB });
    try {
      const w = await watch(context, page);
      await page.goto(server.url);
      await started(page);
      await controlled(page);
      await expect(page).toHaveTitle('radscope');
      const cachesBefore = await page.evaluate(() => caches.keys());
      expect(cachesBefore).toHaveLength(1);

      // deploy a "new build": another page (title and build id) and so another sw.js; sw.js first, as a copy
      // that is not atomic may do: the new worker must refuse to cache the old page under the new build
      const html = readFileSync(join(root, 'index.html'), 'utf8');
      const build = /<meta name="radscope-build" content="([0-9a-f]+)"/.exec(html)![1]!;
      const sw = readFileSync(join(root, 'sw.js'), 'utf8');
      writeFileSync(join(root, 'sw.js'), sw.replace(`"${build}"`, '"next-build"').replace(/const VERSION = "[0-9a-f]+"/, 'const VERSION = "next-version"'));
      const halfway = await page.evaluate(async () => {
        const r = (await navigator.serviceWorker.getRegistration())!;
        await r.update().catch(() => undefined);
        const w = r.installing ?? r.waiting;
        if (w && w.state !== 'redundant') await new Promise((done) => w.addEventListener('statechange', () => w.state === 'redundant' && done(null)));
        return { installed: w?.state ?? 'none', caches: await caches.keys() };
      });
      expect(halfway).toEqual({ installed: 'redundant', caches: cachesBefore });
      await expect(page.locator('.update-notice')).toHaveCount(0);
      writeFileSync(join(root, 'index.html'), html.replace('<title>radscope</title>', '<title>radscope (next build)</title>').replace(build, 'next-build'));

      // the next visit is still served the installed build, offline-first; the browser finds the new worker,
      // which takes over, and the page says a new version is ready
      await page.reload();
      await started(page);
      await expect(page).toHaveTitle('radscope');
      const notice = page.getByRole('complementary', { name: 'Update available' });
      await expect(notice).toBeVisible({ timeout: 20_000 });
      await expect(notice).toContainText('A new version of radscope is ready');
      await page.screenshot({ path: resolve(SHOTS, 'offline-update-notice.png') });
      // the old page keeps working until the user reloads
      await page.getByRole('button', { name: 'Open the sample capture' }).click();
      await expect(page.locator(VERDICT)).toBeVisible({ timeout: 20_000 });

      await notice.getByRole('button', { name: 'Reload' }).click();
      await expect(page).toHaveTitle('radscope (next build)');
      await started(page);
      await expect(page.locator('.update-notice')).toHaveCount(0);
      // the old build's cache is gone, the new one's is there
      const cachesAfter = await page.evaluate(() => caches.keys());
      expect(cachesAfter).toHaveLength(1);
      expect(cachesAfter[0]).toMatch(/ next-version$/);
      expect(await w.violations(), 'CSP violations').toEqual([]);
      expect(w.pageErrors).toEqual([]);
    } finally {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a deployment taken down lets go of its installed copies', async ({ page }) => {
    const root = mkdtempSync(join(tmpdir(), 'radscope-dist-'));
    cpSync(DIST, root, { recursive: true });
    const server = await serveStatic({ root, base: SUB });
    try {
      await page.goto(server.url);
      await started(page);
      await controlled(page);
      rmSync(join(root, 'sw.js'));
      rmSync(join(root, 'index.html'));
      // the next visit is still the cached app, and the worker finds sw.js gone
      await page.reload();
      await started(page);
      await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistrations()).length === 0 && (await caches.keys()).length === 0);
      // and the one after goes to the server
      const response = await page.reload();
      expect(response?.status()).toBe(404);
    } finally {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
