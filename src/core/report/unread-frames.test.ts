// A capture of a link type radscope does not decode has no RADIUS request it could read: the verdict line
// says that, and why, rather than "no RADIUS request" (tcpdump's dsa.pcap, link type 284, did).

import { describe, expect, test } from 'vitest';
import { analyseCapture } from '../pipeline.ts';
import { bytesChunks } from '../../test-support/corpus.ts';
import { renderText } from './render-text.ts';
import { undecodedLinkProblem } from './unread-frames.ts';

/** A little-endian pcap of `frames` 60-byte records of link type `linkType`. */
function pcap(linkType: number, frames: number): Uint8Array {
  const out = new Uint8Array(24 + frames * (16 + 60));
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0xa1b2c3d4, true);
  dv.setUint16(4, 2, true);
  dv.setUint16(6, 4, true);
  dv.setUint32(16, 65535, true);
  dv.setUint32(20, linkType, true);
  for (let i = 0; i < frames; i++) {
    const o = 24 + i * 76;
    dv.setUint32(o, 1_700_000_000 + i, true);
    dv.setUint32(o + 8, 60, true);
    dv.setUint32(o + 12, 60, true);
    out.fill(0x45, o + 16, o + 76);
  }
  return out;
}

describe('a capture radscope cannot read at the link layer', () => {
  test('the verdict line names the link type not decoded', async () => {
    // LINKTYPE_USER0 (147): private use, no dissector
    const a = await analyseCapture(bytesChunks(pcap(147, 3), 1 << 20), { name: 'user0.pcap' });
    expect(undecodedLinkProblem(a.report)).toMatch(/in 3 frames: link type 147/);
    expect(renderText(a.report)).toMatch(/^No RADIUS request radscope could read in this capture: Link layer not decoded in 3 frames: link type 147 .*\.$/m);
  });

  test('a readable capture without RADIUS has nothing to diagnose', async () => {
    // Ethernet (1): read, just no RADIUS in it
    const a = await analyseCapture(bytesChunks(pcap(1, 3), 1 << 20), { name: 'eth.pcap' });
    expect(undecodedLinkProblem(a.report)).toBeNull();
    expect(renderText(a.report)).toMatch(/^No RADIUS request in this capture: nothing to diagnose\.$/m);
  });
});
