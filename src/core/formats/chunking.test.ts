// Chunk-size invariance (ARCHITECTURE.md "Every reader run at several chunk sizes gives the same result"):
// every public corpus capture and every lab capture is read whole and in chunks of 4096, 7 and (for files
// under ONE_BYTE_LIMIT, to keep the run short) 1 byte. The frames (all RawFrame fields and a hash of the
// bytes), the diagnostics, the summary and the result, or the error thrown, must be identical.
// A gzip case checks the same through a node:zlib decompressor.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip, gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { readCapture, type ChunkSource, type Gunzip } from './capture-reader.ts';
import {
  HAVE_LAB_CORPUS,
  HAVE_PUBLIC_CORPUS,
  LAB_CORPUS,
  NO_CORPUS_MESSAGE,
  PUBLIC_CORPUS,
  REPO_ROOT,
  bytesChunks,
  publicCaptures,
} from '../../test-support/corpus.ts';

const CHUNK_SIZES = [4096, 7, 1] as const;
/** 1-byte chunking only below this size (only zeek's 206_example_b.pcap, 1.5 MB, is above it today). */
const ONE_BYTE_LIMIT = 200_000;

/** FNV-1a, 32 bits: cheap, and any changed, lost or shifted byte changes it. */
function fnv1a(b: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h >>> 0;
}

interface Run {
  frames: string[];
  diagnostics: string[];
  interfaces: string[];
  outcome: unknown;
}

async function run(source: ChunkSource, gunzip?: Gunzip): Promise<Run> {
  const frames: string[] = [];
  const diagnostics: string[] = [];
  const interfaces: string[] = [];
  let outcome: unknown;
  try {
    const r = await readCapture(
      source,
      {
        frame: (f) => {
          expect(f.data.length).toBe(f.capLen);
          frames.push(
            [f.number, f.fileOffset, f.capLen, f.origLen, f.hasTime, f.sec, f.nsec, f.interfaceId, f.linkType, fnv1a(f.data)].join(' '),
          );
        },
        interface: (i) => interfaces.push(JSON.stringify(i)),
        diagnostic: (d) => diagnostics.push(JSON.stringify([d.id, d.severity, d.frame, d.fileOffset, d.message])),
      },
      gunzip ? { gunzip } : {},
    );
    outcome = { ...r, summary: { ...r.summary, secrets: r.summary.secrets.map((s) => ({ type: s.type, hash: fnv1a(s.data) })) } };
  } catch (e) {
    const err = e as Error & { detected?: string };
    outcome = { threw: err.name, message: err.message, detected: err.detected };
  }
  return { frames, diagnostics, interfaces, outcome };
}

/** Compares two runs; a frame mismatch names the first frame that differs instead of dumping both lists. */
function expectSameRun(got: Run, want: Run, label: string): void {
  const n = Math.min(got.frames.length, want.frames.length);
  for (let i = 0; i < n; i++) {
    if (got.frames[i] !== want.frames[i]) expect(got.frames[i], `${label}: row ${i + 1} (number offset capLen origLen hasTime sec nsec iface link hash)`).toBe(want.frames[i]);
  }
  expect(got.frames.length, `${label}: frame count`).toBe(want.frames.length);
  expect(got.diagnostics, `${label}: diagnostics`).toEqual(want.diagnostics);
  expect(got.interfaces, `${label}: interfaces`).toEqual(want.interfaces);
  expect(got.outcome, `${label}: result`).toEqual(want.outcome);
}

async function* whole(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

async function checkInvariance(path: string, gunzip?: Gunzip): Promise<void> {
  const bytes = new Uint8Array(readFileSync(path));
  const reference = await run(whole(bytes), gunzip);
  for (const size of CHUNK_SIZES) {
    if (size === 1 && bytes.length > ONE_BYTE_LIMIT) continue;
    expectSameRun(await run(bytesChunks(bytes, size), gunzip), reference, `chunks of ${size}`);
  }
}

function labCaptures(): string[] {
  if (!HAVE_LAB_CORPUS) return [];
  const out: string[] = [];
  for (const scenario of readdirSync(LAB_CORPUS).sort()) {
    const dir = join(LAB_CORPUS, scenario);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir).sort()) if (/\.(pcap|pcapng)$/.test(name)) out.push(join(scenario, name));
  }
  return out;
}

