// Node chunk sources for the core: a file read in large slices (1 MiB and more: small reads cost 1.5-1.9x
// here, issue "Performance"), standard input, and gzip through node:zlib.

import { createWriteStream } from 'node:fs';
import { mkdtemp, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ChunkSource } from '../core/index.ts';

/**
 * 4 MiB: large enough that reads cost little (64 KiB reads cost 1.5-1.9x), small enough that the fresh
 * buffer of each slice does not pile up before the GC frees it (16 MiB slices: 197 MiB peak RSS on a 1 GB
 * capture; 4 MiB: 130 MiB, and slightly faster).
 */
export const READ_SLICE = 4 << 20;

export async function* fileSource(path: string, slice = READ_SLICE): AsyncGenerator<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    for (;;) {
      // a fresh buffer per slice: the core may hand out views of it while the next read runs
      const buf = new Uint8Array(slice);
      const { bytesRead } = await fh.read(buf, 0, slice, null);
      if (bytesRead === 0) return;
      yield bytesRead === slice ? buf : buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

export function stdinSource(): ChunkSource {
  return process.stdin as AsyncIterable<Uint8Array>;
}

export function nodeGunzip(compressed: ChunkSource): ChunkSource {
  return Readable.from(compressed).pipe(createGunzip({ chunkSize: 1 << 20 })) as AsyncIterable<Uint8Array>;
}

/** Copies standard input to a private temporary file (for commands that read the capture twice). */
export async function spoolStdin(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'radscope-'));
  const path = join(dir, 'stdin.capture');
  await pipeline(process.stdin, createWriteStream(path, { mode: 0o600 }));
  return path;
}
