// What the two benchmarks share (run.mjs: Node; browser.mjs: Chromium): where things are, the cached
// captures, building what is stale, timing a child process, the option parser and the median.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = process.env.RADSCOPE_SHARED ? resolve(process.env.RADSCOPE_SHARED) : resolve(ROOT, '..', 'shared');
export const CACHE = resolve(process.env.RADSCOPE_BENCH_CACHE ?? join(homedir(), '.cache', 'radscope-bench'));
export const GENERATOR = join(SHARED, 'bench', 'make-capture.py');
const SEED = 1;

/**
 * Options: `values` maps an option to what its value does to `o` ("--sizes 1G" or "--sizes=1G"), `flags` an
 * option without value; -h prints `usage`. A bad option prints `usage` and exits 2.
 */
export function parseArgs(argv, { name, usage, defaults, values = {}, flags = {} }) {
  const fail = (msg) => {
    console.error(`${name}: ${msg}\n${usage}`);
    process.exit(2);
  };
  const o = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const key = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    if (a === '-h' || a === '--help') {
      console.log(usage);
      process.exit(0);
    } else if (values[key]) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      const problem = values[key](o, v);
      if (problem) fail(problem);
    } else if (flags[a]) flags[a](o);
    else fail(`unknown option ${a}`);
  }
  return o;
}

/** The --sizes and --runs options both benchmarks take. */
export const SIZE_AND_RUNS = {
  '--sizes': (o, v) => void (o.sizes = v.split(',').map((s) => s.trim()).filter(Boolean)),
  '--runs': (o, v) => {
    o.runs = Number(v);
    return Number.isInteger(o.runs) && o.runs >= 1 ? undefined : '--runs wants a positive integer';
  },
};

/** The newest modification time under `path` (a file or a folder), test files aside. */
function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return path.endsWith('.test.ts') ? 0 : st.mtimeMs;
  let t = 0;
  for (const e of readdirSync(path)) t = Math.max(t, newestMtime(join(path, e)));
  return t;
}

/** Runs `command args` (in the repository) when `out` is missing or older than `sources` (repository paths). */
export function ensureBuilt(label, out, sources, command, args) {
  const src = Math.max(...sources.map((s) => newestMtime(join(ROOT, s))));
  if (existsSync(out) && statSync(out).mtimeMs >= src) return;
  console.log(`${label}: ${existsSync(out) ? `${out} is older than its sources` : `no ${out} yet`}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

/** The capture and manifest of one size, generated unless the cache has them from the same generator. */
export function ensureCapture(size) {
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

export const GNU_TIME = (() => {
  if (!existsSync('/usr/bin/time')) return null;
  const r = spawnSync('/usr/bin/time', ['-v', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /Maximum resident set size/.test(r.stderr) ? '/usr/bin/time' : null;
})();
export const RSS_METHOD = GNU_TIME ? 'GNU time -v (Maximum resident set size)' : existsSync('/proc/self/status') ? 'VmHWM of /proc/PID/status, polled every 20 ms' : 'not measured';

/**
 * Runs cmd with stdout to `stdoutPath` (default /dev/null); resolves { wall (s), cpu (s), rssMiB, status, stderr,
 * stdout }. stdout is returned only when captureStdout.
 */
export function measure(cmd, args, { stdoutPath = '/dev/null', captureStdout = false } = {}) {
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
      resolvePromise({ wall, cpu, rssMiB: rssKiB ? rssKiB / 1024 : null, status: code, stderr, stdout });
    });
  });
}

/** The median of the numbers among `xs` (null, undefined and NaN left out); NaN when there is none. */
export function median(xs) {
  const s = xs.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}
