#!/usr/bin/env node
// Generates filter.tshark.json, the ground truth of filter.tshark.test.ts: for each lab capture and each
// filter below, the frame numbers `tshark -r FILE -Y FILTER -T fields -e frame.number` prints (tshark 4.0).
// Run once by hand when the list changes (the tests never run tshark):
//   node src/core/filter/make-tshark-truth.mjs [/path/to/shared]
// Frames are stored as ranges ("3-8,11") to keep the file small and its diffs readable.

import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const shared = process.argv[2] ?? process.env.RADSCOPE_SHARED ?? join(here, '..', '..', '..', '..', 'shared');
const lab = join(shared, 'corpus', 'lab');

// Filters in tshark 4.0's syntax (sets with commas). Each exercises a field or a semantic rule.
export const FILTERS = [
  'tcp.analysis.retransmission',
  'tcp.analysis.flags && !tcp.analysis.window_update',
  'tcp.analysis.duplicate_ack || tcp.analysis.lost_segment || tcp.analysis.ack_lost_segment',
  'tcp.analysis.fast_retransmission || tcp.analysis.spurious_retransmission || tcp.analysis.out_of_order',
  'tcp.analysis.keep_alive || tcp.analysis.zero_window || tcp.analysis.window_update',
  'radius',
  'radius.code == 2',
  'radius.code in {2, 3, 11}',
  'radius.id == 0 || radius.id > 200',
  'tls',
  'tls.handshake.type == 1',
  'tls.handshake.type in {1, 2}',
  'tls.handshake.extensions_server_name contains "microsoft"',
  'tls.handshake.extensions_server_name == "login.microsoftonline.com"',
  'tls.record.content_type == 21',
  'tls.alert_message.desc == 48 || tls.alert_message.level == 2',
  'ip.addr == 10.61.10.10 && tcp.port == 443',
  'ip.src == 172.30.64.0/24',
  'ip.addr in {10.61.10.53, 172.30.64.0/24}',
  'ip.dst == 10.61.10.20 or ip.src == 10.61.10.1',
  'ip.addr != 10.61.10.53',
  'ip.addr ~= 10.61.10.10',
  'frame.number >= 10 and not arp',
  'frame.number in {1..5, 20..25, 100}',
  'frame.len > 150 && udp',
  'frame.cap_len < 70',
  'frame.time_relative >= 2.5',
  'frame.time_relative < 1.0 or frame.time_relative > 5',
  'tcp.flags.reset == 1',
  'tcp.flags.syn == 1 && tcp.flags.ack == 0',
  'tcp.flags & 0x04',
  'tcp.flags == 0x012',
  'tcp.flags.fin == 1 || tcp.flags.push == 1',
  'tcp.port != 443',
  'tcp.port in {1024..65535} && tcp.flags.syn == 1',
  'tcp.srcport == 443 or tcp.dstport == 3128',
  'tcp.stream == 1',
  'tcp.len > 0',
  'tcp.len == 0 and tcp.flags.ack == 1',
  'udp.port in {53, 1812}',
  'udp and not dns and not radius',
  'dns',
  'dns.flags.rcode == 3',
  'dns.flags.rcode != 0',
  'dns.flags.response == 0',
  'dns.qry.name == "login.microsoftonline.com"',
  'dns.qry.name contains "microsoft"',
  'dns.qry.type == 28',
  'http',
  'http.request.method == "CONNECT"',
  'http.response.code >= 400',
  'http.request.uri contains "443"',
  'icmp || ipv6 || arp',
  'not ip',
  '!(tcp.port == 443) && !(udp.port == 53)',
];

function ranges(frames) {
  const out = [];
  for (let k = 0; k < frames.length; ) {
    let j = k;
    while (j + 1 < frames.length && frames[j + 1] === frames[j] + 1) j++;
    out.push(j === k ? `${frames[k]}` : `${frames[k]}-${frames[j]}`);
    k = j + 1;
  }
  return out.join(',');
}

const run = promisify(execFile);
const version = execFileSync('tshark', ['--version'], { encoding: 'utf8' }).split('\n')[0];
const jobs = [];
for (const scenario of readdirSync(lab).filter((d) => !d.includes('.')).sort()) {
  for (const filter of FILTERS) jobs.push({ file: `${scenario}/capture.pcap`, filter });
}
// a few tshark processes at once; a filter tshark rejects fails the run (execFile rejects on exit code != 0)
const results = new Map();
let next = 0;
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      const { stdout } = await run('tshark', ['-r', join(lab, job.file), '-Y', job.filter, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8' });
      results.set(`${job.file}\n${job.filter}`, ranges(stdout.split('\n').filter(Boolean).map(Number)));
    }
  }),
);
const captures = {};
for (const { file, filter } of jobs) (captures[file] ??= {})[filter] = results.get(`${file}\n${filter}`);
const truth = { generator: 'src/core/filter/make-tshark-truth.mjs', tshark: version, filters: FILTERS, captures };
writeFileSync(join(here, 'filter.tshark.json'), JSON.stringify(truth, null, 1) + '\n');
process.stderr.write(`${jobs.length} tshark runs -> filter.tshark.json\n`);
