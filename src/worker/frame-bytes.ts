// Random access to the frames of the open capture: slices of the File for a plain capture; for a gzip file,
// the decompressed chunks kept as they were read (offsets in the core are offsets in the decompressed
// stream, which a Blob cannot seek).

import type { FrameBytesSource } from '../core/index.ts';

export class BlobFrames implements FrameBytesSource {
  constructor(private readonly blob: Blob) {}

  async read(offset: number, length: number): Promise<Uint8Array> {
    return new Uint8Array(await this.blob.slice(offset, offset + length).arrayBuffer());
  }
}

export class ChunkFrames implements FrameBytesSource {
  private readonly chunks: Uint8Array[] = [];
  private readonly starts: number[] = [];
  private size = 0;

  /** Wraps a stream of decompressed chunks, keeping each one. */
  async *keep(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const c of source) {
      this.chunks.push(c);
      this.starts.push(this.size);
      this.size += c.length;
      yield c;
    }
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    let filled = 0;
    for (let i = lo; i < this.chunks.length && filled < length; i++) {
      const c = this.chunks[i]!;
      const from = Math.max(0, offset + filled - this.starts[i]!);
      const take = Math.min(c.length - from, length - filled);
      out.set(c.subarray(from, from + take), filled);
      filled += take;
    }
    return out;
  }
}

/** The largest stretch of the file read at once for a page of rows. */
const MAX_SPAN = 4 * 1024 * 1024;

/**
 * A page of the packet table's frames, read from the file in one go when they lie within MAX_SPAN of each
 * other (an unfiltered page always does): one Blob read instead of one per row, which kept fast scrolling
 * showing rows still loading. Frames outside the span (a filtered view's far-apart rows) are read one by one.
 */
export async function readSpan(source: FrameBytesSource, frames: readonly { offset: number; length: number }[]): Promise<FrameBytesSource> {
  if (frames.length < 2) return source;
  let start = Infinity;
  let end = 0;
  for (const f of frames) {
    start = Math.min(start, f.offset);
    end = Math.max(end, f.offset + f.length);
  }
  if (end - start > MAX_SPAN) return source;
  const bytes = await source.read(start, end - start);
  return {
    read: (offset, length) =>
      offset >= start && offset + length <= end ? Promise.resolve(bytes.subarray(offset - start, offset - start + length)) : source.read(offset, length),
  };
}
