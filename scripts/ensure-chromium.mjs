#!/usr/bin/env node
// Makes sure the e2e tests have a Chromium: uses one that is already there (see find-chromium.mjs) or, when
// running as root on Debian, installs Debian's `chromium` package. Never downloads Playwright's own browsers.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './find-chromium.mjs';

function run(command, args) {
  const r = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

function done(path) {
  console.log(`ensure-chromium: using ${path}`);
  process.exit(0);
}

let found = findChromium();
if (found) done(found);

if (process.env.CHROMIUM_PATH) {
  console.error(`ensure-chromium: CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which is not an executable file.`);
  process.exit(1);
}

const isDebian = existsSync('/etc/debian_version');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isDebian && isRoot) {
  console.log('ensure-chromium: no Chromium found; installing Debian\'s chromium package.');
  try {
    run('apt-get', ['update']);
    run('apt-get', ['install', '-y', 'chromium']);
  } catch (e) {
    console.error(`ensure-chromium: ${e.message}`);
  }
  found = findChromium();
  if (found) done(found);
  console.error('ensure-chromium: apt-get finished but no Chromium was found afterwards.');
  process.exit(1);
}

console.error(
  [
    'ensure-chromium: no Chromium found for the end-to-end tests. Looked at $CHROMIUM_PATH, /usr/bin/chromium,',
    '/usr/bin/chromium-browser and ~/.cache/ms-playwright. Either:',
    '  - install your distribution\'s Chromium (Debian/Ubuntu: sudo apt-get install chromium), or',
    '  - set CHROMIUM_PATH to a Chromium or Chrome executable, e.g. CHROMIUM_PATH=/opt/chrome/chrome npm run test:e2e',
  ].join('\n'),
);
process.exit(1);
