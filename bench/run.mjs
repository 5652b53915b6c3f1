#!/usr/bin/env node
// npm run bench [-- --sizes 100M,1G --runs 3 --tools floor,radscope,tshark]
//
// Throughput and peak memory of radscope's full analysis (`radscope analyze --json`) on large generated
// captures, beside two yardsticks run in the same session, alternating tool by tool (A B C A B C ...) so that
// a noisy neighbour hurts all of them alike:
//   floor     node ../shared/bench/floor/decode-flows.mjs FILE   (headers + a flow table: the dissection floor)
//   radscope  node bin/radscope.mjs analyze --json FILE > /dev/null
//   tshark    tshark -n -2 -r FILE -Y "radius || tls.handshake.type == 1 || tcp.analysis.retransmission"
//             > /dev/null   (when tshark is installed)
// Captures come from ../shared/bench/make-capture.py --seed 1, generated once into the cache directory
// ($RADSCOPE_BENCH_CACHE, else ~/.cache/radscope-bench) and regenerated only when the generator changes.
// Before timing, radscope analyses each capture once and the bench checks that it finds every failure
// instance of the manifest (failures.mjs); that run also warms the page cache.
// Wall time is measured around each child; peak RSS by GNU time (/usr/bin/time -v, "Maximum resident set
// size") when present, else by polling the child's VmHWM in /proc. Plain Node ESM: nothing to compile.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, cpus, totalmem, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFailures, describeCheck } from './failures.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = process.env.RADSCOPE_SHARED ? resolve(process.env.RADSCOPE_SHARED) : resolve(ROOT, '..', 'shared');
const GENERATOR = join(SHARED, 'bench', 'make-capture.py');
const FLOOR = join(SHARED, 'bench', 'floor', 'decode-flows.mjs');
const CLI_BUNDLE = join(ROOT, 'dist-cli', 'radscope.mjs');
const CACHE = resolve(process.env.RADSCOPE_BENCH_CACHE ?? join(homedir(), '.cache', 'radscope-bench'));
const TSHARK_FILTER = 'radius || tls.handshake.type == 1 || tcp.analysis.retransmission';
const SEED = 1;
const TARGETS = { floorShare: 0.5, mbps: 350, rssMiB: 256, minBytes: 9e8 }; // issue "Performance at scale", for the 1G capture

const USAGE = `usage: npm run bench [-- options]
  --sizes LIST   capture sizes to run, comma-separated (default 100M,1G; any make-capture.py --size)
  --runs N       timed runs of each tool per size (default 3)
  --tools LIST   which of floor,radscope,tshark to time (default all; tshark only when installed)
  --no-check     skip the correctness check (and the warm-up run it doubles as)
Cache: ${CACHE} ($RADSCOPE_BENCH_CACHE); last results in results-last.json there.`;

function parseArgs(argv) {
  const o = { sizes: ['100M', '1G'], runs: 3, tools: ['floor', 'radscope', 'tshark'], check: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (a.startsWith('--sizes')) o.sizes = val().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a.startsWith('--runs')) {
      o.runs = Number(val());
      if (!Number.isInteger(o.runs) || o.runs < 1) usage('--runs wants a positive integer');
    } else if (a.startsWith('--tools')) {
      o.tools = val().split(',').map((s) => s.trim()).filter(Boolean);
      for (const t of o.tools) if (!['floor', 'radscope', 'tshark'].includes(t)) usage(`unknown tool ${t}`);
    } else if (a === '--no-check') o.check = false;
    else usage(`unknown option ${a}`);
  }
  return o;
}

function usage(msg) {
  console.error(`bench: ${msg}\n${USAGE}`);
  process.exit(2);
}

// ------------------------------------------------------------------ build and captures

