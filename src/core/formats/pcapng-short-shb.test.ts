// A Section Header Block shorter than its 28-byte minimum (draft-ietf-opsawg-pcapng section 4.1) is damage
// where reading stops, as in wiretap (pcapng_read_section_header_block: "total block length %u of an SHB is
// less than the minimum SHB size %u" fails the file). Found by `npm run fuzz` (bit flips in a block total
// length gave a 12-byte SHB, whose version was then read past the end of the buffer: a RangeError escaped the
// core); fixtures/fuzz-failures/655ba94f170648da.pcapng is that input.

import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../base/diagnostics.ts';
import { CaptureFormatError } from '../base/errors.ts';
import { bytesChunks } from '../../test-support/corpus.ts';
import { readCapture } from './capture-reader.ts';

function block(type: number, body: number[], declared?: number): number[] {
  const total = 12 + body.length;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, type, true);
  dv.setUint32(4, declared ?? total, true);
  out.set(body, 8);
  dv.setUint32(total - 4, total, true);
  return [...out];
}

const le32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
const SHB_BODY = [...le32(0x1a2b3c4d), 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
/** An SHB; `declared` damages its leading length only (as a bit flip would). */
const shb = (declared?: number) => block(0x0a0d0d0a, SHB_BODY, declared);
const idb = () => block(1, [1, 0, 0, 0, ...le32(65535)]);
const epb = () => block(6, [...le32(0), ...le32(0), ...le32(0), ...le32(4), ...le32(4), 1, 2, 3, 4]);

async function read(bytes: number[], chunk: number) {
  const diagnostics: Diagnostic[] = [];
  let frames = 0;
  const r = await readCapture(bytesChunks(new Uint8Array(bytes), chunk), { frame: () => void frames++, diagnostic: (d) => void diagnostics.push(d) });
  return { r, frames, diagnostics };
}

describe('pcapng: a Section Header Block shorter than 28 bytes', () => {
  for (const chunk of [1, 5, 4096]) {
    test(`a short second SHB stops reading there, the frames before it kept (chunks of ${chunk})`, async () => {
      const first = [...shb(), ...idb(), ...epb()];
      const { frames, diagnostics } = await read([...first, ...shb(12), ...idb(), ...epb()], chunk);
      expect(frames).toBe(1);
      const d = diagnostics.find((x) => x.id === 'capture.block.corrupt');
      expect(d?.fileOffset).toBe(first.length);
      expect(d?.message).toMatch(/Section Header Block of 12 bytes, shorter than its minimum of 28/);
    });
  }

  test('a short first SHB: nothing readable, a CaptureFormatError or an empty read, never a RangeError', async () => {
    for (const total of [12, 16, 20, 24]) {
      try {
        const { frames } = await read([...shb(total), ...idb(), ...epb()], 3);
        expect(frames).toBe(0);
      } catch (e) {
        expect(e).toBeInstanceOf(CaptureFormatError);
      }
    }
  });
});
