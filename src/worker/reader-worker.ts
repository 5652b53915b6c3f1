// The reader thread: reads the dropped File for the analysis worker, so that the analysis thread does no
// reading at all.
//
// Why a thread of its own: Blob.stream() hands a worker its bytes in fresh chunks of 64-192 KiB (3,700 for the
// 1 GB bench capture), each taken from the browser's pipe and copied into new memory on the reading thread:
// read by the analysis worker itself, that was 0.9 s of its 4.9 s on that capture (bench/profile-worker.mjs),
// plus the garbage collections 1 GB of fresh buffers brings. Here the reading runs on the second core, copied
// into a few large buffers that go back and forth by transfer (no copy, no new memory on the analysis side).

import type { ReaderReply, ReaderRequest } from './reader-protocol.ts';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ReaderRequest>) => void) | null;
  postMessage(message: ReaderReply, transfer?: Transferable[]): void;
};

const free: ArrayBuffer[] = [];
let wake: (() => void) | null = null;

scope.onmessage = (e) => {
  const m = e.data;
  if (m.type === 'back') {
    free.push(m.buffer);
    wake?.();
    wake = null;
  } else {
    for (let i = 0; i < m.buffers; i++) free.push(new ArrayBuffer(m.bufferBytes));
    void read(m.blob);
  }
};

async function freeBuffer(): Promise<ArrayBuffer> {
  while (free.length === 0) await new Promise<void>((resolve) => (wake = resolve));
  return free.pop()!;
}

async function read(blob: Blob): Promise<void> {
  try {
    const reader = blob.stream().getReader();
    let into = new Uint8Array(await freeBuffer());
    let filled = 0;
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      const src = r.value;
      for (let at = 0; at < src.length; ) {
        const n = Math.min(src.length - at, into.length - filled);
        into.set(src.subarray(at, at + n), filled);
        filled += n;
        at += n;
        if (filled === into.length) {
          scope.postMessage({ type: 'chunk', buffer: into.buffer, length: filled }, [into.buffer]);
          into = new Uint8Array(await freeBuffer());
          filled = 0;
        }
      }
    }
    if (filled > 0) scope.postMessage({ type: 'chunk', buffer: into.buffer, length: filled }, [into.buffer]);
    scope.postMessage({ type: 'end' });
  } catch (e) {
    const name = e instanceof DOMException || e instanceof Error ? e.name : 'Error';
    scope.postMessage({ type: 'error', name, message: e instanceof Error || e instanceof DOMException ? e.message : String(e) });
  }
}
