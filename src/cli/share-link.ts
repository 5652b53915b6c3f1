// The share link from the command line: Node's raw DEFLATE for the core's codec, and the page a link opens
// by default (README "Share a report"): the built app beside this CLI (file://.../dist/index.html) when
// there is one, else what `npm start` serves (http://localhost:4173/).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { DeflateRaw } from '../core/index.ts';

export const nodeDeflateRaw: DeflateRaw = {
  deflate: (bytes) => deflateRawSync(bytes),
  inflate: (bytes, limit) => {
    try {
      return inflateRawSync(bytes, { maxOutputLength: limit });
    } catch (e) {
      // past maxOutputLength zlib stops and throws this (a zip bomb); anything else is a corrupt stream
      if (e instanceof RangeError && (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return null;
      throw e;
    }
  },
};

/** What `npm start` serves the app at. */
export const PREVIEW_URL = 'http://localhost:4173/';

/** The checkout this CLI runs from: the folder above dist-cli/ (built) or above src/ (from source). */
export function repoRoot(): string {
  for (const up of ['../', '../../']) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return process.cwd();
}

/**
 * The page a link opens when --base-url is not given: the built app of this checkout
 * (file://<checkout>/dist/index.html) when it exists, else the `npm start` preview server.
 */
export function defaultBaseUrl(root: string = repoRoot()): string {
  const index = join(root, 'dist', 'index.html');
  return existsSync(index) ? pathToFileURL(index).href : PREVIEW_URL;
}
