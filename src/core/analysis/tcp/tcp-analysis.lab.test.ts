// The lab's failure captures, read by real kernels' retransmissions: every retransmitted SYN and ClientHello
// the truth lists carries tcp.analysis.retransmission (and is Bad TCP), the originals do not, and a RST from
// the server side ends the stream it belongs to. Ground truth: corpus/lab/*/truth.json.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { scanCapture } from '../../index.ts';
import { fileSource } from '../../../cli/sources.ts';
import { HAVE_LAB_CORPUS, LAB_CORPUS, NO_CORPUS_MESSAGE } from '../../../test-support/corpus.ts';
import { isBadTcp, tcpFlagNames } from './tcp-flags.ts';
import { TCP_RST } from '../../dissect/packet.ts';

interface Attempt {
  tcp_stream: number;
  syn: number[];
  syn_retransmissions: number[];
  client_hello: number | null;
  client_hello_retransmissions: number[];
  rst: { frame: number; from: string }[];
}

const scenarios = HAVE_LAB_CORPUS ? readdirSync(LAB_CORPUS).filter((d) => !d.includes('.')).sort() : [];

describe.skipIf(!HAVE_LAB_CORPUS)('TCP analysis on the lab captures', () => {
  for (const scenario of scenarios) {
    const truth = JSON.parse(readFileSync(join(LAB_CORPUS, scenario, 'truth.json'), 'utf8'));
    for (const file of Object.values(truth.capture.files) as string[]) {
      test(`${scenario}/${file}`, async () => {
        const flags = new Map<number, string[]>();
        const bad = new Set<number>();
        const stream = new Map<number, number>();
        const rst = new Set<number>();
        await scanCapture(fileSource(join(LAB_CORPUS, scenario, file)), { keepIndex: false }, (v) => {
          if (!v.tcpAnalysis || !v.tcp) return;
          flags.set(v.raw.number, tcpFlagNames(v.tcpAnalysis.flags));
          if (isBadTcp(v.tcpAnalysis.flags)) bad.add(v.raw.number);
          stream.set(v.raw.number, v.tcp.stream);
          if (v.packet.tcpFlags & TCP_RST) rst.add(v.raw.number);
        });
        expect(flags.size).toBeGreaterThan(0);
        for (const a of truth.frames.tls_attempts as Attempt[]) {
          const retransmitted = [...a.syn_retransmissions, ...a.client_hello_retransmissions];
          for (const f of retransmitted) {
            expect(flags.get(f), `frame ${f}`).toContain('retransmission');
            expect(bad.has(f), `frame ${f} is Bad TCP`).toBe(true);
            expect(stream.get(f)).toBe(stream.get(a.syn[0]!));
          }
          for (const f of [a.syn[0], a.client_hello].filter((x): x is number => x !== null && x !== undefined)) {
            expect(flags.get(f), `frame ${f}`).not.toContain('retransmission');
          }
          for (const { frame: f } of a.rst) {
            expect(rst.has(f), `frame ${f} is a RST`).toBe(true);
            expect(stream.get(f)).toBe(stream.get(a.syn[0]!));
          }
        }
      });
    }
  }
});

test.skipIf(HAVE_LAB_CORPUS)('lab TCP analysis (skipped)', () => {
  console.log(NO_CORPUS_MESSAGE);
});
