// What the writer produces reads back through our reader with the same frames, and tshark reads it too
// (checked by hand when written; the round trip through our reader is the standing test).

import { expect, test } from 'vitest';
import { readCapture } from './capture-reader.ts';
import { PcapngWriter } from './pcapng-writer.ts';
import { bytesChunks } from '../../test-support/corpus.ts';

test('frames written come back with their bytes, lengths, times to the nanosecond and link types', async () => {
  const w = new PcapngWriter('radscope test');
  const frames = [
    { linkType: 1, data: new Uint8Array([1, 2, 3, 4, 5]), orig: 60, sec: 1795652688, nsec: 481379123 },
    { linkType: 101, data: new Uint8Array(1514).fill(7), orig: 1514, sec: 1795652689, nsec: 1 },
    { linkType: 1, data: new Uint8Array([9]), orig: 9, sec: 0, nsec: 999999999 },
  ];
  for (const f of frames) w.add({ linkType: f.linkType, snapLen: 262144 }, f.data, f.orig, f.sec, f.nsec);
  const got: { data: number[]; cap: number; orig: number; sec: number; nsec: number; lt: number }[] = [];
  const r = await readCapture(bytesChunks(w.bytes(), 7), {
    frame: (f) => got.push({ data: [...f.data], cap: f.capLen, orig: f.origLen, sec: f.sec, nsec: f.nsec, lt: f.linkType }),
    diagnostic: (d) => {
      throw new Error(d.message);
    },
  });
  expect(r.summary.format).toBe('pcapng');
  expect(r.summary.interfaces.map((i) => i.linkType)).toEqual([1, 101]);
  expect(got).toEqual(frames.map((f) => ({ data: [...f.data], cap: f.data.length, orig: f.orig, sec: f.sec, nsec: f.nsec, lt: f.linkType })));
});
