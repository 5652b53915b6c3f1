// JA4 against corpus/public/ja4-truth.json: FoxIO's reference ja4.py run over every TLS-over-TCP ClientHello of
// the public corpus and of lab/*/capture.pcap (matched by capture and frame; where a row carries
// ja4_recomputed, that is the truth: JA4.md and the Rust implementation take signature_algorithms 000d, the
// file's truth_rule). Every ClientHello radscope finds must have a row, and every row a ClientHello. Read through
// the one pass (scanCapture's per-frame v.tls), CONNECT tunnels included, as users get it.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { scanCapture } from '../../pipeline.ts';
import { fileSource, nodeGunzip } from '../../../cli/sources.ts';
import { HAVE_PUBLIC_CORPUS, NO_CORPUS_MESSAGE, PUBLIC_CORPUS, SHARED } from '../../../test-support/corpus.ts';

interface Ja4Row {
  capture: string;
  frame: number;
  stream: number;
  sni: string | null;
  ja4: string;
  ja4_r: string;
  ja4_recomputed?: string;
}

interface Ja4Truth {
  captures: { capture: string; clienthellos: number }[];
  clienthellos: Ja4Row[];
}

const TRUTH_PATH = join(PUBLIC_CORPUS, 'ja4-truth.json');
const HAVE = HAVE_PUBLIC_CORPUS && existsSync(TRUTH_PATH);

interface Hello {
  frame: number;
  stream: number;
  sni: string | null;
  ja4: string;
  ja4r: string;
}

async function clientHellos(path: string): Promise<Hello[]> {
  const out: Hello[] = [];
  await scanCapture(fileSource(path), { gunzip: nodeGunzip, keepIndex: false }, (v) => {
    const i = v.tls;
    if (i !== null && i.ja4 !== null) out.push({ frame: v.raw.number, stream: i.stream, sni: i.sni, ja4: i.ja4, ja4r: i.ja4r! });
  });
  return out;
}

describe.skipIf(!HAVE)('JA4 agrees with ja4-truth.json (public and lab captures)', () => {
  const truth = HAVE ? (JSON.parse(readFileSync(TRUTH_PATH, 'utf8')) as Ja4Truth) : { captures: [], clienthellos: [] };
  const captures = truth.captures.map((c) => c.capture).filter((c) => existsSync(join(SHARED, 'corpus', c)));

  test('the truth covers public and lab captures', () => {
    expect(captures.some((c) => c.startsWith('public/'))).toBe(true);
    expect(captures.some((c) => c.startsWith('lab/'))).toBe(true);
  });

  test.each(captures)('%s', async (capture) => {
    const ours = await clientHellos(join(SHARED, 'corpus', capture));
    const rows = truth.clienthellos.filter((r) => r.capture === capture);
    expect(ours.map((h) => h.frame)).toEqual(rows.map((r) => r.frame));
    for (const r of rows) {
      const h = ours.find((x) => x.frame === r.frame)!;
      expect({ frame: r.frame, ja4: h.ja4, sni: h.sni, stream: h.stream }).toEqual({ frame: r.frame, ja4: r.ja4_recomputed ?? r.ja4, sni: r.sni, stream: r.stream });
      // ja4_r of a recomputed row is ja4.py's (signature_algorithms_cert), so only its a and b parts are compared
      if (r.ja4_recomputed === undefined) expect(h.ja4r).toBe(r.ja4_r);
      else expect(h.ja4r.split('_').slice(0, 2)).toEqual(r.ja4_r.split('_').slice(0, 2));
    }
  });
});

test.skipIf(HAVE)('JA4 corpus truth (skipped)', () => {
  console.log(NO_CORPUS_MESSAGE);
});
