// Finds a Chromium for Playwright without downloading one: the e2e tests run in Debian's Chromium (or any
// Chromium named by CHROMIUM_PATH), falling back to a browser Playwright has already cached.
// Order: $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser, ~/.cache/ms-playwright (full Chromium
// first, then the headless shell; newest revision first).

import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function isExecutable(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Revision number of a cache folder such as `chromium-1234` or `chromium_headless_shell-1234`. */
function revision(name) {
  const m = /-(\d+)$/.exec(name);
  return m ? Number(m[1]) : -1;
}

function playwrightCacheCandidates() {
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  let names;
  try {
    names = readdirSync(cache);
  } catch {
    return [];
  }
  const byRevision = (prefix) =>
    names.filter((n) => n.startsWith(prefix) && revision(n) >= 0).sort((a, b) => revision(b) - revision(a));
  return [
    ...byRevision('chromium-').map((n) => join(cache, n, 'chrome-linux', 'chrome')),
    ...byRevision('chromium_headless_shell-').map((n) => join(cache, n, 'chrome-linux', 'headless_shell')),
  ];
}

/** The path of a usable Chromium executable, or null when there is none. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : null;
  for (const p of [...SYSTEM_PATHS, ...playwrightCacheCandidates()]) {
    if (isExecutable(p)) return p;
  }
  return null;
}
