// A Blob (a File the user dropped) as a stream of chunks, read one slice at a time so that a capture of
// several GiB never has to fit in memory at once.

/** 4 MiB: reads this size cost little, and fresh slices do not pile up before the GC frees them (measured in
 * Node: 16 MiB slices doubled the peak memory of a 1 GB read). */
export const CHUNK_BYTES = 4 * 1024 * 1024;

export async function* blobChunks(blob: Blob, onRead?: (bytes: number) => void, chunkBytes = CHUNK_BYTES): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < blob.size; start += chunkBytes) {
    const end = Math.min(blob.size, start + chunkBytes);
    const chunk = new Uint8Array(await blob.slice(start, end).arrayBuffer());
    onRead?.(end);
    yield chunk;
  }
}

/** For tests only (OpenOptions.slowRead): the chunks of `source`, each after a pause. */
export async function* slowly(source: AsyncIterable<Uint8Array>, delayMs: number): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    yield chunk;
  }
}
