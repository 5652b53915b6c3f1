// The reader asks for the next chunk before it parses the current one (so a file read overlaps decoding),
// keeps no chunk longer than needed, and still stops cleanly: on cancel, or when a frame callback throws, the
// source is closed and the chunk in flight is not left as an unhandled rejection.

import { describe, expect, test } from 'vitest';
import { CancelledError } from '../base/errors.ts';
import { readCapture } from './capture-reader.ts';
import type { FrameSink } from './frame-sink.ts';

/** A classic pcap (LE, µs, Ethernet) of `n` 60-byte frames. */
function pcap(n: number): Uint8Array {
  const le32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
  const out = [...le32(0xa1b2c3d4), 2, 0, 4, 0, ...le32(0), ...le32(0), ...le32(65535), ...le32(1)];
  for (let i = 0; i < n; i++) out.push(...le32(1000 + i), ...le32(0), ...le32(60), ...le32(60), ...new Array(60).fill(i & 0xff));
  return Uint8Array.from(out);
}

/** A source of `size`-byte chunks that logs when each is asked for and handed out, and when it is closed. */
function source(bytes: Uint8Array, size: number, log: string[]) {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (let o = 0, k = 0; o < bytes.length; o += size, k++) {
          log.push(`read ${k}`);
          await new Promise((r) => setTimeout(r, 1));
          yield bytes.slice(o, o + size);
        }
      } finally {
        log.push('closed');
      }
    },
  };
}

const sinkLogging = (log: string[], onFrame?: (n: number) => void): FrameSink => ({
  frame(f) {
    if (f.number % 10 === 1) log.push(`frame ${f.number}`);
    onFrame?.(f.number);
  },
  diagnostic() {},
});

describe('capture reader: the next chunk is read while this one is parsed', () => {
  test('chunk k+1 is asked for before the frames of chunk k are parsed; every frame is read once', async () => {
    const bytes = pcap(40);
    const log: string[] = [];
    const frames: number[] = [];
    const r = await readCapture(source(bytes, 19 * 76, log), sinkLogging(log, (n) => frames.push(n)));
    expect(r.frames).toBe(40);
    expect(frames).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // the sniffed first chunk, then: read 1 requested before frame 1 (in chunk 0) is parsed
    expect(log.indexOf('read 1')).toBeLessThan(log.indexOf('frame 1'));
    expect(log.indexOf('read 2')).toBeLessThan(log.indexOf('frame 21'));
    expect(log.at(-1)).toBe('closed');
  });

  test('cancel: CancelledError, the source closed, no unhandled rejection from the read in flight', async () => {
    const bytes = pcap(100);
    const log: string[] = [];
    const signal = { aborted: false };
    const run = readCapture(source(bytes, 10 * 76, log), sinkLogging(log, (n) => { if (n === 25) signal.aborted = true; }), { signal });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    await new Promise((r) => setTimeout(r, 20));
    expect(log.at(-1)).toBe('closed');
    expect(log.filter((l) => l.startsWith('read')).length).toBeLessThan(6);
  });

  test('a frame callback that throws: the error comes out, the source is closed', async () => {
    const log: string[] = [];
    const run = readCapture(source(pcap(50), 8 * 76, log), sinkLogging(log, (n) => { if (n === 12) throw new Error('visitor failed'); }));
    await expect(run).rejects.toThrow('visitor failed');
    await new Promise((r) => setTimeout(r, 20));
    expect(log.at(-1)).toBe('closed');
  });
});