function newestMtime(dir, skip) {
  let t = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name);
    if (name.isDirectory()) t = Math.max(t, newestMtime(p, skip));
    else if (!skip(name.name)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/** Builds the CLI when its bundle is missing or older than its sources (src/core, src/cli; tests aside). */
function ensureBuilt() {
  const isTest = (n) => n.endsWith('.test.ts');
  const src = Math.max(newestMtime(join(ROOT, 'src', 'core'), isTest), newestMtime(join(ROOT, 'src', 'cli'), isTest), statSync(join(ROOT, 'vite.cli.config.ts')).mtimeMs);
  if (existsSync(CLI_BUNDLE) && statSync(CLI_BUNDLE).mtimeMs >= src) return;
  console.log(existsSync(CLI_BUNDLE) ? 'bench: the CLI bundle is older than src: npm run build:cli' : 'bench: no CLI bundle yet: npm run build:cli');
  const r = spawnSync('npm', ['run', '--silent', 'build:cli'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('npm run build:cli failed');
}

/** The capture and manifest of one size, generated unless the cache has them from the same generator. */
function ensureCapture(size) {
  if (!existsSync(GENERATOR)) throw new Error(`no generator at ${GENERATOR} (set RADSCOPE_SHARED)`);
  mkdirSync(CACHE, { recursive: true });
  const base = join(CACHE, `capture-${size}-seed${SEED}`);
  const file = base + '.pcap';
  const manifest = base + '.json';
  const stampFile = base + '.stamp';
  const stamp = createHash('sha256').update(readFileSync(GENERATOR)).update(`--size ${size} --seed ${SEED}`).digest('hex');
  if (existsSync(file) && existsSync(manifest) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    return { file, manifest: JSON.parse(readFileSync(manifest, 'utf8')) };
  }
  console.log(`bench: generating the ${size} capture (once) into ${CACHE}`);
  const tmp = `${base}.${process.pid}.tmp`;
  const r = spawnSync('python3', [GENERATOR, '--size', size, '--seed', String(SEED), '-o', tmp + '.pcap', '--manifest', tmp + '.json'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    rmSync(tmp + '.pcap', { force: true });
    rmSync(tmp + '.json', { force: true });
    throw new Error(`make-capture.py --size ${size} failed`);
  }
  renameSync(tmp + '.json', manifest);
  renameSync(tmp + '.pcap', file);
  writeFileSync(stampFile, stamp);
  return { file, manifest: JSON.parse(readFileSync(manifest, 'utf8')) };
}

// ------------------------------------------------------------------ measuring a child

const GNU_TIME = (() => {
  if (!existsSync('/usr/bin/time')) return null;
  const r = spawnSync('/usr/bin/time', ['-v', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /Maximum resident set size/.test(r.stderr) ? '/usr/bin/time' : null;
})();
const RSS_METHOD = GNU_TIME ? 'GNU time -v (Maximum resident set size)' : existsSync('/proc/self/status') ? 'VmHWM of /proc/PID/status, polled every 20 ms' : 'not measured';

function hasTshark() {
  const r = spawnSync('tshark', ['-v'], { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout.split('\n')[0] ?? 'tshark') : null;
}

/**
 * Runs cmd with stdout to `stdoutPath` (default /dev/null); resolves { wall (s), rssMiB, status, stderr, stdout }.
 * stdout is returned only when captureStdout.
 */
function measure(cmd, args, { stdoutPath = '/dev/null', captureStdout = false } = {}) {
  return new Promise((resolvePromise, reject) => {
    const timeOut = GNU_TIME ? join(tmpdir(), `radscope-bench-time-${process.pid}.txt`) : null;
    const argv = GNU_TIME ? ['-v', '-o', timeOut, cmd, ...args] : args;
    const out = captureStdout ? 'pipe' : openSync(stdoutPath, 'w');
    const t0 = process.hrtime.bigint();
    const child = spawn(GNU_TIME ?? cmd, argv, { cwd: ROOT, stdio: ['ignore', out, 'pipe'] });
    if (typeof out === 'number') closeSync(out);
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    if (captureStdout) child.stdout.on('data', (d) => (stdout += d));
    let hwmKiB = 0;
    const poll = !GNU_TIME && existsSync('/proc/self/status')
      ? setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwmKiB = Math.max(hwmKiB, Number(m[1]));
          } catch { /* exited */ }
        }, 20)
      : null;
    child.on('error', reject);
    child.on('close', (status) => {
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      if (poll) clearInterval(poll);
      let rssKiB = hwmKiB;
      let cpu = NaN;
      let code = status;
      if (timeOut) {
        const t = existsSync(timeOut) ? readFileSync(timeOut, 'utf8') : '';
        rmSync(timeOut, { force: true });
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(t);
        if (m) rssKiB = Number(m[1]);
        const u = /User time \(seconds\): ([\d.]+)/.exec(t);
        const k = /System time \(seconds\): ([\d.]+)/.exec(t);
        if (u && k) cpu = Number(u[1]) + Number(k[1]);
        const e = /Exit status: (\d+)/.exec(t);
        if (e) code = Number(e[1]);
        if (/Command terminated by signal/.test(t)) code = code || 128;
      }
      resolvePromise({ wall, cpu, rssMiB: rssKiB / 1024, status: code, stderr, stdout });
    });
  });
}

// ------------------------------------------------------------------ the run

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '-');
const pad = (s, n, left = false) => (left ? String(s).padEnd(n) : String(s).padStart(n));

function toolCommands(file) {
  return {
    floor: [process.execPath, [FLOOR, file]],
    radscope: [process.execPath, [join(ROOT, 'bin', 'radscope.mjs'), 'analyze', '--json', file]],
    tshark: ['tshark', ['-n', '-2', '-r', file, '-Y', TSHARK_FILTER]],
  };
}

async function benchSize(size, opts, tshark) {
  const { file, manifest } = ensureCapture(size);
  const bytes = statSync(file).size;
  const packets = manifest.packets;
  console.log(`\n== ${size}: ${file}\n   ${fmt(bytes)} bytes, ${fmt(packets)} packets, ${manifest.failures?.length ?? 0} failure instances`);
  const result = { size, file, bytes, packets, check: null, checkRun: null, tools: {} };

  if (opts.check) {
    const reportPath = join(CACHE, `report-${size}.json`);
    const r = await measure(process.execPath, [join(ROOT, 'bin', 'radscope.mjs'), 'analyze', '--json', file], { stdoutPath: reportPath });
    result.checkRun = { wall: r.wall, rssMiB: r.rssMiB, status: r.status };
    let check;
    if (r.status !== 0) check = { ok: false, expected: manifest.failures?.length ?? 0, found: 0, instances: [], error: `radscope exited ${r.status}: ${r.stderr.trim()}` };
    else {
      try {
        check = checkFailures(manifest, JSON.parse(readFileSync(reportPath, 'utf8')));
      } catch (e) {
        check = { ok: false, expected: manifest.failures?.length ?? 0, found: 0, instances: [], error: `report unreadable: ${e.message}` };
      }
    }
    result.check = check;
    console.log(`   check (radscope analyze --json, ${r.wall.toFixed(2)} s, also the page-cache warm-up): ` + (check.error ? `FAIL: ${check.error}` : describeCheck(check).replace(/\n/g, '\n   ')));
  }

  const tools = opts.tools.filter((t) => t !== 'tshark' || tshark);
  const cmds = toolCommands(file);
  for (const t of tools) result.tools[t] = { runs: [] };
  for (let i = 0; i < opts.runs; i++) {
    for (const t of tools) {
      const [cmd, args] = cmds[t];
      const r = await measure(cmd, args, { captureStdout: t === 'floor' });
      const run = { wall: r.wall, cpu: r.cpu, rssMiB: r.rssMiB, status: r.status };
      if (r.status !== 0) run.error = r.stderr.trim().split('\n').slice(-3).join(' | ');
      if (t === 'floor' && r.status === 0) {
        try {
          const j = JSON.parse(r.stdout.trim().split('\n').pop());
          run.packetsSeen = j.packets;
          if (j.packets !== packets) run.warning = `floor saw ${j.packets} packets, manifest says ${packets}`;
        } catch { /* ignore */ }
      }
      result.tools[t].runs.push(run);
      process.stdout.write(`   run ${i + 1}/${opts.runs} ${pad(t, 8, true)} ${r.wall.toFixed(2)} s (cpu ${fmt(r.cpu, 2)} s)  ${fmt(r.rssMiB)} MiB${run.error ? '  FAILED: ' + run.error : ''}${run.warning ? '  (' + run.warning + ')' : ''}\n`);
    }
  }
  for (const t of tools) {
    const ok = result.tools[t].runs.filter((r) => r.status === 0);
    const wall = median(ok.map((r) => r.wall));
    Object.assign(result.tools[t], {
      failedRuns: result.tools[t].runs.length - ok.length,
      wall,
      cpu: median(ok.map((r) => r.cpu)),
      mbps: bytes / 1e6 / wall,
      packetsPerSec: packets / wall,
      rssMiB: median(ok.map((r) => r.rssMiB)),
    });
  }
  const f = result.tools.floor, rs = result.tools.radscope, ts = result.tools.tshark;
  result.ratios = {
    radscopeOverFloorThroughput: f && rs ? rs.mbps / f.mbps : null,
    tsharkOverRadscopeTime: ts && rs ? ts.wall / rs.wall : null,
  };
  // the targets are set for the 1 GB capture (a small one is mostly start-up and JIT warm-up)
  if (rs && bytes >= TARGETS.minBytes) {
    result.targets = {
      floorShare: result.ratios.radscopeOverFloorThroughput === null ? null : result.ratios.radscopeOverFloorThroughput >= TARGETS.floorShare,
      mbps: rs.mbps >= TARGETS.mbps,
      rssMiB: rs.rssMiB <= TARGETS.rssMiB,
    };
  }
  return result;
}

function printTable(results, opts) {
  console.log(`\nmedians of ${opts.runs} run(s); MB = 10^6 bytes, MiB = 2^20; MB/s and packets/s from wall time; cpu = user + system\ntime (${GNU_TIME ? 'GNU time' : 'not measured'}: less sensitive than wall time to other load on the machine); peak RSS by ${RSS_METHOD}\n`);
  console.log(`${pad('size', 5, true)} ${pad('tool', 9, true)} ${pad('wall s', 8)} ${pad('cpu s', 7)} ${pad('MB/s', 8)} ${pad('packets/s', 11)} ${pad('peak RSS MiB', 13)}  runs (wall s)`);
  for (const r of results) {
    for (const [t, m] of Object.entries(r.tools)) {
      const runs = m.runs.map((x) => (x.status === 0 ? x.wall.toFixed(2) : 'fail')).join(' ');
      console.log(`${pad(r.size, 5, true)} ${pad(t, 9, true)} ${pad(fmt(m.wall, 2), 8)} ${pad(fmt(m.cpu, 2), 7)} ${pad(fmt(m.mbps, 1), 8)} ${pad(fmt(m.packetsPerSec), 11)} ${pad(fmt(m.rssMiB), 13)}  ${runs}`);
    }
    const x = r.ratios;
    const parts = [];
    if (x.radscopeOverFloorThroughput !== null) parts.push(`radscope/floor throughput ${fmt(x.radscopeOverFloorThroughput, 2)}`);
    if (x.tsharkOverRadscopeTime !== null) parts.push(`tshark/radscope time ${fmt(x.tsharkOverRadscopeTime, 1)}`);
    if (parts.length) console.log(`${pad('', 5)} ${parts.join(', ')}`);
    if (r.targets) {
      const yn = (b) => (b === null ? 'n/a' : b ? 'met' : 'MISSED');
      console.log(`${pad('', 5)} targets (1G): >= ${TARGETS.floorShare * 100}% of the floor ${yn(r.targets.floorShare)}, >= ${TARGETS.mbps} MB/s ${yn(r.targets.mbps)}, <= ${TARGETS.rssMiB} MiB ${yn(r.targets.rssMiB)}`);
    }
    if (r.check) console.log(`${pad('', 5)} failure instances: ${r.check.ok ? 'PASS' : 'FAIL'} (${r.check.found}/${r.check.expected})`);
  }
}

function gitCommit() {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const d = spawnSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src'], { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() + (d.stdout.trim() ? '+changes' : '') : null;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  ensureBuilt();
  const tshark = opts.tools.includes('tshark') ? hasTshark() : null;
  if (opts.tools.includes('tshark') && !tshark) console.log('bench: tshark is not installed: its column is left out');
  console.log(`bench: node ${process.version}, ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30)} GiB${tshark ? ', ' + tshark : ''}; peak RSS by ${RSS_METHOD}`);
  const results = [];
  for (const size of opts.sizes) results.push(await benchSize(size, opts, tshark));
  printTable(results, opts);
  const record = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    node: process.version,
    cores: cpus().length,
    tshark,
    rssMethod: RSS_METHOD,
    runs: opts.runs,
    targets: TARGETS,
    results,
  };
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, 'results-last.json'), JSON.stringify(record, null, 2) + '\n');
  appendFileSync(join(CACHE, 'results-history.jsonl'), JSON.stringify(record) + '\n');
  console.log(`\nresults: ${join(CACHE, 'results-last.json')}`);
  const failed = results.some((r) => (r.check && !r.check.ok) || Object.values(r.tools).some((m) => m.failedRuns > 0));
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(`bench: ${e.message}`);
  process.exitCode = 1;
});
