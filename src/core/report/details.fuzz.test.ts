// The details tree never throws and always gives byte ranges a hex pane can highlight: on every frame of
// the lab captures (which are well formed: no "[Malformed" / "[Truncated" there), on random bytes under
// every link type, on every truncation of real frames, and on real frames with bytes flipped.

import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fileChunks, HAVE_LAB_CORPUS, LAB_CORPUS, NO_CORPUS_MESSAGE } from '../../test-support/corpus.ts';
import { scanCapture } from '../pipeline.ts';
import { buildDetails, type DetailContext, type DetailFrame } from './details.ts';
import { detailRangeProblems, flattenDetails } from './details-check.ts';
import { detailContextFromVisit } from './details-context.ts';

const LINK_TYPES = [0, 1, 12, 101, 108, 113, 228, 229, 276, 147];
const SCENARIOS = ['healthy', 'tls-blackhole', 'tls-intercept', 'proxy-ok', 'proxy-denied', 'dns-fail', 'radius-reject', 'syn-drop', 'tls-reset', 'slow-mfa', 'shared-secret-mismatch'];

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function frameOf(data: Uint8Array, linkType: number, origLen = data.length): DetailFrame {
  return { number: 1, data, capLen: data.length, origLen, sec: 1795652691, nsec: 0, hasTime: true, linkType, interfaceId: 0 };
}

/** Builds the tree and returns what is wrong with it (nothing thrown, ranges inside, no decoder error). */
function check(f: DetailFrame, ctx?: DetailContext): string[] {
  const t = buildDetails(f, ctx);
  const problems = detailRangeProblems(t, f.capLen);
  for (const n of flattenDetails(t)) if (n.label.includes('decoder error')) problems.push(n.label);
  return problems;
}

interface Sample {
  frame: DetailFrame;
  context: DetailContext;
}

async function labFrames(scenario: string, file = 'capture.pcap'): Promise<Sample[]> {
  const out: Sample[] = [];
  let previous: { sec: number; nsec: number } | null = null;
  let first: { sec: number; nsec: number } | null = null;
  await scanCapture(fileChunks(join(LAB_CORPUS, scenario, file)), { keepIndex: false }, (v) => {
    first ??= { sec: v.raw.sec, nsec: v.raw.nsec };
    out.push({ frame: { ...v.raw, data: v.raw.data.slice(0, v.raw.capLen) }, context: detailContextFromVisit(v, { firstTime: first, previousTime: previous }) });
    previous = { sec: v.raw.sec, nsec: v.raw.nsec };
  });
  return out;
}

describe.skipIf(!HAVE_LAB_CORPUS)('details on the lab captures', () => {
  test.each(SCENARIOS)('%s: every frame, no problem notes', async (scenario) => {
    for (const file of ['capture.pcap', 'capture-nsec.pcapng']) {
      const frames = await labFrames(scenario, file);
      expect(frames.length).toBeGreaterThan(10);
      for (const { frame, context } of frames) {
        expect(check(frame, context), `${scenario} ${file} frame ${frame.number}`).toEqual([]);
        const notes = flattenDetails(buildDetails(frame, context)).filter((n) => n.field === '_ws.malformed' || n.field === '_ws.short');
        expect(notes.map((n) => n.label), `${scenario} frame ${frame.number}`).toEqual([]);
      }
    }
  });

  test('every truncation and 5,000 byte-flipped copies of real frames', async () => {
    const pick = async (scenario: string, numbers: number[]) => (await labFrames(scenario)).filter((s) => numbers.includes(s.frame.number));
    // RADIUS, DNS (A, SRV), SYN, ClientHello, ServerHello, alert, HTTP CONNECT and its answer
    const chosen = [...(await pick('tls-blackhole', [9, 12, 16, 19])), ...(await pick('tls-intercept', [31, 35, 40])), ...(await pick('proxy-ok', [66, 68]))];
    expect(chosen.length).toBe(9);
    for (const { frame, context } of chosen) {
      for (let n = 0; n < frame.data.length; n++) {
        const cut = frame.data.slice(0, n);
        expect(check(frameOf(cut, frame.linkType, frame.origLen), context), `frame ${frame.number} cut to ${n}`).toEqual([]);
        expect(check(frameOf(cut, frame.linkType)), `frame ${frame.number} shortened to ${n}`).toEqual([]);
      }
    }
    const rnd = random(35);
    for (let i = 0; i < 5000; i++) {
      const { frame, context } = chosen[i % chosen.length]!;
      const data = frame.data.slice();
      const flips = 1 + Math.floor(rnd() * 4);
      for (let k = 0; k < flips; k++) data[Math.floor(rnd() * data.length)] = Math.floor(rnd() * 256);
      expect(check(frameOf(data, frame.linkType), rnd() < 0.5 ? context : {}), `flip round ${i}`).toEqual([]);
    }
  });
});

test('random bytes under every link type never throw', () => {
  const rnd = random(2026);
  for (let i = 0; i < 3000; i++) {
    const len = Math.floor(rnd() * (i % 10 === 0 ? 1600 : 120));
    const data = Uint8Array.from({ length: len }, () => Math.floor(rnd() * 256));
    // make the first layers plausible half of the time so the fuzz reaches the inner decoders
    const linkType = LINK_TYPES[i % LINK_TYPES.length]!;
    if (rnd() < 0.5 && len > 34 && linkType === 1) {
      data.set([0x08, 0x00, 0x45], 12);
      data[23] = [6, 17, 1, 58, 4, 41][i % 6]!;
      data[16] = (len - 14) >> 8;
      data[17] = (len - 14) & 255;
    }
    const ctx: DetailContext = rnd() < 0.3 ? { tcp: { stream: 1, seqRel: 5, ackRel: 7, analysis: ['retransmission'] }, app: (['radius', 'dns', 'tls', 'http'] as const)[i % 4] } : {};
    expect(check(frameOf(data, linkType, len + (i % 3)), ctx), `round ${i}`).toEqual([]);
  }
});

if (!HAVE_LAB_CORPUS) test.skip(NO_CORPUS_MESSAGE, () => {});
