// The command line as a user runs it: `node bin/radscope.mjs ...` (what `npx radscope` runs), its output,
// standard input, gzip, and exit codes (0 success, 2 usage, 3 unreadable file). Ground truth: the lab's
// truth.json for the tls-blackhole capture.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import { HAVE_LAB_CORPUS, LAB_CORPUS, NO_CORPUS_MESSAGE, REPO_ROOT } from '../test-support/corpus.ts';
import { ensureCliBuilt } from '../test-support/cli-build.ts';

const BIN = join(REPO_ROOT, 'bin', 'radscope.mjs');

function radscope(args: string[], input?: Buffer) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, maxBuffer: 64 << 20, encoding: 'buffer' });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

beforeAll(() => {
  // `npm install` builds the CLI (prepare) and npm test does; built again here when stale, so this file runs on its own
  ensureCliBuilt();
}, 120_000);

describe('usage and unreadable files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'radscope-cli-'));

  test('no arguments, an unknown command and an unknown option are usage errors (exit 2)', () => {
    expect(radscope([]).code).toBe(2);
    const unknown = radscope(['frobnicate', 'x.pcap']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command frobnicate/);
    expect(radscope(['info', 'x.pcap', '--bogus']).code).toBe(2);
    expect(radscope(['info']).stderr).toMatch(/needs a FILE/);
  });

  test('a text file is refused with one clear line (exit 3)', () => {
    const f = join(dir, 'notes.txt');
    writeFileSync(f, 'these are my notes, not a capture\n');
    const r = radscope(['info', f]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/not a capture radscope can read: it starts with the bytes 74 68 65 73/);
  });

  test('a missing file is exit 3, not a stack trace', () => {
    const r = radscope(['packets', join(dir, 'nope.pcap')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot read the file \(ENOENT\)/);
  });
});

describe.skipIf(!HAVE_LAB_CORPUS)('a RADIUS answer read from standard input reaches its request (two passes over a spooled copy)', () => {
  test('radius-reject: the request names its response frame', () => {
    const dir = join(LAB_CORPUS, 'radius-reject');
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
    const r = radscope(['packets', '--json', '-'], readFileSync(join(dir, 'capture.pcap')));
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const req = truth.key_frames.access_requests[0] as number;
    const rsp = truth.key_frames.radius_responses[0] as number;
    expect(lines[req - 1].radius.rspFrame).toBe(rsp);
    expect(lines[rsp - 1].radius).toMatchObject({ code: 3, reqFrame: req });
    expect(lines[rsp - 1].info).toMatch(/^Access-Reject id=/);
  });
});

describe.skipIf(!HAVE_LAB_CORPUS)('the tls-blackhole lab capture', () => {
  const dir = join(LAB_CORPUS, 'tls-blackhole');
  const truth = HAVE_LAB_CORPUS ? JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) : null;

  test.each(['capture.pcap', 'capture.pcapng', 'capture-nsec.pcapng'])('info --json on %s', (name) => {
    const r = radscope(['info', '--json', join(dir, name)]);
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.frames).toBe(truth.capture.frames);
    expect(info.format).toBe(name.endsWith('.pcap') ? 'pcap' : 'pcapng');
    expect(info.linkTypes).toEqual([1]);
    // truth gives the first frame's time as a float of seconds: agree to the microsecond
    expect(Date.parse(info.firstTime) / 1000).toBeCloseTo(truth.capture.first_frame_epoch, 2);
    expect(info.firstTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    expect(info.duration).toBeCloseTo(truth.capture.duration_s, 3);
    expect(info.findings).toEqual([]);
  });

  test('packets --json from standard input, and the same from a gzip file', () => {
    const bytes = readFileSync(join(dir, 'capture.pcap'));
    const fromStdin = radscope(['packets', '--json', '-'], bytes);
    expect(fromStdin.code).toBe(0);
    const lines = fromStdin.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(truth.capture.frames);
    const ch = truth.frames.tls_attempts[0];
    const hello = lines[ch.client_hello - 1];
    expect(`${hello.src}:${hello.srcPort}`).toBe(ch.client);
    expect(`${hello.dst}:${hello.dstPort}`).toBe(ch.server);
    expect(hello.tcp.stream).toBe(ch.tcp_stream);
    expect(hello.tcp.seqRel).toBe(1);
    expect(hello.tcp.len).toBe(ch.client_hello_retransmission_details[0].tcp_len);
    expect(hello.timeRel).toBeCloseTo(ch.timing.client_hello_transmission_times_rel_s[0], 6);

    const gz = join(mkdtempSync(join(tmpdir(), 'radscope-gz-')), 'capture.pcap.gz');
    writeFileSync(gz, gzipSync(bytes));
    const fromGzip = radscope(['packets', '--json', gz]);
    expect(fromGzip.stdout).toBe(fromStdin.stdout);
    expect(JSON.parse(radscope(['info', '--json', gz]).stdout).compressed).toBe(true);
  });

  test('packets --json pairs the RADIUS request with nothing, and its two retransmissions with it', () => {
    const lines = radscope(['packets', '--json', join(dir, 'capture.pcap')]).stdout.trim().split('\n').map((l) => JSON.parse(l));
    const [first, ...again] = [...truth.key_frames.access_requests, ...truth.key_frames.access_request_retransmissions] as number[];
    expect(lines[first! - 1].radius).toEqual({ code: 1, id: truth.frames.access_requests[0].id, reqFrame: null, rspFrame: null, dup: null, time: null });
    for (const f of again) expect(lines[f - 1].radius).toMatchObject({ code: 1, dup: first, rspFrame: null });
    expect(lines[first! - 1].protocol).toBe('RADIUS');
  });

  test('packets without --json prints one line per frame', () => {
    const r = radscope(['packets', join(dir, 'capture.pcapng')]);
    expect(r.stdout.trim().split('\n')).toHaveLength(truth.capture.frames);
    expect(r.stdout).toMatch(/^19\t3\.118344\t10\.61\.10\.10\t172\.30\.64\.40\tTLS\t583\tClient Hello \(SNI=login\.microsoftonline\.com\)$/m);
    // the retransmitted ClientHello is not TLS again (its bytes were read once), it is a TCP retransmission
    expect(r.stdout).toMatch(/^20\t3\.322812\t10\.61\.10\.10\t172\.30\.64\.40\tTCP\t583\t\[TCP Retransmission\] 52892 → 443 \[PSH, ACK\] Seq=1 Ack=1/m);
  });
});

test.skipIf(HAVE_LAB_CORPUS)('lab corpus CLI tests (skipped)', () => {
  console.log(NO_CORPUS_MESSAGE);
});
