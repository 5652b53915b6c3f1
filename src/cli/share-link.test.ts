// `radscope analyze FILE --link` as a user runs it (issue "Share a report by link"): it prints a URL whose
// fragment decodes to the same verdict as `analyze --json`, on the page given by --base-url (a file:// URL
// to a built dist/index.html included) or the default one; --redact takes effect; bad options are usage
// errors. The CLI is built into a private folder (under node_modules/.cache, where it finds its
// dependencies) so this file never races the other CLI tests over dist-cli/. Ground truth: the report of
// corpus/lab/tls-blackhole/capture.pcap.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeShareLink, type Report } from '../core/index.ts';
import { HAVE_LAB_CORPUS, LAB_CORPUS, NO_CORPUS_MESSAGE, REPO_ROOT } from '../test-support/corpus.ts';
import { defaultBaseUrl, nodeDeflateRaw, PREVIEW_URL } from './share-link.ts';

const OUT = join(REPO_ROOT, 'node_modules', '.cache', `radscope-cli-link-test-${process.pid}`);
const CAPTURE = join(LAB_CORPUS, 'tls-blackhole', 'capture.pcap');

function radscope(args: string[], input?: Buffer) {
  const r = spawnSync(process.execPath, [join(OUT, 'radscope.mjs'), ...args], { cwd: REPO_ROOT, input, maxBuffer: 64 << 20, encoding: 'buffer' });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

beforeAll(() => {
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.cli.config.ts', '--outDir', OUT, '--emptyOutDir', '--logLevel', 'error'], { cwd: REPO_ROOT, stdio: 'ignore' });
}, 120_000);

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

async function decoded(url: string) {
  const r = await decodeShareLink(url, nodeDeflateRaw);
  if (!r.ok) throw new Error(r.error.message);
  return r;
}

describe.skipIf(!HAVE_LAB_CORPUS)('analyze --link on the tls-blackhole lab capture', () => {
  test('prints one URL whose fragment decodes to the same verdict as analyze --json', async () => {
    const json = radscope(['analyze', '--json', CAPTURE]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as Report;
    const r = radscope(['analyze', CAPTURE, '--link', '--base-url', 'http://localhost:4173/']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const url = new URL(lines[0]!);
    expect(url.origin + url.pathname).toBe('http://localhost:4173/');
    expect(url.hash.startsWith('#r=1.')).toBe(true);
    expect(url.hash.length - 1).toBeLessThanOrEqual(2_000);
    const d = await decoded(lines[0]!);
    expect(d.report.verdict).toEqual(report.verdict);
    expect(d.report.findings.map((f) => f.id)).toEqual(report.findings.map((f) => f.id));
    // what was left out goes to standard error, one line each
    expect(r.stderr).toMatch(/^radscope: link: Left out: what no RADIUS request's timeline shows/m);
  });

  test('without --base-url the link opens the default page, and a file:// dist/index.html works as a base', async () => {
    const r = radscope(['analyze', CAPTURE, '--link']);
    expect(r.code).toBe(0);
    const url = r.stdout.trim();
    expect(url.startsWith(defaultBaseUrl(REPO_ROOT) + '#r=1.')).toBe(true);
    // a local dist/index.html given as a path becomes its file:// URL
    const dist = mkdtempSync(join(tmpdir(), 'radscope-dist-'));
    const index = join(dist, 'index.html');
    writeFileSync(index, '<!doctype html><title>radscope</title>');
    const f = radscope(['analyze', CAPTURE, '--link', '--base-url', index]);
    expect(f.code).toBe(0);
    const fileUrl = new URL(f.stdout.trim());
    expect(fileUrl.protocol).toBe('file:');
    expect(fileURLToPath(fileUrl)).toBe(index);
    expect((await decoded(fileUrl.href)).report.verdict?.id).toBe('tls.clienthello.unanswered');
    // and as a file:// URL, the same
    const g = radscope(['analyze', CAPTURE, '--link', `--base-url=${pathToFileURL(index).href}`]);
    expect(g.stdout.trim()).toBe(f.stdout.trim());
    rmSync(dist, { recursive: true, force: true });
  });

  test('--redact users,addresses leaves neither in the link', async () => {
    const r = radscope(['analyze', CAPTURE, '--link', '--redact', 'users,addresses', '--base-url', 'http://localhost:4173/']);
    expect(r.code).toBe(0);
    const d = await decoded(r.stdout.trim());
    const text = JSON.stringify(d.report);
    expect(text).not.toMatch(/10\.61\.10\.|172\.30\.64\.|alice/);
    expect(d.redaction).toEqual({ users: true, addresses: true, publicNames: true });
    expect(d.report.verdict?.id).toBe('tls.clienthello.unanswered');
  });

  test('standard input works too, and --secret values are kept out of the link', async () => {
    const r = radscope(['analyze', '-', '--link', '--secret', 'Lab-NPS-s3cret', '--base-url', 'http://localhost:4173/'], readFileSync(CAPTURE));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('Lab-NPS-s3cret');
    expect((await decoded(r.stdout.trim())).report.capture.name).toBeNull();
  });
});

test.skipIf(HAVE_LAB_CORPUS)('analyze --link on the lab capture (skipped)', () => {
  console.log(NO_CORPUS_MESSAGE);
});

describe('options', () => {
  const dir = mkdtempSync(join(tmpdir(), 'radscope-cli-link-usage-'));
  const pcap = join(dir, 'empty.pcap');
  // a valid pcap with no frames: a report with nothing to diagnose
  writeFileSync(pcap, Buffer.from('d4c3b2a1020004000000000000000000ffff000001000000', 'hex'));

  test('bad combinations and values are usage errors (exit 2)', () => {
    for (const args of [
      ['analyze', pcap, '--link', '--redact', 'bogus'],
      ['analyze', pcap, '--base-url', 'http://localhost:4173/'],
      ['analyze', pcap, '--redact', 'users'],
      ['analyze', pcap, '--link', '--json'],
      ['info', pcap, '--link'],
      ['analyze', pcap, '--link', '--base-url', 'ftp://example.invalid/'],
      ['analyze', pcap, '--link', '--base-url', 'http://exa mple/'],
    ]) {
      const r = radscope(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(/^radscope: /);
    }
  });

  test('a capture with nothing to diagnose still makes a link', async () => {
    const r = radscope(['analyze', pcap, '--link', '--base-url', 'viewer/', '--redact', 'all']);
    expect(r.code).toBe(0);
    // a relative URL that names no local file stays as it is
    expect(r.stdout.startsWith('viewer/#r=1.')).toBe(true);
    const d = await decoded(r.stdout.trim());
    expect(d.report.verdict).toBeNull();
    expect(d.report.capture.frames).toBe(0);
  });
});

/**
 * A pcap of `n` Access-Requests from a NAS, each from its own port, for its own user, none answered: a
 * report with `n` failing requests and as many findings, too many for any link.
 */
function unansweredRequests(n: number): Buffer {
  const records: Buffer[] = [Buffer.from('d4c3b2a1020004000000000000000000ffff000001000000', 'hex')];
  let seed = 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  for (let i = 0; i < n; i++) {
    const user = Buffer.from(`u${rnd().toString(36)}${rnd().toString(36)}@corp.example`);
    const radius = Buffer.alloc(20 + 2 + user.length);
    radius[0] = 1; // Access-Request
    radius[1] = i & 255;
    radius.writeUInt16BE(radius.length, 2);
    for (let k = 4; k < 20; k++) radius[k] = rnd() & 255;
    radius[20] = 1; // User-Name
    radius[21] = 2 + user.length;
    user.copy(radius, 22);
    const udp = Buffer.alloc(8);
    udp.writeUInt16BE(20000 + i, 0);
    udp.writeUInt16BE(1812, 2);
    udp.writeUInt16BE(8 + radius.length, 4);
    const ip = Buffer.from('450000000000400040110000' + '0a3d0a14' + '0a3d0a0a', 'hex');
    ip.writeUInt16BE(20 + 8 + radius.length, 2);
    const eth = Buffer.from('0200000000010200000000020800', 'hex');
    const frame = Buffer.concat([eth, ip, udp, radius]);
    const head = Buffer.alloc(16);
    head.writeUInt32LE(1_700_000_000 + i * 30, 0);
    head.writeUInt32LE(rnd() % 1_000_000, 4);
    head.writeUInt32LE(frame.length, 8);
    head.writeUInt32LE(frame.length, 12);
    records.push(head, frame);
  }
  return Buffer.concat(records);
}

describe('a report too large for any link', () => {
  test('is refused with one line on standard error and exit 4, never a cut link', () => {
    const dir = mkdtempSync(join(tmpdir(), 'radscope-cli-link-big-'));
    const pcap = join(dir, 'many.pcap');
    writeFileSync(pcap, unansweredRequests(1_500));
    const r = radscope(['analyze', pcap, '--link', '--base-url', 'http://localhost:4173/']);
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/too large for a link: .* a link holds at most 32,000\. Share the capture or the JSON report/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the Node side of the codec', () => {
  test('the default page: the built app when there is one, else the npm start preview', () => {
    const root = mkdtempSync(join(tmpdir(), 'radscope-root-'));
    expect(defaultBaseUrl(root)).toBe(PREVIEW_URL);
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', 'index.html'), '');
    expect(defaultBaseUrl(root)).toBe(pathToFileURL(join(root, 'dist', 'index.html')).href);
    rmSync(root, { recursive: true, force: true });
  });

  test('inflate stops at the limit (null), and throws on a corrupt stream', () => {
    const data = deflateRawSync(Buffer.alloc(100_000));
    expect(nodeDeflateRaw.inflate(data, 100_000)).toHaveLength(100_000);
    expect(nodeDeflateRaw.inflate(data, 99_999)).toBeNull();
    expect(() => nodeDeflateRaw.inflate(Uint8Array.of(0xff, 0xff, 0xff), 10)).toThrow();
  });
});
