import { describe, expect, test } from 'vitest';
import { readSpan } from './frame-bytes.ts';

/** A file of bytes 0, 1, 2, ... (mod 251) that counts its reads. */
function file(size: number) {
  const data = Uint8Array.from({ length: size }, (_, i) => i % 251);
  const source = {
    reads: 0,
    async read(offset: number, length: number) {
      source.reads++;
      return data.slice(offset, offset + length);
    },
  };
  return { data, source };
}

describe('readSpan', () => {
  test('frames close together: one read, and each frame gets its own bytes', async () => {
    const { data, source } = file(10_000);
    const frames = [{ offset: 24, length: 60 }, { offset: 100, length: 1514 }, { offset: 1630, length: 42 }];
    const span = await readSpan(source, frames);
    for (const f of frames) expect(await span.read(f.offset, f.length)).toEqual(data.slice(f.offset, f.offset + f.length));
    expect(source.reads).toBe(1);
    // a frame outside the span is read from the file
    expect(await span.read(5000, 10)).toEqual(data.slice(5000, 5010));
    expect(source.reads).toBe(2);
  });

  test('frames far apart (a filtered view): read one by one', async () => {
    const { source } = file(16);
    const span = await readSpan(source, [{ offset: 0, length: 8 }, { offset: 8 * 1024 * 1024, length: 8 }]);
    expect(span).toBe(source);
    expect(source.reads).toBe(0);
  });
});
