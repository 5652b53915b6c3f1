#!/usr/bin/env node
// npm run bench:browser [-- --sizes 100M,1G[,4G] --runs 1 --no-scroll]
//
// The page's side of issue "Performance at scale", in Debian's Chromium (or $CHROMIUM_PATH): for each capture
// of bench/run.mjs's cache (capture-SIZE-seed1.pcap; made with make-capture.py when missing), opened through
// the page's file input (Playwright hands a local browser the path: the file is not copied), it measures
//   - drop-to-verdict: from the input's change event to the first frame that paints the final verdict, and
//     when the first (provisional) results appeared;
//   - the main thread's long tasks (PerformanceObserver 'longtask': only tasks over 50 ms are reported) and
//     animation-frame gaps over 50 ms during the analysis;
//   - peak memory: VmHWM of the renderer process (the page and its analysis worker share it) and of the
//     browser process, from /proc (one fresh browser per run, so the peaks are this run's);
//   - for the largest size (with more than 1 M rows), scrolling the packet table: 3 s of fast wheel-like
//     scrolling and 3 s of scrollbar-like jumps through the whole table, counting frames over 50 ms and
//     frames that showed rows still loading;
// and times `radscope analyze --json` once in Node on the same file for comparison. Medians over --runs.
// Not a test and not part of npm test. The app is built (vite build) when dist/ is older than src/.

import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from '../scripts/find-chromium.mjs';
import { serveStatic } from '../scripts/serve-static.mjs';
import { scrollTable } from './browser-scroll.mjs';
import { CACHE, ensureBuilt, ensureCapture, measure, median, parseArgs, ROOT, SIZE_AND_RUNS } from './common.mjs';

const PROBE = readFileSync(join(ROOT, 'bench', 'browser-probe.js'), 'utf8');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const TARGETS = { nodeRatio: 2, taskMs: 50 }; // issue "Performance at scale", for the 1G capture
/** How long after the final verdict is painted long tasks are still recorded (the rest of the page drawn). */
const AFTER_MS = 1000;

const USAGE = `usage: npm run bench:browser [-- options]
  --sizes LIST   capture sizes, comma-separated (default 100M,1G; e.g. 4G, made by make-capture.py when missing)
  --runs N       browser runs per size (default 1)
  --no-scroll    skip the packet-table scroll test
  --no-node      skip the Node run used for comparison
  --dist DIRS    built apps to compare, comma-separated, run alternately (default: this checkout's dist/, built
                 when older than src/)
Captures: ${CACHE} ($RADSCOPE_BENCH_CACHE).`;

const OPTIONS = {
  name: 'bench:browser',
  usage: USAGE,
  defaults: { sizes: ['100M', '1G'], runs: 1, scroll: true, node: true, dists: null },
  values: { ...SIZE_AND_RUNS, '--dist': (o, v) => void (o.dists = v.split(',').map((d) => resolve(d))) },
  flags: { '--no-scroll': (o) => void (o.scroll = false), '--no-node': (o) => void (o.node = false) },
};

function procStatus(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? NaN);
    return { hwmMiB: kb('VmHWM') / 1024, rssMiB: kb('VmRSS') / 1024 };
  } catch {
    return null;
  }
}

/** Peak RSS of the renderer (largest: the one that ran the analysis) and of the browser process. */
async function processPeaks(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  await cdp.detach();
  let renderer = 0;
  let main = 0;
  for (const p of processInfo) {
    const s = procStatus(p.id);
    if (!s) continue;
    if (p.type === 'renderer') renderer = Math.max(renderer, s.hwmMiB);
    if (p.type === 'browser') main = s.hwmMiB;
  }
  return { rendererMiB: renderer, browserMiB: main };
}

