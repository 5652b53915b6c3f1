// The analysis worker's side of the reader thread (reader-worker.ts): the File's bytes as chunks read on
// another thread. A chunk's buffer goes back to be filled again once two later chunks have been asked for
// (the contract of core/formats/capture-reader.ts ChunkSource). Where a worker cannot start another (a
// browser without nested workers, a policy that blocks it), the File is read on this thread (blob-chunks.ts).

import ReaderWorker from './reader-worker.ts?worker&inline';
import { blobChunks } from './blob-chunks.ts';
import type { ReaderReply, ReaderRequest } from './reader-protocol.ts';

/** 6 buffers of 4 MiB: two held by the analysis (the chunk parsed, the one asked for), the rest filling. */
const BUFFER_BYTES = 4 << 20;
const BUFFERS = 6;

export async function* readerChunks(blob: Blob, onRead?: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  let reader: Worker;
  try {
    if (typeof Worker === 'undefined') throw new Error('no nested workers');
    reader = new ReaderWorker({ name: 'radscope reader' });
  } catch {
    yield* blobChunks(blob, onRead);
    return;
  }
  const queue: ReaderReply[] = [];
  let wake: (() => void) | null = null;
  const arrived = (r: ReaderReply) => {
    queue.push(r);
    wake?.();
    wake = null;
  };
  let started = false;
  reader.onmessage = (e: MessageEvent<ReaderReply>) => {
    started = true;
    arrived(e.data);
  };
  // a reader thread that cannot start: read here instead (its error comes before any message)
  reader.onerror = (e) => {
    e.preventDefault();
    if (!started) arrived({ type: 'error', name: 'ReaderFailed', message: 'the reader thread could not start' });
  };
  const send = (m: ReaderRequest, transfer: Transferable[] = []) => reader.postMessage(m, transfer);
  send({ type: 'start', blob, bufferBytes: BUFFER_BYTES, buffers: BUFFERS });
  const held: ArrayBuffer[] = [];
  let read = 0;
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const r = queue.shift()!;
      if (r.type === 'end') return;
      if (r.type === 'error') {
        if (r.name !== 'ReaderFailed') throw new DOMException(r.message, r.name);
        yield* blobChunks(blob, onRead);
        return;
      }
      read += r.length;
      onRead?.(read);
      held.push(r.buffer);
      yield new Uint8Array(r.buffer, 0, r.length);
      // asked for the next chunk: the one before the last is parsed, its buffer can be filled again
      if (held.length > 2) {
        const buffer = held.shift()!;
        send({ type: 'back', buffer }, [buffer]);
      }
    }
  } finally {
    // done, cancelled, or a damaged file ended the read: the thread and its reads go
    reader.terminate();
  }
}
