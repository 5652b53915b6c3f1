// The byte side of a share link: raw DEFLATE through an injected codec (the core has no CompressionStream
// and no node:zlib, as it has no gunzip: formats/capture-reader.ts), a bounded inflate so a zip bomb in a
// link is refused, and base64url (RFC 4648 section 5, no padding) without btoa/atob (not in the core's lib).

/**
 * Raw DEFLATE (RFC 1951), supplied by the platform. Browsers and workers: `webDeflateRaw()` below
 * (CompressionStream / DecompressionStream('deflate-raw')). Node: `deflateRawSync(b)`, and
 * `inflateRawSync(b, { maxOutputLength: limit })` with its ERR_BUFFER_TOO_LARGE error turned into `null`
 * (src/cli/share-link.ts `nodeDeflateRaw`).
 */
export interface DeflateRaw {
  deflate(bytes: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /**
   * Undoes `deflate`. Returns null, without producing more, as soon as the output would pass `limit` bytes
   * (the core checks the length again). Throws or rejects on corrupt input; the decoder turns that into an
   * error result.
   */
  inflate(bytes: Uint8Array, limit: number): Uint8Array | null | Promise<Uint8Array | null>;
}

/** The reading half of a WHATWG ReadableStream (structurally: the core has no DOM types). */
export interface ChunkReader {
  read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
  cancel(reason?: unknown): Promise<void>;
}

/**
 * Reads chunks until the end, or gives up (cancelling the stream) once more than `limit` bytes came out:
 * the bytes, or null when there were too many. For a DecompressionStream's reader or any async iterable.
 */
export async function readAtMost(source: ChunkReader | AsyncIterable<Uint8Array>, limit: number): Promise<Uint8Array | null> {
  const parts: Uint8Array[] = [];
  let total = 0;
  const take = (chunk: Uint8Array): boolean => {
    total += chunk.length;
    if (total > limit) return false;
    parts.push(chunk);
    return true;
  };
  if ('read' in source) {
    for (;;) {
      const r = await source.read();
      if (r.done) break;
      if (r.value && !take(r.value)) {
        await source.cancel('share link: inflated data over the limit').catch(() => undefined);
        return null;
      }
    }
  } else {
    // a `break` out of for-await calls the iterator's return(), which ends the stream
    for await (const chunk of source) if (!take(chunk)) return null;
  }
  return concat(parts, total);
}

/** What webDeflateRaw needs of the platform, typed structurally (the core has no DOM types). */
interface WebStreams {
  Blob: new (parts: Uint8Array[]) => { stream(): { pipeThrough(transform: unknown): { getReader(): ChunkReader } } };
  CompressionStream: new (format: 'deflate-raw') => unknown;
  DecompressionStream: new (format: 'deflate-raw') => unknown;
}

/**
 * The platform's raw DEFLATE through CompressionStream and DecompressionStream('deflate-raw') (browsers,
 * workers, Node 20+), or null where they are missing. Inflating stops reading past the limit.
 */
export function webDeflateRaw(platform: unknown = globalThis): DeflateRaw | null {
  const g = platform as Partial<WebStreams>;
  if (typeof g.Blob !== 'function' || typeof g.CompressionStream !== 'function' || typeof g.DecompressionStream !== 'function') return null;
  const { Blob, CompressionStream, DecompressionStream } = g as WebStreams;
  const through = (b: Uint8Array, t: unknown) => new Blob([b]).stream().pipeThrough(t).getReader();
  return {
    deflate: async (b) => (await readAtMost(through(b, new CompressionStream('deflate-raw')), Number.MAX_SAFE_INTEGER))!,
    inflate: (b, limit) => readAtMost(through(b, new DecompressionStream('deflate-raw')), limit),
  };
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** base64url without padding (RFC 4648 section 5). */
export function toBase64Url(b: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    s += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  if (i + 1 === b.length) {
    const n = b[i]! << 16;
    s += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (i + 2 === b.length) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8);
    s += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return s;
}

/** The bytes of base64url text (no padding, no other characters), or null when it is not that. */
export function fromBase64Url(s: string): Uint8Array | null {
  if (s.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? VALUE[c]! : -1;
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
    acc &= (1 << bits) - 1;
  }
  // the unused low bits of the last character must be zero (canonical encoding)
  if (acc !== 0) return null;
  return o === out.length ? out : out.subarray(0, o);
}