const nodeGunzip: Gunzip = (compressed) => Readable.from(compressed).pipe(createGunzip());

describe.skipIf(HAVE_PUBLIC_CORPUS && HAVE_LAB_CORPUS)('chunk-size invariance (corpus absent)', () => {
  test('skipped: no shared corpus', () => {
    console.warn(NO_CORPUS_MESSAGE);
  });
});

describe.skipIf(!HAVE_PUBLIC_CORPUS)('chunk-size invariance: public corpus', () => {
  const captures = publicCaptures();
  test('the public corpus is there', () => expect(captures.length).toBeGreaterThan(100));
  // one test per source folder keeps the output readable; the message names the file that differs
  const groups = new Map<string, string[]>();
  for (const rel of captures) {
    const g = rel.split('/')[0]!;
    groups.set(g, [...(groups.get(g) ?? []), rel]);
  }
  for (const [group, files] of groups) {
    test(`${group} (${files.length} captures)`, async () => {
      for (const rel of files) {
        try {
          await checkInvariance(join(PUBLIC_CORPUS, rel));
        } catch (e) {
          (e as Error).message = `${rel}: ${(e as Error).message}`;
          throw e;
        }
      }
    });
  }
});

describe.skipIf(!HAVE_LAB_CORPUS)('chunk-size invariance: lab captures', () => {
  const captures = labCaptures();
  test('three captures per lab scenario', () => {
    expect(captures.length).toBeGreaterThanOrEqual(30);
    expect(captures.length % 3).toBe(0);
  });
  for (const rel of captures) {
    test(rel, async () => {
      await checkInvariance(join(LAB_CORPUS, rel));
    });
  }
});

describe('chunk-size invariance: fixtures/readers (made by scripts/make-reader-fixtures.sh)', () => {
  const dir = join(REPO_ROOT, 'fixtures', 'readers');
  const files = readdirSync(dir).filter((f) => !f.endsWith('.json')).sort();
  test('the fixtures are there', () => expect(files.length).toBeGreaterThanOrEqual(11));
  for (const name of files) {
    test(name, async () => {
      await checkInvariance(join(dir, name), nodeGunzip);
    });
  }
});

describe.skipIf(!HAVE_LAB_CORPUS)('gzip through node:zlib', () => {
  for (const rel of ['healthy/capture.pcapng', 'healthy/capture.pcap']) {
    test(`${rel}, gzipped in the test, reads like the plain file`, async () => {
      const plain = new Uint8Array(readFileSync(join(LAB_CORPUS, rel)));
      const gz = new Uint8Array(gzipSync(plain));
      const reference = await run(whole(plain));
      expect((reference.outcome as { compressed: boolean }).compressed).toBe(false);
      expect(reference.frames.length).toBeGreaterThan(0);
      const want = { ...reference, outcome: { ...(reference.outcome as object), compressed: true } };
      for (const size of [gz.length, 4096, 7]) {
        const got = await run(bytesChunks(gz, size), nodeGunzip);
        expectSameRun(got, want, `gzip, chunks of ${size}`);
        expect((got.outcome as { bytes: number }).bytes).toBe(plain.length);
      }
    });
  }

  test('gzip without a decompressor is a CaptureFormatError naming gzip', async () => {
    const gz = new Uint8Array(gzipSync(readFileSync(join(LAB_CORPUS, 'healthy/capture.pcap'))));
    const r = await run(whole(gz));
    expect(r.frames).toEqual([]);
    expect(r.outcome).toMatchObject({ threw: 'CaptureFormatError', detected: 'gzip' });
  });
});
