// A frame of thousands of nested IP-in-IP headers (crafted) must not exhaust the stack: the decoder stops at
// a small depth with a malformed note (found by the packet-details fuzzing).

import { expect, test } from 'vitest';
import { newRawFrame } from '../formats/raw-frame.ts';
import { PacketDecoder } from './decoder.ts';

test('12,000 nested IPv4 headers give a malformed note, not a RangeError', () => {
  const depth = 12_000;
  const data = new Uint8Array(depth * 20);
  for (let i = 0; i < depth; i++) {
    const o = i * 20;
    data[o] = 0x45; // version 4, IHL 5
    const total = data.length - o;
    data[o + 2] = (total >> 8) & 0xff;
    data[o + 3] = total & 0xff;
    data[o + 8] = 64;
    data[o + 9] = 4; // IP-in-IP
  }
  const f = newRawFrame();
  f.number = 1;
  f.linkType = 228; // LINKTYPE_IPV4
  f.data = data;
  f.capLen = f.origLen = data.length;
  const p = new PacketDecoder().decode(f);
  expect(p.problems.map((x) => x.kind)).toContain('malformed');
  expect(p.ipLayers).toBeLessThanOrEqual(8);
});
