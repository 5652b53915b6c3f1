// A Blob (a File the user dropped) as a stream of chunks read on this thread, so that a capture of several
// GiB never has to fit in memory at once. The worker reads on a reader thread of its own (reader-chunks.ts);
// this is its fallback, and the tests' slow reads.

/**
 * The file's own stream (Blob.stream()): Chromium hands it out in chunks of a few hundred KiB and reads
 * ahead. Measured in a worker on the 1 GB bench capture: 1.09 s for the whole file, where 4 MiB
 * Blob.slice().arrayBuffer() reads took 2.31 s and 16 MiB ones 1.26 s (each slice is a round trip to the
 * browser process). `chunkBytes` reads fixed slices instead (the tests' slow reads want small, even chunks).
 */
export async function* blobChunks(blob: Blob, onRead?: (bytes: number) => void, chunkBytes?: number): AsyncGenerator<Uint8Array> {
  if (chunkBytes !== undefined) {
    for (let start = 0; start < blob.size; start += chunkBytes) {
      const end = Math.min(blob.size, start + chunkBytes);
      const chunk = new Uint8Array(await blob.slice(start, end).arrayBuffer());
      onRead?.(end);
      yield chunk;
    }
    return;
  }
  const reader = blob.stream().getReader();
  let read = 0;
  let finished = false;
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) {
        finished = true;
        return;
      }
      read += r.value.length;
      onRead?.(read);
      yield r.value;
    }
  } finally {
    // stopped early (cancelled, or a damaged file ended the read): let the browser stop reading
    if (!finished) await reader.cancel().catch(() => undefined);
  }
}

/** For tests only (OpenOptions.slowRead): the chunks of `source`, each after a pause. */
export async function* slowly(source: AsyncIterable<Uint8Array>, delayMs: number): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    yield chunk;
  }
}
