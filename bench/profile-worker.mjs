#!/usr/bin/env node
// npm run bench:profile [-- SIZE [OUT.cpuprofile] [--alloc]]
//   (node --experimental-websocket bench/profile-worker.mjs ...: Node 20 needs the flag for WebSocket)
// RADSCOPE_DIST=DIR profiles another build (e.g. `npx vite build --minify false --outDir /tmp/dist-prof`
// keeps function names readable).
//
// CPU profile of the analysis worker, and of the page's main thread, inside Chromium while the page opens a
// bench capture (default 1G), to see where the page's path spends the time `npm run bench:browser` measures.
// Playwright cannot attach a CDP session to a dedicated worker, so this opens Chromium's DevTools port beside
// Playwright's pipe and follows the page's targets itself (Target.setAutoAttach, flat sessions; the worker,
// started when the page is idle, is attached when found). Prints the top functions by self time, the CPU time
// of every Chromium thread during the open (from /proc), with --alloc the worker's allocations by function,
// and writes both profiles (open them in Chrome DevTools' Performance panel or speedscope). Not a test.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from '../scripts/find-chromium.mjs';
import { serveStatic } from '../scripts/serve-static.mjs';
import { ensureBuilt, ensureCapture, ROOT } from './common.mjs';

const args = process.argv.slice(2);
// --alloc: also sample the worker's allocations (HeapProfiler), to see what feeds the garbage collector
const alloc = args.includes('--alloc');
const [size = '1G', out = `/tmp/radscope-worker-${size}.cpuprofile`] = args.filter((a) => !a.startsWith('--'));
const PORT = 9333;

function cdpClient(url) {
  const ws = new WebSocket(url);
  let id = 0;
  const waiting = new Map();
  const listeners = [];
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.id !== undefined && waiting.has(msg.id)) {
      const { resolve, reject } = waiting.get(msg.id);
      waiting.delete(msg.id);
      if (msg.error) reject(new Error(JSON.stringify(msg.error)));
      else resolve(msg.result);
    } else for (const l of listeners) l(msg);
  };
  return {
    opened: new Promise((r) => (ws.onopen = r)),
    send(method, params = {}, sessionId) {
      const n = ++id;
      ws.send(JSON.stringify({ id: n, method, params, ...(sessionId ? { sessionId } : {}) }));
      return new Promise((resolve, reject) => waiting.set(n, { resolve, reject }));
    },
    on(l) {
      listeners.push(l);
    },
    close: () => ws.close(),
  };
}

async function main() {
  const dist = process.env.RADSCOPE_DIST ?? join(ROOT, 'dist');
  if (!process.env.RADSCOPE_DIST) ensureBuilt('profile-worker', join(dist, 'index.html'), ['src', 'index.html', 'public'], 'npx', ['vite', 'build']);
  const { file } = ensureCapture(size);
  const server = await serveStatic({ root: dist });
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--remote-debugging-port=${PORT}`],
  });
  try {
    const page = await browser.newContext().then((c) => c.newPage());
    await page.goto(server.url);
    const version = await (await fetch(`http://127.0.0.1:${PORT}/json/version`)).json();
    const cdp = cdpClient(version.webSocketDebuggerUrl);
    await cdp.opened;
    const { targetInfos } = await cdp.send('Target.getTargets');
    const pageTarget = targetInfos.find((t) => t.type === 'page' && t.url.startsWith(server.url));
    const { sessionId: pageSession } = await cdp.send('Target.attachToTarget', { targetId: pageTarget.targetId, flatten: true });
    // the worker may start only when a file is opened: it waits for us to start the profiler before it runs
    const workerSession = new Promise((resolve) =>
      cdp.on(async (m) => {
        if (m.method !== 'Target.attachedToTarget' || m.params.targetInfo.type !== 'worker') return;
        const ws = m.params.sessionId;
        await cdp.send('Profiler.enable', {}, ws);
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 }, ws);
        await cdp.send('Profiler.start', {}, ws);
        if (alloc) await cdp.send('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }, ws);
        await cdp.send('Runtime.runIfWaitingForDebugger', {}, ws);
        resolve(ws);
      }),
    );
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }, pageSession);
    // the page's main thread too: what it does between the worker's answer and the verdict on screen
    await cdp.send('Profiler.enable', {}, pageSession);
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 }, pageSession);
    await cdp.send('Profiler.start', {}, pageSession);
    const before = threadTimes();
    const t0 = Date.now();
    await page.getByLabel('Open a capture').setInputFiles(file);
    const ws = await Promise.race([workerSession, new Promise((_, reject) => setTimeout(() => reject(new Error('no worker target')), 10_000))]);
    await page.locator('.workspace [aria-label="Diagnosis"]').waitFor({ timeout: 0 });
    const wall = (Date.now() - t0) / 1000;
    const after = threadTimes();
    const { profile } = await cdp.send('Profiler.stop', {}, ws);
    const sampled = alloc ? (await cdp.send('HeapProfiler.stopSampling', {}, ws)).profile : null;
    const { profile: pageProfile } = await cdp.send('Profiler.stop', {}, pageSession);
    writeFileSync(out, JSON.stringify(profile));
    writeFileSync(out.replace(/\.cpuprofile$/, '') + '-page.cpuprofile', JSON.stringify(pageProfile));
    cdp.close();
    summarise(profile, wall);
    console.log('page main thread:');
    summarise(pageProfile, wall);
    printThreads(before, after);
    if (sampled) printAllocations(sampled);
    console.log(`profile: ${out}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** CPU time (utime + stime, clock ticks) of every thread of every Chromium process, by "process/thread" name. */
function threadTimes() {
  const times = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let comm;
    try {
      comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (!/chrom/i.test(comm)) continue;
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const kind = /--type=(\S+?)\0/.exec(cmd)?.[1] ?? 'browser';
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const name = `${kind}(${pid}) ${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))}`;
        times.set(`${name}#${tid}`, Number(f[11]) + Number(f[12]));
      } catch {
        // the thread ended
      }
    }
  }
  return times;
}

function printThreads(before, after) {
  const rows = [...after].map(([k, t]) => [k, (t - (before.get(k) ?? 0)) / 100]).filter(([, s]) => s >= 0.05);
  console.log('CPU by thread during the open (s):');
  for (const [k, s] of rows.sort((a, b) => b[1] - a[1])) console.log(`${s.toFixed(2).padStart(7)}  ${k}`);
}

/** Bytes allocated by function (self), from the sampling heap profile: what the collector has to clear. */
function printAllocations(profile) {
  const self = new Map();
  const walk = (n) => {
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} :${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + n.selfSize);
    for (const c of n.children) walk(c);
  };
  walk(profile.head);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`allocated (sampled, including what was collected): ${(total / 2 ** 20).toFixed(0)} MiB`);
  for (const [k, b] of [...self].sort((x, y) => y[1] - x[1]).slice(0, 25)) console.log(`${(b / 2 ** 20).toFixed(1).padStart(8)} MiB  ${k}`);
}

function summarise(profile, wall) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i + 1] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`drop-to-verdict (Playwright's view) ${wall.toFixed(2)} s; worker samples cover ${(total / 1e6).toFixed(2)} s`);
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`${(us / 1000).toFixed(0).padStart(7)} ms  ${(100 * us / total).toFixed(1).padStart(5)}%  ${k}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
