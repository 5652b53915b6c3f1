import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './scripts/find-chromium.mjs';

// End-to-end tests against the built app (dist/, built by `npm run test:e2e` before this runs), served by
// `vite preview`, in Debian's Chromium (or $CHROMIUM_PATH): Playwright never downloads a browser here.
// `node scripts/ensure-chromium.mjs` installs one or explains how to get one.

// E2E_PORT: a second checkout (a git worktree) can run its e2e tests beside this one without reusing its server.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const executablePath = findChromium();
if (executablePath === null) {
  throw new Error('No Chromium for the end-to-end tests: run `node scripts/ensure-chromium.mjs`, or set CHROMIUM_PATH.');
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${PORT}/`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