async function browserRun(url, file, executablePath, scroll) {
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(PROBE);
    await page.goto(url);
    await page.getByLabel('Open a capture').setInputFiles(file);
    const error = page.locator('.panel.error');
    await Promise.race([
      page.waitForFunction(() => window.__bench.finalPainted !== null, null, { timeout: 0, polling: 250 }),
      error.waitFor({ timeout: 0 }).then(async () => {
        throw new Error(`the page says: ${await error.innerText()}`);
      }),
    ]);
    // the page may still be drawing what is below the verdict: its long tasks count too
    await page.waitForTimeout(AFTER_MS);
    const b = await page.evaluate(() => window.__bench);
    const during = b.longtasks.filter((t) => t.start >= b.t0 && t.start <= b.finalPainted);
    const after = b.longtasks.filter((t) => t.start > b.finalPainted && t.start <= b.finalPainted + AFTER_MS);
    const result = {
      verdictS: (b.finalPainted - b.t0) / 1000,
      firstResultS: b.firstResult === null || b.firstResult >= b.finalSeen ? null : (b.firstResult - b.t0) / 1000,
      longestTaskMs: during.reduce((m, t) => Math.max(m, t.duration), 0),
      longTasks: during.map((t) => `${Math.round(t.duration)} ms at +${((t.start - b.t0) / 1000).toFixed(2)} s`),
      tasksOver50: during.length,
      // what the long frames during the analysis were spent on (long-animation-frame entries)
      longFrames: b.loafs
        .filter((f) => f.start >= b.t0 && f.start <= b.finalPainted)
        .map((f) => `${Math.round(f.duration)} ms at +${((f.start - b.t0) / 1000).toFixed(2)} s: style+layout ${Math.round(f.styleLayout ?? 0)} ms, scripts ${f.scripts.map((x) => `${x.invoker} ${Math.round(x.ms)} ms`).join(', ') || 'none'}`),
      tasksAfterVerdict: after.map((t) => `${Math.round(t.duration)} ms at +${((t.start - b.finalPainted) / 1000).toFixed(2)} s after`),
      frameGapsOver50: b.frames.filter((d) => d > 50).length,
      maxFrameGapMs: b.frames.reduce((m, d) => Math.max(m, d), 0),
      frames: Number((await page.getByTestId('frame-count').innerText()).trim()),
      provisionalReports: Number(await page.locator('section.result').getAttribute('data-provisional-reports')),
      provisionalMs: Number(await page.locator('section.result').getAttribute('data-provisional-ms')),
      errors,
    };
    Object.assign(result, await processPeaks(browser));
    if (scroll) result.scroll = await scrollTable(page);
    return result;
  } finally {
    await browser.close();
  }
}

const fmt = (x, d = 2) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : '-');

