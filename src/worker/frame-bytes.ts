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
