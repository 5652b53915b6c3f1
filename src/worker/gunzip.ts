// The browser's gzip decompressor for the core (which has no platform APIs): chunks in, DecompressionStream
// in the middle, chunks out. Pulls its input only as fast as the reader consumes the output.

import type { Gunzip } from '../core/index.ts';

export class GunzipError extends Error {
  override readonly name = 'GunzipError';
}

export const gunzip: Gunzip = (compressed) => decompress(compressed);

async function* decompress(compressed: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const it = compressed[Symbol.asyncIterator]();
  // An error of the source (the file could not be read) must not be reported as damaged gzip data.
  let sourceFailed = false;
  let sourceError: unknown;
  const input = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let r: IteratorResult<Uint8Array>;
      try {
        r = await it.next();
      } catch (e) {
        sourceFailed = true;
        sourceError = e;
        throw e;
      }
      if (r.done) controller.close();
      // a copy: the stream holds its input past the next read, and a source may reuse a chunk's memory
      // (ChunkSource in core/formats/capture-reader.ts); compressed bytes are few
      else controller.enqueue(r.value.slice());
    },
    async cancel() {
      await it.return?.();
    },
  });
  // The cast: TypeScript's DOM lib types the writable side as BufferSource, which Uint8Array is.
  const output = input.pipeThrough(new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>);
  const reader = output.getReader();
  let finished = false;
  try {
    for (;;) {
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch (e) {
        finished = true;
        if (sourceFailed) throw sourceError;
        throw new GunzipError(
          'The file is gzip-compressed, but the compressed data is damaged or cut short, so it cannot be decompressed.',
          { cause: e },
        );
      }
      if (r.done) {
        finished = true;
        return;
      }
      yield r.value;
    }
  } finally {
    // The consumer stopped early (cancelled, or a format error): stop the pipe and the source behind it.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
