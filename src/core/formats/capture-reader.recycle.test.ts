// The ChunkSource contract (capture-reader.ts): a source may reuse a chunk's memory once two later chunks
// have been asked for. The worker's reader thread does (worker/reader-chunks.ts: its buffers go back and
// forth between threads), so nothing in the pass may keep a view of a chunk longer: not the readers, not the
// analyses (TCP bytes held out of order, TLS and HTTP parsers), not what the page keeps per frame (the packet
// table's and the filter's columns). Each capture is analysed from fresh chunks and from a source that writes
// each new chunk over the one two before it (garbage first): everything the page and the CLI get must be the
// same. The gzip case goes through the worker's own decompressor (DecompressionStream, global in Node too).

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { analyseCapture, FilterColumnsBuilder, FrameTable } from '../index.ts';
import type { ChunkSource } from './capture-reader.ts';
import { gunzip } from '../../worker/gunzip.ts';
import { HAVE_LAB_CORPUS, HAVE_PUBLIC_CORPUS, LAB_CORPUS, NO_CORPUS_MESSAGE, PUBLIC_CORPUS, REPO_ROOT, bytesChunks, publicCaptures } from '../../test-support/corpus.ts';

/** Chunks written into two buffers in turn: chunk k+2 overwrites chunk k (the most the contract allows). */
async function* recycling(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  const buffers = [new Uint8Array(size), new Uint8Array(size)];
  for (let k = 0, at = 0; at < bytes.length; k++, at += size) {
    const b = buffers[k % 2]!;
    b.fill(0xee);
    const n = Math.min(size, bytes.length - at);
    b.set(bytes.subarray(at, at + n));
    yield b.subarray(0, n);
  }
}

/** Everything a pass gives its callers, as text (typed arrays, maps and sets spelled out). */
async function everything(source: ChunkSource): Promise<string> {
  const table = new FrameTable();
  const filter = new FilterColumnsBuilder({ fromIndex: true });
  const a = await analyseCapture(source, { keepIndex: true, name: 'capture', gunzip }, (v) => {
    table.add(v);
    filter.add(v);
  });
  const scan = a.scan;
  const columns = filter.finish({ index: scan.index!, radius: scan.radius.frames(), findings: a.report.findings });
  const index = scan.index!;
  return JSON.stringify(
    {
      report: a.report,
      diagnostics: scan.diagnostics,
      conversations: scan.conversations,
      index: [index.fileOffset, index.capLen, index.stream, index.flags, index.protocol].map((c) => Array.from({ length: index.length }, (_, i) => c.get(i))),
      table: { seqRel: table.seqRel.view(), ackRel: table.ackRel.view(), appInfo: table.appInfo },
      columns,
    },
    (_k, v: unknown) =>
      ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v instanceof Map ? [...v] : v instanceof Set ? [...v] : v,
  );
}

function captures(): string[] {
  const out = [join(REPO_ROOT, 'public', 'samples', 'tls-blackhole.pcapng')];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.pcap(ng)?$/.test(e)) out.push(p);
    }
  };
  walk(join(REPO_ROOT, 'fixtures', 'lab-variants'));
  if (HAVE_LAB_CORPUS) walk(LAB_CORPUS);
  // the public captures with TCP (out-of-order segments, TLS, HTTP) and IP fragments exercise the held bytes
  if (HAVE_PUBLIC_CORPUS) for (const c of publicCaptures()) if (statSync(join(PUBLIC_CORPUS, c)).size < 2_000_000) out.push(join(PUBLIC_CORPUS, c));
  return out;
}

describe('a source may reuse a chunk once two later ones were asked for', () => {
  if (!HAVE_LAB_CORPUS || !HAVE_PUBLIC_CORPUS) test.skip(`corpus part: ${NO_CORPUS_MESSAGE}`, () => {});
  test.each(captures().map((p) => [p.slice(REPO_ROOT.length - 1).replace(/^.*\/shared\//, 'shared/'), p]))('%s', async (_name, path) => {
    const bytes = new Uint8Array(readFileSync(path));
    let fresh: string;
    try {
      fresh = await everything(bytesChunks(bytes, bytes.length));
    } catch (e) {
      // a capture nothing can be read from: the recycled read must fail the same way
      await expect(everything(recycling(bytes, 1500))).rejects.toThrow((e as Error).message);
      return;
    }
    for (const size of [1500, 65536]) expect(await everything(recycling(bytes, size)), `chunks of ${size}`).toBe(fresh);
  });

  test('chunks smaller than the format sniffer reads: the head is kept across them', async () => {
    const bytes = new Uint8Array(readFileSync(join(REPO_ROOT, 'public', 'samples', 'tls-blackhole.pcapng')));
    expect(await everything(recycling(bytes, 50))).toBe(await everything(bytesChunks(bytes, bytes.length)));
  });

  test('gzip: the decompressor copies what it holds', async () => {
    const bytes = new Uint8Array(readFileSync(join(REPO_ROOT, 'public', 'samples', 'tls-blackhole.pcapng')));
    const gz = new Uint8Array(gzipSync(bytes));
    const fresh = await everything(bytesChunks(bytes, bytes.length));
    for (const size of [700, 8192]) expect(await everything(recycling(gz, size)), `chunks of ${size}`).toBe(fresh.replace('"compressed":false', '"compressed":true'));
  });
});
