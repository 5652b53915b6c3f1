// A Blob (a File the user dropped) as a stream of chunks, read one slice at a time so that a capture of
// several GiB never has to fit in memory at once.

/** ARCHITECTURE.md "The flow": chunks of 16-32 MiB. */
export const CHUNK_BYTES = 16 * 1024 * 1024;

export async function* blobChunks(blob: Blob, chunkBytes = CHUNK_BYTES): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < blob.size; start += chunkBytes) {
    const end = Math.min(blob.size, start + chunkBytes);
    yield new Uint8Array(await blob.slice(start, end).arrayBuffer());
  }
}
