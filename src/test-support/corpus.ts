// Test support: where the shared corpus is, and Node chunk sources over files. Tests that need the corpus
// skip with a clear message when it is absent (a clone outside this workplace still passes).

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED = process.env.RADSCOPE_SHARED ?? join(REPO_ROOT, '..', 'shared');
export const PUBLIC_CORPUS = join(SHARED, 'corpus', 'public');
export const LAB_CORPUS = join(SHARED, 'corpus', 'lab');
export const HAVE_PUBLIC_CORPUS = existsSync(join(PUBLIC_CORPUS, 'MANIFEST.md'));
export const HAVE_LAB_CORPUS = existsSync(join(LAB_CORPUS, 'index.json'));
export const NO_CORPUS_MESSAGE = `shared corpus not found at ${SHARED} (set RADSCOPE_SHARED); corpus tests skipped`;

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Every public capture that has tshark truth beside it, as paths relative to the public corpus. */
export function publicCaptures(): string[] {
  if (!HAVE_PUBLIC_CORPUS) return [];
  return walk(PUBLIC_CORPUS, [])
    .filter((p) => p.endsWith('.tshark.json'))
    .map((p) => relative(PUBLIC_CORPUS, p.slice(0, -'.tshark.json'.length)));
}

export function readTruth<T = unknown>(relCapture: string): T {
  return JSON.parse(readFileSync(join(PUBLIC_CORPUS, relCapture + '.tshark.json'), 'utf8')) as T;
}

/** A file as chunks of `size` bytes (the last one shorter), read with one handle. */
export async function* fileChunks(path: string, size = 1 << 20): AsyncGenerator<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    for (;;) {
      const buf = new Uint8Array(size);
      const { bytesRead } = await fh.read(buf, 0, size, null);
      if (bytesRead === 0) return;
      yield bytesRead === size ? buf : buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/** Bytes already in memory as chunks of `size` (for chunk-size invariance tests). */
export async function* bytesChunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let o = 0; o < bytes.length; o += size) yield bytes.subarray(o, Math.min(o + size, bytes.length));
}
