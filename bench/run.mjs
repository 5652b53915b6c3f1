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

import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { CACHE, ensureBuilt, ensureCapture, GNU_TIME, measure, median, parseArgs, ROOT, RSS_METHOD, SHARED, SIZE_AND_RUNS } from './common.mjs';
import { checkFailures, describeCheck } from './failures.mjs';

const FLOOR = join(SHARED, 'bench', 'floor', 'decode-flows.mjs');
const TSHARK_FILTER = 'radius || tls.handshake.type == 1 || tcp.analysis.retransmission';
const TARGETS = { floorShare: 0.5, mbps: 350, rssMiB: 256, minBytes: 9e8 }; // issue "Performance at scale", for the 1G capture

const USAGE = `usage: npm run bench [-- options]
  --sizes LIST   capture sizes to run, comma-separated (default 100M,1G; any make-capture.py --size)
  --runs N       timed runs of each tool per size (default 3)
  --tools LIST   which of floor,radscope,tshark to time (default all; tshark only when installed)
  --no-check     skip the correctness check (and the warm-up run it doubles as)
Cache: ${CACHE} ($RADSCOPE_BENCH_CACHE); last results in results-last.json there.`;

const TOOLS = ['floor', 'radscope', 'tshark'];
const OPTIONS = {
  name: 'bench',
  usage: USAGE,
  defaults: { sizes: ['100M', '1G'], runs: 3, tools: TOOLS, check: true },
  values: {
    ...SIZE_AND_RUNS,
    '--tools': (o, v) => {
      o.tools = v.split(',').map((s) => s.trim()).filter(Boolean);
      const bad = o.tools.find((t) => !TOOLS.includes(t));
      return bad === undefined ? undefined : `unknown tool ${bad}`;
    },
  },
  flags: { '--no-check': (o) => void (o.check = false) },
};

// ------------------------------------------------------------------ tools

function hasTshark() {
  const r = spawnSync('tshark', ['-v'], { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout.split('\n')[0] ?? 'tshark') : null;
}

// ------------------------------------------------------------------ the run

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
  const opts = parseArgs(process.argv.slice(2), OPTIONS);
  ensureBuilt('bench', join(ROOT, 'dist-cli', 'radscope.mjs'), ['src/core', 'src/cli', 'vite.cli.config.ts'], 'npm', ['run', '--silent', 'build:cli']);
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
