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

interface Reader {
  worker: Worker;
  /** It could not start (blocked by a policy): reported before it was used. */
  failed: boolean;
}

/** A reader thread started ahead of the next read (warmReader), so that a read does not wait for one to start. */
let spare: Reader | null = null;

function startReader(): Reader | null {
  try {
    if (typeof Worker === 'undefined') return null;
    const r: Reader = { worker: new ReaderWorker({ name: 'radscope reader' }), failed: false };
    r.worker.onerror = (e) => {
      e.preventDefault();
      r.failed = true;
    };
    return r;
  } catch {
    return null;
  }
}

/** Starts a reader thread for the next read, if none is waiting. */
export function warmReader(): void {
  spare ??= startReader();
}

export async function* readerChunks(blob: Blob, onRead?: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  const started = spare ?? startReader();
  spare = null;
  if (started === null || started.failed) {
    started?.worker.terminate();
    yield* blobChunks(blob, onRead);
    return;
  }
  const reader = started.worker;
  const queue: ReaderReply[] = [];
  let wake: (() => void) | null = null;
  const arrived = (r: ReaderReply) => {
    queue.push(r);
    wake?.();
    wake = null;
  };
  let answered = false;
  reader.onmessage = (e: MessageEvent<ReaderReply>) => {
    answered = true;
    arrived(e.data);
  };
  // a reader thread that cannot start: read here instead (its error comes before any message); one that
  // stops later (out of memory) ends the read with an error rather than leave it waiting
  reader.onerror = (e) => {
    e.preventDefault();
    arrived(answered ? { type: 'error', name: 'Error', message: 'the reader thread stopped' } : { type: 'error', name: 'ReaderFailed', message: 'the reader thread could not start' });
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
      // asked for the next chunk: the one given out two before this one is parsed (two later chunks have been
      // asked for since), its buffer can be filled again
      if (held.length > 2) {
        const buffer = held.shift()!;
        send({ type: 'back', buffer }, [buffer]);
      }
    }
  } finally {
    // done, cancelled, or a damaged file ended the read: the thread and its reads go; the next one starts
    reader.terminate();
    warmReader();
  }
}
