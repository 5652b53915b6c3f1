// The typed columns: values survive growing and reserving, views show the filled part only.

import { describe, expect, test } from 'vitest';
import { F64Column, I32Column, U16Column, U32Column, U8Column } from './growable.ts';
import { estimateFrames, FrameEstimate } from '../formats/frame-index.ts';

describe('typed columns', () => {
  test.each([
    ['F64', () => new F64Column(2), (i: number) => i + 0.5],
    ['U32', () => new U32Column(2), (i: number) => (i * 2654435761) >>> 0],
    ['I32', () => new I32Column(2), (i: number) => 5 - i],
    ['U16', () => new U16Column(2), (i: number) => i & 0xffff],
    ['U8', () => new U8Column(2), (i: number) => i & 0xff],
  ] as const)('%s: push past the initial size, reserve, push on', (_name, make, value) => {
    const c = make();
    for (let i = 0; i < 100; i++) c.push(value(i));
    c.reserve(50); // less than held: nothing changes
    c.reserve(1000);
    expect(c.byteLength).toBe(1000 * c.view().BYTES_PER_ELEMENT);
    for (let i = 100; i < 1500; i++) c.push(value(i));
    expect(c.length).toBe(1500);
    expect(Array.from(c.view())).toEqual(Array.from({ length: 1500 }, (_, i) => value(i)));
  });
});

describe('estimateFrames', () => {
  test('scales the frames of what was read to the whole file, a little over', () => {
    const e = estimateFrames(1_000_000_000, 4 << 20, 5_000)!;
    expect(e).toBeGreaterThan((5_000 * 1_000_000_000) / (4 << 20));
    expect(e).toBeLessThan((5_000 * 1_000_000_000) / (4 << 20) * 1.05 + 1024);
  });
  test('says nothing before the first MiB, without frames, or past the stated size', () => {
    expect(estimateFrames(1e9, 1000, 10)).toBeNull();
    expect(estimateFrames(1e9, 2 << 20, 0)).toBeNull();
    expect(estimateFrames(1 << 20, 2 << 20, 100)).toBeNull();
  });
});

describe('FrameEstimate', () => {
  test('reserves with room to spare, and again only when the estimate outgrows it', () => {
    const e = new FrameEstimate(1_000_000_000);
    expect(e.update(1000, 10)).toBeNull(); // too early
    const first = e.update(4 << 20, 4262)!; // the bench capture's first 4 MiB: 1.04 M frames
    expect(first).toBeGreaterThan(1_150_000);
    expect(e.update(16 << 20, 19327)).toBeNull(); // 1.17 M: within the room
    const second = e.update(500_000_000, 666_000)!; // 1.36 M: more room
    expect(second).toBeGreaterThan(1.15 * 1_333_000);
    expect(e.update(999_000_000, 1_333_000)).toBeNull();
  });
});

describe('the pass reserves room from sizeHint', () => {
  test('the frame index and the visitor (onReserve) get room for the whole file, once or twice, never less', async () => {
    const { analyseCapture } = await import('../pipeline.ts');
    const { bytesChunks } = await import('../../test-support/corpus.ts');
    // a pcap of 40,000 60-byte Ethernet records: 3 MiB, read in 256 KiB chunks
    const frames = 40_000;
    const file = new Uint8Array(24 + frames * 76);
    const dv = new DataView(file.buffer);
    dv.setUint32(0, 0xa1b2c3d4, true);
    dv.setUint16(4, 2, true);
    dv.setUint16(6, 4, true);
    dv.setUint32(16, 65535, true);
    dv.setUint32(20, 1, true);
    for (let i = 0; i < frames; i++) {
      dv.setUint32(24 + i * 76, 1_700_000_000 + i, true);
      dv.setUint32(24 + i * 76 + 8, 60, true);
      dv.setUint32(24 + i * 76 + 12, 60, true);
    }
    const reserved: number[] = [];
    const a = await analyseCapture(bytesChunks(file, 256 << 10), { keepIndex: true, sizeHint: file.length, onReserve: (n) => reserved.push(n) });
    expect(a.scan.frames).toBe(frames);
    expect(reserved.length).toBeGreaterThanOrEqual(1);
    expect(reserved.length).toBeLessThanOrEqual(2);
    expect(reserved[reserved.length - 1]!).toBeGreaterThanOrEqual(frames);
    // reserved once, exactly: no doubling at the end
    expect(a.scan.index!.capLen.byteLength).toBe(reserved[reserved.length - 1]! * 4);
  });
});
