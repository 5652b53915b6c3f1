// The reader thread's fallbacks (the thread itself runs in every end-to-end test): where no worker can be
// started, or the one started reports that it could not start, the File is read on the analysis thread, and
// every byte arrives once, in order.

import { afterEach, describe, expect, test } from 'vitest';
import { readerChunks, warmReader } from './reader-chunks.ts';

const bytes = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) & 255);

async function readAll(blob: Blob): Promise<Uint8Array> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for await (const c of readerChunks(blob)) parts.push(new Uint8Array(c));
  return new Uint8Array(await new Blob(parts).arrayBuffer());
}

describe('readerChunks without a reader thread', () => {
  const saved = (globalThis as { Worker?: unknown }).Worker;
  afterEach(() => {
    (globalThis as { Worker?: unknown }).Worker = saved;
  });

  test('no Worker in this scope: read here', async () => {
    delete (globalThis as { Worker?: unknown }).Worker;
    expect(await readAll(new Blob([bytes]))).toEqual(bytes);
  });

  test('a reader that could not start (its error came before the read): read here', async () => {
    class Blocked extends EventTarget {
      onerror: ((e: Event) => void) | null = null;
      onmessage: ((e: MessageEvent) => void) | null = null;
      constructor() {
        super();
        // as a worker blocked by a policy: an error event soon after it was made, no message ever
        setTimeout(() => this.onerror?.(new Event('error', { cancelable: true })), 0);
      }
      postMessage(): void {}
      terminate(): void {}
    }
    (globalThis as { Worker?: unknown }).Worker = Blocked;
    warmReader();
    await new Promise((r) => setTimeout(r, 10));
    expect(await readAll(new Blob([bytes]))).toEqual(bytes);
    // and one that fails once the read has begun
    expect(await readAll(new Blob([bytes]))).toEqual(bytes);
  });

  test('a reader that stops after it has sent bytes ends the read with an error, not a wait', async () => {
    class Stops extends EventTarget {
      onerror: ((e: Event) => void) | null = null;
      onmessage: ((e: MessageEvent) => void) | null = null;
      postMessage(m: { type: string }): void {
        if (m.type !== 'start') return;
        setTimeout(() => {
          const buffer = bytes.slice(0, 1000).buffer;
          this.onmessage?.(new MessageEvent('message', { data: { type: 'chunk', buffer, length: 1000 } }));
          this.onerror?.(new Event('error', { cancelable: true }));
        }, 0);
      }
      terminate(): void {}
    }
    (globalThis as { Worker?: unknown }).Worker = Stops;
    // the reader started ahead by the last test (a blocked one) reads here; the next is one of these
    expect(await readAll(new Blob([bytes]))).toEqual(bytes);
    await expect(readAll(new Blob([bytes]))).rejects.toThrow('the reader thread stopped');
  });
});
