// Differential test: TLS per frame against tshark 4.0 on every capture of the public corpus (truth in
// corpus/public/*.tshark.json, made with TCP and TLS desegmentation on): record content types and versions, handshake
// types, SNI, ALPN, supported_versions, JA3/JA3S (string and MD5), alert level and description.
// Read through the one pass (scanCapture's per-frame v.tls, with DNS, HTTP and CONNECT tunnels composed as
// users get them). Differences must be listed, with a reason, in src/test-support/known-differences.ts (the
// TLS section: this test owns the tls.* fields there). TLS inside QUIC is out of scope (frames whose
// frame.protocols has quic are not compared).

import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { scanCapture } from '../../pipeline.ts';
import { fileSource, nodeGunzip } from '../../../cli/sources.ts';
import { HAVE_PUBLIC_CORPUS, NO_CORPUS_MESSAGE, PUBLIC_CORPUS, publicCaptures, readTruth } from '../../../test-support/corpus.ts';
import { knownDifferencesFor } from '../../../test-support/known-differences.ts';
import { all, type Truth, type TruthFrame } from '../../../test-support/tshark-truth.ts';
import { CaptureFormatError } from '../../base/errors.ts';

interface Ours {
  contentTypes: number[];
  recordVersions: number[];
  handshake: number[];
  sni: string[];
  alpn: string[];
  supportedVersions: number[];
  ja3: string[];
  ja3Full: string[];
  ja3s: string[];
  ja3sFull: string[];
  alertLevel: number[];
  alertDesc: number[];
}

interface Mismatch {
  file: string;
  field: string;
  frame: number;
  ours: string;
  theirs: string;
}

async function tlsPerFrame(path: string): Promise<Map<number, Ours>> {
  const out = new Map<number, Ours>();
  await scanCapture(fileSource(path), { gunzip: nodeGunzip, keepIndex: false }, (v) => {
    const i = v.tls;
    if (i === null) return;
    out.set(v.raw.number, {
      contentTypes: [...i.contentTypes],
      recordVersions: [...i.recordVersions],
      handshake: [...i.handshake],
      sni: i.sni === null ? [] : [i.sni],
      alpn: [...i.alpn],
      supportedVersions: [...i.supportedVersions],
      ja3: i.ja3 === null ? [] : [i.ja3],
      ja3Full: i.ja3Full === null ? [] : [i.ja3Full],
      ja3s: i.ja3s === null ? [] : [i.ja3s],
      ja3sFull: i.ja3sFull === null ? [] : [i.ja3sFull],
      alertLevel: i.alerts.map((a) => a.level),
      alertDesc: i.alerts.map((a) => a.description),
    });
  });
  return out;
}

const FIELDS: [keyof Ours, string][] = [
  ['contentTypes', 'tls.record.content_type'],
  ['recordVersions', 'tls.record.version'],
  ['handshake', 'tls.handshake.type'],
  ['sni', 'tls.handshake.extensions_server_name'],
  ['alpn', 'tls.handshake.extensions_alpn_str'],
  ['supportedVersions', 'tls.handshake.extensions.supported_version'],
  ['ja3', 'tls.handshake.ja3'],
  ['ja3Full', 'tls.handshake.ja3_full'],
  ['ja3s', 'tls.handshake.ja3s'],
  ['ja3sFull', 'tls.handshake.ja3s_full'],
  ['alertLevel', 'tls.alert_message.level'],
  ['alertDesc', 'tls.alert_message.desc'],
];

const KNOWN = knownDifferencesFor('tls');

function isKnown(m: Mismatch): boolean {
  return KNOWN.some((k) => k.file === m.file && k.field === m.field && (k.frames === 'all' || k.frames.includes(m.frame)));
}

describe.skipIf(!HAVE_PUBLIC_CORPUS)('TLS per frame agrees with tshark 4.0 on the public corpus', () => {
  const files = publicCaptures();
  const mismatches: Mismatch[] = [];
  const counts = new Map<string, { frames: number; values: number }>();

  test.each(files)('%s', async (rel) => {
    const truth = readTruth<Truth>(rel);
    let ours: Map<number, Ours>;
    try {
      ours = await tlsPerFrame(join(PUBLIC_CORPUS, rel));
    } catch (e) {
      expect(e).toBeInstanceOf(CaptureFormatError);
      expect(truth.summary.tshark_rc).not.toBe(0);
      return;
    }
    for (const t of truth.frames as TruthFrame[]) {
      const frame = t['frame.number'];
      if ((t['frame.protocols'] ?? '').split(':').includes('quic')) continue;
      const o = ours.get(frame);
      for (const [key, field] of FIELDS) {
        const theirs = all<number | string>(t, field).map(String);
        const mine = (o?.[key] ?? []).map(String);
        if (theirs.length === 0 && mine.length === 0) continue;
        const c = counts.get(field) ?? { frames: 0, values: 0 };
        c.frames++;
        c.values += theirs.length;
        counts.set(field, c);
        if (mine.join('|') !== theirs.join('|')) mismatches.push({ file: rel, field, frame, ours: mine.join('|'), theirs: theirs.join('|') });
      }
    }
  });

  test('every difference is a listed, reasoned one, and every listed one still happens', () => {
    const unlisted = mismatches.filter((m) => !isKnown(m));
    const stale = KNOWN.flatMap((k) =>
      k.frames === 'all'
        ? mismatches.some((m) => m.file === k.file && m.field === k.field) ? [] : [`${k.file} ${k.field} all`]
        : k.frames.filter((f) => !mismatches.some((m) => m.file === k.file && m.field === k.field && m.frame === f)).map((f) => `${k.file} ${k.field} ${f}`),
    );
    const agreement = FIELDS.map(([, f]) => {
      const c = counts.get(f) ?? { frames: 0, values: 0 };
      const bad = mismatches.filter((m) => m.field === f).length;
      return `${f}: ${c.frames - bad}/${c.frames} frames (${bad - mismatches.filter((m) => m.field === f && !isKnown(m)).length} listed)`;
    });
    console.log(`TLS field agreement with tshark 4.0:\n  ${agreement.join('\n  ')}`);
    expect(unlisted.slice(0, 60)).toEqual([]);
    expect(stale).toEqual([]);
  });
});

test.skipIf(HAVE_PUBLIC_CORPUS)('public corpus TLS differential (skipped)', () => {
  console.log(NO_CORPUS_MESSAGE);
});