async function main() {
  const opts = parseArgs(process.argv.slice(2), OPTIONS);
  const executablePath = findChromium();
  if (executablePath === null) throw new Error('no Chromium: run `node scripts/ensure-chromium.mjs`, or set CHROMIUM_PATH');
  if (opts.dists === null) ensureBuilt('bench:browser', join(ROOT, 'dist', 'index.html'), ['src', 'index.html', 'public'], 'npx', ['vite', 'build']);
  if (opts.node) ensureBuilt('bench:browser', join(ROOT, 'dist-cli', 'radscope.mjs'), ['src/core', 'src/cli', 'vite.cli.config.ts'], 'npm', ['run', '--silent', 'build:cli']);
  const dists = opts.dists ?? [join(ROOT, 'dist')];
  const servers = await Promise.all(dists.map((root) => serveStatic({ root })));
  const rows = [];
  try {
    for (const size of opts.sizes) {
      const { file } = ensureCapture(size);
      const bytes = statSync(file).size;
      // the same command as npm run bench times (wall time, peak RSS)
      const node = opts.node ? await measure(process.execPath, [join(ROOT, 'bin', 'radscope.mjs'), 'analyze', '--json', file]) : null;
      if (node) console.log(`${size}: node ${fmt(node.wall)} s, ${fmt(node.rssMiB, 0)} MiB (exit ${node.status})`);
      const runs = dists.map(() => []);
      // builds alternate run by run, so that other load on the machine hurts them alike
      for (let i = 0; i < opts.runs; i++) {
        for (let d = 0; d < dists.length; d++) {
          const r = await browserRun(servers[d].url, file, executablePath, opts.scroll && i === opts.runs - 1);
          console.log(`${size} ${dists.length > 1 ? `${dists[d]} ` : ''}run ${i + 1}: ${JSON.stringify(r)}`);
          runs[d].push(r);
        }
      }
      dists.forEach((dist, d) => rows.push({ size: dists.length > 1 ? `${size} ${dist}` : size, bytes, node, runs: runs[d] }));
    }
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
  printTable(rows);
}

function printTable(rows) {
  console.log('\nsize  frames     node s  node MiB  verdict s  x node  first s  prov n  prov ms  MB/s   longest task ms  tasks>50  after>50  gaps>50  renderer MiB  browser MiB');
  for (const { size, bytes, node, runs } of rows) {
    const m = (k) => median(runs.map((r) => r[k]));
    const v = m('verdictS');
    console.log(
      [
        size.padEnd(5),
        String(runs[0]?.frames ?? '-').padEnd(10),
        fmt(node?.wall).padStart(6),
        fmt(node?.rssMiB, 0).padStart(9),
        fmt(v).padStart(10),
        (node ? fmt(v / node.wall) : '-').padStart(7),
        fmt(m('firstResultS')).padStart(8),
        fmt(m('provisionalReports'), 0).padStart(7),
        fmt(m('provisionalMs'), 0).padStart(8),
        fmt(bytes / 1e6 / v, 0).padStart(6),
        (m("tasksOver50") ? fmt(m("longestTaskMs"), 0) : "<50").padStart(16),
        fmt(m('tasksOver50'), 0).padStart(9),
        fmt(median(runs.map((r) => r.tasksAfterVerdict.length)), 0).padStart(9),
        fmt(m('frameGapsOver50'), 0).padStart(8),
        fmt(m('rendererMiB'), 0).padStart(13),
        fmt(m('browserMiB'), 0).padStart(12),
      ].join(' '),
    );
  }
  for (const { size, runs } of rows) {
    const s = runs.find((r) => r.scroll)?.scroll;
    if (!s) continue;
    if (s.end) console.log(`${size} scroll to the end: row ${s.end.lastRowShown} of ${s.end.rows} shown${s.end.loaded ? '' : ' (still loading)'}`);
    for (const [mode, x] of Object.entries(s)) {
      if (mode === 'end') continue;
      console.log(`${size} scroll ${mode}: ${x.frames} frames in ${fmt(x.seconds, 1)} s, ${x.over50} over 50 ms (longest ${fmt(x.maxMs, 0)} ms), ${x.over25} over 25 ms, ${x.blank} showed rows still loading`);
    }
  }
  // one line per build compared (--dist): each 1G row against the Node run beside it
  for (const big of rows.filter((r) => r.size.startsWith('1G') && r.node)) {
    const v = median(big.runs.map((r) => r.verdictS));
    const t = median(big.runs.map((r) => r.longestTaskMs));
    console.log(`${big.size === '1G' ? '\n' : ''}targets (${big.size}): drop-to-verdict within ${TARGETS.nodeRatio}x Node: ${v / big.node.wall <= TARGETS.nodeRatio ? 'met' : 'MISSED'} (${fmt(v / big.node.wall)}x); no main-thread task over ${TARGETS.taskMs} ms: ${t <= TARGETS.taskMs ? 'met' : 'MISSED'}`);
  }
  console.log('(memory: peak RSS from /proc VmHWM; the renderer holds the page and its analysis worker)');
}

main().catch((e) => {
  console.error(`bench:browser: ${e instanceof Error ? e.stack : e}`);
  process.exit(1);
});
